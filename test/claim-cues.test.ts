import { describe, expect, it } from 'vitest';
import { CLAIM_CUE_PATTERN, hasClaimCue } from '../pipeline/stages/claims/claim-cues.js';
import { seededTexts } from './helpers/seeded-texts.js';

describe('hasClaimCue (claim candidate selection)', () => {
  it('answers what the pattern answers on seeded texts', () => {
    const pieces = [
      'found',
      'FOUNDED',
      'Set up',
      'set  up',
      'heaD',
      'he',
      'ad',
      'CEO',
      'ceo',
      'cEo',
      'xCEO',
      'CEOs',
      'led by',
      'Led By',
      'misled by',
      'who runs',
      'who leads',
      'who leadS',
      'whO',
      ' ',
      '_',
      'a',
      'st',
      'staf',
      'f',
      'valu',
      'ſtart',
      'ſ',
      'K',
      'ı',
      'İ',
      'é',
      'went\u00a0public',
      'part of',
      'part',
      ' of',
      '7',
      '(',
      ')',
      '.',
      'rose',
      'Ro',
      'se',
      'xyz',
      'unit',
      'declin',
    ];
    let matched = 0;
    let texts = 0;
    for (const text of seededTexts(pieces, 5, 20000, 3)) {
      const expected = CLAIM_CUE_PATTERN.test(text);
      if (expected) matched++;
      texts++;
      expect(hasClaimCue(text), JSON.stringify(text)).toBe(expected);
    }
    // Both answers are common in the sample.
    expect(matched).toBeGreaterThan(texts / 5);
    expect(matched).toBeLessThan(texts - texts / 5);
  });

  it('needs word boundaries where the pattern has them', () => {
    expect(hasClaimCue('The CEO spoke')).toBe(true);
    expect(hasClaimCue('The CEOs spoke')).toBe(false);
    expect(hasClaimCue('misled by the tone')).toBe(false);
    expect(hasClaimCue('It was led by Ada')).toBe(true);
    expect(hasClaimCue('Nothing here at all')).toBe(false);
    expect(hasClaimCue('in 2020')).toBe(true);
  });
});
