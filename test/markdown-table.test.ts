// The table reader (pipeline/markdown-table.ts): the trees, positions included, are the upstream parser's on generated
// tables in every block context, on the benchmark's table shape and on every table of the repository's Markdown, the
// fixtures and the real documentation corpus; and plain tables really are read by it, not by the upstream resolver.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS helper shared with the benchmark
import { makeShape } from '../bench/shapes.js';
import { buildSource } from '../pipeline/load.js';
import { createMarkdownParser } from '../pipeline/markdown.js';
import { forEachPlainCell, readTable } from '../pipeline/markdown-table.js';
import { normalise } from '../pipeline/normalise.js';
import { markdownFiles } from './helpers/markdown-files.js';
import { readFast, type TableNode, tables } from './helpers/markdown-tables.js';
import { tree } from './helpers/markdown-trees.js';

const upstream = createMarkdownParser({ guard: false });
const pipeline = createMarkdownParser({ engine: 'micromark' });
const unshortened = createMarkdownParser({ engine: 'micromark', minMiddle: false });

type Node = TableNode;

// Plain cells (one text node) and cells with markup, escapes, code spans with pipes, autolink starts and block starts.
const PLAIN = [
  '',
  ' ',
  'a',
  'word',
  'two words',
  '  padded  ',
  'x.y',
  '1.0',
  'é ü',
  '(a) b, c; d?',
  '-',
  '---',
  '#',
  '1.',
];
const MARKUP = [
  '- x',
  '> q',
  'www.example.com',
  'a@b.co',
  'http://x.y/z',
  'see: this',
  '`code`',
  '`a | b`',
  '`a \\| b`',
  'a \\| b',
  '\\\\',
  '\\',
  '*em*',
  '_u_',
  '**b**',
  '[l](u)',
  '[ref]',
  '![i](s)',
  '~~s~~',
  '&amp;',
  '&',
  '<b>x</b>',
  '<http://a.b>',
  'a  ',
];
const DELIMITERS = ['-', '---', ':-', '-:', ':-:', ' --- ', ':---:', '--:  ', '', '-|'];

const cell = fc.oneof(
  { arbitrary: fc.constantFrom(...PLAIN), weight: 15 },
  { arbitrary: fc.constantFrom(...MARKUP), weight: 1 },
);
const row = (width: number) =>
  fc.record({
    cells: fc.array(cell, { minLength: Math.max(0, width - 1), maxLength: width + 1 }),
    lead: fc.constantFrom('|', '|', '|', 'A', '', ' |', '  '),
    trail: fc.constantFrom('|', '|', '', ' |', '|  ', ' '),
  });
// Mostly valid tables (head and delimiter row of the same width), sometimes not.
const table = fc.integer({ min: 1, max: 4 }).chain((width) =>
  fc.record({
    head: fc.array(cell, { minLength: width, maxLength: width }),
    delimiters: fc.oneof(
      {
        arbitrary: fc.array(fc.constantFrom(...DELIMITERS.slice(0, 8)), { minLength: width, maxLength: width }),
        weight: 6,
      },
      { arbitrary: fc.array(fc.constantFrom(...DELIMITERS), { minLength: 1, maxLength: 4 }), weight: 1 },
    ),
    delimiterTrail: fc.constantFrom('|', '', ' '),
    body: fc.array(row(width), { minLength: 0, maxLength: 4 }),
    bodyBreak: fc.constantFrom('', '', '', '\n', '\n\n', '\n   \n'),
  }),
);
const lineOf = (cells: string[], lead: string, trail: string) => lead + cells.join('|') + trail;

interface GeneratedTable {
  head: string[];
  delimiters: string[];
  delimiterTrail: string;
  body: { cells: string[]; lead: string; trail: string }[];
  bodyBreak: string;
}

function tableText(t: GeneratedTable, eol = '\n'): string {
  const lines = [lineOf(t.head, '|', '|'), lineOf(t.delimiters, '|', t.delimiterTrail)];
  for (const [i, r] of t.body.entries()) lines.push((i === 1 ? t.bodyBreak : '') + lineOf(r.cells, r.lead, r.trail));
  return lines.join(eol);
}

/** Put the table in a block context: every line gets the container's prefix (the first line its opener). */
const context = fc.constantFrom(
  { before: '', prefix: '', first: '', after: '' },
  { before: '', prefix: '', first: '', after: '\n' },
  { before: 'para\n', prefix: '', first: '', after: '\n\nafter' },
  { before: 'para\n\n', prefix: '', first: '', after: '\nafter' },
  { before: '', prefix: '', first: '', after: '\n- item' },
  { before: '', prefix: '', first: '', after: '\n# heading' },
  { before: '', prefix: '', first: '', after: '\n    code' },
  { before: '', prefix: '', first: '', after: '\n---' },
  { before: '| x |\n|---|\n', prefix: '', first: '', after: '' },
  { before: '', prefix: '> ', first: '> ', after: '\n> tail' },
  { before: '', prefix: '  ', first: '- ', after: '\n- next' },
  { before: '- item\n', prefix: '', first: '', after: '' },
  { before: '', prefix: '   ', first: '1. ', after: '' },
  { before: '> quote\n', prefix: '', first: '', after: '' },
  { before: '```\n', prefix: '', first: '', after: '\n```' },
  { before: '<div>\n', prefix: '', first: '', after: '\n</div>' },
  { before: '[^1]: note\n', prefix: '    ', first: '    ', after: '' },
  { before: '\t', prefix: '', first: '', after: '' },
  { before: '', prefix: '', first: '', after: '\r\n| z |' },
);

describe('table reader', () => {
  it('gives the upstream tree on generated tables in every block context', () => {
    let runs = 0;
    let fast = 0;
    fc.assert(
      fc.property(table, context, fc.constantFrom('\n', '\n', '\r\n', '\r'), (t, c, eol) => {
        const lines = tableText(t).split('\n');
        const text = c.before + lines.map((line, i) => (i === 0 ? c.first : c.prefix) + line).join(eol) + c.after;
        const parsed = pipeline.parse(text) as Node;
        expect(JSON.stringify(parsed)).toBe(tree(upstream, text));
        expect(tree(unshortened, text)).toBe(tree(upstream, text));
        runs++;
        if (tables(parsed).some(readFast)) fast++;
      }),
      { numRuns: Number(process.env.TABLE_RUNS ?? 2000) },
    );
    // Both paths are exercised: a good share of the generated tables is read here, the rest by upstream.
    expect(fast).toBeGreaterThan(runs / 10);
    expect(fast).toBeLessThan(runs / 2);
  });

  it('gives the upstream tree on tables of long plain cells (shortened by the skeleton)', () => {
    const words = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt';
    const text = `| ${words} | b |\n|---|:-:|\n| ${words} ${words} | c |\n${words} | d\n\nafter ${words}`;
    expect(tree(pipeline, text)).toBe(tree(upstream, text));
  });

  it('reads plain tables itself and leaves tables with markup to upstream', () => {
    const plain = pipeline.parse('| a | b |\n|---|---|\n| c | d |') as Node;
    expect(readFast(tables(plain)[0])).toBe(true);
    // (Code spans, escapes and inline links are read by pipeline/markdown-cell.ts: test/markdown-cell.test.ts; `_`
    // emphasis, character references, tags and images by pipeline/markdown-cell-extra.ts, whose tests are
    // test/markdown-cell-extra.test.ts. References are upstream's.)
    const markup = pipeline.parse('| a | b |\n|---|---|\n| [c] | d |') as Node;
    expect(readFast(tables(markup)[0])).toBe(false);
    expect(readTable('| a | b |\n|---|---|\n| [c] | d |', 0, 1)).toBeNull();
  });

  it('builds no rows during the parse, and the unbuilt cells are the built cells', () => {
    let checked = 0;
    fc.assert(
      fc.property(table, (t) => {
        const text = `${tableText(t)}\n\nafter`;
        const parsed = pipeline.parse(text) as Node;
        const found = parsed.children!.filter((node) => node.type === 'table');
        const offsets: number[] = [];
        // Unread after the parse (the transforms did not build the rows): the normaliser reads the cells' offsets.
        const unread = found.length > 0 && forEachPlainCell(found[0], (from, to) => offsets.push(from, to));
        if (!unread) return;
        checked++;
        expect(readFast(found[0])).toBe(true); // builds the rows
        expect(forEachPlainCell(found[0], () => {})).toBe(false);
        const built: number[] = [];
        for (const row of found[0].children!) {
          for (const cell of row.children!) {
            const content = cell.children![0] as { position: { start: { offset: number }; end: { offset: number } } };
            const at = (cell.position!.end as { offset: number }).offset;
            built.push(...(content ? [content.position.start.offset, content.position.end.offset] : [at, at]));
          }
        }
        // An empty cell's offsets are equal (where they are does not matter: nothing is pushed for it).
        const normalisedEmpty = (list: number[]) =>
          list.map((v, i) => (list[i - (i % 2)] === list[i - (i % 2) + 1] ? -1 : v));
        expect(normalisedEmpty(offsets)).toEqual(normalisedEmpty(built));
      }),
      { numRuns: 500 },
    );
    expect(checked).toBeGreaterThan(50);
  });

  it('gives the normaliser the same table block from unbuilt rows', () => {
    const text = '# T\n\n| a | b c |\n|---|:-:|\n|  | d |\ne | f | g\n\nafter';
    const article = normalise(buildSource('t.md', '/t.md', Buffer.from(text)).source!);
    const block = article.blocks.find((b) => b.kind === 'table')!;
    expect(block.text).toBe('a | b c |  | d | e | f | g |');
    // Each cell's characters map to the source, each ' | ' (and an empty cell's) to the table's last character.
    const separator = text.indexOf('\n\nafter') - 1;
    const expected: number[] = [];
    for (const at of [text.indexOf('a |'), text.indexOf('b c'), -1, text.indexOf('d |'), text.indexOf('e |')]) {
      if (at === text.indexOf('b c')) expected.push(at, at + 1, at + 2);
      else if (at >= 0) expected.push(at);
      expected.push(separator, separator, separator);
    }
    expected.push(text.indexOf('f |'), separator, separator, separator, text.indexOf('g\n'), separator, separator);
    expect([...block.sourceOffsets].slice(0, block.text.length)).toEqual(expected);
  });

  it('gives the upstream tree on the benchmark table shape and reads it itself', () => {
    for (const size of [500, 5000, 40000]) {
      const text = makeShape('table', size) as string;
      expect(tree(pipeline, text)).toBe(tree(upstream, text));
      expect(readFast(tables(pipeline.parse(text) as Node)[0])).toBe(true);
    }
  });
});

describe('table reader on real Markdown', () => {
  // The repository's own Markdown (docs, fixtures, corpus) and, when present on this machine, the real documentation
  // corpus (read in place, never copied).
  const files = [...markdownFiles('.'), ...markdownFiles('/work/shared/real-prose/docs-vue')];
  const withTables = files.filter((file) => /^\s*\|?.*\|.*\n\s*\|?\s*:?-+:?\s*\|/m.test(readFileSync(file, 'utf8')));

  it('finds tables to compare', () => {
    expect(withTables.length).toBeGreaterThan(5);
  });

  it('gives the upstream tree on every file with a table', () => {
    for (const file of withTables) {
      const text = readFileSync(file, 'utf8');
      expect(tree(pipeline, text), file).toBe(tree(upstream, text));
    }
  });
});
