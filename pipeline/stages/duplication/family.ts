// Who else holds a shared run of wording. A spinner's kept stretch is a trace of one page in another: the source and
// its rewrite hold it, no third text does. Pages written to one template by one author (the reference pages of one
// manual on sibling concepts) share the family's frame phrases ("specifies a list of fixtures", "is not required to
// have any similarity to"), and every sibling holds them; a phrase many texts of the corpus hold is its stock wording
// ("the new behavior for this policy is to": more texts than the corpus's boilerplate cut). Used by similar-content
// on the pairs its outline would report.
//
// Holding a run (runQuery): the document's shingles hold every 5-word shingle of the run (its exact wording), or, for
// a run under 5 words, its content tokens hold the run's content stems one after the other. A third text counts only
// when it is similar to one of the pair (a compared pair) and no near-duplicate of either: copies of the source
// elsewhere in the corpus never make a rewrite's kept stretch look shared.
import type { NearPair } from './tier1.js';
import { layoutOf, type Layout } from './features.js';
import { intersectionSize } from './minhash.js';
import { combine, fmix32, StemCache, tokenize } from './text.js';

/** What the corpus says about one shared run. */
export const OWN = 0;
/** …a third text similar to one of the pair holds it too (a sibling page of one template, or another rewrite). */
export const SHARED = 1;
/** …more texts than the boilerplate cut hold it: the corpus's stock wording, no trace of copying. */
export const STOCK = 2;
export type RunVerdict = typeof OWN | typeof SHARED | typeof STOCK;

/** Per document, its near-duplicate component (union-find over the near-duplicate pairs): one text per component. */
export function textFamilies(n: number, nearPairs: readonly NearPair[]): Int32Array {
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  for (const { a, b } of nearPairs) {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  for (let i = 0; i < n; i++) parent[i] = find(i);
  return parent;
}

const stemCache = new StemCache(1 << 16);

/**
 * A run as the features can find it: runs of at least `shingleSize` words by their exact wording (every 5-word
 * shingle of the run, as features.ts hashes them: case and digits folded), shorter ones by their content stems in
 * reading order (names included; stop words between them are not kept in the features).
 */
export interface RunQuery {
  shingles: number[];
  stems: number[];
}

export function runQuery(text: string, shingleSize: number): RunQuery {
  const hashes: number[] = [];
  const stems: number[] = [];
  tokenize(text, 0, text.length, stemCache, (hash, stem) => {
    hashes.push(hash);
    if (stem >= 0) stems.push(stem | 0);
  });
  const shingles: number[] = [];
  for (let p = 0; p + shingleSize <= hashes.length; p++) {
    let h = 0x2545f491;
    for (let q = 0; q < shingleSize; q++) h = combine(h, hashes[p + q]);
    shingles.push(fmix32(h) | 0);
  }
  return shingles.length > 0 ? { shingles, stems: [] } : { shingles, stems };
}

/** Queries looked up at one of their keys (a shingle, or two stems in a row): key → [query, its position]. */
type Triggers = Map<number, { k: number; at: number }[]>;

function addTrigger(triggers: Triggers, value: number, k: number, at: number): void {
  const list = triggers.get(value);
  if (list) list.push({ k, at });
  else triggers.set(value, [{ k, at }]);
}

/** A bit filter over the low 20 bits of some hashes (uniform bits: fmix32 outputs). */
function bitFilter(values: Iterable<number>): Uint32Array {
  const bits = new Uint32Array(1 << 15);
  for (const h of values) bits[(h >>> 5) & 0x7fff] |= 1 << (h & 31);
  return bits;
}

const inFilter = (bits: Uint32Array, h: number) => (bits[(h >>> 5) & 0x7fff] & (1 << (h & 31))) !== 0;

/** Who holds a query: how many texts (up to the stock cut, then no longer counted), and the first LISTED of them. */
export interface Holders {
  count: number;
  /** Per listed text: a document of it (the first seen). */
  docs: number[];
  texts: number[];
}

const LISTED = 64;

/** The longest short run in content stems (a run under `shingleSize` words has fewer content words). */
const MAX_SHORT_STEMS = 4;

/** Some stems in a row as one key (the lookup key of a short run): `h` chained over them, then their count. */
const seqKey = (h: number, length: number) => fmix32(combine(h, length)) | 0;
const SEQ_SEED = 0x68e31da4;

/**
 * The texts (near-duplicate components) holding each query: one pass over the documents' features. A long run is
 * looked up at its first shingle, a short one by a hash of its content stems in a row (every place of every document,
 * for each length up to MAX_SHORT_STEMS); bit filters skip the rest, and a query is settled once more than `stockCut`
 * texts hold it (and is not checked again: a stock run that starts many queries costs no more). The work is the
 * corpus's shingles and content tokens plus the places that hold a query — linear in the corpus, whatever the number
 * of pairs.
 */
export function holdersOf(
  features: readonly Uint32Array[],
  shingleSize: number,
  families: Int32Array,
  queries: readonly RunQuery[],
  stockCut: number,
): Holders[] {
  const holders: Holders[] = queries.map(() => ({ count: 0, docs: [], texts: [] }));
  const byShingle: Triggers = new Map();
  const byPair: Triggers = new Map();
  queries.forEach(({ shingles, stems }, k) => {
    if (shingles.length > 0) addTrigger(byShingle, shingles[0] >>> 0, k, 0);
    else if (stems.length >= 2 && stems.length <= MAX_SHORT_STEMS) {
      let h = SEQ_SEED;
      for (const stem of stems) h = combine(h, stem);
      addTrigger(byPair, seqKey(h, stems.length), k, 0);
    }
  });
  if (byShingle.size + byPair.size === 0) return holders;
  const shingleBits = bitFilter(byShingle.keys());
  const pairBits = bitFilter(byPair.keys());
  const firstBits = bitFilter(
    queries.filter((q) => q.shingles.length === 0 && q.stems.length >= 2).map((q) => q.stems[0]),
  );
  const lastDoc = new Int32Array(queries.length).fill(-1);
  const record = (k: number, d: number) => {
    const h = holders[k];
    if (lastDoc[k] === d || h.count > stockCut) return;
    lastDoc[k] = d;
    const text = families[d];
    if (h.texts.includes(text)) return;
    h.count++;
    if (h.texts.length < LISTED) {
      h.texts.push(text);
      h.docs.push(d);
    }
  };
  for (let d = 0; d < features.length; d++) {
    const f = features[d];
    const l = layoutOf(f, '', shingleSize);
    if (byShingle.size > 0) {
      const set = f.subarray(l.shingles, l.shingles + l.shingleCount);
      for (let x = 0; x < set.length; x++) {
        const h = set[x];
        if (!inFilter(shingleBits, h)) continue;
        for (const { k } of byShingle.get(h) ?? [])
          if (holders[k].count <= stockCut && holdsShingles(set, queries[k].shingles)) record(k, d);
      }
    }
    if (byPair.size === 0) continue;
    const tokens = l.wideTokens
      ? f.subarray(l.tokens, l.tokens + l.tokenCount)
      : new Uint16Array(f.buffer, f.byteOffset + l.tokens * 4, l.tokenCount);
    // Every place and every length up to MAX_SHORT_STEMS: exact sequences only reach the lookup.
    for (let p = 0; p + 1 < tokens.length; p++) {
      const first = f[l.stems + tokens[p]] | 0;
      if (!inFilter(firstBits, first)) continue;
      let h = combine(SEQ_SEED, first);
      for (let n = 2; n <= MAX_SHORT_STEMS && p + n <= tokens.length; n++) {
        h = combine(h, f[l.stems + tokens[p + n - 1]] | 0);
        const key = seqKey(h, n);
        if (!inFilter(pairBits, key)) continue;
        for (const { k } of byPair.get(key) ?? [])
          if (holders[k].count <= stockCut && stemsAt(f, l, tokens, p, queries[k].stems)) record(k, d);
      }
    }
  }
  return holders;
}

/** Does a sorted shingle set hold every one of `shingles`? */
function holdsShingles(set: Uint32Array, shingles: readonly number[]): boolean {
  for (const s of shingles) {
    const h = s >>> 0;
    let lo = 0;
    let hi = set.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (set[mid] < h) lo = mid + 1;
      else hi = mid;
    }
    if (lo === set.length || set[lo] !== h) return false;
  }
  return true;
}

/** Are the document's content tokens from `from` on the stems of the query, in a row? */
function stemsAt(
  f: Uint32Array,
  l: Layout,
  tokens: ArrayLike<number>,
  from: number,
  stems: readonly number[],
): boolean {
  if (from < 0 || from + stems.length > tokens.length) return false;
  for (let j = 0; j < stems.length; j++) if ((f[l.stems + tokens[from + j]] | 0) !== stems[j]) return false;
  return true;
}

/**
 * A run's verdict for the pair of documents a and b: stock when more than `stockCut` texts hold it; shared when a
 * third text holds it that is itself similar to a or b (`neighbours`: a compared pair above the cosine gate — the
 * sibling pages of a family are; an unrelated page that happens to use three of the same words says nothing about the
 * pair) and is no copy of either (`sameText`); else the pair's own.
 */
export function verdictOf(
  holders: Holders,
  a: number,
  b: number,
  stockCut: number,
  neighbours: (x: number, y: number) => boolean,
  sameText: (x: number, y: number) => boolean,
): RunVerdict {
  if (holders.count > stockCut) return STOCK;
  for (const d of holders.docs) {
    if (d === a || d === b || !(neighbours(a, d) || neighbours(b, d))) continue;
    if (!sameText(a, d) && !sameText(b, d)) return SHARED;
  }
  return OWN;
}

/**
 * Are two documents one text: in one near-duplicate component, or (pairs the run did not compare, as in focus mode)
 * near-duplicates by their shingle sets — Jaccard or containment at the near-duplicate thresholds?
 */
export function sameTextTest(
  families: Int32Array,
  shingles: (i: number) => Uint32Array,
  near: { jaccard: number; containment: number },
): (x: number, y: number) => boolean {
  return (x, y) => {
    if (families[x] === families[y]) return true;
    const A = shingles(x);
    const B = shingles(y);
    if (A.length === 0 || B.length === 0) return false;
    const shared = intersectionSize(A, B);
    return (
      shared / (A.length + B.length - shared) >= near.jaccard ||
      shared / Math.min(A.length, B.length) >= near.containment
    );
  };
}

/** The compared pairs (tier-2 candidates above the cosine gate) as a symmetric adjacency test. */
export function neighbourhood(
  n: number,
  pairs: readonly { a: number; b: number }[],
): (x: number, y: number) => boolean {
  const degree = new Int32Array(n + 1);
  for (const { a, b } of pairs) {
    degree[a + 1]++;
    degree[b + 1]++;
  }
  for (let i = 0; i < n; i++) degree[i + 1] += degree[i];
  const start = degree.slice();
  const adjacent = new Int32Array(degree[n]);
  for (const { a, b } of pairs) {
    adjacent[start[a]++] = b;
    adjacent[start[b]++] = a;
  }
  for (let i = 0; i < n; i++) adjacent.subarray(degree[i], degree[i + 1]).sort();
  return (x, y) => {
    let lo = degree[x];
    let hi = degree[x + 1];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (adjacent[mid] < y) lo = mid + 1;
      else hi = mid;
    }
    return lo < degree[x + 1] && adjacent[lo] === y;
  };
}
