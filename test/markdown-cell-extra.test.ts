// Table cells with character references, simple HTML tags, `_`/`~` emphasis and images, and tables opening a list item
// in a block quote or a block quote in a list item, read without micromark (pipeline/markdown-cell-extra.ts,
// pipeline/markdown-table.ts): the trees, positions included, are the upstream parser's on generated cells and near
// misses in many block contexts, on the benchmark shapes and on every real table; and files of such tables are parsed
// with bounded work per byte, flat as they grow 4-fold.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS helper shared with the benchmark
import { makeShape } from '../bench/shapes.js';
import { createMarkdownParser } from '../pipeline/markdown.js';
import { readCellExtended } from '../pipeline/markdown-cell-extra.js';
import { continuationPrefix } from '../pipeline/markdown-table.js';
import { readFast, type TableNode, tables } from './helpers/markdown-tables.js';
import {
  compareRealTables,
  generatedTables,
  inContainer,
  TABLE_CONTEXTS,
  tableSource,
  tree,
} from './helpers/markdown-trees.js';
import { workPerByte } from './helpers/parse-work.js';

const upstream = createMarkdownParser({ guard: false });
const pipeline = createMarkdownParser({ engine: 'micromark' });

const EXTRA_TYPES = new Set(['html', 'emphasis', 'strong', 'delete', 'image']);
type Positioned = TableNode & { position: { start: { offset: number }; end: { offset: number } } };
/** Is this a text node holding a decoded character reference? */
const decoded = (node: TableNode, source: string) => {
  const { start, end } = (node as Positioned).position;
  const written = source.slice(start.offset, end.offset);
  return node.type === 'text' && written.includes('&') && written !== node.value;
};
/** Does a cell of the table hold what only the extended reader reads? */
const hasExtra = (table: TableNode, source: string) =>
  table.children!.some((row) =>
    row.children!.some((cell) => cell.children!.some((node) => EXTRA_TYPES.has(node.type) || decoded(node, source))),
  );

// Pieces of cells: what the extended reader reads, and near misses of each (left to upstream or read the same).
const PIECE = fc.constantFrom(
  'a',
  ' ',
  '&',
  '&;',
  '&amp',
  '&amp;',
  '&AMP;',
  '&copy',
  '&nosuchname;',
  '&#123;',
  '&#12345678;',
  '&#0;',
  '&#x1F600;',
  '&#X41;',
  '&#x;',
  '&#xGG;',
  '&commat;',
  'http&#58;//x',
  '&#119;ww.x',
  '&lsqb;',
  '&ast;x&ast;',
  '<br>',
  '<br/>',
  '<br />',
  '<br/ >',
  '</b>',
  '</b >',
  '</b/>',
  '<b',
  '<a href="x">',
  '<http://x>',
  '<a@b.c>',
  '<1>',
  '<-x>',
  '<!-- c -->',
  '_',
  '__',
  '___',
  '_e_',
  '__s__',
  '___t___',
  '_ e _',
  'a_b',
  'a__b',
  '_a_b',
  'é_a',
  '_(p)_',
  '_`c`_',
  '_[l](u)_',
  '_a *b*_',
  '*a _b_*',
  '_a ~b~_',
  '~',
  '~~',
  '~~~',
  '~~~~',
  '~d~',
  '~~d~~',
  '~~d~',
  'a~b',
  'a~~b',
  '~ x ~',
  '~&amp;~',
  '![i](s)',
  '![](s)',
  '![`c`](s)',
  '![a &amp; b](s)',
  '![<b>](s)',
  '![i][r]',
  '![^1](s)',
  '![i](s "t")',
  '![i]',
  '[![i](s)](u)',
  '!',
  '[l](u)',
  '`code`',
  '\\_',
  '\\~',
  '\\&',
  '*e*',
  '[',
  ']',
  '@',
  '\u00a0',
  'lorem ipsum dolor sit amet',
);
// What real cells hold and the extended reader reads (joined, they also make near misses).
const READABLE = fc.constantFrom(
  'word',
  ' ',
  ' &amp; ',
  '&#123;',
  '&copy;',
  '<br>',
  '<code>x</code>',
  ' _e_ ',
  ' __s__ ',
  ' ~~d~~ ',
  ' ~d~ ',
  'snake_case',
  ' ![i](s) ',
  '`code`',
  ' *e* ',
);
const generated = generatedTables(READABLE, PIECE, 2, 5);
const CONTEXTS = [
  ...TABLE_CONTEXTS,
  // Mixed prefixes: a list item opening in a quote, a quote opening in a list item, and near misses.
  inContainer('> - ', '>   ', '\n>   more'),
  inContainer('> - ', '>   ', '\n> - next'),
  inContainer('> - ', '>   ', '\nlazy'),
  inContainer('> - ', '>   ', '\n>\n> after'),
  inContainer('> - ', '> '),
  inContainer('> - ', '>  '),
  inContainer('> - ', '>    '),
  inContainer('> 1. ', '>    '),
  inContainer('> 10) ', '>     '),
  inContainer('> -   ', '>     '),
  inContainer('> > - ', '> >   '),
  inContainer('>> - ', '>>   '),
  inContainer('> para\n> - ', '>   '),
  inContainer('> para\n> 2. ', '>    '),
  inContainer('> - a\n> - ', '>   '),
  inContainer('- > ', '  > ', '\n  >\n  > after'),
  inContainer('- > ', '  > ', '\n- next'),
  inContainer('- > ', '  > ', '\nlazy'),
  inContainer('- > ', '  >'),
  inContainer('- > ', '> '),
  inContainer('- > ', '   > '),
  inContainer('- > > ', '  > > '),
  inContainer('1. > ', '   > '),
  inContainer('-  > ', '   > '),
  inContainer('para\n- > ', '  > '),
  inContainer('- a\n- > ', '  > '),
];

describe('table cells with references, HTML tags, `_`/`~` emphasis and images', () => {
  it('gives the upstream tree on generated cells and near misses in many block contexts', () => {
    let runs = 0;
    let extra = 0;
    fc.assert(
      fc.property(generated, fc.constantFrom(...CONTEXTS), fc.constantFrom('\n', '\r\n'), (t, context, eol) => {
        const text = tableSource(t, context, eol);
        const parsed = pipeline.parse(text) as TableNode;
        expect(JSON.stringify(parsed)).toBe(tree(upstream, text));
        runs++;
        if (tables(parsed).some((table) => readFast(table) && hasExtra(table, text))) extra++;
      }),
      { numRuns: Number(process.env.TABLE_RUNS ?? 3000) },
    );
    // The new path is exercised (many generated tables hold a near miss it leaves to upstream).
    expect(extra).toBeGreaterThan(runs / 20);
  });

  it('reads each construct as upstream does', () => {
    const text =
      '| Tom &amp; Jerry &#65;&#x42; | a<br>b <code>x</code> | _e_ __s__ ~~d~~ ~t~ | ![i `c`](s.png) snake_case |\n' +
      '|---|---|---|---|';
    const table = tables(pipeline.parse(text) as TableNode)[0];
    expect(readFast(table)).toBe(true);
    expect(JSON.stringify(table)).toBe(JSON.stringify(tables(upstream.parse(text) as TableNode)[0]));
    const [refs, html, emphasis, image] = table.children![0].children!.map((cell) => cell.children!);
    expect(refs).toMatchObject([{ type: 'text', value: 'Tom & Jerry AB' }]);
    expect(html.map((node) => node.type)).toEqual(['text', 'html', 'text', 'html', 'text', 'html']);
    expect(emphasis.map((node) => node.type)).toEqual([
      'emphasis',
      'text',
      'strong',
      'text',
      'delete',
      'text',
      'delete',
    ]);
    expect(image[0]).toMatchObject({ type: 'image', url: 's.png', alt: 'i c' });
    expect(image[1]).toMatchObject({ type: 'text', value: ' snake_case' });
  });

  it('leaves what it does not read to upstream', () => {
    for (const cell of [
      '&commat;',
      'x&#64;y.co',
      '<a href="x">',
      '<http://x>',
      '_a_b',
      '_ a_',
      '_a *b*_',
      '~~d~',
      '![i][r]',
      '![^1](s)',
      '![![i](s)](u)', // an image in an image's label: upstream's alt holds the inner alt too
      '[r]',
      'a@b.co',
    ]) {
      expect(readCellExtended(cell, 0, cell.length, 1, 0), cell).toBeNull();
    }
  });

  it('reads tables opening a list item in a quote or a quote in a list item, and no other mixed prefix', () => {
    expect(continuationPrefix('> - |', 0, 4)).toBe('>   ');
    expect(continuationPrefix('> > 1. |', 0, 7)).toBe('> >    ');
    expect(continuationPrefix('- > |', 0, 4)).toBe('  > ');
    expect(continuationPrefix('>- |', 0, 3)).toBeNull();
    expect(continuationPrefix('- - |', 0, 4)).toBeNull();
  });

  it('reads the benchmark shapes itself, with the upstream tree', () => {
    for (const shape of ['table-entities-small', 'table-html-small', 'table-underscore-small', 'table-mixed-prefix']) {
      const text = makeShape(shape, 20_000) as string;
      expect(tree(pipeline, text), shape).toBe(tree(upstream, text));
      // Every whole table (the last one is cut by the shape's size).
      expect(
        tables(pipeline.parse(text) as TableNode)
          .slice(0, -1)
          .every(readFast),
        shape,
      ).toBe(true);
    }
  });

  // (Event reads per byte through upstream's per-cell parse: 16–20; with the readers: 2.3–3.3, micromark stepping over
  // the lines and containers.)
  it('parses files of such tables with bounded work per byte, flat as the file grows 4-fold', () => {
    for (const shape of ['table-entities-small', 'table-html-small', 'table-underscore-small', 'table-mixed-prefix']) {
      const small = makeShape(shape, 100_000) as string;
      const large = makeShape(shape, 400_000) as string;
      const work = workPerByte(small, { guard: true, fastTables: true, linearEditMap: true });
      const largeWork = workPerByte(large, { guard: true, fastTables: true, linearEditMap: true });
      expect(work, shape).toBeLessThan(5);
      expect(largeWork, shape).toBeLessThan(1.5 * work + 0.01);
    }
  });
});

describe('real tables with references, HTML tags, `_`/`~` emphasis and images', () => {
  it('keeps the upstream tree of every real table, and reads more of them', () => {
    const { all, fast, marked: extra } = compareRealTables(pipeline, upstream, hasExtra);
    expect(all).toBeGreaterThan(50);
    expect(extra).toBeGreaterThan(0);
    expect(fast).toBeGreaterThan(all * 0.8);
  });
});
