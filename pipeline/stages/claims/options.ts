// Options of the claims stage's rules claim-conflict and single-source-claim (docs/rules/*.md), and how a rule's
// configured options are merged over its defaults.

export const CLAIM_CONFLICT_DEFAULTS = {
  /** Attributes that hold one value per subject, so two values in the same article also conflict. */
  withinArticle: ['expands to', 'founded', 'founding place'] as string[],
  /** Relative difference below which two unhedged numbers are the same figure. */
  tolerance: 0.02,
  /** Extra aliases: { "Canonical name": ["alias", …] }. */
  aliases: {} as Record<string, string[]>,
  /** Maximum findings per article (the conflicts list in the report is never truncated). */
  maxPerArticle: 50,
};

export const SINGLE_SOURCE_DEFAULTS = {
  /** Findings per article at most (highest-value facts first: dates, numbers, people, then the rest). */
  maxPerArticle: 5,
  /** An entity must be mentioned by at least this many articles for a single-source fact to be reported. */
  minArticles: 2,
  /** Attributes never reported as single-source (descriptions and acronym expansions need no source). */
  ignoreAttributes: ['description', 'expands to'] as string[],
};

/** A rule's options: the configured ones (the stage context's, per rule id) over the rule's defaults. */
export function optionsOf<T extends object>(
  defaults: T,
  options: Record<string, Record<string, unknown>>,
  ruleId: string,
): T {
  return { ...defaults, ...(options[ruleId] ?? {}) } as T;
}
