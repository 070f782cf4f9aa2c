// Corpus-level stages (duplication, claims) compare documents with each other. They never hold every Article at once:
// `extract` runs per document where the article is normalised (a worker thread, or not at all when the incremental
// cache has the result), and `run` sees only those compact features.
import type { Article, FindingDraft } from './types.js';

/** One document as a corpus stage sees it. */
export interface StageDocument<Features> {
  path: string;
  /** Article.words. */
  words: number;
  features: Features;
}

export interface CorpusStageContext {
  /** Options per rule id, user config merged over the stage's defaults. */
  options: Record<string, Record<string, unknown>>;
  /**
   * When set, only findings/pairs/conflicts that involve at least one of these paths are reported
   * (the other articles are the reference corpus: --compare-with, --changed-since).
   */
  focus: ReadonlySet<string> | null;
  /**
   * The full Article of a document, derived again on demand (re-read and normalised in a file audit, from memory in
   * auditArticles). For the few documents whose text is shown as evidence; throws when the file changed or vanished
   * during the audit.
   */
  articleFor(path: string): Article;
  /**
   * Pairs of documents an earlier stage related (the duplication stage's reported pairs: versions of one article).
   * The claims stage compares the facts of these versions; absent = none.
   */
  relatedPairs?: readonly { a: string; b: string }[];
}

export interface CorpusStage<Features, Result> {
  ruleIds: readonly string[];
  /** Defaults per rule id (documented in docs/rules/<id>.md). */
  defaults: Record<string, Record<string, unknown>>;
  /**
   * Per document: what `run` needs from the article. Pure. The value crosses a worker boundary (structured clone) and
   * is stored by the incremental cache (v8.serialize): plain data and typed arrays only. `options` are the same
   * merged options `run` gets.
   */
  extract(article: Article, options: Record<string, Record<string, unknown>>): Features;
  run(documents: readonly StageDocument<Features>[], context: CorpusStageContext): { findings: FindingDraft[]; result: Result };
}
