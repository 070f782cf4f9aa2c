// Every rule doc's options, run against the registry (remark-lint runs its docs' examples the same way): the example
// config in a doc's "Options" section must validate, and every option its table names must exist with the default
// the table states.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { resolveConfig } from '../pipeline/config.js';
import { registeredRules, validateRules } from '../pipeline/registry.js';
import { RULE_TABLE_FILES, ruleTable, withRuleTable } from '../pipeline/rule-tables.js';

const root = path.resolve(import.meta.dirname, '..');

/** The "## Options" section of a rule doc (up to the next "## "), or ''. */
function optionsSection(text: string): string {
  const start = text.search(/^## Options\b/m);
  if (start < 0) return '';
  const rest = text.slice(start + 1);
  const end = rest.search(/^## /m);
  return end < 0 ? rest : rest.slice(0, end);
}

/** Table rows "| `name` | default | …" → [name, default cell]. */
function tableOptions(section: string): [string, string][] {
  return [...section.matchAll(/^\| `([A-Za-z]+)` \| ([^|]*) \|/gm)].map((m) => [m[1], m[2].trim()]);
}

/** A default cell as a value when it is plain JSON (`0.5`, `true`, `["a"]`, `{}`); else undefined (prose). */
function cellValue(cell: string): unknown {
  const text = cell.replace(/^`|`$/g, '').replace(/,(?=\d{3}\b)/g, '');
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

describe('rule docs: the options they document are the options the rules take', () => {
  for (const rule of registeredRules()) {
    const text = readFileSync(path.join(root, rule.docs), 'utf8');
    const section = optionsSection(text);
    const block = /```(yaml|json)\n([\s\S]*?)```/.exec(section);
    if (block) {
      it(`${rule.id}: the example config of its Options section is valid`, () => {
        const data = (block[1] === 'yaml' ? parseYaml(block[2]) : JSON.parse(block[2])) as Record<string, unknown>;
        const config = 'rules' in data ? data : { rules: data };
        expect(() => validateRules(resolveConfig(config))).not.toThrow();
        const rules = config.rules as Record<string, unknown>;
        expect(Object.keys(rules)).toContain(rule.id);
      });
    }
    const rows = tableOptions(section);
    if (rows.length) {
      it(`${rule.id}: every option in its Options table exists, with the stated default`, () => {
        for (const [name, cell] of rows) {
          expect(Object.keys(rule.options.shape), `${rule.docs}: option ${name}`).toContain(name);
          const value = cellValue(cell);
          if (value !== undefined && name in rule.defaults) expect([name, value]).toEqual([name, rule.defaults[name]]);
        }
      });
    }
  }
});

describe('generated rule tables (README.md, docs/configuration.md)', () => {
  for (const file of RULE_TABLE_FILES) {
    it(`${file} has the registry's table (run node scripts/generate-docs.mjs)`, () => {
      const text = readFileSync(path.join(root, file), 'utf8');
      expect(text).toBe(withRuleTable(text, ruleTable(file)));
    });
  }
});
