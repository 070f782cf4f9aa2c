// PLACEHOLDER — replaced by the real duplication stage.
import type { CorpusStage } from '../../stage.js';
import type { DuplicatesReport } from '../../types.js';

export const duplicationStage: CorpusStage<DuplicatesReport> = {
  ruleIds: ['near-duplicate', 'similar-content'],
  defaults: { 'near-duplicate': {}, 'similar-content': {} },
  run: () => ({ findings: [], result: { pairs: [], clusters: [] } }),
};
