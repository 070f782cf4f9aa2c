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
  const n = store.words.length;
  const stemCount = store.stemCount;
  const df = globals ? globals.df : new Int32Array(stemCount);
  let maxTerms = 0;
  {
    const terms = store.terms;
    for (let i = 0; i < n; i++) {
      const from = store.termStart[i];
      const to = store.termStart[i + 1];
      if (to - from > maxTerms) maxTerms = to - from;
      if (!globals) for (let x = from; x < to; x++) df[terms[x]]++;
    }
  }
  const idf = blendedIdf(df, store.stemBackground, stemCount, corpusSize, similar);
  // Vectors, struct-of-arrays: article i's weights sit next to its terms (weights[termStart[i], termStart[i + 1])).
  const weightsAll = store.weights;
  const termsAll = store.terms;
  const termStart = store.termStart;
  const vectorOfDoc = (i: number): Vector => ({
    ids: termsAll.subarray(termStart[i], termStart[i + 1]),
    weights: weightsAll.subarray(termStart[i], termStart[i + 1]),
  });
  const topK = similar.topTerms;
  const topIds = new Int32Array(n * topK);
  const topCount = new Int32Array(n);
  const topScratch = new Int32Array(topK);
  const counts = new Int32Array(maxTerms);
  for (let i = 0; i < n; i++) {
    if (store.words[i] < similar.minWords) continue;
    const v = vectorOf(store.view(i), idf, null, counts, weightsAll.subarray(termStart[i], termStart[i + 1]));
    topCount[i] = topTerms(v, topK, topScratch, topIds, i * topK);
  }
  const repeatedSentences = docsWithRepeatedSentences(store);
  lap('tfidf');

  // Inverted index over top terms; every pair sharing ≥ minSharedTerms of them gets its cosine right away.
  const postingCount = new Int32Array(stemCount);
  for (let i = 0; i < n; i++) for (let x = i * topK; x < i * topK + topCount[i]; x++) postingCount[topIds[x]]++;
  const postingStart = new Int32Array(stemCount + 1);
  for (let t = 0; t < stemCount; t++) postingStart[t + 1] = postingStart[t] + postingCount[t];
  const postingDocs = new Int32Array(postingStart[stemCount]);
  const fill = postingStart.slice(0, stemCount);
  for (let i = 0; i < n; i++)
    for (let x = i * topK; x < i * topK + topCount[i]; x++) postingDocs[fill[topIds[x]]++] = i;
  const maxPostings = postingCap(similar, corpusSize);
  const sharedTop = new Int32Array(n);
  const touched = new Int32Array(n);
  let candidates = 0;
  const gated: GatedPair[] = [];
  // Float32 like the weights it holds (so exact), half the cache footprint of Float64: these lookups are most of the
  // cosine's cost.
  const dense = new Float32Array(stemCount);
  const exactCosine = (a: Vector, b: Vector) => {
    scatter(a, dense);
    const c = dot(b, dense);
    clear(a, dense);
    return c;
  };
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
    const vi = vectorOfDoc(i);
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
        cos = exactCosine(vectorOf(store.view(i), idf, shared, counts), vectorOf(store.view(j), idf, shared, counts));
        scatter(vi, dense);
        if (cos < similar.cosine) continue;
      }
      gated.push({ a: i, b: j, cos, shared });
    }
    clear(vi, dense);
  }
  lap('tier2-candidates');
  return { gated, idf, candidates };
}
