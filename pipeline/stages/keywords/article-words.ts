// The words of an article's prose, and their counts by a key (folded word, stem), as the keyword signals read them.
import { charLength, signalWordEnd } from '../../text-words.js';
import type { Article } from '../../types.js';

/**
 * Key → occurrences of the article's words (`[\p{L}\p{N}][\p{L}\p{N}'’/-]*[\p{L}\p{N}]|[\p{L}\p{N}]`: letters and
 * digits with `'`, `’`, `/` or `-` inside, read by signalWordEnd), counted once per article and key function (`cache`
 * holds them: one WeakMap per key function), only when a signal asks.
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
    const text = block.text;
    for (let i = 0; i < text.length; ) {
      const end = signalWordEnd(text, i, text.length);
      if (end === i) {
        i += charLength(text, i, text.length);
        continue;
      }
      const w = text.slice(i, end);
      raw.set(w, (raw.get(w) ?? 0) + 1);
      i = end;
    }
  }
  const counts = new Map<string, number>();
  for (const [w, n] of raw) {
    const k = key(w);
    counts.set(k, (counts.get(k) ?? 0) + n);
  }
  cache.set(article, counts);
  return counts;
}
