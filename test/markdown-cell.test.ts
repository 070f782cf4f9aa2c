// Table cells with inline markup read without micromark (pipeline/markdown-cell.ts): the trees, positions included,
// are the upstream parser's on generated cells of code spans, escapes, links and their near misses, in several block
// contexts; tables of such cells are really read by the table reader; on real Markdown more tables are read so; and a
// file of many small markup tables is parsed with bounded work per byte, flat as it grows 4-fold.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS helper shared with the benchmark
import { makeShape } from '../bench/shapes.js';
import { createMarkdownParser } from '../pipeline/markdown.js';
import { readCellInline } from '../pipeline/markdown-cell.js';
import { readFast, type TableNode, tables } from './helpers/markdown-tables.js';
import { compareRealTables, generatedTables, TABLE_CONTEXTS, tableSource, tree } from './helpers/markdown-trees.js';
import { workPerByte } from './helpers/parse-work.js';

const upstream = createMarkdownParser({ guard: false });
const pipeline = createMarkdownParser({ engine: 'micromark' });

type Node = TableNode;

/** Does any cell of the table hold a node other than one text node? */
const hasMarkup = (table: Node) =>
  table.children!.some((row) => row.children!.some((cell) => cell.children!.some((node) => node.type !== 'text')));

// Pieces of cells: what the reader reads, and near misses of each (which it must leave to upstream or read the same).
const PIECE = fc.constantFrom(
  'a',
  'word',
  ' ',
  '  ',
  '`',
  '``',
  '` `',
  '`code`',
  '`a \\| b`',
  '`` a`b ``',
  '\\',
  '\\|',
  '\\\\',
  '\\`',
  '\\*',
  '\\:',
  '\\[',
  '[',
  ']',
  '(',
  ')',
  '[l](u)',
  '[l](https://www.example.org/a_b*c)',
  '[`c` d](u)',
  '[a `]` b](u)',
  '[](u)',
  '[]',
  'x[]y',
  '[][r]',
  '[]()',
  '[l]( u)',
  '[l](<u>)',
  '[l](u "t")',
  '[l](a(b)c)',
  '[l][r]',
  '[^1]',
  '![i](s)',
  '!',
  '^',
  '.',
  'www.',
  'ww',
  'w.',
  ':',
  'http://x.y',
  'HTTPS://a',
  'ftp://a.b',
  '>',
  '\\@',
  '@',
  '*',
  '**',
  '*e*',
  '**b**',
  ' **s t** ',
  'a**b',
  '**`c`**',
  '**[l](u)**',
  '***a***',
  '* a *',
  '*(p)*',
  '\u00a0',
  '_',
  '~',
  '&amp;',
  '<',
  'é',
  'lorem ipsum dolor sit amet consectetur adipiscing',
);
// What real cells mostly hold, which the reader reads (joined, they also make near misses: `a` + `**b**`).
const READABLE = fc.constantFrom(
  'a',
  'word',
  ' ',
  ' ',
  '`code`',
  '`a \\| b`',
  '\\|',
  '[l](u)',
  '[`c` d](u)',
  ' **b** ',
  ' *e* ',
  '(p):',
);
const generated = generatedTables(READABLE, PIECE, 1, 6);

describe('table cells with inline markup', () => {
  it('gives the upstream tree on generated markup cells in several block contexts', () => {
    let runs = 0;
    let inline = 0;
    fc.assert(
      fc.property(generated, fc.constantFrom(...TABLE_CONTEXTS), fc.constantFrom('\n', '\r\n'), (t, context, eol) => {
        const text = tableSource(t, context, eol);
        const parsed = pipeline.parse(text) as Node;
        expect(JSON.stringify(parsed)).toBe(tree(upstream, text));
        runs++;
        if (tables(parsed).some((table) => readFast(table) && hasMarkup(table))) inline++;
      }),
      { numRuns: Number(process.env.TABLE_RUNS ?? 3000) },
    );
    // The markup path is exercised (most generated tables hold something it leaves to upstream).
    expect(inline).toBeGreaterThan(runs / 20);
  });

  it('reads code spans, escapes and links as upstream does', () => {
    const text = '| `a \\| b` | x \\| y | [`c` d](u) | `` ` `` |\n|---|---|---|---|';
    const table = tables(pipeline.parse(text) as Node)[0];
    expect(readFast(table)).toBe(true);
    expect(JSON.stringify(table)).toBe(JSON.stringify(tables(upstream.parse(text) as Node)[0]));
    const [code, escaped, link, backtick] = table.children![0].children!.map((cell) => cell.children![0]);
    expect(code).toMatchObject({ type: 'inlineCode', value: 'a | b' });
    expect(escaped).toMatchObject({ type: 'text', value: 'x | y' });
    expect(link).toMatchObject({ type: 'link', url: 'u', children: [{ type: 'inlineCode' }, { type: 'text' }] });
    expect(backtick).toMatchObject({ type: 'inlineCode', value: '`' });
  });

  it('leaves every other markup to upstream', () => {
    for (const cell of [
      '*e*x',
      '***s***',
      '_u_',
      '~s~',
      '&amp;',
      '<b>',
      '![i](s)',
      '[r]',
      '[^1]',
      'a@b.co',
      'http://x.y',
      'www.x.org',
    ]) {
      expect(readCellInline(cell, 0, cell.length, 1, 0), cell).toBeNull();
    }
    expect(readCellInline('[l](u) `c` \\|', 0, 13, 1, 0)).not.toBeNull();
  });

  it('reads the benchmark shape of many small markup tables itself, with the upstream tree', () => {
    const text = makeShape('table-markup-small', 20_000) as string;
    expect(tree(pipeline, text)).toBe(tree(upstream, text));
    const found = tables(pipeline.parse(text) as Node);
    // Every whole table (the last one is cut by the shape's size).
    expect(found.slice(0, -1).every(readFast)).toBe(true);
  });

  // (Event reads per byte: ~55 through upstream's per-cell parse, under 1 with the reader.)
  it('parses many small markup tables with bounded work per byte, flat as the file grows 4-fold', () => {
    const small = makeShape('table-markup-small', 100_000) as string;
    const large = makeShape('table-markup-small', 400_000) as string;
    const work = workPerByte(small, { guard: true, fastTables: true });
    const largeWork = workPerByte(large, { guard: true, fastTables: true });
    expect(work).toBeLessThan(3);
    expect(largeWork).toBeLessThan(1.5 * work + 0.01);
  });
});

describe('table cells with inline markup on real Markdown', () => {
  it('reads most real tables itself (code spans and links in cells), with the upstream tree', () => {
    const { all, fast, marked: withMarkup } = compareRealTables(pipeline, upstream, hasMarkup);
    expect(all).toBeGreaterThan(50);
    expect(withMarkup).toBeGreaterThan(10);
    expect(fast).toBeGreaterThan(all / 2);
  });
});
