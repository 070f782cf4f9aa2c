// Duplication features: one article → one compact Uint32Array (`extract`), and the validated layout of such an array.
// Pure per document; runs where the article is normalised (a worker thread in a file audit).
import type { Article } from '../../types.js';
import { PROSE_KINDS } from '../../types.js';
import { sentenceHash } from './align.js';
import { sortUnique } from './minhash.js';
import { parseOptions } from './options.js';
import { combine, fmix32, StemCache, tokenize } from './text.js';

/**
 * Features of one document: one Uint32Array that owns its buffer (so a structured clone copies nothing else).
 *
 *   header   [FORMAT, shingleSize, words, S, T, C, N, flags]
 *   S        sorted unique shingle hashes
 *   T        distinct content stems (stem hashes) in order of first occurrence
 *   C        content tokens in reading order as indices into the stems: Uint16 pairs (⌈C / 2⌉ words), or one word
 *            each when T > 65,536 (flag WIDE_TOKENS)
 *   N        per sentence: content tokens | word tokens << 16, or two words each when a sentence has ≥ 65,536
 *            tokens (flag WIDE_SENTENCES)
 *   N        sentence hashes (0 = fewer than 5 words)
 *   N        section hashes: per sentence, a hash of the words of the nearest heading above it (0 = none): where a
 *            passage sits in its page (copied-passage tells a shared section from one pasted somewhere else)
 *
 * ~4.6 KB for a 500-word synthetic article (the shingles are ~44 % of it; real prose is smaller: its stop words are
 * not content tokens). Every value is independent of other documents (token, shingle, sentence and stem hashes), so
 * documents extracted in different threads or runs are comparable.
 */
export type DuplicationFeatures = Uint32Array;

/** Bump when the layout or the tokenisation changes (cached features of another format are rejected). */
const FORMAT = 0x44555002;
const HEADER = 8;
const WIDE_TOKENS = 1;
const WIDE_SENTENCES = 2;

/** Offsets of the sections of a feature array (validated). */
export interface Layout {
  words: number;
  shingles: number;
  shingleCount: number;
  stems: number;
  stemCount: number;
  tokens: number;
  tokenCount: number;
  wideTokens: boolean;
  sentences: number;
  sentenceCount: number;
  wideSentences: boolean;
  hashes: number;
  /** Per sentence, the hash of the nearest heading above it. */
  headings: number;
}

export function layoutOf(f: unknown, path: string, shingleSize: number): Layout {
  if (!(f instanceof Uint32Array) || f.length < HEADER || f[0] !== FORMAT)
    throw new Error(`duplication: invalid features for ${path}`);
  if (f[1] !== shingleSize)
    throw new Error(`duplication: features of ${path} were extracted with shingleSize ${f[1]}, not ${shingleSize}`);
  const flags = f[7];
  const l: Layout = {
    words: f[2],
    shingles: HEADER,
    shingleCount: f[3],
    stems: HEADER + f[3],
    stemCount: f[4],
    tokens: HEADER + f[3] + f[4],
    tokenCount: f[5],
    wideTokens: (flags & WIDE_TOKENS) !== 0,
    sentences: 0,
    sentenceCount: f[6],
    wideSentences: (flags & WIDE_SENTENCES) !== 0,
    hashes: 0,
    headings: 0,
  };
  l.sentences = l.tokens + (l.wideTokens ? l.tokenCount : Math.ceil(l.tokenCount / 2));
  l.hashes = l.sentences + (l.wideSentences ? 2 : 1) * l.sentenceCount;
  l.headings = l.hashes + l.sentenceCount;
  if (l.headings + l.sentenceCount !== f.length) throw new Error(`duplication: invalid features for ${path}`);
  return l;
}

class Growable {
  data: Int32Array;
  length = 0;
  constructor(size: number) {
    this.data = new Int32Array(size);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const d = new Int32Array(this.data.length * 2);
      d.set(this.data);
      this.data = d;
    }
    this.data[this.length++] = v;
  }
}

/** Per-thread stem cache (bounded: 2^20 slots, 16 MB). */
const stemCache = new StemCache();

/** extract(): tokenises one article into its features (scratch buffers reused across articles of this thread). */
class Extractor {
  private tokenHashes = new Uint32Array(4096);
  private tokens = 0;
  /** Content tokens in reading order, as indices into `distinct`. */
  private local = new Growable(4096);
  /** Distinct stem hashes of the article, in order of first occurrence. */
  private distinct = new Growable(1024);
  private starts = new Growable(256);
  private sentenceTokenStarts = new Growable(256);
  /** Per sentence, the hash of the nearest heading above it (0 = none). */
  private sections = new Growable(256);
  private shingleScratch = new Uint32Array(4096);
  /** Stem hash → index into `distinct`: open addressing, slots stamped per article instead of cleared. */
  private keys = new Int32Array(1 << 12);
  private values = new Int32Array(1 << 12);
  private stamps = new Int32Array(1 << 12);
  private stamp = 0;
  private readonly sink: (hash: number, stem: number) => void;

  constructor() {
    this.sink = (hash: number, stem: number) => {
      if (this.tokens === this.tokenHashes.length) {
        const grown = new Uint32Array(this.tokens * 2);
        grown.set(this.tokenHashes);
        this.tokenHashes = grown;
      }
      this.tokenHashes[this.tokens++] = hash;
      if (stem >= 0) this.local.push(this.indexOf(stem));
    };
  }

  private indexOf(stem: number): number {
    if (this.distinct.length * 2 >= this.keys.length) this.grow();
    const { keys, stamps, stamp } = this;
    const mask = keys.length - 1;
    const key = stem | 0;
    let slot = fmix32(stem) & mask;
    while (stamps[slot] === stamp) {
      if (keys[slot] === key) return this.values[slot];
      slot = (slot + 1) & mask;
    }
    stamps[slot] = stamp;
    keys[slot] = key;
    this.values[slot] = this.distinct.length;
    this.distinct.push(key);
    return this.distinct.length - 1;
  }

  private grow(): void {
    const size = this.keys.length * 2;
    this.keys = new Int32Array(size);
    this.values = new Int32Array(size);
    this.stamps = new Int32Array(size);
    this.stamp = 1;
    const mask = size - 1;
    const d = this.distinct.data;
    for (let x = 0; x < this.distinct.length; x++) {
      let slot = fmix32(d[x]) & mask;
      while (this.stamps[slot] === 1) slot = (slot + 1) & mask;
      this.stamps[slot] = 1;
      this.keys[slot] = d[x];
      this.values[slot] = x;
    }
  }

  extract(article: Article, shingleSize: number): DuplicationFeatures {
    const { local, distinct, starts, sentenceTokenStarts, sections, sink } = this;
    this.tokens = 0;
    local.length = 0;
    distinct.length = 0;
    starts.length = 0;
    sentenceTokenStarts.length = 0;
    sections.length = 0;
    let section = 0;
    if (++this.stamp === 0x7fffffff) {
      this.stamps.fill(0);
      this.stamp = 1;
    }
    for (const block of article.blocks) {
      if (!PROSE_KINDS.has(block.kind)) continue;
      const text = block.text;
      const sentences = block.sentences;
      const heading = block.kind === 'heading';
      const blockTokens = this.tokens;
      for (let s = 0; s < Math.max(1, sentences.length); s++) {
        const t0 = this.tokens;
        const s0 = local.length;
        if (sentences.length === 0) tokenize(text, 0, text.length, stemCache, sink);
        else tokenize(text, sentences[s].start, sentences[s].end, stemCache, sink);
        if (this.tokens > t0) {
          starts.push(s0);
          sentenceTokenStarts.push(t0);
          sections.push(section);
        }
      }
      if (heading && this.tokens > blockTokens) {
        // The heading starts a section: its own sentences and those below it until the next heading.
        section = headingHash(this.tokenHashes, blockTokens, this.tokens);
        for (let x = sections.length - 1; x >= 0 && sentenceTokenStarts.data[x] >= blockTokens; x--)
          sections.data[x] = section;
      }
    }
    const words = this.tokens;
    const th = this.tokenHashes;
    // Shingles: sorted unique.
    const k = shingleSize;
    let shingles: Uint32Array = this.shingleScratch.subarray(0, 0);
    if (words >= k) {
      const n = words - k + 1;
      if (this.shingleScratch.length < n)
        this.shingleScratch = new Uint32Array(Math.max(n, this.shingleScratch.length * 2));
      const out = this.shingleScratch.subarray(0, n);
      for (let p = 0; p < n; p++) {
        let h = 0x2545f491;
        for (let q = 0; q < k; q++) h = combine(h, th[p + q]);
        out[p] = fmix32(h);
      }
      shingles = sortUnique(out);
    }
    const S = shingles.length;
    const T = distinct.length;
    const C = local.length;
    const N = starts.length;
    const wideTokens = T > 0x10000;
    let wideSentences = false;
    for (let s = 0; s < N; s++)
      if ((s + 1 < N ? sentenceTokenStarts.data[s + 1] : words) - sentenceTokenStarts.data[s] > 0xffff)
        wideSentences = true;
    const tokenWords = wideTokens ? C : Math.ceil(C / 2);
    const f = new Uint32Array(HEADER + S + T + tokenWords + (wideSentences ? 2 : 1) * N + 2 * N);
    f[0] = FORMAT;
    f[1] = k;
    f[2] = words;
    f[3] = S;
    f[4] = T;
    f[5] = C;
    f[6] = N;
    f[7] = (wideTokens ? WIDE_TOKENS : 0) | (wideSentences ? WIDE_SENTENCES : 0);
    let at = HEADER;
    f.set(shingles, at);
    at += S;
    f.set(distinct.data.subarray(0, T), at);
    at += T;
    if (wideTokens) f.set(local.data.subarray(0, C), at);
    else new Uint16Array(f.buffer, at * 4, C).set(local.data.subarray(0, C));
    at += tokenWords;
    for (let s = 0; s < N; s++) {
      const from = sentenceTokenStarts.data[s];
      const to = s + 1 < N ? sentenceTokenStarts.data[s + 1] : words;
      const content = (s + 1 < N ? starts.data[s + 1] : C) - starts.data[s];
      if (wideSentences) {
        f[at + 2 * s] = content;
        f[at + 2 * s + 1] = to - from;
      } else f[at + s] = content | ((to - from) << 16);
      // Over all token hashes (stop words too), so two sentences hash alike only when their words do.
      f[at + (wideSentences ? 2 : 1) * N + s] = sentenceHash(th, from, to);
      f[at + (wideSentences ? 2 : 1) * N + N + s] = sections.data[s];
    }
    return f;
  }
}

/** A heading's words (all of them, however few), never 0. */
function headingHash(tokenHashes: Uint32Array, from: number, to: number): number {
  let h = 0x1b873593;
  for (let i = from; i < to; i++) h = combine(h, tokenHashes[i]);
  return fmix32(h) || 1;
}

let extractor: Extractor | null = null;

export function extract(article: Article, options: Record<string, Record<string, unknown>>): DuplicationFeatures {
  const { near } = parseOptions(options);
  return (extractor ??= new Extractor()).extract(article, near.shingleSize);
}

/** One article as the vectors see it: views into the corpus-wide arrays of `Store` (short-lived). */
