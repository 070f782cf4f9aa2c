// A test for "does the text hold, at the start of a word, one of these prefixes (case-insensitive)?": exactly what
// `new RegExp('(?<![\\p{L}\\p{N}])(?:p1|p2|…)', 'iu').test(text)` answers, without running a lookbehind and an
// alternation of hundreds of words at every position of every sentence (the commercial lexicon's pre-filter ran
// over every sentence and every block of every article).
//
// ASCII prefixes go into a trie walked from each word start; under the `iu` flags an ASCII pattern character
// matches its other case, and "s" and "k" also match U+017F (ſ) and U+212A (Kelvin sign): the only non-ASCII
// characters that fold to ASCII. Prefixes holding other characters (rare user additions such as "café") keep a
// regular expression of their own.

/** The case-insensitive word-start prefix test. */
export interface WordStartPrefixes {
  test(text: string): boolean;
}

/** What the lookbehind reads as part of a word: a letter or number, with the `iu` flags (that adds U+0345). */
const WORD_CHAR = /[\p{L}\p{N}]/iu;

/** ASCII letters and digits. */
const ASCII_WORD_CHAR = new Uint8Array(0x80).map((_, c) => (/[A-Za-z0-9]/.test(String.fromCharCode(c)) ? 1 : 0));

/** Per BMP code unit: 0 not known yet, 1 not a word character, 2 a word character (filled on first sight). */
const wordCharCache = new Uint8Array(0x10000);

function isWordCodePoint(cp: number): boolean {
  if (cp < 0x10000) {
    let known = wordCharCache[cp];
    if (known === 0) {
      known = WORD_CHAR.test(String.fromCharCode(cp)) ? 2 : 1;
      wordCharCache[cp] = known;
    }
    return known === 2;
  }
  return WORD_CHAR.test(String.fromCodePoint(cp));
}

/** The ASCII character a text character is compared as (lower case), or -1 when it can match no ASCII pattern. */
function foldedAscii(c: number): number {
  if (c < 0x80) return c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
  if (c === 0x17f) return 0x73; // ſ folds to s
  if (c === 0x212a) return 0x6b; // Kelvin sign folds to k
  return -1;
}

const escapeRegExp = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Builds the test for `prefixes` (an empty prefix matches at every word start, as the regular expression form did). */
export function wordStartPrefixes(prefixes: Iterable<string>): WordStartPrefixes {
  const ascii: string[] = [];
  const other: string[] = [];
  let matchesEverywhere = false;
  for (const p of prefixes) {
    if (p === '') matchesEverywhere = true;
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range itself
    else if (/^[\x00-\x7f]+$/.test(p)) ascii.push(p);
    else other.push(p);
  }
  if (matchesEverywhere) return { test: () => true };
  const trie = buildTrie(ascii);
  const rest = other.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${other.map(escapeRegExp).join('|')})`, 'iu') : null;
  return { test: (text) => (ascii.length > 0 && trie.anyAtWordStart(text)) || (rest?.test(text) ?? false) };
}

/** A trie over the folded ASCII characters of the prefixes, as flat arrays (node × alphabet → child, 0 for none). */
function buildTrie(prefixes: string[]) {
  const alphabet = new Int16Array(0x80).fill(-1);
  let size = 0;
  for (const p of prefixes)
    for (let i = 0; i < p.length; i++) {
      const c = foldedAscii(p.charCodeAt(i));
      if (alphabet[c] < 0) alphabet[c] = size++;
    }
  const nodeCount = prefixes.reduce((n, p) => n + p.length, 1);
  const child = new Int32Array(nodeCount * Math.max(size, 1));
  const terminal = new Uint8Array(nodeCount);
  let nodes = 1; // node 0 is the root (never a child, so 0 also means "no child")
  for (const p of prefixes) {
    let node = 0;
    for (let i = 0; i < p.length; i++) {
      const slot = node * size + alphabet[foldedAscii(p.charCodeAt(i))];
      if (child[slot] === 0) child[slot] = nodes++;
      node = child[slot];
    }
    terminal[node] = 1;
  }

  // The root's child per ASCII text character (folded): most word starts end their walk here.
  const first = new Int32Array(0x80);
  for (let c = 0; c < 0x80; c++) {
    const a = alphabet[foldedAscii(c)];
    if (a >= 0) first[c] = child[a];
  }

  /** Whether a prefix starts at `from` (which starts a word) whose first character leads to `node`. */
  const startsAt = (text: string, from: number, node: number): boolean => {
    if (terminal[node] === 1) return true;
    for (let i = from + 1; i < text.length; i++) {
      const c = foldedAscii(text.charCodeAt(i));
      if (c < 0) return false;
      const a = alphabet[c];
      if (a < 0) return false;
      node = child[node * size + a];
      if (node === 0) return false;
      if (terminal[node] === 1) return true;
    }
    return false;
  };

  return {
    anyAtWordStart(text: string): boolean {
      let afterWordChar = false;
      for (let i = 0; i < text.length; ) {
        const c = text.charCodeAt(i);
        if (c < 0x80) {
          if (!afterWordChar && first[c] !== 0 && startsAt(text, i, first[c])) return true;
          afterWordChar = ASCII_WORD_CHAR[c] === 1;
          i++;
        } else {
          if (!afterWordChar && (c === 0x17f || c === 0x212a)) {
            const node = first[foldedAscii(c)];
            if (node !== 0 && startsAt(text, i, node)) return true;
          }
          // The lookbehind reads whole code points: a surrogate pair is one character.
          const cp = text.codePointAt(i) as number;
          afterWordChar = isWordCodePoint(cp);
          i += cp > 0xffff ? 2 : 1;
        }
      }
      return false;
    },
  };
}
