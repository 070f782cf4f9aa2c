// Tokenising and stemming for the duplication stage.
// Tokens are normalised (NFKC, lower case, apostrophes dropped, every digit → 0) and identified by a 32-bit
// FNV-1a hash of the normalised form. Content tokens also get a stem, identified by a 32-bit hash of the stem string
// (stemHashOf), so features extracted in different threads or runs are comparable without a shared vocabulary. A
// per-thread cache maps the normalised term to its stem hash, so the hot loop never builds a string per token (only
// per term new to the cache).
import { createRequire } from 'node:module';
import { fnv1a } from '../../stable-hash.js';
import { BACKGROUND_SHARE, DEFAULT_BACKGROUND_SHARE, STOP_WORDS } from './lexicon.js';

const require = createRequire(import.meta.url);
const porterStem = require('wink-eng-lite-web-model/dist/porter-stemmer.js') as (word: string) => string;

/**
 * Character classes per UTF-16 code unit: 0 separator, 1 word character, 2 joiner (apostrophe), 3 ideograph (a token on
 * its own).
 */
const CLASS = new Uint8Array(65536);
(() => {
  const word = /[\p{L}\p{M}\p{N}]/u;
  const ideo = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
  for (let c = 0; c < 65536; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const ch = String.fromCharCode(c);
    if (ideo.test(ch)) CLASS[c] = 3;
    else if (word.test(ch)) CLASS[c] = 1;
  }
  CLASS[0x27] = 2; // '
  CLASS[0x2019] = 2; // ’
})();

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** Second, independent hash of the normalised form (cache key check only). */
const H2_OFFSET = 0x9747b28c;
const H2_PRIME = 0x5bd1e995;

/** Murmur3 finaliser: spreads FNV's weak low bits. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function fnvString(s: string): number {
  return fmix32(fnv1a(s));
}

function secondHash(s: string): number {
  let h = H2_OFFSET;
  for (let i = 0; i < s.length; i++) h = Math.imul(h + s.charCodeAt(i), H2_PRIME) ^ (h >>> 15);
  return fmix32(h);
}

/**
 * Identity of a stem: 32-bit FNV-1a + fmix32 of the stem string. Two different stems can collide (birthday bound:
 * n² / 2³³ expected colliding pairs; 357,177 distinct stems in the 100,000-article synthetic benchmark corpus → ~15
 * expected, 0 observed; a real corpus of that size has far fewer distinct stems). A collision merges two stems into
 * one term for tier 2 (its IDF and the cosine/alignment weight of those two words), nothing else.
 */
export const stemHashOf = fnvString;

const LOWER_ASCII = /^[a-z]+$/;

/** A term's normalised form (NFKC, lower case, apostrophes dropped, digits written 0). */
export function normaliseSlow(raw: string): string {
  return raw
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/\p{Nd}/gu, '0');
}

/**
 * normaliseSlow of a word whose letters and digits are ASCII (joined by ' or ’): NFKC leaves such a word as it is, so
 * it is lower-cased, its apostrophes dropped and its digits written 0 without the Unicode passes.
 */
export function normaliseAsciiWord(raw: string): string {
  let word = LOWER_ASCII.test(raw) ? raw : raw.toLowerCase();
  if (word.includes("'") || word.includes('’')) word = word.replace(/['’]/g, '');
  return ASCII_DIGIT.test(word) ? word.replace(/[0-9]/g, '0') : word;
}

const ASCII_DIGIT = /[0-9]/;

/** Stem of a normalised term, or null for stop words, numbers and single Latin letters. */
function stemOf(word: string): string | null {
  if (STOP_WORDS.has(word) || /^[0.,]+$/.test(word)) return null;
  if (word.length < 2 && word.charCodeAt(0) < 0x3000) return null;
  return stemWord(word);
}

/** The Porter stem of a lower-case word (other words as they are): "schemas" and "schema" are one word. */
export function stemWord(word: string): string {
  return LOWER_ASCII.test(word) ? porterStem(word) : word;
}

const EMPTY = 0;
const CONTENT = 1;
const NOT_CONTENT = 2;

/**
 * Normalised term → stem hash, in one open-addressing Int32Array of (hash, second hash, stem hash, state) slots so a
 * token costs one memory access. Keyed by both hashes of the normalised form (64 bits), so what a document gets is
 * independent of what the cache saw before (a 32-bit key would let a colliding term inherit the stem of whichever
 * term came first in this thread). Bounded: grows to `maxSlots` and is emptied when that fills to half (a cache
 * only: results do not depend on its content).
 */
export class StemCache {
  private table = new Int32Array(4 << 14);
  private mask = (1 << 14) - 1;
  private size = 0;
  constructor(private readonly maxSlots = 1 << 20) {}

  /** Stem hash (≥ 0), -1 = not a content word, -2 = not cached. */
  get(h1: number, h2: number): number {
    const table = this.table;
    const k1 = h1 | 0;
    const k2 = h2 | 0;
    let slot = h1 & this.mask;
    for (;;) {
      const at = slot << 2;
      const state = table[at + 3];
      if (state === EMPTY) return -2;
      if (table[at] === k1 && table[at + 1] === k2) return state === CONTENT ? table[at + 2] >>> 0 : -1;
      slot = (slot + 1) & this.mask;
    }
  }

  /** Stems `normalised` (hashes h1, h2), caches and returns the stem hash (≥ 0) or -1. */
  add(h1: number, h2: number, normalised: string): number {
    if (this.size * 2 >= this.mask) {
      if (this.mask + 1 < this.maxSlots) this.rehash();
      else {
        this.table.fill(0);
        this.size = 0;
      }
    }
    const stem = stemOf(normalised);
    const value = stem === null ? -1 : stemHashOf(stem);
    const table = this.table;
    let slot = h1 & this.mask;
    while (table[(slot << 2) + 3] !== EMPTY) slot = (slot + 1) & this.mask;
    const at = slot << 2;
    table[at] = h1 | 0;
    table[at + 1] = h2 | 0;
    table[at + 2] = value | 0;
    table[at + 3] = value < 0 ? NOT_CONTENT : CONTENT;
    this.size++;
    return value;
  }

  private rehash(): void {
    const old = this.table;
    const slots = (this.mask + 1) * 2;
    this.table = new Int32Array(4 * slots);
    this.mask = slots - 1;
    for (let at = 0; at < old.length; at += 4) {
      if (old[at + 3] === EMPTY) continue;
      let slot = old[at] & this.mask;
      while (this.table[(slot << 2) + 3] !== EMPTY) slot = (slot + 1) & this.mask;
      this.table.set(old.subarray(at, at + 4), slot << 2);
    }
  }
}

const STEM_BACKGROUND = new Map<number, number>();
for (const [word, share] of BACKGROUND_SHARE) {
  const stem = stemHashOf(porterStem(word));
  STEM_BACKGROUND.set(stem, Math.max(share, STEM_BACKGROUND.get(stem) ?? 0));
}

/** English background share of a stem (by its hash; lexicon.ts). */
export function backgroundShare(stemHash: number): number {
  return STEM_BACKGROUND.get(stemHash) ?? DEFAULT_BACKGROUND_SHARE;
}

/**
 * Receives each token: its hash (identifies the normalised term) and its stem hash (-1 = not a content word, or no
 * cache).
 */
export type TokenSink = (hash: number, stem: number) => void;

/**
 * Tokenise text[from, to) into terms; with a cache, content tokens get their stem hash. Words are runs of
 * letters/marks/digits, optionally joined by apostrophes ("Kong’s" → "kongs"); hyphens and other punctuation
 * separate; each CJK ideograph is its own token. Returns the number of tokens.
 */
export function tokenize(text: string, from: number, to: number, cache: StemCache | null, sink: TokenSink): number {
  let count = 0;
  let i = from;
  while (i < to) {
    let c = text.charCodeAt(i);
    let cls = CLASS[c];
    if (cls !== 1 && cls !== 3) {
      i++;
      continue;
    }
    const start = i;
    if (cls === 3) {
      i++;
    } else {
      // ASCII fast path: hash while scanning; fall back to the slow normaliser on any non-ASCII char.
      let h = FNV_OFFSET;
      let h2 = H2_OFFSET;
      let ascii = true;
      while (i < to) {
        c = text.charCodeAt(i);
        cls = CLASS[c];
        if (cls === 1) {
          if (c >= 128) ascii = false;
          else if (ascii) {
            const n = c >= 65 && c <= 90 ? c + 32 : c >= 48 && c <= 57 ? 48 : c;
            h = Math.imul(h ^ n, FNV_PRIME);
            h2 = Math.imul(h2 + n, H2_PRIME) ^ (h2 >>> 15);
          }
          i++;
        } else if (cls === 2 && i + 1 < to && CLASS[text.charCodeAt(i + 1)] === 1) {
          i++;
        } else break;
      }
      if (ascii) {
        const hash = fmix32(h);
        let stem = -1;
        if (cache) {
          h2 = fmix32(h2);
          stem = cache.get(hash, h2);
          if (stem === -2) {
            const raw = text.slice(start, i);
            stem = cache.add(hash, h2, normaliseAsciiWord(raw));
          }
        }
        sink(hash, stem);
        count++;
        continue;
      }
    }
    const norm = normaliseSlow(text.slice(start, i));
    if (norm.length === 0) continue;
    const hash = fnvString(norm);
    let stem = -1;
    if (cache) {
      const h2 = secondHash(norm);
      stem = cache.get(hash, h2);
      if (stem === -2) stem = cache.add(hash, h2, norm);
    }
    sink(hash, stem);
    count++;
  }
  return count;
}

/** Combine term hashes into a shingle hash (order-sensitive). */
export function combine(h: number, term: number): number {
  return Math.imul((h ^ term) >>> 0, FNV_PRIME) ^ (h >>> 15);
}
