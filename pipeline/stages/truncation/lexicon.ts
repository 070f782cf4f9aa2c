// Is the last word of an article a word at all? A cut mid-word ("the original captu") leaves a fragment that no
// dictionary lists but that starts a longer word. The English word list is the lexicon shipped inside
// wink-eng-lite-web-model (a dependency already, ~85,000 lowercase words, alphabetically sorted), read lazily on
// first use — only articles whose final text has no sentence end ever get here.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

let words: string[] | null = null;
let known: Set<string> | null = null;
let loadFailed = false;

function load(): boolean {
  if (words || loadFailed) return !loadFailed;
  try {
    const require = createRequire(import.meta.url);
    const file = require.resolve('wink-eng-lite-web-model/dist/languages/cur/models/eng-core-web-model.json');
    const list = (JSON.parse(readFileSync(file, 'utf8')) as { features: { lexeme: { list: string[] } } }).features
      .lexeme.list;
    words = list.filter((w) => /^[a-z]+$/.test(w));
    known = new Set(words);
    // Binary search below relies on the order; a future model that is not sorted gets sorted once.
    for (let i = 1; i < words.length; i++) {
      if (words[i - 1] > words[i]) {
        words.sort();
        break;
      }
    }
  } catch {
    loadFailed = true;
    words = null;
  }
  return !loadFailed;
}

// Inflections the lexicon lists only in their base form ("integrations", "payouts", "toggled").
const ENDINGS = [/s$/, /es$/, /ed$/, /d$/, /ing$/, /ly$/, /er$/, /ers$/];

function isKnown(word: string): boolean {
  return known!.has(word) || ENDINGS.some((re) => re.test(word) && known!.has(word.replace(re, '')));
}

/** `word` (lowercase letters) is in the dictionary or an inflection of a word in it; null without a dictionary. */
export function isDictionaryWord(word: string): boolean | null {
  if (!/^[a-z]+$/.test(word)) return false;
  if (!load()) return null;
  return isKnown(word);
}

/** Some dictionary word is longer and starts with `prefix`. */
function startsLongerWord(prefix: string): boolean {
  const list = words!;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] <= prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo < list.length && list[lo].startsWith(prefix);
}

/**
 * True when `word` (lowercase letters) reads as the first part of a longer word: not in the dictionary (nor an
 * inflection of one), used nowhere else in the article, and the start of a dictionary word or of a longer word of
 * the article. Null when no dictionary could be loaded.
 */
export function isWordFragment(word: string, articleWords: ReadonlyMap<string, number>): boolean | null {
  if (!/^[a-z]{2,}$/.test(word)) return false;
  if (!load()) return null;
  if (isKnown(word)) return false;
  if ((articleWords.get(word) ?? 0) > 1) return false;
  if (startsLongerWord(word)) return true;
  for (const other of articleWords.keys()) if (other.length > word.length && other.startsWith(word)) return true;
  return false;
}

/**
 * Lowercase word counts over the text blocks of an article (for "used nowhere else"): the runs of a-z in each text
 * written in lower case, read in place (no lower-case copy of the article, no match object per word). Lower case
 * turns two non-ASCII characters into ASCII letters: U+212A (Kelvin sign) into "k", and U+0130 ("İ") into "i"
 * followed by a combining dot, which ends the run.
 */
export function wordCounts(texts: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (word: string) => counts.set(word, (counts.get(word) ?? 0) + 1);
  for (const text of texts) {
    let start = -1;
    for (let i = 0; i <= text.length; i++) {
      const c = i < text.length ? text.charCodeAt(i) : 0;
      const letter = ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || c === 0x212a;
      if (letter) {
        if (start < 0) start = i;
        continue;
      }
      if (c === 0x130) {
        add(`${start < 0 ? '' : text.slice(start, i).toLowerCase()}i`);
        start = -1;
        continue;
      }
      if (start >= 0) add(text.slice(start, i).toLowerCase());
      start = -1;
    }
  }
  return counts;
}
