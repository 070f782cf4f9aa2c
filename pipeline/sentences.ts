// Sentence splitting with offsets. A linear scan: a terminator run, optional closing quotes/brackets,
// whitespace, then a plausible sentence start. Known abbreviations and initials do not end sentences.
import type { Sentence } from './types.js';

/** Lower-cased words that a full stop follows without ending the sentence (shared with the tests' reference splitter). */
export const ABBREVIATIONS: ReadonlySet<string> = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'sr',
  'jr',
  'st',
  'mt',
  'vs',
  'etc',
  'inc',
  'ltd',
  'co',
  'corp',
  'dept',
  'univ',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'no',
  'nos',
  'fig',
  'figs',
  'approx',
  'est',
  'gen',
  'gov',
  'sen',
  'rep',
  'rev',
  'capt',
  'col',
  'lt',
  'sgt',
  'ave',
  'blvd',
  'rd',
  'vol',
  'pp',
  'ch',
  'e.g',
  'i.e',
  'a.m',
  'p.m',
  'u.s',
  'u.k',
  'u.n',
  'ph.d',
  'cf',
  'al',
]);

const LATIN_TERMINATORS = new Set(['.', '!', '?', '…']);
const CJK_TERMINATORS = new Set(['。', '！', '？']);
const CLOSERS = new Set(['"', "'", '”', '’', ')', ']', '»']);
/** Any terminator of both sets (every terminator is one UTF-16 unit). */
const TERMINATOR = /[.!?…。！？]/g;
const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);

/**
 * Linear scan (a regex with a nested quantifier backtracked quadratically on long runs of dots).
 * A boundary is a run of terminators, optional closing quotes/brackets, then whitespace or the end of the text;
 * a CJK terminator also ends a sentence when text follows it directly.
 */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    // Jump to the next terminator (a native scan: most characters are none).
    TERMINATOR.lastIndex = i;
    if (!TERMINATOR.test(text)) break;
    i = TERMINATOR.lastIndex - 1;
    const c = text[i];
    const latin = LATIN_TERMINATORS.has(c);
    const set = latin ? LATIN_TERMINATORS : CJK_TERMINATORS;
    let runEnd = i + 1;
    while (runEnd < n && set.has(text[runEnd])) runEnd++;
    let closeEnd = runEnd;
    while (closeEnd < n && CLOSERS.has(text[closeEnd])) closeEnd++;
    let spaceEnd = closeEnd;
    while (spaceEnd < n && isSpace(text[spaceEnd])) spaceEnd++;
    if (spaceEnd > closeEnd || closeEnd === n) {
      const singleDot = latin && runEnd - i === 1 && c === '.';
      // The next sentence should start with an uppercase letter, digit, quote or non-Latin script — not a lowercase word.
      if (singleDot && (startsLowercase(text, spaceEnd) || isAbbreviation(text, i))) {
        i = spaceEnd > i ? spaceEnd : i + 1;
        continue;
      }
      push(sentences, text, start, closeEnd);
      start = spaceEnd;
      i = spaceEnd;
      continue;
    }
    if (!latin) {
      // A CJK terminator directly followed by text: a boundary right after it.
      push(sentences, text, start, i + 1);
      start = i + 1;
      i++;
      continue;
    }
    // Latin terminators not followed by whitespace ("3.14", "a...b"): not a boundary; every later start in the run fails too.
    i = runEnd;
  }
  if (start < n) push(sentences, text, start, n);
  return sentences;
}

/** Is the character at `index` an ASCII lowercase letter (false past the end)? */
function startsLowercase(text: string, index: number): boolean {
  const c = text.charCodeAt(index);
  return c >= 97 && c <= 122;
}

/** The longest entry of ABBREVIATIONS: a longer word without a dot is none of them (lower-casing never shortens). */
const LONGEST_ABBREVIATION = Math.max(...[...ABBREVIATIONS].map((word) => word.length));

function isAbbreviation(text: string, dotIndex: number): boolean {
  let i = dotIndex;
  let dotted = false;
  while (i > 0 && /[\p{L}.]/u.test(text[i - 1])) {
    i--;
    if (text.charCodeAt(i) === 46) dotted = true;
  }
  // Not an abbreviation, an initial (one code point) or a dotted acronym: answered without copying the word.
  if (dotIndex - i > Math.max(LONGEST_ABBREVIATION, 2) && !dotted) return false;
  const word = text.slice(i, dotIndex).toLowerCase();
  if (!word) return false;
  if (ABBREVIATIONS.has(word)) return true;
  // A single capital initial ("J. K. Rowling") or dotted acronym ("U.S.").
  if (dotIndex - i <= 2 && /^\p{Lu}$/u.test(text.slice(i, dotIndex))) return true;
  return /^(\p{L}\.)+\p{L}$/u.test(word);
}

function push(list: Sentence[], text: string, start: number, end: number): void {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  if (e > s) list.push({ start: s, end: e, text: text.slice(s, e) });
}
