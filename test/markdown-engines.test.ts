// The parser as the pipeline uses it (engine 'auto': Lezer where eligible and exact, micromark otherwise) gives
// upstream's whole tree on line soup: lines drawn from every block construct's starts and near misses (table rows and
// delimiter rows without pipes, setext underlines, list markers, quotes, fences, HTML, definitions, indentation), in
// any order. The micromark path's own generators (test/markdown-*.test.ts) found the first cases listed below.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMarkdownParser } from '../pipeline/markdown.js';

const upstream = createMarkdownParser({ guard: false });
const pipeline = createMarkdownParser();

const tree = (text: string, parser = pipeline) => JSON.stringify(parser.parse(text));

/** Found by the micromark path's generated tests once Lezer read ordinary documents (single-column tables). */
const FOUND = ['a\n:--\n', '===\n|---|\n', '|- x|\n|-\n', 'a\n-:\n', 'text\n|:-:|\nrow\n', '> a\n> ---|\n'];

const LINES = [
  'word and more words',
  'a | b',
  '| a | b |',
  '|a|',
  'a',
  '- x',
  '* y',
  '1. z',
  '2) w',
  '> quoted',
  '>',
  '---',
  '===',
  '-',
  ':--',
  '--:',
  ':-:',
  '|---|',
  '|---|---|',
  '| - | - |',
  '-|-',
  '```',
  '```js',
  '~~~',
  '    indented code',
  '  two spaces',
  '# heading',
  '## heading ##',
  '<div>',
  '</div>',
  '<!-- comment -->',
  '[ref]: https://example.org "title"',
  'see [ref] and [other][ref]',
  '*emphasis* and **strong** and `code`',
  'https://example.org/path and www.example.com',
  'mail@example.org',
  '- [ ] task',
  '- [x] done',
  '\\| escaped pipe',
  '',
  '',
];

describe('the default parser (Lezer where it can) on line soup', () => {
  it('gives the upstream tree on the cases the micromark path tests found', () => {
    for (const text of FOUND) expect(tree(text), JSON.stringify(text)).toBe(tree(text, upstream));
  });

  it('gives the upstream tree on generated line soup', () => {
    const line = fc.oneof(
      fc.constantFrom(...LINES),
      fc
        .tuple(fc.constantFrom('', ' ', '  ', '> ', '- ', '1. ', '   '), fc.constantFrom(...LINES))
        .map(([p, l]) => p + l),
    );
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 12 }), (lines) => {
        const text = `${lines.join('\n')}\n`;
        expect(tree(text), JSON.stringify(text)).toBe(tree(text, upstream));
      }),
      { numRuns: Number(process.env.LEZER_FUZZ_RUNS ?? 3000) },
    );
  });
});
