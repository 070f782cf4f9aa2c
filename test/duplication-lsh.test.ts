// LSH recall vs exact all-pairs Jaccard on a synthetic corpus of 5,000 articles.
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS helper shared with the benchmark
import { exactPairsAtLeast, fastArticle, generateCorpus } from '../bench/generate.js';
import { duplicationStage, lastInternals } from '../pipeline/stages/duplication/index.js';
import { chooseBands } from '../pipeline/stages/duplication/minhash.js';
import { splitSentences } from '../pipeline/sentences.js';
import { computeLineStarts } from '../pipeline/source-map.js';
import type { Article } from '../pipeline/types.js';

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
    const documents = articles.map((a) => ({ path: a.path, words: a.words, features: duplicationStage.extract(a, options) }));
    duplicationStage.run(documents, { options, focus: null, articleFor: (p) => byPath.get(p)! });
    const internals = lastInternals!;
    const exact = exactPairsAtLeast(internals.shingles, 0.5) as { a: number; b: number; jaccard: number }[];
    const n = internals.paths.length;
    const found = exact.filter((p) => internals.lshCandidates.has(p.a * n + p.b)).length;
    const nearThreshold = exact.filter((p) => p.jaccard < 0.65).length;
    console.log(`LSH recall ${found}/${exact.length} pairs with Jaccard ≥ 0.5 (${nearThreshold} of them in [0.5, 0.65)); ${internals.lshCandidates.size} candidates`);
    expect(exact.length).toBeGreaterThan(100);
    expect(found / exact.length).toBeGreaterThanOrEqual(0.99);
  });
});
