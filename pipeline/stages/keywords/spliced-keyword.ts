// PLACEHOLDER — replaced by the rule's real implementation.
import { defineRule } from '../../rule.js';

export const splicedKeywordRule = defineRule({
  id: 'spliced-keyword',
  description: 'TODO',
  defaultSeverity: 'warning',
  defaults: {},
  check: () => [],
});
