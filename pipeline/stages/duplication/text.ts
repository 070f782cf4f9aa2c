// Tokenising and term vocabulary for the duplication stage.
// Tokens are normalised (NFKC, lower case, apostrophes dropped, every digit → 0) and identified by a 32-bit
// FNV-1a hash of the normalised form; the vocabulary maps that hash to a dense term id once, so the hot loops
// work on typed arrays and never build a string per token (only per new vocabulary entry).
import { createRequire } from 'node:module';
import { BACKGROUND_SHARE, DEFAULT_BACKGROUND_SHARE, STOP_WORDS } from './lexicon.js';

const require = createRequire(import.meta.url);
const porterStem = require('wink-eng-lite-web-model/dist/porter-stemmer.js') as (word: string) => string;

/** Character classes per UTF-16 code unit: 0 separator, 1 word character, 2 joiner (apostrophe), 3 ideograph (a token on its own). */
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
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return fmix32(h);
}

const LOWER_ASCII = /^[a-z]+$/;

function normaliseSlow(raw: string): string {
  return raw.normalize('NFKC').toLowerCase().replace(/['’]/g, '').replace(/\p{Nd}/gu, '0');
}

/**
 * Term table: normalised-token hash → stem id, in one open-addressing Int32Array of (hash, stem + 2) slot pairs so
 * a token costs one memory access. Stem ids are dense, assigned in first-seen order; -1 = stop word / number /
 * single Latin letter.
 */
export class Vocabulary {
  private table: Int32Array = new Int32Array(2 << 16);
  private mask = (1 << 16) - 1;
  /** Distinct normalised terms seen. */
  size = 0;
  /** Stems: dense ids, their background share. */
  private stemIds = new Map<string, number>();
  stemCount = 0;
  stemBackground: Float32Array = new Float32Array(1 << 14);
  /** First normalised spelling seen per stem (for debugging / docs). */
  stemWords: string[] = [];

  /** Stem id (≥ -1) of the term with this hash, or -2 when the term is new. */
  lookup(hash: number): number {
    const table = this.table;
    const key = hash | 0;
    let slot = hash & this.mask;
    for (;;) {
      const v = table[2 * slot + 1];
      if (v === 0) return -2;
      if (table[2 * slot] === key) return v - 2;
      slot = (slot + 1) & this.mask;
    }
  }

  /** Adds a term (hash of `normalised`) and returns its stem id (≥ -1). */
  add(hash: number, normalised: string): number {
    if (this.size * 2 >= this.mask) this.rehash();
    const key = hash | 0;
    let slot = hash & this.mask;
    for (;;) {
      const v = this.table[2 * slot + 1];
      if (v === 0) break;
      if (this.table[2 * slot] === key) return v - 2;
      slot = (slot + 1) & this.mask;
    }
    const stem = this.stemIdOf(normalised);
    this.size++;
    this.table[2 * slot] = key;
    this.table[2 * slot + 1] = stem + 2;
    return stem;
  }

  private stemIdOf(word: string): number {
    if (STOP_WORDS.has(word) || /^[0.,]+$/.test(word)) return -1;
    if (word.length < 2 && word.charCodeAt(0) < 0x3000) return -1;
    const stem = /^[a-z]+$/.test(word) ? porterStem(word) : word;
    let id = this.stemIds.get(stem);
    if (id === undefined) {
      id = this.stemCount++;
      this.stemIds.set(stem, id);
      if (id >= this.stemBackground.length) {
        const b = new Float32Array(this.stemBackground.length * 2);
        b.set(this.stemBackground);
        this.stemBackground = b;
      }
      this.stemBackground[id] = STEM_BACKGROUND.get(stem) ?? DEFAULT_BACKGROUND_SHARE;
      this.stemWords.push(word);
    }
    return id;
  }

  private rehash(): void {
    const old = this.table;
    const size = (this.mask + 1) * 2;
    this.table = new Int32Array(2 * size);
    this.mask = size - 1;
    for (let s = 0; s < old.length; s += 2) {
      if (old[s + 1] === 0) continue;
      let slot = old[s] & this.mask;
      while (this.table[2 * slot + 1] !== 0) slot = (slot + 1) & this.mask;
      this.table[2 * slot] = old[s];
      this.table[2 * slot + 1] = old[s + 1];
    }
  }
}

const STEM_BACKGROUND = new Map<string, number>();
for (const [word, share] of BACKGROUND_SHARE) {
  const stem = porterStem(word);
  STEM_BACKGROUND.set(stem, Math.max(share, STEM_BACKGROUND.get(stem) ?? 0));
}

/** Receives each token: its hash (identifies the normalised term), its stem id (-1 = not a content word), offsets. */
export interface TokenSink {
  (hash: number, stem: number, start: number, end: number): void;
}

/**
 * Tokenise text[from, to) into terms (new ones are added to the vocabulary). Words are runs of letters/marks/digits, optionally joined by
 * apostrophes ("Kong’s" → "kongs"); hyphens and other punctuation separate; each CJK ideograph is its own token.
 */
export function tokenize(text: string, from: number, to: number, vocab: Vocabulary, sink: TokenSink): number {
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
      let ascii = true;
      while (i < to) {
        c = text.charCodeAt(i);
        cls = CLASS[c];
        if (cls === 1) {
          if (c >= 128) ascii = false;
          else if (ascii) {
            const n = c >= 65 && c <= 90 ? c + 32 : c >= 48 && c <= 57 ? 48 : c;
            h = Math.imul(h ^ n, FNV_PRIME);
          }
          i++;
        } else if (cls === 2 && i + 1 < to && CLASS[text.charCodeAt(i + 1)] === 1) {
          i++;
        } else break;
      }
      if (ascii) {
        const hash = fmix32(h);
        let stem = vocab.lookup(hash);
        if (stem === -2) {
          const raw = text.slice(start, i);
          stem = vocab.add(hash, LOWER_ASCII.test(raw) ? raw : normaliseSlow(raw));
        }
        sink(hash, stem, start, i);
        count++;
        continue;
      }
    }
    const norm = normaliseSlow(text.slice(start, i));
    if (norm.length === 0) continue;
    const hash = fnvString(norm);
    let stem = vocab.lookup(hash);
    if (stem === -2) stem = vocab.add(hash, norm);
    sink(hash, stem, start, i);
    count++;
  }
  return count;
}

/** Combine term hashes into a shingle hash (order-sensitive). */
export function combine(h: number, term: number): number {
  return Math.imul((h ^ term) >>> 0, FNV_PRIME) ^ (h >>> 15);
}
