// Words read with character codes instead of global regular expressions: no match object per word (a 5 MB article
// has ~900,000 words) and no lookaheads run at every character. Each function answers exactly what the regular
// expression in its comment (flag u) matches; each BMP character's class is looked up once and remembered.
//   countWords      the article's word count and truncation's sentence lengths: a word, or one Han, Hiragana or
//                   Katakana character (CJK has no spaces; test/text-words.test.ts holds the pattern this replaced)
//   wordEnd         keyword-density's words             [\p{L}\p{N}][\p{L}\p{N}\p{M}'’_-]*
//   plainWordEnd    claims' capitalised-word evidence   [\p{L}\p{N}][\p{L}\p{M}\p{N}]*
//   signalWordEnd   the keyword signals' words          [\p{L}\p{N}][\p{L}\p{N}'’/-]*[\p{L}\p{N}]|[\p{L}\p{N}]
//   spliceTokenEnd  spliced-keyword's tokens            [\p{L}\p{N}][\p{L}\p{N}\p{M}&'’.-]*[\p{L}\p{N}]|[\p{L}\p{N}]

const KNOWN = 1;
const LETTER_OR_NUMBER = 2;
const MARK = 4;
/** ' ’ _ - */
const JOINER = 8;
/** Han, Hiragana or Katakana script. */
const CJK = 16;
/** ' ’ - */
const APOSTROPHE_OR_HYPHEN = 32;
const SLASH = 64;
/** & . */
const AMPERSAND_OR_DOT = 128;

/** Per BMP code unit, the bits above (0 = not looked up yet). */
const classes = new Uint8Array(0x10000);

function lookUp(cp: number): number {
  const ch = String.fromCodePoint(cp);
  return (
    KNOWN |
    (/^[\p{L}\p{N}]$/u.test(ch) ? LETTER_OR_NUMBER : 0) |
    (/^\p{M}$/u.test(ch) ? MARK : 0) |
    (/^['’_-]$/.test(ch) ? JOINER : 0) |
    (/^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]$/u.test(ch) ? CJK : 0) |
    (/^['’-]$/.test(ch) ? APOSTROPHE_OR_HYPHEN : 0) |
    (ch === '/' ? SLASH : 0) |
    (/^[&.]$/.test(ch) ? AMPERSAND_OR_DOT : 0)
  );
}

function classOf(cp: number): number {
  if (cp >= 0x10000) return lookUp(cp);
  let found = classes[cp];
  if (found === 0) classes[cp] = found = lookUp(cp);
  return found;
}

/** The number of words of `text`: runs of letters, digits, marks, ' ’ _ - (not CJK), and each CJK character. */
export function countWords(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    const c = classOf(cp);
    if (c & CJK) {
      count++;
      inWord = false;
    } else if (inWord) {
      inWord = (c & (LETTER_OR_NUMBER | MARK | JOINER)) !== 0;
    } else if (c & LETTER_OR_NUMBER) {
      count++;
      inWord = true;
    }
  }
  return count;
}

function endOfWord(text: string, from: number, later: number): number {
  if (from >= text.length) return from;
  let cp = text.codePointAt(from)!;
  if ((classOf(cp) & LETTER_OR_NUMBER) === 0) return from;
  let i = from + (cp > 0xffff ? 2 : 1);
  while (i < text.length) {
    cp = text.codePointAt(i)!;
    if ((classOf(cp) & later) === 0) break;
    i += cp > 0xffff ? 2 : 1;
  }
  return i;
}

/** Where the word `[\p{L}\p{N}][\p{L}\p{N}\p{M}'’_-]*` starting at `from` ends, or `from` when none starts there. */
export function wordEnd(text: string, from: number): number {
  return endOfWord(text, from, LETTER_OR_NUMBER | MARK | JOINER);
}

/** Where the word `[\p{L}\p{N}][\p{L}\p{M}\p{N}]*` starting at `from` ends, or `from` when none starts there. */
export function plainWordEnd(text: string, from: number): number {
  return endOfWord(text, from, LETTER_OR_NUMBER | MARK);
}

/**
 * Where `[\p{L}\p{N}][inner]*[\p{L}\p{N}]|[\p{L}\p{N}]` starting at `from` ends in a text read up to `to` (a
 * surrogate pair cut by `to` is a lone surrogate, as in a slice), or `from` when none starts there: the last letter or
 * digit of the run of `inner` characters (a pattern backtracks to it).
 */
function endAtLetter(text: string, from: number, to: number, inner: number): number {
  if (from >= to) return from;
  let cp = from + 1 < to ? text.codePointAt(from)! : text.charCodeAt(from);
  if ((classOf(cp) & LETTER_OR_NUMBER) === 0) return from;
  let i = from + (cp > 0xffff ? 2 : 1);
  let end = i;
  while (i < to) {
    cp = i + 1 < to ? text.codePointAt(i)! : text.charCodeAt(i);
    const c = classOf(cp);
    if ((c & inner) === 0) break;
    i += cp > 0xffff ? 2 : 1;
    if (c & LETTER_OR_NUMBER) end = i;
  }
  return end;
}

/** Where the keyword signals' word (article-words.ts WORD) starting at `from` ends, reading up to `to`; else `from`. */
export function signalWordEnd(text: string, from: number, to: number): number {
  return endAtLetter(text, from, to, LETTER_OR_NUMBER | APOSTROPHE_OR_HYPHEN | SLASH);
}

/** Where spliced-keyword's token (splice-signals.ts TOKEN) starting at `from` ends, reading up to `to`; else `from`. */
export function spliceTokenEnd(text: string, from: number, to: number): number {
  return endAtLetter(text, from, to, LETTER_OR_NUMBER | MARK | APOSTROPHE_OR_HYPHEN | AMPERSAND_OR_DOT);
}

/** The length of the character at `i` in a text read up to `to`: 2 for a surrogate pair inside it, else 1. */
export function charLength(text: string, i: number, to: number): number {
  return i + 1 < to && text.codePointAt(i)! > 0xffff ? 2 : 1;
}

/** A word of a text: its spelling and where it lies. */
export interface TextWord {
  text: string;
  start: number;
  end: number;
}

/** The words of text[from, to) as `wordEnd` reads them (a word running past `to` is cut there), skipping the rest. */
export function wordsIn(
  text: string,
  from: number,
  to: number,
  wordEnd: (text: string, from: number, to: number) => number,
): TextWord[] {
  const out: TextWord[] = [];
  for (let i = from; i < to; ) {
    const end = wordEnd(text, i, to);
    if (end === i) {
      i += charLength(text, i, to);
      continue;
    }
    out.push({ text: text.slice(i, end), start: i, end });
    i = end;
  }
  return out;
}

/**
 * The first `limit` characters of `texts` joined by line breaks, joining only the texts they need (a sample for a
 * language guess: a 5 MB article must not be joined whole to read its first 20,000 characters).
 */
export function joinedPrefix(texts: Iterable<string>, limit: number): string {
  const taken: string[] = [];
  let length = -1;
  for (const text of texts) {
    taken.push(text);
    length += text.length + 1;
    if (length >= limit) break;
  }
  return taken.join('\n').slice(0, limit);
}
