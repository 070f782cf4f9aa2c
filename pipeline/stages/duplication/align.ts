// Sentence alignment: the evidence for a reported pair (and, for similar-content, part of the decision).
// Runs only on candidate pairs that already passed the document-level score.
import stringSimilarity from 'string-similarity';
import { rangeOfOffsets } from '../../source-map.js';
import type { Article, Range, SharedPassage } from '../../types.js';
import { PROSE_KINDS } from '../../types.js';
import { combine, fmix32, tokenize, type Vocabulary } from './text.js';

export interface SentenceInfo {
  text: string;
  /** Source offsets [start, end) in the original file. */
  sourceStart: number;
  sourceEnd: number;
  /** All word tokens. */
  words: number;
  /** Unique content stems, ascending. */
  stems: Int32Array;
  /** Hash of the normalised token sequence (0 when the sentence has fewer than 5 words). */
  hash: number;
}

export interface DocSentences {
  sentences: SentenceInfo[];
  words: number;
}

/** Sentences of an article's prose blocks in reading order (blocks without sentences count as one). */
export function forEachSentence(article: Article, fn: (text: string, start: number, end: number, blockIndex: number) => void): void {
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

export function sentencesOf(article: Article, vocab: Vocabulary): DocSentences {
  const sentences: SentenceInfo[] = [];
  let words = 0;
  const hashes: number[] = [];
  const stems: number[] = [];
  forEachSentence(article, (text, start, end, blockIndex) => {
    hashes.length = 0;
    stems.length = 0;
    const n = tokenize(text, start, end, vocab, (term) => {
      hashes.push(vocab.hashes[term]);
      const stem = vocab.stemOf[term];
      if (stem >= 0) stems.push(stem);
    });
    if (n === 0) return;
    words += n;
    const block = article.blocks[blockIndex];
    const unique = Int32Array.from(new Set(stems)).sort();
    sentences.push({
      text: text.slice(start, end),
      sourceStart: block.sourceOffsets[start],
      sourceEnd: block.sourceOffsets[Math.max(start, end - 1)] + 1,
      words: n,
      stems: unique,
      hash: sentenceHash(hashes, 0, hashes.length),
    });
  });
  return { sentences, words };
}

export interface AlignedPair {
  a: number;
  b: number;
  score: number;
}

export interface Alignment {
  /** One-to-one matches, greedy by score (any order). */
  pairs: AlignedPair[];
  /** The subset in document order in both articles (longest increasing chain). */
  ordered: AlignedPair[];
  coverageA: number;
  coverageB: number;
  orderedCoverageA: number;
  orderedCoverageB: number;
}

/**
 * Align sentences of A and B by weighted Dice over content stems. A stem weighs idf × its rarity inside the pair
 * (log of sentences / sentences containing it), so the pair's shared topic words ("Hong Kong" in every sentence)
 * do not make every sentence match every other.
 */
export function align(A: DocSentences, B: DocSentences, idf: Float32Array, threshold: number, scratch: Int32Array): Alignment {
  const sa = A.sentences;
  const sb = B.sentences;
  // Sentence frequency of each stem within the pair.
  const touched: number[] = [];
  for (const list of [sa, sb]) {
    for (const s of list) {
      for (let i = 0; i < s.stems.length; i++) {
        const t = s.stems[i];
        if (scratch[t]++ === 0) touched.push(t);
      }
    }
  }
  const total = sa.length + sb.length;
  const weight = new Map<number, number>();
  for (const t of touched) {
    weight.set(t, idf[t] * Math.max(0.05, Math.log((total + 1) / scratch[t])));
    scratch[t] = 0;
  }
  const mass = (s: SentenceInfo) => {
    let m = 0;
    for (let i = 0; i < s.stems.length; i++) m += weight.get(s.stems[i])!;
    return m;
  };
  const massA = sa.map(mass);
  const massB = sb.map(mass);
  // Inverted index over B's sentences.
  const postings = new Map<number, number[]>();
  sb.forEach((s, j) => {
    for (let i = 0; i < s.stems.length; i++) {
      const t = s.stems[i];
      let list = postings.get(t);
      if (!list) postings.set(t, (list = []));
      list.push(j);
    }
  });
  const shared = new Float64Array(sb.length);
  const candidates: AlignedPair[] = [];
  for (let i = 0; i < sa.length; i++) {
    const s = sa[i];
    if (s.stems.length < 2) continue;
    shared.fill(0);
    for (let x = 0; x < s.stems.length; x++) {
      const t = s.stems[x];
      const list = postings.get(t);
      if (!list) continue;
      const w = weight.get(t)!;
      for (const j of list) shared[j] += w;
    }
    for (let j = 0; j < sb.length; j++) {
      if (shared[j] === 0 || sb[j].stems.length < 2) continue;
      const score = (2 * shared[j]) / (massA[i] + massB[j]);
      if (score >= threshold) candidates.push({ a: i, b: j, score });
    }
  }
  candidates.sort((x, y) => y.score - x.score || x.a - y.a || x.b - y.b);
  const usedA = new Uint8Array(sa.length);
  const usedB = new Uint8Array(sb.length);
  const pairs: AlignedPair[] = [];
  for (const c of candidates) {
    if (usedA[c.a] || usedB[c.b]) continue;
    usedA[c.a] = 1;
    usedB[c.b] = 1;
    pairs.push(c);
  }
  pairs.sort((x, y) => x.a - y.a);
  const ordered = longestIncreasing(pairs);
  const cover = (list: AlignedPair[], side: 'a' | 'b', doc: DocSentences) => {
    if (doc.words === 0) return 0;
    let w = 0;
    for (const p of list) w += doc.sentences[p[side]].words;
    return w / doc.words;
  };
  return {
    pairs,
    ordered,
    coverageA: cover(pairs, 'a', A),
    coverageB: cover(pairs, 'b', B),
    orderedCoverageA: cover(ordered, 'a', A),
    orderedCoverageB: cover(ordered, 'b', B),
  };
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
export function passages(articleA: Article, A: DocSentences, articleB: Article, B: DocSentences, pairs: AlignedPair[], limit: number): PassageWithRanges[] {
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
    const rangeA = rangeOfOffsets(articleA.source, a0.sourceStart, a1.sourceEnd);
    const rangeB = rangeOfOffsets(articleB.source, b0.sourceStart, b1.sourceEnd);
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
  return [...out].sort((x, y) => y.words - x.words || x.firstA - y.firstA).slice(0, limit).sort((x, y) => x.firstA - y.firstA);
}
