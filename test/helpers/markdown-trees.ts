// What the Markdown parser tests share: a parse's tree as JSON (to compare ours with upstream's), block contexts to
// put generated Markdown in, generated tables of generated cells, and the comparison on every real table.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { expect } from 'vitest';
import { markdownFiles } from './markdown-files.js';
import { readFast, type TableNode, tables } from './markdown-tables.js';

/** 1 to `maxLength` blocks drawn from `units`, each followed by one to three line endings or a space's blank line. */
export function unitsWithGaps(units: readonly string[], maxLength: number) {
  return fc.array(fc.tuple(fc.constantFrom(...units), fc.constantFrom('\n', '\n\n', '\n\n\n', '\n \n')), {
    minLength: 1,
    maxLength,
  });
}

export interface Parser {
  parse: (text: string) => unknown;
}

/** The tree the parser gives, as JSON (positions included). */
export const tree = (parser: Parser, text: string) => JSON.stringify(parser.parse(text));

/** A block context: every line after the first gets `rest`, the first `first`; `after` follows. */
export const inContainer =
  (first: string, rest: string, after = '') =>
  (t: string) =>
    `${first}${t.split('\n').join(`\n${rest}`)}${after}`;

/** The block contexts a generated table is put in: top level, after a paragraph, quotes, list items, indents. */
export const TABLE_CONTEXTS = [
  (t: string) => t,
  (t: string) => `para\n${t}\n\nafter`,
  (t: string) => `${t}\n\n[r]: /def\n[^1]: note`,
  inContainer('> ', '> '),
  inContainer('> ', '> ', '\n>\n> after'),
  inContainer('> > ', '> > ', '\n\nafter'),
  inContainer('>', '>'),
  inContainer('> ', '>'),
  inContainer('> ', '> ', '\nlazy'),
  inContainer('- ', '  '),
  inContainer('- ', '  ', '\n- next'),
  inContainer('- ', '  ', '\n\n  more'),
  inContainer('1. ', '   '),
  inContainer('10) ', '    '),
  inContainer('-   ', '    '),
  inContainer('- ', '   '),
  inContainer('- ', ' '),
  inContainer('- a\n\n  ', '  '),
  inContainer('- a\n\n   ', '   '),
  inContainer('- a\n\n    ', '    '),
  inContainer('  - ', '    '),
  inContainer('- > ', '  > '),
  inContainer('> - ', '>   '),
  inContainer('  ', '  '),
  inContainer('   ', '   '),
  inContainer(' ', ''),
  inContainer('', ' '),
  inContainer('* ', '  ', '\n  | x |'),
];

export interface GeneratedTable {
  head: string[];
  body: string[][];
  width: number;
}

/**
 * Tables of 1–3 columns and 0–3 body rows, each cell up to `maxPieces` pieces: `readable` ones (weight 3), what real
 * cells hold, and `pieces` (weight `pieceWeight`), the constructs and their near misses.
 */
export function generatedTables(
  readable: fc.Arbitrary<string>,
  pieces: fc.Arbitrary<string>,
  pieceWeight: number,
  maxPieces: number,
): fc.Arbitrary<GeneratedTable> {
  const cellText = fc
    .array(fc.oneof({ arbitrary: readable, weight: 3 }, { arbitrary: pieces, weight: pieceWeight }), {
      minLength: 0,
      maxLength: maxPieces,
    })
    .map((parts) => parts.join(''));
  return fc.integer({ min: 1, max: 3 }).chain((width) =>
    fc.record({
      head: fc.array(cellText, { minLength: width, maxLength: width }),
      body: fc.array(fc.array(cellText, { minLength: width, maxLength: width }), { minLength: 0, maxLength: 3 }),
      width: fc.constant(width),
    }),
  );
}

/** The generated table's Markdown in `context`, its line endings `eol`. */
export function tableSource(t: GeneratedTable, context: (text: string) => string, eol: string): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const rows = [line(t.head), `|${'---|'.repeat(t.width)}`, ...t.body.map(line)];
  return context(rows.join('\n')).split('\n').join(eol);
}

/**
 * Every real Markdown file with a table (the repository's, the real documentation set) parsed by `pipeline` gives
 * `upstream`'s tree; the counts of its tables, of those the table reader built, and of those also `marked`.
 */
export function compareRealTables(
  pipeline: Parser,
  upstream: Parser,
  marked: (table: TableNode, text: string) => boolean,
): { all: number; fast: number; marked: number } {
  const files = [...markdownFiles('.'), ...markdownFiles('/work/shared/real-prose/docs-vue')];
  const counts = { all: 0, fast: 0, marked: 0 };
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    if (!text.includes('|')) continue;
    const found = tables(pipeline.parse(text) as TableNode);
    if (found.length === 0) continue;
    expect(tree(pipeline, text), file).toBe(tree(upstream, text));
    counts.all += found.length;
    counts.fast += found.filter(readFast).length;
    counts.marked += found.filter((table) => readFast(table) && marked(table, text)).length;
  }
  return counts;
}
