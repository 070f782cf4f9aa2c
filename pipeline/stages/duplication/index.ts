// Duplication stage: near-duplicates (tier 1: shingles → MinHash/LSH + containment index → exact Jaccard) and
// similar content (tier 2: blended TF-IDF → top-term candidate index → cosine + ordered sentence alignment).
// See docs/duplication.md for the design and the calibration of the defaults.
import type { CorpusStage } from '../../stage.js';
import type { Article, DuplicatePair, DuplicatesReport, FindingDraft, RelatedLocation } from '../../types.js';
import { PROSE_KINDS } from '../../types.js';
import { AlignWorkspace, passages, sentenceHash, sentencesOf, type AlignedPair, type Alignment, type DocSentences, type LocalIndices, type PassageWithRanges, type SentenceView } from './align.js';
import { chooseBands, containmentCandidates, difference, frequentShingles, intersectionSize, lshCandidates, signature, sortUnique } from './minhash.js';
import { NEAR_DUPLICATE_DEFAULTS, SIMILAR_CONTENT_DEFAULTS, parseOptions, type NearDuplicateOptions, type SimilarContentOptions } from './options.js';
import { combine, fmix32, tokenize, Vocabulary } from './text.js';

export { NEAR_DUPLICATE_DEFAULTS, SIMILAR_CONTENT_DEFAULTS } from './options.js';

/** What pass 1 keeps per article (typed arrays only). */
interface DocData extends SentenceView {
  words: number;
  /** Sorted unique 5-word shingle hashes (boilerplate removed after pass 1; dropped after tier 1). */
  shingles: Uint32Array;
  /** Distinct content stems (ascending) and the content stems in reading order as indices into them. */
  terms: Int32Array;
  tokens: LocalIndices;
  /** Sentence boundaries into `tokens`, per-sentence word counts and hashes (0 = under 5 words). */
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

/** Pass 1: tokenises each article once into the compact per-document data (buffers reused across articles). */
class Analyser {
  private tokenHashes = new Uint32Array(4096);
  private tokens = 0;
  private stems = new Growable(4096);
  private starts = new Growable(256);
  private sentenceWordCounts = new Growable(256);
  private sentenceTokenStarts = new Growable(256);
  /** Scratch: stem id → index into the current article's terms. */
  private slot = new Int32Array(1 << 14);
  private readonly sink: (hash: number, stem: number) => void;

  constructor(private vocab: Vocabulary, private shingleSize: number) {
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

  analyse(article: Article): DocData {
    const { stems, starts, sentenceWordCounts, sentenceTokenStarts, vocab, sink } = this;
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
    const th = this.tokenHashes;
    const count = starts.length;
    // Sentence hashes (over term hashes, so they do not depend on vocabulary order).
    const sentenceHashes = new Uint32Array(count);
    for (let s = 0; s < count; s++) {
      const from = sentenceTokenStarts.data[s];
      const to = s + 1 < count ? sentenceTokenStarts.data[s + 1] : words;
      sentenceHashes[s] = sentenceHash(th, from, to);
    }
    const k = this.shingleSize;
    let shingles: Uint32Array;
    if (words >= k) {
      const n = words - k + 1;
      const out = new Uint32Array(n);
      for (let p = 0; p < n; p++) {
        let h = 0x2545f491;
        for (let q = 0; q < k; q++) h = combine(h, th[p + q]);
        out[p] = fmix32(h);
      }
      shingles = sortUnique(out);
      if (shingles.length < n >> 1) shingles = shingles.slice();
    } else shingles = new Uint32Array(0);
    const sentenceStarts = new Int32Array(count + 1);
    sentenceStarts.set(starts.data.subarray(0, count));
    sentenceStarts[count] = stems.length;
    // Distinct stems, ascending, and each content token as an index into them.
    const all = stems.data.subarray(0, stems.length);
    const sorted = all.slice().sort();
    let distinct = 0;
    for (let x = 0; x < sorted.length; x++) if (x === 0 || sorted[x] !== sorted[distinct - 1]) sorted[distinct++] = sorted[x];
    const terms = sorted.slice(0, distinct);
    if (this.slot.length < vocab.stemCount) this.slot = new Int32Array(Math.max(vocab.stemCount, this.slot.length * 2));
    const slot = this.slot;
    for (let x = 0; x < distinct; x++) slot[terms[x]] = x;
    const tokens: LocalIndices = distinct <= 0x10000 ? new Uint16Array(all.length) : new Int32Array(all.length);
    for (let x = 0; x < all.length; x++) tokens[x] = slot[all[x]];
    return {
      words,
      shingles,
      terms,
      tokens,
      sentenceStarts,
      sentenceWords: sentenceWordCounts.data.slice(0, count),
      sentenceHashes,
    };
  }
}

/**
 * TF-IDF vector (log tf × idf, L2-normalised) of a document, optionally without some sentences. Ids ascending
 * (the document's terms, or the subset still present). `counts` is zeroed scratch of at least terms.length.
 */
function vectorOf(doc: DocData, idf: Float32Array, exclude: Set<number> | null, counts: Int32Array): Vector {
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
  const weights = new Float32Array(unique);
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

/** The `k` highest-weighted term ids of a vector (ties by id), in that order. */
function topTerms(v: Vector, k: number): Int32Array {
  const m = Math.min(k, v.ids.length);
  const top = new Int32Array(m); // indices into v, best first
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
  const out = new Int32Array(m);
  for (let i = 0; i < m; i++) out[i] = ids[top[i]];
  return out;
}

/** Scatter a vector's weights into a dense per-stem array (undo with clear()). */
function scatter(v: Vector, dense: Float64Array): void {
  for (let i = 0; i < v.ids.length; i++) dense[v.ids[i]] = v.weights[i];
}
function clear(v: Vector, dense: Float64Array): void {
  for (let i = 0; i < v.ids.length; i++) dense[v.ids[i]] = 0;
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
function docsWithRepeatedSentences(data: readonly DocData[]): Uint8Array {
  const n = data.length;
  let total = 0;
  for (const d of data) for (const h of d.sentenceHashes) if (h !== 0) total++;
  const hashes = new Uint32Array(total);
  let w = 0;
  for (const d of data) for (const h of d.sentenceHashes) if (h !== 0) hashes[w++] = h;
  const sorted = hashes.sort();
  const repeated = new Set<number>();
  for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) repeated.add(sorted[i]);
  const out = new Uint8Array(n);
  if (repeated.size === 0) return out;
  for (let i = 0; i < n; i++) {
    const hs = data[i].sentenceHashes;
    let count = 0;
    for (const h of hs) if (h !== 0 && repeated.has(h)) count++;
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
  const data: DocData[] = new Array(n);
  const analyser = new Analyser(vocab, near.shingleSize);
  for (let i = 0; i < n; i++) data[i] = analyser.analyse(docs[i]);
  lap('tokenise');

  // ---- Tier 1: near-duplicates ----
  const maxDocs = Math.max(near.boilerplateMinDocs, near.boilerplateShare * n);
  const frequent = frequentShingles(data.map((d) => d.shingles), maxDocs);
  if (frequent.length) for (const d of data) d.shingles = difference(d.shingles, frequent);
  lap('boilerplate');
  const K = near.permutations;
  const eligible1 = new Uint8Array(n);
  for (let i = 0; i < n; i++) eligible1[i] = data[i].words >= near.minWords && data[i].shingles.length > 0 ? 1 : 0;
  const signatures = new Uint32Array(n * K);
  for (let i = 0; i < n; i++) if (eligible1[i]) signature(data[i].shingles, K, signatures, i * K);
  lap('minhash');
  const { bands, rows } = chooseBands(near.jaccard, K);
  const candidates1 = new Set<number>();
  lshCandidates(signatures, K, eligible1, bands, rows, 200, candidates1);
  lap('lsh');
  lastInternals = keepInternals
    ? { paths: docs.map((d) => d.path), shingles: data.map((d) => d.shingles), lshCandidates: new Set(candidates1), tier2: [] }
    : null;
  containmentCandidates(data.map((d) => d.shingles), eligible1, near.containmentSample, near.containment, candidates1);
  lap('containment');
  const nearPairs: { a: number; b: number; jaccard: number; containment: number }[] = [];
  const isNear = new Set<number>();
  for (const key of [...candidates1].sort((x, y) => x - y)) {
    const a = Math.floor(key / n);
    const b = key - a * n;
    if (!wanted(a, b)) continue;
    const A = data[a].shingles;
    const B = data[b].shingles;
    const inter = intersectionSize(A, B);
    const jaccard = inter / (A.length + B.length - inter);
    const containment = inter / Math.min(A.length, B.length);
    if (jaccard >= near.jaccard || containment >= near.containment) {
      nearPairs.push({ a, b, jaccard, containment });
      isNear.add(key);
    }
  }
  // Shingles are tier 1's alone: free them before tier 2 builds its vectors.
  const empty = new Uint32Array(0);
  for (const d of data) d.shingles = empty;
  lap('verify');

  // ---- Tier 2: similar content ----
  const stemCount = vocab.stemCount;
  const df = new Int32Array(stemCount);
  let maxTerms = 0;
  for (let i = 0; i < n; i++) {
    const terms = data[i].terms;
    if (terms.length > maxTerms) maxTerms = terms.length;
    for (let x = 0; x < terms.length; x++) df[terms[x]]++;
  }
  // Blended IDF: the corpus plus `backgroundDocs` virtual documents in which each stem occurs at its English background share.
  const idf = new Float32Array(stemCount);
  const N0 = similar.backgroundDocs;
  for (let t = 0; t < stemCount; t++) idf[t] = Math.log((n + N0 + 1) / (df[t] + N0 * vocab.stemBackground[t] + 0.5));
  const eligible2 = new Uint8Array(n);
  for (let i = 0; i < n; i++) eligible2[i] = data[i].words >= similar.minWords ? 1 : 0;
  const vectors: (Vector | null)[] = new Array(n).fill(null);
  const topK = similar.topTerms;
  const topIds: Int32Array[] = new Array(n);
  const none = new Int32Array(0);
  const counts = new Int32Array(maxTerms);
  for (let i = 0; i < n; i++) {
    if (!eligible2[i]) {
      topIds[i] = none;
      continue;
    }
    const v = vectorOf(data[i], idf, null, counts);
    vectors[i] = v;
    topIds[i] = topTerms(v, topK);
  }
  const repeatedSentences = docsWithRepeatedSentences(data);
  lap('tfidf');

  // Inverted index over top terms; every pair sharing ≥ minSharedTerms of them gets its cosine right away.
  const postingCount = new Int32Array(stemCount);
  for (let i = 0; i < n; i++) for (const t of topIds[i]) postingCount[t]++;
  const postingStart = new Int32Array(stemCount + 1);
  for (let t = 0; t < stemCount; t++) postingStart[t + 1] = postingStart[t] + postingCount[t];
  const postingDocs = new Int32Array(postingStart[stemCount]);
  const fill = postingStart.slice(0, stemCount);
  for (let i = 0; i < n; i++) for (const t of topIds[i]) postingDocs[fill[t]++] = i;
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
    for (const t of topIds[i]) {
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
    scatter(vectors[i]!, dense);
    for (let h = 0; h < hits; h++) {
      const j = touched[h];
      const count = sharedTop[j];
      sharedTop[j] = 0;
      if (count < similar.minSharedTerms) continue;
      candidates2++;
      if (!wanted(i, j) || isNear.has(i * n + j)) continue;
      let cos = dot(vectors[j]!, dense);
      if (cos < similar.cosine) continue;
      // Verbatim-shared sentences are tier 1's business (and boilerplate); tier 2 scores what is left.
      let shared: Set<number> | null = null;
      if (repeatedSentences[i] && repeatedSentences[j] && (shared = sharedSentenceHashes(data[i], data[j]))) {
        clear(vectors[i]!, dense);
        cos = exactCosine(vectorOf(data[i], idf, shared, counts), vectorOf(data[j], idf, shared, counts));
        scatter(vectors[i]!, dense);
        if (cos < similar.cosine) continue;
      }
      gated.push({ a: i, b: j, cos, shared });
    }
    clear(vectors[i]!, dense);
  }
  lap('tier2-candidates');

  // ---- Decisions (alignment on pass-1 data; evidence text only for reported pairs) ----
  const workspace = new AlignWorkspace();
  const reported: Reported[] = [];
  for (const p of nearPairs) {
    const al = workspace.align(data[p.a], data[p.b], idf, near.sentenceSimilarity);
    reported.push({ a: p.a, b: p.b, kind: 'near-duplicate', alignment: al, evidence: al.pairs, similarity: Math.max(p.jaccard, p.containment), jaccard: p.jaccard, containment: p.containment });
  }

  // Strong pairs are all aligned; among weaker ones each article's best `maxAlignPerDoc` (bounds work on same-topic corpora).
  gated.sort((x, y) => y.cos - x.cos || x.a - y.a || x.b - y.b);
  const weakUsed = new Int32Array(n);
  let aligned2 = 0;
  for (const { a, b, cos, shared } of gated) {
    if (cos < similar.strongCosine) {
      if (weakUsed[a] >= similar.maxAlignPerDoc && weakUsed[b] >= similar.maxAlignPerDoc) continue;
      weakUsed[a]++;
      weakUsed[b]++;
    }
    aligned2++;
    const A = data[a];
    const B = data[b];
    const al = workspace.align(A, B, idf, similar.sentenceSimilarity);
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
    const topicLevel = cos >= similar.strongCosine && paraphrased >= Math.max(1, similar.strongMinAligned) && shorterCoverage >= similar.strongMinCoverage;
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
