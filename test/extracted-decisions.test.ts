// Pure decisions that the long functions were split into, tested on their own (align's one-to-one matching, the
// heat map's cluster blocks, the CLI's baseline choice, the mid-word cut of truncated-ending).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { baselineFile } from '../bin/cli.js';
import { BASELINE_FILE_NAME } from '../bin/defaults.js';
import { greedyOneToOne } from '../pipeline/stages/duplication/align.js';
import { midWordSignal } from '../pipeline/stages/truncation.js';
import { clusterBlocks } from '../reports/html-svg.js';

describe('greedyOneToOne (sentence alignment)', () => {
  it('takes the best score first, each sentence once, and returns the matches in order of a', () => {
    const pairs = greedyOneToOne(
      [
        { a: 0, b: 0, score: 0.9 },
        { a: 0, b: 1, score: 0.95 },
        { a: 1, b: 1, score: 0.8 },
        { a: 1, b: 0, score: 0.7 },
        { a: 2, b: 0, score: 0.7 },
      ],
      3,
      2,
    );
    // (0,1) wins; (0,0) and (1,1) lose a used sentence; of the tied (1,0) and (2,0) the lower a wins.
    expect(pairs).toEqual([
      { a: 0, b: 1, score: 0.95 },
      { a: 1, b: 0, score: 0.7 },
    ]);
  });

  it('returns no matches for no candidates', () => {
    expect(greedyOneToOne([], 4, 4)).toEqual([]);
  });
});

describe('clusterBlocks (similarity matrix outlines)', () => {
  it('places each document in its first cluster, blocks consecutive on the diagonal', () => {
    expect(
      clusterBlocks([
        ['a', 'b', 'c'],
        ['c', 'd'],
        ['a', 'b'],
        ['e', 'f'],
      ]),
    ).toEqual([
      [0, 3],
      [3, 1],
      [4, 2],
    ]);
  });
});

describe('baselineFile (CLI)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'content-audit-baseline-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const options = (extra: object) => ({ format: [], compareWith: [], cache: true, ...extra });

  it('uses --baseline as given and none with --no-baseline', () => {
    expect(baselineFile(options({ baseline: 'known.json' }), dir)).toBe('known.json');
    expect(baselineFile(options({ baseline: false }), dir)).toBe(false);
  });

  it('uses the default file when it exists or is to be written, else none', () => {
    expect(baselineFile(options({}), dir)).toBeUndefined();
    expect(baselineFile(options({ updateBaseline: true }), dir)).toBe(BASELINE_FILE_NAME);
    writeFileSync(path.join(dir, BASELINE_FILE_NAME), '{}');
    expect(baselineFile(options({}), dir)).toBe(BASELINE_FILE_NAME);
  });
});

describe('midWordSignal (truncated-ending)', () => {
  it('reports a word broken by a hyphen at the very end, from the start of the word', () => {
    const text = 'The council said it would have far-';
    const signal = midWordSignal(text);
    expect(signal).toMatchObject({ severity: 'error', start: text.indexOf('far-'), end: text.length });
    expect(signal?.message).toContain('"far-"');
  });

  it('leaves web addresses, paths and text without a broken word alone', () => {
    expect(midWordSignal('The report is at www.example.org/annual-')).toBeNull();
    expect(midWordSignal('The council said it would wait.')).toBeNull();
  });
});
