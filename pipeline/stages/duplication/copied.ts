// Report pieces of the copied-passage rule: passages with line ranges and text (from the articles re-derived for
// evidence), one finding per article of a pair, and the per-article "found elsewhere" shares.
import type { StageFindingDraft } from '../../stage.js';
import type { CopiedPassagePair, FoundElsewhere } from '../../types.js';
import { passages, type AlignedPair, type DocSentences, type PassageWithRanges } from './align.js';
import type { CopiedPassageOptions } from './options.js';
import type { CopiedPair, CopiedRun } from './passages.js';

const round = (x: number) => Math.round(x * 1000) / 1000;
const pct = (x: number) => `${Math.round(x * 100)}%`;

/** The sentence pairs of a run as evidence: its verbatim matches, plus bridged sentences where both gaps are equal. */
function runPairs(run: CopiedRun): AlignedPair[] {
  const out: AlignedPair[] = [];
  let prev: { a: number; b: number } | null = null;
  for (const p of run.pairs) {
    if (prev && p.a - prev.a === p.b - prev.b)
      for (let k = 1; k < p.a - prev.a; k++) out.push({ a: prev.a + k, b: prev.b + k, score: 0.5 });
    out.push({ a: p.a, b: p.b, score: 1 });
    prev = p;
  }
  return out;
}

function clip(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

interface Side {
  path: string;
  sentences: DocSentences;
  share: number;
  words: number;
  inFocus: boolean;
}

type Related = NonNullable<StageFindingDraft['related']>[number];

/** What a pair of boilerplate pasted away from home adds: only the page it was pasted into gets a finding. */
interface Pasted {
  into: 'A' | 'B';
  /** The other home pages that carry the passage (beside the pair's own). */
  alsoAtHome: Related[];
}

/** One finding per article of the pair (focus articles only), at its longest copied passage. */
function findingsOf(
  ranges: PassageWithRanges[],
  A: Side,
  B: Side,
  count: number,
  pasted: Pasted | null,
): StageFindingDraft[] {
  const longest = ranges.reduce((best, r) => (r.words > best.words ? r : best), ranges[0]);
  const out: StageFindingDraft[] = [];
  for (const [self, other, mine, theirs, first, side] of [
    [A, B, longest.rangeA, longest.rangeB, longest.firstA, 'A'],
    [B, A, longest.rangeB, longest.rangeA, longest.firstB, 'B'],
  ] as const) {
    if (!self.inFocus || (pasted && pasted.into !== side)) continue;
    const passagesText = count === 1 ? 'a passage' : `${count} passages`;
    const pages = pasted ? pasted.alsoAtHome.length + 1 : 0;
    const home = pasted
      ? ` It is a section that ${pages} pages carry under one heading, pasted here under another.`
      : '';
    out.push({
      ruleId: 'copied-passage',
      path: self.path,
      ...mine,
      message:
        `Shares ${passagesText} word for word with ${other.path}: ${self.words} words, ${pct(self.share)} of ` +
        `this article and ${pct(other.share)} of the other.${home}`,
      evidence: clip(self.sentences.sentences[first].text, 160),
      suggestion: 'Quote and link the source, rewrite the passage, or keep it in one place and link to it.',
      related: [
        { path: other.path, line: theirs.line, column: theirs.column, message: 'The same passage' },
        ...(pasted?.alsoAtHome ?? []),
      ],
    });
  }
  return out;
}

/** The other home pages of a pasted passage, each at its longest shared passage with the page it was pasted into. */
function alsoAtHome(
  p: CopiedPair,
  paths: readonly string[],
  sentencesFor: (i: number) => DocSentences,
  options: CopiedPassageOptions,
): Related[] {
  const out: Related[] = [];
  for (const q of p.alsoAtHome ?? []) {
    const ranges = passages(sentencesFor(q.a), sentencesFor(q.b), q.runs.flatMap(runPairs), options.maxPassages);
    if (!ranges.length) continue;
    const longest = ranges.reduce((best, r) => (r.words > best.words ? r : best), ranges[0]);
    const home = q.a === p.pastedInto ? q.b : q.a;
    const at = home === q.a ? longest.rangeA : longest.rangeB;
    out.push({ path: paths[home], line: at.line, column: at.column, message: 'The same passage, at home here' });
  }
  return out;
}

/**
 * Evidence and findings for the copied pairs; `sentencesFor` re-derives an article's sentences (cached by the caller).
 */
export function reportCopiedPassages(
  pairs: CopiedPair[],
  paths: readonly string[],
  sentencesFor: (i: number) => DocSentences,
  inFocus: Uint8Array,
  options: CopiedPassageOptions,
): { findings: StageFindingDraft[]; copied: CopiedPassagePair[] } {
  const findings: StageFindingDraft[] = [];
  const copied: CopiedPassagePair[] = [];
  for (const p of pairs) {
    const A = sentencesFor(p.a);
    const B = sentencesFor(p.b);
    const ranges = passages(A, B, p.runs.flatMap(runPairs), options.maxPassages);
    if (!ranges.length) continue;
    const shareA = A.words ? p.wordsA / A.words : 0;
    const shareB = B.words ? p.wordsB / B.words : 0;
    copied.push({
      a: paths[p.a],
      b: paths[p.b],
      wordsA: p.wordsA,
      wordsB: p.wordsB,
      shareA: round(shareA),
      shareB: round(shareB),
      passages: ranges.map((r) => r.passage),
    });
    const pasted: Pasted | null =
      p.pastedInto === undefined
        ? null
        : { into: p.pastedInto === p.a ? 'A' : 'B', alsoAtHome: alsoAtHome(p, paths, sentencesFor, options) };
    findings.push(
      ...findingsOf(
        ranges,
        { path: paths[p.a], sentences: A, share: shareA, words: p.wordsA, inFocus: inFocus[p.a] === 1 },
        { path: paths[p.b], sentences: B, share: shareB, words: p.wordsB, inFocus: inFocus[p.b] === 1 },
        p.runs.length,
        pasted,
      ),
    );
  }
  return { findings, copied };
}

/** The shares as reported: corpus-wide (word-weighted) and per article above 0 (focus articles only). */
export function foundElsewhere(
  shares: Float64Array,
  words: Int32Array,
  paths: readonly string[],
  inFocus: Uint8Array,
): FoundElsewhere {
  let shared = 0;
  let total = 0;
  const documents: { path: string; share: number }[] = [];
  for (let i = 0; i < shares.length; i++) {
    if (!inFocus[i]) continue;
    shared += shares[i] * words[i];
    total += words[i];
    if (shares[i] > 0) documents.push({ path: paths[i], share: round(shares[i]) });
  }
  return { share: round(total ? shared / total : 0), documents };
}
