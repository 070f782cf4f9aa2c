// The shape every per-document rule has: an id, a default severity, options with defaults, and a pure check.
import type { z } from 'zod';
import { defaultsOf } from './rule-options.js';
import { stampRuleDrafts } from './stamp.js';
import type { Article, FindingDraft, Severity } from './types.js';

/** A rule's documentation page, relative to the package root (the registry's `docs`; reports link it). */
export const ruleDocsPath = (id: string) => `docs/rules/${id}.md`;

/** A rule's metadata, declared once next to its code (a document rule, a corpus stage's rule, a pipeline rule). */
export interface RuleMeta {
  /** Kebab-case id; part of the report contract and the name of docs/rules/<id>.md. */
  id: string;
  description: string;
  defaultSeverity: Severity;
  /**
   * The rule's options: a zod object whose every option has its default and a description (ranges where they apply;
   * building blocks in rule-options.ts). Absent: the rule has no options. Unknown option names are refused.
   */
  options?: z.ZodObject;
}

/** What the corpus pass gives a rule's `combine` besides the partials. */
export interface CombineContext {
  /** Pairs of documents an earlier corpus stage related (CorpusStageContext.relatedPairs); absent = not known. */
  relatedPairs?: readonly { a: string; b: string }[];
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
export interface DocumentRule<Options extends object = Record<string, unknown>, Prepared = unknown, Partial = unknown>
  extends RuleMeta {
  options: z.ZodObject;
  /** Every option's default, read from `options` (defineRule). */
  defaults: Options;
  /**
   * List options this rule also reads from another rule's config, so one list is declared once: `{ keywords:
   * 'keyword-density' }` makes the keyphrases declared for keyword-density this rule's too (its own first, then the
   * other's, duplicates dropped; read whether or not the other rule is on). Resolved with the options (digest.ts).
   */
  sharedOptions?: Readonly<Record<string, string>>;
  /** Per document: what the corpus pass needs from this article (plain data: structured clone, v8.serialize). */
  collect?(article: Article, options: Options): Partial;
  /**
   * Corpus pass: every document's partial (in path order) → the rule's corpus data. Pure. `context.relatedPairs`: the
   * pairs of documents the corpus stages related (the duplication stage's near-duplicate and similar-content pairs:
   * versions of one article; with a focus, only pairs involving it); absent when no stage ran that reports pairs.
   */
  combine?(
    partials: readonly { path: string; partial: Partial }[],
    options: Options,
    context?: CombineContext,
  ): Prepared;
  /** Can `check` with `prepared` give this document other findings than the first pass gave without it? */
  dependsOnCorpus?(partial: Partial, prepared: Prepared, path: string, options: Options): boolean;
  /** The article's drafts; the pipeline stamps each with the rule's id, the article's path and (when left out) the rule's default severity. */
  check(article: Article, context: { options: Options; prepared: Prepared | undefined }): RuleFindingDraft[];
}

/**
 * A draft as a document rule writes it: no `ruleId`, no `path` (the pipeline stamps them: stamp.ts); `severity` only
 * when it varies per finding (else the rule's default severity is stamped).
 */
export type RuleFindingDraft = Omit<FindingDraft, 'ruleId' | 'path' | 'severity'> &
  Partial<Pick<FindingDraft, 'severity'>>;

/**
 * A document rule from its declaration: `defaults` are read from its `options` schema (so they are declared once).
 * Also gives rule modules type inference without repeating generics.
 */
export function defineRule<Options extends object, Prepared = undefined, Partial = undefined>(
  rule: Omit<DocumentRule<Options, Prepared, Partial>, 'options' | 'defaults'> & {
    options: z.ZodObject & z.ZodType<Options>;
  },
): DocumentRule<Options, Prepared, Partial> {
  return { ...rule, defaults: defaultsOf(rule.options) as Options };
}

/** A rule's check of one article, stamped (stamp.ts): what the pipeline (and testRule) run. */
export function checkArticle<Options extends object, Prepared>(
  rule: DocumentRule<Options, Prepared, unknown>,
  article: Article,
  context: { options: Options; prepared: Prepared | undefined },
): FindingDraft[] {
  return stampRuleDrafts(rule, article.path, rule.check(article, context));
}
