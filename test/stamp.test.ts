// The pipeline stamps every draft in one place (pipeline/stamp.ts): rule id, path, default then configured severity.
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../pipeline/config.js';
import { stampRuleDrafts, stampStageDrafts, withConfiguredSeverity } from '../pipeline/stamp.js';
import { claimsStage } from '../pipeline/stages/claims/index.js';
import { duplicationStage } from '../pipeline/stages/duplication/index.js';
import type { RuleFindingDraft } from '../pipeline/rule.js';
import type { FindingDraft } from '../pipeline/types.js';

const range = { line: 2, column: 3, endLine: 2, endColumn: 9 };

describe('stamping', () => {
  it("a document rule's drafts get the rule's id, the path and its default severity, in the report's key order", () => {
    const rule = { id: 'placeholder-text', defaultSeverity: 'warning' as const };
    const drafts: RuleFindingDraft[] = [
      { ...range, message: 'm' },
      { ...range, severity: 'error', message: 'n' },
    ];
    const stamped = stampRuleDrafts(rule, 'a.md', drafts);
    expect(stamped).toEqual([
      { ruleId: 'placeholder-text', severity: 'warning', path: 'a.md', ...range, message: 'm' },
      { ruleId: 'placeholder-text', severity: 'error', path: 'a.md', ...range, message: 'n' },
    ]);
    expect(Object.keys(stamped[0]).slice(0, 3)).toEqual(['ruleId', 'severity', 'path']);
  });

  it('a document rule cannot report under another id or file', () => {
    const untyped = { ruleId: 'other', path: 'b.md', ...range, message: 'm' } as RuleFindingDraft;
    const [stamped] = stampRuleDrafts({ id: 'mine', defaultSeverity: 'info' }, 'a.md', [untyped]);
    expect([stamped.ruleId, stamped.path]).toEqual(['mine', 'a.md']);
  });

  it("a corpus stage's drafts get their rule's default severity", () => {
    const draft = (ruleId: string) => ({ ruleId, path: 'a.md', ...range, message: 'm' });
    expect(stampStageDrafts(duplicationStage, [draft('near-duplicate'), draft('copied-passage')])).toEqual([
      { ...draft('near-duplicate'), severity: 'error' },
      { ...draft('copied-passage'), severity: 'warning' },
    ]);
    expect(stampStageDrafts(claimsStage, [draft('single-source-claim')])[0].severity).toBe('info');
  });

  it('a corpus stage cannot report a rule that is not one of its own', () => {
    expect(() =>
      stampStageDrafts(duplicationStage, [{ ruleId: 'claim-conflict', path: 'a.md', ...range, message: 'm' }]),
    ).toThrow(/not one of its rules/);
  });

  it('the configured severity replaces the default; rules configured off are dropped', () => {
    const config = resolveConfig({ rules: { 'near-duplicate': 'info', 'copied-passage': 'off' } });
    const drafts: FindingDraft[] = ['near-duplicate', 'copied-passage', 'similar-content'].map((ruleId) => ({
      ruleId,
      severity: 'warning',
      path: 'a.md',
      ...range,
      message: 'm',
    }));
    const kept = withConfiguredSeverity(drafts, config);
    expect(kept.map((f) => [f.ruleId, f.severity])).toEqual([
      ['near-duplicate', 'info'],
      ['similar-content', 'warning'],
    ]);
    expect(kept[1]).toBe(drafts[2]);
  });
});
