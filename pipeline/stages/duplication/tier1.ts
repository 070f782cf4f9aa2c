// Tier 1 — near-duplicates: boilerplate shingles out, MinHash + LSH banding and the containment index propose
// candidates, exact Jaccard and containment on the sorted shingle sets decide.
import { boilerplateShingles } from './boilerplate.js';
import { chooseBands, containmentCandidates, intersectionSize, lshCandidates, signature } from './minhash.js';
import type { NearDuplicateOptions } from './options.js';
import { boilerplateCut, type CorpusGlobals } from './scope.js';
import type { Store } from './store.js';

export interface NearPair {
  a: number;
  b: number;
  jaccard: number;
  containment: number;
}

export interface Tier1Result {
  nearPairs: NearPair[];
  /** a * n + b of every near-duplicate pair. */
  isNear: Set<number>;
  bands: number;
  rows: number;
  boilerplateShingles: number;
  candidates: number;
  /** With keepInternals: the shingle sets after boilerplate removal and the LSH candidates alone. */
  shingles?: Uint32Array[];
  lshCandidates?: Set<number>;
}

/** Near-duplicate pairs among the store's documents (pairs `wanted` only). Frees the shingle sets when done. */
export function nearDuplicates(
  store: Store,
  near: NearDuplicateOptions,
  globals: CorpusGlobals | null,
  wanted: (a: number, b: number) => boolean,
  keepInternals: boolean,
  lap: (name: string) => void,
): Tier1Result {
  const n = store.words.length;
  const frequent = globals ? globals.frequent : boilerplateShingles(store.shingleSets, boilerplateCut(near, n));
  store.removeShingles(frequent);
  const sets = store.shingleSets.slice();
  lap('boilerplate');
  const K = near.permutations;
  const eligible = new Uint8Array(n);
  for (let i = 0; i < n; i++) eligible[i] = store.words[i] >= near.minWords && sets[i].length > 0 ? 1 : 0;
  const signatures = new Uint32Array(n * K);
  for (let i = 0; i < n; i++) if (eligible[i]) signature(sets[i], K, signatures, i * K);
  lap('minhash');
  const { bands, rows } = chooseBands(near.jaccard, K);
  const candidates = new Set<number>();
  lshCandidates(signatures, K, eligible, bands, rows, 200, candidates);
  lap('lsh');
  const kept = keepInternals ? { shingles: sets.slice(), lshCandidates: new Set(candidates) } : {};
  containmentCandidates(sets, eligible, near.containmentSample, near.containment, candidates);
  lap('containment');
  const nearPairs: NearPair[] = [];
  const isNear = new Set<number>();
  for (const key of [...candidates].sort((x, y) => x - y)) {
    const a = Math.floor(key / n);
    const b = key - a * n;
    if (!wanted(a, b)) continue;
    const A = sets[a];
    const B = sets[b];
    const inter = intersectionSize(A, B);
    const jaccard = inter / (A.length + B.length - inter);
    const containment = inter / Math.min(A.length, B.length);
    if (jaccard >= near.jaccard || containment >= near.containment) {
      nearPairs.push({ a, b, jaccard, containment });
      isNear.add(key);
    }
  }
  // Shingles are tier 1's alone: free them before tier 2 builds its vectors.
  sets.length = 0;
  store.freeShingles();
  lap('verify');
  return { nearPairs, isNear, bands, rows, boilerplateShingles: frequent.length, candidates: candidates.size, ...kept };
}
