// Corpus-level stages (duplication, claims) see every article at once.
import type { Article, FindingDraft } from './types.js';

/**
 * Per-document memo for the document-local part of a corpus stage (e.g. claim extraction), backed by the incremental
 * cache. Values must be plain JSON; the stage validates what it gets back and recomputes on anything unexpected.
 */
export interface DocumentMemo {
  get(article: Article, slot: string, key: string): unknown;
  set(article: Article, slot: string, key: string, value: unknown): void;
}

export interface CorpusStageContext {
  /** Options per rule id, user config merged over the stage's defaults. */
  options: Record<string, Record<string, unknown>>;
  /**
   * When set, only findings/pairs/conflicts that involve at least one of these paths are reported
   * (the other articles are the reference corpus: --compare-with, --changed-since).
   */
  focus: ReadonlySet<string> | null;
  /** Present when the incremental cache is on. */
  memo?: DocumentMemo;
}

export interface CorpusStage<Result> {
  ruleIds: readonly string[];
  /** Defaults per rule id (documented in docs/rules/<id>.md). */
  defaults: Record<string, Record<string, unknown>>;
  run(articles: readonly Article[], context: CorpusStageContext): { findings: FindingDraft[]; result: Result };
}
