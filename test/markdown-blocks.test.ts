// Runs of simple blocks read without micromark (pipeline/markdown-blocks.ts): the trees, positions included, are the
// upstream parser's on generated compositions of blocks and near misses and on every Markdown file of the repository
// and the real documentation set, and those of the parse without runs on every adversarial shape; micromark no longer
// sees the blocks of a file of tiny quotes, list items or headings (its work per byte is a small constant as the file
// grows 4-fold).
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS helper shared with the benchmark
import { SHAPE_NAMES, makeShape } from '../bench/shapes.js';
import { BLOCK_RUNS_FROM, createMarkdownParser } from '../pipeline/markdown.js';
import { findBlockRuns } from '../pipeline/markdown-blocks.js';
import * as editMap from '../pipeline/markdown-edit-map.js';
import { MIN_MIDDLE, restoreWithRuns, shorten } from '../pipeline/markdown-skeleton.js';
import { markdownFiles } from './helpers/markdown-files.js';
import { parseWork } from './helpers/parse-work.js';
import { tree, unitsWithGaps } from './helpers/markdown-trees.js';

const upstream = createMarkdownParser({ guard: false });
const withRuns = createMarkdownParser({ engine: 'micromark', blockRunsFrom: 0 });
const withoutRuns = createMarkdownParser({ engine: 'micromark', blockRunsFrom: false });
const pipeline = createMarkdownParser({ engine: 'micromark' });

/** Blocks the reader takes, blocks it must leave, and lines that change what is around them. */
const UNITS = [
  'para one',
  'para\ntwo lines',
  'Ünïcode para, with (parens) "quotes" | and # signs',
  'a b www.c d',
  'hard  \nbreak',
  'para\n  indented',
  '> q one',
  '> q\n> two',
  '>q',
  '> q\nlazy',
  '> a\n>\n> b',
  '> `c`',
  '- i1',
  '- i\n  two',
  '* s',
  '+ p',
  '1. o',
  '2) p',
  '0. z',
  '10. t\n    u',
  '- a\n* b',
  '- a\n2. b',
  '- a\n1. b',
  '-',
  '- `c`',
  '- [ ] task',
  '# h',
  '###### h6',
  '####### h7',
  '# closed #',
  'set\n===',
  'set\nline\n---',
  'para\n-',
  '```\ncode\n```',
  '```js\nconst x = 1;\n  f(x);\n```',
  '~~~\n~~~',
  '```\n````\n```',
  '````\n```\n````',
  '```a b\nc\n```',
  '```\n\tx\n```',
  '~~~py\nx\n~~~~',
  '```\nx\n  ```',
  '```',
  '~~~',
  '    code',
  '  sp',
  '   - nested',
  '<div>',
  '<!-- c',
  '-->',
  '---',
  '+++',
  'a: b',
  '[x]: /y',
  '| a | b |\n|---|---|',
  'a `c`',
  '\tt',
  '> - n',
  '- > n',
];

const composition = unitsWithGaps(UNITS, 10).chain((parts) =>
  fc.tuple(fc.constant(parts), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean()).map(([units, eol, trailing]) => {
    const text = units.map(([unit, gap]) => unit + gap).join('');
    return (trailing ? text : text.replace(/\s+$/, '')).replace(/\n/g, eol);
  }),
);

describe('runs of simple blocks', () => {
  it('give the upstream tree on generated compositions of blocks and near misses', () => {
    fc.assert(
      fc.property(composition, (text) => {
        expect(tree(withRuns, text)).toBe(tree(upstream, text));
      }),
      { numRuns: 4000 },
    );
  });

  it('give the tree of the parse without runs on every adversarial shape (dense blocks are degraded in both)', () => {
    for (const name of SHAPE_NAMES) {
      const text = makeShape(name, 20_000);
      expect(tree(withRuns, text), name).toBe(tree(withoutRuns, text));
    }
  });

  it('give the upstream tree on every Markdown file of the repository and the real documentation set', () => {
    const files = [...markdownFiles('.'), ...markdownFiles('/work/shared/real-prose/docs-vue')];
    let read = 0;
    const plain = createMarkdownParser({ engine: 'micromark', minMiddle: false });
    for (const file of files) {
      const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
      read += findBlockRuns(text).length;
      expect(tree(withRuns, text), file).toBe(tree(upstream, text));
      // Every stand-in comes out at the root: no real file is parsed twice (runs are not started inside fenced code
      // or raw HTML with blank lines).
      const skeleton = shorten(text, MIN_MIDDLE, true, true);
      if (skeleton?.runs.length)
        expect(restoreWithRuns(plain.parse(skeleton.text) as never, skeleton, text), file).toBe(true);
    }
    expect(read).toBeGreaterThan(100); // the path is really taken on real files
  });

  it('are read in big files only, so an ordinary article is parsed as before', () => {
    const small = makeShape('tiny-quotes', BLOCK_RUNS_FROM - 1);
    const before = editMap.linearConsumes;
    pipeline.parse(small);
    expect(editMap.linearConsumes).toBeGreaterThan(before + 100); // micromark closed every quote itself
  });

  it('keep micromark away from files of tiny quotes, list items and headings', () => {
    // Before: micromark closed every block quote and list item with an edit map (one per block).
    const text = makeShape('tiny-quotes', 64_000);
    const before = editMap.linearConsumes;
    expect(tree(pipeline, text)).toBe(tree(withRuns, text));
    expect(editMap.linearConsumes - before).toBeLessThan(5);
    // micromark's event reads per character: ~8–11 without runs, a small constant with them, flat as the file grows.
    for (const name of ['tiny-quotes', 'tiny-list-items', 'many-headings']) {
      const perByte = [25_000, 100_000].map((size) => {
        const source = makeShape(name, size);
        const skeleton = shorten(source, MIN_MIDDLE, true, true)!;
        return parseWork(skeleton.text, { guard: true, fastTables: true, linearEditMap: true }) / size;
      });
      expect(perByte[0], name).toBeLessThan(0.1);
      expect(perByte[1], name).toBeLessThan(0.1);
    }
  });

  it('are not read after front matter that is never closed (upstream then opens no container at all)', () => {
    const text = `---\ntitle: a\n\n> quote\n\n- item\n`;
    expect(findBlockRuns(text)).toEqual([]);
    expect(tree(withRuns, text)).toBe(tree(upstream, text));
    const closed = `---\ntitle: a\n---\n\n> quote\n\n- item\n`;
    expect(findBlockRuns(closed)).toHaveLength(1);
    expect(tree(withRuns, closed)).toBe(tree(upstream, closed));
  });

  it('do not start a list after front matter whose group opened a list (upstream continues that list)', () => {
    // No blank line after the closing `---`: the front matter's group opens a root list; `- i1` is its second item.
    for (const text of ['---\nset\nline\n---\n- `c`\npara one\n\n- i1', '---\na: b\n---\n- `c`\n\n- i1\n\npara']) {
      expect(tree(withRuns, text), text).toBe(tree(upstream, text));
    }
  });

  it('do not start a list after a closing fence whose group opened a list (upstream continues that list)', () => {
    // The second group closes the fence and opens a root list; the `+ b` after the blank line is its second item.
    for (const text of ['```\nx\n\n```\n+ a\n\n+ b\n\npara', '```\n````\n```\n\n```\n- a\n\n- b\n\npara']) {
      expect(tree(withRuns, text), text).toBe(tree(upstream, text));
    }
  });
});
