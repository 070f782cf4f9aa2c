// Copied passages (rule `copied-passage`, docs/rules/copied-passage.md): runs of sentences two articles share word
// for word (or with a lightly edited sentence inside the run), whatever share of either article they are. Candidates
// come from an index of sentence hashes (only hashes that occur in two or more documents are ever grouped), so the
// work grows with the number of shared sentences, never with the number of pairs.

import { radixSort } from './minhash.js';
import { isBoilerplate, type SentenceBoilerplate } from './sentence-boilerplate.js';

/** What the passage search reads: per-document sentence ranges with each sentence's hash and word count. */
export interface SentenceCorpus {
  words: Int32Array;
  sentenceStart: Int32Array;
  sentenceWords: Int32Array;
  sentenceHashes: Uint32Array;
  /** Per sentence, the hash of the nearest heading above it (0 = none). */
  sentenceHeadings: Uint32Array;
}

export interface PassageOptions {
  /** Sentences shorter than this never start or extend a match by themselves ("Thank you.", "Read more."). */
  minSentenceWords: number;
  /** A run of two or more shared sentences is reported from this many words on (in the shorter side)… */
  minWords: number;
  /** …a single shared sentence only from this many. */
  singleSentenceWords: number;
  /** Sentences that may differ inside a run (a lightly edited sentence) on either side. */
  maxGap: number;
  /**
   * Documents sharing one sentence beyond which each is linked to its next few only (a farm of copies stays linear).
   */
  maxGroup: number;
}

/** One copied run, as sentence indices local to each document (inclusive). */
export interface CopiedRun {
  aFrom: number;
  aTo: number;
  bFrom: number;
  bTo: number;
  /** Sentences matched verbatim in the run (the rest were bridged as light edits). */
  matched: number;
  wordsA: number;
  wordsB: number;
  /** Matched sentence pairs, local indices (for the evidence). */
  pairs: { a: number; b: number }[];
}

export interface CopiedPair {
  a: number;
  b: number;
  runs: CopiedRun[];
  wordsA: number;
  wordsB: number;
  /** Boilerplate pasted away from its home heading: the side it was pasted into (a or b); the other is a home page. */
  pastedInto?: number;
  /** With pastedInto: the same passage's pairs with the other home pages that carry it. */
  alsoAtHome?: CopiedPair[];
}

/** Document index of every sentence (sentence ranges are contiguous, documents in order). */
function documentOfSentences(c: SentenceCorpus): Int32Array {
  const n = c.words.length;
  const docOf = new Int32Array(c.sentenceStart[n]);
  for (let d = 0; d < n; d++) docOf.fill(d, c.sentenceStart[d], c.sentenceStart[d + 1]);
  return docOf;
}

/** Hashes of long-enough sentences that occur at least twice in the corpus (one sort of a hash array). */
function repeatedHashes(c: SentenceCorpus, minSentenceWords: number): Set<number> {
  const total = c.sentenceHashes.length;
  const all = new Uint32Array(total);
  let m = 0;
  for (let s = 0; s < total; s++)
    if (c.sentenceHashes[s] !== 0 && c.sentenceWords[s] >= minSentenceWords) all[m++] = c.sentenceHashes[s];
  const sorted = radixSort(all.subarray(0, m));
  const out = new Set<number>();
  for (let x = 1; x < sorted.length; x++) if (sorted[x] === sorted[x - 1]) out.add(sorted[x]);
  return out;
}

/** Repeated sentences grouped by hash: each group lists its sentences (global indices, ascending). */
function groupsOf(c: SentenceCorpus, repeated: Set<number>, minSentenceWords: number): Map<number, number[]> {
  const groups = new Map<number, number[]>();
  const total = c.sentenceHashes.length;
  for (let s = 0; s < total; s++) {
    const h = c.sentenceHashes[s];
    if (c.sentenceWords[s] < minSentenceWords || !repeated.has(h)) continue;
    let g = groups.get(h);
    if (!g) groups.set(h, (g = []));
    g.push(s);
  }
  return groups;
}

/** Shared sentences of a corpus: which document each sentence is in, and the repeated ones grouped by hash. */
export interface SentenceIndex {
  docOf: Int32Array;
  groups: Map<number, number[]>;
}

export function sentenceIndex(c: SentenceCorpus, minSentenceWords: number): SentenceIndex {
  return { docOf: documentOfSentences(c), groups: groupsOf(c, repeatedHashes(c, minSentenceWords), minSentenceWords) };
}

/** Distinct documents of a group (its sentences are ascending, so documents are too). */
function documentsOf(group: number[], docOf: Int32Array): number[] {
  const out: number[] = [];
  for (const s of group) if (out[out.length - 1] !== docOf[s]) out.push(docOf[s]);
  return out;
}

/**
 * Matched sentence pairs per document pair, keyed a * n + b (a < b), as flat [sA, sB, sA, sB, …] (global indices);
 * and the pairs whose only matches link a place where boilerplate was pasted to a page that carries it at home, with
 * the side it was pasted into.
 */
interface Matches {
  matches: Map<number, number[]>;
  pasted: Map<number, number>;
}

function matchesOf(
  c: SentenceCorpus,
  index: SentenceIndex,
  boilerplate: SentenceBoilerplate,
  maxGroup: number,
  wanted: (a: number, b: number) => boolean,
): Matches {
  const { groups, docOf } = index;
  const n = c.words.length;
  const matches = new Map<number, number[]>();
  const pasted = new Map<number, number>();
  const plain = new Set<number>();
  /** Links sentences x and y (x < y); `host`: the sentence pasted away from home (x or y), or -1 (a plain match). */
  const add = (x: number, y: number, host: number) => {
    const a = docOf[x];
    const b = docOf[y];
    if (a === b || !wanted(a, b)) return;
    const key = a * n + b;
    let m = matches.get(key);
    if (!m) matches.set(key, (m = []));
    m.push(x, y);
    host = host < 0 ? -1 : docOf[host];
    if (host < 0 || plain.has(key) || (pasted.has(key) && pasted.get(key) !== host)) {
      plain.add(key);
      pasted.delete(key);
    } else pasted.set(key, host);
  };
  for (const [h, g] of groups) {
    if (boilerplate.hashes.has(h)) {
      const homes = boilerplate.homes.get(h);
      if (homes !== undefined) linkPasted(c, g, homes, maxGroup, add);
      continue;
    }
    const docs = documentsOf(g, docOf);
    if (docs.length < 2) continue;
    // A sentence shared by very many documents (a farm of copies): each links to its next few, so the pairs stay
    // linear and every copy is still connected to the others through a chain.
    const reach = docs.length > maxGroup ? 8 : g.length;
    for (let i = 0; i < g.length; i++) {
      for (let j = i + 1, linked = 0; j < g.length && linked < reach; j++) {
        if (docOf[g[j]] === docOf[g[i]]) continue;
        add(g[i], g[j], -1);
        linked++;
      }
    }
  }
  return { matches, pasted };
}

/**
 * A boilerplate sentence with home headings: each place it stands under another heading was pasted there. Such
 * places link to one another as plain copies, and to at most `maxGroup` places at home (linear however many pages
 * carry the include), marked as pasted so the report names the page it was pasted into, once.
 */
function linkPasted(
  c: SentenceCorpus,
  group: number[],
  homes: number[],
  maxGroup: number,
  add: (x: number, y: number, host: number) => void,
): void {
  const away = group.filter((s) => !homes.includes(c.sentenceHeadings[s]));
  if (!away.length) return;
  const atHome = group.filter((s) => homes.includes(c.sentenceHeadings[s]));
  // As for any shared sentence, many pasted places link to their next few only (linear).
  const reach = away.length > maxGroup ? 8 : away.length;
  for (let i = 0; i < away.length; i++) {
    for (let j = i + 1; j < away.length && j <= i + reach; j++) add(away[i], away[j], -1);
    const x = away[i];
    for (let k = 0; k < atHome.length && k < maxGroup; k++) {
      const y = atHome[k];
      if (x < y) add(x, y, x);
      else add(y, x, x);
    }
  }
}

/** Words of sentences [from, to] (global indices). */
function wordsOf(c: SentenceCorpus, from: number, to: number): number {
  let w = 0;
  for (let s = from; s <= to; s++) w += c.sentenceWords[s];
  return w;
}

/** Runs open at once in one pair (a sentence repeated many times in both articles); the oldest closes first. */
const MAX_OPEN_RUNS = 64;

/**
 * Maximal runs of matches in order in both documents, bridging up to `maxGap` differing sentences on each side. A
 * sentence repeated in one article matches several places of the other: each place may start a run, and a later match
 * extends the open run it continues (the nearest), so a stray match of a repeated sentence never breaks a passage.
 */
function runsOf(c: SentenceCorpus, flat: number[], a: number, b: number, o: PassageOptions): CopiedRun[] {
  const order: number[] = [];
  for (let x = 0; x < flat.length; x += 2) order.push(x);
  order.sort((x, y) => flat[x] - flat[y] || flat[x + 1] - flat[y + 1]);
  const sa = c.sentenceStart[a];
  const sb = c.sentenceStart[b];
  const step = o.maxGap + 1;
  const runs: CopiedRun[] = [];
  const open: CopiedRun[] = [];
  const close = (run: CopiedRun) => {
    run.wordsA = wordsOf(c, sa + run.aFrom, sa + run.aTo);
    run.wordsB = wordsOf(c, sb + run.bFrom, sb + run.bTo);
    const shorter = Math.min(run.wordsA, run.wordsB);
    if ((run.matched >= 2 && shorter >= o.minWords) || shorter >= o.singleSentenceWords) runs.push(run);
  };
  for (const x of order) {
    const la = flat[x] - sa;
    const lb = flat[x + 1] - sb;
    // Runs that no later match can extend (matches come in order of their sentence in a).
    for (let i = 0; i < open.length; )
      if (la - open[i].aTo > step) close(open.splice(i, 1)[0]);
      else i++;
    let best = -1;
    for (let i = 0; i < open.length; i++) {
      const da = la - open[i].aTo;
      const db = lb - open[i].bTo;
      if (da < 1 || db < 1 || db > step) continue;
      if (best < 0 || da + db < la - open[best].aTo + lb - open[best].bTo) best = i;
    }
    if (best >= 0) {
      const run = open[best];
      run.aTo = la;
      run.bTo = lb;
      run.matched++;
      run.pairs.push({ a: la, b: lb });
      continue;
    }
    if (open.length === MAX_OPEN_RUNS) close(open.shift()!);
    open.push({ aFrom: la, aTo: la, bFrom: lb, bTo: lb, matched: 1, wordsA: 0, wordsB: 0, pairs: [{ a: la, b: lb }] });
  }
  for (const run of open) close(run);
  return runs.sort((x, y) => x.aFrom - y.aFrom || x.bFrom - y.bFrom);
}

/** Words of a document inside the union of its runs (runs of one pair may overlap when a sentence repeats). */
function coveredWords(c: SentenceCorpus, d: number, spans: [number, number][]): number {
  const base = c.sentenceStart[d];
  const mark = new Uint8Array(c.sentenceStart[d + 1] - base);
  for (const [from, to] of spans) mark.fill(1, from, to + 1);
  let w = 0;
  for (let s = 0; s < mark.length; s++) if (mark[s]) w += c.sentenceWords[base + s];
  return w;
}

/**
 * Copied passages between documents: pairs (a < b, in (a, b) order) with their qualifying runs. `skip` leaves out
 * pairs reported otherwise (near-duplicates); `wanted` restricts to focus pairs.
 */
export function copiedPassages(
  c: SentenceCorpus,
  index: SentenceIndex,
  boilerplate: SentenceBoilerplate,
  o: PassageOptions,
  wanted: (a: number, b: number) => boolean,
  skip: (a: number, b: number) => boolean,
): CopiedPair[] {
  const n = c.words.length;
  const { matches, pasted } = matchesOf(c, index, boilerplate, o.maxGroup, (a, b) => wanted(a, b) && !skip(a, b));
  const out: CopiedPair[] = [];
  const byHost = new Map<number, CopiedPair[]>();
  for (const key of [...matches.keys()].sort((x, y) => x - y)) {
    const a = Math.floor(key / n);
    const b = key - a * n;
    const runs = runsOf(c, matches.get(key)!, a, b, o);
    if (!runs.length) continue;
    const wordsA = coveredWords(
      c,
      a,
      runs.map((r) => [r.aFrom, r.aTo]),
    );
    const wordsB = coveredWords(
      c,
      b,
      runs.map((r) => [r.bFrom, r.bTo]),
    );
    const pair: CopiedPair = { a, b, runs, wordsA, wordsB };
    const host = pasted.get(key);
    if (host === undefined) {
      out.push(pair);
      continue;
    }
    pair.pastedInto = host;
    let list = byHost.get(host);
    if (!list) byHost.set(host, (list = []));
    list.push(pair);
  }
  // Boilerplate pasted away from home: one pair per page it was pasted into, with the home page that shares the most
  // of it; the other home pages go with it (the same passage, named once).
  for (const [host, list] of byHost) {
    const hostWords = (p: CopiedPair) => (p.a === host ? p.wordsA : p.wordsB);
    const best = list.reduce((x, y) => (hostWords(y) > hostWords(x) ? y : x));
    best.alsoAtHome = list.filter((p) => p !== best);
    out.push(best);
  }
  return out.sort((x, y) => x.a - y.a || x.b - y.b);
}

/**
 * Per document, the share of its words in sentences that another document also contains (boilerplate excepted):
 * Siteliner's "duplicate content" percentage. Copies and copied passages count; paraphrases do not.
 */
export function sharedShares(c: SentenceCorpus, index: SentenceIndex, boilerplate: SentenceBoilerplate): Float64Array {
  const n = c.words.length;
  const { docOf, groups } = index;
  const shared = new Float64Array(n);
  for (const g of groups.values()) {
    if (documentsOf(g, docOf).length < 2) continue;
    for (const s of g) if (!isBoilerplate(boilerplate, c, s)) shared[docOf[s]] += c.sentenceWords[s];
  }
  for (let d = 0; d < n; d++) shared[d] = c.words[d] > 0 ? Math.min(1, shared[d] / c.words[d]) : 0;
  return shared;
}
