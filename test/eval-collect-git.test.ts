// The Git documentation collector (eval/collect-git-docs.js): links between pages, code fences, how asciidoc's
// definition lists, admonitions, footnotes and page chrome come out on pandoc's tree, and, where pandoc is installed
// (apt-get install pandoc), a whole run over a few invented pages shaped like asciidoc's HTML.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- the evaluation is plain JavaScript (like bench/), without declarations
import * as collector from '../eval/collect-git-docs.js';

const { codeFence, collectGitDocs, convertDocument, fileName, pageLink } = collector;

type Node = { t: string; c?: unknown };
const attr = (id = '', classes: string[] = []) => [id, classes, []];
const words = (text: string): Node[] =>
  text.split(' ').flatMap((w, i) => (i ? [{ t: 'Space' }, { t: 'Str', c: w }] : [{ t: 'Str', c: w }]));
const para = (text: string): Node => ({ t: 'Para', c: words(text) });
const convert = (blocks: Node[], from = 'git-demo') => convertDocument({ blocks, meta: {} }, from).blocks;

describe('collect-git-docs: names and links', () => {
  it('names pages by folder', () => {
    expect(fileName('git-add')).toBe('git_git-add.md');
    expect(fileName('howto/maintain-git')).toBe('git_howto_maintain-git.md');
    expect(fileName('technical/racy-git')).toBe('git_technical_racy-git.md');
  });

  it('points links between pages at the converted files, and leaves other links alone', () => {
    expect(pageLink('git-commit.html', 'git-add')).toBe('git_git-commit.md');
    expect(pageLink('git-commit.html#_options', 'git-add')).toBe('git_git-commit.md#_options');
    expect(pageLink('../git-add.html', 'howto/maintain-git')).toBe('git_git-add.md');
    expect(pageLink('racy-git.html', 'technical/shallow')).toBe('git_technical_racy-git.md');
    expect(pageLink('https://example.org/page.html', 'git-add')).toBe('https://example.org/page.html');
    expect(pageLink('#_see_also', 'git-add')).toBe('#_see_also');
    expect(pageLink('../../outside.html', 'howto/x')).toBe('../../outside.html');
  });

  it('fences code with more backticks than it holds', () => {
    expect(codeFence('$ git log\n\n')).toBe('```\n$ git log\n```\n');
    expect(codeFence('a ``` b')).toBe('````\na ``` b\n````\n');
  });
});

describe("collect-git-docs: asciidoc's blocks on pandoc's tree", () => {
  it('leaves out the chrome and the manual page suffix of the title, keeps the NAME line', () => {
    const header = {
      t: 'Div',
      c: [
        attr('header'),
        [
          { t: 'Header', c: [1, attr('_x'), words('git-demo(1) Manual Page')] },
          { t: 'Plain', c: [{ t: 'Span', c: [attr('author'), words('A. Writer')] }, { t: 'LineBreak' }] },
          para('git-demo - Show a demonstration'),
        ],
      ],
    };
    const footer = { t: 'Div', c: [attr('footer'), [para('Last updated 2024-01-01')]] };
    expect(convert([header, para('Body text here.'), footer])).toEqual([
      { t: 'Header', c: [1, attr(), words('git-demo(1)')] },
      para('git-demo - Show a demonstration'),
      para('Body text here.'),
    ]);
  });

  it('puts each definition term alone in a bold paragraph, its alternatives separated by commas', () => {
    const list = {
      t: 'DefinitionList',
      c: [
        [[{ t: 'Str', c: '-n' }, { t: 'LineBreak' }, { t: 'Str', c: '--dry-run' }], [[para('Do not act.')]]],
        [[{ t: 'Code', c: [attr(), 'core.demo'] }], [[para('A setting.'), para('More on it.')]]],
      ],
    };
    expect(convert([list])).toEqual([
      {
        t: 'Para',
        c: [
          { t: 'Strong', c: [{ t: 'Str', c: '-n' }] },
          { t: 'Str', c: ',' },
          { t: 'Space' },
          { t: 'Strong', c: [{ t: 'Str', c: '--dry-run' }] },
        ],
      },
      para('Do not act.'),
      { t: 'Para', c: [{ t: 'Strong', c: [{ t: 'Code', c: [attr(), 'core.demo'] }] }] },
      para('A setting.'),
      para('More on it.'),
    ]);
  });

  it('turns an admonition table into a quote that starts with its label', () => {
    const cell = (blocks: Node[]) => [attr(), { t: 'AlignDefault' }, 1, 1, blocks];
    const label = { t: 'Div', c: [attr('', ['title']), [{ t: 'Plain', c: words('Warning') }]] };
    const row = [attr(), [cell([label]), cell([para('Mind the gap.')])]];
    const table = { t: 'Table', c: [attr(), [null, []], [], [attr(), []], [[attr(), 0, [], [row]]], [attr(), []]] };
    expect(convert([{ t: 'Div', c: [attr('', ['admonitionblock']), [table]] }])).toEqual([
      {
        t: 'BlockQuote',
        c: [
          {
            t: 'Para',
            c: [{ t: 'Strong', c: [{ t: 'Str', c: 'Warning:' }] }, { t: 'Space' }, ...words('Mind the gap.')],
          },
        ],
      },
    ]);
  });

  it("makes asciidoc's bracketed footnote a footnote and a code block a fence", () => {
    const note = {
      t: 'Span',
      c: [attr('', ['footnote']), [{ t: 'LineBreak' }, ...words('[See the list.]'), { t: 'LineBreak' }]],
    };
    const code = { t: 'CodeBlock', c: [attr('', ['content']), 'git demo\n'] };
    expect(convert([{ t: 'Para', c: [{ t: 'Str', c: 'Text' }, note] }, code])).toEqual([
      {
        t: 'Para',
        c: [
          { t: 'Str', c: 'Text' },
          { t: 'Note', c: [para('See the list.')] },
        ],
      },
      { t: 'RawBlock', c: ['gfm', '```\ngit demo\n```\n'] },
    ]);
  });
});

const hasPandoc = spawnSync('pandoc', ['--version']).status === 0;
const sentence = 'The reader follows each step of the walk and notes what every command does to the files. ';
const prose = (n: number) => sentence.repeat(n).trim();
const page = (title: string, body: string) =>
  `<html><body class="manpage"><div id="header"><h1>${title} Manual Page</h1><h2>NAME</h2>` +
  `<div class="sectionbody"><p>${title} - a demonstration</p></div></div><div id="content">${body}</div>` +
  '<div id="footnotes"><hr /></div>' +
  '<div id="footer"><div id="footer-text">Last updated 2024-05-31</div></div></body></html>';

describe.skipIf(!hasPandoc)('collect-git-docs: a run over invented pages', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'git-doc-'));
  const out = path.join(dir, 'out');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const body =
    '<div class="sect1"><h2 id="_description">DESCRIPTION</h2><div class="sectionbody">' +
    `<div class="paragraph"><p>${prose(3)} See <a href="git-other.html">git-other(1)</a> and use ` +
    '<code>git demo --all</code> when &lt;path&gt; exists.</p></div>' +
    '<div class="listingblock"><div class="content"><pre><code>$ git demo &lt;path&gt;</code></pre></div></div>' +
    '<div class="dlist"><dl><dt class="hdlist1">-q</dt><dt class="hdlist1">--quiet</dt>' +
    '<dd><p>Say nothing at all.</p></dd></dl></div>' +
    '<div class="ulist"><ul><li><p>an item</p></li></ul></div></div></div>';
  writeFileSync(path.join(dir, 'git-demo.html'), page('git-demo', body));
  writeFileSync(path.join(dir, 'git-echo.html'), page('git-demo', body));
  writeFileSync(path.join(dir, 'git-tiny.html'), page('git-tiny', '<p>Too short.</p>'));
  writeFileSync(path.join(dir, 'index.html'), page('index', body));
  writeFileSync(path.join(dir, 'diff-options.txt'), 'an include of other pages\n');
  mkdirSync(path.join(dir, 'howto'));
  writeFileSync(path.join(dir, 'howto', 'walk.html'), page('walk', body.replace('git-other.html', '../git-demo.html')));
  const result = collectGitDocs(dir, out, { minWords: 20, maxWords: 400 });

  it('keeps the pages as git_<page>.md and says why the others went', () => {
    expect(result.kept).toEqual(['git-demo', 'howto/walk']);
    expect(result.skipped).toEqual({
      'asciidoc source only': ['diff-options'],
      copy: ['git-echo'],
      index: ['index'],
      short: ['git-tiny'],
    });
    expect(readdirSync(out).sort()).toEqual(['git_git-demo.md', 'git_howto_walk.md']);
  });

  it('converts the title, links, code, entities and the definition list', () => {
    const markdown = readFileSync(path.join(out, 'git_git-demo.md'), 'utf8');
    expect(markdown.startsWith('# git-demo\n\n## NAME\n\ngit-demo - a demonstration\n')).toBe(true);
    expect(markdown).not.toMatch(/Last updated|Manual Page|<div/);
    expect(markdown).toContain('[git-other(1)](git_git-other.md)');
    expect(markdown).toContain('```\n$ git demo <path>\n```\n');
    expect(markdown).toContain('\n**-q**, **--quiet**\n\nSay nothing at all.\n');
    expect(readFileSync(path.join(out, 'git_howto_walk.md'), 'utf8')).toContain('[git-other(1)](git_git-demo.md)');
    const tree = unified().use(remarkParse).parse(markdown);
    const kinds = tree.children.map((n) => n.type);
    expect(kinds).toEqual([
      'heading',
      'heading',
      'paragraph',
      'heading',
      'paragraph',
      'code',
      'paragraph',
      'paragraph',
      'list',
    ]);
    expect(JSON.stringify(tree)).toContain('"value":" when <path>\\nexists."');
    expect(JSON.stringify(tree)).not.toContain('"type":"html"');
  });
});
