// The example rule of docs/architecture.md: tested with testRule() (both passes, exact positions and messages) and
// run through the public API with the built-in rules (AuditOptions.registry), with its options validated up front.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { articleFromText, audit, auditArticles, resolveConfig, withRules } from '../pipeline/index.js';
import { validateRules } from '../pipeline/registry.js';
import { placeholderTextRule } from './fixtures/example-rule/placeholder-text.js';
import { recurringMarkerRule } from './fixtures/workflow/marker-rule.js';
import { cleanupTempDirs, tempDir } from './fixtures/workflow/helpers.js';
import { testRule } from './helpers/test-rule.js';

afterAll(cleanupTempDirs);

testRule(placeholderTextRule, {
  valid: ['# Title\n\nA finished paragraph about ipsum lorem and TKO results.\n'],
  invalid: [
    {
      text: '# Title\n\nSome text. Lorem ipsum dolor sit amet.\n',
      findings: [{ line: 3, column: 12, endLine: 3, endColumn: 23, message: 'Placeholder text "Lorem ipsum".' }],
    },
    {
      name: 'options: phrases',
      text: '# Title\n\nPrice: XXX dollars, TK.\n',
      options: { phrases: ['XXX'] },
      findings: [{ line: 3, column: 8, endLine: 3, endColumn: 11, message: 'Placeholder text "XXX".' }],
    },
  ],
});

// testRule() on a two-pass rule: the finding exists only after the corpus pass (the marker recurs in two articles).
testRule(recurringMarkerRule, {
  valid: [
    {
      name: 'the marker in one article only',
      text: '# A\n\nXXMARK here.\n',
      corpus: [{ path: 'b.md', text: '# B\n\nNothing.\n' }],
    },
  ],
  invalid: [
    {
      name: 'the marker in two articles',
      text: '# A\n\nXXMARK here.\n',
      corpus: [{ path: 'b.md', text: '# B\n\nXXMARK there.\n' }],
      findings: [{ line: 1, column: 1, message: 'Marker in 2 articles.' }],
    },
  ],
});

describe('a rule passed in through the API', () => {
  const registry = withRules([placeholderTextRule]);
  const articles = [articleFromText('a.md', '# A\n\nLorem ipsum dolor sit amet, and more text.\n')];
  const input = { articles, focus: null, loadDrafts: [], unreadable: [] };

  it('runs with the built-in rules, under its configured severity', () => {
    const report = auditArticles(input, resolveConfig({ rules: { 'placeholder-text': 'error' } }), { registry });
    const found = report.findings.filter((finding) => finding.ruleId === 'placeholder-text');
    expect(found.map(({ path, line, column, severity }) => ({ path, line, column, severity }))).toEqual([
      { path: 'a.md', line: 3, column: 1, severity: 'error' },
    ]);
  });

  it('its options are validated like a built-in rule', () => {
    expect(() => validateRules(resolveConfig({ rules: { 'placeholder-text': { phrase: ['x'] } } }), registry)).toThrow(
      /rules\.placeholder-text\.phrase: unknown option/,
    );
    expect(() => validateRules(resolveConfig({ rules: { 'placeholder-text': { phrases: 'x' } } }), registry)).toThrow(
      /rules\.placeholder-text\.phrases: .*expected array/,
    );
    expect(() =>
      validateRules(resolveConfig({ rules: { 'placeholder-text': { phrases: ['x'] } } }), registry),
    ).not.toThrow();
  });

  it('audits files with it (digested in this thread), and an inline suppression knows its id', async () => {
    const dir = tempDir({
      'a.md': '# A\n\nLorem ipsum dolor sit amet, and more text.\n',
      'b.md': '# B\n\n<!-- content-audit-disable-next-line placeholder-text -->\nLorem ipsum again.\n',
    });
    const report = await audit({ cwd: dir, registry, ignoreFile: false });
    expect(report.findings.map(({ ruleId, path, line }) => ({ ruleId, path, line }))).toEqual([
      { ruleId: 'placeholder-text', path: 'a.md', line: 3 },
    ]);
  });

  it('without the registry, its id is unknown', () => {
    expect(() => validateRules(resolveConfig({ rules: { 'placeholder-text': 'error' } }))).toThrow(
      /rules\.placeholder-text: unknown rule id/,
    );
  });
});

describe('docs/architecture.md', () => {
  it('shows the example rule as it is', () => {
    const root = path.resolve(import.meta.dirname, '..');
    const doc = readFileSync(path.join(root, 'docs', 'architecture.md'), 'utf8');
    const file = readFileSync(path.join(root, 'test', 'fixtures', 'example-rule', 'placeholder-text.ts'), 'utf8');
    expect(doc).toContain(`\`\`\`ts\n${file}\`\`\``);
  });
});
