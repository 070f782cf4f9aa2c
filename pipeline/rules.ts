// The rule registry: every rule id the tool can report, with its default severity and description.
import type { DocumentRule, RuleMeta } from './rule.js';
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

/** Rules produced by the loader, normaliser, corpus stages and the suppression mechanism. */
export const otherRules: RuleMeta[] = [
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
    id: 'near-duplicate',
    description: 'Two articles are copies or light edits of each other (shingle Jaccard or containment).',
    defaultSeverity: 'error',
  },
  {
    id: 'copied-passage',
    description:
      'Two articles share a passage word for word (two or more sentences, or one long one), whatever share of either it is.',
    defaultSeverity: 'warning',
  },
  {
    id: 'similar-content',
    description:
      'Two articles are spun or paraphrased versions of one source (term-vector cosine plus aligned sentences).',
    defaultSeverity: 'warning',
  },
  {
    id: 'claim-conflict',
    description: 'Articles state incompatible facts about the same entity.',
    defaultSeverity: 'warning',
  },
  {
    id: 'changed-fact',
    description: 'Two versions of one article state a different number, date or name in the same sentence.',
    defaultSeverity: 'warning',
  },
  {
    id: 'name-spelling',
    description:
      'One person or organisation is spelt two ways across the corpus (one word differs by a letter or two).',
    defaultSeverity: 'warning',
  },
  {
    id: 'single-source-claim',
    description: 'A fact about a shared entity is stated by one article only.',
    defaultSeverity: 'info',
  },
  {
    id: 'unused-suppression',
    description: 'A content-audit-disable comment suppressed nothing.',
    defaultSeverity: 'info',
  },
];

export const allRules: RuleMeta[] = [
  ...documentRules.map(({ id, description, defaultSeverity }) => ({ id, description, defaultSeverity })),
  ...otherRules,
].sort((a, b) => (a.id < b.id ? -1 : 1));

export const ruleIds = new Set(allRules.map((rule) => rule.id));
