// The duplication stage as the pipeline runs it: features per article, then the corpus pass; articles are looked up
// only for evidence. Shared by the duplication tests.
import { articleFromText } from '../../pipeline/article.js';
import { duplicationStage } from '../../pipeline/stages/duplication/index.js';
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
