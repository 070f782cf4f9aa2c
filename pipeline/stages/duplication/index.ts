// Duplication stage: near-duplicates (tier 1: shingles → MinHash/LSH + containment index → exact Jaccard) and
// similar content (tier 2: blended TF-IDF → top-term candidate index → cosine + ordered sentence alignment).
// See docs/duplication.md for the design and the calibration of the defaults.
import type { CorpusStage } from '../../stage.js';
import type { Article, DuplicatePair, DuplicatesReport, FindingDraft, RelatedLocation } from '../../types.js';
import { align, forEachSentence, passages, sentenceHash, sentencesOf, type AlignedPair, type DocSentences, type PassageWithRanges } from './align.js';
import { chooseBands, containmentCandidates, difference, frequentShingles, intersectionSize, lshCandidates, signature, sortUnique } from './minhash.js';
import { NEAR_DUPLICATE_DEFAULTS, SIMILAR_CONTENT_DEFAULTS, parseOptions, type NearDuplicateOptions, type SimilarContentOptions } from './options.js';
import { combine, fmix32, tokenize, Vocabulary } from './text.js';

export { NEAR_DUPLICATE_DEFAULTS, SIMILAR_CONTENT_DEFAULTS } from './options.js';

/** What pass 1 keeps per article (typed arrays only). */
interface DocData {
  words: number;
  /** Sorted unique 5-word shingle hashes (boilerplate removed after pass 1). */
  shingles: Uint32Array;
  /** Content stems in reading order, sentence boundaries into it, and per-sentence hashes (0 = too short). */
  stems: Int32Array;
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
  tier2Aligned: number;
  timings: Record<string, number>;
}

export let lastStats: DuplicationStats | null = null;

/** Internals kept only when options['near-duplicate'].keepInternals === true (tests, benchmark). */
export interface DuplicationInternals {
  paths: string[];
  /** Shingle sets after boilerplate removal, in `paths` order. */
  shingles: Uint32Array[];
  /** LSH candidates alone (i * n + j, indices into `paths`). */
  lshCandidates: Set<number>;
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

/** Pass 1: tokenise one article into the compact per-document data. */
function analyse(article: Article, vocab: Vocabulary, shingleSize: number, terms: Growable, stems: Growable, starts: Growable): DocData {
  terms.length = 0;
  stems.length = 0;
  starts.length = 0;
  const hashes: number[] = [];
  const sentenceTermStarts: number[] = [];
  const sink = (term: number) => {
    terms.push(term);
    const stem = vocab.stemOf[term];
    if (stem >= 0) stems.push(stem);
  };
  forEachSentence(article, (text, start, end) => {
    const t0 = terms.length;
    const s0 = stems.length;
    tokenize(text, start, end, vocab, sink);
    if (terms.length > t0) {
      starts.push(s0);
      sentenceTermStarts.push(t0);
    }
  });
  const words = terms.length;
  const termData = terms.data;
  const vh = vocab.hashes;
  // Sentence hashes (over term hashes, so they do not depend on term-id order).
  const sentenceHashes = new Uint32Array(sentenceTermStarts.length);
  for (let s = 0; s < sentenceTermStarts.length; s++) {
    const from = sentenceTermStarts[s];
    const to = s + 1 < sentenceTermStarts.length ? sentenceTermStarts[s + 1] : words;
    if (to - from >= 5) {
      hashes.length = 0;
      for (let i = from; i < to; i++) hashes.push(vh[termData[i]]);
      sentenceHashes[s] = sentenceHash(hashes, 0, hashes.length);
    }
  }
  let shingles: Uint32Array;
  if (words >= shingleSize) {
    const count = words - shingleSize + 1;
    const out = new Uint32Array(count);
    for (let p = 0; p < count; p++) {
      let h = 0x2545f491;
      for (let q = 0; q < shingleSize; q++) h = combine(h, vh[termData[p + q]]);
      out[p] = fmix32(h);
    }
    shingles = sortUnique(out);
  } else shingles = new Uint32Array(0);
  const sentenceStarts = new Int32Array(starts.length + 1);
  sentenceStarts.set(starts.data.subarray(0, starts.length));
  sentenceStarts[starts.length] = stems.length;
  return { words, shingles, stems: stems.data.slice(0, stems.length), sentenceStarts, sentenceHashes };
}

/** TF-IDF vector (log tf × idf, L2-normalised) of a document, optionally without some sentences. */
function vectorOf(doc: DocData, idf: Float32Array, exclude: Set<number> | null): Vector {
  let source = doc.stems;
  if (exclude) {
    const kept: number[] = [];
    for (let s = 0; s + 1 < doc.sentenceStarts.length; s++) {
      if (exclude.has(doc.sentenceHashes[s])) continue;
      for (let i = doc.sentenceStarts[s]; i < doc.sentenceStarts[s + 1]; i++) kept.push(doc.stems[i]);
    }
    source = Int32Array.from(kept);
  }
  const sorted = source.slice().sort();
  let unique = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) unique++;
  const ids = new Int32Array(unique);
  const weights = new Float32Array(unique);
  let u = -1;
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) {
      u++;
      ids[u] = sorted[i];
      weights[u] = 0;
    }
    weights[u]++;
  }
  let norm = 0;
  for (let i = 0; i < unique; i++) {
    const w = (1 + Math.log(weights[i])) * idf[ids[i]];
    weights[i] = w;
    norm += w * w;
  }
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < unique; i++) weights[i] /= norm;
  return { ids, weights };
}

function cosine(a: Vector, b: Vector): number {
  let i = 0;
  let j = 0;
  let dot = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i];
    const y = b.ids[j];
    if (x === y) dot += a.weights[i++] * b.weights[j++];
    else if (x < y) i++;
    else j++;
  }
  return dot;
}

function sharedSentenceHashes(a: DocData, b: DocData): Set<number> | null {
  const set = new Set<number>();
  for (const h of a.sentenceHashes) if (h !== 0) set.add(h);
  const shared = new Set<number>();
  for (const h of b.sentenceHashes) if (h !== 0 && set.has(h)) shared.add(h);
  return shared.size ? shared : null;
}

interface Reported {
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
  const terms = new Growable(4096);
  const stemBuf = new Growable(4096);
  const starts = new Growable(256);
  for (let i = 0; i < n; i++) data[i] = analyse(docs[i], vocab, near.shingleSize, terms, stemBuf, starts);
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
  lastInternals = context.options['near-duplicate']?.keepInternals === true
    ? { paths: docs.map((d) => d.path), shingles: data.map((d) => d.shingles), lshCandidates: new Set(candidates1) }
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
  lap('verify');

  // ---- Tier 2: similar content ----
  const stemCount = vocab.stemCount;
  const df = new Int32Array(stemCount);
  const seen = new Int32Array(stemCount).fill(-1);
  for (let i = 0; i < n; i++) {
    const stems = data[i].stems;
    for (let x = 0; x < stems.length; x++) {
      const t = stems[x];
      if (seen[t] !== i) {
        seen[t] = i;
        df[t]++;
      }
    }
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
  for (let i = 0; i < n; i++) {
    if (!eligible2[i]) {
      topIds[i] = new Int32Array(0);
      continue;
    }
    const v = vectorOf(data[i], idf, null);
    vectors[i] = v;
    const order = Array.from(v.ids.keys()).sort((x, y) => v.weights[y] - v.weights[x] || v.ids[x] - v.ids[y]);
    topIds[i] = Int32Array.from(order.slice(0, topK).map((x) => v.ids[x]));
  }
  lap('tfidf');
  // Inverted index over top terms.
  const postingCount = new Int32Array(stemCount);
  for (let i = 0; i < n; i++) for (const t of topIds[i]) postingCount[t]++;
  const postingStart = new Int32Array(stemCount + 1);
  for (let t = 0; t < stemCount; t++) postingStart[t + 1] = postingStart[t] + postingCount[t];
  const postingDocs = new Int32Array(postingStart[stemCount]);
  const fill = postingStart.slice(0, stemCount);
  for (let i = 0; i < n; i++) for (const t of topIds[i]) postingDocs[fill[t]++] = i;
  const maxPostings = Math.max(similar.maxPostings, Math.ceil(0.02 * n));
  const sharedTop = new Int32Array(n);
  const touched: number[] = [];
  const candidates2: number[] = [];
  for (let i = 0; i < n; i++) {
    for (const t of topIds[i]) {
      const end = postingStart[t + 1];
      if (end - postingStart[t] > maxPostings) continue;
      for (let p = postingStart[t]; p < end; p++) {
        const j = postingDocs[p];
        if (j <= i) continue;
        if (sharedTop[j]++ === 0) touched.push(j);
      }
    }
    for (const j of touched) {
      if (sharedTop[j] >= similar.minSharedTerms) candidates2.push(i * n + j);
      sharedTop[j] = 0;
    }
    touched.length = 0;
  }
  lap('tier2-candidates');

  // ---- Evidence and decisions ----
  const sentenceCache = new Map<number, DocSentences>();
  const sentencesFor = (i: number) => {
    let s = sentenceCache.get(i);
    if (!s) sentenceCache.set(i, (s = sentencesOf(docs[i], vocab)));
    return s;
  };
  const scratch = new Int32Array(stemCount);
  const reported: Reported[] = [];

  for (const p of nearPairs) {
    const A = sentencesFor(p.a);
    const B = sentencesFor(p.b);
    const al = align(A, B, idf, near.sentenceSimilarity, scratch);
    const ranges = passages(docs[p.a], A, docs[p.b], B, al.pairs, near.maxPassages);
    const pair: DuplicatePair = {
      a: docs[p.a].path,
      b: docs[p.b].path,
      kind: 'near-duplicate',
      similarity: round(Math.max(p.jaccard, p.containment)),
      jaccard: round(p.jaccard),
      containment: round(p.containment),
      coverageA: round(al.coverageA),
      coverageB: round(al.coverageB),
      shared: ranges.map((r) => r.passage),
    };
    reported.push({ a: p.a, b: p.b, pair, ranges, best: bestPair(al.pairs), sentencesA: A, sentencesB: B, aligned: al.pairs.length });
  }

  // Cheap gate first: cosine on every candidate (verbatim-shared sentences removed), then sentence alignment only
  // for strong pairs and, among weaker ones, each article's best `maxAlignPerDoc` (bounds work on same-topic corpora).
  const gated: { a: number; b: number; cos: number; shared: Set<number> | null }[] = [];
  for (const key of candidates2) {
    const a = Math.floor(key / n);
    const b = key - a * n;
    if (isNear.has(key) || !wanted(a, b)) continue;
    let cos = cosine(vectors[a]!, vectors[b]!);
    if (cos < similar.cosine) continue;
    // Verbatim-shared sentences are tier 1's business (and boilerplate); tier 2 scores what is left.
    const shared = sharedSentenceHashes(data[a], data[b]);
    if (shared) {
      cos = cosine(vectorOf(data[a], idf, shared), vectorOf(data[b], idf, shared));
      if (cos < similar.cosine) continue;
    }
    gated.push({ a, b, cos, shared });
  }
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
    const A = sentencesFor(a);
    const B = sentencesFor(b);
    const al = align(A, B, idf, similar.sentenceSimilarity, scratch);
    // Structural evidence: paraphrased (not verbatim) sentences in the same order, covering the shorter article.
    let paraphrased = 0;
    for (const x of al.ordered) if (!shared || !shared.has(A.sentences[x.a].hash)) paraphrased++;
    const shorterCoverage = A.words <= B.words ? al.orderedCoverageA : al.orderedCoverageB;
    const structural = paraphrased >= similar.minAlignedSentences && shorterCoverage >= similar.minCoverage;
    if (!structural && !(cos >= similar.strongCosine && al.ordered.length > 0)) continue;
    const ranges = passages(docs[a], A, docs[b], B, al.ordered, similar.maxPassages);
    const pair: DuplicatePair = {
      a: docs[a].path,
      b: docs[b].path,
      kind: 'similar-content',
      similarity: round(cos),
      cosine: round(cos),
      coverageA: round(al.orderedCoverageA),
      coverageB: round(al.orderedCoverageB),
      shared: ranges.map((r) => r.passage),
    };
    reported.push({ a, b, pair, ranges, best: bestPair(al.ordered), sentencesA: A, sentencesB: B, aligned: al.ordered.length });
  }
  lap('align');

  reported.sort((x, y) => y.pair.similarity - x.pair.similarity || cmp(x.pair.a, y.pair.a) || cmp(x.pair.b, y.pair.b));
  const findings: FindingDraft[] = [];
  for (const r of reported) {
    findings.push(...findingsFor(r, docs, inFocus, near));
  }
  const clusters = clustersOf(reported, docs);
  lap('report');

  lastStats = {
    documents: n,
    bands,
    rows,
    boilerplateShingles: frequent.length,
    tier1Candidates: candidates1.size,
    tier2Candidates: candidates2.length,
    tier2Aligned: aligned2,
    timings,
  };
  return { findings, result: { pairs: reported.map((r) => r.pair), clusters } };
}

const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

function bestPair(pairs: AlignedPair[]): AlignedPair | null {
  let best: AlignedPair | null = null;
  for (const p of pairs) if (!best || p.score > best.score) best = p;
  return best;
}

function clip(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

function findingsFor(r: Reported, docs: readonly Article[], inFocus: Uint8Array, near: NearDuplicateOptions): FindingDraft[] {
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

function clustersOf(reported: Reported[], docs: readonly Article[]): string[][] {
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
