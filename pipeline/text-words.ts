// Words read with character codes instead of global regular expressions: no match object per word (a 5 MB article
// has ~900,000 words) and no lookaheads run at every character. Each function answers exactly what the regular
// expression in its comment (flag u) matches; each BMP character's class is looked up once and remembered.
//   countWords      the article's word count and truncation's sentence lengths: a word, or one Han, Hiragana or
//                   Katakana character (CJK has no spaces; test/text-words.test.ts holds the pattern this replaced)
//   wordEnd         keyword-density's words             [\p{L}\p{N}][\p{L}\p{N}\p{M}'’_-]*
//   plainWordEnd    claims' capitalised-word evidence   [\p{L}\p{N}][\p{L}\p{M}\p{N}]*

const KNOWN = 1;
const LETTER_OR_NUMBER = 2;
const MARK = 4;
/** ' ’ _ - */
const JOINER = 8;
/** Han, Hiragana or Katakana script. */
const CJK = 16;

/** Per BMP code unit, the bits above (0 = not looked up yet). */
const classes = new Uint8Array(0x10000);

function lookUp(cp: number): number {
  const ch = String.fromCodePoint(cp);
  return (
    KNOWN |
    (/^[\p{L}\p{N}]$/u.test(ch) ? LETTER_OR_NUMBER : 0) |
    (/^\p{M}$/u.test(ch) ? MARK : 0) |
    (/^['’_-]$/.test(ch) ? JOINER : 0) |
    (/^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]$/u.test(ch) ? CJK : 0)
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
