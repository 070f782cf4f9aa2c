// Duplication stage: near-duplicates (tier 1: shingles → MinHash/LSH + containment index → exact Jaccard) and
// similar content (tier 2: blended TF-IDF → top-term candidate index → cosine + ordered sentence alignment).
// `extract` turns one article into compact features (one Uint32Array); `run` compares documents from those alone and
// re-derives articles only for the evidence of reported pairs. See docs/duplication.md for the design and calibration.
import type { CorpusStage, CorpusStageContext, StageDocument } from '../../stage.js';
import type { Article, ClusterScore, DuplicatePair, DuplicatesReport, FindingDraft, RelatedLocation } from '../../types.js';
import { PROSE_KINDS } from '../../types.js';
import { AlignWorkspace, passages, sentenceHash, sentencesOf, type AlignCorpus, type AlignedPair, type Alignment, type DocSentences, type LocalIndices, type PassageWithRanges } from './align.js';
import { chooseBands, containmentCandidates, difference, intersectionSize, lshCandidates, radixSort, signature, sortUnique } from './minhash.js';
import { COPIED_PASSAGE_DEFAULTS, NEAR_DUPLICATE_DEFAULTS, SIMILAR_CONTENT_DEFAULTS, parseOptions, type CopiedPassageOptions, type NearDuplicateOptions, type SimilarContentOptions } from './options.js';
import { boilerplateShingles } from './boilerplate.js';
import { figureEvidence, figuresDisagree, type FigureEvidence } from './figures.js';
import { foundElsewhere, reportCopiedPassages } from './copied.js';
import { boilerplateSentences, copiedPassages, sentenceIndex, sharedShares, type SentenceCorpus } from './passages.js';
import { backgroundShare, combine, fmix32, StemCache, tokenize } from './text.js';

export { COPIED_PASSAGE_DEFAULTS, NEAR_DUPLICATE_DEFAULTS, SIMILAR_CONTENT_DEFAULTS } from './options.js';

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
 *
 * ~4.6 KB for a 500-word synthetic article (the shingles are ~44 % of it; real prose is smaller: its stop words are
 * not content tokens). Every value is independent of other documents (token, shingle, sentence and stem hashes), so
 * documents extracted in different threads or runs are comparable.
 */
export type DuplicationFeatures = Uint32Array;

/** Bump when the layout or the tokenisation changes (cached features of another format are rejected). */
const FORMAT = 0x44555001;
const HEADER = 8;
const WIDE_TOKENS = 1;
const WIDE_SENTENCES = 2;

/** Offsets of the sections of a feature array (validated). */
interface Layout {
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
}

function layoutOf(f: unknown, path: string, shingleSize: number): Layout {
  if (!(f instanceof Uint32Array) || f.length < HEADER || f[0] !== FORMAT) throw new Error(`duplication: invalid features for ${path}`);
  if (f[1] !== shingleSize) throw new Error(`duplication: features of ${path} were extracted with shingleSize ${f[1]}, not ${shingleSize}`);
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
  };
  l.sentences = l.tokens + (l.wideTokens ? l.tokenCount : Math.ceil(l.tokenCount / 2));
  l.hashes = l.sentences + (l.wideSentences ? 2 : 1) * l.sentenceCount;
  if (l.hashes + l.sentenceCount !== f.length) throw new Error(`duplication: invalid features for ${path}`);
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
    const { local, distinct, starts, sentenceTokenStarts, sink } = this;
    this.tokens = 0;
    local.length = 0;
    distinct.length = 0;
    starts.length = 0;
    sentenceTokenStarts.length = 0;
    if (++this.stamp === 0x7fffffff) {
      this.stamps.fill(0);
      this.stamp = 1;
    }
    for (const block of article.blocks) {
      if (!PROSE_KINDS.has(block.kind)) continue;
      const text = block.text;
      const sentences = block.sentences;
      for (let s = 0; s < Math.max(1, sentences.length); s++) {
        const t0 = this.tokens;
        const s0 = local.length;
        if (sentences.length === 0) tokenize(text, 0, text.length, stemCache, sink);
        else tokenize(text, sentences[s].start, sentences[s].end, stemCache, sink);
        if (this.tokens > t0) {
          starts.push(s0);
          sentenceTokenStarts.push(t0);
        }
      }
    }
    const words = this.tokens;
    const th = this.tokenHashes;
    // Shingles: sorted unique.
    const k = shingleSize;
    let shingles: Uint32Array = this.shingleScratch.subarray(0, 0);
    if (words >= k) {
      const n = words - k + 1;
      if (this.shingleScratch.length < n) this.shingleScratch = new Uint32Array(Math.max(n, this.shingleScratch.length * 2));
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
    for (let s = 0; s < N; s++) if ((s + 1 < N ? sentenceTokenStarts.data[s + 1] : words) - sentenceTokenStarts.data[s] > 0xffff) wideSentences = true;
    const tokenWords = wideTokens ? C : Math.ceil(C / 2);
    const f = new Uint32Array(HEADER + S + T + tokenWords + (wideSentences ? 2 : 1) * N + N);
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
    }
    return f;
  }
}

let extractor: Extractor | null = null;

function extract(article: Article, options: Record<string, Record<string, unknown>>): DuplicationFeatures {
  const { near } = parseOptions(options);
  return (extractor ??= new Extractor()).extract(article, near.shingleSize);
}

/** One article as the vectors see it: views into the corpus-wide arrays of `Store` (short-lived). */
interface DocData {
  /** Distinct content stems (ascending dense ids) and the content stems in reading order as indices into them. */
  terms: Int32Array;
  /** The whole token array of the corpus; `sentenceStarts` are offsets into it. */
  tokens: LocalIndices;
  /** Sentence boundaries into `tokens` (count + 1 entries) and sentence hashes (0 = under 5 words). */
  sentenceStarts: Int32Array;
  sentenceHashes: Uint32Array;
}

interface Vector {
  ids: Int32Array;
  weights: Float32Array;
}
/** Internal statistics (exposed for tests and the benchmark). */
export interface DuplicationStats {
  documents: number;
  bands: number;
  rows: number;
  boilerplateShingles: number;
  tier1Candidates: number;
  tier2Candidates: number;
  /** Tier-2 candidates at or above the `cosine` threshold. */
  tier2Gated: number;
  tier2Aligned: number;
  /** Gated pairs skipped by the exact pre-check (they could not reach either decision rule). */
  tier2Pruned: number;
  timings: Record<string, number>;
  /** With a focus scope: the corpus size and how many documents were compared (`documents` counts those). */
  scope?: { documents: number; compared: number };
}

export let lastStats: DuplicationStats | null = null;

/** Decision inputs of one aligned tier-2 pair (kept with keepInternals, for calibration; coverage = paraphrased, shorter article). */
export interface Tier2Metrics {
  a: string;
  b: string;
  cosine: number;
  aligned: number;
  ordered: number;
  paraphrased: number;
  coverage: number;
  /** The same share of the longer article (a rewrite covers both; a short page restating a few lines of a long one does not). */
  longerCoverage: number;
  reported: boolean;
  /** Figures in the paraphrased aligned sentences (computed for pairs the structure alone would report). */
  figures?: FigureEvidence;
}

/** Internals kept only when options['near-duplicate'].keepInternals === true (tests, benchmark). */
export interface DuplicationInternals {
  paths: string[];
  /** Shingle sets after boilerplate removal, in `paths` order. */
  shingles: Uint32Array[];
  /** LSH candidates alone (i * n + j, indices into `paths`). */
  lshCandidates: Set<number>;
  /** Every aligned tier-2 pair with its decision inputs. */
  tier2: Tier2Metrics[];
}
export let lastInternals: DuplicationInternals | null = null;

const round = (x: number) => Math.round(x * 1000) / 1000;
const pct = (x: number) => `${Math.round(x * 100)}%`;

/** Stem hash → dense id, in first-seen order (open addressing on (hash, id + 1) slot pairs; grows at half load). */
class StemIds {
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
class Store implements AlignCorpus {
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
  /** Sentences of document i: [sentenceStart[i], sentenceStart[i + 1]); sentence s owns tokens[sentenceTokens[s], sentenceTokens[s + 1]). */
  readonly sentenceStart: Int32Array;
  readonly sentenceTokens: Int32Array;
  readonly sentenceWords: Int32Array;
  readonly sentenceHashes: Uint32Array;
  /** Tier-2 weights, parallel to `terms`; after prepareAlignment(), each term's idf (`termIdf`). */
  readonly weights: Float32Array;
  /** Set by prepareAlignment(). */
  termSentences: Uint16Array | Int32Array = new Uint16Array(0);
  private prepared = false;
  readonly stemCount: number;
  /** English background share per dense id. */
  readonly stemBackground: Float32Array;

  /** `ids`: stem ids assigned over a larger corpus (focus scope: this store holds part of it); default: assigned here. */
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
      const local = l.wideTokens ? f.subarray(l.tokens, l.tokens + C) : new Uint16Array(f.buffer, f.byteOffset + l.tokens * 4, C);
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
    const counts = (this.termSentences = maxSentences > 0xffff ? new Int32Array(terms.length) : new Uint16Array(terms.length));
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

/** 1 + ln(tf) for small term frequencies (the same expression, so the same values; one Math.log per term was ~1 s at 100,000 articles). */
const LOG_TF = Float64Array.from({ length: 256 }, (_, c) => 1 + Math.log(c));

/**
 * TF-IDF vector (log tf × idf, L2-normalised) of a document, optionally without some sentences. Ids ascending
 * (the document's terms, or the subset still present). `counts` is zeroed scratch of at least terms.length.
 */
function vectorOf(doc: DocData, idf: Float32Array, exclude: Set<number> | null, counts: Int32Array, into?: Float32Array): Vector {
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

/** The `k` highest-weighted term ids of a vector (ties by id), in that order, written to out[offset…]; returns how many. */
function topTerms(v: Vector, k: number, top: Int32Array, out: Int32Array, offset: number): number {
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
function scatter(v: Vector, dense: Float32Array): void {
  for (let i = 0; i < v.ids.length; i++) dense[v.ids[i]] = v.weights[i];
}
function clear(v: Vector, dense: Float32Array): void {
  for (let i = 0; i < v.ids.length; i++) dense[v.ids[i]] = 0;
}
/** Dot product of ids/weights[from, to) with a scattered vector. */
function dotRange(ids: Int32Array, weights: Float32Array, from: number, to: number, dense: Float32Array): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += weights[i] * dense[ids[i]];
  return sum;
}
/** Dot product of a vector with a scattered one. */
function dot(v: Vector, dense: Float32Array): number {
  const { ids, weights } = v;
  let sum = 0;
  for (let i = 0; i < ids.length; i++) sum += weights[i] * dense[ids[i]];
  return sum;
}

function sharedSentenceHashes(a: DocData, b: DocData): Set<number> | null {
  const set = new Set<number>();
  for (const h of a.sentenceHashes) if (h !== 0) set.add(h);
  let shared: Set<number> | null = null;
  for (const h of b.sentenceHashes) if (h !== 0 && set.has(h)) (shared ??= new Set()).add(h);
  return shared;
}

/** Documents with at least one sentence (≥ 5 words) that also occurs verbatim in another document. */
function docsWithRepeatedSentences(store: Store): Uint8Array {
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
    for (let s = store.sentenceStart[i]; s < store.sentenceStart[i + 1]; s++) if (all[s] !== 0 && repeated.has(all[s])) count++;
    // (A sentence repeated inside one document also flags it; the per-pair check sorts that out.)
    if (count) out[i] = 1;
  }
  return out;
}

interface Reported {
  a: number;
  b: number;
  kind: DuplicatePair['kind'];
  alignment: Alignment;
  /** The pairs shown as evidence (all matches for near-duplicates, the ordered chain for similar content). */
  evidence: AlignedPair[];
  similarity: number;
  jaccard?: number;
  containment?: number;
  cosine?: number;
}

/** An aligned tier-2 pair's decision (kept for reported pairs, and for all with keepInternals). */
interface Tier2Outcome {
  al: Alignment;
  paraphrased: number;
  coverage: number;
  longerCoverage: number;
  report: boolean;
}

interface Built {
  a: number;
  b: number;
  pair: DuplicatePair;
  ranges: PassageWithRanges[];
  best: AlignedPair | null;
  sentencesA: DocSentences;
  sentencesB: DocSentences;
  aligned: number;
}

type Doc = StageDocument<DuplicationFeatures>;

/** Shingles in more than this many documents are boilerplate. */
const boilerplateCut = (near: NearDuplicateOptions, corpusSize: number) => Math.max(near.boilerplateMinDocs, near.boilerplateShare * corpusSize);
/** Top terms listed by more documents than this propose no candidates. */
const postingCap = (similar: SimilarContentOptions, corpusSize: number) => Math.max(similar.maxPostings, Math.ceil(0.02 * corpusSize));

/** Blended IDF: the corpus plus `backgroundDocs` virtual documents in which each stem occurs at its English background share. */
function blendedIdf(df: Int32Array, background: Float32Array, stemCount: number, corpusSize: number, similar: SimilarContentOptions): Float32Array {
  const idf = new Float32Array(stemCount);
  const N0 = similar.backgroundDocs;
  for (let t = 0; t < stemCount; t++) idf[t] = Math.log((corpusSize + N0 + 1) / (df[t] + N0 * background[t] + 0.5));
  return idf;
}

/**
 * Corpus-wide quantities for `compare` when it sees only part of the corpus (the focus scope): every document's
 * share of them is counted, so the part compares exactly as it would inside the whole.
 */
interface CorpusGlobals {
  /** Documents in the whole corpus (idf, boilerplate cut, posting cap). */
  n: number;
  /** Stem ids assigned over the whole corpus in path order (the same ids, tie-breaks and summation order). */
  ids: StemIds;
  /** Document frequency per stem id over the whole corpus. */
  df: Int32Array;
  /** Boilerplate shingles of the whole corpus. */
  frequent: Uint32Array;
  /** Boilerplate sentence hashes of the whole corpus. */
  frequentSentences: Set<number>;
}

function run(documents: readonly Doc[], context: CorpusStageContext): { findings: FindingDraft[]; result: DuplicatesReport } {
  const { near, similar, copied } = parseOptions(context.options);
  const keepInternals = context.options['near-duplicate']?.keepInternals === true;
  const docs = [...documents].sort((x, y) => cmp(x.path, y.path));
  const focus = context.focus;
  let focused = 0;
  if (focus) for (const d of docs) if (focus.has(d.path)) focused++;
  // A few documents in focus (a pull request against its corpus): compare only the documents that can pair with them.
  if (focus && !keepInternals && context.options['near-duplicate']?.focusScope !== false && focused * 2 < docs.length) {
    const started = performance.now();
    const scope = focusScope(docs, focus, near, similar, copied);
    const scoped = performance.now() - started;
    const out = compare(scope.docs, context, { near, similar, copied }, keepInternals, scope.globals);
    lastStats!.scope = { documents: docs.length, compared: scope.docs.length };
    lastStats!.timings = { scope: Math.round(scoped), ...lastStats!.timings };
    return out;
  }
  return compare(docs, context, { near, similar, copied }, keepInternals, null);
}

/**
 * Stem hash or shingle hash → small int, for the few thousand keys of focus documents, probed with every key of the
 * corpus (millions): a bit filter (~3 % false positives) answers most probes before the table is touched.
 */
class HashSlots {
  private readonly keys: Uint32Array;
  private readonly values: Int32Array;
  private readonly mask: number;
  private readonly bits: Uint32Array;
  private readonly shift: number;
  constructor(expected: number) {
    let size = 16;
    while (size < expected * 2) size <<= 1;
    this.keys = new Uint32Array(size);
    this.values = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    let logBits = 10;
    while (1 << logBits < expected * 32 && logBits < 22) logBits++;
    this.bits = new Uint32Array(1 << (logBits - 5));
    this.shift = 32 - logBits;
  }
  set(key: number, value: number): void {
    const bit = Math.imul(key, 0x9e3779b1) >>> this.shift;
    this.bits[bit >>> 5] |= 1 << (bit & 31);
    let slot = fmix32(key) & this.mask;
    while (this.values[slot] !== -1 && this.keys[slot] !== key) slot = (slot + 1) & this.mask;
    this.keys[slot] = key;
    this.values[slot] = value;
  }
  /** The value of `key`, or -1. */
  get(key: number): number {
    const bit = Math.imul(key, 0x9e3779b1) >>> this.shift;
    if ((this.bits[bit >>> 5] & (1 << (bit & 31))) === 0) return -1;
    let slot = fmix32(key) & this.mask;
    for (;;) {
      const v = this.values[slot];
      if (v === -1 || this.keys[slot] === key) return v;
      slot = (slot + 1) & this.mask;
    }
  }
}

/**
 * The focus scope: the corpus-wide quantities from every document's features (stem ids in path order, document
 * frequencies, boilerplate), and the documents that can form a reported pair with a focus document:
 *  - tier 1: those sharing a shingle (boilerplate aside) with one — a MinHash bin or band matches only on a shared
 *    shingle (or on one of the 2^31 hash values two shingles share, which is ignored), containment needs shared ones;
 *  - tier 2: those containing `minSharedTerms` of one's top terms (candidates share that many top terms), and every
 *    document containing a top term of one that is in more than `maxPostings` documents (the cap on a term's postings
 *    then needs its exact count).
 * Within the scope, every decision about a pair with a focus document uses the same inputs as over the whole corpus.
 */
function focusScope(
  docs: readonly Doc[],
  focus: ReadonlySet<string>,
  near: NearDuplicateOptions,
  similar: SimilarContentOptions,
  copied: CopiedPassageOptions,
): { docs: Doc[]; globals: CorpusGlobals } {
  const n = docs.length;
  const ids = new StemIds();
  let df = new Int32Array(1 << 16);
  const sets: Uint32Array[] = new Array(n);
  const layouts: Layout[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const f = docs[i].features;
    const l = (layouts[i] = layoutOf(f, docs[i].path, near.shingleSize));
    sets[i] = f.subarray(l.shingles, l.shingles + l.shingleCount);
    for (let x = l.stems; x < l.stems + l.stemCount; x++) {
      const id = ids.id(f[x]);
      if (id === df.length) {
        const grown = new Int32Array(df.length * 2);
        grown.set(df);
        df = grown;
      }
      df[id]++;
    }
  }
  const frequent = boilerplateShingles(sets, boilerplateCut(near, n));
  const sentences = sentenceCorpusOf(docs.map((d) => d.features), layouts);
  const frequentSentences = boilerplateSentences(sentences, sentenceIndex(sentences, copied.minSentenceWords), boilerplateCut(near, n));
  const focusIndices: number[] = [];
  for (let i = 0; i < n; i++) if (focus.has(docs[i].path)) focusIndices.push(i);
  const keep = new Uint8Array(n);
  for (const i of focusIndices) keep[i] = 1;

  // Tier 1: a shared shingle.
  const focusShingles = focusIndices.map((i) => difference(sets[i], frequent));
  const shingleSlots = new HashSlots(focusShingles.reduce((sum, set) => sum + set.length, 0));
  for (const set of focusShingles) for (let x = 0; x < set.length; x++) shingleSlots.set(set[x], 1);
  for (let i = 0; i < n; i++) {
    if (keep[i]) continue;
    const set = sets[i];
    for (let x = 0; x < set.length; x++) {
      if (shingleSlots.get(set[x]) !== -1) {
        keep[i] = 1;
        break;
      }
    }
  }

  // Tier 2: the focus documents' top terms, as compare() will compute them.
  const idf = blendedIdf(df, ids.background, ids.count, n, similar);
  const eligible = focusIndices.filter((i) => docs[i].features[2] >= similar.minWords);
  const mini = new Store(eligible.map((i) => docs[i].features), eligible.map((i) => docs[i].path), near.shingleSize, ids);
  const topK = similar.topTerms;
  const maxPostings = postingCap(similar, n);
  let maxTerms = 0;
  for (let k = 0; k < eligible.length; k++) maxTerms = Math.max(maxTerms, mini.termStart[k + 1] - mini.termStart[k]);
  const counts = new Int32Array(maxTerms);
  const top = new Int32Array(topK);
  const scratch = new Int32Array(topK);
  // Per top term (by stem hash): the focus documents (ordinals into `eligible`) that have it, or -2 for a term in more than maxPostings documents.
  const termOwners: number[][] = [];
  const termSlots = new HashSlots(eligible.length * topK);
  const HEAVY = -2;
  for (let k = 0; k < eligible.length; k++) {
    const m = topTerms(vectorOf(mini.view(k), idf, null, counts), topK, scratch, top, 0);
    for (let x = 0; x < m; x++) {
      const hash = ids.hashes[top[x]] >>> 0;
      let e = termSlots.get(hash);
      if (e === -1) {
        e = termOwners.length;
        termOwners.push([]);
        termSlots.set(hash, e);
      }
      termOwners[e].push(df[top[x]] > maxPostings ? HEAVY : k);
    }
  }
  const shared = new Int32Array(eligible.length);
  const touched: number[] = [];
  for (let i = 0; i < n; i++) {
    if (keep[i] || docs[i].features[2] < similar.minWords) continue;
    const f = docs[i].features;
    const l = layouts[i];
    for (let x = l.stems; x < l.stems + l.stemCount && !keep[i]; x++) {
      const e = termSlots.get(f[x]);
      if (e === -1) continue;
      for (const owner of termOwners[e]) {
        if (owner === HEAVY) {
          keep[i] = 1;
          break;
        }
        if (shared[owner]++ === 0) touched.push(owner);
        if (shared[owner] >= similar.minSharedTerms) {
          keep[i] = 1;
          break;
        }
      }
    }
    for (const owner of touched) shared[owner] = 0;
    touched.length = 0;
  }
  const scoped: Doc[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) scoped.push(docs[i]);
  return { docs: scoped, globals: { n, ids, df, frequent, frequentSentences } };
}

/** Sentence hashes and word counts of every document, read from the features (the focus scope's whole-corpus pass). */
function sentenceCorpusOf(features: readonly Uint32Array[], layouts: readonly Layout[]): SentenceCorpus {
  const n = features.length;
  const words = new Int32Array(n);
  const sentenceStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) sentenceStart[i + 1] = sentenceStart[i] + layouts[i].sentenceCount;
  const sentenceWords = new Int32Array(sentenceStart[n]);
  const sentenceHashes = new Uint32Array(sentenceStart[n]);
  for (let i = 0; i < n; i++) {
    const f = features[i];
    const l = layouts[i];
    words[i] = l.words;
    for (let x = 0; x < l.sentenceCount; x++) {
      sentenceWords[sentenceStart[i] + x] = l.wideSentences ? f[l.sentences + 2 * x + 1] : f[l.sentences + x] >>> 16;
      sentenceHashes[sentenceStart[i] + x] = f[l.hashes + x];
    }
  }
  return { words, sentenceStart, sentenceWords, sentenceHashes };
}

/** The comparison proper, over `docs` (path order); `globals` when they are part of a larger corpus. */
function compare(
  docs: readonly Doc[],
  context: CorpusStageContext,
  { near, similar, copied }: { near: NearDuplicateOptions; similar: SimilarContentOptions; copied: CopiedPassageOptions },
  keepInternals: boolean,
  globals: CorpusGlobals | null,
): { findings: FindingDraft[]; result: DuplicatesReport } {
  const timings: Record<string, number> = {};
  let clock = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round(now - clock);
    clock = now;
  };
  const n = docs.length;
  /** Documents in the whole corpus. */
  const corpusSize = globals ? globals.n : n;
  const focus = context.focus;
  const inFocus = new Uint8Array(n);
  for (let i = 0; i < n; i++) inFocus[i] = !focus || focus.has(docs[i].path) ? 1 : 0;
  const wanted = (a: number, b: number) => inFocus[a] === 1 || inFocus[b] === 1;

  // Features → corpus-wide arrays with dense stem ids.
  const store = new Store(docs.map((d) => d.features), docs.map((d) => d.path), near.shingleSize, globals?.ids);
  lap('store');

  // ---- Tier 1: near-duplicates ----
  const frequent = globals ? globals.frequent : boilerplateShingles(store.shingleSets, boilerplateCut(near, n));
  store.removeShingles(frequent);
  const sets = store.shingleSets.slice();
  lap('boilerplate');
  const K = near.permutations;
  const eligible1 = new Uint8Array(n);
  for (let i = 0; i < n; i++) eligible1[i] = store.words[i] >= near.minWords && sets[i].length > 0 ? 1 : 0;
  const signatures = new Uint32Array(n * K);
  for (let i = 0; i < n; i++) if (eligible1[i]) signature(sets[i], K, signatures, i * K);
  lap('minhash');
  const { bands, rows } = chooseBands(near.jaccard, K);
  const candidates1 = new Set<number>();
  lshCandidates(signatures, K, eligible1, bands, rows, 200, candidates1);
  lap('lsh');
  lastInternals = keepInternals
    ? { paths: docs.map((d) => d.path), shingles: sets.slice(), lshCandidates: new Set(candidates1), tier2: [] }
    : null;
  containmentCandidates(sets, eligible1, near.containmentSample, near.containment, candidates1);
  lap('containment');
  const nearPairs: { a: number; b: number; jaccard: number; containment: number }[] = [];
  const isNear = new Set<number>();
  for (const key of [...candidates1].sort((x, y) => x - y)) {
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

  // ---- Copied passages: sentence runs shared word for word by a pair that is not a near-duplicate ----
  const sentences = sentenceIndex(store, copied.minSentenceWords);
  const frequentSentences = globals ? globals.frequentSentences : boilerplateSentences(store, sentences, boilerplateCut(near, n));
  const copiedPairs = copiedPassages(store, sentences, frequentSentences, copied, wanted, (a, b) => isNear.has(a * n + b));
  const shares = sharedShares(store, sentences, frequentSentences);
  lap('passages');

  // ---- Tier 2: similar content ----
  const stemCount = store.stemCount;
  const df = globals ? globals.df : new Int32Array(stemCount);
  let maxTerms = 0;
  {
    const terms = store.terms;
    for (let i = 0; i < n; i++) {
      const from = store.termStart[i];
      const to = store.termStart[i + 1];
      if (to - from > maxTerms) maxTerms = to - from;
      if (!globals) for (let x = from; x < to; x++) df[terms[x]]++;
    }
  }
  const idf = blendedIdf(df, store.stemBackground, stemCount, corpusSize, similar);
  const eligible2 = new Uint8Array(n);
  for (let i = 0; i < n; i++) eligible2[i] = store.words[i] >= similar.minWords ? 1 : 0;
  // Vectors, struct-of-arrays: article i's weights sit next to its terms (weights[termStart[i], termStart[i + 1])).
  const weightsAll = store.weights;
  const termsAll = store.terms;
  const termStart = store.termStart;
  const vectorOfDoc = (i: number): Vector => ({ ids: termsAll.subarray(termStart[i], termStart[i + 1]), weights: weightsAll.subarray(termStart[i], termStart[i + 1]) });
  const topK = similar.topTerms;
  const topIds = new Int32Array(n * topK);
  const topCount = new Int32Array(n);
  const topScratch = new Int32Array(topK);
  const counts = new Int32Array(maxTerms);
  for (let i = 0; i < n; i++) {
    if (!eligible2[i]) continue;
    const v = vectorOf(store.view(i), idf, null, counts, weightsAll.subarray(termStart[i], termStart[i + 1]));
    topCount[i] = topTerms(v, topK, topScratch, topIds, i * topK);
  }
  const repeatedSentences = docsWithRepeatedSentences(store);
  lap('tfidf');

  // Inverted index over top terms; every pair sharing ≥ minSharedTerms of them gets its cosine right away.
  const postingCount = new Int32Array(stemCount);
  for (let i = 0; i < n; i++) for (let x = i * topK; x < i * topK + topCount[i]; x++) postingCount[topIds[x]]++;
  const postingStart = new Int32Array(stemCount + 1);
  for (let t = 0; t < stemCount; t++) postingStart[t + 1] = postingStart[t] + postingCount[t];
  const postingDocs = new Int32Array(postingStart[stemCount]);
  const fill = postingStart.slice(0, stemCount);
  for (let i = 0; i < n; i++) for (let x = i * topK; x < i * topK + topCount[i]; x++) postingDocs[fill[topIds[x]]++] = i;
  const maxPostings = postingCap(similar, corpusSize);
  const sharedTop = new Int32Array(n);
  const touched = new Int32Array(n);
  let candidates2 = 0;
  const gated: { a: number; b: number; cos: number; shared: Set<number> | null }[] = [];
  // Float32 like the weights it holds (so exact), half the cache footprint of Float64: these lookups are most of the cosine's cost.
  const dense = new Float32Array(stemCount);
  const exactCosine = (a: Vector, b: Vector) => {
    scatter(a, dense);
    const c = dot(b, dense);
    clear(a, dense);
    return c;
  };
  for (let i = 0; i < n; i++) {
    let hits = 0;
    for (let x = i * topK; x < i * topK + topCount[i]; x++) {
      const t = topIds[x];
      const end = postingStart[t + 1];
      if (end - postingStart[t] > maxPostings) continue;
      for (let p = postingStart[t]; p < end; p++) {
        const j = postingDocs[p];
        if (j <= i) continue;
        if (sharedTop[j]++ === 0) touched[hits++] = j;
      }
    }
    if (hits === 0) continue;
    // Ascending j, so the gated list is built in (a, b) order.
    if (hits > 1) touched.subarray(0, hits).sort();
    const vi = vectorOfDoc(i);
    scatter(vi, dense);
    for (let h = 0; h < hits; h++) {
      const j = touched[h];
      const count = sharedTop[j];
      sharedTop[j] = 0;
      if (count < similar.minSharedTerms) continue;
      candidates2++;
      if (!wanted(i, j) || isNear.has(i * n + j)) continue;
      let cos = dotRange(termsAll, weightsAll, termStart[j], termStart[j + 1], dense);
      if (cos < similar.cosine) continue;
      // Verbatim-shared sentences are tier 1's business (and boilerplate); tier 2 scores what is left.
      let shared: Set<number> | null = null;
      if (repeatedSentences[i] && repeatedSentences[j] && (shared = sharedSentenceHashes(store.view(i), store.view(j)))) {
        clear(vi, dense);
        cos = exactCosine(vectorOf(store.view(i), idf, shared, counts), vectorOf(store.view(j), idf, shared, counts));
        scatter(vi, dense);
        if (cos < similar.cosine) continue;
      }
      gated.push({ a: i, b: j, cos, shared });
    }
    clear(vi, dense);
  }
  lap('tier2-candidates');
  store.prepareAlignment(idf);
  lap('align-prepare');

  // Evidence: sentence texts and original line numbers, only for the documents of pairs the alignment would report (each article is
  // derived again once, and only its sentences and line starts are kept).
  const sentenceCache = new Map<number, DocSentences>();
  const sentencesFor = (i: number) => {
    let s = sentenceCache.get(i);
    if (!s) {
      s = sentencesOf(context.articleFor(docs[i].path));
      const count = store.sentenceStart[i + 1] - store.sentenceStart[i];
      if (s.sentences.length !== count || s.words !== store.words[i]) throw new Error(`duplication: ${docs[i].path} changed after its features were extracted`);
      sentenceCache.set(i, s);
    }
    return s;
  };

  // ---- Decisions (alignment on the features; evidence text only for reported pairs) ----
  const workspace = new AlignWorkspace();
  const reported: Reported[] = [];
  for (const p of nearPairs) {
    const al = workspace.align(store, p.a, p.b, near.sentenceSimilarity);
    reported.push({ a: p.a, b: p.b, kind: 'near-duplicate', alignment: al, evidence: al.pairs, similarity: Math.max(p.jaccard, p.containment), jaccard: p.jaccard, containment: p.containment });
  }

  // Strong pairs are all aligned; among weaker ones each article's best `maxAlignPerDoc` (bounds work on same-topic corpora).
  gated.sort((x, y) => y.cos - x.cos || x.a - y.a || x.b - y.b);
  const weakUsed = new Int32Array(n);
  const chosen: number[] = [];
  for (let g = 0; g < gated.length; g++) {
    const { a, b, cos } = gated[g];
    if (cos < similar.strongCosine) {
      if (weakUsed[a] >= similar.maxAlignPerDoc && weakUsed[b] >= similar.maxAlignPerDoc) continue;
      weakUsed[a]++;
      weakUsed[b]++;
    }
    chosen.push(g);
  }
  // Which pairs are aligned does not depend on any alignment, and each decision depends on its pair alone: align in
  // (a, b) order, so a document's arrays stay in cache across its pairs, and collect the outcomes in `gated` order.
  const { sentenceHashes, sentenceWords } = store;
  let sa = 0;
  let sb = 0;
  let wordsOfA = 0;
  let wordsOfB = 0;
  let strong = false;
  let shared: Set<number> | null = null;
  // Exact pre-check: from an upper bound of which sentences can match at all, can the pair still reach either
  // decision rule? (Same count and coverage definitions as below, on a superset of the aligned sentences.)
  const feasible = (canA: Uint8Array, canB: Uint8Array) => {
    let countA = 0;
    let countB = 0;
    let wordsA = 0;
    let wordsB = 0;
    for (let s = 0; s < canA.length; s++) {
      if (!canA[s] || (shared && shared.has(sentenceHashes[sa + s]))) continue;
      countA++;
      wordsA += sentenceWords[sa + s];
    }
    for (let s = 0; s < canB.length; s++) {
      if (!canB[s]) continue;
      countB++;
      wordsB += sentenceWords[sb + s];
    }
    const most = Math.min(countA, countB);
    const coverage = wordsOfA <= wordsOfB ? wordsA / Math.max(1, wordsOfA) : wordsB / Math.max(1, wordsOfB);
    const longer = wordsOfA <= wordsOfB ? wordsB / Math.max(1, wordsOfB) : wordsA / Math.max(1, wordsOfA);
    if (longer < similar.minLongerCoverage) return false;
    return (most >= similar.minAlignedSentences && coverage >= similar.minCoverage) ||
      (strong && most >= Math.max(1, similar.strongMinAligned) && coverage >= similar.strongMinCoverage);
  };
  const PRUNED = 0;
  const NOT_REPORTED = 1;
  const outcomes: (Tier2Outcome | typeof PRUNED | typeof NOT_REPORTED)[] = new Array(chosen.length);
  const byDocument = Int32Array.from(chosen.keys()).sort((x, y) => gated[chosen[x]].a - gated[chosen[y]].a || gated[chosen[x]].b - gated[chosen[y]].b);
  for (const k of byDocument) {
    const { a, b, cos } = gated[chosen[k]];
    shared = gated[chosen[k]].shared;
    sa = store.sentenceStart[a];
    sb = store.sentenceStart[b];
    wordsOfA = store.words[a];
    wordsOfB = store.words[b];
    strong = cos >= similar.strongCosine;
    const al = similar.sentenceSimilarity > 0 ? workspace.align(store, a, b, similar.sentenceSimilarity, feasible) : workspace.align(store, a, b, similar.sentenceSimilarity);
    if (!al) {
      outcomes[k] = PRUNED;
      continue;
    }
    // Structural evidence: paraphrased (not verbatim) sentences in the same order, covering the shorter article.
    // (Verbatim-shared sentences count for neither the number nor the coverage, as for the cosine.)
    let paraphrased = 0;
    let wordsA = 0;
    let wordsB = 0;
    for (const x of al.ordered) {
      if (shared && shared.has(sentenceHashes[sa + x.a])) continue;
      paraphrased++;
      wordsA += sentenceWords[sa + x.a];
      wordsB += sentenceWords[sb + x.b];
    }
    const shorterCoverage = wordsOfA <= wordsOfB ? wordsA / Math.max(1, wordsOfA) : wordsB / Math.max(1, wordsOfB);
    const longerCoverage = wordsOfA <= wordsOfB ? wordsB / Math.max(1, wordsOfB) : wordsA / Math.max(1, wordsOfA);
    const structural = paraphrased >= similar.minAlignedSentences && shorterCoverage >= similar.minCoverage;
    // Topic-level rewrites: a higher cosine, and still an outline — not one restated background sentence, which is
    // all two different stories about one company share (their cosine comes from the shared names and topic words).
    const topicLevel = strong && paraphrased >= Math.max(1, similar.strongMinAligned) && shorterCoverage >= similar.strongMinCoverage;
    // Both: a real share of the longer article too (related pages restate a few lines of each other; a rewrite does not stop there).
    const report = (structural || topicLevel) && longerCoverage >= similar.minLongerCoverage;
    outcomes[k] = report || lastInternals ? { al, paraphrased, coverage: shorterCoverage, longerCoverage, report } : NOT_REPORTED;
  }
  const figureEvidenceOf = (al: Alignment, a: number, b: number, shared: Set<number> | null) => {
    const sa = store.sentenceStart[a];
    return figureEvidence(al.ordered, sentencesFor(a), sentencesFor(b), (x) => shared !== null && shared.has(sentenceHashes[sa + x.a]));
  };
  let aligned2 = 0;
  let pruned2 = 0;
  for (let k = 0; k < chosen.length; k++) {
    const outcome = outcomes[k];
    if (outcome === PRUNED) {
      pruned2++;
      continue;
    }
    aligned2++;
    if (outcome === NOT_REPORTED) continue;
    const { a, b, cos } = gated[chosen[k]];
    const { al } = outcome;
    let report = outcome.report;
    // Figures: only for pairs the structure would report (their texts are needed for the evidence anyway).
    const figures = report && similar.maxFigureDifference <= 1 ? figureEvidenceOf(al, a, b, gated[chosen[k]].shared) : null;
    if (figures && figuresDisagree(figures, similar.maxFigureDifference)) report = false;
    if (lastInternals) {
      lastInternals.tier2.push({
        a: docs[a].path,
        b: docs[b].path,
        cosine: round(cos),
        aligned: al.pairs.length,
        ordered: al.ordered.length,
        paraphrased: outcome.paraphrased,
        coverage: round(outcome.coverage),
        longerCoverage: round(outcome.longerCoverage),
        reported: report,
        ...(figures ? { figures } : {}),
      });
    }
    if (!report) continue;
    reported.push({ a, b, kind: 'similar-content', alignment: al, evidence: al.ordered, similarity: cos, cosine: cos });
  }
  lap('align');

  const built: Built[] = reported.map((r) => {
    const A = sentencesFor(r.a);
    const B = sentencesFor(r.b);
    const nearDuplicate = r.kind === 'near-duplicate';
    const ranges = passages(A, B, r.evidence, nearDuplicate ? near.maxPassages : similar.maxPassages);
    const al = r.alignment;
    const pair: DuplicatePair = nearDuplicate
      ? {
          a: docs[r.a].path,
          b: docs[r.b].path,
          kind: 'near-duplicate',
          similarity: round(r.similarity),
          jaccard: round(r.jaccard!),
          containment: round(r.containment!),
          coverageA: round(al.coverageA),
          coverageB: round(al.coverageB),
          shared: ranges.map((x) => x.passage),
        }
      : {
          a: docs[r.a].path,
          b: docs[r.b].path,
          kind: 'similar-content',
          similarity: round(r.similarity),
          cosine: round(r.cosine!),
          coverageA: round(al.orderedCoverageA),
          coverageB: round(al.orderedCoverageB),
          shared: ranges.map((x) => x.passage),
        };
    return { a: r.a, b: r.b, pair, ranges, best: bestPair(r.evidence), sentencesA: A, sentencesB: B, aligned: r.evidence.length };
  });

  built.sort((x, y) => y.pair.similarity - x.pair.similarity || cmp(x.pair.a, y.pair.a) || cmp(x.pair.b, y.pair.b));
  const findings: FindingDraft[] = [];
  for (const r of built) {
    findings.push(...findingsFor(r, docs, inFocus, near));
  }
  const clusters = clustersOf(built, docs);
  const paths = docs.map((d) => d.path);
  const scores = clusterScores(gated, built, clusters, paths);
  const copiedReport = reportCopiedPassages(copiedPairs, paths, sentencesFor, inFocus, copied);
  findings.push(...copiedReport.findings);
  lap('report');

  lastStats = {
    documents: n,
    bands,
    rows,
    boilerplateShingles: frequent.length,
    tier1Candidates: candidates1.size,
    tier2Candidates: candidates2,
    tier2Gated: gated.length,
    tier2Aligned: aligned2,
    tier2Pruned: pruned2,
    timings,
  };
  return {
    findings,
    result: {
      pairs: built.map((r) => r.pair),
      clusters,
      clusterScores: scores,
      copied: copiedReport.copied,
      foundElsewhere: foundElsewhere(shares, store.words, paths, inFocus),
    },
  };
}

const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** The best-scoring aligned pair (scores compared to 1e-6, so float noise between exact copies does not decide; then the earliest). */
function bestPair(pairs: AlignedPair[]): AlignedPair | null {
  let best: AlignedPair | null = null;
  let bestKey = -1;
  for (const p of pairs) {
    const key = Math.round(p.score * 1e6);
    if (key > bestKey || (key === bestKey && best && p.a < best.a)) {
      best = p;
      bestKey = key;
    }
  }
  return best;
}

function clip(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

function findingsFor(r: Built, docs: readonly Doc[], inFocus: Uint8Array, near: NearDuplicateOptions): FindingDraft[] {
  const out: FindingDraft[] = [];
  const { pair } = r;
  for (const side of ['a', 'b'] as const) {
    const self = side === 'a' ? r.a : r.b;
    if (!inFocus[self]) continue;
    const otherPath = side === 'a' ? pair.b : pair.a;
    const coverage = (side === 'a' ? pair.coverageA : pair.coverageB) ?? 0;
    // First shared passage in this document.
    let first: PassageWithRanges | null = null;
    for (const p of r.ranges) {
      const mine = side === 'a' ? p.rangeA : p.rangeB;
      const best = first ? (side === 'a' ? first.rangeA : first.rangeB) : null;
      if (!best || mine.line < best.line || (mine.line === best.line && mine.column < best.column)) first = p;
    }
    const range = first ? (side === 'a' ? first.rangeA : first.rangeB) : { line: 1, column: 1, endLine: 1, endColumn: 1 };
    const otherRange = first ? (side === 'a' ? first.rangeB : first.rangeA) : { line: 1, column: 1 };
    const sentences = side === 'a' ? r.sentencesA : r.sentencesB;
    const evidence = r.best ? clip(sentences.sentences[side === 'a' ? r.best.a : r.best.b].text, 160) : undefined;
    let message: string;
    const count = `${r.aligned} ${pair.kind === 'near-duplicate' ? 'shared' : 'aligned'} sentence${r.aligned === 1 ? '' : 's'} covering ${pct(coverage)} of this article`;
    if (pair.kind === 'near-duplicate') {
      const jaccard = pair.jaccard ?? 0;
      const containment = pair.containment ?? 0;
      const selfWords = docs[self].words;
      const otherWords = docs[side === 'a' ? r.b : r.a].words;
      if (jaccard < near.jaccard && containment > jaccard) {
        message = selfWords <= otherWords
          ? `Contained in ${otherPath} (containment ${containment.toFixed(2)}, Jaccard ${jaccard.toFixed(2)}; ${count}).`
          : `Contains most of ${otherPath} (containment ${containment.toFixed(2)}, Jaccard ${jaccard.toFixed(2)}; ${count}).`;
      } else {
        message = `Near-duplicate of ${otherPath} (Jaccard ${jaccard.toFixed(2)}, containment ${containment.toFixed(2)}; ${count}).`;
      }
    } else {
      // Both sides' coverage: the evidence that this is a rewrite, not two pages on one topic.
      const otherCoverage = (side === 'a' ? pair.coverageB : pair.coverageA) ?? 0;
      message = `Spun version of ${otherPath} (cosine ${(pair.cosine ?? 0).toFixed(2)}, ${r.aligned} aligned sentence${r.aligned === 1 ? '' : 's'} in the same order covering ${pct(coverage)} of this article and ${pct(otherCoverage)} of the other).`;
    }
    const related: RelatedLocation[] = [{ path: otherPath, line: otherRange.line, column: otherRange.column, message: first ? 'Matching passage' : 'Other article' }];
    out.push({
      ruleId: pair.kind,
      severity: pair.kind === 'near-duplicate' ? 'error' : 'warning',
      path: docs[self].path,
      ...range,
      message,
      ...(evidence ? { evidence } : {}),
      suggestion: pair.kind === 'near-duplicate'
        ? 'Keep one canonical version (or point the copy at it with a canonical link) and remove or rewrite the other.'
        : 'Publishing reworded copies of one article dilutes both; merge them or rewrite one with its own angle and facts.',
      related,
    });
  }
  return out;
}

/**
 * Cosines of the pairs inside one cluster that were compared (a candidate at or above `cosine`) but not reported on
 * their own — five rewrites of one template form one cluster, and every cell of its heat map gets a score.
 */
function clusterScores(gated: readonly { a: number; b: number; cos: number }[], built: readonly Built[], clusters: readonly string[][], paths: readonly string[]): ClusterScore[] {
  const clusterOf = new Map<string, number>();
  clusters.forEach((members, c) => members.forEach((p) => clusterOf.set(p, c)));
  const reported = new Set(built.map((r) => `${r.a}:${r.b}`));
  const out: ClusterScore[] = [];
  for (const g of gated) {
    const c = clusterOf.get(paths[g.a]);
    if (c === undefined || clusterOf.get(paths[g.b]) !== c || reported.has(`${g.a}:${g.b}`)) continue;
    out.push({ a: paths[g.a], b: paths[g.b], similarity: round(g.cos) });
  }
  return out.sort((x, y) => cmp(x.a, y.a) || cmp(x.b, y.b));
}

function clustersOf(reported: Built[], docs: readonly Doc[]): string[][] {
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let root = x;
    while (parent.get(root)! !== root) root = parent.get(root)!;
    while (parent.get(x)! !== root) {
      const next = parent.get(x)!;
      parent.set(x, root);
      x = next;
    }
    return root;
  };
  for (const r of reported) {
    for (const x of [r.a, r.b]) if (!parent.has(x)) parent.set(x, x);
    const ra = find(r.a);
    const rb = find(r.b);
    if (ra !== rb) parent.set(Math.max(ra, rb), Math.min(ra, rb));
  }
  const groups = new Map<number, number[]>();
  for (const x of [...parent.keys()].sort((p, q) => p - q)) {
    const root = find(x);
    let g = groups.get(root);
    if (!g) groups.set(root, (g = []));
    g.push(x);
  }
  const clusters = [...groups.values()].map((members) => {
    let rep = members[0];
    for (const m of members) {
      const w = docs[m].words;
      const rw = docs[rep].words;
      if (w > rw || (w === rw && docs[m].path < docs[rep].path)) rep = m;
    }
    const rest = members.filter((m) => m !== rep).map((m) => docs[m].path).sort(cmp);
    return [docs[rep].path, ...rest];
  });
  return clusters.sort((x, y) => cmp(x[0], y[0]));
}

export const duplicationStage: CorpusStage<DuplicationFeatures, DuplicatesReport> = {
  ruleIds: ['near-duplicate', 'similar-content', 'copied-passage'],
  defaults: { 'near-duplicate': { ...NEAR_DUPLICATE_DEFAULTS }, 'similar-content': { ...SIMILAR_CONTENT_DEFAULTS }, 'copied-passage': { ...COPIED_PASSAGE_DEFAULTS } },
  extract,
  run,
};

export type { NearDuplicateOptions, SimilarContentOptions };
