// The built-in rules: the document rules, the corpus stages (whose rules they declare) and the pipeline's own rules.
import type { DocumentRule, RuleMeta } from './rule.js';
import { claimsStage } from './stages/claims/index.js';
import { duplicationStage } from './stages/duplication/index.js';
import { truncatedEndingRule } from './stages/truncation.js';
import { splicedKeywordRule } from './stages/keywords/spliced-keyword.js';
import { keywordDensityRule } from './stages/keywords/keyword-density.js';
import { mojibakeRule } from './stages/keywords/mojibake.js';
import { droppedWordsRule } from './stages/keywords/dropped-words.js';

// biome-ignore lint/suspicious/noExplicitAny: rules with different options and corpus data types share one list
export const documentRules: DocumentRule<any, any>[] = [
  truncatedEndingRule,
  splicedKeywordRule,
  keywordDensityRule,
  mojibakeRule,
  droppedWordsRule,
];

/**
 * Rules the loader, the normaliser and the suppression mechanism report (no options). The corpus stages' rules are
 * declared in the stages (CorpusStage.rules), the document rules in their modules.
 */
export const pipelineRules: RuleMeta[] = [
  {
    id: 'unreadable-file',
    description: 'A file could not be read or decoded at all (binary, permissions, size limit, vanished).',
    defaultSeverity: 'error',
  },
  {
    id: 'invalid-encoding',
    description: 'A file is not valid UTF-8 (invalid bytes, or a single-byte code page).',
    defaultSeverity: 'error',
  },
  { id: 'invalid-front-matter', description: 'Front matter is not valid YAML.', defaultSeverity: 'warning' },
  {
    id: 'unused-suppression',
    description: 'A content-audit-disable comment suppressed nothing.',
    defaultSeverity: 'info',
  },
];

/** The corpus stages in the order they run. */
export const corpusStages = { duplication: duplicationStage, claims: claimsStage } as const;

/** The metadata of every built-in rule, sorted by id. */
export const allRules: RuleMeta[] = [
  ...documentRules,
  ...Object.values(corpusStages).flatMap((stage) => stage.rules),
  ...pipelineRules,
]
  .map(({ id, description, defaultSeverity }) => ({ id, description, defaultSeverity }))
  .sort((a, b) => (a.id < b.id ? -1 : 1));

export const ruleIds = new Set(allRules.map((rule) => rule.id));
