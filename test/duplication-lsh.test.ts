// LSH recall vs exact all-pairs Jaccard on a synthetic corpus of 5,000 articles.
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS helper shared with the benchmark
import { exactPairsAtLeast, fastArticle, generateCorpus } from '../bench/generate.js';
import { duplicationStage, runWithDiagnostics } from '../pipeline/stages/duplication/index.js';
import { chooseBands, frequentShingles, radixSort } from '../pipeline/stages/duplication/minhash.js';
import { splitSentences } from '../pipeline/sentences.js';
import { computeLineStarts } from '../pipeline/source-map.js';
import type { Article } from '../pipeline/types.js';

describe('duplication: radixSort', () => {
  it('sorts like Uint32Array.prototype.sort, duplicates and the extremes included', () => {
    let x = 12345;
    const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
    for (const n of [0, 1, 100, 20000, 300000]) {
      const values = Uint32Array.from({ length: n }, (_, i) =>
        i % 7 === 0 ? 0xffffffff : i % 11 === 0 ? 0 : next() % (i % 3 === 0 ? 1000 : 0xffffffff),
      );
      const expected = values.slice().sort();
      const got = radixSort(values.slice());
      expect(got.length).toBe(n);
      // (Compared as bytes: a deep equality of 300,000 elements takes seconds.)
      expect(
        Buffer.compare(Buffer.from(got.buffer, got.byteOffset, got.byteLength), Buffer.from(expected.buffer)),
      ).toBe(0);
    }
  });
});

describe('duplication: frequentShingles', () => {
  /** The definition: shingles in more than maxDocs of the (sampled) sets. */
  function naive(sets: Uint32Array[], maxDocs: number, sampleLimit: number): number[] {
    const step = Math.max(1, Math.ceil(sets.length / sampleLimit));
    const counts = new Map<number, number>();
    for (let i = 0; i < sets.length; i += step) for (const h of sets[i]) counts.set(h, (counts.get(h) ?? 0) + 1);
    return [...counts]
      .filter(([, c]) => c * step > maxDocs)
      .map(([h]) => h)
      .sort((a, b) => a - b);
  }

  it('finds exactly the shingles above the cut (sketch collisions never add or drop one), sampled or not', () => {
    let x = 7;
    const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
    // 1,500 sets of ~300 random shingles; a footer of 20 shingles in a growing share of them (0.5 % … 10 %).
    const footers = Array.from({ length: 20 }, () => next());
    const sets = Array.from({ length: 1500 }, (_, i) => {
      const own = Array.from({ length: 250 + (i % 100) }, () => next() % 5_000_000);
      const shared = footers.filter((_, f) => i % 200 < (f + 1) * 1);
      return Uint32Array.from(new Set([...own, ...shared])).sort();
    });
    for (const [maxDocs, sampleLimit] of [
      [5, 20000],
      [15, 20000],
      [14.5, 20000],
      [20, 500],
      [1, 20000],
    ] as const) {
      const got = [...frequentShingles(sets, maxDocs, sampleLimit)];
      expect(got).toEqual(naive(sets, maxDocs, sampleLimit));
    }
    expect(frequentShingles(sets, 15).length).toBeGreaterThan(5);
    expect(frequentShingles([], 5)).toHaveLength(0);
  });
});

describe('duplication: LSH recall', () => {
  it('chooses bands so a pair at the threshold is a candidate with p ≥ 0.99', () => {
    for (const t of [0.3, 0.5, 0.7, 0.9]) expect(chooseBands(t, 128).recallAtThreshold).toBeGreaterThanOrEqual(0.99);
    expect(chooseBands(0.5, 128)).toMatchObject({ bands: 42, rows: 3 });
  });

  it('finds ≥ 99% of pairs at/above Jaccard 0.5 among 5,000 articles', () => {
    const { docs } = generateCorpus({ n: 5000, seed: 3, dupShare: 0.06 }) as { docs: { path: string; text: string }[] };
    const articles = docs.map((d) => fastArticle(d.path, d.text, { splitSentences, computeLineStarts }) as Article);
    const options = { 'near-duplicate': { keepInternals: true }, 'similar-content': { cosine: 1, strongCosine: 1 } };
    const byPath = new Map(articles.map((a) => [a.path, a]));
    const documents = articles.map((a) => ({
      path: a.path,
      words: a.words,
      features: duplicationStage.extract(a, options),
    }));
    const internals = runWithDiagnostics(documents, { options, focus: null, articleFor: (p) => byPath.get(p)! })
      .internals!;
    const exact = exactPairsAtLeast(internals.shingles, 0.5) as { a: number; b: number; jaccard: number }[];
    const n = internals.paths.length;
    const found = exact.filter((p) => internals.lshCandidates.has(p.a * n + p.b)).length;
    const nearThreshold = exact.filter((p) => p.jaccard < 0.65).length;
    console.log(
      `LSH recall ${found}/${exact.length} pairs with Jaccard ≥ 0.5 (${nearThreshold} of them in [0.5, ` +
        `0.65)); ${internals.lshCandidates.size} candidates`,
    );
    expect(exact.length).toBeGreaterThan(100);
    expect(found / exact.length).toBeGreaterThanOrEqual(0.99);
  });
});
