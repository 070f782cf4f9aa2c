// The words of an article's prose, and their counts by a key (folded word, stem), as the keyword signals read them.
import type { Article } from '../../types.js';

/** A word: letters and digits, with `'`, `’`, `/` or `-` inside. (Global: callers reset lastIndex or use match.) */
export const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’/-]*[\p{L}\p{N}]|[\p{L}\p{N}]/gu;

/**
 * Key → occurrences of the article's words, counted once per article and key function (`cache` holds them: one
 * WeakMap per key function), only when a signal asks.
 */
export function articleWordCounts(
  article: Article,
  cache: WeakMap<Article, Map<string, number>>,
  key: (word: string) => string,
): Map<string, number> {
  const hit = cache.get(article);
  if (hit) return hit;
  // Counted as written first, then keyed once per distinct word: the key functions (folding, stemming) cost more than
  // a look-up, and a text repeats its words. The keyed map's order is the same (each key first seen where its first
  // spelling is), though no caller depends on it.
  const raw = new Map<string, number>();
  for (const block of article.blocks) {
    for (const w of block.text.match(WORD) ?? []) raw.set(w, (raw.get(w) ?? 0) + 1);
  }
  const counts = new Map<string, number>();
  for (const [w, n] of raw) {
    const k = key(w);
    counts.set(k, (counts.get(k) ?? 0) + n);
  }
  cache.set(article, counts);
  return counts;
}
