// Figures in aligned sentences: a spun version keeps its source's numbers (the spinner rewords, it does not
// re-report), a follow-up story about the same event restates the background with new ones (a new score, a new
// age, a new offer). Used by similar-content on the pairs its alignment would report.
import type { AlignedPair, DocSentences } from './align.js';

const FIGURE = /\d(?:[\d,.]*\d)?|\b[A-Za-z]+(?:-[A-Za-z]+)?\b/g;
const UNITS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
/**
 * Number words up to ninety-nine (a spinner writes "twenty minutes" for "20 minutes"); "one" is left out (a pronoun as
 * often as a figure).
 */
const NUMBER_WORDS = new Map<string, number>();
for (let t = 2; t < 10; t++) {
  NUMBER_WORDS.set(TENS[t], t * 10);
  for (let u = 1; u < 10; u++) NUMBER_WORDS.set(`${TENS[t]}-${UNITS[u]}`, t * 10 + u);
}
for (let u = 2; u < 20; u++) NUMBER_WORDS.set(UNITS[u], u);

export interface Figures {
  values: Set<string>;
  /** Some figure is written in digits (a specific fact: an age, an amount, a score), not only as a number word. */
  digits: boolean;
}

/**
 * The figures of a sentence: digits as written without thousands separators ("1,001" → "1001"), number words as digits.
 */
export function figuresOf(text: string): Figures {
  const values = new Set<string>();
  let digits = false;
  for (const m of text.matchAll(FIGURE)) {
    const token = m[0];
    if (token.charCodeAt(0) <= 57) {
      values.add(token.replace(/,/g, ''));
      digits = true;
    } else {
      const value = NUMBER_WORDS.get(token.toLowerCase());
      if (value !== undefined) values.add(String(value));
    }
  }
  return { values, digits };
}

export interface FigureEvidence {
  /** Aligned sentence pairs that share a figure. */
  agree: number;
  /**
   * Aligned sentence pairs that differ: both sides have figures and share none, or one side has a figure in digits
   * and the other has none at all. A figure only in words on one side is no evidence (a spinner writes "a day" for
   * "twenty-four hours", "half" for "fifty percent").
   */
  differ: number;
}

/** Counts agreeing and differing figures over aligned sentence pairs (`skip(pair)`: pairs that count for neither). */
export function figureEvidence(
  pairs: readonly AlignedPair[],
  A: DocSentences,
  B: DocSentences,
  skip: (p: AlignedPair) => boolean,
): FigureEvidence {
  let agree = 0;
  let differ = 0;
  for (const p of pairs) {
    if (skip(p)) continue;
    const fa = figuresOf(A.sentences[p.a].text);
    const fb = figuresOf(B.sentences[p.b].text);
    if (fa.values.size === 0 || fb.values.size === 0) {
      if ((fa.values.size === 0 && fb.digits) || (fb.values.size === 0 && fa.digits)) differ++;
      continue;
    }
    let shared = false;
    for (const f of fa.values) if (fb.values.has(f)) shared = true;
    if (shared) agree++;
    else differ++;
  }
  return { agree, differ };
}

/** Figures speak against a rewrite when at least `maxShare` of the aligned pairs holding figures differ in them. */
export function figuresDisagree({ agree, differ }: FigureEvidence, maxShare: number): boolean {
  return differ > 0 && differ >= maxShare * (agree + differ);
}
