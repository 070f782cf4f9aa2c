// Dense blocks (pipeline/markdown-dense.ts): delimiter soup of 4 KB or more is parsed as literal text after each
// line's first word, cheaply and linearly; no ordinary Markdown (the repository's, its fixtures', the real-prose
// documentation set's) ever takes that path, so its trees stay the upstream parser's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS helper shared with the benchmark
import { makeShape } from '../bench/shapes.js';
import { createMarkdownParser } from '../pipeline/markdown.js';
import { DENSE_MIN_BLOCK, degradedMiddle, denseBlocks } from '../pipeline/markdown-dense.js';
import { shorten } from '../pipeline/markdown-skeleton.js';
import { splitLongRuns, tameNesting } from '../pipeline/normalise.js';
import { parseWork } from './helpers/parse-work.js';
import { markdownFiles } from './helpers/markdown-files.js';

/** The inline-delimiter shapes of bench/shapes.js that the dense path covers. */
const DENSE_SHAPES = [
  'open-brackets',
  'bracket-pairs',
  'nested-brackets',
  'image-labels',
  'parentheses',
  'asterisks',
  'underscores',
  'tildes',
  'angle-brackets',
  'urls',
  'emails',
  'entities',
];

/** The text the parser is given in the pipeline (normalise's nesting and run cuts). */
const parseInput = (text: string) => splitLongRuns(tameNesting(text)).text;

interface Node {
  type: string;
  value?: string;
  position?: { start: { offset: number }; end: { offset: number } };
  children?: Node[];
}
function textNodes(node: Node, out: Node[] = []): Node[] {
  if (node.type === 'text') out.push(node);
  for (const child of node.children ?? []) textNodes(child, out);
  return out;
}

describe('dense blocks', () => {
  it('never takes ordinary Markdown: the repository, its fixtures and the real-prose documentation set', () => {
    const realDocs = join(__dirname, '..', '..', 'shared', 'real-prose', 'docs-vue'); // read in place when present
    const files = [...markdownFiles('.'), ...markdownFiles(realDocs)];
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) expect(denseBlocks(parseInput(readFileSync(file, 'utf8'))), file).toEqual([]);
    for (const name of ['paragraphs', 'one-line', 'one-paragraph', 'table'])
      expect(denseBlocks(parseInput(makeShape(name, 100_000))), name).toEqual([]);
  });

  it('takes every block of the delimiter shapes from 4 KB on, and none below', () => {
    for (const name of DENSE_SHAPES) {
      const text = parseInput(makeShape(name, 40_000));
      const blocks = denseBlocks(text);
      expect(blocks.length, name).toBeGreaterThan(0);
      expect(
        blocks.reduce((sum, b) => sum + b.end - b.start, 0),
        name,
      ).toBeGreaterThan(0.99 * text.length);
      expect(denseBlocks(makeShape(name, DENSE_MIN_BLOCK - 1)), name).toEqual([]);
    }
  });

  it('parses the delimiter shapes with bounded work per byte (without the dense path: 7–1300 reads per byte)', () => {
    for (const name of DENSE_SHAPES) {
      const text = parseInput(makeShape(name, 24_000));
      const work = parseWork(shorten(text)?.text ?? text, { guard: true }) / text.length;
      expect(work, name).toBeLessThan(0.5);
      // And it stays flat as the shape grows 4-fold.
      const large = parseInput(makeShape(name, 96_000));
      const largeWork = parseWork(shorten(large)?.text ?? large, { guard: true }) / large.length;
      expect(largeWork, name).toBeLessThan(1.5 * work + 0.01);
    }
  });

  it('keeps every character: the stood-in text comes back verbatim, at its own offsets', () => {
    const parser = createMarkdownParser({ engine: 'micromark' });
    for (const name of DENSE_SHAPES) {
      const text = parseInput(makeShape(name, 20_000));
      const nodes = textNodes(parser.parse(text) as Node);
      for (const block of denseBlocks(text)) {
        const middle = degradedMiddle(text, block.start, block.end)!;
        const original = text.slice(middle.start, middle.end);
        const node = nodes.find((n) => n.value!.includes(original));
        expect(node, name).toBeDefined();
        // (Text split by the GFM autolink transform has no position; where there is one, it spans the original.)
        expect(node!.value!.endsWith(original), name).toBe(true);
        if (node!.position)
          expect(text.slice(node!.position.start.offset, node!.position.end.offset).endsWith(original), name).toBe(
            true,
          );
      }
    }
  });

  it('gives every node a position inside the original text, in document order', () => {
    const parser = createMarkdownParser({ engine: 'micromark' });
    for (const name of DENSE_SHAPES) {
      const text = parseInput(makeShape(name, 20_000));
      let last = 0;
      const visit = (node: Node) => {
        if (node.position) {
          const { start, end } = node.position;
          expect(start.offset, name).toBeGreaterThanOrEqual(last);
          expect(end.offset, name).toBeGreaterThanOrEqual(start.offset);
          expect(end.offset, name).toBeLessThanOrEqual(text.length);
          last = start.offset;
        }
        for (const child of node.children ?? []) visit(child);
      };
      visit(parser.parse(text) as Node);
    }
  });

  it('keeps block structure and code: fenced code, tables and raw HTML are never degraded', () => {
    const soup = '*a _b [c (d <e &f; '.repeat(400);
    expect(denseBlocks(soup).length).toBe(1);
    expect(denseBlocks(`\`\`\`\n${soup}\n\`\`\``)).toEqual([]);
    expect(denseBlocks(`a | b\n--|--\n${soup}`)).toEqual([]);
    expect(denseBlocks(`<!-- x\n${soup} -->`)).toEqual([]);
    expect(denseBlocks(`<pre>\n${soup}`)).toEqual([]);
    // Blank lines separate blocks: only the dense one is taken.
    const blocks = denseBlocks(`plain words\n\n${soup}\n\nmore plain words`);
    expect(blocks).toEqual([{ start: 13, end: 13 + soup.length }]);
    const tree = createMarkdownParser({ engine: 'micromark' }).parse(`# ${soup}\n\n- ${soup}`) as Node;
    expect(tree.children!.map((c) => c.type)).toEqual(['heading', 'list']);
  });
});
