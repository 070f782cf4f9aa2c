// Claim extraction is per document, so the incremental cache can keep it: only changed articles are re-extracted.
// What comes back from the cache is validated; anything unexpected means "extract again", never "trust".
import type { DocumentMemo } from '../../stage.js';
import type { Article } from '../../types.js';
import { extractArticle } from './extract.js';
import type { ArticleClaims, Claim } from './types.js';

/** Bump when extraction output changes shape or meaning (the cache also keys on the tool build). */
const EXTRACTION_VERSION = 'claims-extract-1';

interface StoredExtraction {
  claims: Omit<Claim, 'article'>[];
  acronyms: { short: string; long: string }[];
  mentions: string[];
}

function isStoredExtraction(value: unknown): value is StoredExtraction {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return (
    Array.isArray(v.claims) &&
    v.claims.every((c) => c && typeof c === 'object' && typeof (c as Claim).subject === 'string' && typeof (c as Claim).attribute === 'string' && typeof (c as Claim).value === 'string' && Number.isInteger((c as Claim).line)) &&
    Array.isArray(v.acronyms) &&
    v.acronyms.every((a) => a && typeof a === 'object' && typeof (a as { short: unknown }).short === 'string' && typeof (a as { long: unknown }).long === 'string') &&
    Array.isArray(v.mentions) &&
    v.mentions.every((m) => typeof m === 'string')
  );
}

function store(extraction: ArticleClaims): StoredExtraction {
  return {
    claims: extraction.claims.map(({ article: _article, ...rest }) => rest),
    acronyms: extraction.acronyms.map(({ short, long }) => ({ short, long })),
    mentions: [...extraction.mentions].sort(),
  };
}

/** Extract an article's claims, through the memo when there is one. `index` is the article's place in this run. */
export function extractWithMemo(article: Article, index: number, memo: DocumentMemo | undefined): ArticleClaims {
  const cached = memo?.get(article, 'claims', EXTRACTION_VERSION);
  if (isStoredExtraction(cached)) {
    return {
      claims: cached.claims.map((claim) => ({ ...claim, article: index, path: article.path }) as Claim),
      acronyms: cached.acronyms.map((acronym) => ({ ...acronym, article: index })),
      mentions: new Set(cached.mentions),
    };
  }
  const fresh = extractArticle(article, index);
  memo?.set(article, 'claims', EXTRACTION_VERSION, store(fresh));
  return fresh;
}
