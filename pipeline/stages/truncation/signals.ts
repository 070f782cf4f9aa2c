// Shared pieces of the truncated-ending rule: what counts as a sentence end, and the text signals that judge the
// end of a sentence, a list item or a table cell alike (mid-word cut, a word that cannot end a sentence, a trailing
// comma, an unclosed quote or bracket).
import { foldWhitespace } from '../../normalise.js';
import type { Severity } from '../../types.js';
import { CANNOT_END_SENTENCE } from '../keywords/english-function-words.js';

// Terminal punctuation across scripts: Latin/Cyrillic/Greek . ! ? …, interrobangs, CJK full stops, Devanagari danda,
// Urdu full stop, Arabic question mark, Armenian full stop, Ethiopic, Myanmar, Khmer and Tibetan sentence marks.
export const TERMINAL = '.!?…‼⁇⁈⁉‽。！？．｡।॥۔؟։።፧။។៕།༎';
// Characters that may follow the terminal punctuation (closing quotes, brackets, emphasis leftovers).
const CLOSERS = '"\'”’»›)\\]}」』）》〉】〕］｝＂＇*_';
export const CLOSER_CLASS = `[${CLOSERS.replace(/[\]\\^-]/g, '\\$&')}]`;
export const TERMINATED = new RegExp(`[${TERMINAL}]${CLOSER_CLASS}*\\s*$`, 'u');
export const TRAILING_SEPARATOR = new RegExp(`([,;:，、；：])${CLOSER_CLASS}*\\s*$`, 'u');
/** Comma and semicolon only: a colon legitimately ends a list item that introduces a code sample or a sub-list. */
export const TRAILING_COMMA = new RegExp(`([,;，、；])${CLOSER_CLASS}*\\s*$`, 'u');
export const MID_WORD = /(\p{L}[\p{L}\p{M}]*)[-\u2010\u00ad]$/u;
export const LAST_WORD = /([\p{L}\p{N}][\p{L}\p{N}\p{M}'’]*)[^\p{L}\p{N}]*$/u;

export interface Signal {
  severity: Severity;
  message: string;
  /** Range in block text. */
  start: number;
  end: number;
  /** When set, the range in SourceFile.text instead (Markdown syntax the block text does not keep). */
  sourceRange?: [number, number];
  suggestion: string;
}

export const RESTORE = 'Restore the missing end of the sentence or remove the fragment.';

export function isStrictFinalWord(word: string, text: string, at: number): boolean {
  const lower = word.toLowerCase();
  if (!CANNOT_END_SENTENCE.has(lower)) return false;
  // Labels and code-ish uses: "Vitamin A", "Plan A", "AND", "#the", "@our".
  if (word.length > 1 && word === word.toUpperCase()) {
    // Capitals are labels or code ("AND", "OR") unless the whole sentence is in capitals (licence text, shouting).
    const sentence = text.slice(Math.max(0, text.search(/[^.!?]*$/u)));
    const letters = sentence.replace(/[^\p{L}]/gu, '');
    if (letters.length < 20 || letters !== letters.toUpperCase()) return false;
  }
  if (word === 'A') return false;
  const before = text[at - 1] ?? ' ';
  if (/[#@/._`]/.test(before)) return false;
  return true;
}

/** A quote or bracket opened in `text` and never closed, by name. */
export function unbalanced(text: string): string | null {
  const count = (re: RegExp) => (text.match(re) ?? []).length;
  if (count(/\(/g) > count(/\)/g)) return 'parenthesis';
  if (count(/\[/g) > count(/\]/g)) return 'bracket';
  if (count(/“/g) > count(/”/g)) return 'quotation';
  if (count(/«/g) > count(/»/g)) return 'quotation';
  if (count(/「/g) > count(/」/g) || count(/『/g) > count(/』/g)) return 'quotation';
  if (count(/"/g) % 2 === 1 && /(?:^|[\s(])"\S[^"]*$/u.test(text)) return 'quotation';
  return null;
}

export function separatorName(ch: string): string {
  if (ch === ',' || ch === '，' || ch === '、') return 'comma';
  if (ch === ';' || ch === '；') return 'semicolon';
  return 'colon';
}

export function wordStartBefore(text: string, index: number): number {
  let i = index;
  while (i > 0 && /[\p{L}\p{N}\p{M}'’\-\u2010]/u.test(text[i - 1])) i--;
  return i;
}

/** The last sentence, or its last six words, for messages. */
export function tailWords(sentence: string): string {
  const words = foldWhitespace(sentence).split(' ');
  return words.length <= 8 ? words.join(' ') : `…${words.slice(-6).join(' ')}`;
}

/**
 * The end-of-text signals every kind of final text shares (a sentence, a list item, a table cell), strongest first:
 * cut mid-word, a word that cannot end an English sentence, a trailing comma/semicolon/colon, an unclosed quote or
 * bracket. `what` names the unit in messages ("list item", "table cell"). Null when none fires.
 */
export function cutSignal(
  text: string,
  what: string,
  english: boolean,
  separators = TRAILING_SEPARATOR,
): Signal | null {
  const trimmed = text.replace(/\s+$/u, '');
  if (!trimmed || TERMINATED.test(trimmed)) return null;
  const midWord = MID_WORD.exec(trimmed);
  if (
    midWord &&
    !/[/.@]\S*$/.test(trimmed.slice(Math.max(0, midWord.index - 40), midWord.index)) &&
    !/\s[-‐]$/.test(trimmed)
  ) {
    const start = wordStartBefore(trimmed, trimmed.lastIndexOf(midWord[1], midWord.index + midWord[1].length));
    return {
      severity: 'error',
      message: `Article ends mid-word in its last ${what} ("${trimmed.slice(start)}").`,
      start,
      end: trimmed.length,
      suggestion: 'Restore the missing end of the word, or remove the fragment.',
    };
  }
  const wordMatch = LAST_WORD.exec(trimmed);
  if (
    english &&
    wordMatch &&
    isStrictFinalWord(wordMatch[1], trimmed, wordMatch.index) &&
    !/[-'’]$/.test(trimmed.slice(wordMatch.index + wordMatch[1].length).trim())
  ) {
    const start = wordMatch.index;
    return {
      severity: 'error',
      message: `Article ends after "${tailWords(trimmed)}" in its last ${what} ("${wordMatch[1]}" cannot end a sentence).`,
      start,
      end: start + wordMatch[1].length,
      suggestion: RESTORE,
    };
  }
  const separator = separators.exec(trimmed);
  if (separator) {
    const start = wordMatch ? wordMatch.index : separator.index;
    return {
      severity: 'error',
      message: `Article ends with a trailing ${separatorName(separator[1])} in its last ${what} ("${tailWords(trimmed)}").`,
      start,
      end: trimmed.length,
      suggestion: RESTORE,
    };
  }
  const open = unbalanced(lastSentenceOf(trimmed));
  if (open) {
    return {
      severity: 'error',
      message: `Article ends inside an unclosed ${open} in its last ${what} ("${tailWords(trimmed)}").`,
      start: 0,
      end: trimmed.length,
      suggestion: RESTORE,
    };
  }
  return null;
}

/** The text after the last sentence end (cheap: no full sentence split). */
function lastSentenceOf(text: string): string {
  const re = new RegExp(`[${TERMINAL}]${CLOSER_CLASS}*\\s+`, 'gu');
  let from = 0;
  for (const m of text.matchAll(re)) from = m.index + m[0].length;
  return text.slice(from);
}
