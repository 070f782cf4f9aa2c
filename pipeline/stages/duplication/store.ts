// The corpus as `run` works on it: the documents' features as struct-of-arrays with dense stem ids.
import type { AlignCorpus, LocalIndices } from './align.js';
import { layoutOf, type Layout } from './features.js';
import { difference } from './minhash.js';
import { backgroundShare, fmix32 } from './text.js';

export interface DocData {
  /** Distinct content stems (ascending dense ids) and the content stems in reading order as indices into them. */
  terms: Int32Array;
  /** The whole token array of the corpus; `sentenceStarts` are offsets into it. */
  tokens: LocalIndices;
  /** Sentence boundaries into `tokens` (count + 1 entries) and sentence hashes (0 = under 5 words). */
  sentenceStarts: Int32Array;
  sentenceHashes: Uint32Array;
}

/** Stem hash → dense id, in first-seen order (open addressing on (hash, id + 1) slot pairs; grows at half load). */
export class StemIds {
  private table = new Int32Array(2 << 16);
  private mask = (1 << 16) - 1;
  count = 0;
  background = new Float32Array(1 << 14);
  /** Stem hash of each id. */
  hashes = new Int32Array(1 << 14);

  id(hash: number): number {
    const key = hash | 0;
    let slot = fmix32(hash) & this.mask;
    for (;;) {
      const v = this.table[2 * slot + 1];
      if (v === 0) break;
      if (this.table[2 * slot] === key) return v - 1;
      slot = (slot + 1) & this.mask;
    }
    const id = this.count++;
    this.table[2 * slot] = key;
    this.table[2 * slot + 1] = id + 1;
    if (id === this.background.length) {
      const b = new Float32Array(id * 2);
      b.set(this.background);
      this.background = b;
      const h = new Int32Array(id * 2);
      h.set(this.hashes);
      this.hashes = h;
    }
    this.background[id] = backgroundShare(hash >>> 0);
    this.hashes[id] = key;
    if (this.count * 2 >= this.mask) this.rehash();
    return id;
  }

  private rehash(): void {
    const old = this.table;
    const slots = (this.mask + 1) * 2;
    this.table = new Int32Array(2 * slots);
    this.mask = slots - 1;
    for (let s = 0; s < old.length; s += 2) {
      if (old[s + 1] === 0) continue;
      let slot = fmix32(old[s]) & this.mask;
      while (this.table[2 * slot + 1] !== 0) slot = (slot + 1) & this.mask;
      this.table[2 * slot] = old[s];
      this.table[2 * slot + 1] = old[s + 1];
    }
  }
}

/**
 * The corpus as `run` works on it, struct-of-arrays: one typed array per field with per-document offsets, sized
 * exactly from the feature headers. Stem hashes become dense ids assigned in first-seen order (documents in path
 * order, each document's stems in order of first occurrence), so ids, tie-breaks and float summation order are those
 * of a corpus-wide vocabulary built in one pass. Shingle sets stay views into the features (tier 1 only).
 */
export class Store implements AlignCorpus {
  readonly words: Int32Array;
  /** Sorted unique shingle hashes of document i (views into its features; replaced when boilerplate is removed). */
  shingleSets: Uint32Array[];
  /** Distinct content stems of document i, ascending dense ids: terms[termStart[i], termStart[i + 1]). */
  readonly terms: Int32Array;
  readonly termStart: Int32Array;
  /**
   * Content tokens as indices into their document's terms (Uint16 unless a document has more than 65,536 stems);
   * after prepareAlignment(), each sentence's distinct stems (`sentenceStems`).
   */
  readonly tokens: Uint16Array | Int32Array;
  /**
   * Sentences of document i: [sentenceStart[i], sentenceStart[i + 1]); sentence s owns tokens[sentenceTokens[s],
   * sentenceTokens[s + 1]).
   */
  readonly sentenceStart: Int32Array;
  readonly sentenceTokens: Int32Array;
  readonly sentenceWords: Int32Array;
  readonly sentenceHashes: Uint32Array;
  /** Per sentence, the hash of the nearest heading above it (0 = none). */
  readonly sentenceHeadings: Uint32Array;
  /** Tier-2 weights, parallel to `terms`; after prepareAlignment(), each term's idf (`termIdf`). */
  readonly weights: Float32Array;
  /** Set by prepareAlignment(). */
  termSentences: Uint16Array | Int32Array = new Uint16Array(0);
  private prepared = false;
  readonly stemCount: number;
  /** English background share per dense id. */
  readonly stemBackground: Float32Array;

  /**
   * `ids`: stem ids assigned over a larger corpus (focus scope: this store holds part of it); default: assigned here.
   */
  constructor(features: readonly Uint32Array[], paths: readonly string[], shingleSize: number, ids = new StemIds()) {
    const n = features.length;
    this.words = new Int32Array(n);
    const layouts: Layout[] = new Array(n);
    let terms = 0;
    let tokens = 0;
    let sentences = 0;
    let maxTerms = 0;
    for (let i = 0; i < n; i++) {
      const l = (layouts[i] = layoutOf(features[i], paths[i], shingleSize));
      terms += l.stemCount;
      tokens += l.tokenCount;
      sentences += l.sentenceCount;
      if (l.stemCount > maxTerms) maxTerms = l.stemCount;
    }
    this.shingleSets = new Array(n);
    this.terms = new Int32Array(terms);
    this.weights = new Float32Array(terms);
    this.termStart = new Int32Array(n + 1);
    this.tokens = maxTerms > 0x10000 ? new Int32Array(tokens) : new Uint16Array(tokens);
    this.sentenceStart = new Int32Array(n + 1);
    this.sentenceTokens = new Int32Array(sentences + 1);
    this.sentenceWords = new Int32Array(sentences);
    this.sentenceHashes = new Uint32Array(sentences);
    this.sentenceHeadings = new Uint32Array(sentences);
    const dense = new Int32Array(maxTerms);
    const sorted = new Int32Array(maxTerms);
    const toSorted = new Int32Array(maxTerms);
    let slot = new Int32Array(1 << 14);
    let termAt = 0;
    let tokenAt = 0;
    let sentenceAt = 0;
    for (let i = 0; i < n; i++) {
      const f = features[i];
      const l = layouts[i];
      this.words[i] = l.words;
      this.shingleSets[i] = f.subarray(l.shingles, l.shingles + l.shingleCount);
      // Distinct stems → dense ids, ascending; tokens remapped to the sorted order.
      const T = l.stemCount;
      for (let x = 0; x < T; x++) dense[x] = ids.id(f[l.stems + x]);
      const s = sorted.subarray(0, T);
      s.set(dense.subarray(0, T));
      s.sort();
      if (slot.length < ids.count) slot = new Int32Array(Math.max(ids.count, slot.length * 2));
      for (let x = 0; x < T; x++) slot[s[x]] = x;
      for (let x = 0; x < T; x++) toSorted[x] = slot[dense[x]];
      this.termStart[i] = termAt;
      this.terms.set(s, termAt);
      termAt += T;
      const C = l.tokenCount;
      const local = l.wideTokens
        ? f.subarray(l.tokens, l.tokens + C)
        : new Uint16Array(f.buffer, f.byteOffset + l.tokens * 4, C);
      const tok = this.tokens;
      const base = tokenAt;
      for (let x = 0; x < C; x++) tok[base + x] = toSorted[local[x]];
      // Sentences: global token offsets, word counts, hashes.
      this.sentenceStart[i] = sentenceAt;
      const N = l.sentenceCount;
      let content = base;
      for (let x = 0; x < N; x++) {
        let count: number;
        let words: number;
        if (l.wideSentences) {
          count = f[l.sentences + 2 * x];
          words = f[l.sentences + 2 * x + 1];
        } else {
          const v = f[l.sentences + x];
          count = v & 0xffff;
          words = v >>> 16;
        }
        this.sentenceTokens[sentenceAt + x] = content;
        this.sentenceWords[sentenceAt + x] = words;
        this.sentenceHashes[sentenceAt + x] = f[l.hashes + x];
        this.sentenceHeadings[sentenceAt + x] = f[l.headings + x];
        content += count;
      }
      if (content !== base + C) throw new Error(`duplication: invalid features for ${paths[i]}`);
      tokenAt += C;
      sentenceAt += N;
    }
    this.termStart[n] = termAt;
    this.sentenceStart[n] = sentenceAt;
    this.sentenceTokens[sentenceAt] = tokenAt;
    this.stemCount = ids.count;
    this.stemBackground = ids.background;
  }

  /** Removes `drop` (sorted) from every shingle set (a new array only where something is dropped). */
  removeShingles(drop: Uint32Array): void {
    if (drop.length === 0) return;
    for (let i = 0; i < this.shingleSets.length; i++) this.shingleSets[i] = difference(this.shingleSets[i], drop);
  }

  freeShingles(): void {
    this.shingleSets = [];
  }

  get termIdf(): Float32Array {
    return this.weights;
  }
  get sentenceStems(): LocalIndices {
    return this.tokens;
  }
  get sentenceStemStart(): Int32Array {
    return this.sentenceTokens;
  }

  /**
   * What every alignment needs, computed once per document instead of once per pair (the vectors are done by now,
   * so their buffers are reused): each term's idf into `weights`; each sentence's tokens compacted in place to its
   * distinct stems in order of first occurrence (so sums over them run in the same order as before); per term, the
   * number of sentences of its document that contain it.
   */
  prepareAlignment(idf: Float32Array): void {
    const n = this.words.length;
    const { terms, weights, tokens, sentenceTokens, sentenceStart, termStart } = this;
    for (let x = 0; x < terms.length; x++) weights[x] = idf[terms[x]];
    let maxTerms = 0;
    let maxSentences = 0;
    for (let d = 0; d < n; d++) {
      maxTerms = Math.max(maxTerms, termStart[d + 1] - termStart[d]);
      maxSentences = Math.max(maxSentences, sentenceStart[d + 1] - sentenceStart[d]);
    }
    const counts = (this.termSentences =
      maxSentences > 0xffff ? new Int32Array(terms.length) : new Uint16Array(terms.length));
    const mark = new Int32Array(maxTerms);
    let stamp = 0;
    let w = 0;
    for (let d = 0; d < n; d++) {
      const base = termStart[d];
      for (let s = sentenceStart[d]; s < sentenceStart[d + 1]; s++) {
        const from = sentenceTokens[s];
        const to = sentenceTokens[s + 1];
        sentenceTokens[s] = w;
        stamp++;
        for (let x = from; x < to; x++) {
          const t = tokens[x];
          if (mark[t] === stamp) continue;
          mark[t] = stamp;
          tokens[w++] = t;
          counts[base + t]++;
        }
      }
    }
    sentenceTokens[sentenceStart[n]] = w;
    this.prepared = true;
  }

  /** Document i for the vectors (views, no copies; token counts are gone after prepareAlignment()). */
  view(i: number): DocData {
    if (this.prepared) throw new Error('duplication: store.view() after prepareAlignment()');
    const s0 = this.sentenceStart[i];
    const s1 = this.sentenceStart[i + 1];
    return {
      terms: this.terms.subarray(this.termStart[i], this.termStart[i + 1]),
      tokens: this.tokens,
      sentenceStarts: this.sentenceTokens.subarray(s0, s1 + 1),
      sentenceHashes: this.sentenceHashes.subarray(s0, s1),
    };
  }
}

/**
 * 1 + ln(tf) for small term frequencies (the same expression, so the same values; one Math.log per term was ~1 s at
 * 100,000 articles).
 */
