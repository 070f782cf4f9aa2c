// The rule tables of README.md and docs/configuration.md, generated from the registry (scripts/generate-docs.mjs
// writes them between `<!-- rules-table:start -->` and `<!-- rules-table:end -->`; test/registry.test.ts checks them).
import path from 'node:path';
import { registeredRules, type RegisteredRule, type Registry } from './registry.js';

export const TABLE_START =
  '<!-- rules-table:start (generated from the registry by scripts/generate-docs.mjs; do not edit) -->';
export const TABLE_END = '<!-- rules-table:end -->';

const options = (rule: RegisteredRule) => {
  const names = Object.keys(rule.options.shape);
  return names.length ? names.map((name) => `\`${name}\``).join(', ') : '—';
};
const escapePipes = (text: string) => text.replace(/\|/g, '\\|');

/** The table for `file` (a path relative to the package root; the docs links are relative to it). */
export function ruleTable(file: string, registry?: Registry): string {
  const rows = registeredRules(registry).map(
    (rule) =>
      `| [\`${rule.id}\`](${path.posix.relative(path.posix.dirname(file), rule.docs)}) | ${rule.defaultSeverity} | ${escapePipes(rule.description)} | ${options(rule)} |`,
  );
  return ['| Rule | Default | What it reports | Options |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** `text` with the generated table between the markers (which must be present once). */
export function withRuleTable(text: string, table: string): string {
  const start = text.indexOf(TABLE_START);
  const end = text.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error('rule table markers not found');
  return `${text.slice(0, start + TABLE_START.length)}\n${table}\n${text.slice(end)}`;
}

/** Files with a generated rule table (relative to the package root). */
export const RULE_TABLE_FILES: readonly string[] = ['README.md', 'docs/configuration.md'];
