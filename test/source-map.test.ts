// Line starts: the LF-only fast path and the general scan agree with a character-by-character reference.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeLineStarts } from '../pipeline/source-map.js';

/** Reference: every LF, CRLF and lone CR ends a line. */
function referenceLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n') starts.push(i + 1);
    else if (text[i] === '\r') {
      if (text[i + 1] === '\n') i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

describe('computeLineStarts', () => {
  it('finds the start of every line after LF, CRLF and lone CR endings', () => {
    expect(computeLineStarts('')).toEqual([0]);
    expect(computeLineStarts('a\nbc\n\nd')).toEqual([0, 2, 5, 6]);
    expect(computeLineStarts('a\r\nb\rc\n')).toEqual([0, 3, 5, 7]);
    expect(computeLineStarts('\n\n')).toEqual([0, 1, 2]);
  });

  it('matches the reference on any mix of line endings (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'bc', ' ', '\n', '\r', '\r\n', '\n\n'), maxLength: 40 }),
        (t) => {
          expect(computeLineStarts(t)).toEqual(referenceLineStarts(t));
        },
      ),
      { seed: 7, numRuns: 3000 },
    );
  });
});
