// Rules of the claims stage's own options (claim-conflict and single-source-claim, docs/rules/*.md), declared with
// their option schemas, and how a rule's configured options are merged over its defaults.
import { z } from 'zod';
import type { RuleMeta } from '../../rule.js';
import { defaultsOf, nonNegative, strings } from '../../rule-options.js';

export const claimConflictRule = {
  id: 'claim-conflict',
  description: 'Articles state incompatible facts about the same entity.',
  defaultSeverity: 'warning',
  options: z.object({
    withinArticle: strings()
      .default(['expands to', 'founded', 'founding place'])
      .describe('Attributes that hold one value per subject, so two values in the same article also conflict.'),
    tolerance: nonNegative()
      .default(0.02)
      .describe('Relative difference below which two unhedged numbers are the same figure.'),
    aliases: z.record(z.string(), strings()).default({}).describe('Extra aliases: { "Canonical name": ["alias", …] }.'),
    maxPerArticle: nonNegative()
      .default(50)
      .describe('Findings per article at most (the conflicts list in the report is never truncated).'),
    /** Checked in detail by verifier.ts (parseVerifierSettings) when the audit starts. */
    verifier: z
      .union([z.literal(false), z.null(), z.record(z.string(), z.unknown())])
      .optional()
      .describe('HTTP verifier for the claim pairs the rules cannot decide (docs/claims.md, Verifier).'),
  }),
} satisfies RuleMeta;

export const singleSourceClaimRule = {
  id: 'single-source-claim',
  description: 'A fact about a shared entity is stated by one article only.',
  defaultSeverity: 'info',
  options: z.object({
    maxPerArticle: nonNegative()
      .default(5)
      .describe('Findings per article at most (highest-value facts first: dates, numbers, people, then the rest).'),
    minArticles: nonNegative()
      .default(2)
      .describe('An entity must be mentioned by at least this many articles for a single-source fact to be reported.'),
    ignoreAttributes: strings()
      .default(['description', 'expands to'])
      .describe('Attributes never reported as single-source (descriptions and acronym expansions need no source).'),
  }),
} satisfies RuleMeta;

export const CLAIM_CONFLICT_DEFAULTS = defaultsOf(claimConflictRule.options);
export const SINGLE_SOURCE_DEFAULTS = defaultsOf(singleSourceClaimRule.options);

/** A rule's options: the configured ones (the stage context's, per rule id) over the rule's defaults. */
export function optionsOf<T extends object>(
  defaults: T,
  options: Record<string, Record<string, unknown>>,
  ruleId: string,
): T {
  return { ...defaults, ...(options[ruleId] ?? {}) } as T;
}
