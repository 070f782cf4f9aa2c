// The words of an article's prose as the keyword signals read them (`[\p{L}\p{N}][\p{L}\p{N}'’/-]*[\p{L}\p{N}]|
// [\p{L}\p{N}]`: letters and digits with `'`, `’`, `/` or `-` inside, read by signalWordEnd). The article is read
// once, when a signal first asks, and every signal that reads it whole shares that reading (the word counts and the
// lexicon edges), as ESLint's SourceCode holds one token list for all its rules: each spelling is interned once, and
// a word is its spelling's number and its offsets.
import { charLength, signalWordEnd, wordsIn } from '../../text-words.js';
import type { Article, Block } from '../../types.js';

/**
 * Word k of the article is spellings[ids[k]] at [starts[k], ends[k]) of its block; block b holds the words
 * [firstWord[b], firstWord[b + 1]).
 */
export interface ArticleWords {
  /** The distinct spellings, in order of first use, and how often each is used. */
  spellings: string[];
  uses: number[];
  ids: number[];
  starts: number[];
  ends: number[];
  firstWord: number[];
  /** Index of each block in article.blocks (made when a sentence's words are first asked for). */
  blockIndex?: Map<Block, number>;
}

/** A word and its offsets in its block's text. */
export interface SignalWord {
  text: string;
  start: number;
  end: number;
}

const readArticles = new WeakMap<Article, ArticleWords>();

/** The article's words, read once per article. */
export function articleWords(article: Article): ArticleWords {
  const hit = readArticles.get(article);
  if (hit) return hit;
  // Plain arrays of small integers (one each for the article, not one per block or per word).
  const words: ArticleWords = { spellings: [], uses: [], ids: [], starts: [], ends: [], firstWord: [] };
  const { spellings, uses, ids, starts, ends, firstWord } = words;
  const idOf = new Map<string, number>();
  for (const block of article.blocks) {
    firstWord.push(ids.length);
    const text = block.text;
    for (let i = 0; i < text.length; ) {
      const end = signalWordEnd(text, i, text.length);
      if (end === i) {
        i += charLength(text, i, text.length);
        continue;
      }
      const spelling = text.slice(i, end);
      let id = idOf.get(spelling);
      if (id === undefined) {
        id = spellings.length;
        idOf.set(spelling, id);
        spellings.push(spelling);
        uses.push(0);
      }
      uses[id]++;
      ids.push(id);
      starts.push(i);
      ends.push(end);
      i = end;
    }
  }
  firstWord.push(ids.length);
  readArticles.set(article, words);
  return words;
}

/**
 * Key → occurrences of the article's words, counted once per article and key function (`cache` holds them: one
 * WeakMap per key function), only when a signal asks. Each spelling is keyed once (the key functions, folding and
 * stemming, cost more than a look-up, and a text repeats its words); keys come in order of first use.
 */
export function articleWordCounts(
  article: Article,
  cache: WeakMap<Article, Map<string, number>>,
  key: (word: string) => string,
): Map<string, number> {
  const hit = cache.get(article);
  if (hit) return hit;
  const { spellings, uses } = articleWords(article);
  const counts = new Map<string, number>();
  for (let id = 0; id < spellings.length; id++) {
    const k = key(spellings[id]);
    counts.set(k, (counts.get(k) ?? 0) + uses[id]);
  }
  cache.set(article, counts);
  return counts;
}

/** The words of text[from, to), read in place (a word running past `to` is cut at its last letter before it). */
export function scanWords(text: string, from: number, to: number): SignalWord[] {
  return wordsIn(text, from, to, signalWordEnd);
}

/**
 * The words of block.text[from, to) exactly as scanWords reads them, taken from the article's reading: where no word
 * of the block crosses `from` or `to`, reading from `from` meets the same words (every letter lies inside a word, and a
 * word that ends by `to` ends there whether or not the reading stops at `to`). Otherwise the range is read again, as
 * it is for a block that is not the article's.
 */
export function wordsBetween(article: Article, block: Block, from: number, to: number): SignalWord[] {
  const text = block.text;
  const words = articleWords(article);
  words.blockIndex ??= new Map(article.blocks.map((b, i) => [b, i]));
  const b = words.blockIndex.get(block);
  if (b === undefined || from < 0 || to > text.length || from >= to) return scanWords(text, from, to);
  const { spellings, ids, starts, ends, firstWord } = words;
  // The block's first word ending after `from`.
  let lo = firstWord[b];
  let hi = firstWord[b + 1];
  const last = hi;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ends[mid] <= from) lo = mid + 1;
    else hi = mid;
  }
  if (lo < last && starts[lo] < from) return scanWords(text, from, to);
  const out: SignalWord[] = [];
  for (let k = lo; k < last && starts[k] < to; k++) {
    if (ends[k] > to) return scanWords(text, from, to);
    out.push({ text: spellings[ids[k]], start: starts[k], end: ends[k] });
  }
  return out;
}
