// The PostgreSQL documentation collector (eval/collect-postgres-docs.js): which pages it keeps, how it turns pandoc's
// reading of DocBook HTML into what a Markdown site publishes, and, where pandoc is installed (apt-get install pandoc),
// a whole run over a small invented manual.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- the evaluation is plain JavaScript (like bench/), without declarations
import * as collector from '../eval/collect-postgres-docs.js';
// @ts-expect-error -- plain JavaScript, as above
import { pageMeasures, skipReason } from '../eval/page-measures.js';

const { evenSpread, levelHeadings, navLink, partsOf, publishable, readingOrder } = collector;
const { unmarkFences, unnestCode } = collector;

const limits = { minWords: 20, maxWords: 400 };
const sentence = 'The careful reader follows each chapter slowly and notes what every example shows. ';
const prose = (n: number) => sentence.repeat(n).trim();
const reason = (markdown: string) => skipReason(pageMeasures(markdown, { gfm: true }), { ...limits, listings: true });
const base = 'https://docs.example.test/15/';

// pandoc's JSON elements, written by hand
const str = (text: string) =>
  text.split(' ').flatMap((w, i) => (i ? [{ t: 'Space' }, { t: 'Str', c: w }] : [{ t: 'Str', c: w }]));
const attr = (id = '', classes: string[] = []) => [id, classes, []];
const div = (classes: string[], content: unknown[], id = '') => ({ t: 'Div', c: [attr(id, classes), content] });
const para = (inlines: unknown[]) => ({ t: 'Para', c: inlines });
const code = (text: string) => ({ t: 'Code', c: [attr('', ['literal']), text] });
const link = (url: string, inlines: unknown[], classes: string[] = []) => ({
  t: 'Link',
  c: [attr('', classes), inlines, [url, 'a title']],
});

describe('collect-postgres-docs: which pages are kept', () => {
  it('keeps a page of prose with some code', () => {
    expect(reason(`# Title\n\n${prose(3)}\n\n\`\`\`\nSELECT 1;\n\`\`\`\n`)).toBeNull();
  });

  it('leaves out short, long and mostly-code pages', () => {
    expect(reason(`# Title\n\n${prose(1)}\n`)).toBe('short');
    expect(reason(`# Title\n\n${prose(40)}\n`)).toBe('long');
    expect(reason(`# T\n\n${prose(2)}\n\n\`\`\`\n${'SELECT a, b, c FROM t WHERE x = 1;\n'.repeat(6)}\`\`\`\n`)).toBe(
      'mostly code',
    );
  });

  it('leaves out a table of contents and a listing whose words are mostly in table cells', () => {
    const entries = Array.from({ length: 12 }, (_, i) => `- [Section ${i}: Reading the rows](x.html)`).join('\n');
    expect(reason(`# Title\n\n${prose(1)}\n\n${entries}\n`)).toBe('contents');
    const rows = Array.from(
      { length: 10 },
      (_, i) => `| \`fn${i}(x)\` | Returns the value of the row counted twice. |`,
    );
    const listing = `# Title\n\n${prose(1)}\n\n| Function | Description |\n|---|---|\n${rows.join('\n')}\n`;
    expect(pageMeasures(listing, { gfm: true }).tableWords).toBeGreaterThan(60);
    expect(reason(listing)).toBe('listing');
    const small = `# Title\n\n${prose(4)}\n\n| Name | Meaning |\n|---|---|\n| a | the first |\n`;
    expect(reason(small)).toBeNull();
  });

  it('takes an even spread in reading order when more pages fit than asked for', () => {
    const pages = Array.from({ length: 10 }, (_, i) => `p${i}`);
    expect(evenSpread(pages, 4)).toEqual(['p0', 'p2', 'p5', 'p7']);
    expect(evenSpread(pages, 20)).toEqual(pages);
  });
});

describe('collect-postgres-docs: the manual navigation', () => {
  const header = (up: string, next: string) =>
    `<div class="navheader"><a accesskey="u" href="${up}">Up</a><a accesskey="n" href="${next}">Next</a></div>`;

  it('reads the Up and Next links of the navigation header only', () => {
    const html = `<html><body>${header('ch.html', 'b.html')}<p><a accesskey="n" href="z.html">x</a></p></body></html>`;
    expect(navLink(html, 'u')).toBe('ch.html');
    expect(navLink(html, 'n')).toBe('b.html');
    expect(navLink('<div class="navheader"></div>', 'u')).toBe('');
  });

  it('finds each page’s part and the reading order', () => {
    const ups = new Map([
      ['index.html', ''],
      ['part.html', 'index.html'],
      ['ch.html', 'part.html'],
      ['a.html', 'ch.html'],
      ['other.html', 'index.html'],
    ]);
    expect(Object.fromEntries(partsOf(ups))).toEqual({
      'index.html': 'index.html',
      'part.html': 'part.html',
      'ch.html': 'part.html',
      'a.html': 'part.html',
      'other.html': 'other.html',
    });
    const nexts = new Map([
      ['index.html', 'part.html'],
      ['part.html', 'a.html'],
      ['a.html', ''],
      ['lost.html', ''],
    ]);
    expect(readingOrder(nexts)).toEqual(['index.html', 'part.html', 'a.html', 'lost.html']);
  });
});

describe('collect-postgres-docs: what a Markdown site publishes', () => {
  const doc = (blocks: unknown[]) => publishable({ 'pandoc-api-version': [1, 22], meta: {}, blocks }, base);

  it('drops the page chrome and unwraps divisions and spans, keeping their text', () => {
    const out = doc([
      div(['navheader'], [para(str('Prev Up Next'))]),
      div(
        ['sect1'],
        [
          div(['toc'], [para(str('1. Contents'))]),
          para([{ t: 'Span', c: [attr('x', ['productname']), str('PostgreSQL')] }]),
        ],
      ),
    ]);
    expect(out.blocks).toEqual([para([{ t: 'Str', c: 'PostgreSQL' }])]);
  });

  it('writes a definition list as the term in bold on its own paragraph, then its description', () => {
    const out = doc([
      {
        t: 'DefinitionList',
        c: [[[code('-a'), { t: 'LineBreak' }, code('--all')], [[para(str('Dumps every table.'))]]]],
      },
    ]);
    expect(out.blocks).toEqual([
      para([
        {
          t: 'Strong',
          c: [
            { t: 'Code', c: [attr(), '-a'] },
            { t: 'Str', c: ',' },
            { t: 'Space' },
            { t: 'Code', c: [attr(), '--all'] },
          ],
        },
      ]),
      para(str('Dumps every table.')),
    ]);
  });

  it('turns a note into a block quote with a bold title, and links to other pages into absolute links', () => {
    const out = doc([
      div(['note'], [{ t: 'Header', c: [3, attr(), str('Note')] }, para([link('sql-select.html#X', str('SELECT'))])]),
    ]);
    expect(out.blocks).toEqual([
      {
        t: 'BlockQuote',
        c: [
          para([{ t: 'Strong', c: str('Note') }]),
          para([{ t: 'Link', c: [attr(), str('SELECT'), [`${base}sql-select.html#X`, '']] }]),
        ],
      },
    ]);
  });

  it('collapses white space in a code span as HTML does, and moves a footnote to where its mark stands', () => {
    const out = doc([
      para([
        ...str('Sorted by'),
        { t: 'Space' },
        code('NULLS\n    FIRST'),
        { t: 'Str', c: '.' },
        { t: 'SoftBreak' },
        link('#ftn.n1', [{ t: 'Superscript', c: str('[1]') }], ['footnote']),
      ]),
      div(
        ['footnotes'],
        [
          div(
            ['footnote'],
            [para([link('#n1', str('[1]')), { t: 'Space' }, ...str('Not in the standard.')])],
            'ftn.n1',
          ),
        ],
      ),
    ]);
    expect(out.blocks).toEqual([
      para([
        ...str('Sorted by'),
        { t: 'Space' },
        { t: 'Code', c: [attr(), 'NULLS FIRST'] },
        { t: 'Str', c: '.' },
        { t: 'Note', c: [para(str('Not in the standard.'))] },
      ]),
    ]);
  });

  it('puts the first heading at level 1 and the rest from level 2', () => {
    const h = (level: number) => ({ t: 'Header', c: [level, attr(), str('H')] });
    const levels = (list: { c: unknown[] }[]) => list.map((x) => x.c[0]);
    expect(levels(levelHeadings([h(2), h(2), h(3)]))).toEqual([1, 2, 3]);
    expect(levels(levelHeadings([h(2), h(3), h(4)]))).toEqual([1, 2, 3]);
  });

  it('unwraps a code element nested in a code element, and only there', () => {
    const nested = '<code class="literal">."$<em class="replaceable"><code>name</code></em>"</code>';
    expect(unnestCode(nested)).toBe('<code class="literal">."$<em class="replaceable">name</em>"</code>');
    const alone = 'use <em class="replaceable"><code>a</code></em> or <em class="replaceable"><code>b</code></em>';
    expect(unnestCode(alone)).toBe(alone);
  });

  it('takes the marker class off fence lines only', () => {
    expect(unmarkFences('``` pgdocs-code\nSELECT 1;\n```\n\n```` pgdocs-code\nx\n````\n`pgdocs-code`\n')).toBe(
      '```\nSELECT 1;\n```\n\n````\nx\n````\n`pgdocs-code`\n',
    );
    expect(unmarkFences('> **Note**\n>\n> ``` pgdocs-code\n> SELECT 1;\n> ```\n\n    ``` pgdocs-code\n')).toBe(
      '> **Note**\n>\n> ```\n> SELECT 1;\n> ```\n\n    ```\n',
    );
  });
});

const hasPandoc = spawnSync('pandoc', ['--version']).status === 0;

describe.skipIf(!hasPandoc)('collect-postgres-docs: a run over an invented manual', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pg-html-'));
  const html = path.join(dir, 'html');
  const out = path.join(dir, 'out');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(html);
  const page = (name: string, up: string, next: string, body: string) =>
    writeFileSync(
      path.join(html, name),
      [
        `<html><head><title>${name}</title></head><body><div class="navheader"><table><tr>`,
        `<td><a accesskey="u" href="${up}">Up</a></td><td><a accesskey="n" href="${next}">Next</a></td>`,
        `</tr></table></div>${body}<div class="navfooter"><a href="${up}">Up</a></div></body></html>`,
      ].join(''),
    );
  page('index.html', '', 'tutorial.html', '<title>PostgreSQL 15.9 Documentation</title><p>Index</p>');
  page(
    'tutorial.html',
    'index.html',
    'tutorial-one.html',
    '<div class="toc"><dl><dt><a href="tutorial-one.html">1. One</a></dt></dl></div>',
  );
  const body = [
    '<div class="sect1"><div class="titlepage"><h2 class="title">1.1. Getting Started</h2></div>',
    `<p>${prose(3)} See <a class="xref" href="tutorial-two.html" title="Two">Section 1.2</a>.</p>`,
    '<pre class="programlisting">SELECT &lt;b&gt; FROM t;</pre>',
    '<div class="variablelist"><dl class="variablelist"><dt><span class="term"><code class="literal">-v</code></span>',
    '</dt><dd><p>Prints more.</p></dd></dl></div>',
    '<div class="note"><h3 class="title">Note</h3><p>Mind the gap &amp; the step.</p></div>',
    '<div class="informaltable"><table><thead><tr><th>Name</th><th>Use</th></tr></thead><tbody><tr>',
    '<td><code class="literal">a</code></td><td><p>First.</p><p>Second.</p></td></tr></tbody></table></div>',
    '</div>',
  ].join('\n');
  page('tutorial-one.html', 'tutorial.html', 'tutorial-two.html', body);
  page('tutorial-two.html', 'tutorial.html', 'internals.html', `<h2>Two</h2><p>${prose(3)}</p>`);
  page('internals.html', 'index.html', '', `<h2>Internals</h2><p>${prose(3)}</p>`);

  it('keeps the pages of the parts asked for and writes them as GFM', async () => {
    const result = await collector.collectPostgresDocs(html, out, {
      ...limits,
      maxPages: 1,
      base,
      parts: ['tutorial.html'],
    });
    expect(result.kept).toEqual(['tutorial-one']);
    expect(result.skipped).toEqual({
      'part index': ['index'],
      'part internals': ['internals'],
      short: ['tutorial'],
      spread: ['tutorial-two'],
    });
    expect(readdirSync(out)).toEqual(['pg_tutorial-one.md']);
    const markdown = readFileSync(path.join(out, 'pg_tutorial-one.md'), 'utf8');
    expect(markdown).toContain('# 1.1. Getting Started\n');
    expect(markdown).toContain(`See [Section 1.2](${base}tutorial-two.html).`);
    expect(markdown).toContain('```\nSELECT <b> FROM t;\n```');
    expect(markdown).toContain('**`-v`**\n\nPrints more.');
    expect(markdown).toContain('> **Note**\n>\n> Mind the gap & the step.');
    expect(markdown).toMatch(/\| `a` +\| First\. Second\. \|/);
    expect(markdown).not.toMatch(/Up|Next|navheader|pgdocs-code/);
  });
});
