// Tier 2 — similar-content candidates: blended TF-IDF vectors, an inverted index over each article's top terms, and
// the cosine (without verbatim-shared sentences) of every pair sharing enough of them.
import type { SimilarContentOptions } from './options.js';
import type { CorpusGlobals } from './scope.js';
import type { Store } from './store.js';
import {
  blendedIdf,
  clear,
  docsWithRepeatedSentences,
  dot,
  dotRange,
  postingCap,
  scatter,
  sharedSentenceHashes,
  topTerms,
  vectorOf,
  type Vector,
} from './vectors.js';

/** A candidate pair at or above the `cosine` threshold; `shared`: the sentence hashes both contain (null: none). */
export interface GatedPair {
  a: number;
  b: number;
  cos: number;
  shared: Set<number> | null;
}

export interface Tier2Candidates {
  gated: GatedPair[];
  idf: Float32Array;
  /** Pairs sharing ≥ minSharedTerms top terms. */
  candidates: number;
}

/** Gated pairs in (a, b) order; `skip(a, b)`: pairs not wanted or already near-duplicates. */
export function similarCandidates(
  store: Store,
  similar: SimilarContentOptions,
  globals: CorpusGlobals | null,
  corpusSize: number,
  skip: (a: number, b: number) => boolean,
  lap: (name: string) => void,
): Tier2Candidates {
  const { df, maxTerms } = documentFrequencies(store, globals);
  const idf = blendedIdf(df, store.stemBackground, store.stemCount, corpusSize, similar);
  const top = topTermsOfAll(store, idf, similar, maxTerms);
  const repeatedSentences = docsWithRepeatedSentences(store);
  lap('tfidf');

  // Inverted index over top terms; every pair sharing ≥ minSharedTerms of them gets its cosine right away.
  const postings = topTermPostings(store, top);
  const { gated, candidates } = gatePairs(
    store,
    similar,
    idf,
    top,
    postings,
    repeatedSentences,
    postingCap(similar, corpusSize),
    skip,
  );
  lap('tier2-candidates');
  return { gated, idf, candidates };
}

/** Document frequency per stem (the corpus-wide one of `globals` when given), and the most terms of one document. */
function documentFrequencies(store: Store, globals: CorpusGlobals | null): { df: Int32Array; maxTerms: number } {
  const n = store.words.length;
  const df = globals ? globals.df : new Int32Array(store.stemCount);
  let maxTerms = 0;
  const terms = store.terms;
  for (let i = 0; i < n; i++) {
    const from = store.termStart[i];
    const to = store.termStart[i + 1];
    if (to - from > maxTerms) maxTerms = to - from;
    if (!globals) for (let x = from; x < to; x++) df[terms[x]]++;
  }
  return { df, maxTerms };
}

/** Each document's top terms: ids[i * k, i * k + count[i]) (none for documents under minWords). */
interface TopTerms {
  k: number;
  ids: Int32Array;
  count: Int32Array;
  /** Scratch for vectorOf, sized for the longest document. */
  counts: Int32Array;
}

/** TF-IDF vectors into the store's weights (struct-of-arrays, next to the terms), and each document's top terms. */
function topTermsOfAll(store: Store, idf: Float32Array, similar: SimilarContentOptions, maxTerms: number): TopTerms {
  const n = store.words.length;
  const { weights, termStart } = store;
  const k = similar.topTerms;
  const ids = new Int32Array(n * k);
  const count = new Int32Array(n);
  const scratch = new Int32Array(k);
  const counts = new Int32Array(maxTerms);
  for (let i = 0; i < n; i++) {
    if (store.words[i] < similar.minWords) continue;
    const v = vectorOf(store.view(i), idf, null, counts, weights.subarray(termStart[i], termStart[i + 1]));
    count[i] = topTerms(v, k, scratch, ids, i * k);
  }
  return { k, ids, count, counts };
}

/** The documents having each term among their top terms: docs[start[t], start[t + 1]), ascending. */
function topTermPostings(store: Store, top: TopTerms): { start: Int32Array; docs: Int32Array } {
  const n = store.words.length;
  const stemCount = store.stemCount;
  const { k: topK, ids: topIds, count: topCount } = top;
  const postingCount = new Int32Array(stemCount);
  for (let i = 0; i < n; i++) for (let x = i * topK; x < i * topK + topCount[i]; x++) postingCount[topIds[x]]++;
  const start = new Int32Array(stemCount + 1);
  for (let t = 0; t < stemCount; t++) start[t + 1] = start[t] + postingCount[t];
  const docs = new Int32Array(start[stemCount]);
  const fill = start.slice(0, stemCount);
  for (let i = 0; i < n; i++) for (let x = i * topK; x < i * topK + topCount[i]; x++) docs[fill[topIds[x]]++] = i;
  return { start, docs };
}

/**
 * Every pair sharing ≥ minSharedTerms top terms (terms in more than maxPostings documents aside) is a candidate; those
 * not skipped whose cosine, without verbatim-shared sentences, reaches the threshold are gated, in (a, b) order.
 */
function gatePairs(
  store: Store,
  similar: SimilarContentOptions,
  idf: Float32Array,
  top: TopTerms,
  postings: { start: Int32Array; docs: Int32Array },
  repeatedSentences: Uint8Array,
  maxPostings: number,
  skip: (a: number, b: number) => boolean,
): { gated: GatedPair[]; candidates: number } {
  const n = store.words.length;
  const { terms: termsAll, weights: weightsAll, termStart } = store;
  const { k: topK, ids: topIds, count: topCount, counts } = top;
  const { start: postingStart, docs: postingDocs } = postings;
  const sharedTop = new Int32Array(n);
  const touched = new Int32Array(n);
  let candidates = 0;
  const gated: GatedPair[] = [];
  // Float32 like the weights it holds (so exact), half the cache footprint of Float64: these lookups are most of the
  // cosine's cost.
  const dense = new Float32Array(store.stemCount);
  for (let i = 0; i < n; i++) {
    let hits = 0;
    for (let x = i * topK; x < i * topK + topCount[i]; x++) {
      const t = topIds[x];
      const end = postingStart[t + 1];
      if (end - postingStart[t] > maxPostings) continue;
      for (let p = postingStart[t]; p < end; p++) {
        const j = postingDocs[p];
        if (j <= i) continue;
        if (sharedTop[j]++ === 0) touched[hits++] = j;
      }
    }
    if (hits === 0) continue;
    // Ascending j, so the gated list is built in (a, b) order.
    if (hits > 1) touched.subarray(0, hits).sort();
    const vi = vectorOfDoc(store, i);
    scatter(vi, dense);
    for (let h = 0; h < hits; h++) {
      const j = touched[h];
      const count = sharedTop[j];
      sharedTop[j] = 0;
      if (count < similar.minSharedTerms) continue;
      candidates++;
      if (skip(i, j)) continue;
      let cos = dotRange(termsAll, weightsAll, termStart[j], termStart[j + 1], dense);
      if (cos < similar.cosine) continue;
      // Verbatim-shared sentences are tier 1's business (and boilerplate); tier 2 scores what is left.
      let shared: Set<number> | null = null;
      if (
        repeatedSentences[i] &&
        repeatedSentences[j] &&
        (shared = sharedSentenceHashes(store.view(i), store.view(j)))
      ) {
        clear(vi, dense);
        cos = exactCosine(
          vectorOf(store.view(i), idf, shared, counts),
          vectorOf(store.view(j), idf, shared, counts),
          dense,
        );
        scatter(vi, dense);
        if (cos < similar.cosine) continue;
      }
      gated.push({ a: i, b: j, cos, shared });
    }
    clear(vi, dense);
  }
  return { gated, candidates };
}

/** Document i's stored TF-IDF vector (views into the store's terms and weights). */
function vectorOfDoc(store: Store, i: number): Vector {
  const { terms, weights, termStart } = store;
  return {
    ids: terms.subarray(termStart[i], termStart[i + 1]),
    weights: weights.subarray(termStart[i], termStart[i + 1]),
  };
}

/** Cosine of two vectors through `dense` (all zeros before and after). */
function exactCosine(a: Vector, b: Vector, dense: Float32Array): number {
  scatter(a, dense);
  const c = dot(b, dense);
  clear(a, dense);
  return c;
}
