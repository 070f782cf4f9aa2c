import { describe, expect, it } from 'vitest';
import { normaliseAsciiWord, normaliseSlow } from '../pipeline/stages/duplication/text.js';

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('duplication tokens: the ASCII normaliser', () => {
  it('gives what the Unicode normaliser gives for ASCII letters and digits joined by apostrophes', () => {
    const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
    const next = random(18);
    const pick = (s: string) => s[Math.floor(next() * s.length)];
    const words = ['Kong’s', "DON'T", 'Covid19', 'IPv6', 'lower', 'UPPER', '2024', "rock'n'roll"];
    for (let i = 0; i < 20000; i++) {
      let w = pick(letters);
      const n = Math.floor(next() * 10);
      for (let k = 0; k < n; k++) w += next() < 0.1 ? pick("'’") + pick(letters) : pick(letters);
      words.push(w);
    }
    for (const w of words) expect(normaliseAsciiWord(w), w).toBe(normaliseSlow(w));
  });
});
