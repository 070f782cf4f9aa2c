// The shape every per-document rule has: an id, a default severity, options with defaults, and a pure check.
import type { Article, FindingDraft, Severity } from './types.js';

export interface RuleMeta {
  /** Kebab-case id; part of the report contract and the name of docs/rules/<id>.md. */
  id: string;
  description: string;
  defaultSeverity: Severity;
}

export interface DocumentRule<Options extends object = Record<string, unknown>, Prepared = unknown> extends RuleMeta {
  defaults: Options;
  /**
   * Optional corpus-wide pass run once before check() (e.g. phrase recurrence across articles).
   * Must be pure: articles in, data out.
   */
  prepare?(articles: readonly Article[], options: Options): Prepared;
  check(article: Article, context: { options: Options; prepared: Prepared }): FindingDraft[];
}

/** Helper so rule modules get type inference without repeating generics. */
export function defineRule<Options extends object, Prepared = undefined>(rule: DocumentRule<Options, Prepared>): DocumentRule<Options, Prepared> {
  return rule;
}
