// Big tables, the documented degradation of pipeline/markdown-table.ts (docs/robustness.md, "Tables"): a table of at
// least BIG_TABLE_MIN characters is read by the table reader even when its cells hold markup, each cell's content one
// text node of its source text; the rows and cells are where upstream puts them; a table just under the threshold is
// still upstream's; the work per byte is bounded and flat; and no real table comes near the threshold.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS helper shared with the benchmark
import { makeShape } from '../bench/shapes.js';
import { createMarkdownParser } from '../pipeline/markdown.js';
import { BIG_TABLE_MIN, readTable } from '../pipeline/markdown-table.js';
import { parseWork, workPerByte } from './helpers/parse-work.js';
import { markdownFiles } from './helpers/markdown-files.js';

interface Point {
  offset: number;
  line: number;
  column: number;
}
interface Node {
  type: string;
  value?: string;
  align?: (string | null)[];
  children?: Node[];
  position?: { start: Point; end: Point };
}

const upstream = createMarkdownParser({ guard: false });
const pipeline = createMarkdownParser({ engine: 'micromark' });

/** Rows of markup cells (escaped pipes, code spans holding a pipe, links, emphasis, entities) up to `size` chars. */
function markupTable(size: number): string {
  const head = '| a | `b` | c\\|d |\n|---|:-:|--:|\n';
  const rows = [
    '| [l](u) | `x | y` | *e* |\n',
    '[l](u) | a\\|b | &amp; |\n',
    '`c` | a\\\\| b | **s** |\n',
    '|  _u_  ||  www.example.com |\n',
    '| <b>h</b> | ![i](j) | a@b.co | extra |\n',
  ];
  let text = head;
  for (let i = 0; text.length < size; i++) text += rows[i % rows.length];
  // Cut to the size exactly, at a row's end (a final row of plain cells fills the rest).
  const lastRowEnd = text.lastIndexOf('\n', size - 1);
  text = text.slice(0, lastRowEnd + 1);
  const fill = size - text.length;
  return fill >= 2 ? `${text}|${'x'.repeat(fill - 1)}` : text.slice(0, -1) + ' '.repeat(fill + 1);
}

function firstTable(node: Node): Node | undefined {
  if (node.type === 'table') return node;
  for (const child of node.children ?? []) {
    const found = firstTable(child);
    if (found) return found;
  }
  return undefined;
}

/** Each cell's [start, end] offsets, row by row. */
const cellOffsets = (table: Node) =>
  table.children!.map((row) => row.children!.map((cell) => [cell.position!.start.offset, cell.position!.end.offset]));

describe('big tables with markup cells', () => {
  it('reads a big markup table itself: cells where upstream puts them, each one text node of its source text', () => {
    for (const text of [markupTable(BIG_TABLE_MIN + 100), makeShape('table-markup', 70_000) as string]) {
      expect(text.length).toBeGreaterThanOrEqual(BIG_TABLE_MIN);
      expect(readTable(text, 0, 1)).not.toBeNull();
      const fast = firstTable(pipeline.parse(text) as Node)!;
      const slow = firstTable(upstream.parse(text) as Node)!;
      expect(fast.align).toEqual(slow.align);
      expect(cellOffsets(fast)).toEqual(cellOffsets(slow));
      expect(fast.position!.end.offset).toBe(slow.position!.end.offset);
      let markupCells = 0;
      for (const row of fast.children!) {
        for (const cell of row.children!) {
          const content = cell.children!;
          if (content.length === 0) continue;
          expect(content).toHaveLength(1);
          const [node] = content;
          expect(node.type).toBe('text');
          const { start, end } = node.position!;
          expect(node.value).toBe(text.slice(start.offset, end.offset));
          expect(node.value).toBe(
            text.slice(cell.position!.start.offset, cell.position!.end.offset).replace(/^\|? *| *\|? *$/g, ''),
          );
          const lineStart = text.lastIndexOf('\n', start.offset - 1) + 1;
          expect(start.column).toBe(start.offset - lineStart + 1);
          if (/[`[*_&\\<!@]/.test(node.value!)) markupCells++;
        }
      }
      expect(markupCells).toBeGreaterThan(1000);
    }
    // The escapes: `\|` does not split, `\\|` does.
    const text = markupTable(BIG_TABLE_MIN + 100);
    const values = firstTable(pipeline.parse(text) as Node)!.children!.flatMap((row) =>
      row.children!.map((cell) => cell.children![0]?.value ?? ''),
    );
    expect(values.slice(0, 3)).toEqual(['a', '`b`', 'c\\|d']);
    expect(values).toContain('a\\|b');
    expect(values).toContain('a\\\\');
    expect(values).toContain('`x');
  });

  it('leaves a markup table just under the threshold to upstream', () => {
    const text = markupTable(BIG_TABLE_MIN - 1);
    expect(text.length).toBe(BIG_TABLE_MIN - 1);
    expect(readTable(text, 0, 1)).toBeNull();
    expect(readTable(markupTable(BIG_TABLE_MIN), 0, 1)).not.toBeNull();
    const cell = firstTable(pipeline.parse(text) as Node)!.children![1].children![0];
    expect(cell.children![0].type).toBe('link');
  });

  // (Event reads per byte: 0.09 with the reader in a plain run, ~2.1 under vitest, whose micromark build checks its
  // state at every character consumed; without the reader ~54–56, the per-cell parse.)
  it('parses big markup tables with bounded work per byte, flat as they grow 4-fold', () => {
    const small = makeShape('table-markup', 100_000) as string;
    const large = makeShape('table-markup', 400_000) as string;
    const work = workPerByte(small, { guard: true, fastTables: true });
    const largeWork = workPerByte(large, { guard: true, fastTables: true });
    expect(work).toBeLessThan(3);
    expect(largeWork).toBeLessThan(1.5 * work + 0.01);
    // Without the reader, the same table costs far more (the per-cell parse).
    const upstreamSample = makeShape('table-markup', 20_000) as string;
    expect(parseWork(upstreamSample, { guard: true }) / upstreamSample.length).toBeGreaterThan(10 * work);
  });
});

/** The sizes of every table block (a row before a delimiter row, to the next blank line) in `text`, generously. */
function tableBlockSizes(text: string): number[] {
  const lines = text.split(/\r\n|\r|\n/);
  const sizes: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (!/^[ \t>]*\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/.test(lines[i])) continue;
    if (!lines[i].includes('|') && !lines[i - 1].includes('|')) continue;
    let size = lines[i - 1].length;
    let j = i;
    for (; j < lines.length && lines[j].trim() !== ''; j++) size += 1 + lines[j].length;
    sizes.push(size);
    i = j;
  }
  return sizes;
}

describe('big tables on real Markdown', () => {
  it('finds every real table far under the threshold (repository, fixtures, documentation set)', () => {
    const files = [...markdownFiles('.'), ...markdownFiles('/work/shared/real-prose/docs-vue')];
    const sizes = files.flatMap((file) => tableBlockSizes(readFileSync(file, 'utf8')));
    expect(sizes.length).toBeGreaterThan(50);
    // The largest measured (2026-12-07): ~5.3 KB, a twelfth of the threshold.
    expect(Math.max(...sizes)).toBeLessThan(BIG_TABLE_MIN / 8);
  });
});
