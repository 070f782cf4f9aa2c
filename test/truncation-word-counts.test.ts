import { describe, expect, it } from 'vitest';
import { wordCounts } from '../pipeline/stages/truncation/lexicon.js';
import { lastAsciiWord } from '../pipeline/stages/truncation/markdown.js';
import { seededTexts } from './helpers/seeded-texts.js';

/** The definition: runs of a-z in the lower-cased texts. */
function reference(texts: string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const text of texts)
    for (const m of text.toLowerCase().matchAll(/[a-z]+/g)) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
  return [...counts];
}

describe('truncation wordCounts', () => {
  it('counts the a-z runs of the lower-cased texts, in the same order, on seeded texts', () => {
    const pieces = [
      'the',
      'The',
      'CAPS',
      'x',
      ' ',
      '.',
      '-',
      '’',
      '7',
      'é',
      'İ',
      'Iİi',
      '\u212a',
      'ß',
      'Σ',
      'ﬁ',
      '𝐀',
      '\u0307',
      'ǅ',
    ];
    const all = [...seededTexts(pieces, 9, 3 * 3000, 6)];
    for (let t = 0; t < all.length; t += 3) {
      const texts = all.slice(t, t + 3);
      expect([...wordCounts(texts)], JSON.stringify(texts)).toEqual(reference(texts));
    }
  });

  it('reads the Kelvin sign as k and a dotted capital I as an i that ends its word', () => {
    expect([...wordCounts(['Ta\u212aE it', 'İstanbul abİx'])]).toEqual([
      ['take', 1],
      ['it', 1],
      ['i', 1],
      ['stanbul', 1],
      ['abi', 1],
      ['x', 1],
    ]);
  });
});

describe('lastAsciiWord', () => {
  const PATTERN = /(?:^|[\s(“‘"'])([A-Za-z]{2,})$/;
  it('captures what the end-anchored pattern captures, on seeded texts', () => {
    const pieces = ['ab', 'Word', 'x', ' ', '\n', '(', '“', '‘', '"', "'", '’', '*', '-', '7', 'é', '\u00a0', '\u2028'];
    let found = 0;
    for (const text of seededTexts(pieces, 13, 5000, 5)) {
      const expected = PATTERN.exec(text)?.[1] ?? null;
      if (expected) found++;
      expect(lastAsciiWord(text), JSON.stringify(text)).toBe(expected);
    }
    expect(found).toBeGreaterThan(300);
  });
});
