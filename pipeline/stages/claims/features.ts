// Claim extraction is per document: it runs where the article is normalised (CorpusStage.extract) and its result is
// cached with the document's digest. What comes back is validated; anything unexpected means "extract again".
import type { StageDocument } from '../../stage.js';
import type { Article } from '../../types.js';
import { extractArticle } from './extract.js';
import { articleFacts, type ArticleFacts } from './facts.js';
import type { ArticleClaims, Claim } from './types.js';

/** One article's claims without its place in the run (claims carry `article` = index, set when the corpus is known). */
export interface ClaimFeatures {
  claims: Omit<Claim, 'article' | 'path'>[];
  acronyms: { short: string; long: string }[];
  mentions: string[];
  /** Sentences with values masked, for comparing versions of one article (versions.ts). */
  facts: ArticleFacts;
}

export function isClaimFeatures(value: unknown): value is ClaimFeatures {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return (
    Array.isArray(v.claims) &&
    v.claims.every(
      (c) =>
        c &&
        typeof c === 'object' &&
        typeof (c as Claim).subject === 'string' &&
        typeof (c as Claim).attribute === 'string' &&
        typeof (c as Claim).value === 'string' &&
        Number.isInteger((c as Claim).line),
    ) &&
    Array.isArray(v.acronyms) &&
    v.acronyms.every(
      (a) =>
        a &&
        typeof a === 'object' &&
        typeof (a as { short: unknown }).short === 'string' &&
        typeof (a as { long: unknown }).long === 'string',
    ) &&
    Array.isArray(v.mentions) &&
    v.mentions.every((m) => typeof m === 'string') &&
    !!v.facts &&
    typeof v.facts === 'object' &&
    typeof (v.facts as ArticleFacts).subject === 'string' &&
    Array.isArray((v.facts as ArticleFacts).sentences)
  );
}

export function claimFeatures(article: Article): ClaimFeatures {
  const extraction = extractArticle(article, 0);
  return {
    claims: extraction.claims.map(({ article: _article, path: _path, ...rest }) => rest),
    acronyms: extraction.acronyms.map(({ short, long }) => ({ short, long })),
    mentions: [...extraction.mentions].sort(),
    facts: articleFacts(article),
  };
}

/** A document's claims placed at `index` of this run; throws on features that do not validate (a bug, not input). */
export function articleClaims(document: StageDocument<unknown>, index: number): ArticleClaims {
  const features = document.features;
  if (!isClaimFeatures(features)) throw new Error(`claims: features of ${document.path} do not validate`);
  return {
    claims: features.claims.map((claim) => ({ ...claim, article: index, path: document.path }) as Claim),
    acronyms: features.acronyms.map((acronym) => ({ ...acronym, article: index })),
    mentions: new Set(features.mentions),
  };
}
