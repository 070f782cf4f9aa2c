// PLACEHOLDER — replaced by the rule's real implementation.
import { defineRule } from '../rule.js';

export const truncatedEndingRule = defineRule({
  id: 'truncated-ending',
  description: 'TODO',
  defaultSeverity: 'warning',
  defaults: {},
  check: () => [],
});
