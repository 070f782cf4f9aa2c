// Rule name-spelling as the claims stage runs it: the fact sentences' names of every document (spelling.ts). See
// docs/rules/name-spelling.md.
import type { CorpusStageContext, StageDocument } from '../../stage.js';
import type { ClaimFeatures } from './features.js';
import { optionsOf } from './options.js';
import { NAME_SPELLING_DEFAULTS, nameSpellings } from './spelling.js';

/** One name spelt two ways across the corpus. */
export function analyseSpellings(
  documents: readonly StageDocument<ClaimFeatures>[],
  context: Pick<CorpusStageContext, 'options' | 'focus'>,
) {
  const options = optionsOf(NAME_SPELLING_DEFAULTS, context.options, 'name-spelling');
  return nameSpellings(
    documents.map((d) => ({ path: d.path, facts: d.features.facts, mentions: d.features.mentions })),
    options,
    context.focus,
  );
}
