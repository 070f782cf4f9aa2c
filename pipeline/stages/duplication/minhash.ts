// Tier 1 machinery: shingle sets, one-permutation MinHash signatures, LSH banding, a bottom-k containment index
// and exact Jaccard/containment on candidates. Everything works on sorted Uint32Array shingle-hash sets.
import { fmix32 } from './text.js';

const SIG_SEED = 0x9e3779b9;
const EMPTY = 0xffffffff;

/** Sort and de-duplicate in place; returns the unique prefix as a view. */
export function sortUnique(values: Uint32Array): Uint32Array {
  if (values.length < 2) return values;
  values.sort();
  let w = 1;
  for (let r = 1; r < values.length; r++) if (values[r] !== values[w - 1]) values[w++] = values[r];
  return values.subarray(0, w);
}

/**
 * Ascending sort of unsigned 32-bit values in place: LSD radix sort in two 16-bit passes. Same result as sort(),
 * several times faster on the millions of shingle hashes of a corpus (small arrays just use sort()).
 */
export function radixSort(values: Uint32Array): Uint32Array {
  const n = values.length;
  if (n < 1 << 14) return values.sort();
  const scratch = new Uint32Array(n);
  const counts = new Int32Array(1 << 16);
  for (let i = 0; i < n; i++) counts[values[i] & 0xffff]++;
  prefixSums(counts);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    scratch[counts[v & 0xffff]++] = v;
  }
  counts.fill(0);
  for (let i = 0; i < n; i++) counts[scratch[i] >>> 16]++;
  prefixSums(counts);
  for (let i = 0; i < n; i++) {
    const v = scratch[i];
    values[counts[v >>> 16]++] = v;
  }
  return values;
}

/** Counts → exclusive prefix sums (each bucket's first output slot). */
function prefixSums(counts: Int32Array): void {
  let sum = 0;
  for (let b = 0; b < counts.length; b++) {
    const c = counts[b];
    counts[b] = sum;
    sum += c;
  }
}

/** |A ∩ B| of two sorted unique sets. */
export function intersectionSize(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}

/** A \ drop for sorted unique sets (a new array only when something is dropped). */
export function difference(a: Uint32Array, drop: Uint32Array): Uint32Array {
  if (drop.length === 0 || a.length === 0) return a;
  const out = new Uint32Array(a.length);
  let w = 0;
  let j = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    while (j < drop.length && drop[j] < x) j++;
    if (j < drop.length && drop[j] === x) continue;
    out[w++] = x;
  }
  return w === a.length ? a : out.slice(0, w);
}

/**
 * Shingles in more than `maxDocs` documents (boilerplate: footers, navigation, licence text), ascending.
 * Document frequency is counted exactly up to `sampleLimit` documents, and on an evenly spaced
 * deterministic sample above that (boilerplate sits far above the cut, so the estimate is ample).
 *
 * Counting is two passes over the sets and never materialises them: a counting sketch (hashed, saturating counters,
 * which can only over-count) lets through every shingle that could be frequent, and only those are counted exactly.
 * (Concatenating and sorting millions of hashes cost more, mostly in touching fresh memory.)
 */
export function frequentShingles(sets: readonly Uint32Array[], maxDocs: number, sampleLimit = 20000): Uint32Array {
  const n = sets.length;
  const step = Math.max(1, Math.ceil(n / sampleLimit));
  // Frequent: count * step > maxDocs.
  const need = Math.floor(maxDocs / step) + 1;
  let total = 0;
  for (let i = 0; i < n; i += step) total += sets[i].length;
  if (total === 0) return new Uint32Array(0);
  // Sized for an average load of about need / 8 per counter, so a counter of non-frequent shingles rarely reaches
  // `need`, and otherwise as small as that allows (a sketch that stays in cache is most of the speed).
  let size = 1 << 12;
  while (size < (total * 8) / need && size < 1 << 22) size <<= 1;
  const mask = size - 1;
  const cap = need <= 0xff ? 0xff : 0xffff;
  const sketch = cap === 0xff ? new Uint8Array(size) : new Uint16Array(size);
  for (let i = 0; i < n; i += step) {
    const set = sets[i];
    for (let x = 0; x < set.length; x++) {
      // (Shingle hashes are fmix32 outputs already: their low bits are uniform.)
      const slot = set[x] & mask;
      if (sketch[slot] !== cap) sketch[slot]++;
    }
  }
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i += step) {
    const set = sets[i];
    for (let x = 0; x < set.length; x++) {
      const h = set[x];
      if (sketch[h & mask] >= need) counts.set(h, (counts.get(h) ?? 0) + 1);
    }
  }
  const out: number[] = [];
  for (const [h, count] of counts) if (count >= need) out.push(h);
  return Uint32Array.from(out).sort();
}

/**
 * One-permutation MinHash with optimal densification (Shrivastava 2017): each shingle is hashed once, its bin is
 * chosen by the hash and the bin keeps the minimum of a second hash; empty bins borrow from a bin chosen by a
 * seeded probe sequence. Pr[sigA[i] = sigB[i]] = Jaccard(A, B) as for k independent permutations, at 1/k the cost.
 */
export function signature(set: Uint32Array, k: number, out: Uint32Array, offset: number): void {
  out.fill(EMPTY, offset, offset + k);
  if (set.length === 0) return;
  let filledCount = 0;
  for (let i = 0; i < set.length; i++) {
    const h = set[i];
    const bin = offset + Math.floor((h * k) / 4294967296);
    const v = fmix32(h ^ SIG_SEED) >>> 1; // < EMPTY, so a filled bin never reads as empty
    const old = out[bin];
    if (old === EMPTY) filledCount++;
    if (v < old) out[bin] = v;
  }
  if (filledCount === k) return;
  // Densify: the probe sequence depends only on (bin, attempt), so two documents borrow from the same bins.
  const filled = new Uint8Array(k);
  for (let b = 0; b < k; b++) filled[b] = out[offset + b] === EMPTY ? 0 : 1;
  for (let b = 0; b < k; b++) {
    if (filled[b]) continue;
    for (let attempt = 1; ; attempt++) {
      const probe = fmix32(Math.imul(b + 1, 0x27d4eb2d) ^ Math.imul(attempt, 0x165667b1)) % k;
      if (filled[probe]) {
        out[offset + b] = out[offset + probe];
        break;
      }
    }
  }
}

/** Smallest rows-per-band choice that catches a pair AT the threshold with probability ≥ target. */
export function chooseBands(
  threshold: number,
  permutations: number,
  target = 0.99,
): { bands: number; rows: number; recallAtThreshold: number } {
  let best = { bands: permutations, rows: 1, recallAtThreshold: 1 - (1 - threshold) ** permutations };
  for (let rows = 1; rows <= permutations; rows++) {
    const bands = Math.floor(permutations / rows);
    const p = 1 - (1 - threshold ** rows) ** bands;
    if (p >= target) best = { bands, rows, recallAtThreshold: p };
    else break;
  }
  return best;
}

/** Adds candidate pairs (i < j, encoded i * n + j) from LSH banding of the signatures. */
export function lshCandidates(
  signatures: Uint32Array,
  k: number,
  eligible: Uint8Array,
  bands: number,
  rows: number,
  maxBucket: number,
  out: Set<number>,
): void {
  const n = eligible.length;
  const docs: number[] = [];
  for (let i = 0; i < n; i++) if (eligible[i]) docs.push(i);
  const keys = new Float64Array(docs.length);
  const SHIFT = 2 ** 21;
  for (let band = 0; band < bands; band++) {
    for (let d = 0; d < docs.length; d++) {
      const base = docs[d] * k + band * rows;
      let h = Math.imul(band + 1, 0x9e3779b1) >>> 0;
      for (let r = 0; r < rows; r++) h = fmix32(h ^ signatures[base + r]);
      keys[d] = h * SHIFT + docs[d];
    }
    keys.sort();
    for (let s = 0; s < keys.length; ) {
      const key = Math.floor(keys[s] / SHIFT);
      let e = s + 1;
      while (e < keys.length && Math.floor(keys[e] / SHIFT) === key) e++;
      if (e - s > 1) {
        const size = e - s;
        for (let x = s; x < e; x++) {
          const a = keys[x] - key * SHIFT;
          // Oversized buckets (thousands of copies of one text) are chained: each member pairs with its next ones only.
          const limit = size > maxBucket ? Math.min(e, x + 1 + 8) : e;
          for (let y = x + 1; y < limit; y++) {
            const b = keys[y] - key * SHIFT;
            out.add(a < b ? a * n + b : b * n + a);
          }
        }
      }
      s = e;
    }
  }
}

/** Smallest hit count t such that Bin(k, c) falls below t with probability ≤ miss. */
export function hitThreshold(k: number, c: number, miss = 0.01): number {
  // P(X < t) for X ~ Bin(k, c); take the largest t with P(X < t) ≤ miss (at least 1).
  let cumulative = 0;
  let t = 0;
  for (let x = 0; x <= k; x++) {
    const p = binomial(k, x) * c ** x * (1 - c) ** (k - x);
    if (cumulative + p > miss) break;
    cumulative += p;
    t = x + 1;
  }
  return Math.max(1, Math.min(k, t));
}

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

/**
 * Containment candidates: every document's k smallest shingle hashes (a bottom-k sample) go into an index; each
 * document then looks up its own shingles and counts, per indexed document A, how many of A's samples it holds.
 * If A is contained in B at share c, the count is Bin(k, c): a hit threshold from hitThreshold() keeps recall ≥ 99 %.
 */
export function containmentCandidates(
  sets: readonly Uint32Array[],
  eligible: Uint8Array,
  k: number,
  containment: number,
  out: Set<number>,
): void {
  const n = sets.length;
  let entries = 0;
  for (let i = 0; i < n; i++) if (eligible[i]) entries += Math.min(k, sets[i].length);
  if (entries === 0) return;
  let size = 1;
  while (size < entries * 2) size <<= 1;
  const mask = size - 1;
  const slotKey = new Uint32Array(size);
  const slotHead = new Int32Array(size).fill(-1);
  const next = new Int32Array(entries);
  const entryDoc = new Int32Array(entries);
  let e = 0;
  let maxAnchor = 0;
  const thresholds = new Int32Array(k + 1);
  for (let s = 1; s <= k; s++) thresholds[s] = hitThreshold(s, containment);
  for (let i = 0; i < n; i++) {
    if (!eligible[i]) continue;
    const set = sets[i];
    const m = Math.min(k, set.length);
    if (m > 0 && set[m - 1] > maxAnchor) maxAnchor = set[m - 1];
    for (let x = 0; x < m; x++) {
      const h = set[x];
      let slot = fmix32(h) & mask;
      while (slotHead[slot] !== -1 && slotKey[slot] !== h) slot = (slot + 1) & mask;
      slotKey[slot] = h;
      entryDoc[e] = i;
      next[e] = slotHead[slot];
      slotHead[slot] = e++;
    }
  }
  const hits = new Int32Array(n);
  const touched: number[] = [];
  for (let b = 0; b < n; b++) {
    if (!eligible[b]) continue;
    const set = sets[b];
    for (let x = 0; x < set.length; x++) {
      const h = set[x];
      if (h > maxAnchor) break;
      let slot = fmix32(h) & mask;
      while (slotHead[slot] !== -1 && slotKey[slot] !== h) slot = (slot + 1) & mask;
      for (let p = slotHead[slot]; p !== -1; p = next[p]) {
        const a = entryDoc[p];
        if (a === b) continue;
        const la = sets[a].length;
        if (la > set.length || (la === set.length && a > b)) continue;
        if (hits[a]++ === 0) touched.push(a);
      }
    }
    for (const a of touched) {
      if (hits[a] >= thresholds[Math.min(k, sets[a].length)]) out.add(a < b ? a * n + b : b * n + a);
      hits[a] = 0;
    }
    touched.length = 0;
  }
}
