// Sentence splitting with offsets. A linear scan: a terminator run, optional closing quotes/brackets,
// whitespace, then a plausible sentence start. Known abbreviations and initials do not end sentences.
import type { Sentence } from './types.js';

const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'mt', 'vs', 'etc', 'inc', 'ltd', 'co', 'corp', 'dept', 'univ',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'no', 'nos', 'fig', 'figs',
  'approx', 'est', 'gen', 'gov', 'sen', 'rep', 'rev', 'capt', 'col', 'lt', 'sgt', 'ave', 'blvd', 'rd', 'vol', 'pp', 'ch',
  'e.g', 'i.e', 'a.m', 'p.m', 'u.s', 'u.k', 'u.n', 'ph.d', 'cf', 'al',
]);

const BOUNDARY = /([.!?…]+|[。！？]+)(["'”’)\]»]*)(\s+|$)|([。！？])/gu;

export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  BOUNDARY.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = BOUNDARY.exec(text))) {
    const terminatorEnd = match.index + (match[1] ?? match[4] ?? '').length + (match[2] ?? '').length;
    const end = match.index + match[0].length;
    if (match[1] === '.' && isAbbreviation(text, match.index)) continue;
    // The next sentence should start with an uppercase letter, digit, quote or non-Latin script — not a lowercase word.
    const next = text.slice(end, end + 2);
    if (next && match[1] && /^[a-z]/.test(next) && match[1] === '.') continue;
    push(sentences, text, start, terminatorEnd);
    start = end;
  }
  if (start < text.length) push(sentences, text, start, text.length);
  return sentences;
}

function isAbbreviation(text: string, dotIndex: number): boolean {
  let i = dotIndex;
  while (i > 0 && /[\p{L}.]/u.test(text[i - 1])) i--;
  const word = text.slice(i, dotIndex).toLowerCase();
  if (!word) return false;
  if (ABBREVIATIONS.has(word)) return true;
  // A single capital initial ("J. K. Rowling") or dotted acronym ("U.S.").
  if (/^\p{Lu}$/u.test(text.slice(i, dotIndex))) return true;
  return /^(\p{L}\.)+\p{L}$/u.test(word);
}

function push(list: Sentence[], text: string, start: number, end: number): void {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  if (e > s) list.push({ start: s, end: e, text: text.slice(s, e) });
}
