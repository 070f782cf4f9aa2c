// A large document read by Lezer in parts (pipeline/markdown-lezer-chunks.ts): the tree is the whole parse's, each
// part's Lezer tree covers a bounded stretch of the text, and the walk of normalise gets each top-level node as it is
// built; where a later part is declined, what was made of the earlier ones is discarded.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
// @ts-expect-error plain JS helper shared with the benchmark
import { makeShape } from '../bench/shapes.js';
import { articleFromText } from '../pipeline/article.js';
import { createMarkdownParser } from '../pipeline/markdown.js';
import { lezerParser, parseWithLezer } from '../pipeline/markdown-lezer.js';
import { LEZER_PART } from '../pipeline/markdown-lezer-chunks.js';
import { markdownFiles } from './helpers/markdown-files.js';
import { unitsWithGaps } from './helpers/markdown-trees.js';
import { UNITS } from './helpers/markdown-units.js';

/** Lezer's conversion of `text` read in parts of `part` characters, as JSON ("null" where it declines). */
const inParts = (text: string, part: number) => JSON.stringify(parseWithLezer(text, undefined, undefined, { part }));

/** `got` is `want`; where not, the failure shows the neighbourhood of the first difference (trees are long). */
function expectSame(got: string, want: string, label: string): void {
  if (got === want) return;
  let at = 0;
  while (got[at] === want[at]) at++;
  expect(got.slice(Math.max(0, at - 300), at + 200), label).toBe(want.slice(Math.max(0, at - 300), at + 200));
}

/** Units that start a part where they follow a blank line (a column-0 line no list can take) and ones that cannot. */
const CUT_UNITS = [
  ...UNITS,
  'Cut here',
  '> cut quote',
  '# cut',
  '<div>\n\ncut</div>',
  '<!-- open\n\nstill open\n\n-->',
  '<pre>\n\nx\n\n</pre>',
  '```\n\nopen\n\nX\n```',
  '- ```\n\n  x\n\nY',
  '> ```\n\nZ',
  '    code\n\nW',
  '| a |\n| - |\n\nV',
  '- x\n\n* y',
  '1. a\n\n1) b',
  '2. c\n   d',
  '* * *',
  ' - i',
  '   * j\n\n- k',
  '- a\nlazy',
  '10. t\n\n    u\n\n+ v',
  '- ```\n* w\n```',
  '> - q\n\n* r',
  '<!-- closed\n\n-->',
  '<?x\n\n?>',
  '<![CDATA[\n\nx]]>',
  '<!DOCTYPE html\n\n>',
  '<!-->',
  '<script>\n\nx</script>',
  '<PRE>\n\nx</pre>',
  '<textarea>\n\nx</textarea>',
  '> <!DOCTYPE x\n> y',
  '> <!X>',
  '- <!-- a\n\n  b -->',
  '- <!-- c',
];

describe('Lezer read in parts', () => {
  it('gives the whole parse’s tree (or declines alike) on generated documents, cut wherever it may', () => {
    fc.assert(
      fc.property(unitsWithGaps(CUT_UNITS, 12), fc.constantFrom(1, 4, 16, 64), (units, part) => {
        const text = units.map(([unit, gap]) => unit + gap).join('');
        expectSame(inParts(text, part), inParts(text, 0), text);
      }),
      { numRuns: Number(process.env.LEZER_FUZZ_RUNS ?? 3000) },
    );
  });

  it('gives the whole parse’s tree on every Markdown file of the repository and every shape, in small parts', () => {
    for (const file of markdownFiles('.')) {
      const text = readFileSync(file, 'utf8');
      expectSame(inParts(text, 64), inParts(text, 0), file);
    }
    for (const name of ['tiny-nested', 'tiny-quotes', 'tiny-list-items', 'many-fences', 'many-html-blocks']) {
      const text = makeShape(name, 40_000);
      expectSame(inParts(text, 500), inParts(text, 0), name);
    }
  });
});

describe('normalise on a large document of tiny nested blocks', () => {
  afterEach(() => vi.restoreAllMocks());

  /** The longest stretch of text one Lezer parse covered while `run` ran, and the number of parses. */
  function lezerSpans(run: () => void): { longest: number; parses: number } {
    let longest = 0;
    let parses = 0;
    const parse = lezerParser.parse.bind(lezerParser);
    vi.spyOn(lezerParser, 'parse').mockImplementation((input, fragments, ranges) => {
      parses++;
      const length = typeof input === 'string' ? input.length : input.length;
      const covered = ranges ? ranges.reduce((sum, range) => sum + range.to - range.from, 0) : length;
      longest = Math.max(longest, covered);
      return parse(input, fragments, ranges);
    });
    run();
    return { longest, parses };
  }

  it('parses it in parts of bounded size, not whole (the whole tree is ~80 bytes a byte)', () => {
    const text = makeShape('tiny-nested', 400_000);
    const { longest, parses } = lezerSpans(() => articleFromText('t.md', text));
    // Lines of ~25 characters: parts end by their count of lines, long before LEZER_PART characters.
    expect(longest).toBeLessThan(LEZER_PART / 2);
    expect(parses).toBeGreaterThanOrEqual(text.length / (LEZER_PART / 2));
  });

  it('hands each top-level node to the walk before the next part is parsed', () => {
    const text = makeShape('tiny-nested', 200_000);
    const events: string[] = [];
    const parse = lezerParser.parse.bind(lezerParser);
    vi.spyOn(lezerParser, 'parse').mockImplementation((...args) => {
      events.push('parse');
      return parse(...args);
    });
    createMarkdownParser().parseEach(
      text,
      () => events.push('node'),
      () => events.push('restart'),
    );
    expect(events.indexOf('node')).toBeLessThan(events.lastIndexOf('parse'));
    expect(events).not.toContain('restart');
  });

  it('keeps reading in parts after an HTML block of kinds 1–5 that has closed (it runs on only while open)', () => {
    const closed = ['<!-- a note -->', '<?php echo 1; ?>', '<![CDATA[x]]>', '<!DOCTYPE html>', '<pre>\n\nx\n</pre>'];
    const units = Array.from({ length: 12_000 }, (_, i) => (i % 7 === 0 ? closed[i % 5] : `Line ${i} of prose.`));
    const text = `${units.join('\n\n')}\n`;
    const { longest } = lezerSpans(() => articleFromText('t.md', text));
    expect(longest).toBeLessThan(LEZER_PART / 2);
    expectSame(inParts(text, LEZER_PART), inParts(text, 0), 'closed HTML blocks');
    vi.restoreAllMocks();
    // No later line holds an end string (any kind-1 end tag ends any kind-1 block): open to the end of the text.
    const plain = units.filter((unit) => !unit.startsWith('<'));
    const open = [...plain.slice(0, 5000), '<style>\n\nnever closed', ...plain.slice(5000)].join('\n\n');
    expect(lezerSpans(() => articleFromText('o.md', open)).longest).toBeGreaterThan(LEZER_PART);
  });

  it('discards the blocks of the parts already walked when a later part is declined (micromark reads it all)', () => {
    const body = makeShape('tiny-nested', 150_000);
    // An escape in a fence's info string: the Lezer conversion declines the document at this block, its last.
    const declined = `${body}\n\n\`\`\`a\\b\nx\n\`\`\`\n`;
    expect(parseWithLezer(declined)).toBeNull();
    const whole = articleFromText('a.md', body);
    const after = articleFromText('b.md', declined);
    expect(after.blocks.length).toBe(whole.blocks.length + 1);
    expect(after.blocks.slice(0, -1).map((block) => block.text)).toEqual(whole.blocks.map((block) => block.text));
    expect(after.blocks.at(-1)?.kind).toBe('code');
  });
});
