import { describe, expect, it } from 'vitest';
import { isSpaceAt, NAME_TOKEN_PATTERN, nameTokens, TokenColumns } from '../pipeline/stages/claims/name-tokens.js';
import { seededTexts } from './helpers/seeded-texts.js';

/** The tokens the regular expression finds, as [start, end] pairs. */
function patternTokens(text: string): [number, number][] {
  return [...text.matchAll(new RegExp(NAME_TOKEN_PATTERN))].map((m) => [m.index, m.index + m[0].length]);
}

function scannedTokens(text: string, columns = new TokenColumns()): [number, number][] {
  const n = nameTokens(text, columns);
  const out: [number, number][] = [];
  for (let k = 0; k < n; k++) out.push([columns.starts[k], columns.ends[k]]);
  return out;
}

describe('nameTokens (the name chunker tokens)', () => {
  it('finds the same tokens as the pattern on seeded mixed texts', () => {
    const pieces = [
      'Hong',
      ' Kong',
      'eBay',
      'iFlytek',
      "O'Neil",
      'St.',
      '’s',
      "'",
      '.',
      '-',
      '-Based',
      '-based',
      '-7',
      '&',
      ' ',
      '  ',
      '\u00a0',
      '\u2009',
      '\ufeff',
      '\n',
      'É',
      'e\u0301',
      '\u0301',
      '٣',
      '中文',
      '𝐀𝐁',
      '😀',
      '\ud800',
      '\udc00',
      'ǅ',
      ',',
      '(',
      '“',
      '3.5',
      'x',
    ];
    let tokens = 0;
    const columns = new TokenColumns();
    for (const text of seededTexts(pieces, 11, 4000, 12)) {
      const expected = patternTokens(text);
      tokens += expected.length;
      expect(scannedTokens(text, columns), JSON.stringify(text)).toEqual(expected);
    }
    expect(tokens).toBeGreaterThan(20000);
  });

  it('keeps apostrophes, dots and capitalised hyphen parts inside a word', () => {
    const text = "O'Neil’s St.John Kong-based Coca-Cola U.S. x-7 a.";
    expect(scannedTokens(text).map(([s, e]) => text.slice(s, e))).toEqual([
      "O'Neil’s",
      'St.John',
      'Kong',
      '-',
      'based',
      'Coca-Cola',
      'U.S',
      '.',
      'x-7',
      'a',
      '.',
    ]);
  });

  it('grows its columns past their first size', () => {
    const text = 'a '.repeat(1000);
    expect(scannedTokens(text)).toHaveLength(1000);
  });

  it('says what /\\s/ says of one code unit', () => {
    for (const ch of [' ', '\t', '\n', '\u00a0', '\u2009', '\u3000', '\ufeff', '\u2028', 'a', '\u200b', '\ud800'])
      expect(isSpaceAt(ch, 0), JSON.stringify(ch)).toBe(/\s/.test(ch));
  });
});
