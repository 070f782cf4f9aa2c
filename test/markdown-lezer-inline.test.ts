// The Lezer inline converter (pipeline/markdown-lezer-inline.ts) gives upstream's phrasing nodes, positions included,
// or null: never different ones. Compared container by container with remark-parse + remark-gfm (unguarded) on every
// Markdown fixture and document of the repository and on generated inline soup in paragraphs, headings, quotes, list
// items and table cells. (scripts/lezer-inline-compare.ts does the same over the real pages of the tuning half.)
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parser } from '@lezer/markdown';
import { describe, expect, it } from 'vitest';
import { LEZER_GFM } from '../pipeline/markdown-lezer.js';
import { convertInline } from '../pipeline/markdown-lezer-inline.js';
import { mayHoldLiteral } from '../pipeline/markdown-lezer-inline-checks.js';
import { markdownFiles } from './helpers/markdown-files.js';
import { inContainer } from './helpers/markdown-trees.js';
import { compareInline, newTally, pointsOf, type Tally } from './helpers/lezer-inline-pairs.js';

const lezer = parser.configure(LEZER_GFM);

// Pieces of inline content: every construct the converter reads, and near misses of each.
const PIECE = fc.constantFrom(
  'a',
  'word',
  ' ',
  '  ',
  '\t',
  '`',
  '``',
  '`code`',
  '`` a`b ``',
  '` a `',
  '` `',
  '`a\\|b`',
  '\\',
  '\\\\',
  '\\`',
  '\\*',
  '\\|',
  '\\&',
  '\\[',
  '[',
  ']',
  '(',
  ')',
  '!',
  '[l](u)',
  '[l](<u v>)',
  '[l](u "t")',
  "[l](u 't &amp; \\\\')",
  '[l](u (t))',
  '[l](a\\)b)',
  '[l](a&amp;b)',
  '[`c` *e*](u)',
  '[](u)',
  '[]',
  '[l]()',
  '[r]',
  '[R ]',
  '[r][]',
  '[l][r]',
  '[l][x]',
  '[x]',
  '[x][]',
  '[*x*]',
  '[^1]',
  '![i](s)',
  '![*i* `c`](s "t")',
  '![r]',
  '![r][]',
  '![x]',
  '<http://a.b/c>',
  '<a@b.co>',
  '<a:b>',
  '<http://a&amp;b\\>',
  '<a+b@c>',
  '<mailto:a@b.c>',
  '<a@b-.c>',
  '<ab:c d>',
  '<b>',
  '</b>',
  '<a href="x">',
  '<!-- c -->',
  '<?p?>',
  'www.x.org',
  'http://x.y',
  'a@b.co',
  '@vue',
  'x.y',
  '*',
  '**',
  '***',
  '*e*',
  '**b**',
  '***a***',
  ' *e* ',
  'a*b',
  '*(p)*',
  '_',
  '__',
  '_e_',
  '__b__',
  'a_b_c',
  '~',
  '~~',
  '~d~',
  '~~d~~',
  '~~~',
  '&amp;',
  '&amp',
  '&AMP;',
  '&bogus;',
  '&#0;',
  '&#x41;',
  '&#X1F600;',
  '&#12345678;',
  '&nbsp;',
  'é',
  '\u00a0',
  '|',
  ':',
  '#',
  '€',
  '→',
  '™',
  '*€*',
  'a_€_b',
  // Constructs across a line ending (the block context adds its prefix to the next line).
  '[a\nb](u)',
  '*a\nb*',
  '`a\nb`',
  '`` \n ``',
  '<a\nb>',
  '[l](u\n"t")',
  '[r\n]',
  '![a\nb](u)',
  // HTML, references, literals and strikethrough near misses.
  '<a b="c">',
  '<x-y/>',
  '< a>',
  '<!---->',
  '<![CDATA[x]]>',
  '<!X y>',
  '[l](u&#41;)',
  '[l](\\(u)',
  '[l]( u )',
  '[L][r]',
  '[r][R]',
  '[ r ]',
  '[r][l]',
  'wwwx',
  'http:/x',
  'a@b',
  'x@y.z',
  '~~a~~b',
  'a~~b~~',
  '__a__b',
  '*a**b*',
  '\\#',
  ' #',
  '(~',
  '[a\\*b]',
  '[a*b]',
  '[&amp;]',
  '[&]',
  '[ß]',
  '[SS]',
  '~)',
  'x~',
  '~x',
  '.~.',
  '~\u00a0',
  '€~',
);
const READABLE = fc.constantFrom('a', 'word', ' ', '`code`', '[l](u)', ' *e* ', ' **b** ', '&amp;', '\\*', '(p).');
const LINE_END = fc.constantFrom('', '', '', ' ', '  ', '   ', '\\', '\t');
const lineText = fc
  .tuple(
    fc.constantFrom('', '', '', ' ', '   ', '\t'),
    fc.array(fc.oneof({ arbitrary: READABLE, weight: 2 }, { arbitrary: PIECE, weight: 2 }), { maxLength: 8 }),
    LINE_END,
  )
  .map(([start, pieces, end]) => `${start}${pieces.join('')}${end}`);
const lines = fc.array(lineText, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('\n'));
const cells = fc
  .array(fc.oneof({ arbitrary: READABLE, weight: 2 }, { arbitrary: PIECE, weight: 2 }), { maxLength: 6 })
  .map((pieces) => pieces.join('').replace(/\|/g, '\\|'));

const DEFINITIONS = '\n\n[r]: /def\n[l]: /l "title"\n[a\\*b]: /e\n[&amp;]: /f\n[ẞ]: /g\n';
const BLOCK_CONTEXTS = [
  (t: string) => t,
  (t: string) => `${t}${DEFINITIONS}`,
  (t: string) => `para\n\n${t}\n\nafter`,
  (t: string) => `# ${t.replace(/\n/g, ' ')}`,
  (t: string) => `## ${t.replace(/\n/g, ' ')} ##${DEFINITIONS}`,
  (t: string) => `${t}\n===`,
  (t: string) => `${t}\n---${DEFINITIONS}`,
  inContainer('> ', '> '),
  inContainer('> ', '> ', DEFINITIONS),
  inContainer('>', '>'),
  inContainer('> > ', '> > '),
  inContainer('> ', ''),
  inContainer('- ', '  '),
  inContainer('- ', '  ', DEFINITIONS),
  inContainer('1. ', '   '),
  inContainer('- ', ''),
  inContainer('- > ', '  > '),
  inContainer('  ', '  '),
  inContainer('> ', '> ', '\n> ---'),
  inContainer('- # ', '  '),
  inContainer('> ## ', '> '),
  inContainer('- [ ] ', '  '),
  inContainer('- [x]  ', '  ', DEFINITIONS),
  inContainer('1. [X] ', '   '),
];

// Soup in a table cell (its line endings and pipes escaped away: a cell is one line).
const CELL_CONTEXTS = [
  (t: string) =>
    `| a | ${t.replace(/\n/g, ' ').replace(/\|/g, '\\|')} |\n|---|---|\n| ${t.replace(/[\n|]/g, ' ')} | b |`,
  (t: string) => `> | ${t.replace(/\n/g, ' ').replace(/\|/g, '\\|')} |\n> |---|${DEFINITIONS}`,
];

/** The tally over `inputs`, checked: nothing different, and something read (so the comparison is not vacuous). */
/** Compare `text`'s inline nodes with upstream's; fail (naming the difference) when they differ. */
function expectSameNodes(text: string, tally: Tally): void {
  const before = tally.different;
  compareInline(text, tally, JSON.stringify(text));
  expect(tally.different, JSON.stringify(tally.differences.at(-1))).toBe(before);
}

function expectExact(tally: Tally): void {
  expect(tally.differences.slice(0, 3)).toEqual([]);
  expect(tally.different).toBe(0);
}

describe('Lezer inline content converted to mdast', () => {
  it('gives upstream’s nodes or null on generated inline soup in paragraphs, headings, quotes and list items', () => {
    const tally = newTally();
    fc.assert(
      fc.property(lines, fc.constantFrom(...BLOCK_CONTEXTS), fc.constantFrom('\n', '\r\n'), (t, context, eol) => {
        const text = context(t).split('\n').join(eol);
        expectSameNodes(text, tally);
      }),
      { numRuns: Number(process.env.LEZER_INLINE_RUNS ?? 3000) },
    );
    expectExact(tally);
    // Many containers are read (the pieces are dense with what is left to micromark: references, literals, tildes, HTML
    // near misses; real pages have almost no nulls).
    expect(tally.identical).toBeGreaterThan(tally.nulls / 2);
  });

  it('gives upstream’s nodes or null on character soup (every delimiter, bracket and prefix mixed at random)', () => {
    const tally = newTally();
    const soup = fc
      .array(fc.constantFrom(...'aaab  *_~`[]()!<>&#;\\\n:/.@"\'|-x1\twh=^€é\u00a0'.split('')), { maxLength: 24 })
      .map((chars) => chars.join(''));
    fc.assert(
      fc.property(
        soup,
        fc.constantFrom(...BLOCK_CONTEXTS, ...CELL_CONTEXTS),
        fc.constantFrom('\n', '\r\n'),
        (t, context, eol) => {
          const text = context(t).split('\n').join(eol);
          expectSameNodes(text, tally);
        },
      ),
      { numRuns: Number(process.env.LEZER_INLINE_RUNS ?? 3000) },
    );
    expectExact(tally);
    expect(tally.identical).toBeGreaterThan(tally.nulls);
  });

  it('gives upstream’s nodes or null in table cells', () => {
    const tally = newTally();
    fc.assert(
      fc.property(fc.array(cells, { minLength: 2, maxLength: 6 }), fc.boolean(), (parts, defs) => {
        const half = parts.length >> 1;
        const row = (cs: string[]) => `| ${cs.join(' | ')} |`;
        const rows = [row(parts.slice(0, half)), `|${'---|'.repeat(half)}`, row(parts.slice(half, 2 * half))];
        const text = `${rows.join('\n')}${defs ? DEFINITIONS : ''}`;
        expectSameNodes(text, tally);
      }),
      { numRuns: Number(process.env.LEZER_INLINE_RUNS ?? 1500) },
    );
    expectExact(tally);
    expect(tally.identical).toBeGreaterThan(tally.nulls);
  });

  it('gives upstream’s nodes or null on every Markdown fixture, corpus article and document', () => {
    const files = [...markdownFiles('test/fixtures'), ...markdownFiles('corpus'), ...markdownFiles('docs')];
    expect(files.length).toBeGreaterThan(100);
    const tally = newTally();
    for (const file of files) compareInline(readFileSync(file, 'utf8'), tally, file);
    expectExact(tally);
    expect(tally.identical).toBeGreaterThan(5000);
    expect(tally.nulls).toBeLessThan(tally.identical / 20);
  });

  it('reads a defined reference as a linkReference and an undefined one as its text', () => {
    const text = 'See [r] and [x], [R][] and ![r].\n\n[r]: /u';
    const node = lezer.parse(text).topNode.firstChild!;
    const children = convertInline(node, { text, point: pointsOf(text), definitions: new Set(['R']) })!;
    expect(children.map((n) => n.type)).toEqual([
      'text',
      'linkReference',
      'text',
      'linkReference',
      'text',
      'imageReference',
      'text',
    ]);
    expect(children[2].value).toBe(' and [x], ');
    const tally = newTally();
    compareInline(text, tally);
    expect(tally).toMatchObject({ identical: 1, nulls: 0, different: 0 });
  });

  it('returns null where emphasis could pair across an undefined reference’s brackets', () => {
    // Upstream: `*a [b*` is emphasis (the brackets are text); Lezer closed `[b* c]` as a link first.
    for (const text of ['*a [b* c]', '[a [x] b](u)', 'x ~y~ z', 'see www.x.org', 'mail a@b.co', 'n[^1]\n\n[^1]: f']) {
      const node = lezer.parse(text).topNode.firstChild!;
      expect(convertInline(node, { text, point: pointsOf(text), definitions: new Set() }), text).toBeNull();
    }
  });
});

describe('the literal checks', () => {
  it('find a URL look-alike in a text value exactly where the URL_LIKE pattern does (property)', () => {
    const point = { line: 1, column: 1, offset: 0 };
    const pieces = fc.constantFrom('w', 'W', 'ww', '.', 'www', 'WwW', 'http', 'HTTPS', ':', '/', '://', 's', ' ', 'a');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }), (parts) => {
        const value = parts.join('');
        const node = { type: 'text', value, position: { start: point, end: point } };
        expect(mayHoldLiteral([node]), value).toBe(/https?:\/\/|www\./i.test(value));
      }),
      { numRuns: 3000 },
    );
  });
});
