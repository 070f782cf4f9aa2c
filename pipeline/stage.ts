// Corpus-level stages (duplication, claims) compare documents with each other. They never hold every Article at once:
// `extract` runs per document where the article is normalised (a worker thread, or not at all when the incremental
// cache has the result), and `run` sees only those compact features.
import type { RuleMeta } from './rule.js';
import type { ClaimVerifier } from './stages/claims/verifier.js';
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

/**
 * A draft as a corpus stage writes it: which of the stage's rules reports it and which document it is about, but no
 * severity (the pipeline stamps the rule's: stamp.ts).
 */
export type StageFindingDraft = Omit<FindingDraft, 'severity'>;

/**
 * What a stage's `run` returns: its rules' drafts and its result (pairs, conflicts…); a stage may add data for
 * `settle`.
 */
export interface StageOutput<Result> {
  findings: StageFindingDraft[];
  result: Result;
}

/** What a stage's optional async step gets besides `run`'s output. */
export interface StageSettleContext extends Pick<CorpusStageContext, 'options' | 'focus'> {
  signal?: AbortSignal;
  /** Progress of the step (`step` names it: 'verify'). */
  onProgress?: (step: string, done: number, total: number) => void;
  /** The run's claim verifier (AuditOptions.claimVerifier, else the config's HTTP one); null when none. */
  claimVerifier: ClaimVerifier | null;
}

export interface CorpusStage<Features, Result> {
  /** The rules the stage reports, each declared next to its code: id, description, default severity, options. */
  rules: readonly RuleMeta[];
  /**
   * Per document: what `run` needs from the article. Pure. The value crosses a worker boundary (structured clone) and
   * is stored by the incremental cache (v8.serialize): plain data and typed arrays only. `options` are the same
   * merged options `run` gets.
   */
  extract(article: Article, options: Record<string, Record<string, unknown>>): Features;
  run(documents: readonly StageDocument<Features>[], context: CorpusStageContext): StageOutput<Result>;
  /**
   * Optional async step right after `run` (before the next stage runs), in an async audit only (audit(),
   * auditWithDetails(), the CLI; the synchronous auditArticles skips it): `run`'s output in, the output that replaces
   * it out, with statistics for AuditDetails. The claims stage asks the optional claim verifier about the pairs its
   * rules could not decide (stages/claims/verifier.ts).
   */
  settle?(
    output: StageOutput<Result>,
    context: StageSettleContext,
  ): Promise<{ output: StageOutput<Result>; stats: unknown }>;
}
