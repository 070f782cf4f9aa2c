// The focus scope (a few articles audited against a corpus, as on a pull request): the duplication stage compares
// only the documents that can pair with a focus document, with the corpus-wide statistics of the whole corpus. Its
// findings and pairs must be exactly those of comparing the whole corpus with the same focus (up to 32-bit hash
// coincidences in oversized LSH buckets: docs/duplication.md).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS helper shared with the benchmark
import { fastArticle, generateCorpus } from '../bench/generate.js';
import { articleFromText } from '../pipeline/article.js';
import { splitSentences } from '../pipeline/sentences.js';
import { computeLineStarts } from '../pipeline/source-map.js';
import { duplicationStage, runWithDiagnostics } from '../pipeline/stages/duplication/index.js';
import type { Article } from '../pipeline/types.js';

const root = path.resolve(__dirname, 'fixtures/duplicates');
const labelled: Article[] = ['base', 'near', 'spun'].flatMap((dir) =>
  readdirSync(path.join(root, dir))
    .filter((f) => /\.(md|txt)$/.test(f))
    .map((f) => articleFromText(`${dir}/${f}`, readFileSync(path.join(root, dir, f)))),
);
const { docs: synthetic, planted } = generateCorpus({ n: 700, seed: 5, dupShare: 0.08 }) as {
  docs: { path: string; text: string }[];
  planted: { a: string; b: string }[];
};
const articles = [
  ...labelled,
  ...synthetic.map((d) => fastArticle(d.path, d.text, { splitSentences, computeLineStarts }) as Article),
];
const byPath = new Map(articles.map((a) => [a.path, a]));

function run(focus: ReadonlySet<string>, options: Record<string, Record<string, unknown>>) {
  const documents = articles.map((a) => ({
    path: a.path,
    words: a.words,
    features: duplicationStage.extract(a, options),
  }));
  const { findings, result, stats } = runWithDiagnostics(documents, {
    options,
    focus,
    articleFor: (p) => byPath.get(p)!,
  });
  return { findings, result, scope: stats.scope };
}

function expectSameAsWholeCorpus(focus: ReadonlySet<string>, options: Record<string, Record<string, unknown>> = {}) {
  const near = options['near-duplicate'] ?? {};
  const scoped = run(focus, { ...options, 'near-duplicate': { ...near } });
  const whole = run(focus, { ...options, 'near-duplicate': { ...near, focusScope: false } });
  expect(whole.scope).toBeUndefined();
  expect(scoped.scope).toBeDefined();
  expect(scoped.scope!.compared).toBeLessThan(scoped.scope!.documents);
  expect(scoped.result).toEqual(whole.result);
  expect(scoped.findings).toEqual(whole.findings);
  return scoped;
}

describe('duplication: focus scope', () => {
  it('reports exactly what the whole-corpus comparison reports for the focus documents (both tiers)', () => {
    // Every labelled near-duplicate and spun article, and both sides of some planted synthetic pairs.
    const focus = new Set([
      ...labelled.filter((a) => !a.path.startsWith('base/')).map((a) => a.path),
      ...planted.slice(0, 10).map((p) => p.b),
    ]);
    const scoped = expectSameAsWholeCorpus(focus);
    const kinds = new Set(scoped.result.pairs.map((p) => p.kind));
    expect(kinds).toEqual(new Set(['near-duplicate', 'similar-content']));
    expect(scoped.findings.every((f) => focus.has(f.path))).toBe(true);
    // It did narrow the comparison: far fewer documents than the corpus.
    expect(scoped.scope!.compared).toBeLessThan(articles.length / 2);
  });

  it('holds for base articles in focus (their copies are outside it) and for a single document', () => {
    expectSameAsWholeCorpus(new Set(labelled.filter((a) => a.path.startsWith('base/')).map((a) => a.path)));
    expectSameAsWholeCorpus(new Set([planted[3].a]));
  });

  it('holds when top terms are capped by their postings and boilerplate is cut low', () => {
    const focus = new Set([
      ...labelled.filter((a) => a.path.startsWith('spun/')).map((a) => a.path),
      ...planted.slice(10, 20).map((p) => p.a),
    ]);
    // maxPostings 3: focus top terms in more documents need their exact postings (every document holding them).
    expectSameAsWholeCorpus(focus, {
      'similar-content': { maxPostings: 3 },
      'near-duplicate': { boilerplateMinDocs: 2, boilerplateShare: 0 },
    });
  });
});

describe('duplication: focus scope edge cases', () => {
  it('a focus of unknown paths, or of articles too short to compare, reports nothing and does not throw', () => {
    const short = articleFromText('drafts/short.md', Buffer.from('# Short\n\nToo short to compare.\n'));
    byPath.set(short.path, short);
    articles.push(short);
    try {
      for (const focus of [new Set(['nowhere.md']), new Set([short.path])]) {
        const scoped = expectSameAsWholeCorpusOrEmpty(focus);
        expect(scoped.result).toMatchObject({ pairs: [], clusters: [], copied: [] });
      }
    } finally {
      articles.pop();
    }
  });
});

function expectSameAsWholeCorpusOrEmpty(focus: ReadonlySet<string>) {
  const scoped = run(focus, { 'near-duplicate': {} });
  const whole = run(focus, { 'near-duplicate': { focusScope: false } });
  expect(scoped.result).toEqual(whole.result);
  expect(scoped.findings).toEqual(whole.findings);
  return scoped;
}
