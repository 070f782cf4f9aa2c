// Sentence alignment: the evidence for a reported pair (and, for similar-content, part of the decision).
// Runs only on candidate pairs that already passed the document-level score.
import stringSimilarity from 'string-similarity';
import { rangeOfOffsets } from '../../source-map.js';
import type { Article, Range, SharedPassage, SourceFile } from '../../types.js';
import { PROSE_KINDS } from '../../types.js';
import { combine, fmix32, tokenize } from './text.js';

export interface SentenceInfo {
  text: string;
  /** Source offsets [start, end) in the original file. */
  sourceStart: number;
  sourceEnd: number;
  /** All word tokens. */
  words: number;
  /** Hash of the normalised token sequence (0 when the sentence has fewer than 5 words). */
  hash: number;
}

export interface DocSentences {
  sentences: SentenceInfo[];
  words: number;
  /** For line numbers (the rest of the Article is not kept). */
  source: Pick<SourceFile, 'lineStarts' | 'text'>;
}

/** Sentences of an article's prose blocks in reading order (blocks without sentences count as one). */
export function forEachSentence(
  article: Article,
  fn: (text: string, start: number, end: number, blockIndex: number) => void,
): void {
  const blocks = article.blocks;
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b];
    if (!PROSE_KINDS.has(block.kind)) continue;
    if (block.sentences.length === 0) fn(block.text, 0, block.text.length, b);
    else for (const s of block.sentences) fn(block.text, s.start, s.end, b);
  }
}

export function sentenceHash(termHashes: ArrayLike<number>, from: number, to: number): number {
  if (to - from < 5) return 0;
  let h = 0x3c6ef372;
  for (let i = from; i < to; i++) h = combine(h, termHashes[i]);
  return fmix32(h) || 1;
}

/** Sentence texts and source offsets of an article, in the same order as extract() saw them (evidence only). */
export function sentencesOf(article: Article): DocSentences {
  const sentences: SentenceInfo[] = [];
  let words = 0;
  const hashes: number[] = [];
  forEachSentence(article, (text, start, end, blockIndex) => {
    hashes.length = 0;
    const n = tokenize(text, start, end, null, (hash) => {
      hashes.push(hash);
    });
    if (n === 0) return;
    words += n;
    const block = article.blocks[blockIndex];
    sentences.push({
      text: text.slice(start, end),
      sourceStart: block.sourceOffsets[start],
      sourceEnd: block.sourceOffsets[Math.max(start, end - 1)] + 1,
      words: n,
      hash: sentenceHash(hashes, 0, hashes.length),
    });
  });
  return { sentences, words, source: { lineStarts: article.source.lineStarts, text: article.source.text } };
}

export interface AlignedPair {
  a: number;
  b: number;
  score: number;
}

export interface Alignment {
  /** One-to-one matches, greedy by score, sorted by a. */
  pairs: AlignedPair[];
  /** The subset in document order in both articles (longest increasing chain). */
  ordered: AlignedPair[];
  coverageA: number;
  coverageB: number;
  orderedCoverageA: number;
  orderedCoverageB: number;
}

/** Local term indices: Uint16 when an article has at most 65,536 distinct stems (always, in practice). */
export type LocalIndices = Uint16Array | Int32Array;

/**
 * What the alignment reads: the corpus-wide arrays of run()'s store, prepared once per document (not per pair) —
 * each sentence's distinct stems, and each stem's idf and number of sentences containing it.
 */
export interface AlignCorpus {
  /** Word tokens per document (for coverage). */
  words: Int32Array;
  /** Distinct content stems of document d, ascending global ids: terms[termStart[d], termStart[d + 1]). */
  terms: Int32Array;
  termStart: Int32Array;
  /** Per term (parallel to `terms`): its idf, and how many sentences of its document contain it. */
  termIdf: Float32Array;
  termSentences: Uint16Array | Int32Array;
  /** Sentences of document d: [sentenceStart[d], sentenceStart[d + 1]). */
  sentenceStart: Int32Array;
  /**
   * Sentence s's distinct stems in order of first occurrence, as indices into its document's terms:
   * sentenceStems[sentenceStemStart[s], sentenceStemStart[s + 1]).
   */
  sentenceStems: LocalIndices;
  sentenceStemStart: Int32Array;
  /** Word tokens per sentence (for coverage). */
  sentenceWords: Int32Array;
}

/**
 * Pre-check for align(): receives, per sentence of A and of B, whether it can match any sentence of the other
 * article at all (an upper bound: 1 does not mean it will). Returning false skips the alignment (align → null).
 */
export type Feasible = (canA: Uint8Array, canB: Uint8Array) => boolean;

/**
 * A shared stem in more than this many (sentence of A × sentence of B) combinations is "light": instead of walking
 * its postings it only feeds an upper bound, and the few sentence pairs whose bound reaches the threshold get the
 * exact contribution added. Frequent stems have small pair weights (log of sentences / sentences containing them),
 * so the bound rarely fires; the result is identical to walking every posting.
 */
const LIGHT_PRODUCT = 4;
const NONE = 0;
const HEAVY = 1;
const POSTED = 2;
const LIGHT = 3;

/**
 * Scratch space for align(). The two articles' sorted term lists are merged into a pair-local vocabulary, so every
 * per-stem table is a few hundred entries (cache-resident) instead of vocabulary-sized.
 */
export class AlignWorkspace {
  private pairOfA = new Int32Array(512);
  private pairOfB = new Int32Array(512);
  private mark = new Int32Array(1024);
  private markStamp = 0;
  private weight = new Float64Array(1024);
  private inOtherWeight = new Float64Array(1024);
  private lightWeight = new Float64Array(1024);
  private head = new Int32Array(1024);
  private kind = new Uint8Array(1024);
  private unique = new Int32Array(1024);
  private uniqueStart = new Int32Array(129);
  private mass = new Float64Array(128);
  private light = new Float64Array(128);
  private logOf = new Float64Array(129);
  private next = new Int32Array(1024);
  private entrySentence = new Int32Array(1024);
  private shared = new Float64Array(64);
  private touchedSentences = new Int32Array(64);
  private targets = new Int32Array(64);

  private can = new Uint8Array(128);
  private hit = new Uint8Array(128);
  private inOther = new Float64Array(128);
  private canMatch(S: number): Uint8Array {
    if (this.can.length < S) {
      this.can = new Uint8Array(Math.max(S, this.can.length * 2));
      this.hit = new Uint8Array(this.can.length);
      this.inOther = new Float64Array(this.can.length);
    }
    return this.can;
  }

  /** Pair-local stem P that only one of the two articles has (the merge's tail). */
  private alone(P: number, sentences: number, idf: number, logTotal: number): void {
    let l = this.logOf[sentences];
    if (l === -1) l = this.logOf[sentences] = Math.max(0.05, Math.log(logTotal / sentences));
    this.weight[P] = idf * l;
    this.kind[P] = NONE;
    this.inOtherWeight[P] = 0;
    this.lightWeight[P] = 0;
  }

  private ensure(termsA: number, termsB: number, entries: number, sentences: number, sentencesB: number): void {
    if (this.pairOfA.length < termsA) this.pairOfA = new Int32Array(Math.max(termsA, this.pairOfA.length * 2));
    if (this.pairOfB.length < termsB) this.pairOfB = new Int32Array(Math.max(termsB, this.pairOfB.length * 2));
    const P = termsA + termsB;
    if (this.mark.length < P) {
      const size = Math.max(P, this.mark.length * 2);
      this.mark = new Int32Array(size);
      this.markStamp = 0;
      this.weight = new Float64Array(size);
      this.inOtherWeight = new Float64Array(size);
      this.lightWeight = new Float64Array(size);
      this.head = new Int32Array(size);
      this.kind = new Uint8Array(size);
    }
    if (this.unique.length < entries) {
      const size = Math.max(entries, this.unique.length * 2);
      this.unique = new Int32Array(size);
      this.next = new Int32Array(size);
      this.entrySentence = new Int32Array(size);
    }
    if (this.uniqueStart.length < sentences + 1) {
      const size = Math.max(sentences + 1, this.uniqueStart.length * 2);
      this.uniqueStart = new Int32Array(size);
      this.mass = new Float64Array(size);
      this.light = new Float64Array(size);
      this.logOf = new Float64Array(size + 1);
    }
    if (this.shared.length < sentencesB) {
      this.shared = new Float64Array(Math.max(sentencesB, this.shared.length * 2));
      this.touchedSentences = new Int32Array(this.shared.length);
      this.targets = new Int32Array(this.shared.length);
    }
    if (this.markStamp > 0x7fff0000 - 2 * sentences) {
      this.mark.fill(0);
      this.markStamp = 0;
    }
  }

  /**
   * Align sentences of documents a and b by weighted Dice over their unique content stems. A stem weighs idf × its
   * rarity inside the pair (log of sentences / sentences containing it), so the pair's shared topic words ("Hong
   * Kong" in every sentence) do not make every sentence match every other. Greedy one-to-one matches at or above
   * `threshold`, then the longest chain in order in both articles. Typed arrays throughout; cost O(terms + sentence
   * stems of both + postings of the rarer shared stems + sentences × sentences).
   */
  align(c: AlignCorpus, a: number, b: number, threshold: number): Alignment;
  align(c: AlignCorpus, a: number, b: number, threshold: number, feasible: Feasible): Alignment | null;
  align(c: AlignCorpus, a: number, b: number, threshold: number, feasible?: Feasible): Alignment | null {
    const sa = c.sentenceStart[a];
    const sb = c.sentenceStart[b];
    const SA = c.sentenceStart[a + 1] - sa;
    const SB = c.sentenceStart[b + 1] - sb;
    const S = SA + SB;
    const stemsA = c.sentenceStemStart[sa + SA] - c.sentenceStemStart[sa];
    const stemsB = c.sentenceStemStart[sb + SB] - c.sentenceStemStart[sb];
    this.ensure(c.termStart[a + 1] - c.termStart[a], c.termStart[b + 1] - c.termStart[b], stemsA + stemsB, S, SB);
    this.mergeVocabularies(c, a, b, S);
    const can = feasible ? this.canMatch(S) : null;
    const anyLight = this.collectSentenceStems(c, sa, sb, SA, SB, threshold, can);
    if (can) {
      this.narrowToPairwiseBound(SA, S, threshold, can);
      if (!feasible!(can.subarray(0, SA), can.subarray(SA, S))) return null;
    }
    // From here on, a sentence that the bound above found unmatchable is skipped: none of its scores can reach the
    // threshold, so the candidates are the same.
    this.postHeavyStems(SA, SB, can);
    const targetCount = anyLight ? this.collectLightTargets(SA, SB, can) : 0;
    const candidates = this.scoreSentencePairs(SA, threshold, can, anyLight, targetCount);
    const pairs = greedyOneToOne(candidates, SA, SB);
    const ordered = longestIncreasing(pairs);
    return {
      pairs,
      ordered,
      coverageA: coverage(c, a, sa, pairs, 'a'),
      coverageB: coverage(c, b, sb, pairs, 'b'),
      orderedCoverageA: coverage(c, a, sa, ordered, 'a'),
      orderedCoverageB: coverage(c, b, sb, ordered, 'b'),
    };
  }

  /**
   * Pair-local vocabulary: merge of the two sorted term lists of documents a and b (S sentences in all); each stem's
   * weight from its sentence frequency in the pair (the documents' own counts, added).
   */
  private mergeVocabularies(c: AlignCorpus, a: number, b: number, S: number): void {
    const { terms, termIdf, termSentences } = c;
    const { pairOfA, pairOfB, weight, inOtherWeight, lightWeight, kind, logOf } = this;
    const a0 = c.termStart[a];
    const a1 = c.termStart[a + 1];
    const b0 = c.termStart[b];
    const b1 = c.termStart[b + 1];
    const logTotal = S + 1;
    logOf.fill(-1, 0, S + 1);
    // Besides the weight, each stem's weight again where it counts for the sentence bounds (shared with the other
    // article, or light), else 0: adding 0 leaves a sum unchanged, so the sums below need no branch per stem.
    let P = 0;
    let i = a0;
    let j = b0;
    // Merge step without data-dependent branches (the comparisons are unpredictable): both indices are written
    // every step, and one that does not advance is overwritten by the step that advances it.
    while (i < a1 && j < b1) {
      const x = terms[i];
      const y = terms[j];
      const takeA = x <= y ? 1 : 0;
      const takeB = y <= x ? 1 : 0;
      pairOfA[i - a0] = P;
      pairOfB[j - b0] = P;
      const inA = termSentences[i] * takeA;
      const inB = termSentences[j] * takeB;
      const total = inA + inB;
      let l = logOf[total];
      if (l === -1) l = logOf[total] = Math.max(0.05, Math.log(logTotal / total));
      const w = termIdf[takeA === 1 ? i : j] * l;
      const k = takeA & takeB ? (inA * inB > LIGHT_PRODUCT ? LIGHT : HEAVY) : NONE;
      weight[P] = w;
      kind[P] = k;
      inOtherWeight[P] = k === NONE ? 0 : w;
      lightWeight[P] = k === LIGHT ? w : 0;
      P++;
      i += takeA;
      j += takeB;
    }
    for (; i < a1; i++) {
      pairOfA[i - a0] = P;
      this.alone(P++, termSentences[i], termIdf[i], logTotal);
    }
    for (; j < b1; j++) {
      pairOfB[j - b0] = P;
      this.alone(P++, termSentences[j], termIdf[j], logTotal);
    }
  }

  /**
   * Unique stems per sentence (sentences of A, then of B) in pair-local ids, with each sentence's mass (all its
   * stems), light mass and weight in stems the other article has. With `can`, also each sentence's own bound.
   * Returns whether any sentence has light stems.
   */
  private collectSentenceStems(
    c: AlignCorpus,
    sa: number,
    sb: number,
    SA: number,
    SB: number,
    threshold: number,
    can: Uint8Array | null,
  ): boolean {
    const { sentenceStems, sentenceStemStart } = c;
    const { pairOfA, pairOfB, weight, inOtherWeight, lightWeight, unique, uniqueStart, mass, light, inOther } = this;
    let anyLight = false;
    // Slack for float rounding: the bound below must never exclude a sentence whose exact score reaches the threshold.
    const ratio = (threshold / (2 - threshold)) * (1 - 1e-9);
    let u = 0;
    for (let side = 0; side < 2; side++) {
      const pairOf = side === 0 ? pairOfA : pairOfB;
      const first = side === 0 ? sa : sb;
      const offset = side === 0 ? 0 : SA;
      const count = side === 0 ? SA : SB;
      for (let t = 0; t < count; t++) {
        const s = offset + t;
        uniqueStart[s] = u;
        let m = 0;
        let l = 0;
        let x2 = 0;
        for (let x = sentenceStemStart[first + t]; x < sentenceStemStart[first + t + 1]; x++) {
          const p = pairOf[sentenceStems[x]];
          unique[u++] = p;
          m += weight[p];
          l += lightWeight[p];
          x2 += inOtherWeight[p];
        }
        mass[s] = m;
        light[s] = l;
        if (l > 0) anyLight = true;
        // Upper bound of sentence s's best score against any sentence of the other article: with X = its weight in
        // stems the other article has at all, shared ≤ min(X, m_other), so Dice ≤ 2X / (m + X).
        if (can) {
          can[s] = u - uniqueStart[s] >= 2 && x2 > 0 && x2 >= ratio * m ? 1 : 0;
          // (-1 for a sentence that cannot match: it then fails the pairwise bound below without a branch.)
          inOther[s] = can[s] ? x2 : -1;
        }
      }
    }
    uniqueStart[SA + SB] = u;
    return anyLight;
  }

  /**
   * Per sentence pair: shared(i, j) ≤ min(X_i, X_j), so Dice(i, j) ≤ 2 min(X_i, X_j) / (m_i + m_j). A sentence
   * counts as matchable only if some sentence of the other article passes that bound too.
   */
  private narrowToPairwiseBound(SA: number, S: number, threshold: number, can: Uint8Array): void {
    const { mass, inOther, hit } = this;
    const half = threshold * 0.5 * (1 - 1e-9);
    hit.fill(0, SA, S);
    for (let i = 0; i < SA; i++) {
      if (!can[i]) continue;
      const xi = inOther[i];
      const mi = mass[i];
      let any = 0;
      for (let j = SA; j < S; j++) {
        const xj = inOther[j];
        const pass = (xi < xj ? xi : xj) >= half * (mi + mass[j]) ? 1 : 0;
        any |= pass;
        hit[j] |= pass;
      }
      can[i] = any;
    }
    for (let j = SA; j < S; j++) can[j] = hit[j];
  }

  /** Postings of the heavy shared stems in B's sentences (those with ≥ 2 stems); linked lists in entry order. */
  private postHeavyStems(SA: number, SB: number, can: Uint8Array | null): void {
    const { unique, uniqueStart, kind, head, next, entrySentence } = this;
    let entries = 0;
    for (let j = SB - 1; j >= 0; j--) {
      const from = uniqueStart[SA + j];
      const to = uniqueStart[SA + j + 1];
      if (to - from < 2 || (can !== null && can[SA + j] === 0)) continue;
      for (let x = from; x < to; x++) {
        const p = unique[x];
        const k = kind[p];
        if (k === HEAVY) {
          kind[p] = POSTED;
          head[p] = -1;
        } else if (k !== POSTED) continue;
        entrySentence[entries] = j;
        next[entries] = head[p];
        head[p] = entries++;
      }
    }
  }

  /** Sentences of B that light stems can add to (≥ 2 stems, matchable), in order, into `targets`; returns how many. */
  private collectLightTargets(SA: number, SB: number, can: Uint8Array | null): number {
    const { uniqueStart, targets } = this;
    let targetCount = 0;
    for (let j = 0; j < SB; j++) {
      if (uniqueStart[SA + j + 1] - uniqueStart[SA + j] >= 2 && (can === null || can[SA + j] !== 0))
        targets[targetCount++] = j;
    }
    return targetCount;
  }

  /** Every sentence pair whose weighted Dice reaches the threshold: heavy stems by postings, light ones by bound. */
  private scoreSentencePairs(
    SA: number,
    threshold: number,
    can: Uint8Array | null,
    anyLight: boolean,
    targetCount: number,
  ): AlignedPair[] {
    const { mark, weight, head, kind, unique, uniqueStart, mass, light, next, entrySentence, shared } = this;
    const { touchedSentences, targets } = this;
    const candidates: AlignedPair[] = [];
    for (let i = 0; i < SA; i++) {
      const from = uniqueStart[i];
      const to = uniqueStart[i + 1];
      if (to - from < 2 || (can !== null && can[i] === 0)) continue;
      let hit = 0;
      for (let x = from; x < to; x++) {
        const p = unique[x];
        if (kind[p] !== POSTED) continue;
        const w = weight[p];
        for (let e = head[p]; e >= 0; e = next[e]) {
          const j = entrySentence[e];
          if (shared[j] === 0) touchedSentences[hit++] = j;
          shared[j] += w;
        }
      }
      const mi = mass[i];
      const li = anyLight ? light[i] : 0;
      if (li === 0) {
        // Heavy stems only: the shared mass is exact.
        for (let k = 0; k < hit; k++) {
          const j = touchedSentences[k];
          const score = (2 * shared[j]) / (mi + mass[SA + j]);
          shared[j] = 0;
          if (score >= threshold) candidates.push({ a: i, b: j, score });
        }
        continue;
      }
      // Light stems of sentence i, marked; every sentence of B whose upper bound reaches the threshold gets them added.
      const stamp = ++this.markStamp;
      for (let x = from; x < to; x++) if (kind[unique[x]] === LIGHT) mark[unique[x]] = stamp;
      for (let t = 0; t < targetCount; t++) {
        const j = targets[t];
        const jFrom = uniqueStart[SA + j];
        const jTo = uniqueStart[SA + j + 1];
        const h = shared[j];
        const lj = light[SA + j];
        const denominator = mi + mass[SA + j];
        if (2 * (h + (li < lj ? li : lj)) < threshold * denominator) continue;
        let l = 0;
        if (lj > 0) for (let x = jFrom; x < jTo; x++) if (mark[unique[x]] === stamp) l += weight[unique[x]];
        const score = (2 * (h + l)) / denominator;
        if (score >= threshold) candidates.push({ a: i, b: j, score });
      }
      for (let k = 0; k < hit; k++) shared[touchedSentences[k]] = 0;
    }
    return candidates;
  }
}

/** Greedy one-to-one matches, best score first (ties by position); returned sorted by a. */
export function greedyOneToOne(candidates: AlignedPair[], SA: number, SB: number): AlignedPair[] {
  candidates.sort((x, y) => y.score - x.score || x.a - y.a || x.b - y.b);
  const pairs: AlignedPair[] = [];
  if (candidates.length) {
    const usedA = new Uint8Array(SA);
    const usedB = new Uint8Array(SB);
    for (const c of candidates) {
      if (usedA[c.a] || usedB[c.b]) continue;
      usedA[c.a] = 1;
      usedB[c.b] = 1;
      pairs.push(c);
    }
    pairs.sort((x, y) => x.a - y.a);
  }
  return pairs;
}

/** Share of document doc's words (its sentences start at `first`) in the listed pairs' sentences on `side`. */
function coverage(c: AlignCorpus, doc: number, first: number, list: AlignedPair[], side: 'a' | 'b'): number {
  const words = c.words[doc];
  if (words === 0) return 0;
  let w = 0;
  for (const p of list) w += c.sentenceWords[first + p[side]];
  return w / words;
}

/** Longest chain of pairs increasing in both a and b (pairs sorted by a; O(n log n)). */
function longestIncreasing(pairs: AlignedPair[]): AlignedPair[] {
  const tails: number[] = [];
  const tailIndex: number[] = [];
  const prev = new Int32Array(pairs.length).fill(-1);
  for (let i = 0; i < pairs.length; i++) {
    const b = pairs[i].b;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tails[mid] < b) lo = mid + 1;
      else hi = mid;
    }
    tails[lo] = b;
    tailIndex[lo] = i;
    prev[i] = lo > 0 ? tailIndex[lo - 1] : -1;
  }
  const out: AlignedPair[] = [];
  for (let i = tails.length ? tailIndex[tails.length - 1] : -1; i >= 0; i = prev[i]) out.push(pairs[i]);
  return out.reverse();
}

export interface PassageWithRanges {
  passage: SharedPassage;
  rangeA: Range;
  rangeB: Range;
  /** Index of the first sentence on each side, for ordering. */
  firstA: number;
  firstB: number;
  words: number;
}

const MAX_TEXT = 400;
const clip = (s: string) => (s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT - 1)}…` : s);

/** Merge aligned sentence pairs into maximal runs (consecutive in both articles) with original positions. */
export function passages(A: DocSentences, B: DocSentences, pairs: AlignedPair[], limit: number): PassageWithRanges[] {
  const sorted = [...pairs].sort((x, y) => x.a - y.a || x.b - y.b);
  const runs: AlignedPair[][] = [];
  for (const p of sorted) {
    const run = runs[runs.length - 1];
    const last = run?.[run.length - 1];
    if (last && p.a === last.a + 1 && p.b === last.b + 1) run.push(p);
    else runs.push([p]);
  }
  const out: PassageWithRanges[] = runs.map((run) => {
    const first = run[0];
    const last = run[run.length - 1];
    const a0 = A.sentences[first.a];
    const a1 = A.sentences[last.a];
    const b0 = B.sentences[first.b];
    const b1 = B.sentences[last.b];
    const rangeA = rangeOfOffsets(A.source, a0.sourceStart, a1.sourceEnd);
    const rangeB = rangeOfOffsets(B.source, b0.sourceStart, b1.sourceEnd);
    let words = 0;
    let scoreSum = 0;
    let weightSum = 0;
    for (const p of run) {
      const x = A.sentences[p.a];
      const y = B.sentences[p.b];
      words += x.words;
      // Surface similarity of an already-aligned sentence pair (character bigrams).
      const surface = x.hash !== 0 && x.hash === y.hash ? 1 : stringSimilarity.compareTwoStrings(x.text, y.text);
      scoreSum += surface * x.words;
      weightSum += x.words;
    }
    return {
      passage: {
        a: { line: rangeA.line, endLine: rangeA.endLine },
        b: { line: rangeB.line, endLine: rangeB.endLine },
        text: clip(run.map((p) => A.sentences[p.a].text).join(' ')),
        textB: clip(run.map((p) => B.sentences[p.b].text).join(' ')),
        score: Math.round((weightSum ? scoreSum / weightSum : 0) * 1000) / 1000,
      },
      rangeA,
      rangeB,
      firstA: first.a,
      firstB: first.b,
      words,
    };
  });
  if (out.length <= limit) return out;
  return [...out]
    .sort((x, y) => y.words - x.words || x.firstA - y.firstA)
    .slice(0, limit)
    .sort((x, y) => x.firstA - y.firstA);
}
