// Long runs without a blank line are parsed in pieces (pipeline/normalise.ts, splitLongRuns): the shapes micromark is
// still super-linear on inside one run (link destinations and titles that never close, undefined references inside an
// open `[`, URLs and e-mail look-alikes, entities, one huge paragraph) cost the same work per byte however long they
// grow — counted in event reads (test/helpers/parse-work.ts), not time. Ordinary documents are never touched.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS helper shared with the benchmark
import { makeShape } from '../bench/shapes.js';
import { buildSource } from '../pipeline/load.js';
import { MAX_RUN, normalise, splitLongRuns, tameNesting } from '../pipeline/normalise.js';
import { parseWork } from './helpers/parse-work.js';

/** Shapes that are super-linear in one run and linear once the run is cut. */
const SPLIT = ['one-line', 'one-paragraph', 'bracket-pairs', 'parentheses', 'urls', 'emails', 'entities'];
const RUN = 2000; // a small run length, so the property shows at test sizes (the pipeline uses MAX_RUN)

const split = (text: string, maxRun = RUN) => splitLongRuns({ text, toSource: null }, maxRun);

describe('splitLongRuns', () => {
  it('cuts the super-linear shapes into bounded pieces: the work per byte stays flat as they grow 8-fold', () => {
    for (const name of SPLIT) {
      const small = parseWork(split(makeShape(name, 4000)).text, { guard: true }) / 4000;
      const large = parseWork(split(makeShape(name, 32000)).text, { guard: true }) / 32000;
      expect(large, name).toBeLessThan(small * 1.5 + 1);
    }
  }, 180_000);

  it('keeps every piece at most maxRun long, outside fenced code and uncuttable runs (tables)', () => {
    for (const name of SPLIT) {
      const { text } = split(makeShape(name, 32000));
      const runs = text.split(/\n[ \t]*\n/);
      expect(Math.max(...runs.map((run) => run.length)), name).toBeLessThanOrEqual(RUN + 2);
    }
    const table = `| a | b |\n|---|---|\n${'| cell | cell |\n'.repeat(500)}`;
    expect(split(table).text).toBe(table);
    const code = `\`\`\`\n${'let x = 1;\n'.repeat(500)}\`\`\`\n`;
    expect(split(code).text).toBe(code);
  });

  it('maps every character of the cut text back to its source offset (inserted breaks to the cut point)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom(
            'word ',
            'end. ',
            '[a',
            '](b ',
            '\n',
            '\r\n',
            '\r',
            '  ',
            '> ',
            '- ',
            '|x|',
            '\n\n',
            '```',
            'é',
            '😀',
          ),
          { maxLength: 400 },
        ),
        (pieces) => {
          const source = pieces.join('');
          const { text, toSource } = split(source, 64);
          if (toSource === null) {
            expect(text).toBe(source);
            return;
          }
          expect(toSource.length).toBe(text.length + 1);
          // Source characters map to themselves (strictly increasing); an inserted break maps to the cut point, where
          // the next character maps too. Without the inserted breaks the text is the source.
          let kept = '';
          for (let i = 0; i < text.length; i++) {
            if (toSource[i + 1] === toSource[i]) expect(text[i]).toBe('\n');
            else {
              expect(toSource[i + 1]).toBe(toSource[i] + 1);
              kept += text[i];
            }
          }
          expect(kept).toBe(source);
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 200), seed: 18 },
    );
  });

  it('positions stay exact: a cut one-line document reports the words at their original line and column', () => {
    const text = makeShape('one-line', 3 * MAX_RUN);
    const article = normalise(buildSource('x.md', '/x.md', Buffer.from(text)).source!);
    expect(article.blocks.length).toBeGreaterThan(2);
    for (const block of article.blocks) {
      for (let i = 0; i < block.text.length; i += 97) {
        const ch = block.text[i];
        if (ch === '\n' || ch === ' ') continue;
        expect(text[block.sourceOffsets[i]]).toBe(ch);
      }
    }
  });

  it('never touches ordinary documents (the corpus, the fixtures, the docs): identical parse input', () => {
    const root = path.resolve(import.meta.dirname, '..');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (/\.(md|markdown|mdx)$/.test(name)) files.push(full);
      }
    };
    for (const dir of ['corpus', 'docs', 'test/fixtures']) walk(path.join(root, dir));
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) {
      const input = tameNesting(readFileSync(file, 'utf8'));
      expect(splitLongRuns(input), file).toBe(input);
    }
  });
});
