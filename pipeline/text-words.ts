// Word counting with character codes. countWords counts what the regular expression below matches (a run of
// letters/digits with marks, apostrophes, hyphens and underscores; each Han/Hiragana/Katakana character one word of
// its own), without running two lookaheads per character of every prose block: the article's word count and the
// truncation rule's sentence lengths read every character of the article. Each BMP character's class is found once
// with the regular expressions below and remembered.

/** The definition (global, u flag): what countWords counts the matches of. */
export const WORD_PATTERN =
  /(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])[\p{L}\p{N}])(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])[\p{L}\p{N}\p{M}'’_-])*|[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;

const CJK = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]$/u;
const FIRST = /^[\p{L}\p{N}]$/u;
const LATER = /^[\p{L}\p{N}\p{M}'’_-]$/u;

const KNOWN = 1;
const IS_CJK = 2;
/** Starts a word (a letter or digit, not CJK). */
const IS_FIRST = 4;
/** Continues a word (not CJK). */
const IS_LATER = 8;

/** Per BMP code unit, the bits above (0 = not looked up yet). */
const classes = new Uint8Array(0x10000);

function lookUp(cp: number): number {
  const ch = String.fromCodePoint(cp);
  if (CJK.test(ch)) return KNOWN | IS_CJK;
  return KNOWN | (FIRST.test(ch) ? IS_FIRST : 0) | (LATER.test(ch) ? IS_LATER : 0);
}

function classOf(cp: number): number {
  if (cp >= 0x10000) return lookUp(cp);
  let found = classes[cp];
  if (found === 0) classes[cp] = found = lookUp(cp);
  return found;
}

/** The number of words of `text` (matches of WORD_PATTERN). */
export function countWords(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    // The u flag reads a surrogate pair as one character.
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    const c = classOf(cp);
    if (c & IS_CJK) {
      count++;
      inWord = false;
    } else if (inWord) {
      inWord = (c & IS_LATER) !== 0;
    } else if (c & IS_FIRST) {
      count++;
      inWord = true;
    }
  }
  return count;
}
