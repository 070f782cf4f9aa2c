// Claims stage: extract (subject, attribute, value, location) claims from every article, resolve entities across
// articles, and report incompatible values (claim-conflict), facts stated by one article only (single-source-claim),
// facts that changed between versions of one article (changed-fact) and names spelt two ways (name-spelling).
// See docs/claims.md for the design and docs/rules/*.md for the rules and their options. This module is the stage's
// contract and wiring; each step lives in a module named for it (analyse.ts and the modules it calls,
// changed-fact.ts, name-spelling.ts, verifier.ts).
import type { CorpusStage, CorpusStageContext, StageDocument, StageSettleContext } from '../../stage.js';
import type { ClaimsReport } from '../../types.js';
import { analyseDocuments } from './analyse.js';
import { analyseVersions } from './changed-fact.js';
import { claimFeatures, type ClaimFeatures } from './features.js';
import { analyseSpellings } from './name-spelling.js';
import { claimConflictRule, singleSourceClaimRule } from './options.js';
import { nameSpellingRule } from './spelling.js';
import { verifyClaims, type ClaimsOutput } from './verifier.js';
import { changedFactRule } from './versions.js';

export type { Claim, ArticleClaims } from './types.js';
export { extractArticle } from './extract.js';
export { EntityResolver } from './resolve.js';
export { compareValues } from './compare.js';
export { analyseClaims, analyseDocuments, type ClaimsAnalysis } from './analyse.js';
export { analyseVersions } from './changed-fact.js';
export { conflictFinding, type UndecidedPair } from './conflicts.js';
export { analyseSpellings } from './name-spelling.js';
export {
  CLAIM_CONFLICT_DEFAULTS,
  SINGLE_SOURCE_DEFAULTS,
  claimConflictRule,
  singleSourceClaimRule,
} from './options.js';
export { byLocation, compareConflicts } from './order.js';
export { singleSourceEvidence } from './single-source.js';

/**
 * The claims stage; `run` also hands back the undecided pairs, which `settle` (async audits only) asks the optional
 * claim verifier about (verifier.ts).
 */
export const claimsStage: Omit<CorpusStage<ClaimFeatures, ClaimsReport>, 'run' | 'settle'> & {
  run(documents: readonly StageDocument<ClaimFeatures>[], context: CorpusStageContext): ClaimsOutput;
  settle(output: ClaimsOutput, context: StageSettleContext): ReturnType<typeof verifyClaims>;
} = {
  rules: [claimConflictRule, singleSourceClaimRule, changedFactRule, nameSpellingRule],
  extract: (article) => claimFeatures(article),
  run(documents, context) {
    const { findings, result, undecided, singleSource } = analyseDocuments(documents, context);
    const versions = analyseVersions(documents, context);
    result.conflicts.push(...versions.conflicts);
    const spellings = analyseSpellings(documents, context);
    return { findings: [...findings, ...versions.findings, ...spellings], result, undecided, singleSource };
  },
  settle: (output, context) => verifyClaims(output, context),
};
