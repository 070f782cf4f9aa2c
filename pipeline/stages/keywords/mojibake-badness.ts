// ftfy-like "badness": how improbable a short stretch of text is as real writing. Mojibake is reported only where
// re-decoding lowers it, so every rule here must be rare in correct text of any language.

// Punctuation that legitimately touches letters (apostrophes, dashes, middle dot) is not "odd".
const BENIGN_PUNCT = new Set(['’', '‘', '–', '—', '‐', '‑', '·', '\u00ad']);
// Characters that real text almost never puts next to another non-ASCII character.
const RARE = new Set([
  'ƒ',
  'ˆ',
  '˜',
  '‰',
  '‹',
  '›',
  '¦',
  '¨',
  '¯',
  '´',
  '¸',
  '¤',
  '¬',
  'Ž',
  'ž',
  'Ÿ',
  'Œ',
  '†',
  '‡',
  '¹',
  '¿',
  '¡',
  'Ð',
  'Þ',
  'ð',
  'þ',
]);
// Accented capitals that stand alone as words (Portuguese "À", Swedish "Å", …).
const STANDALONE_OK = new Set(['À', 'É', 'Á', 'Ó', 'Ú', 'Í', 'Ä', 'Ö', 'Ü', 'Å', 'Ø', 'Æ', 'Œ', 'Ç']);
// The two commonest UTF-8 lead bytes as Windows-1252 ("Ã©", "Â·"): real text never follows them with a symbol.
const LEAD_CAPITALS = new Set(['Â', 'Ã']);
// A math symbol right before an accented letter ("√©", "√á": MacRoman) never occurs in real text.
const MATH_BEFORE_ACCENT = /\p{Sm}/u;

export const isLetter = (c: string | undefined): boolean => c !== undefined && /\p{L}/u.test(c);
const isLower = (c: string | undefined): boolean => c !== undefined && /\p{Ll}/u.test(c);
const isUpper = (c: string | undefined): boolean => c !== undefined && /\p{Lu}/u.test(c);
const isDigit = (c: string | undefined): boolean => c !== undefined && /\p{Nd}/u.test(c);
const isSpace = (c: string | undefined): boolean => c === undefined || /[\s\u00a0]/u.test(c);
const isNonAscii = (c: string | undefined): boolean => c !== undefined && c.charCodeAt(0) >= 0x80;

// Spacing diacritics ("ˇ", "˘", "˙", "˛", "˝"; Unicode calls them letters): code-page characters that real words never
// hold between letters. IPA marks and the modifier apostrophes ("ʻ", "ʼ", "ˈ", "ː") are not among them.
const SPACING_DIACRITICS = new Set(['ˆ', 'ˇ', '˘', '˙', '˚', '˛', '˜', '˝']);

function isOdd(c: string | undefined): boolean {
  if (c === undefined) return false;
  const code = c.codePointAt(0) ?? 0;
  if (code < 0x80 || code === 0xa0) return false;
  if (BENIGN_PUNCT.has(c)) return false;
  if (SPACING_DIACRITICS.has(c)) return true;
  return /[\p{S}\p{P}\p{No}\p{Cc}\p{Cf}]/u.test(c);
}

export function scriptOf(c: string): string | null {
  if (/\p{Script=Latin}/u.test(c)) return 'Latin';
  if (/\p{Script=Cyrillic}/u.test(c)) return 'Cyrillic';
  if (/\p{Script=Greek}/u.test(c)) return 'Greek';
  if (/\p{Script=Hebrew}/u.test(c)) return 'Hebrew';
  if (/\p{Script=Arabic}/u.test(c)) return 'Arabic';
  if (/\p{Script=Thai}/u.test(c)) return 'Thai';
  if (/\p{Script=Devanagari}/u.test(c)) return 'Devanagari';
  if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(c)) return 'CJK';
  return null;
}

/** Badness of one odd symbol: wedged between letters/symbols, or a letter on one side and a symbol on the other. */
function oddSymbolScore(prev: string | undefined, next: string | undefined): number {
  const leftTight = isLetter(prev) || isOdd(prev);
  const rightTight = isLetter(next) || isOdd(next);
  if (leftTight && rightTight) return 1;
  if ((isLetter(prev) && isOdd(next)) || (isOdd(prev) && isLetter(next))) return 1;
  return 0;
}

/** Badness of a non-ASCII capital from its neighbours ("gĀ", "fÃ©", "Ã—", "Å<NBSP>iauliai", a lone "Ă"). */
function capitalScore(
  c: string,
  prev: string | undefined,
  next: string | undefined,
  after: string | undefined,
): number {
  if (isLower(prev) || isDigit(prev)) return 1;
  // Inside a word in lower case ("MĂĽller"): a capital cannot follow a letter and precede a lowercase one.
  if (isLetter(prev) && isLower(next)) return 1;
  if (isOdd(next)) return 1;
  if (LEAD_CAPITALS.has(c) && isNonAscii(next) && !isLetter(next) && !isSpace(next)) return 1;
  // A no-break space inside a word: the second byte of a two-byte letter read as NBSP.
  if (next === '\u00a0' && isLower(after)) return 1;
  if (isSpace(prev) && isSpace(next) && !STANDALONE_OK.has(c)) return 1;
  return 0;
}

/** Words that mix alphabets (Latin with Cyrillic/Greek/…). */
function mixedScriptWords(text: string): number {
  let score = 0;
  for (const word of text.split(/[^\p{L}\p{M}]+/u)) {
    const scripts = new Set<string>();
    for (const c of word) {
      const s = scriptOf(c);
      if (s && s !== 'CJK') scripts.add(s);
    }
    if (scripts.size > 1) score += 2;
  }
  return score;
}

/**
 * Count improbable features in a short string (ftfy-style badness, simplified): C1 controls, rare symbols touching
 * other non-ASCII characters, odd symbols wedged between letters/symbols, an accented capital in an impossible
 * place, and words that mix alphabets.
 */
export function badness(text: string): number {
  const chars = Array.from(text);
  let score = 0;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    const prev = chars[i - 1];
    const next = chars[i + 1];
    const code = c.codePointAt(0) ?? 0;
    if (code >= 0x80 && code <= 0x9f) {
      score += 2;
      continue;
    }
    if (RARE.has(c) && ((isNonAscii(prev) && !isSpace(prev)) || (isNonAscii(next) && !isSpace(next)))) {
      score++;
      if (!isOdd(c)) continue;
    }
    if (isOdd(c))
      score +=
        oddSymbolScore(prev, next) +
        (MATH_BEFORE_ACCENT.test(c) && isNonAscii(next) && scriptOf(next ?? '') === 'Latin' ? 1 : 0);
    else if (code >= 0x80 && isUpper(c)) score += capitalScore(c, prev, next, chars[i + 2]);
  }
  return score + mixedScriptWords(text);
}
