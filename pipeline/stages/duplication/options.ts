// Options of the two duplication rules (documented in docs/rules/near-duplicate.md and similar-content.md).

export const NEAR_DUPLICATE_DEFAULTS = {
  /** Report when the Jaccard similarity of the 5-word shingle sets reaches this. */
  jaccard: 0.5,
  /** …or when this share of the smaller article's shingles occurs in the larger one. */
  containment: 0.8,
  /** Words per shingle. */
  shingleSize: 5,
  /** MinHash signature length (one-permutation MinHash bins). */
  permutations: 128,
  /** Shingles in more than max(boilerplateMinDocs, boilerplateShare × documents) documents are ignored. */
  boilerplateShare: 0.01,
  boilerplateMinDocs: 5,
  /** Bottom-k sample per article for the containment index. */
  containmentSample: 16,
  /** Articles with fewer words take no part. */
  minWords: 40,
  /** Sentence similarity (weighted Dice) above which two sentences count as the same passage in the evidence. */
  sentenceSimilarity: 0.5,
  maxPassages: 20,
};

export const SIMILAR_CONTENT_DEFAULTS = {
  /** TF-IDF cosine (content-word stems, log tf, blended idf) a pair must reach… */
  cosine: 0.25,
  /** …with at least this many paraphrased sentence pairs aligned in the same order in both articles… */
  minAlignedSentences: 4,
  /** …covering at least this share of the shorter article's words. */
  minCoverage: 0.3,
  /**
   * A pair at or above this cosine (topic-level rewrites: same entities and claims, reworked outline) needs less
   * structural evidence: `strongMinAligned` paraphrased sentences in order covering `strongMinCoverage` of the
   * shorter article.
   */
  strongCosine: 0.42,
  /** More than a restated background passage plus a coincidence: at least this many paraphrased sentences in order… */
  strongMinAligned: 3,
  /**
   * …covering at least this share of the shorter article (same-topic articles that are not rewrites stay below ~0.13).
   */
  strongMinCoverage: 0.15,
  /**
   * Both paths: the aligned sentences must also cover this share of the *longer* article. A rewrite covers both
   * articles; a short page (a tutorial step) restating a few lines of a long guide covers 3–10 % of the guide.
   */
  minLongerCoverage: 0.15,
  /**
   * Not reported when at least this share of the paraphrased aligned sentence pairs that hold figures differ in them
   * (0.5: as many differ as share one). A spun version keeps its source's numbers; a follow-up story on the same
   * event restates the background with new ones. Above 1: figures are not looked at.
   */
  maxFigureDifference: 0.5,
  /** Weighted-Dice similarity for two sentences to count as paraphrases of each other. */
  sentenceSimilarity: 0.3,
  /** Top-weighted terms per article that go into the candidate index. */
  topTerms: 30,
  /** Candidate pairs share at least this many top terms. */
  minSharedTerms: 3,
  /** Top terms listed by more than max(this, 2 % of documents) articles are too common to propose candidates. */
  maxPostings: 500,
  /** Below strongCosine, each article's best this-many candidates (by cosine) get the sentence alignment. */
  maxAlignPerDoc: 5,
  /** Weight of the built-in English background frequencies in IDF, in virtual documents. */
  backgroundDocs: 1000,
  minWords: 80,
  maxPassages: 20,
};

export const COPIED_PASSAGE_DEFAULTS = {
  /** Sentences shorter than this are not matched on their own ("Read more.", "Thank you."). */
  minSentenceWords: 6,
  /** Two or more consecutive shared sentences are a copied passage from this many words (on the shorter side)… */
  minWords: 20,
  /**
   * …one shared sentence alone from this many: a news paragraph is often one sentence of 20–35 words, and a
   * 20-word sentence repeated word for word is not a coincidence (stock notes are shorter).
   */
  singleSentenceWords: 20,
  /** Differing (lightly edited) sentences a passage may bridge between two shared ones, on each side. */
  maxGap: 1,
  /** Documents sharing one sentence beyond which each links to its next few only (farms of copies stay linear). */
  maxGroup: 50,
  maxPassages: 20,
};

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
