// Duplication stage: near-duplicates (tier 1: shingles → MinHash/LSH + containment index → exact Jaccard) and
// similar content (tier 2: blended TF-IDF → top-term candidate index → cosine + ordered sentence alignment).
// See docs/duplication.md for the design and the calibration of the defaults.
import type { CorpusStage } from '../../stage.js';
import type { Article, DuplicatePair, DuplicatesReport, FindingDraft, RelatedLocation } from '../../types.js';
import { PROSE_KINDS } from '../../types.js';
import { AlignWorkspace, passages, sentenceHash, sentencesOf, type AlignedPair, type Alignment, type DocSentences, type LocalIndices, type PassageWithRanges, type SentenceView } from './align.js';
import { chooseBands, containmentCandidates, frequentShingles, intersectionSize, lshCandidates, signature, sortUnique } from './minhash.js';
import { NEAR_DUPLICATE_DEFAULTS, SIMILAR_CONTENT_DEFAULTS, parseOptions, type NearDuplicateOptions, type SimilarContentOptions } from './options.js';
import { combine, fmix32, tokenize, Vocabulary } from './text.js';

export { NEAR_DUPLICATE_DEFAULTS, SIMILAR_CONTENT_DEFAULTS } from './options.js';

/** One article's pass-1 data: views into the corpus-wide arrays of `Store` (created on demand, short-lived). */
interface DocData extends SentenceView {
  words: number;
  /** Distinct content stems (ascending) and the content stems in reading order as indices into them. */
  terms: Int32Array;
  /** The whole token array of the corpus; `sentenceStarts` are offsets into it. */
  tokens: LocalIndices;
  /** Sentence boundaries into `tokens` (count + 1 entries), per-sentence word counts and hashes (0 = under 5 words). */
  sentenceStarts: Int32Array;
  sentenceWords: Int32Array;
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
  reported: boolean;
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

type Numbers = Int32Array | Uint32Array | Uint16Array;

/** A corpus-wide growable typed array (grows by 1.5×; sized from an estimate up front). */
class Arena<T extends Numbers> {
  data: T;
  length = 0;
  constructor(private make: (size: number) => T, size: number, initial?: T) {
    this.data = initial ?? make(Math.max(16, size));
  }
  reserve(extra: number): T {
    const need = this.length + extra;
    if (need > this.data.length) {
      const d = this.make(Math.max(need, Math.ceil(this.data.length * 1.5)));
      d.set(this.data.subarray(0, this.length) as never);
      this.data = d;
    }
    return this.data;
  }
}

/**
 * Pass-1 data of the whole corpus, struct-of-arrays: one typed array per field with per-article offsets, so the
 * stage allocates a handful of large buffers instead of ~8 small ones per article (with 1 GB of articles live, the
 * small ones cost a full GC every few thousand articles).
 */
class Store {
  readonly words: Int32Array;
  /** Sorted unique shingle hashes of article i: shingles[shingleStart[i], shingleStart[i + 1]) (tier 1 only). */
  shingles: Arena<Uint32Array>;
  readonly shingleStart: Int32Array;
  /** Distinct content stems of article i, ascending: terms[termStart[i], termStart[i + 1]). */
  readonly terms: Arena<Int32Array>;
  readonly termStart: Int32Array;
  /** Content tokens as indices into their article's terms (Uint16 until an article has more than 65,536 stems). */
  tokens: Arena<Uint16Array | Int32Array>;
  /** Sentences of article i: [sentenceStart[i], sentenceStart[i + 1]); sentence s owns tokens[sentenceTokens[s], sentenceTokens[s + 1]). */
  readonly sentenceStart: Int32Array;
  readonly sentenceTokens: Arena<Int32Array>;
  readonly sentenceWords: Arena<Int32Array>;
  readonly sentenceHashes: Arena<Uint32Array>;

  /** Tier-2 weights, parallel to `terms` (same capacity), and the tier-1 MinHash signatures (n × permutations). */
  readonly weights: Float32Array;
  readonly signatures: Uint32Array;

  constructor(readonly n: number, estimatedWords: number, permutations: number) {
    // Sized from the articles' word counts with headroom (untouched capacity is never paged in), and carved out of
    // two buffers: every large ArrayBuffer allocation pushes V8's external-memory limit and so can start a full GC,
    // which costs ~2 s with 1 GB of articles live. Shingles get their own buffer so it can be freed after tier 1.
    const w = Math.ceil(estimatedWords * 1.1) + 1024;
    const termCap = Math.ceil(w * 0.75);
    const tokenCap = w + (w & 1);
    const sentenceCap = Math.ceil(w / 10) + 1024;
    const bytes = 4 * termCap * 2 + 2 * tokenCap + 4 * sentenceCap * 3 + 4 * n * permutations;
    const slab = new ArrayBuffer(bytes);
    let at = 0;
    const carve = <T>(make: (b: ArrayBuffer, o: number, l: number) => T, length: number, size: number): T => {
      const view = make(slab, at, length);
      at += length * size;
      return view;
    };
    this.words = new Int32Array(n);
    this.shingles = new Arena((k) => new Uint32Array(k), w);
    this.shingleStart = new Int32Array(n + 1);
    this.terms = new Arena((k) => new Int32Array(k), 0, carve((b, o, l) => new Int32Array(b, o, l), termCap, 4));
    this.weights = carve((b, o, l) => new Float32Array(b, o, l), termCap, 4);
    this.signatures = carve((b, o, l) => new Uint32Array(b, o, l), n * permutations, 4);
    this.termStart = new Int32Array(n + 1);
    this.sentenceStart = new Int32Array(n + 1);
    this.sentenceTokens = new Arena((k) => new Int32Array(k), 0, carve((b, o, l) => new Int32Array(b, o, l), sentenceCap, 4));
    this.sentenceWords = new Arena((k) => new Int32Array(k), 0, carve((b, o, l) => new Int32Array(b, o, l), sentenceCap, 4));
    this.sentenceHashes = new Arena((k) => new Uint32Array(k), 0, carve((b, o, l) => new Uint32Array(b, o, l), sentenceCap, 4));
    this.tokens = new Arena<Uint16Array | Int32Array>((k) => new Uint16Array(k), 0, carve((b, o, l) => new Uint16Array(b, o, l), tokenCap, 2));
  }

  widenTokens(): void {
    if (this.tokens.data instanceof Int32Array) return;
    const wide = new Arena<Uint16Array | Int32Array>((k) => new Int32Array(k), this.tokens.data.length);
    wide.data.set(this.tokens.data.subarray(0, this.tokens.length));
    wide.length = this.tokens.length;
    this.tokens = wide;
  }

  /** Shingle set of article i (a view). */
  shingleSet(i: number): Uint32Array {
    return this.shingles.data.subarray(this.shingleStart[i], this.shingleStart[i + 1]);
  }

  /** Removes `drop` (sorted) from every shingle set, compacting in place. */
  removeShingles(drop: Uint32Array): void {
    if (drop.length === 0) return;
    const sh = this.shingles.data;
    let w = 0;
    for (let i = 0; i < this.n; i++) {
      const from = this.shingleStart[i];
      const to = this.shingleStart[i + 1];
      this.shingleStart[i] = w;
      let j = 0;
      for (let r = from; r < to; r++) {
        const x = sh[r];
        while (j < drop.length && drop[j] < x) j++;
        if (j < drop.length && drop[j] === x) continue;
        sh[w++] = x;
      }
    }
    this.shingleStart[this.n] = w;
    this.shingles.length = w;
  }

  freeShingles(): void {
    this.shingles = new Arena((k) => new Uint32Array(k), 0);
    this.shingleStart.fill(0);
  }

  /** Article i as a SentenceView (views, no copies). */
  view(i: number): DocData {
    const s0 = this.sentenceStart[i];
    const s1 = this.sentenceStart[i + 1];
    return {
      words: this.words[i],
      terms: this.terms.data.subarray(this.termStart[i], this.termStart[i + 1]),
      tokens: this.tokens.data,
      sentenceStarts: this.sentenceTokens.data.subarray(s0, s1 + 1),
      sentenceWords: this.sentenceWords.data.subarray(s0, s1),
      sentenceHashes: this.sentenceHashes.data.subarray(s0, s1),
    };
  }
}

/** Pass 1: tokenises each article once into the corpus-wide Store (scratch buffers reused across articles). */
class Analyser {
  private tokenHashes = new Uint32Array(4096);
  private tokens = 0;
  private stems = new Growable(4096);
  private starts = new Growable(256);
  private sentenceTokenStarts = new Growable(256);
  private sentenceWordCounts = new Growable(256);
  private shingleScratch = new Uint32Array(4096);
  private sortScratch = new Int32Array(4096);
  /** Scratch: stem id → index into the current article's terms. */
  private slot = new Int32Array(1 << 14);
  private readonly sink: (hash: number, stem: number) => void;

  constructor(private vocab: Vocabulary, private shingleSize: number, private store: Store) {
    this.sink = (hash: number, stem: number) => {
      if (this.tokens === this.tokenHashes.length) {
        const grown = new Uint32Array(this.tokens * 2);
        grown.set(this.tokenHashes);
        this.tokenHashes = grown;
      }
      this.tokenHashes[this.tokens++] = hash;
      if (stem >= 0) this.stems.push(stem);
    };
  }

  analyse(i: number, article: Article): void {
    const { stems, starts, sentenceWordCounts, sentenceTokenStarts, vocab, sink, store } = this;
    this.tokens = 0;
    stems.length = 0;
    starts.length = 0;
    sentenceWordCounts.length = 0;
    sentenceTokenStarts.length = 0;
    for (const block of article.blocks) {
      if (!PROSE_KINDS.has(block.kind)) continue;
      const text = block.text;
      const sentences = block.sentences;
      for (let s = 0; s < Math.max(1, sentences.length); s++) {
        const t0 = this.tokens;
        const s0 = stems.length;
        if (sentences.length === 0) tokenize(text, 0, text.length, vocab, sink);
        else tokenize(text, sentences[s].start, sentences[s].end, vocab, sink);
        if (this.tokens > t0) {
          starts.push(s0);
          sentenceTokenStarts.push(t0);
          sentenceWordCounts.push(this.tokens - t0);
        }
      }
    }
    const words = this.tokens;
    store.words[i] = words;
    const th = this.tokenHashes;
    const count = starts.length;
    // Sentences: global token offsets, word counts, hashes (over term hashes, so independent of vocabulary order).
    const tokenBase = store.tokens.length;
    const sentenceBase = store.sentenceTokens.length;
    store.sentenceStart[i] = sentenceBase;
    const sTok = store.sentenceTokens.reserve(count);
    const sWords = store.sentenceWords.reserve(count);
    const sHash = store.sentenceHashes.reserve(count);
    for (let s = 0; s < count; s++) {
      const from = sentenceTokenStarts.data[s];
      const to = s + 1 < count ? sentenceTokenStarts.data[s + 1] : words;
      sTok[sentenceBase + s] = tokenBase + starts.data[s];
      sWords[sentenceBase + s] = sentenceWordCounts.data[s];
      sHash[sentenceBase + s] = sentenceHash(th, from, to);
    }
    store.sentenceTokens.length = store.sentenceWords.length = store.sentenceHashes.length = sentenceBase + count;
    // Shingles: sorted unique, appended.
    const k = this.shingleSize;
    store.shingleStart[i] = store.shingles.length;
    if (words >= k) {
      const n = words - k + 1;
      if (this.shingleScratch.length < n) this.shingleScratch = new Uint32Array(Math.max(n, this.shingleScratch.length * 2));
      const out = this.shingleScratch.subarray(0, n);
      for (let p = 0; p < n; p++) {
        let h = 0x2545f491;
        for (let q = 0; q < k; q++) h = combine(h, th[p + q]);
        out[p] = fmix32(h);
      }
      const unique = sortUnique(out);
      store.shingles.reserve(unique.length).set(unique, store.shingles.length);
      store.shingles.length += unique.length;
    }
    // Distinct stems, ascending, and each content token as an index into them.
    const total = stems.length;
    if (this.sortScratch.length < total) this.sortScratch = new Int32Array(Math.max(total, this.sortScratch.length * 2));
    const sorted = this.sortScratch.subarray(0, total);
    sorted.set(stems.data.subarray(0, total));
    sorted.sort();
    let distinct = 0;
    for (let x = 0; x < total; x++) if (x === 0 || sorted[x] !== sorted[distinct - 1]) sorted[distinct++] = sorted[x];
    const termBase = store.terms.length;
    store.termStart[i] = termBase;
    store.terms.reserve(distinct).set(sorted.subarray(0, distinct), termBase);
    store.terms.length = termBase + distinct;
    if (this.slot.length < vocab.stemCount) this.slot = new Int32Array(Math.max(vocab.stemCount, this.slot.length * 2));
    const slot = this.slot;
    for (let x = 0; x < distinct; x++) slot[sorted[x]] = x;
    if (distinct > 0x10000) store.widenTokens();
    const tok = store.tokens.reserve(total);
    const all = stems.data;
    for (let x = 0; x < total; x++) tok[tokenBase + x] = slot[all[x]];
    store.tokens.length = tokenBase + total;
  }

  /** Closes the offset arrays after the last article. */
  finish(): void {
    const { store } = this;
    const n = store.n;
    store.shingleStart[n] = store.shingles.length;
    store.termStart[n] = store.terms.length;
    store.sentenceStart[n] = store.sentenceTokens.length;
    store.sentenceTokens.reserve(1)[store.sentenceTokens.length] = store.tokens.length;
  }
}

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
    const w = (1 + Math.log(c)) * idf[t];
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
function scatter(v: Vector, dense: Float64Array): void {
  for (let i = 0; i < v.ids.length; i++) dense[v.ids[i]] = v.weights[i];
}
function clear(v: Vector, dense: Float64Array): void {
  for (let i = 0; i < v.ids.length; i++) dense[v.ids[i]] = 0;
}
/** Dot product of ids/weights[from, to) with a scattered vector. */
function dotRange(ids: Int32Array, weights: Float32Array, from: number, to: number, dense: Float64Array): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += weights[i] * dense[ids[i]];
  return sum;
}
/** Dot product of a vector with a scattered one. */
function dot(v: Vector, dense: Float64Array): number {
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
  const n = store.n;
  const all = store.sentenceHashes.data.subarray(0, store.sentenceHashes.length);
  let total = 0;
  for (let s = 0; s < all.length; s++) if (all[s] !== 0) total++;
  const hashes = new Uint32Array(total);
  let w = 0;
  for (let s = 0; s < all.length; s++) if (all[s] !== 0) hashes[w++] = all[s];
  const sorted = hashes.sort();
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

function run(articles: readonly Article[], context: { options: Record<string, Record<string, unknown>>; focus: ReadonlySet<string> | null }): { findings: FindingDraft[]; result: DuplicatesReport } {
  const { near, similar } = parseOptions(context.options);
  const keepInternals = context.options['near-duplicate']?.keepInternals === true;
  const timings: Record<string, number> = {};
  let clock = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round(now - clock);
    clock = now;
  };

  const docs = [...articles].sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
  const n = docs.length;
  const focus = context.focus;
  const inFocus = new Uint8Array(n);
  for (let i = 0; i < n; i++) inFocus[i] = !focus || focus.has(docs[i].path) ? 1 : 0;
  const wanted = (a: number, b: number) => inFocus[a] === 1 || inFocus[b] === 1;

  // Pass 1: tokens → shingles, stems, sentence hashes.
  const vocab = new Vocabulary();
  let estimatedWords = 0;
  for (const d of docs) estimatedWords += d.words;
  const store = new Store(n, estimatedWords, near.permutations);
  const analyser = new Analyser(vocab, near.shingleSize, store);
  for (let i = 0; i < n; i++) analyser.analyse(i, docs[i]);
  analyser.finish();
  lap('tokenise');

  // ---- Tier 1: near-duplicates ----
  const maxDocs = Math.max(near.boilerplateMinDocs, near.boilerplateShare * n);
  const frequent = frequentShingles(Array.from({ length: n }, (_, i) => store.shingleSet(i)), maxDocs);
  store.removeShingles(frequent);
  const sets = Array.from({ length: n }, (_, i) => store.shingleSet(i));
  lap('boilerplate');
  const K = near.permutations;
  const eligible1 = new Uint8Array(n);
  for (let i = 0; i < n; i++) eligible1[i] = store.words[i] >= near.minWords && sets[i].length > 0 ? 1 : 0;
  const signatures = store.signatures;
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

  // ---- Tier 2: similar content ----
  const stemCount = vocab.stemCount;
  const df = new Int32Array(stemCount);
  let maxTerms = 0;
  {
    const terms = store.terms.data;
    for (let i = 0; i < n; i++) {
      const from = store.termStart[i];
      const to = store.termStart[i + 1];
      if (to - from > maxTerms) maxTerms = to - from;
      for (let x = from; x < to; x++) df[terms[x]]++;
    }
  }
  // Blended IDF: the corpus plus `backgroundDocs` virtual documents in which each stem occurs at its English background share.
  const idf = new Float32Array(stemCount);
  const N0 = similar.backgroundDocs;
  for (let t = 0; t < stemCount; t++) idf[t] = Math.log((n + N0 + 1) / (df[t] + N0 * vocab.stemBackground[t] + 0.5));
  const eligible2 = new Uint8Array(n);
  for (let i = 0; i < n; i++) eligible2[i] = store.words[i] >= similar.minWords ? 1 : 0;
  // Vectors, struct-of-arrays: article i's weights sit next to its terms (weights[termStart[i], termStart[i + 1])).
  const weightsAll = store.weights.length >= store.terms.length ? store.weights : new Float32Array(store.terms.length);
  const termsAll = store.terms.data;
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
  const maxPostings = Math.max(similar.maxPostings, Math.ceil(0.02 * n));
  const sharedTop = new Int32Array(n);
  const touched = new Int32Array(n);
  let candidates2 = 0;
  const gated: { a: number; b: number; cos: number; shared: Set<number> | null }[] = [];
  const dense = new Float64Array(stemCount);
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

  // ---- Decisions (alignment on pass-1 data; evidence text only for reported pairs) ----
  const workspace = new AlignWorkspace();
  const reported: Reported[] = [];
  for (const p of nearPairs) {
    const al = workspace.align(store.view(p.a), store.view(p.b), idf, near.sentenceSimilarity);
    reported.push({ a: p.a, b: p.b, kind: 'near-duplicate', alignment: al, evidence: al.pairs, similarity: Math.max(p.jaccard, p.containment), jaccard: p.jaccard, containment: p.containment });
  }

  // Strong pairs are all aligned; among weaker ones each article's best `maxAlignPerDoc` (bounds work on same-topic corpora).
  gated.sort((x, y) => y.cos - x.cos || x.a - y.a || x.b - y.b);
  const weakUsed = new Int32Array(n);
  let aligned2 = 0;
  let pruned2 = 0;
  for (const { a, b, cos, shared } of gated) {
    if (cos < similar.strongCosine) {
      if (weakUsed[a] >= similar.maxAlignPerDoc && weakUsed[b] >= similar.maxAlignPerDoc) continue;
      weakUsed[a]++;
      weakUsed[b]++;
    }
    const A = store.view(a);
    const B = store.view(b);
    const strong = cos >= similar.strongCosine;
    // Exact pre-check: from an upper bound of which sentences can match at all, can the pair still reach either
    // decision rule? (Same count and coverage definitions as below, on a superset of the aligned sentences.)
    const feasible = (canA: Uint8Array, canB: Uint8Array) => {
      let countA = 0;
      let countB = 0;
      let wordsA = 0;
      let wordsB = 0;
      const hashesA = A.sentenceHashes;
      for (let s = 0; s < canA.length; s++) {
        if (!canA[s] || (shared && shared.has(hashesA[s]))) continue;
        countA++;
        wordsA += A.sentenceWords[s];
      }
      for (let s = 0; s < canB.length; s++) {
        if (!canB[s]) continue;
        countB++;
        wordsB += B.sentenceWords[s];
      }
      const most = Math.min(countA, countB);
      const coverage = A.words <= B.words ? wordsA / Math.max(1, A.words) : wordsB / Math.max(1, B.words);
      return (most >= similar.minAlignedSentences && coverage >= similar.minCoverage) ||
        (strong && most >= Math.max(1, similar.strongMinAligned) && coverage >= similar.strongMinCoverage);
    };
    const al = similar.sentenceSimilarity > 0 ? workspace.align(A, B, idf, similar.sentenceSimilarity, feasible) : workspace.align(A, B, idf, similar.sentenceSimilarity);
    if (!al) {
      pruned2++;
      continue;
    }
    aligned2++;
    // Structural evidence: paraphrased (not verbatim) sentences in the same order, covering the shorter article.
    // (Verbatim-shared sentences count for neither the number nor the coverage, as for the cosine.)
    let paraphrased = 0;
    let wordsA = 0;
    let wordsB = 0;
    for (const x of al.ordered) {
      if (shared && shared.has(A.sentenceHashes[x.a])) continue;
      paraphrased++;
      wordsA += A.sentenceWords[x.a];
      wordsB += B.sentenceWords[x.b];
    }
    const shorterCoverage = A.words <= B.words ? wordsA / Math.max(1, A.words) : wordsB / Math.max(1, B.words);
    const structural = paraphrased >= similar.minAlignedSentences && shorterCoverage >= similar.minCoverage;
    // Topic-level rewrites: a higher cosine, and still an outline — not one restated background sentence, which is
    // all two different stories about one company share (their cosine comes from the shared names and topic words).
    const topicLevel = strong && paraphrased >= Math.max(1, similar.strongMinAligned) && shorterCoverage >= similar.strongMinCoverage;
    const report = structural || topicLevel;
    if (lastInternals) {
      lastInternals.tier2.push({
        a: docs[a].path,
        b: docs[b].path,
        cosine: round(cos),
        aligned: al.pairs.length,
        ordered: al.ordered.length,
        paraphrased,
        coverage: round(shorterCoverage),
        reported: report,
      });
    }
    if (!report) continue;
    reported.push({ a, b, kind: 'similar-content', alignment: al, evidence: al.ordered, similarity: cos, cosine: cos });
  }
  lap('align');

  // Evidence: sentence texts and original line numbers, only for the reported pairs' documents.
  const sentenceCache = new Map<number, DocSentences>();
  const sentencesFor = (i: number) => {
    let s = sentenceCache.get(i);
    if (!s) sentenceCache.set(i, (s = sentencesOf(docs[i], vocab)));
    return s;
  };
  const built: Built[] = reported.map((r) => {
    const A = sentencesFor(r.a);
    const B = sentencesFor(r.b);
    const nearDuplicate = r.kind === 'near-duplicate';
    const ranges = passages(docs[r.a], A, docs[r.b], B, r.evidence, nearDuplicate ? near.maxPassages : similar.maxPassages);
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
  return { findings, result: { pairs: built.map((r) => r.pair), clusters } };
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

function findingsFor(r: Built, docs: readonly Article[], inFocus: Uint8Array, near: NearDuplicateOptions): FindingDraft[] {
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
      message = `Spun version of ${otherPath} (cosine ${(pair.cosine ?? 0).toFixed(2)}, ${count}).`;
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

function clustersOf(reported: Built[], docs: readonly Article[]): string[][] {
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

export const duplicationStage: CorpusStage<DuplicatesReport> = {
  ruleIds: ['near-duplicate', 'similar-content'],
  defaults: { 'near-duplicate': { ...NEAR_DUPLICATE_DEFAULTS }, 'similar-content': { ...SIMILAR_CONTENT_DEFAULTS } },
  run,
};

export type { NearDuplicateOptions, SimilarContentOptions };
