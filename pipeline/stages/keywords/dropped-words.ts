// PLACEHOLDER — replaced by the rule's real implementation.
import { defineRule } from '../../rule.js';

export const droppedWordsRule = defineRule({
  id: 'dropped-words',
  description: 'TODO',
  defaultSeverity: 'warning',
  defaults: {},
  check: () => [],
});
