// The duplication stage's rules, declared once: metadata and options (documented in docs/rules/near-duplicate.md,
// similar-content.md and copied-passage.md).
import { z } from 'zod';
import type { RuleMeta } from '../../rule.js';
import { defaultsOf, fraction, nonNegative } from '../../rule-options.js';

// Every option of the duplication rules is a number that must not be negative (`merge` below checks it again).

export const nearDuplicateRule = {
  id: 'near-duplicate',
  description: 'Two articles are copies or light edits of each other (shingle Jaccard or containment).',
  defaultSeverity: 'error',
  options: z.object({
    jaccard: fraction().default(0.5).describe('Report when the Jaccard similarity of the shingle sets reaches this.'),
    containment: fraction()
      .default(0.8)
      .describe("…or when this share of the smaller article's shingles occurs in the larger one."),
    shingleSize: nonNegative().default(5).describe('Words per shingle.'),
    permutations: nonNegative().default(128).describe('MinHash signature length (one-permutation MinHash bins).'),
    boilerplateShare: nonNegative()
      .default(0.01)
      .describe('Shingles in more than max(boilerplateMinDocs, boilerplateShare × documents) documents are ignored.'),
    boilerplateMinDocs: nonNegative().default(5).describe('See boilerplateShare.'),
    containmentSample: nonNegative().default(16).describe('Bottom-k sample per article for the containment index.'),
    minWords: nonNegative().default(40).describe('Articles with fewer words take no part.'),
    sentenceSimilarity: nonNegative()
      .default(0.5)
      .describe('Sentence similarity (weighted Dice) from which two sentences count as the same passage.'),
    maxPassages: nonNegative().default(20).describe('Shared passages kept per pair in the report.'),
  }),
} satisfies RuleMeta;

export const similarContentRule = {
  id: 'similar-content',
  description:
    'Two articles are spun or paraphrased versions of one source (term-vector cosine plus aligned sentences).',
  defaultSeverity: 'warning',
  options: z.object({
    cosine: fraction().default(0.25).describe('Minimum TF-IDF cosine of a pair.'),
    minAlignedSentences: nonNegative().default(4).describe('Paraphrased sentence pairs aligned in the same order.'),
    minCoverage: nonNegative().default(0.3).describe("Share of the shorter article's words in the aligned sentences."),
    /**
     * A pair at or above this cosine (topic-level rewrites: same entities and claims, reworked outline) needs less
     * structural evidence: `strongMinAligned` paraphrased sentences in order covering `strongMinCoverage` of the
     * shorter article.
     */
    strongCosine: nonNegative()
      .default(0.42)
      .describe('From this cosine on, strongMinAligned and strongMinCoverage are enough (topic-level rewrites).'),
    /**
     * More than a restated background passage plus a coincidence: at least this many paraphrased sentences in
     * order…
     */
    strongMinAligned: nonNegative()
      .default(3)
      .describe('At or above strongCosine: paraphrased sentences aligned in order.'),
    /**
     * …covering at least this share of the shorter article (same-topic articles that are not rewrites stay below
     * ~0.13).
     */
    strongMinCoverage: nonNegative()
      .default(0.15)
      .describe("At or above strongCosine: share of the shorter article's words they cover."),
    /**
     * Both paths: the aligned sentences must also cover this share of the *longer* article. A rewrite covers both
     * articles; a short page (a tutorial step) restating a few lines of a long guide covers 3–10 % of the guide.
     */
    minLongerCoverage: nonNegative()
      .default(0.15)
      .describe("Both paths: share of the longer article's words in the aligned sentences."),
    /**
     * Not reported when at least this share of the paraphrased aligned sentence pairs that hold figures differ in them
     * (0.5: as many differ as share one). A spun version keeps its source's numbers; a follow-up story on the same
     * event restates the background with new ones. Above 1: figures are not looked at.
     */
    maxFigureDifference: nonNegative()
      .default(0.5)
      .describe('Not reported when this share of the aligned pairs holding figures differ in them (above 1: off).'),
    sentenceSimilarity: nonNegative()
      .default(0.3)
      .describe('Weighted-Dice similarity for two sentences to count as paraphrases.'),
    topTerms: nonNegative().default(30).describe('Top-weighted terms per article in the candidate index.'),
    minSharedTerms: nonNegative().default(3).describe('Candidate pairs share at least this many top terms.'),
    maxPostings: nonNegative()
      .default(500)
      .describe('Top terms listed by more than max(this, 2 % of documents) articles propose no candidates.'),
    maxAlignPerDoc: nonNegative()
      .default(5)
      .describe("Below strongCosine, each article's best this-many candidates get the sentence alignment."),
    backgroundDocs: nonNegative()
      .default(1000)
      .describe('Weight of the background frequencies in IDF, in virtual documents.'),
    minWords: nonNegative().default(80).describe('Articles with fewer words take no part.'),
    maxPassages: nonNegative().default(20).describe('Aligned passages kept per pair in the report.'),
  }),
} satisfies RuleMeta;

export const copiedPassageRule = {
  id: 'copied-passage',
  description:
    'Two articles share a passage word for word (two or more sentences, or one long one), ' +
    'whatever share of either it is.',
  defaultSeverity: 'warning',
  options: z.object({
    minSentenceWords: nonNegative()
      .default(6)
      .describe('Sentences shorter than this are not matched on their own ("Read more.", "Thank you.").'),
    minWords: nonNegative()
      .default(20)
      .describe('Two or more consecutive shared sentences are a copied passage from this many words (shorter side).'),
    /**
     * …one shared sentence alone from this many: a news paragraph is often one sentence of 20–35 words, and a
     * 20-word sentence repeated word for word is not a coincidence (stock notes are shorter).
     */
    singleSentenceWords: nonNegative()
      .default(20)
      .describe('One shared sentence alone is a copied passage from this many words.'),
    maxGap: nonNegative()
      .default(1)
      .describe('Differing (lightly edited) sentences a passage may bridge between two shared ones, on each side.'),
    maxGroup: nonNegative()
      .default(50)
      .describe('Documents sharing one sentence beyond which each links to its next few only.'),
    maxPassages: nonNegative().default(20).describe('Passages kept per pair in the report.'),
  }),
} satisfies RuleMeta;

export const NEAR_DUPLICATE_DEFAULTS = defaultsOf(nearDuplicateRule.options);
export const SIMILAR_CONTENT_DEFAULTS = defaultsOf(similarContentRule.options);
export const COPIED_PASSAGE_DEFAULTS = defaultsOf(copiedPassageRule.options);

export type NearDuplicateOptions = typeof NEAR_DUPLICATE_DEFAULTS;
export type SimilarContentOptions = typeof SIMILAR_CONTENT_DEFAULTS;
export type CopiedPassageOptions = typeof COPIED_PASSAGE_DEFAULTS;

function merge<T extends Record<string, number>>(
  defaults: T,
  given: Record<string, unknown> | undefined,
  rule: string,
): T {
  const out = { ...defaults };
  for (const [key, value] of Object.entries(given ?? {})) {
    if (!(key in defaults)) continue; // unknown keys (severity etc.) belong to the pipeline
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new Error(`${rule}: option ${key} must be a non-negative number (got ${JSON.stringify(value)})`);
    }
    (out as Record<string, number>)[key] = value;
  }
  return out;
}

export function parseOptions(options: Record<string, Record<string, unknown>>): {
  near: NearDuplicateOptions;
  similar: SimilarContentOptions;
  copied: CopiedPassageOptions;
} {
  const near = merge(NEAR_DUPLICATE_DEFAULTS, options['near-duplicate'], 'near-duplicate');
  const similar = merge(SIMILAR_CONTENT_DEFAULTS, options['similar-content'], 'similar-content');
  near.shingleSize = Math.max(1, Math.round(near.shingleSize));
  near.permutations = Math.max(8, Math.round(near.permutations));
  near.containmentSample = Math.max(4, Math.round(near.containmentSample));
  if (near.jaccard > 1 || near.containment > 1 || similar.cosine > 1)
    throw new Error('duplication thresholds must be at most 1');
  similar.topTerms = Math.max(1, Math.round(similar.topTerms));
  similar.minSharedTerms = Math.max(1, Math.round(similar.minSharedTerms));
  const copied = merge(COPIED_PASSAGE_DEFAULTS, options['copied-passage'], 'copied-passage');
  copied.maxGap = Math.round(copied.maxGap);
  copied.maxGroup = Math.max(2, Math.round(copied.maxGroup));
  return { near, similar, copied };
}
