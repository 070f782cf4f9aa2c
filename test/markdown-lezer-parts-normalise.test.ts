// Lezer in parts (issue #18) checked at the end of the pipeline: normalise() of generated documents of 16 KB or more
// (and the tree) is the same, every field and typed array, with parts as small as they may be and with the document
// parsed whole, and the same as micromark's where Lezer converts the document. The generator is independent of
// test/helpers/markdown-units.ts: its blocks are drawn per document from a pool (lists of every kind at columns 0–3,
// fences in containers, HTML blocks of each kind across blank lines, tables, indented code, admonitions, front matter,
// tabs, entities, non-ASCII), and some documents end with a block Lezer declines late (the restart path).
import { describe, expect, it, vi } from 'vitest';

/** Which parser normalise's module-level parser stands for while a case runs. */
const mode = { engine: 'whole' as 'whole' | 'parts' | 'micromark' };

vi.mock('../pipeline/markdown.js', async (importOriginal) => {
  const original = (await importOriginal()) as typeof import('../pipeline/markdown.js');
  return {
    ...original,
    createMarkdownParser: (options: Parameters<typeof original.createMarkdownParser>[0] = {}) => {
      const parsers = {
        whole: original.createMarkdownParser({ ...options, lezerPart: 0 }),
        // Part size 1: a part ends at every line where one may.
        parts: original.createMarkdownParser({ ...options, lezerPart: 1 }),
        micromark: original.createMarkdownParser({ ...options, engine: 'micromark' }),
      };
      return {
        parse: (text: string) => parsers[mode.engine].parse(text),
        parseEach: (text: string, visit: (node: unknown) => void, restart: () => void) =>
          parsers[mode.engine].parseEach(text, visit, restart),
      };
    },
  };
});

import { articleFromText } from '../pipeline/article.js';
import { parseWithLezer } from '../pipeline/markdown-lezer.js';

/** xorshift32: the same documents on every run. */
function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

const WORDS = ['alpha', 'Bäume', 'naïve', 'café', '東京', 'x&amp;y', '&copy;', '&#x41;', '*em*', '**strong**'];
WORDS.push('`c`');
WORDS.push('[l](/u)', '<http://a.b>', 'a_b_c', 'The', 'claim', '42%', 'in 2020', 'ß', 'emoji😀', '\\*', '~~s~~');

/** The block shapes a document is made of; each takes the document's random source. */
function blockShapes(r: () => number): (() => string)[] {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const words = (n: number) => Array.from({ length: 1 + Math.floor(r() * n) }, () => pick(WORDS)).join(' ');
  const indent = () => ' '.repeat(Math.floor(r() * 4));
  const marker = () => pick(['-', '+', '*', '1.', '1)', '3.', '10.']);
  const fence = () => pick(['```', '~~~', '````']);
  return [
    () => words(20),
    () => `${pick(['#', '##', '######', ' ###'])} ${words(4)}${pick(['', ' ##'])}`,
    () => `${words(4)}\n${pick(['===', '  ==', '='])}`,
    () => `${indent()}${marker()} ${words(4)}`,
    () => `${pick(['-', '*', '1.'])} ${words(2)}\n\n  ${words(2)}\n\n${pick(['-', '*', '1.'])} ${words(2)}`,
    () => `- ${words(2)}\n\n* ${words(2)}\n\n+ ${words(2)}\n\n1. ${words(2)}\n\n1) ${words(2)}`,
    () => `${' '.repeat(1 + Math.floor(r() * 3))}${pick(['-', '*', '+', '1.', '1)'])} ${words(2)}`,
    () => `- a\n  - b\n    - c\n\n      ${words(2)}\n\n  - d`,
    () => `- [ ] ${words(2)}\n- [x] ${words(2)}`,
    () => `${indent()}${pick(['***', '* * *', '___', '_ _ _'])}`,
    () => `${fence()}${pick(['', 'js', ' py x'])}\n${words(3)}\n\n${words(2)}\n${fence()}`,
    () => `- ${fence()}\n  ${words(3)}\n\n  ${words(2)}\n  ${fence()}`,
    () => `> ${fence()}\n> ${words(3)}\n>\n> ${words(2)}\n> ${fence()}`,
    () => `- ${words(2)}\n\n  <!--\n\n  ${words(2)}\n\n  -->\n\n- ${words(1)}`,
    () => pick(['<script>\nx\n\ny\n</script>', '<pre>\n\nx\n</pre>', '<style>\np{}\n\n</style>']),
    () => pick(['<textarea>\n\nx</textarea>', '<!-- a\n\nb -->', '<?php\n\n echo 1; ?>', '<![CDATA[\n\nx\n]]>']),
    () => pick(['<!DOCTYPE html>', `<div>\n${words(3)}\n</div>`, `<custom-tag a="b">\n${words(2)}`]),
    () => `<details>\n<summary>${words(1)}</summary>\n\n${words(3)}\n\n</details>`,
    () => `| a | b |\n| - | :-: |\n| ${words(1)} | ${words(1)} |`,
    () => `    ${words(3)}\n\n    ${words(3)}`,
    () => `> ${words(3)}\n>\n> > ${words(2)}`,
    () => `!!! note "${words(2)}"\n    ${words(4)}\n\n    ${words(3)}`,
    () => `::: note ${words(1)}\n${words(3)}\n:::`,
    () => `> [!NOTE]\n> ${words(3)}`,
    () => `${words(3)}  \n${words(3)}\\\n${words(2)}`,
  ];
}

/** A document of 16 KB or more: blocks of a few shapes drawn for it, then maybe a block Lezer declines. */
function generate(seed: number): string {
  const r = random(seed);
  const shapes = blockShapes(r);
  const chosen = Array.from({ length: 4 + Math.floor(r() * 8) }, () => Math.floor(r() * shapes.length));
  const blocks: string[] = r() < 0.2 ? ['---\ntitle: a\n---\n'] : [];
  let length = 0;
  while (length < 16_500) {
    const shape = r() < 0.3 ? 0 : chosen[Math.floor(r() * chosen.length)];
    const gaps = ['\n\n', '\n\n', '\n\n\n', '\n \n', '\n\t\n', r() < 0.3 ? '\n' : '\n\n'];
    const block = shapes[shape]() + gaps[Math.floor(r() * gaps.length)];
    blocks.push(block);
    length += block.length;
  }
  // An escape in a fence's info string: the Lezer conversion declines there, after walking the blocks before it.
  if (r() < 0.2) blocks.push('\n```a\\b\nx\n```\n');
  const text = blocks.join('');
  return r() < 0.3 ? text.replace(/\s+$/, '') : text;
}

/** An article as JSON, typed arrays as arrays (JSON.stringify would make objects of them). */
function serialise(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (ArrayBuffer.isView(v) ? Array.from(v as Int32Array) : v));
}

function articleBy(engine: typeof mode.engine, text: string): string {
  mode.engine = engine;
  return serialise(articleFromText('d.md', text));
}

describe('normalise of a large document read by Lezer in parts', () => {
  it('is the whole parse’s (so is the tree), and micromark’s where Lezer converts it, on generated documents', () => {
    let converted = 0;
    for (let seed = 1; seed <= 16; seed++) {
      const text = generate(seed);
      expect(text.length).toBeGreaterThanOrEqual(16 * 1024);
      const whole = articleBy('whole', text);
      expect(articleBy('parts', text), `seed ${seed}`).toBe(whole);
      // The tree too: normalise does not show every difference (a list split in two gives the same items).
      const tree = JSON.stringify(parseWithLezer(text, undefined, undefined, { part: 1 }));
      expect(tree, `seed ${seed}`).toBe(JSON.stringify(parseWithLezer(text, undefined, undefined, { part: 0 })));
      if (tree === 'null') continue;
      converted++;
      expect(articleBy('micromark', text), `seed ${seed}`).toBe(whole);
    }
    // Not a test of micromark alone: some documents are converted by Lezer.
    expect(converted).toBeGreaterThan(0);
  });
});
