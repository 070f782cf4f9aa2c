import { describe, expect, it } from 'vitest';
import { plainWordEnd, wordEnd } from '../pipeline/text-words.js';
import { seededTexts } from './helpers/seeded-texts.js';

/** The regular expression keyword-density read its words with, anchored at one position. */
const WORD_AT = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’_-]*/uy;
/** The one claims' KnownCaps read its words with. */
const PLAIN_WORD_AT = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/uy;
const endBy = (pattern: RegExp, text: string, from: number) => {
  pattern.lastIndex = from;
  const m = pattern.exec(text);
  return m ? from + m[0].length : from;
};
const expectedEnd = (text: string, from: number) => endBy(WORD_AT, text, from);

describe('wordEnd and plainWordEnd (keyword-density and KnownCaps words)', () => {
  it('ends each word where the regular expression does, at every position of mixed texts', () => {
    const pieces = [
      'word',
      'Ünïcode',
      'e\u0301',
      "don't",
      'it’s',
      'snake_case',
      'co-op',
      '-x',
      "'",
      '’',
      '_',
      ' ',
      '.',
      '7',
      '٣',
      '中文',
      '𝐀𝐁',
      '😀',
      '\u0301',
      '\ud800',
      '\udc00',
      'ǅ',
      '\u00a0',
      'ß',
    ];
    let words = 0;
    for (const text of seededTexts(pieces, 3, 3000, 8)) {
      for (let i = 0; i < text.length; i++) {
        // Inside a surrogate pair the u flag never starts a match: neither does the caller.
        const c = text.charCodeAt(i);
        if (c >= 0xdc00 && c <= 0xdfff && i > 0 && /[\ud800-\udbff]/.test(text[i - 1])) continue;
        const end = wordEnd(text, i);
        if (end > i) words++;
        expect(end, `${JSON.stringify(text)} at ${i}`).toBe(expectedEnd(text, i));
        expect(plainWordEnd(text, i), `plain: ${JSON.stringify(text)} at ${i}`).toBe(endBy(PLAIN_WORD_AT, text, i));
      }
    }
    expect(words).toBeGreaterThan(10000);
  });

  it('reads combining marks, apostrophes, hyphens and astral letters inside words only', () => {
    expect(wordEnd("don't stop", 0)).toBe(5);
    expect(wordEnd('e\u0301t\u00e9 x', 0)).toBe(4);
    expect(wordEnd('\u0301e', 0)).toBe(0); // a mark does not start a word
    expect(wordEnd("'quoted'", 0)).toBe(0);
    expect(wordEnd('𝐀𝐁 c', 0)).toBe(4);
    expect(wordEnd('😀a', 0)).toBe(0);
    expect(wordEnd('a😀', 0)).toBe(1);
    expect(wordEnd('ab', 2)).toBe(2);
    expect(plainWordEnd("don't", 0)).toBe(3);
    expect(plainWordEnd('co-op e\u0301t', 0)).toBe(2);
    expect(plainWordEnd('e\u0301t', 0)).toBe(3);
  });
});
