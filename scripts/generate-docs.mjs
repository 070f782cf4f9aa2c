#!/usr/bin/env node
// Writes the rule tables of README.md and docs/configuration.md from the registry (pipeline/rule-tables.ts).
//   node scripts/generate-docs.mjs          rewrite the tables
//   node scripts/generate-docs.mjs --check  exit 1 when a committed table is out of date
// test/registry.test.ts asserts the committed tables match, so a rule change without regenerating fails CI.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = new URL('..', import.meta.url);
const { RULE_TABLE_FILES, ruleTable, withRuleTable } = await tsImport('../pipeline/rule-tables.ts', import.meta.url);
let stale = 0;
for (const file of RULE_TABLE_FILES) {
  const target = fileURLToPath(new URL(file, root));
  const current = readFileSync(target, 'utf8');
  const next = withRuleTable(current, ruleTable(file));
  if (next === current) continue;
  if (process.argv.includes('--check')) {
    process.stderr.write(`${file}: the rule table is out of date; run node scripts/generate-docs.mjs\n`);
    stale++;
  } else {
    writeFileSync(target, next);
    process.stdout.write(`wrote ${file}\n`);
  }
}
process.exit(stale ? 1 : 0);
