// similar-content: figures in the aligned sentences tell a spun version (same figures) from a follow-up story on the
// same event (background restated with new figures).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { articleFromText } from '../pipeline/article.js';
import type { DocSentences } from '../pipeline/stages/duplication/align.js';
import { figureEvidence, figuresDisagree, figuresOf } from '../pipeline/stages/duplication/figures.js';
import { duplicationStage } from '../pipeline/stages/duplication/index.js';
import type { Article } from '../pipeline/types.js';

const root = path.resolve(__dirname, 'fixtures/duplicates-followup');
const key = (p: { a: string; b: string }) => `${p.a}|${p.b}`;

const run = (articles: Article[], similar: Record<string, unknown> = {}) => {
  const options = { 'near-duplicate': {}, 'similar-content': similar };
  const byPath = new Map(articles.map((a) => [a.path, a]));
  const documents = articles.map((a) => ({
    path: a.path,
    words: a.words,
    features: duplicationStage.extract(a, options),
  }));
  return duplicationStage.run(documents, { options, focus: null, articleFor: (p) => byPath.get(p)! });
};

const sentences = (...texts: string[]): DocSentences => ({
  sentences: texts.map((text) => ({ text, sourceStart: 0, sourceEnd: 0, words: 0, hash: 0 })),
  words: 0,
  source: { lineStarts: [0], text: '' },
});

describe('duplication: figures', () => {
  it('reads digits without thousands separators and number words as digits', () => {
    expect([...figuresOf('It cost £1,350m, up 4.5% in twenty-five days.').values]).toEqual(['1350', '4.5', '25']);
    expect(figuresOf('It took twenty minutes.')).toEqual({ values: new Set(['20']), digits: false });
    // "one" is a pronoun as often as a figure.
    expect(figuresOf('One of them left.').values.size).toBe(0);
  });

  it('counts agreeing and differing aligned pairs; a figure only in words on one side is no evidence', () => {
    const A = sentences(
      'The vote was 27 to 14.',
      'It took about twenty-four hours.',
      'He is 76.',
      'It was 12 days ago.',
      'Nothing here.',
    );
    const B = sentences(
      'They voted 27 to 14.',
      'It took a day.',
      'He owns the team.',
      'It was 30 days ago.',
      'Or here.',
    );
    const pairs = [0, 1, 2, 3, 4].map((i) => ({ a: i, b: i, score: 1 }));
    expect(figureEvidence(pairs, A, B, () => false)).toEqual({ agree: 1, differ: 2 });
    expect(figureEvidence(pairs, A, B, (p) => p.a >= 2)).toEqual({ agree: 1, differ: 0 });
    expect(figuresDisagree({ agree: 1, differ: 2 }, 0.5)).toBe(true);
    expect(figuresDisagree({ agree: 2, differ: 1 }, 0.5)).toBe(false);
    expect(figuresDisagree({ agree: 1, differ: 1 }, 0.5)).toBe(true);
    expect(figuresDisagree({ agree: 0, differ: 0 }, 0.5)).toBe(false);
  });
});

describe('duplication: a follow-up story is not a spun version', () => {
  const articles = readdirSync(root)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => articleFromText(f, readFileSync(path.join(root, f))));
  const labels = JSON.parse(readFileSync(path.join(root, 'labels.json'), 'utf8')) as {
    pairs: { a: string; b: string }[];
    negatives: { a: string; b: string }[];
  };

  it('reports the spun version and not the follow-up story', () => {
    const reported = run(articles).result.pairs.map(key);
    expect(reported).toEqual(labels.pairs.map(key));
  });

  it('the follow-up story has the outline evidence of a rewrite; its figures keep it out', () => {
    const reported = new Set(run(articles, { maxFigureDifference: 2 }).result.pairs.map(key));
    // Against the story it follows up, the figures alone keep it out.
    expect(reported.has(key({ a: 'ferry-review.md', b: 'ferry-vote.md' }))).toBe(true);
    // Against the spun version, every run of wording they share is the original story's too (family.ts: a similar
    // third text holds it), so the wording keeps that pair out as well.
    expect(reported.has(key({ a: 'ferry-review.md', b: 'ferry-vote-spun.md' }))).toBe(false);
    expect(labels.negatives.map(key)).toContain(key({ a: 'ferry-review.md', b: 'ferry-vote-spun.md' }));
  });
});
