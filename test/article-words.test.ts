import { describe, expect, it } from 'vitest';
import { articleFromText } from '../pipeline/article.js';
import { articleWords, scanWords, wordsBetween } from '../pipeline/stages/keywords/article-words.js';
import type { Article, Block } from '../pipeline/types.js';
import { seededTexts } from './helpers/seeded-texts.js';

/** An article of one block holding `text` (the words are read from block texts only). */
function articleOf(text: string): { article: Article; block: Block } {
  const article = articleFromText('/a.txt', 'Title\n\nx');
  const block: Block = { ...article.blocks[article.blocks.length - 1], text, sentences: [] };
  return { article: { ...article, blocks: [block] }, block };
}

describe('keyword signals: one reading of the article', () => {
  const pieces = ['cat', 'Dog', 'é', '7', ' ', ' ', '  ', '\n', '-', "'", '’', '/', '.', ',', '&'];
  pieces.push('😀', '𝐀', '\u0301');

  it('gives every range the words a reading of that range gives, on seeded texts', () => {
    let ranges = 0;
    let fromReading = 0;
    let state = 5;
    const next = (n: number) => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return Math.floor((state / 2147483648) * n);
    };
    for (const text of seededTexts(pieces, 3, 4000, 14)) {
      const { article, block } = articleOf(text);
      for (let r = 0; r < 6; r++) {
        const from = next(text.length + 1);
        const to = from + next(text.length - from + 1);
        const expected = scanWords(text, from, to);
        expect(wordsBetween(article, block, from, to), JSON.stringify([text, from, to])).toEqual(expected);
        ranges++;
      }
      // Sentence-like ranges: between two spaces, where no word crosses (the shared reading is used).
      const spaces = [...text.matchAll(/ /g)].map((m) => m.index);
      if (spaces.length >= 2) {
        const from = spaces[0];
        const to = spaces[spaces.length - 1];
        expect(wordsBetween(article, block, from, to)).toEqual(scanWords(text, from, to));
        fromReading++;
      }
    }
    expect(ranges).toBe(24000);
    expect(fromReading).toBeGreaterThan(1000);
  });

  it('reads each block once: a spelling is one number, and counts add up', () => {
    const { article } = articleOf('the cat and the dog and the cat');
    const words = articleWords(article);
    expect(words.spellings).toEqual(['the', 'cat', 'and', 'dog']);
    expect(words.uses).toEqual([3, 2, 2, 1]);
    expect(words.ids).toEqual([0, 1, 2, 0, 3, 2, 0, 1]);
    expect(articleWords(article)).toBe(words);
  });
});
