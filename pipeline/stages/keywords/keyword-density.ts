// PLACEHOLDER — replaced by the rule's real implementation.
import { defineRule } from '../../rule.js';

export const keywordDensityRule = defineRule({
  id: 'keyword-density',
  description: 'TODO',
  defaultSeverity: 'warning',
  defaults: {},
  check: () => [],
});
