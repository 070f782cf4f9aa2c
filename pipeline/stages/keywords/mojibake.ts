// PLACEHOLDER — replaced by the rule's real implementation.
import { defineRule } from '../../rule.js';

export const mojibakeRule = defineRule({
  id: 'mojibake',
  description: 'TODO',
  defaultSeverity: 'warning',
  defaults: {},
  check: () => [],
});
