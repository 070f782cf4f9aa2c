import { describe, expect, it } from 'vitest';
import { charLength, countWords, joinedPrefix, signalWordEnd, spliceTokenEnd } from '../pipeline/text-words.js';
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

describe('signalWordEnd and spliceTokenEnd', () => {
  /** The patterns they replaced: article-words.ts WORD and splice-signals.ts TOKEN, run over text.slice(from, to). */
  const SIGNAL_WORD = /[\p{L}\p{N}][\p{L}\p{N}'’/-]*[\p{L}\p{N}]|[\p{L}\p{N}]/gu;
  const SPLICE_TOKEN = /[\p{L}\p{N}][\p{L}\p{N}\p{M}&'’.-]*[\p{L}\p{N}]|[\p{L}\p{N}]/gu;
  const byPattern = (pattern: RegExp, text: string, from: number, to: number) =>
    [...text.slice(from, to).matchAll(pattern)].map((m) => `${from + m.index}-${from + m.index + m[0].length}`);
  const byScanner = (end: (t: string, f: number, to: number) => number, text: string, from: number, to: number) => {
    const out: string[] = [];
    for (let i = from; i < to; ) {
      const e = end(text, i, to);
      if (e === i) i += charLength(text, i, to);
      else {
        out.push(`${i}-${e}`);
        i = e;
      }
    }
    return out;
  };

  it('find the words the patterns find, on seeded texts and windows of them', () => {
    const pieces = ['word', 'Ünïcode', 'e\u0301', "don't", 'it’s', 'a/b', 'co-op', 'AT&T', 'U.S.', '-', "'", '’', '/'];
    pieces.push('&', '.', '_', ' ', '7', '٣', '中文', '𝐀𝐁', '😀', '\ud835', '\udc00', ',', '\u0301', 'x');
    let words = 0;
    let n = 0;
    for (const text of seededTexts(pieces, 7, 4000, 10)) {
      const from = n++ % 3;
      const to = text.length - (n % 4);
      for (const [pattern, end] of [
        [SIGNAL_WORD, signalWordEnd],
        [SPLICE_TOKEN, spliceTokenEnd],
      ] as const) {
        const expected = byPattern(pattern, text, from, to);
        words += expected.length;
        expect(byScanner(end, text, from, to), JSON.stringify([text, from, to])).toEqual(expected);
      }
    }
    expect(words).toBeGreaterThan(20000);
  });
});

describe('joinedPrefix', () => {
  it('is the start of the whole join, for every limit around the block edges', () => {
    const texts = ['abc', '', 'de', 'fghij', 'k'];
    const whole = texts.join('\n');
    for (let limit = 0; limit <= whole.length + 2; limit++)
      expect(joinedPrefix(texts, limit)).toBe(whole.slice(0, limit));
  });

  it('stops reading the texts once the limit is reached', () => {
    const read: string[] = [];
    function* texts() {
      for (const t of ['first', 'second', 'third', 'fourth']) {
        read.push(t);
        yield t;
      }
    }
    expect(joinedPrefix(texts(), 8)).toBe('first\nse');
    expect(read).toEqual(['first', 'second']);
  });
});
