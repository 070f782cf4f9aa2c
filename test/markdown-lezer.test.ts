// The Lezer parse path (pipeline/markdown-lezer.ts with the inline converter of pipeline/markdown-lezer-inline.ts):
// where it gives a tree, the tree is upstream's (remark-parse + GFM + front matter, positions included), whole.
// Checked on every Markdown file of the repository and its fixtures, and on
// generated compositions of every block construct in every container context. Ineligible documents (footnotes, long
// blocks and lines, deep nesting, dense blocks) are never read by Lezer.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS helper shared with the benchmark
import { SHAPE_NAMES, makeShape } from '../bench/shapes.js';
import { createMarkdownParser } from '../pipeline/markdown.js';
import { parseWithLezer } from '../pipeline/markdown-lezer.js';
import { convertInline } from '../pipeline/markdown-lezer-inline.js';
import { lezerIneligibility } from '../pipeline/markdown-lezer-eligible.js';
import { frontMatterOf } from '../pipeline/markdown-lezer-front.js';
import { markdownFiles } from './helpers/markdown-files.js';
import { TABLE_CONTEXTS, unitsWithGaps } from './helpers/markdown-trees.js';
import { UNITS } from './helpers/markdown-units.js';

const upstream = createMarkdownParser({ guard: false });

interface Node {
  type: string;
  children?: Node[];
}

/** The whole tree as JSON (node types, values, positions, phrasing content). */
function blocksOnly(node: Node): string {
  return JSON.stringify(node);
}

/** Lezer's tree equals upstream's, or Lezer declines (null); returns whether it converted. */
function sameBlocks(text: string, label = text): boolean {
  const ours = parseWithLezer(text);
  if (!ours) return false;
  const got = blocksOnly(ours as Node);
  const want = blocksOnly(upstream.parse(text) as Node);
  if (got !== want) {
    // The neighbourhood of the first difference (whole trees are too long to read in a failure).
    let at = 0;
    while (got[at] === want[at]) at++;
    expect(got.slice(Math.max(0, at - 300), at + 200), label).toBe(want.slice(Math.max(0, at - 300), at + 200));
  }
  return true;
}

const composition = unitsWithGaps(UNITS, 8).chain((parts) =>
  fc
    .tuple(
      fc.constant(parts),
      fc.boolean(),
      fc.constantFrom(...TABLE_CONTEXTS),
      fc.constantFrom('', '---\ntitle: x\n---\n', '+++\na = 1\n+++\n\n', '---\n---\n'),
    )
    .map(([units, trailing, context, front]) => {
      const body = units.map(([unit, gap]) => unit + gap).join('');
      return front + context(trailing ? body : body.replace(/\s+$/, ''));
    }),
);

describe('the Lezer parse path', () => {
  it("gives upstream's whole tree on generated compositions of every block construct, in every container", () => {
    let converted = 0;
    fc.assert(
      fc.property(composition, (text) => {
        if (sameBlocks(text)) converted++;
      }),
      { numRuns: Number(process.env.LEZER_FUZZ_RUNS ?? 3000) }, // more: LEZER_FUZZ_RUNS=50000
    );
    expect(converted).toBeGreaterThan(600); // the path is really taken (~30 % of these odd compositions)
  });

  it('reads a root paragraph or heading the inline converter declines with micromark alone, not the document', () => {
    // Each has a bare URL or e-mail literal, or a reference the inline converter cannot prove, near emphasis.
    const declining = [
      'see http://x.com/a_b_ *em* here',
      'mail a@b.co **b**',
      'a *b [undef* c] [x]',
      '[x] www.e.org _d_',
      '[a *b*][undef] and [y][]',
      'a@b.co\ncontinued *line* [y]',
      '# head www.e.com *h*',
      'set https://e.org\n===',
      ' indented http://e.org [Y]',
    ];
    const others = ['plain *p*', '[x]: /u', '[y]: /v "t"', '- item', '> quote', '```\nc\n```', '| a |\n| - |\n| b |'];
    const documents = fc
      .tuple(
        fc.array(fc.constantFrom(...declining), { minLength: 1, maxLength: 3 }),
        fc.array(fc.constantFrom(...others), { maxLength: 4 }),
        fc.array(fc.nat(), { minLength: 7, maxLength: 7 }),
      )
      .map(([bad, good, order]) => {
        const blocks = [...bad, ...good].map((block, i) => ({ block, key: order[i % order.length] + i / 100 }));
        return blocks
          .sort((a, b) => a.key - b.key)
          .map(({ block }) => block)
          .join('\n\n');
      });
    let declinedBlocks = 0;
    const counting = (node: Parameters<typeof convertInline>[0], ctx: Parameters<typeof convertInline>[1]) => {
      const children = convertInline(node, ctx);
      if (!children) declinedBlocks++;
      return children;
    };
    fc.assert(
      fc.property(documents, (text) => {
        expect(lezerIneligibility(text), text).toBeNull();
        const before = declinedBlocks;
        const ours = parseWithLezer(text, counting);
        // Lezer's path was taken although the inline converter declined at least one block.
        expect(ours, text).not.toBeNull();
        expect(declinedBlocks, text).toBeGreaterThan(before);
        expect(blocksOnly(ours as Node), text).toBe(blocksOnly(upstream.parse(text) as Node));
      }),
      { numRuns: Math.ceil(Number(process.env.LEZER_FUZZ_RUNS ?? 3000) / 10) },
    );
    // In a container the document is still declined as a whole.
    expect(parseWithLezer('> see http://x.com *em*')).toBeNull();
    expect(parseWithLezer('- mail a@b.co **b**')).toBeNull();
  });

  it("declines a paragraph holding a table's head and delimiter rows (micromark starts the table there)", () => {
    for (const text of ['Para | x\n| a | b |\n|---|---|', 'p\n\na | b\nc | d\n--|--\n', ':--\n:--', 'a\n-:\n']) {
      expect(sameBlocks(text), text).toBe(false);
    }
  });

  it('declines a definition whose destination has unbalanced parentheses (upstream reads a paragraph)', () => {
    expect(sameBlocks('[x]: /u(')).toBe(false);
    expect(sameBlocks('[x]: /u(v)\n\n[x]')).toBe(true);
  });

  it('declines a list not starting at 1 (or empty) after indented code, across the marks of its containers', () => {
    // The block before the list comes from the walk (quote marks between skipped), not from a walk back.
    for (const text of ['    code\n\n2. x\n', '> a\n>\n>     code\n>\n> 2. x\n', '    code\n\n- \n']) {
      let reason = '';
      expect(
        parseWithLezer(text, undefined, (why) => {
          reason = why;
        }),
        text,
      ).toBeNull();
      expect(reason, text).toBe('list interrupting a paragraph');
    }
    expect(sameBlocks('    code\n\n1. x\n')).toBe(true);
    expect(sameBlocks('> a\n>\n> b\n>\n> 2. x\n')).toBe(true);
  });

  it("keeps upstream's value for a line of white space holding a tab in a code block's stripped indent", () => {
    // micromark strips the indent's columns from it (what is left of a tab becomes spaces): Lezer declines.
    for (const text of [
      '  ```\na\n\t\nb\n  ```\n',
      ' ~~~\nx\n\t\n~~~\n',
      '    a\n\t\n    b\n',
      '    a\n \t\n    b\n',
    ]) {
      expect(sameBlocks(text), text).toBe(false);
    }
    // A tab past the stripped indent, or no indent to strip: Lezer's value is upstream's.
    for (const text of ['   ```\na\n   \t\nb\n   ```\n', '```\na\n\t\nb\n```\n', '    a\n    \t\n    b\n']) {
      expect(sameBlocks(text), text).toBe(true);
    }
  });

  it("gives upstream's tree for URL-like text in a link's text (no literal there: emphasis, code apply)", () => {
    // Lezer's GFM literals read `www.a.com/*x*` as one URL (text) where upstream, inside a label, finds emphasis.
    const texts = [
      '[see www.a.com/*x*](y)',
      '[http://a.com/*x*](y)',
      '[www.a.com/_x_](y)',
      '[www.a.com/`x`](y)',
      '![http://a.com/*x*](y)',
      '[x www.a.com/&amp;](y)',
      '[http://a.com/\\*x](y)',
      '[www.a.com/*x* y](z "t")',
      '- [www.a.com/*x*](y)\n\n> [see https://a.com/**b**](y)',
    ];
    for (const text of texts) {
      expect(parseWithLezer(text), text).not.toBeNull();
      expect(sameBlocks(text), text).toBe(true);
    }
  });

  it('converts task list items (checked, and the paragraph after the checkbox)', () => {
    const tasks = [
      '- [ ] task\n- [x] done',
      '- [X]  two spaces *e*  \n  next line',
      '1. [ ] *em* first\n\n   second [x]\n\n[x]: /u',
      '> - [x] `code` y\n> lazy',
      '- [ ] a\n  - [x] b\n\n- c',
    ];
    for (const text of tasks) {
      const ours = parseWithLezer(text);
      expect(ours, text).not.toBeNull();
      expect(blocksOnly(ours as Node), text).toBe(blocksOnly(upstream.parse(text) as Node));
    }
  });

  it("gives upstream's whole tree on every Markdown file of the repository, its fixtures and the demo corpus", () => {
    const files = markdownFiles('.');
    let converted = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      if (lezerIneligibility(text) === null && sameBlocks(text, file)) converted++;
    }
    expect(converted).toBeGreaterThan(files.length * 0.8);
  });

  it("gives upstream's whole tree on every eligible adversarial shape it converts", () => {
    let converted = 0;
    for (const name of SHAPE_NAMES as string[]) {
      const text = makeShape(name, 12_000);
      if (lezerIneligibility(text) === null && sameBlocks(text, name)) converted++;
    }
    expect(converted).toBeGreaterThan(10);
  });

  it('reads front matter as remark-frontmatter does', () => {
    expect(frontMatterOf('---\na: 1\n---  \nx')).toEqual({ type: 'yaml', value: 'a: 1', end: 14 });
    expect(frontMatterOf('+++\r\na = 1\r\nb = 2\r\n+++')).toEqual({ type: 'toml', value: 'a = 1\r\nb = 2', end: 22 });
    expect(frontMatterOf('---\n---\n')).toEqual({ type: 'yaml', value: '', end: 7 });
    expect(frontMatterOf('---\na: 1\n')).toBeNull();
    expect(frontMatterOf('--- x\na\n---')).toBeNull();
    for (const text of ['---\na: 1\n---  \nx', '---\n---\n# h', '---\na\n\nb\n---\n\n- i']) sameBlocks(text);
  });

  it('declines every adversarial shape that Lezer does not parse in linear time', () => {
    const linear = new Set<string>();
    for (const name of SHAPE_NAMES as string[]) {
      const text = makeShape(name, 200_000);
      if (lezerIneligibility(text) === null) linear.add(name);
    }
    for (const shape of [
      'urls',
      'emails',
      'deep-quotes',
      'deep-lists',
      'one-line',
      'one-paragraph',
      'open-brackets',
      'nested-brackets',
    ])
      if ((SHAPE_NAMES as string[]).includes(shape)) expect(linear.has(shape), shape).toBe(false);
  });

  it("is what createMarkdownParser's engine 'auto' uses where eligible, and micromark everywhere else", () => {
    const auto = createMarkdownParser({ engine: 'auto' });
    const eligible = '# Title\n\nSome *prose* here.\n\n- a\n- b\n\n| x | y |\n|---|---|\n| 1 | 2 |\n';
    let converted = 0;
    const counting = createMarkdownParser({
      engine: 'auto',
      inline: (node, ctx) => {
        converted++;
        return convertInline(node, ctx);
      },
    });
    expect(blocksOnly(counting.parse(eligible) as Node)).toBe(blocksOnly(upstream.parse(eligible) as Node));
    // The Lezer path was taken: the inline converter read the heading, the paragraph, the items and the cells.
    expect(converted).toBeGreaterThanOrEqual(8);
    // Ineligible (footnotes) and declined (a literal in a container) documents get micromark's whole tree.
    for (const text of ['a[^1]\n\n[^1]: note', '> see http://x.com *em*']) {
      expect(JSON.stringify(auto.parse(text))).toBe(JSON.stringify(upstream.parse(text)));
    }
    // The default engine is auto, micromark only with engine 'micromark'.
    expect(JSON.stringify(createMarkdownParser().parse(eligible))).toBe(JSON.stringify(upstream.parse(eligible)));
    expect(JSON.stringify(createMarkdownParser({ engine: 'micromark' }).parse(eligible))).toBe(
      JSON.stringify(upstream.parse(eligible)),
    );
  });

  it('declines footnotes, long lines, long blocks and deep nesting', () => {
    expect(lezerIneligibility('a[^1]\n\n[^1]: n')).toBe('footnote');
    expect(lezerIneligibility(`${'word '.repeat(1000)}`)).toBe('long-line');
    expect(lezerIneligibility(`${'word word word\n'.repeat(1200)}`)).toBe('long-block');
    expect(lezerIneligibility(`${'> '.repeat(9)}x`)).toBe('deep-nesting');
    expect(lezerIneligibility(`${'- '.repeat(9)}x`)).toBe('deep-nesting');
    expect(lezerIneligibility(`${' '.repeat(65)}x`)).toBe('deep-nesting');
    // Lezer reads only \n as a line ending.
    expect(lezerIneligibility('a\r\nb')).toBe('carriage-return');
    expect(parseWithLezer('# a\r\nb')).toBeNull();
    expect(lezerIneligibility('- a\n  - b\n\n> > q\n\n1. 2023. was a year')).toBeNull();
  });
});
