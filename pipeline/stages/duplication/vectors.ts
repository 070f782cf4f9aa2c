// Tier-2 term vectors: log tf × blended idf over a document's content stems, top terms, sparse dot products.
import { radixSort } from './minhash.js';
import type { SimilarContentOptions } from './options.js';
import type { DocData, Store } from './store.js';

export interface Vector {
  ids: Int32Array;
  weights: Float32Array;
}
const LOG_TF = Float64Array.from({ length: 256 }, (_, c) => 1 + Math.log(c));

/**
 * TF-IDF vector (log tf × idf, L2-normalised) of a document, optionally without some sentences. Ids ascending
 * (the document's terms, or the subset still present). `counts` is zeroed scratch of at least terms.length.
 */
export function vectorOf(
  doc: DocData,
  idf: Float32Array,
  exclude: Set<number> | null,
  counts: Int32Array,
  into?: Float32Array,
): Vector {
  const { terms, tokens, sentenceStarts, sentenceHashes } = doc;
  for (let s = 0; s + 1 < sentenceStarts.length; s++) {
    if (exclude && exclude.has(sentenceHashes[s])) continue;
    for (let x = sentenceStarts[s]; x < sentenceStarts[s + 1]; x++) counts[tokens[x]]++;
  }
  let unique = terms.length;
  if (exclude) {
    unique = 0;
    for (let x = 0; x < terms.length; x++) if (counts[x] > 0) unique++;
  }
  const ids = unique === terms.length ? terms : new Int32Array(unique);
  const weights = into && unique === terms.length ? into : new Float32Array(unique);
  let norm = 0;
  let u = 0;
  for (let x = 0; x < terms.length; x++) {
    const c = counts[x];
    if (c === 0) continue;
    counts[x] = 0;
    const t = terms[x];
    const w = (c < LOG_TF.length ? LOG_TF[c] : 1 + Math.log(c)) * idf[t];
    if (ids !== terms) ids[u] = t;
    weights[u++] = w;
    norm += w * w;
  }
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < unique; i++) weights[i] /= norm;
  return { ids, weights };
}

/**
 * The `k` highest-weighted term ids of a vector (ties by id), in that order, written to out[offset…]; returns how many.
 */
export function topTerms(v: Vector, k: number, top: Int32Array, out: Int32Array, offset: number): number {
  const m = Math.min(k, v.ids.length);
  // top: scratch of ≥ k, indices into v, best first
  let size = 0;
  const { ids, weights } = v;
  for (let x = 0; x < ids.length; x++) {
    const w = weights[x];
    if (size === m) {
      const last = top[m - 1];
      if (w < weights[last] || (w === weights[last] && ids[x] > ids[last])) continue;
    }
    let at = size < m ? size++ : m - 1;
    while (at > 0) {
      const y = top[at - 1];
      if (weights[y] > w || (weights[y] === w && ids[y] < ids[x])) break;
      top[at] = y;
      at--;
    }
    top[at] = x;
  }
  for (let i = 0; i < m; i++) out[offset + i] = ids[top[i]];
  return m;
}

/** Scatter a vector's weights into a dense per-stem array (undo with clear()). */
export function scatter(v: Vector, dense: Float32Array): void {
  for (let i = 0; i < v.ids.length; i++) dense[v.ids[i]] = v.weights[i];
}
export function clear(v: Vector, dense: Float32Array): void {
  for (let i = 0; i < v.ids.length; i++) dense[v.ids[i]] = 0;
}
/** Dot product of ids/weights[from, to) with a scattered vector. */
export function dotRange(
  ids: Int32Array,
  weights: Float32Array,
  from: number,
  to: number,
  dense: Float32Array,
): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += weights[i] * dense[ids[i]];
  return sum;
}
/** Dot product of a vector with a scattered one. */
export function dot(v: Vector, dense: Float32Array): number {
  const { ids, weights } = v;
  let sum = 0;
  for (let i = 0; i < ids.length; i++) sum += weights[i] * dense[ids[i]];
  return sum;
}

export function sharedSentenceHashes(a: DocData, b: DocData): Set<number> | null {
  const set = new Set<number>();
  for (const h of a.sentenceHashes) if (h !== 0) set.add(h);
  let shared: Set<number> | null = null;
  for (const h of b.sentenceHashes) if (h !== 0 && set.has(h)) (shared ??= new Set()).add(h);
  return shared;
}

/** Documents with at least one sentence (≥ 5 words) that also occurs verbatim in another document. */
export function docsWithRepeatedSentences(store: Store): Uint8Array {
  const n = store.words.length;
  const all = store.sentenceHashes;
  let total = 0;
  for (let s = 0; s < all.length; s++) if (all[s] !== 0) total++;
  const hashes = new Uint32Array(total);
  let w = 0;
  for (let s = 0; s < all.length; s++) if (all[s] !== 0) hashes[w++] = all[s];
  const sorted = radixSort(hashes);
  const repeated = new Set<number>();
  for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) repeated.add(sorted[i]);
  const out = new Uint8Array(n);
  if (repeated.size === 0) return out;
  for (let i = 0; i < n; i++) {
    let count = 0;
    for (let s = store.sentenceStart[i]; s < store.sentenceStart[i + 1]; s++)
      if (all[s] !== 0 && repeated.has(all[s])) count++;
    // (A sentence repeated inside one document also flags it; the per-pair check sorts that out.)
    if (count) out[i] = 1;
  }
  return out;
}

/** Top terms listed by more documents than this propose no candidates. */
export const postingCap = (similar: SimilarContentOptions, corpusSize: number) =>
  Math.max(similar.maxPostings, Math.ceil(0.02 * corpusSize));

/**
 * Blended IDF: the corpus plus `backgroundDocs` virtual documents in which each stem occurs at its English background
 * share.
 */
export function blendedIdf(
  df: Int32Array,
  background: Float32Array,
  stemCount: number,
  corpusSize: number,
  similar: SimilarContentOptions,
): Float32Array {
  const idf = new Float32Array(stemCount);
  const N0 = similar.backgroundDocs;
  for (let t = 0; t < stemCount; t++) idf[t] = Math.log((corpusSize + N0 + 1) / (df[t] + N0 * background[t] + 0.5));
  return idf;
}
