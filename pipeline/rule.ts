// The shape every per-document rule has: an id, a default severity, options with defaults, and a pure check.
import type { Article, FindingDraft, Severity } from './types.js';

export interface RuleMeta {
  /** Kebab-case id; part of the report contract and the name of docs/rules/<id>.md. */
  id: string;
  description: string;
  defaultSeverity: Severity;
}

/**
 * A per-document rule. Rules that also use corpus-wide data (phrase recurrence across articles) do it in two passes
 * so that no pass needs every Article at once:
 *
 * 1. per document (worker thread; cached): `check(article, { prepared: undefined })` and `collect(article)`;
 * 2. corpus: `combine(partials)` → prepared; then, for each document where `dependsOnCorpus(partial, prepared)` is
 *    true, the article is derived again and `check(article, { prepared })` replaces the first pass's findings.
 *
 * Contract (tested per rule): when `dependsOnCorpus` is false, `check` with `prepared` returns exactly what it returned
 * without it.
 */
export interface DocumentRule<Options extends object = Record<string, unknown>, Prepared = unknown, Partial = unknown> extends RuleMeta {
  defaults: Options;
  /** Per document: what the corpus pass needs from this article (plain data: structured clone, v8.serialize). */
  collect?(article: Article, options: Options): Partial;
  /** Corpus pass: every document's partial (in path order) → the rule's corpus data. Pure. */
  combine?(partials: readonly { path: string; partial: Partial }[], options: Options): Prepared;
  /** Can `check` with `prepared` give this document other findings than the first pass gave without it? */
  dependsOnCorpus?(partial: Partial, prepared: Prepared, path: string, options: Options): boolean;
  check(article: Article, context: { options: Options; prepared: Prepared | undefined }): FindingDraft[];
}

/** Helper so rule modules get type inference without repeating generics. */
export function defineRule<Options extends object, Prepared = undefined, Partial = undefined>(
  rule: DocumentRule<Options, Prepared, Partial>,
): DocumentRule<Options, Prepared, Partial> {
  return rule;
}

/**
 * The pipeline stamps every finding of a document rule with the rule's id and the document's path (as
 * unified-lint-rule does), so a rule cannot report under another id or file. Findings that already carry both are
 * returned as they are (the same objects).
 */
export function stampFindings(rule: Pick<RuleMeta, 'id'>, path: string, findings: FindingDraft[]): FindingDraft[] {
  return findings.every((f) => f.ruleId === rule.id && f.path === path) ? findings : findings.map((f) => ({ ...f, ruleId: rule.id, path }));
}
