// Rule options as zod schemas: one schema per rule, derived from the rule's own `defaults` (so an option added to a
// rule's defaults is known at once) and tightened by the constraints below (ranges, element types, options that have
// no default). The schemas validate the config before any file is read (pipeline/registry.ts) and go into the
// published JSON Schema (schema/config.schema.json). The values the rules get are still their defaults with the
// user's options merged over them (config.ts ruleOptions), so a valid config behaves exactly as before.
import { z } from 'zod';

const fraction = () => z.number().min(0).max(1);
const nonNegative = () => z.number().min(0);
const strings = () => z.array(z.string());
const validRegExp = (source: string) => {
  try {
    new RegExp(source, 'iu');
    return true;
  } catch {
    return false;
  }
};

/**
 * Constraints per rule id and option, beyond "the type of the default". Options listed here but absent from the
 * defaults are optional settings without a default (claim-conflict's `verifier`).
 */
export const OPTION_CONSTRAINTS: Record<string, Record<string, z.ZodType>> = {
  'truncated-ending': {
    minUnpunctuatedWords: nonNegative(),
    fragmentRatio: nonNegative(),
    allowEndings: z.array(z.string().refine(validRegExp, { message: 'expected a valid regular expression' })),
  },
  'spliced-keyword': {
    keywords: strings(),
    minRecurrence: nonNegative(),
    commercialTerms: z.object({ verticals: strings().optional(), intent: strings().optional() }).strict(),
  },
  'keyword-density': {
    keywords: strings(),
    maxDensity: fraction(),
    errorDensity: fraction(),
    minWords: nonNegative(),
    autoDensity: fraction(),
    autoMinOccurrences: nonNegative(),
    subjectDensity: fraction(),
  },
  'dropped-words': { maxGap: nonNegative(), maxPerArticle: nonNegative() },
  // The duplication stage refuses negative numbers and thresholds above 1 (stages/duplication/options.ts).
  'near-duplicate': { jaccard: fraction(), containment: fraction() },
  'similar-content': { cosine: fraction() },
  'copied-passage': {},
  'claim-conflict': {
    withinArticle: strings(),
    tolerance: nonNegative(),
    aliases: z.record(z.string(), strings()),
    maxPerArticle: nonNegative(),
    /** Checked in detail by stages/claims/verifier.ts (parseVerifierSettings) when the audit starts. */
    verifier: z
      .union([z.literal(false), z.null(), z.record(z.string(), z.unknown())])
      .describe('HTTP verifier for the claim pairs the rules cannot decide (docs/claims.md, Verifier).'),
  },
  'single-source-claim': { maxPerArticle: nonNegative(), minArticles: nonNegative(), ignoreAttributes: strings() },
  'changed-fact': { minSentenceSimilarity: fraction(), maxPerArticle: nonNegative() },
};

/** Rules whose options are all numbers that must not be negative (the duplication stage's own check). */
const NUMBERS_NON_NEGATIVE: ReadonlySet<string> = new Set(['near-duplicate', 'similar-content', 'copied-passage']);

/** The zod type of an option from its default value. */
function typeOfDefault(value: unknown, nonNegativeNumbers: boolean): z.ZodType {
  if (typeof value === 'number') return nonNegativeNumbers ? nonNegative() : z.number();
  if (typeof value === 'boolean') return z.boolean();
  if (typeof value === 'string') return z.string();
  if (Array.isArray(value)) return value.every((item) => typeof item === 'string') ? strings() : z.array(z.unknown());
  if (value && typeof value === 'object') return z.record(z.string(), z.unknown());
  return z.unknown();
}

/**
 * The options schema of a rule: every option optional, with its default; unknown option names rejected.
 * `severity` is not an option (the config separates it before options are validated).
 */
export function optionsSchemaFor(id: string, defaults: Record<string, unknown> = {}): z.ZodObject {
  const constraints = OPTION_CONSTRAINTS[id] ?? {};
  const shape: Record<string, z.ZodType> = {};
  for (const [key, value] of Object.entries(defaults)) {
    const type = constraints[key] ?? typeOfDefault(value, NUMBERS_NON_NEGATIVE.has(id));
    shape[key] = type.default(structuredClone(value) as never);
  }
  for (const [key, type] of Object.entries(constraints)) if (!(key in shape)) shape[key] = type.optional();
  return z.object(shape).strict();
}
