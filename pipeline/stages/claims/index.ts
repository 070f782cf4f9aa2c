// PLACEHOLDER — replaced by the real claims stage.
import type { CorpusStage } from '../../stage.js';
import type { ClaimsReport } from '../../types.js';

export const claimsStage: CorpusStage<ClaimsReport> = {
  ruleIds: ['claim-conflict', 'single-source-claim'],
  defaults: { 'claim-conflict': {}, 'single-source-claim': {} },
  run: () => ({ findings: [], result: { conflicts: [], entities: [] } }),
};
