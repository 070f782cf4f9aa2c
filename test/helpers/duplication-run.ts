// The duplication stage as the pipeline runs it: features per article, then the corpus pass; articles are looked up
// only for evidence. Shared by the duplication tests.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { articleFromText } from '../../pipeline/article.js';
import { duplicationStage, runWithDiagnostics } from '../../pipeline/stages/duplication/index.js';
import type { Article } from '../../pipeline/types.js';

export type StageOptions = Record<string, Record<string, unknown>>;

export function runDuplication(articles: Article[], options: StageOptions, focus: ReadonlySet<string> | null = null) {
  const byPath = new Map(articles.map((a) => [a.path, a]));
  const documents = articles.map((a) => ({
    path: a.path,
    words: a.words,
    features: duplicationStage.extract(a, options),
  }));
  return duplicationStage.run(documents, { options, focus, articleFor: (p) => byPath.get(p)! });
}

/** runDuplication over in-memory files (path → text). */
export function runDuplicationOnFiles(
  files: Map<string, string>,
  options: StageOptions,
  focus: ReadonlySet<string> | null = null,
) {
  return runDuplication(
    [...files].map(([p, text]) => articleFromText(p, Buffer.from(text))),
    options,
    focus,
  );
}

/** The pairs a labelled fixture folder must and must not give (its labels.json). */
export interface PairLabels {
  pairs: { a: string; b: string; kind?: string }[];
  negatives: { a: string; b: string }[];
}

/**
 * A labelled fixture folder (its .md files, plus `extra` files given as path → text) through the duplication stage
 * with the tiers' internals kept: the labels, and the stage's result with its diagnostics.
 */
export function auditPairFixture(folder: string, extra: Record<string, string> = {}) {
  const labels = JSON.parse(readFileSync(path.join(folder, 'labels.json'), 'utf8')) as PairLabels;
  const articles = readdirSync(folder)
    .filter((f) => f.endsWith('.md'))
    .map((f) => articleFromText(f, readFileSync(path.join(folder, f))));
  for (const [name, text] of Object.entries(extra)) articles.push(articleFromText(name, text));
  const byPath = new Map(articles.map((a) => [a.path, a]));
  const inspect = { 'near-duplicate': { keepInternals: true }, 'similar-content': {} };
  const documents = articles.map((a) => ({
    path: a.path,
    words: a.words,
    features: duplicationStage.extract(a, inspect),
  }));
  return {
    labels,
    ...runWithDiagnostics(documents, { options: inspect, focus: null, articleFor: (p) => byPath.get(p)! }),
  };
}
