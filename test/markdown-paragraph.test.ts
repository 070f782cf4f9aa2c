// Dense paragraphs read without micromark's inline parse (pipeline/markdown-paragraph.ts): the trees, positions
// included, are the upstream parser's on generated paragraphs (the constructs read and near misses of each, line
// starts that open other blocks, every line break) in many block contexts, on the dense shapes and on every real
// Markdown file; the shapes are really read so; and the work per byte is bounded and flat as a file grows 4-fold.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS helper shared with the benchmark
import { makeShape } from '../bench/shapes.js';
import { createMarkdownParser } from '../pipeline/markdown.js';
import { exactParagraphs, standInParagraphs } from '../pipeline/markdown-paragraph.js';
import { shorten } from '../pipeline/markdown-skeleton.js';
import { markdownFiles } from './helpers/markdown-files.js';
import { parseWork } from './helpers/parse-work.js';
import { inContainer, tree } from './helpers/markdown-trees.js';

const upstream = createMarkdownParser({ guard: false });
const pipeline = createMarkdownParser({ engine: 'micromark' });
// Every paragraph the reader can read, whatever its size and punctuation: the strictest comparison.
const eager = createMarkdownParser({ engine: 'micromark', exactParagraphs: { minBlock: 1, ratio: 0 } });
// The same with runs of simple blocks read in files of any size: the stand-ins are parsed with block runs then.
const eagerWithRuns = createMarkdownParser({
  engine: 'micromark',
  exactParagraphs: { minBlock: 1, ratio: 0 },
  blockRunsFrom: 0,
});

const SHAPES = ['dense-small', 'dense-small-quote', 'dense-small-list'];

// Pieces of paragraphs: what the reader reads, and near misses of each.
const PIECE = fc.constantFrom(
  'a',
  'word',
  ' ',
  '  ',
  '`',
  '``',
  '`code`',
  '`` a`b ``',
  '` a `',
  '\\',
  '\\\\',
  '\\`',
  '\\*',
  '\\&',
  '\\@',
  '[',
  ']',
  '(',
  ')',
  '[l](u)',
  '[`c` &amp; d](u)',
  '[](u)',
  '[]',
  '[l][r]',
  '[r]',
  '[^1]',
  '![i](s)',
  '[l](u "t")',
  '[l](a&amp;b)',
  'www.x.org',
  'http://x.y',
  'a@b.co',
  '&#64;',
  '*',
  '**',
  '*e*',
  '**b**',
  ' *e* ',
  'a*b',
  '*(p)*',
  '***a***',
  '_',
  '~',
  '<',
  '&amp;',
  '&amp',
  '&AMP;',
  '&bogus;',
  '&#0;',
  '&#x41;',
  '&#X1F600;',
  '&#12345678;',
  '&#xD800;',
  '&nbsp;',
  '&ThisIsAVeryLongNameOfMoreThanThirtyOne;',
  'é',
  '\u00a0',
  '|',
  ':',
);
const READABLE = fc.constantFrom('a', 'word', ' ', '`code`', '[l](u)', ' *e* ', ' **b** ', '&amp;', '\\*', '(p).');
// Starts of lines: ones only a paragraph can have, and ones that open (or might open) another block.
const LINE_START = fc.constantFrom(
  '',
  '',
  '',
  'w',
  '`c` ',
  '[l](u) ',
  '*e* ',
  '**b** ',
  '&amp; ',
  '\\# ',
  '2024 ',
  '# ',
  '- ',
  '+ ',
  '* ',
  '1. ',
  '2) ',
  '1.5 ',
  '> ',
  '=',
  '===',
  '---',
  '***',
  '* * *',
  '|',
  ':--',
  '<div>',
  '<!-- ',
  '```',
  '~~~',
  '    ',
  ' ',
  '\t',
  '[x]: /u',
  '[^1]: n',
  '\ufeff',
);
const LINE_END = fc.constantFrom('', '', '', ' ', '  ', '   ', '\\', '\\\\', '\t');
const lineText = fc
  .tuple(
    LINE_START,
    fc.array(fc.oneof({ arbitrary: READABLE, weight: 3 }, { arbitrary: PIECE, weight: 1 }), { maxLength: 8 }),
    LINE_END,
  )
  .map(([start, pieces, end]) => `${start}${pieces.join('')}${end}`);
const paragraph = fc.array(lineText, { minLength: 1, maxLength: 4 }).map((lines) => lines.join('\n'));

const CONTEXTS = [
  (t: string) => t,
  (t: string) => `para\n\n${t}\n\nafter`,
  (t: string) => `para\n${t}`,
  (t: string) => `${t}\n===`,
  (t: string) => `${t}\n\n[r]: /def\n[^1]: note`,
  (t: string) => `\`\`\`\n${t}\n\`\`\``,
  (t: string) => `- \`\`\`\n\n${t}\n`,
  (t: string) => `<!--\n\n${t}\n\n-->`,
  (t: string) => `<pre>\n\n${t}`,
  (t: string) => `<div>\n\n${t}`,
  (t: string) => `    code\n\n${t}`,
  (t: string) => `---\ntitle: x\n---\n\n${t}`,
  inContainer('> ', '> '),
  inContainer('> ', '> ', '\n>\n> after'),
  inContainer('> > ', '> > ', '\n\nafter'),
  inContainer('>', '>'),
  inContainer('> ', '>'),
  inContainer('> ', ''),
  inContainer('> > ', '> '),
  inContainer('> ', '> ', '\nlazy'),
  inContainer('- ', '  '),
  inContainer('- ', '  ', '\n- next'),
  inContainer('- ', '  ', '\n\n  more'),
  inContainer('- ', ''),
  inContainer('1. ', '   '),
  inContainer('10) ', '    '),
  inContainer('-   ', '    '),
  inContainer('- ', '   '),
  inContainer('- ', ' '),
  inContainer('- a\n\n', '  '),
  inContainer('- a\n\n  ', '  '),
  inContainer('- a\n\n    ', '    '),
  inContainer('  - ', '    '),
  inContainer('- > ', '  > '),
  inContainer('> - ', '>   '),
  inContainer('- - ', '    '),
  inContainer('* ', '  '),
  inContainer('  ', '  '),
  inContainer(' ', ''),
  // Runs of paragraphs and quotes (all but the first of a run are not parsed), and what may follow them.
  (t: string) => `${t}\n\n${t}\n\n\n${t}\n\nafter`,
  (t: string) => `- a\n\n${t}\n\n${t}\n\n  indented`,
  (t: string) => `${t}\n\n${t}\n\n    code`,
  (t: string) => `${t}\n\n${t}\n\n- item\n\n${t}\n\n${t}`,
  (t: string) => `${t}\n \n${t}\n\t\n${t}\n===`,
  (t: string) => `${t}\n\n${t}\n\n[r]: /u\n\n${t}`,
  (t: string) => `> ${t}\n\n> ${t}\n\n> ${t}\n\nafter`,
  (t: string) => `${t}\n\n> ${t}\n\n${t}\n\n> ${t}\n>\n> x`,
  (t: string) => `> ${t}\n\n> ${t}\n> ${t}\n\n- ${t}\n\n${t}\n\n${t}\n`,
  (t: string) => `\`\`\`\n${t}\n\n${t}\n\`\`\`\n${t}\n\n${t}\n\nz`,
  (t: string) => `- ${t}\n\n- ${t}\n\n- ${t}\n\nafter`,
  (t: string) => `- ${t}\n\n- ${t}\n\n- x\n- ${t}\n\n- ${t}`,
  (t: string) => `- ${t}\n\n- ${t}\n\n  more\n\n- ${t}\n\n* ${t}\n\n* ${t}\n\n1. ${t}\n\n2. ${t}\n\nz`,
  (t: string) => `1. ${t}\n\n2) ${t}\n\n3) ${t}\n\n10) ${t}\n\n    code`,
  (t: string) => `- ${t}\n\n- ${t}\n\n    code\n\n- 1. ${t}\n\n- 1. ${t}\n\n- ${t}\n\n> ${t}\n\n${t}\n\n- ${t}\n\nx`,
];

interface Node {
  type: string;
  children?: Node[];
}
const paragraphs = (node: Node, out: Node[] = []): Node[] => {
  if (node.type === 'paragraph') out.push(node);
  for (const child of node.children ?? []) paragraphs(child, out);
  return out;
};

describe('dense paragraphs read without micromark', () => {
  it('gives the upstream tree on generated paragraphs in many block contexts', () => {
    let runs = 0;
    let read = 0;
    let hidden = 0;
    fc.assert(
      fc.property(paragraph, fc.constantFrom(...CONTEXTS), fc.constantFrom('\n', '\r\n'), (t, context, eol) => {
        const text = context(t).split('\n').join(eol);
        // (A leading U+FEFF never reaches the parser: normalise's tameNesting removes it first.)
        if (text.charCodeAt(0) === 0xfeff) return;
        const expected = tree(upstream, text);
        expect(tree(eager, text)).toBe(expected);
        expect(tree(eagerWithRuns, text)).toBe(expected);
        expect(tree(pipeline, text)).toBe(expected);
        runs++;
        if (exactParagraphs(text, 1, 0).length > 0) read++;
        if (standInParagraphs(text, 1, 0)?.paragraphs.some((p) => p.hidden)) hidden++;
      }),
      { numRuns: Number(process.env.PARAGRAPH_RUNS ?? 4000) },
    );
    // The reader's path is exercised (many generated paragraphs hold something it leaves to upstream).
    expect(read).toBeGreaterThan(runs / 10);
    expect(hidden).toBeGreaterThan(runs / 100);
  });

  it('reads what it reads as upstream does: breaks, references, code spans, links, emphasis', () => {
    const text = '> `c` [l](u) *e* &amp; &#x41;  \n> **b** \\*x\\\n> y \n> z';
    expect(exactParagraphs(text, 1, 0)).toHaveLength(1);
    expect(tree(eager, text)).toBe(tree(upstream, text));
    const [quote] = (eager.parse(text) as Node).children!;
    expect(quote.children![0].children!.map((n) => n.type)).toEqual([
      'inlineCode',
      'text',
      'link',
      'text',
      'emphasis',
      'text',
      'break',
      'strong',
      'text',
      'break',
      'text',
    ]);
  });

  it('leaves a paragraph that goes on past a line that is no fence (`` ````a` ``) alone', () => {
    for (const text of ['para\n\n&amp; \n````code`\n\nafter', '`c` x\n```a`b\n\n`c` y\n\nz']) {
      expect(tree(eager, text), text).toBe(tree(upstream, text));
      expect(standInParagraphs(text, 1, 0)?.paragraphs.some((p) => p.start > 0 && p.start < 8) ?? false).toBe(false);
    }
  });

  it('reads the dense shapes itself (every whole paragraph), with the upstream tree', () => {
    for (const name of SHAPES) {
      const text = makeShape(name, 20_000) as string;
      const found = paragraphs(pipeline.parse(text) as Node).length;
      // Every paragraph but the last (cut by the shape's size) is read here.
      expect(exactParagraphs(text).length, name).toBeGreaterThanOrEqual(found - 1);
      expect(tree(pipeline, text), name).toBe(tree(upstream, text));
    }
    // Dense content in fenced code has no inline parse: nothing to read.
    expect(exactParagraphs(makeShape('dense-fenced', 20_000))).toEqual([]);
  });

  // (Event reads per byte through micromark's inline parse: ~72 on each shape; with the reader 0.4–3.7, most of it
  // the blank lines of the list items and quotes not parsed.)
  it('parses the dense shapes with bounded work per byte, flat as the file grows 4-fold', () => {
    const work = (text: string) => {
      const standIn = standInParagraphs(text)?.text ?? text;
      return parseWork(shorten(standIn)?.text ?? standIn, { guard: true, linearEditMap: true }) / text.length;
    };
    for (const name of SHAPES) {
      const small = work(makeShape(name, 100_000));
      const large = work(makeShape(name, 400_000));
      expect(small, name).toBeLessThan(5);
      expect(large, name).toBeLessThan(1.5 * small + 0.01);
    }
  });
});

describe('dense paragraphs on real Markdown', () => {
  it('keeps the upstream tree of every real file, with every paragraph the reader can read read by it', () => {
    const realDocs = join(__dirname, '..', '..', 'shared', 'real-prose', 'docs-vue'); // read in place when present
    const files = [...markdownFiles('.'), ...markdownFiles(realDocs)];
    expect(files.length).toBeGreaterThan(100);
    let read = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const expected = tree(upstream, text);
      expect(tree(pipeline, text), file).toBe(expected);
      expect(tree(eager, text), file).toBe(expected);
      read += exactParagraphs(text, 1, 0).length;
    }
    expect(read).toBeGreaterThan(1000);
  });
});
