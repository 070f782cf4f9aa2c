// Normaliser: front matter in every encoding / line-ending style, nesting, NFC mapping, alignment, plain text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { articleFromText } from '../pipeline/article.js';
import { MAX_CONTAINER_PREFIX, tameNesting } from '../pipeline/normalise.js';
import { blockRange, positionAt } from '../pipeline/source-map.js';
import type { Article, Block } from '../pipeline/types.js';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const utf16le = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
const utf16be = (s: string) => {
  const le = Buffer.from(s, 'utf16le');
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
  return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
};

/** Every block's map is well-formed: text.length + 1 entries, all inside the source text. */
function expectWellFormed(article: Article): void {
  const n = article.source.text.length;
  for (const block of article.blocks) {
    expect(block.sourceOffsets.length).toBe(block.text.length + 1);
    for (const offset of block.sourceOffsets) {
      expect(offset).toBeGreaterThanOrEqual(0);
      expect(offset).toBeLessThanOrEqual(n);
    }
    expect(block.text).toBe(block.text.normalize('NFC'));
    expect(block.text).not.toMatch(/\r/);
    for (const s of block.sentences) {
      expect(s.text).toBe(block.text.slice(s.start, s.end));
    }
  }
}

/** The original text a block range covers. */
function originalOf(article: Article, block: Block, start: number, end: number): string {
  const from = block.sourceOffsets[start];
  const to = block.sourceOffsets[end - 1] + 1;
  return article.source.text.slice(from, to);
}

describe('front matter', () => {
  const doc = (eol: string) =>
    ['---', 'title: Hello', 'tags: [a, b]', '---', '# Heading', '', 'Body text.', ''].join(eol);

  it.each([
    ['UTF-8 LF', (s: string) => Buffer.from(s), '\n'],
    ['UTF-8 BOM', (s: string) => Buffer.concat([BOM, Buffer.from(s)]), '\n'],
    ['UTF-8 BOM CRLF', (s: string) => Buffer.concat([BOM, Buffer.from(s)]), '\r\n'],
    ['CRLF', (s: string) => Buffer.from(s), '\r\n'],
    ['lone CR', (s: string) => Buffer.from(s), '\r'],
    ['UTF-16LE', utf16le, '\r\n'],
    ['UTF-16BE', utf16be, '\n'],
    ['Latin-1', (s: string) => Buffer.from(`${s}Caf\xe9.`, 'latin1'), '\n'],
  ])('is recognised with %s', (_label, encode, eol) => {
    const article = articleFromText('a.md', encode(doc(eol)));
    expect(article.frontMatter).toEqual({ title: 'Hello', tags: ['a', 'b'] });
    expect(article.title).toBe('Hello');
    expect(article.drafts).toEqual([]);
    expect(article.blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph']);
    expect(article.blocks[0].text).toBe('Heading');
    const heading = positionAt(article.source, article.blocks[0].sourceOffsets[0]);
    expect(heading).toEqual({ line: 5, column: 3 });
    expectWellFormed(article);
  });

  it('reports malformed YAML at the offending line, and still audits the body', () => {
    const article = articleFromText('a.md', '---\ntitle: ok\ntags: [a, b\n---\n# Heading\n\nBody.\n');
    expect(article.frontMatter).toBeNull();
    expect(article.title).toBe('Heading');
    expect(article.drafts).toHaveLength(1);
    expect(article.drafts[0]).toMatchObject({ ruleId: 'invalid-front-matter', severity: 'warning' });
    expect(article.drafts[0].line).toBeGreaterThanOrEqual(2);
    expect(article.drafts[0].line).toBeLessThanOrEqual(4);
    expect(article.blocks.map((b) => b.text)).toEqual(['Heading', 'Body.']);
  });

  it('reports duplicate keys and alias bombs as invalid front matter', () => {
    expect(articleFromText('a.md', '---\na: 1\na: 2\n---\nText.\n').drafts[0]).toMatchObject({
      ruleId: 'invalid-front-matter',
      line: 3,
    });
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      ...'bcdefghij'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghij'[i]}`).join(', ')}]`),
    ].join('\n');
    const article = articleFromText('a.md', `---\n${bomb}\n---\nText.\n`);
    expect(article.drafts.map((i) => i.ruleId)).toEqual(['invalid-front-matter']);
    expect(article.blocks.map((b) => b.text)).toEqual(['Text.']);
  });

  it('reports front matter that is not a mapping', () => {
    const article = articleFromText('a.md', '---\n- just\n- a list\n---\nText.\n');
    expect(article.frontMatter).toBeNull();
    expect(article.drafts[0]).toMatchObject({ ruleId: 'invalid-front-matter' });
    expect(article.drafts[0].message).toMatch(/not a YAML mapping/);
  });

  it('accepts empty front matter silently', () => {
    const article = articleFromText('a.md', '---\n---\n# T\n');
    expect(article.drafts).toEqual([]);
    expect(article.frontMatter).toBeNull();
  });

  it('reports unclosed front matter (it used to vanish into a thematic break and a paragraph)', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const article = articleFromText(
        'a.md',
        ['---', 'title: Lost', 'author: Someone', '', '# Heading', '', 'Body.'].join(eol),
      );
      expect(article.frontMatter).toBeNull();
      expect(article.drafts).toEqual([
        expect.objectContaining({ ruleId: 'invalid-front-matter', line: 1, column: 1, endLine: 1, endColumn: 4 }),
      ]);
      expect(article.drafts[0].message).toMatch(/not closed/);
      expect(article.blocks.some((b) => b.text === 'Body.')).toBe(true);
    }
    // A leading thematic break followed by prose is not front matter.
    expect(articleFromText('a.md', '---\n\nJust prose after a rule.\n').drafts).toEqual([]);
  });
});

describe('line endings', () => {
  it.each([['\n'], ['\r\n'], ['\r']])('block text uses LF and maps back to the original lines (%j)', (eol) => {
    const text = ['# Title', '', 'First line of the', 'paragraph ends here.', '', '- item one', '- item two', ''].join(
      eol,
    );
    for (const file of ['a.md', 'a.txt']) {
      const article = articleFromText(file, text);
      expectWellFormed(article);
      const para = article.blocks.find((b) => b.text.startsWith('First'))!;
      expect(para.text).toBe('First line of the\nparagraph ends here.');
      const at = para.text.indexOf('paragraph');
      expect(positionAt(article.source, para.sourceOffsets[at])).toEqual({ line: 4, column: 1 });
      // The LF inside the block maps to the end of line 3 (column ≤ line length + 1).
      expect(positionAt(article.source, para.sourceOffsets[para.text.indexOf('\n')])).toEqual({ line: 3, column: 18 });
    }
  });

  it('never puts a column past the end of a CRLF line', () => {
    const source = { text: 'ab\r\ncd', lineStarts: [0, 4] };
    expect(positionAt(source, 2)).toEqual({ line: 1, column: 3 });
    expect(positionAt(source, 3)).toEqual({ line: 1, column: 3 });
    expect(positionAt(source, 99)).toEqual({ line: 2, column: 3 });
    expect(positionAt(source, -5)).toEqual({ line: 1, column: 1 });
  });
});

describe('offset maps', () => {
  it('maps every character of plain, marked-up, Latin-1 and combining-mark paragraphs to its source', () => {
    const text =
      'A plain paragraph copied straight from the source.\n\n' +
      'Some *emphasis* and a [link](https://example.org) in between.\n\n' +
      'Déjà vu in Zürich, ½ of the ǅ digraph.\n\n' +
      'Cafe\u0301 culture spreads to every street of the town.\n';
    const article = articleFromText('maps.md', text);
    expect(article.blocks.map((b) => b.text)).toEqual([
      'A plain paragraph copied straight from the source.',
      'Some emphasis and a link in between.',
      'Déjà vu in Zürich, ½ of the ǅ digraph.',
      'Café culture spreads to every street of the town.',
    ]);
    for (const block of article.blocks) {
      expect(block.sourceOffsets.length).toBe(block.text.length + 1);
      for (let i = 0; i < block.text.length; i++) {
        const original = text[block.sourceOffsets[i]];
        // The composed é of "Café" maps to the e it was composed from.
        expect(block.text[i] === 'é' && original === 'e' ? 'é' : original, `${block.text} @${i}`).toBe(block.text[i]);
      }
      const last = block.text.length - 1;
      expect(block.sourceOffsets[last + 1]).toBe(text.indexOf('.', block.sourceOffsets[last]) + 1);
    }
  });
});

describe('offset maps of many small blocks', () => {
  it('maps every character of thousands of tiny nested quote and list blocks to its source, past shared chunks', () => {
    // Quotes inside list items and list items inside quotes (bench shape tiny-nested): their lines lose their `>` and
    // indentation, so no map is one ascending run; together they fill more than one shared chunk of maps.
    const words = ['housing', 'prices', 'minister', 'said', 'exports', 'rose', 'Tuesday', 'a', 'in'];
    const word = (i: number) => words[(i * 7 + (i >> 3)) % words.length];
    const phrase = (i: number, n: number) => Array.from({ length: n }, (_, k) => word(i + k)).join(' ');
    const parts: string[] = [];
    for (let i = 0; i < 2500; i++)
      parts.push(
        i % 2
          ? `- ${phrase(i, 3)}\n\n  > ${phrase(i + 1, 4)}\n  > ${phrase(i + 2, 3)}.\n\n`
          : `> - ${phrase(i, 4)}\n>   ${phrase(i + 3, 3)}.\n> - ${phrase(i + 4, 2)}.\n\n`,
      );
    const text = parts.join('');
    const article = articleFromText('tiny-nested.md', text);
    expect(article.blocks.length).toBe(5000);
    let mapped = 0;
    const wrong: string[] = [];
    for (const block of article.blocks) {
      const map = block.sourceOffsets;
      const n = block.text.length;
      let ok = map.length === n + 1 && map[n] === map[n - 1] + 1;
      for (let i = 0; ok && i < n; i++) ok = text[map[i]] === block.text[i];
      if (!ok) wrong.push(block.text);
      mapped += map.length;
    }
    expect(wrong).toEqual([]);
    expect(mapped).toBeGreaterThan(2 * (1 << 16));
  });
});

describe('Unicode', () => {
  it('maps NFC-composed text back to the decomposed original', () => {
    const article = articleFromText('a.md', 'Cafe\u0301 and \u1100\u1161\u11a8 then cafe\u0301s zebra.\n');
    const [block] = article.blocks;
    expect(block.text).toBe('Café and 각 then cafés zebra.');
    expectWellFormed(article);
    const z = block.text.indexOf('zebra');
    expect(originalOf(article, block, z, z + 5)).toBe('zebra');
    const c = block.text.indexOf('cafés');
    expect(article.source.text.slice(block.sourceOffsets[c], block.sourceOffsets[c + 4])).toBe('cafe\u0301');
  });

  it('keeps emoji ZWJ sequences, flags and RTL text intact with exact offsets', () => {
    const text = '# 👩‍👩‍👧 🇫🇷 family\n\nمرحبا بالعالم. שלום עולם! zebra\n';
    const article = articleFromText('a.md', text);
    expectWellFormed(article);
    expect(article.blocks[0].text).toBe('👩‍👩‍👧 🇫🇷 family');
    const para = article.blocks[1];
    expect(para.sentences.map((s) => s.text)).toEqual(['مرحبا بالعالم.', 'שלום עולם!', 'zebra']);
    for (const block of article.blocks)
      for (let i = 0; i < block.text.length; i++) expect(text[block.sourceOffsets[i]]).toBe(block.text[i]);
  });

  it('handles CJK-only articles (sentences and word counts)', () => {
    const article = articleFromText('a.txt', '東京の天気\n\n今日は晴れです。明日は雨でしょう！本当？\n');
    expect(article.title).toBe('東京の天気');
    const para = article.blocks[1];
    expect(para.sentences.map((s) => s.text)).toEqual(['今日は晴れです。', '明日は雨でしょう！', '本当？']);
    // Each Han/Kana character is a word (there are no spaces to split on).
    expect(article.words).toBe([...'東京の天気今日は晴れです明日は雨でしょう本当'].length);
  });
});

describe('markdown structure', () => {
  it('keeps a paragraph whose web address follows a bracket, with every word where the source has it', () => {
    // GFM finds these addresses by a find-and-replace that gives its nodes no position: the paragraph was lost.
    for (const line of [
      'See [https://example.org/a] and the notes.',
      'A copy is at [http://example.org/licence](http:/',
      'Mail [help@example.org] or *call [www.example.org] now* today.',
    ]) {
      const text = `# Page\n\nThe first paragraph stays as it is.\n\n${line}\n`;
      const article = articleFromText('a.md', text);
      const last = article.blocks[article.blocks.length - 1];
      expect(last.text.replace(/[*]/g, '')).toBe(line.replace(/[*]/g, ''));
      for (let k = 0; k < last.text.length; k++) expect(text[last.sourceOffsets[k]]).toBe(last.text[k]);
    }
  });

  it('survives 1,000 (and 20,000) levels of nested blockquotes without stack overflow', () => {
    for (const depth of [1000, 20_000]) {
      const article = articleFromText('a.md', `${'>'.repeat(depth)} deep zebra text\n`);
      expect(article.blocks.map((b) => [b.kind, b.text])).toEqual([['blockquote', 'deep zebra text']]);
      expect(positionAt(article.source, article.blocks[0].sourceOffsets[5])).toEqual({ line: 1, column: depth + 7 });
    }
  });

  it('handles 1,000 nested list levels in reasonable time, with exact positions', () => {
    const lines = Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i)}- item ${i}`);
    // No wall-clock assertion (speed lives in the benchmark); the test timeout guards against a quadratic blow-up.
    const article = articleFromText('a.md', lines.join('\n'));
    expect(article.blocks).toHaveLength(1000);
    expect(article.blocks.every((b) => b.kind === 'listItem' && b.inList)).toBe(true);
    article.blocks.forEach((block, i) => {
      expect(block.text).toBe(`item ${i}`);
      expect(positionAt(article.source, block.sourceOffsets[0])).toEqual({ line: i + 1, column: 2 * i + 3 });
    });
    expectWellFormed(article);
  });

  it('handles a single line of 1,000 nested list markers and deeply nested emphasis/links', () => {
    expect(articleFromText('a.md', `${'- '.repeat(1000)}x\n`).blocks.map((b) => b.text)).toEqual(['x']);
    const emphasis = articleFromText('a.md', `${'*'.repeat(500)}x${'*'.repeat(500)}\n`);
    expectWellFormed(emphasis);
    const links = articleFromText('a.md', `${'['.repeat(1000)}x${'](u)'.repeat(1000)}\n`);
    expectWellFormed(links);
  });

  it('tameNesting is the identity for ordinary documents and keeps a map otherwise', () => {
    expect(tameNesting('# a\n\n> b\n  - c\n').toSource).toBeNull();
    const deep = `${'>'.repeat(MAX_CONTAINER_PREFIX * 3)} x\r\n${' '.repeat(500)}y\n- z`;
    const { text, toSource } = tameNesting(deep);
    expect(toSource).not.toBeNull();
    expect(toSource!.length).toBe(text.length + 1);
    for (let i = 0; i < text.length; i++) expect(deep[toSource![i]]).toBe(text[i]);
    expect(text.split(/\r\n|\n/).map((l) => l.length)).toEqual([MAX_CONTAINER_PREFIX + 1, MAX_CONTAINER_PREFIX + 1, 3]);
  });

  it('tameNesting finds every line after LF, CRLF and lone CR endings, CRs before and after the cut ones', () => {
    const deep = `${'> '.repeat(MAX_CONTAINER_PREFIX)}x`;
    const source = `a\rb\r${deep}\r${deep}\nc\r\nd\n${deep}\r\n${deep}\r${deep}`;
    const { text, toSource } = tameNesting(source);
    for (let i = 0; i < text.length; i++) expect(source[toSource![i]]).toBe(text[i]);
    const lines = text.split(/\r\n|\r|\n/);
    expect(lines.length).toBe(9);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(MAX_CONTAINER_PREFIX + 1);
  });

  it('keeps exact offsets for random deep container prefixes (property)', () => {
    const prefix = fc
      .array(fc.constantFrom('>', '> ', ' ', '  ', '\t', '- ', '* ', '+ ', '1. ', '12) '), { maxLength: 120 })
      .map((p) => p.join(''));
    const line = fc.tuple(prefix, fc.constantFrom('alpha', 'Beta word', 'gamma-delta', '', 'x')).map(([p, w]) => p + w);
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 12 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        (lines, eol) => {
          const article = articleFromText('a.md', lines.join(eol));
          expectWellFormed(article);
          for (const block of article.blocks) {
            if (block.kind === 'thematicBreak') continue;
            for (let i = 0; i < block.text.length; i++) {
              if (/[a-z]/i.test(block.text[i])) expect(article.source.text[block.sourceOffsets[i]]).toBe(block.text[i]);
            }
          }
        },
      ),
      { seed: Number(process.env.FUZZ_SEED ?? 5), numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    );
  });

  it(
    'keeps positions exact when the text starts with U+FEFF (a second BOM; remark used to shift every offset by ' +
      'one)',
    () => {
      for (const bytes of [
        Buffer.from('\uFEFF\uFEFF# Title zebra\n\nBody zebra.\n'),
        Buffer.concat([
          Buffer.from([0xff, 0xfe]),
          Buffer.from('\uFEFF# Title zebra\r\n\r\nBody zebra.\r\n', 'utf16le'),
        ]),
      ]) {
        const article = articleFromText('a.md', bytes);
        expect(article.source.text.startsWith('\uFEFF#')).toBe(true);
        expect(article.blocks.map((b) => b.text)).toEqual(['Title zebra', 'Body zebra.']);
        for (const block of article.blocks) {
          const z = block.text.indexOf('zebra');
          expect(originalOf(article, block, z, z + 5)).toBe('zebra');
        }
        expect(positionAt(article.source, article.blocks[0].sourceOffsets[0])).toEqual({ line: 1, column: 4 });
      }
      const withFrontMatter = articleFromText('a.md', Buffer.from('\uFEFF\uFEFF---\ntitle: Double BOM\n---\nText.\n'));
      expect(withFrontMatter.frontMatter).toEqual({ title: 'Double BOM' });
      expect(articleFromText('a.md', Buffer.from('\uFEFF\uFEFF---\ntitle: Open\n\nText.\n')).drafts[0]).toMatchObject({
        ruleId: 'invalid-front-matter',
        line: 1,
        column: 2,
      });
    },
  );

  it('maps escapes, entities and continuation indentation into the right source span', () => {
    const text = '- first \\*line\n  second &amp; third &copy; zebra\n';
    const article = articleFromText('a.md', text);
    const [block] = article.blocks;
    expect(block.text).toBe('first *line\nsecond & third © zebra');
    expectWellFormed(article);
    const z = block.text.indexOf('zebra');
    expect(originalOf(article, block, z, z + 5)).toBe('zebra');
    const range = blockRange(article.source, block, block.text.indexOf('second'), block.text.indexOf('second') + 6);
    expect(range).toEqual({ line: 2, column: 3, endLine: 2, endColumn: 9 });
  });

  it('aligns a long paragraph full of entities without quadratic scans', () => {
    // (remark itself needs ~5 s per MB of entity-heavy text, so this stays small.)
    const article = articleFromText('a.md', 'w &copy; x &amp; '.repeat(2_000));
    expectWellFormed(article);
  });

  it('extracts GFM tables, code and HTML as non-prose blocks', () => {
    const article = articleFromText(
      'a.md',
      '| a | b |\n|---|---|\n| 1 | <b>2</b> |\n\n```js\nlet x = 1;\n```\n\n<div>html</div>\n',
    );
    expect(article.blocks.map((b) => b.kind)).toEqual(['table', 'code', 'html']);
    expect(article.blocks[0].text).toContain('a | b | 1 | 2');
    expectWellFormed(article);
  });
});

describe('Markdown structure a documentation site adds', () => {
  const kinds = (article: Article) => article.blocks.map((b) => [b.kind, b.text]);

  it('reads VitePress and Docusaurus containers as structure: fences dropped, titles as labels', () => {
    const text = [
      '# Guide',
      '',
      '::: tip Note',
      'Keep the tip short.',
      ':::',
      '',
      ':::warning',
      'Mind the gap.',
      ':::',
      '',
      '::: details Detailed Explanation',
      '',
      'The details.',
      '',
      ':::',
      '',
      ':::note[Docusaurus title]',
      'Body.',
      ':::',
      '',
      '::: code-group',
      '',
      '```sh',
      'npm i',
      '```',
      '',
      ':::',
      '',
    ].join('\n');
    const article = articleFromText('a.md', text);
    expect(kinds(article)).toEqual([
      ['heading', 'Guide'],
      ['heading', 'Note'],
      ['paragraph', 'Keep the tip short.'],
      ['paragraph', 'Mind the gap.'],
      ['heading', 'Detailed Explanation'],
      ['paragraph', 'The details.'],
      ['heading', 'Docusaurus title'],
      ['paragraph', 'Body.'],
      ['code', 'npm i'],
    ]);
    expect(article.title).toBe('Guide');
    expectWellFormed(article);
    const label = article.blocks[1];
    expect(originalOf(article, label, 0, label.text.length)).toBe('Note');
    expect(positionAt(article.source, article.blocks[2].sourceOffsets[0])).toEqual({ line: 4, column: 1 });
  });

  it('reads MkDocs admonitions and GitHub alerts as structure; a container title is never the article title', () => {
    const article = articleFromText(
      'a.md',
      '!!! warning "Careful now"\n    Indented body.\n\n> [!NOTE]\n> An alert.\n\n# Real title\n',
    );
    expect(kinds(article)).toEqual([
      ['heading', 'Careful now'],
      ['paragraph', 'Indented body.'],
      ['blockquote', 'An alert.'],
      ['heading', 'Real title'],
    ]);
    expect(article.title).toBe('Real title');
  });

  it(
    'reads the indented body of a MkDocs admonition as Markdown prose with exact positions; other indented code ' +
      'stays code',
    () => {
      const text =
        '# Setup\n\n!!! note "Before you start"\n\n    Install it with `npm i tool`, then zebra.\n\n    - a list ' +
        'item\n\nBack to text.\n\n    real indented code\n';
      const article = articleFromText('a.md', text);
      expect(kinds(article)).toEqual([
        ['heading', 'Setup'],
        ['heading', 'Before you start'],
        ['paragraph', 'Install it with npm i tool, then zebra.'],
        ['listItem', 'a list item'],
        ['paragraph', 'Back to text.'],
        ['code', 'real indented code'],
      ]);
      expectWellFormed(article);
      const body = article.blocks[2];
      const z = body.text.indexOf('zebra');
      expect(positionAt(article.source, body.sourceOffsets[z])).toEqual({
        line: 5,
        column: text.split('\n')[4].indexOf('zebra') + 1,
      });
      expect(body.inline?.map((s) => originalOf(article, body, s.start, s.end))).toEqual(['npm i tool']);
    },
  );

  it('drops heading attributes, and MDX imports only in .mdx files', () => {
    const article = articleFromText(
      'a.mdx',
      "import Tabs from '@theme/Tabs';\n\n# Custom Elements API {#custom-elements-api}\n\nUse `{#id}` {.literal} " +
        'text.\n',
    );
    expect(kinds(article)).toEqual([
      ['heading', 'Custom Elements API'],
      ['paragraph', 'Use {#id} {.literal} text.'],
    ]);
    expect(article.title).toBe('Custom Elements API');
    expect(kinds(articleFromText('a.md', 'import this module first.\n'))).toEqual([
      ['paragraph', 'import this module first.'],
    ]);
  });

  it('keeps inline code, links and emphasis as spans, and components and images as placeholder nouns', () => {
    const text =
      '# T\n\nAdd the `:css="false"` prop, see [`useHost()`](/api) <Badge text="3.5+" /> and *the* ![gear](g.png) ' +
      'icon.<br>Next.\n';
    const article = articleFromText('a.md', text);
    const block = article.blocks[1];
    expect(block.text).toBe('Add the :css="false" prop, see useHost() \ufffc and the \ufffc icon.\nNext.');
    const spans = (block.inline ?? []).map((s) => [
      s.kind,
      s.pos,
      block.text.slice(s.start, s.end),
      originalOf(article, block, s.start, s.end),
    ]);
    expect(spans).toEqual([
      ['code', 'noun', ':css="false"', ':css="false"'],
      ['link', 'noun', 'useHost()', 'useHost()'],
      ['code', 'noun', 'useHost()', 'useHost()'],
      ['html', 'noun', '\ufffc', '<'],
      ['emphasis', 'text', 'the', 'the'],
      ['image', 'noun', '\ufffc', '!'],
    ]);
    expectWellFormed(article);
    // A component at the edge of a heading is not part of its text.
    expect(
      articleFromText('a.md', '## useHost() <sup class="vt-badge" data-text="3.5+"/> {#usehost}\n').blocks[0].text,
    ).toBe('useHost()');
  });

  it(
    'reads inline HTML elements as spans: code-like elements are nouns, others prose; unbalanced tags stay ' +
      'harmless',
    () => {
      const text =
        '# T\n\nPress <kbd>Ctrl</kbd> + <kbd>K</kbd>, set <code>process.env<wbr>.NODE_ENV</code> and <span ' +
        'class="x">some <b>bold</b> words</span>. Unclosed <span>here.\n';
      const article = articleFromText('a.md', text);
      const block = article.blocks[1];
      expect(block.text).toBe('Press Ctrl + K, set process.env.NODE_ENV and some bold words. Unclosed here.');
      expect((block.inline ?? []).map((s) => [s.kind, s.pos, block.text.slice(s.start, s.end)])).toEqual([
        ['code', 'noun', 'Ctrl'],
        ['code', 'noun', 'K'],
        ['code', 'noun', 'process.env.NODE_ENV'],
        ['html', 'text', 'some bold words'],
        ['html', 'text', 'bold'],
      ]);
      expectWellFormed(article);
    },
  );

  it('keeps span offsets exact through CRLF, NFC and deep nesting', () => {
    const article = articleFromText('a.md', '> - Cafe\u0301 `co\u0301de` and\r\n>   **bold** [link](u)\r\n');
    const block = article.blocks[0];
    expect(block.text).toBe('Café códe and\nbold link');
    expect((block.inline ?? []).map((s) => block.text.slice(s.start, s.end))).toEqual(['códe', 'bold', 'link']);
    expectWellFormed(article);
  });
});

describe('empty and tiny documents', () => {
  it.each(['a.md', 'a.txt'])('audits empty / whitespace-only %s as a 0-word document', (file) => {
    for (const text of ['', ' ', '\n\n\n', ' \t\r\n \r', '\u00a0\u3000\n']) {
      const article = articleFromText(file, text);
      expect(article.blocks).toEqual([]);
      expect(article.words).toBe(0);
      expect(article.title).toBeNull();
      expect(article.titleBlockIndex).toBeNull();
    }
  });

  it('handles one-character and one-word articles', () => {
    for (const text of ['x', '.', '#', '-', '>', '*', '---', '```', '|', '&', '<', '\\', 'é', '😀', '\u0301']) {
      for (const file of ['a.md', 'a.txt']) expectWellFormed(articleFromText(file, text));
    }
    expect(articleFromText('a.txt', 'Word').title).toBe('Word');
  });
});

describe('plain text', () => {
  it('splits title, paragraphs, headings and list items', () => {
    const article = articleFromText(
      'a.txt',
      'My Title\nFirst paragraph, line one.\nLine two.\n\nA Heading\n\n- one\n- two\n',
    );
    expect(article.blocks.map((b) => [b.kind, b.text])).toEqual([
      ['heading', 'My Title'],
      ['paragraph', 'First paragraph, line one.\nLine two.'],
      ['heading', 'A Heading'],
      ['listItem', 'one'],
      ['listItem', 'two'],
    ]);
    expect(article.blocks[0].depth).toBe(1);
    expectWellFormed(article);
  });
});
