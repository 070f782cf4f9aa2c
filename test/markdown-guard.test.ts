// The linear GFM guard (pipeline/markdown.ts): same trees as the upstream parser, and a per-byte work bound on the
// adversarial shapes of bench/shapes.js. Work is counted in event reads (test/helpers/parse-work.ts), not time.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS helper shared with the benchmark
import { makeShape } from '../bench/shapes.js';
import { createMarkdownParser } from '../pipeline/markdown.js';
import { parseWork } from './helpers/parse-work.js';
import { tree } from './helpers/markdown-trees.js';

const guarded = createMarkdownParser({ engine: 'micromark' });
const upstream = createMarkdownParser({ guard: false });

/** Shapes the guard makes linear, including the issue's: prose with an open `[` on one line or in one paragraph. */
const LINEAR = [
  'paragraphs',
  'open-brackets',
  'close-brackets',
  'nested-brackets',
  'image-labels',
  'asterisks',
  'underscores',
  'tildes',
  'backticks',
  'angle-brackets',
  'table',
];
// (deep-quotes and deep-lists are made linear before parsing, by tameNesting in pipeline/normalise.ts.)

describe('Markdown guard', () => {
  it('parses token soup exactly like the upstream parser', () => {
    const piece = fc.constantFrom(
      '[',
      ']',
      '![',
      '(',
      ')',
      '[^1]',
      '[^1]: note\n',
      '[a]: /u\n',
      '[a]',
      'www.x.org',
      'https://e.com/p',
      'a@b.co',
      '_',
      '*',
      '`',
      '<',
      '>',
      '~~',
      ' ',
      '\n',
      '\n\n',
      'word',
      '^',
      '!',
      'http',
      '-',
      '&amp;',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        expect(tree(guarded, text)).toBe(tree(upstream, text));
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300), seed: 18 },
    );
  });

  it('parses every adversarial shape like the upstream parser (small sizes)', () => {
    for (const name of [...LINEAR, 'one-line', 'one-paragraph', 'bracket-pairs', 'urls', 'emails'])
      expect(tree(guarded, makeShape(name, 3000)), name).toBe(tree(upstream, makeShape(name, 3000)));
  });

  it('removes the quadratic walks: one line with an open `[` costs the same per byte at 2 KB and 32 KB', () => {
    const perByte = (size: number, guard: boolean) => parseWork(makeShape('one-line', size), { guard }) / size;
    // Upstream: the work per byte grows with the size (quadratic). Guarded it grows far less: what is left is
    // micromark merging adjacent text tokens with Array#splice, counted here per element moved (a native memmove).
    expect(perByte(8000, false)).toBeGreaterThan(3 * perByte(2000, false));
    expect(perByte(32000, true)).toBeLessThan(perByte(2000, true) * 6);
    expect(perByte(32000, true)).toBeLessThan(20);
  });

  it('keeps a per-byte work bound on the linear shapes as they grow 16-fold', () => {
    for (const name of LINEAR) {
      const small = parseWork(makeShape(name, 2000), { guard: true }) / 2000;
      const large = parseWork(makeShape(name, 32000), { guard: true }) / 32000;
      expect(large, name).toBeLessThan(Math.max(2 * small, 8));
    }
  }, 120_000);
});
