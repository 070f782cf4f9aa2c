import { describe, expect, it } from 'vitest';
import { lexiconFor } from '../pipeline/stages/keywords/commercial-lexicon.js';
import { wordStartPrefixes } from '../pipeline/stages/keywords/word-start-prefixes.js';

/** The regular expression the look-up replaces (the commercial lexicon's pre-filter until 2026-12-07). */
const reference = (prefixes: string[]) =>
  new RegExp(
    `(?<![\\p{L}\\p{N}])(?:${[...prefixes]
      .sort((a, b) => b.length - a.length)
      .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('|')})`,
    'iu',
  );

/** Seeded texts over an alphabet of the prefixes' pieces and every character class that matters at a word start. */
function texts(prefixes: string[], count: number, seed: number): string[] {
  let s = seed >>> 0;
  const rand = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pieces = [
    ...prefixes,
    ...prefixes.map((p) => p.toUpperCase()),
    ...prefixes.map((p) => p.slice(0, Math.max(1, p.length - 1))),
    ...prefixes.map((p) => p.replace(/s/g, 'ſ').replace(/k/g, '\u212a')),
    ' ',
    '-',
    "'",
    '’',
    '.',
    '\n',
    '\u00a0',
    'a',
    'x',
    '7',
    'é',
    'É',
    'ß',
    '\u0345', // a mark that the lookbehind's class matches only with the i flag
    '\u0301',
    '𝐀', // an astral letter (a surrogate pair)
    '😀', // an astral symbol
    '\ud800', // a lone surrogate
    '中',
  ];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = 1 + Math.floor(rand() * 6);
    let t = '';
    for (let k = 0; k < n; k++) t += pieces[Math.floor(rand() * pieces.length)];
    out.push(t);
  }
  return out;
}

describe('wordStartPrefixes (the commercial lexicon pre-filter)', () => {
  const prefixes = ['insurance', 'e-cigarette', "driver's", 'top-rated', 'café', 'casino', 'kit', 'spa', 'pharmac'];

  it('answers exactly as the regular expression on hyphens, apostrophes, accents, case folding and surrogates', () => {
    const fast = wordStartPrefixes(prefixes);
    const slow = reference(prefixes);
    let hits = 0;
    for (const text of texts(prefixes, 20000, 7)) {
      const expected = slow.test(text);
      if (expected) hits++;
      expect(fast.test(text), JSON.stringify(text)).toBe(expected);
    }
    // Both answers occur often: the comparison is no trivial agreement on "no".
    expect(hits).toBeGreaterThan(5000);
    expect(hits).toBeLessThan(19000);
  });

  it('matches at word starts only, as a prefix, case-insensitively', () => {
    const fast = wordStartPrefixes(prefixes);
    expect(fast.test('Cheap INSURANCES today')).toBe(true);
    expect(fast.test('reinsurance')).toBe(false);
    expect(fast.test('re-insurance')).toBe(true);
    expect(fast.test('the Casino')).toBe(true);
    expect(fast.test('xcasino 7casino écasino')).toBe(false);
    expect(fast.test("a driver's seat")).toBe(true);
    expect(fast.test('a driver’s seat')).toBe(false); // the pattern's apostrophe is the ASCII one
    expect(fast.test('top rated')).toBe(false);
    expect(fast.test('TOP-RATED')).toBe(true);
    expect(fast.test('Café')).toBe(true);
    expect(fast.test('CAFÉ')).toBe(true);
    expect(fast.test('cafe')).toBe(false);
    expect(fast.test('\u212aIT')).toBe(true); // Kelvin sign folds to k
    expect(fast.test('ſpa')).toBe(true); // long s folds to s
    expect(fast.test('\u0345spa')).toBe(false); // the i flag makes U+0345 a letter for the lookbehind
    expect(fast.test('𝐀spa')).toBe(false); // an astral letter before: no word start
    expect(fast.test('😀spa')).toBe(true);
    expect(fast.test('ki')).toBe(false);
    expect(fast.test('')).toBe(false);
  });

  it('an empty prefix matches everything, as the alternation did', () => {
    expect(wordStartPrefixes(['', 'x']).test('')).toBe(true);
    expect(wordStartPrefixes([]).test('anything')).toBe(false);
    // A folding character whose letter starts no prefix starts no walk either.
    expect(wordStartPrefixes(['kit']).test('ſkit')).toBe(false);
    expect(wordStartPrefixes(['spa']).test('\u212aspa')).toBe(false);
  });

  it('the lexicon with user terms answers as the regular expression of its entries’ longest words', () => {
    const lexicon = lexiconFor({
      verticals: ['Crème brûlée', "payday loans o'clock", 'anti-aging cream', 'pharmacy'],
      intent: ['best-rated', 'near me now'],
    });
    const longest = new Set<string>();
    for (const list of lexicon.byFirst.values())
      for (const e of list) longest.add(e.words.reduce((a, b) => (b.length > a.length ? b : a)));
    const prefixes = [...longest].map((w) => (w.length > 3 && w.endsWith('y') ? w.slice(0, -1) : w));
    expect(prefixes).toContain('brûlée');
    expect(prefixes).toContain("o'clock");
    expect(prefixes).toContain('anti-aging');
    const slow = reference(prefixes);
    for (const text of texts(prefixes, 5000, 11)) expect(lexicon.anyFirst.test(text), text).toBe(slow.test(text));
    expect(lexicon.anyFirst.test('Pharmacies near you')).toBe(true);
    expect(lexicon.anyFirst.test('crème BRÛLÉE')).toBe(true);
    expect(lexicon.anyFirst.test('unbrûlée')).toBe(false);
  });
});
