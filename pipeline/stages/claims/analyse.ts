// The claims of a whole run compared: entities resolved and claims grouped by slot (slots.ts), conflicts between
// values (conflicts.ts), facts stated by one article only (single-source.ts) and the entities table (entities.ts).
import type { CorpusStageContext, StageDocument } from '../../stage.js';
import type { StageFindingDraft } from '../../stage.js';
import type { Article, ClaimsReport } from '../../types.js';
import { boundPerArticle } from './bound.js';
import { findConflicts, type UndecidedPair } from './conflicts.js';
import { entitiesTable } from './entities.js';
import { clusterFacts, derivedFacts, mentioningArticles } from './fact-clusters.js';
import { claimFeatures, type ClaimFeatures } from './features.js';
import { CLAIM_CONFLICT_DEFAULTS, optionsOf, SINGLE_SOURCE_DEFAULTS } from './options.js';
import { compareConflicts } from './order.js';
import { type SingleSourceFact, singleSourceFindings } from './single-source.js';
import { resolveClaims } from './slots.js';
import type { Claim } from './types.js';

export interface ClaimsAnalysis {
  findings: StageFindingDraft[];
  result: ClaimsReport;
  /** Pairs the rules could not decide (different currencies, …): input for the optional verifier (verifier.ts). */
  undecided: UndecidedPair[];
  /** The fact each single-source-claim finding of `findings` reports (the verifier drops those a conflict settles). */
  singleSource: Map<StageFindingDraft, SingleSourceFact>;
  claims: Claim[];
}

/** Convenience for tests and scoring: extract every article's claims, then analyse them. */
export function analyseClaims(
  articles: readonly Article[],
  context: Pick<CorpusStageContext, 'options' | 'focus'>,
): ClaimsAnalysis {
  return analyseDocuments(
    articles.map((article) => ({ path: article.path, words: article.words, features: claimFeatures(article) })),
    context,
  );
}

/** Rules claim-conflict and single-source-claim over the documents' claim features. */
export function analyseDocuments(
  documents: readonly StageDocument<ClaimFeatures>[],
  context: Pick<CorpusStageContext, 'options' | 'focus'>,
): ClaimsAnalysis {
  const conflictOptions = optionsOf(CLAIM_CONFLICT_DEFAULTS, context.options, 'claim-conflict');
  const singleOptions = optionsOf(SINGLE_SOURCE_DEFAULTS, context.options, 'single-source-claim');
  const focus = context.focus;

  const resolved = resolveClaims(documents, conflictOptions);
  const found = findConflicts(resolved, new Set(conflictOptions.withinArticle), focus);
  found.conflicts.sort(compareConflicts);
  const mentionedBy = mentioningArticles(resolved);
  const facts = clusterFacts(resolved);
  const derived = derivedFacts(resolved);
  const singleSource =
    documents.length >= 2
      ? singleSourceFindings(facts, resolved, {
          options: singleOptions,
          mentionedBy,
          inConflict: found.inConflict,
          focus,
        })
      : new Map<StageFindingDraft, SingleSourceFact>();
  const entities = entitiesTable(facts, derived, resolved);
  const boundedConflicts = boundPerArticle(found.findings, conflictOptions.maxPerArticle);
  return {
    findings: [...boundedConflicts, ...singleSource.keys()],
    result: { conflicts: found.conflicts, entities },
    undecided: found.undecided,
    singleSource,
    claims: resolved.claims,
  };
}
