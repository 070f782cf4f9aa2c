// The text scans around the Lezer parse (pipeline/markdown-lezer-eligible.ts, markdown-lezer-tables.ts,
// markdown-lezer-lines.ts) take shortcuts: a character test before a pattern, a walk that enters only the container
// blocks, a line lookup that tries the last line first, no dense-block scan without a long run of lines. Each is
// compared here with the plain version it stands in for (the code before the shortcut), on generated line soup.
import type { Tree } from '@lezer/common';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DENSE_MIN_BLOCK, denseBlocks } from '../pipeline/markdown-dense.js';
import { lezerParser } from '../pipeline/markdown-lezer.js';
import { lezerIneligibility } from '../pipeline/markdown-lezer-eligible.js';
import { lineIndexOf, linesOf } from '../pipeline/markdown-lezer-lines.js';
import { delimiterRowsAllInTables, laterNumberAfterText } from '../pipeline/markdown-lezer-tables.js';

const LATER_NUMBER = /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*[ \t>]*(?:0*[02-9]|0*1\d|\d{2,9})[.)](?:[ \t]|$)/;
const BLANK = /^[ \t>]*$/;
const EMPTY_ITEM = /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*(?:[-*+]|\d{1,9}[.)])[ \t]*$/;
const ORDERED_ITEM = /^([ \t>]*)\d{1,9}([.)])/;
const INDENTED = /^(?:[ \t>]*[ \t]){2}/;

/** laterNumberAfterText as it was: every line sliced and matched. */
function plainLaterNumberAfterText(text: string): boolean {
  const continuesList = (previous: string, line: string) => {
    const here = ORDERED_ITEM.exec(line);
    const before = ORDERED_ITEM.exec(previous);
    if (here && before && here[1] === before[1] && here[2] === before[2]) return true;
    return INDENTED.test(previous) && !/^[ \t>]*$/.test(previous) && here !== null && here[1] === '';
  };
  let previousBlank = true;
  let previous = '';
  for (const line of text.split('\n')) {
    if (!previousBlank && LATER_NUMBER.test(line) && !continuesList(previous, line)) return true;
    if (!previousBlank && EMPTY_ITEM.test(line)) return true;
    previousBlank = BLANK.test(line);
    previous = line;
  }
  return false;
}

const DELIMITER_LIKE = /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*[ \t>]*[|:\- \t]*$/;

/** delimiterRowsAllInTables as it was: every line matched, every node of the tree visited. */
function plainDelimiterRowsAllInTables(text: string, tree: Tree): boolean {
  const lines: number[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    if (line !== '' && /-/.test(line) && /[|:]/.test(line) && DELIMITER_LIKE.test(line)) lines.push(start);
    start += line.length + 1;
  }
  const rows = new Set<number>();
  tree.iterate({
    enter(node) {
      if (node.name === 'TableDelimiter' && node.to - node.from >= 2)
        rows.add(text.lastIndexOf('\n', node.from - 1) + 1);
    },
  });
  return lines.every((at) => rows.has(at));
}

/** lezerIneligibility's line bounds as they were: every character of every line read. */
function plainLineShape(text: string): string | number {
  const tooDeep = (from: number, to: number) => {
    let markers = 0;
    let space = 0;
    for (let k = from; k < to; k++) {
      const c = text.charCodeAt(k);
      if (c === 32 || c === 9) {
        if (++space > 64) return true;
        continue;
      }
      let after = k;
      if (c === 62 || c === 45 || c === 42 || c === 43) after = k + 1;
      else if (c >= 48 && c <= 57) {
        while (after < to && after - k < 9 && text.charCodeAt(after) >= 48 && text.charCodeAt(after) <= 57) after++;
        const d = text.charCodeAt(after);
        after = d === 46 || d === 41 ? after + 1 : k;
      }
      const next = text.charCodeAt(after);
      if (after === k || (c !== 62 && after < to && next !== 32 && next !== 9)) return false;
      if (++markers > 8) return true;
      k = after - 1;
    }
    return false;
  };
  let longest = 0;
  let blockStart = -1;
  let lineStart = 0;
  for (const line of text.split('\n')) {
    const lineEnd = lineStart + line.length;
    if (line.length > 4096) return 'long-line';
    if (/^[ \t]*$/.test(line)) blockStart = -1;
    else {
      if (blockStart < 0) blockStart = lineStart;
      if (lineEnd - blockStart > 16 * 1024) return 'long-block';
      longest = Math.max(longest, lineEnd - blockStart);
      if (tooDeep(lineStart, lineEnd)) return 'deep-nesting';
    }
    lineStart = lineEnd + 1;
  }
  return longest;
}

/** lezerIneligibility as it was: the dense-block scan on every document. */
function plainIneligibility(text: string): string | null {
  if (text.includes('\r')) return 'carriage-return';
  if (text.includes('[^')) return 'footnote';
  if (text.charCodeAt(0) === 0xfeff || text.includes('\0')) return 'bom-or-nul';
  const shape = plainLineShape(text);
  if (typeof shape === 'string') return shape;
  return denseBlocks(text).length > 0 ? 'dense-block' : null;
}

const PREFIXES = [
  '',
  ' ',
  '  ',
  '    ',
  '\t',
  '> ',
  '>',
  '- ',
  '* ',
  '+ ',
  '1. ',
  '2) ',
  '10. ',
  '> - ',
  '- > ',
  '  1. ',
];
const CONTENTS = [
  'word',
  '',
  '-',
  '+',
  '3.',
  '0)',
  '1.',
  '12. twelve',
  '| a | b |',
  '|---|---|',
  ':--',
  '-|-',
  '| - |',
  '1.5 items',
  '> quoted',
  'text: more - text',
  '```',
  '[x]: /u',
  '- [ ] task',
];
const soup = fc
  .array(fc.tuple(fc.constantFrom(...PREFIXES), fc.constantFrom(...CONTENTS)), { minLength: 1, maxLength: 14 })
  .map((lines) => lines.map(([prefix, content]) => prefix + content).join('\n'));

const LONG = [
  '',
  '  ',
  ' \t ',
  'word',
  `${'word '.repeat(700)}end`,
  'x'.repeat(4097),
  `${'a](b (c) [d]: *e* _f_ '.repeat(45)}z`,
  '```',
  '- '.repeat(9),
  '> '.repeat(8),
  `${' '.repeat(65)}x`,
  '\t1. 2) 3. x',
];
const shapes = fc
  .array(fc.tuple(fc.constantFrom(...LONG), fc.integer({ min: 1, max: 6 })), { minLength: 1, maxLength: 10 })
  .map((runs) => runs.flatMap(([line, count]) => Array(count).fill(line)).join('\n'));

describe('the scans around the Lezer parse', () => {
  it('find the same ineligibility as reading every character of every line', () => {
    fc.assert(
      fc.property(shapes, (text) => {
        expect(lezerIneligibility(text), text.slice(0, 200)).toBe(plainIneligibility(text));
      }),
      { numRuns: 400 },
    );
  });

  it('find later-numbered items after text as the plain line patterns do', () => {
    fc.assert(
      fc.property(soup, (text) => {
        expect(laterNumberAfterText(text), text).toBe(plainLaterNumberAfterText(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('find the delimiter-like lines outside tables as a walk over the whole tree does', () => {
    fc.assert(
      fc.property(soup, (text) => {
        const tree = lezerParser.parse(text);
        expect(delimiterRowsAllInTables(text, tree), text).toBe(plainDelimiterRowsAllInTables(text, tree));
      }),
      { numRuns: 1500 },
    );
  });

  it('find the line of an offset, in any order, as a binary search does', () => {
    fc.assert(
      fc.property(soup, fc.array(fc.nat(), { maxLength: 40 }), (text, picks) => {
        const lines = linesOf(text);
        for (const pick of picks) {
          const offset = pick % (text.length + 2);
          let want = 0;
          while (want + 1 < lines.starts.length && lines.starts[want + 1] <= offset) want++;
          expect(lineIndexOf(lines, offset), `${offset} in ${JSON.stringify(text)}`).toBe(want);
        }
      }),
    );
  });

  it('find a dense block whatever the blocks around it, and none in runs shorter than a dense block', () => {
    const dense = 'a](b (c) [d]: *e* _f_ `g` <h> a](b (c) [d]: *e* _f_\n'.repeat(100);
    expect(dense.length).toBeGreaterThan(DENSE_MIN_BLOCK);
    for (const text of [dense, `# t\n\nword\n\n${dense}\nword\n`, `\`\`\`\ncode\n\`\`\`\n${dense}`]) {
      expect(denseBlocks(text).length).toBe(1);
      expect(lezerIneligibility(text)).toBe('dense-block');
    }
    // The same punctuation in runs of lines shorter than a dense block: eligible.
    const short = dense.slice(0, 2000);
    expect(lezerIneligibility(`${short}\n\n${short}\n\n${short}`)).toBeNull();
  });
});
