import { describe, expect, it } from 'vitest';
import { countWords } from '../pipeline/text-words.js';
import { seededTexts } from './helpers/seeded-texts.js';

/** The pattern countWords replaced (in normalise.ts): a word, or one Han/Hiragana/Katakana character. */
const CJK = String.raw`[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]`;
const WORD = new RegExp(String.raw`(?:(?!${CJK})[\p{L}\p{N}])(?:(?!${CJK})[\p{L}\p{N}\p{M}'’_-])*|${CJK}`, 'gu');
const byPattern = (text: string) => (text.match(WORD) ?? []).length;

describe('countWords', () => {
  it('counts what the word pattern matches, on seeded texts of every character class that matters', () => {
    const pieces = [
      'word',
      'Ünïcode',
      'e\u0301',
      "don't",
      'it’s',
      'snake_case',
      'co-op',
      '-',
      "'",
      '’',
      '_',
      ' ',
      '.',
      '7',
      '٣',
      '中文',
      'ひらがな',
      'カタカナ',
      'ー',
      '한국',
      '𠀀',
      '𝐀𝐁',
      '😀',
      '\u0301',
      '\ud800',
      '\udc00',
      'ǅ',
      '\u00a0',
      '\n',
      'ß',
      '〆',
    ];
    let total = 0;
    for (const text of seededTexts(pieces, 5, 5000, 10)) {
      const expected = byPattern(text);
      total += expected;
      expect(countWords(text), JSON.stringify(text)).toBe(expected);
    }
    expect(total).toBeGreaterThan(20000);
  });

  it('counts each CJK character as a word and joins marks, apostrophes and hyphens into words', () => {
    expect(countWords('我们 love it')).toBe(4);
    expect(countWords("l'homme co-op e\u0301te\u0301")).toBe(3);
    expect(countWords('word中word')).toBe(3);
    expect(countWords("-- ' \u0301 _")).toBe(0);
    expect(countWords('𝐀𝐁 😀 x')).toBe(2);
    expect(countWords('')).toBe(0);
  });
});
