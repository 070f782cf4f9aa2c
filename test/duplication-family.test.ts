// similar-content asks the corpus who else holds a shared run of wording (pipeline/stages/duplication/family.ts): a
// spinner's kept stretch is its source's alone, the frame phrases of pages written to one template are every
// sibling's, and a phrase many texts hold is stock wording.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditPairFixture } from './helpers/duplication-run.js';
import {
  neighbourhood,
  OWN,
  runQuery,
  SHARED,
  STOCK,
  textFamilies,
  verdictOf,
} from '../pipeline/stages/duplication/family.js';

const family = path.resolve(import.meta.dirname, 'fixtures/duplicates-template-family');
const key = (p: { a: string; b: string }) => [p.a, p.b].sort().join('|');

describe('duplication: who else holds a shared run', () => {
  it('reports the spun version and the slot-swapped copy, not the sibling page that shares the frame', () => {
    const { labels, result, internals } = auditPairFixture(family);
    const kinds = new Map(result.pairs.map((p) => [key(p), p.kind]));
    for (const p of labels.pairs) expect(kinds.get(key(p)), key(p)).toBe(p.kind);
    for (const p of labels.negatives) expect(kinds.has(key(p)), key(p)).toBe(false);
    // AFTER_RUN ~ NEEDS passes every other test: cosine above strongCosine, four sentences in order over more than a
    // fifth of each page, no figures, two aligned pairs sharing wording with a run of three content words. Every run
    // it shares is held by BEFORE_RUN too: the family's frame.
    const siblings = internals!.tier2.find((m) => key(m) === 'hook-after-run.md|hook-needs.md')!;
    expect(siblings.cosine).toBeGreaterThanOrEqual(0.42);
    expect(siblings.paraphrased).toBeGreaterThanOrEqual(3);
    expect(Math.min(siblings.coverage, siblings.longerCoverage)).toBeGreaterThanOrEqual(0.15);
    expect(siblings.phrased).toBeGreaterThanOrEqual(2);
    expect(siblings.longestRun).toBeGreaterThanOrEqual(3);
    expect(siblings.ownPhrased).toBe(0);
    const spin = internals!.tier2.find((m) => key(m) === 'hook-after-run-spun.md|hook-after-run.md')!;
    expect(spin.ownPhrased).toBeGreaterThanOrEqual(1);
  });

  it('still reports the spun version when identical copies of its source are in the corpus', () => {
    // Copies of one text are one text: five copies of AFTER_RUN do not make its rewrite's kept stretches shared.
    const source = readFileSync(path.join(family, 'hook-after-run.md'), 'utf8');
    const copies = Object.fromEntries([1, 2, 3, 4, 5].map((i) => [`hook-after-run-copy-${i}.md`, source]));
    const { result } = auditPairFixture(family, copies);
    const kinds = new Map(result.pairs.map((p) => [key(p), p.kind]));
    expect(kinds.get('hook-after-run-spun.md|hook-after-run.md')).toBe('similar-content');
  });

  it('calls a run held by more texts than the cut stock wording, by a similar third text shared, else own', () => {
    // Documents 0 and 1 are the pair; 2 and 4 are similar to 0 (compared pairs), 4 is a copy of 0; 3 is similar to
    // neither.
    const neighbours = (x: number, y: number) => x === 0 && (y === 2 || y === 4);
    const sameText = (x: number, y: number) => x === y || (x === 0 && y === 4);
    const held = (...docs: number[]) => ({ count: docs.length, docs, texts: docs });
    expect(verdictOf(held(0, 1), 0, 1, 5, neighbours, sameText)).toBe(OWN);
    expect(verdictOf(held(0, 1, 2), 0, 1, 5, neighbours, sameText)).toBe(SHARED);
    // A copy of one of the pair is the same text; an unrelated page that happens to hold the words says nothing.
    expect(verdictOf(held(0, 1, 4), 0, 1, 5, neighbours, sameText)).toBe(OWN);
    expect(verdictOf(held(0, 1, 3), 0, 1, 5, neighbours, sameText)).toBe(OWN);
    expect(verdictOf({ count: 6, docs: [0, 1, 3], texts: [0, 1, 3] }, 0, 1, 5, neighbours, sameText)).toBe(STOCK);
  });

  it('tells whether two documents were compared (the pairs above the cosine gate)', () => {
    const near = neighbourhood(4, [
      { a: 0, b: 2 },
      { a: 1, b: 3 },
    ]);
    expect(near(0, 2)).toBe(true);
    expect(near(2, 0)).toBe(true);
    expect(near(0, 1)).toBe(false);
    expect(near(3, 1)).toBe(true);
  });

  it('counts near-duplicates of one text as one text', () => {
    const families = textFamilies(5, [
      { a: 0, b: 3, jaccard: 1, containment: 1 },
      { a: 3, b: 4, jaccard: 0.7, containment: 0.8 },
    ]);
    expect([...families]).toEqual([0, 1, 2, 0, 0]);
  });

  it('looks a run of five words or more up by its exact wording, a shorter one by its content stems', () => {
    expect(runQuery('is asked to run only a slice', 5).shingles).toHaveLength(3);
    expect(runQuery('is asked to run only a slice', 5).stems).toHaveLength(0);
    const short = runQuery('checkpoint names are', 5);
    expect(short.shingles).toHaveLength(0);
    expect(short.stems).toHaveLength(2);
    // Case and digits are folded as in the features.
    expect(runQuery('Release 2.4 of the tool', 5).shingles).toEqual(runQuery('release 3.7 of the tool', 5).shingles);
  });
});
