// The shortened parse (pipeline/markdown-skeleton.ts) and the autolink look-ahead (pipeline/markdown.ts): the trees,
// positions included, are the upstream parser's on generated inputs, the adversarial shapes and every Markdown file of
// the repository; and the e-mail literal is no longer tried at every word.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS helper shared with the benchmark
import { SHAPE_NAMES, makeShape } from '../bench/shapes.js';
import { createMarkdownParser, delimiterRowAhead } from '../pipeline/markdown.js';
import { shorten } from '../pipeline/markdown-skeleton.js';
import { constructTries, parseWork } from './helpers/parse-work.js';
import { markdownFiles } from './helpers/markdown-files.js';
import { tree } from './helpers/markdown-trees.js';

const upstream = createMarkdownParser({ guard: false });
const unshortened = createMarkdownParser({ engine: 'micromark', minMiddle: false });
const shortened = createMarkdownParser({ engine: 'micromark' });
const eager = createMarkdownParser({ engine: 'micromark', minMiddle: 1 });

describe('shortened Markdown parse', () => {
  it('gives the upstream tree on token soup with words, tabs, tags, code and line endings', () => {
    const piece = fc.constantFrom(
      'alpha',
      'Beta',
      'g9',
      'éte',
      ',',
      ' ',
      '  ',
      '\t',
      '\n',
      '\r\n',
      '\r',
      '\n\n',
      '[',
      ']',
      '](',
      ')',
      '"',
      "'",
      '*',
      '_',
      '`',
      '```\n',
      '    ',
      '<',
      '>',
      '<div ',
      '<a href="x" ',
      '<!-- ',
      ' -->',
      '|',
      '|---|\n',
      '# ',
      '- ',
      '1. ',
      '> ',
      '---\n',
      '===\n',
      'www.a.org',
      'https://e.com/p',
      'a@b.co',
      'mailto:',
      '&amp;',
      '\\',
      '.',
      '!',
      '[^1]',
      '[a]: /u\n',
      '\uE000',
      '’',
      'naïve',
      '\u0085',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const text = pieces.join('');
        const expected = tree(upstream, text);
        expect(tree(eager, text)).toBe(expected);
        expect(tree(createMarkdownParser({ engine: 'micromark', minMiddle: 6 }), text)).toBe(expected);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 400), seed: 7 },
    );
  });

  it('gives the upstream tree on every adversarial shape', () => {
    for (const name of SHAPE_NAMES as string[]) {
      const text = makeShape(name, 4000);
      const expected = tree(upstream, text);
      expect(tree(shortened, text), name).toBe(expected);
      expect(tree(eager, text), name).toBe(expected);
    }
  });

  it('gives the same tree on every Markdown file of the repository (corpus, docs, fixtures)', () => {
    const files = [...markdownFiles('corpus'), ...markdownFiles('docs'), ...markdownFiles('test/fixtures')];
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const expected = tree(unshortened, text);
      expect(tree(shortened, text), file).toBe(expected);
      expect(tree(eager, text), file).toBe(expected);
    }
  }, 120_000);

  it('shortens ordinary prose, and leaves alone text it must not touch', () => {
    const prose = 'The minister said on Tuesday that prices rose sharply in the capital, officials said.';
    const skeleton = shorten(prose, 10)!;
    expect(skeleton.text.length).toBeLessThan(prose.length / 2);
    expect(skeleton.text.startsWith('The ')).toBe(true);
    expect(skeleton.text.endsWith(' said.')).toBe(true);
    expect(shorten(`${prose}\n\n[a]: /u`, 10)).toBeNull(); // a definition: labels are matched by content
    expect(shorten(`${prose}’\uE000`, 10)).toBeNull(); // the marker range is in use
    expect(shorten(`${prose}\u0085`, 10)).toBeNull(); // the marker range of a Latin-1 text is in use
    // A Latin-1 text keeps Latin-1 markers (V8 keeps it, and every value sliced from it, one byte per character).
    expect(/[^\x00-\xff]/.test(skeleton.text)).toBe(false);
    expect(/[\uE000-\uF8FF]{2}/.test(shorten(`${prose} ’`, 10)!.text)).toBe(true);
    expect(shorten(`a\t${prose}`, 10)).toBeNull(); // a tab's width depends on its column
    expect(shorten(`<div ${prose}>`, 10)).toBeNull(); // a tag's attributes must stay names
    expect(shorten(`<div x>\n\n${prose}`, 10)).not.toBeNull(); // a tag ends before a blank line
  });

  it('does less parsing work per byte on prose, and the work per byte stays flat as it grows 8-fold', () => {
    // Event reads (deterministic), of the text micromark is given, per byte of the original.
    const work = (text: string) => parseWork(shorten(text)?.text ?? text, { guard: true }) / text.length;
    const prose = makeShape('paragraphs', 4000);
    expect(work(prose)).toBeLessThan(0.6 * (parseWork(prose, { guard: true }) / prose.length));
    expect(work(makeShape('paragraphs', 32000))).toBeLessThan(1.5 * work(prose));
  });

  it('keeps an HTML block whose tag has many attributes (a marker is not an attribute name)', () => {
    const text = '<div a1 a2 a3 a4 a5 a6 a7 a8>\n\ntext\n';
    expect(tree(eager, text)).toBe(tree(upstream, text));
    expect((eager.parse(text) as { children: { type: string }[] }).children[0].type).toBe('html');
  });
});

describe('autolink look-ahead', () => {
  it('starts the e-mail literal only where a run of its characters reaches `@`', () => {
    const prose = makeShape('paragraphs', 20000);
    // Upstream tries it at every word start; guarded, never in prose without `@`, and at each candidate with one.
    expect(constructTries(prose, 'emailAutolink')).toBe(0);
    expect(constructTries(`${prose} write to a.b@c.org or x@y.`, 'emailAutolink')).toBe(2);
    expect(constructTries(prose, 'wwwAutolink')).toBe(0);
    const links = (prose.match(/https:\/\//g) ?? []).length;
    expect(links).toBeGreaterThan(10);
    // Inside a link's destination (string content) the literal is never tried at all.
    expect(constructTries(`${prose} see http://a.org and https://b.org`, 'protocolAutolink')).toBe(2);
  });
});

describe('table look-ahead', () => {
  it('lets a line be a head row only when the next line could be a delimiter row', () => {
    expect(delimiterRowAhead('a | b\n|---|:-:|\n', 0)).toBe(true);
    expect(delimiterRowAhead('a | b\r\n> | - |', 2)).toBe(true);
    expect(delimiterRowAhead('a | b\n\t-\t', 0)).toBe(true);
    expect(delimiterRowAhead('a | b\n| x |', 0)).toBe(false);
    expect(delimiterRowAhead('a | b\n| : |', 0)).toBe(false); // no dash
    expect(delimiterRowAhead('a | b', 0)).toBe(false); // no next line
  });

  it('gives the upstream tree on tables next to prose', () => {
    const row = fc.constantFrom('a', ' | ', '|', '-', ':', '\\|', '`|`', ' ', '\n', '\r\n', '> ', '  ', '\t', 'b c d');
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        expect(tree(shortened, text)).toBe(tree(upstream, text));
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 400), seed: 11 },
    );
  });
});
