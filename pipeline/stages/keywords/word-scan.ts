// The words of keyword-density, read with character codes instead of a global regular expression: `wordEnd` ends
// the word `[\p{L}\p{N}][\p{L}\p{N}\p{M}'’_-]*` (flag u) that starts at a position, as the regular expression would
// match it there, without a match object per word (a 5 MB article has ~900,000 words). Each BMP character's class
// is found once with the regular expressions below and remembered.

const WORD_FIRST = 1;
const WORD_LATER = 2;
const KNOWN = 4;
/** Per BMP code unit, the bits above (KNOWN once looked up; 0 = not looked up yet). */
const wordClass = new Uint8Array(0x10000);
const FIRST_CHAR = /^[\p{L}\p{N}]$/u;
const LATER_CHAR = /^[\p{L}\p{N}\p{M}'’_-]$/u;

function classOf(cp: number): number {
  if (cp < 0x10000 && wordClass[cp] !== 0) return wordClass[cp];
  const ch = String.fromCodePoint(cp);
  const found = KNOWN | (FIRST_CHAR.test(ch) ? WORD_FIRST : 0) | (LATER_CHAR.test(ch) ? WORD_LATER : 0);
  if (cp < 0x10000) wordClass[cp] = found;
  return found;
}

/** The code point at i of text, reading a surrogate pair whole (as the `u` flag does). */
export function codePointAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff ? (text.codePointAt(i) as number) : c;
}

/** Where the word starting at `from` ends (as WORD would match it), or `from` when no word starts there. */
export function wordEnd(text: string, from: number): number {
  if (from >= text.length) return from;
  let cp = codePointAt(text, from);
  if ((classOf(cp) & WORD_FIRST) === 0) return from;
  let i = from + (cp > 0xffff ? 2 : 1);
  while (i < text.length) {
    cp = codePointAt(text, i);
    if ((classOf(cp) & WORD_LATER) === 0) break;
    i += cp > 0xffff ? 2 : 1;
  }
  return i;
}
