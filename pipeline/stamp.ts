// The one place where the pipeline finishes what rules and stages write. A document rule's draft names neither its
// rule nor its document; a corpus stage's draft names which of the stage's rules reported it and which document it is
// about (a stage reports several rules over many documents), never a severity. The pipeline stamps the rule id, the
// path and the rule's default severity (as unified-lint-rule does), so no rule can report under another id or file, and
// later the configured severity (or drops the drafts of rules configured off). Stamped drafts start with ruleId,
// severity, path: the report's key order. The docs page of a rule is not stamped on findings: the report contract
// (docs/report-format.md) has none, and where it can be read depends on the renderer's options (--docs-url):
// reports/rule-docs.ts makes every rule link.
import { configuredSeverity, type ResolvedConfig } from './config.js';
import type { RuleFindingDraft, RuleMeta } from './rule.js';
import type { StageFindingDraft } from './stage.js';
import type { FindingDraft } from './types.js';

/**
 * A document rule's drafts for the document at `path`, stamped with the rule's id, the path and its default
 * severity.
 */
export function stampRuleDrafts(
  rule: Pick<RuleMeta, 'id' | 'defaultSeverity'>,
  path: string,
  drafts: readonly RuleFindingDraft[],
): FindingDraft[] {
  return drafts.map((draft) => {
    // A ruleId or path a rule wrote anyway (an API rule, untyped) is replaced, not trusted.
    const { ruleId: _ruleId, path: _path, severity, ...rest } = draft as RuleFindingDraft & Partial<FindingDraft>;
    return { ruleId: rule.id, severity: severity ?? rule.defaultSeverity, path, ...rest };
  });
}

/** A corpus stage's drafts, stamped with their rule's default severity; a rule that is not the stage's is a bug. */
export function stampStageDrafts(
  stage: { rules: readonly Pick<RuleMeta, 'id' | 'defaultSeverity'>[] },
  drafts: readonly StageFindingDraft[],
): FindingDraft[] {
  const rules = new Map(stage.rules.map((rule) => [rule.id, rule]));
  return drafts.map((draft) => {
    const { ruleId, path, severity: _severity, ...rest } = draft as StageFindingDraft & Partial<FindingDraft>;
    const rule = rules.get(ruleId);
    if (!rule)
      throw new Error(
        `a corpus stage reported "${ruleId}", which is not one of its rules (${[...rules.keys()].join(', ')})`,
      );
    return { ruleId, severity: rule.defaultSeverity, path, ...rest };
  });
}

/**
 * Drafts with the configured severity of their rule (unchanged objects where none is configured); rules off
 * dropped.
 */
export function withConfiguredSeverity(drafts: readonly FindingDraft[], config: ResolvedConfig): FindingDraft[] {
  const out: FindingDraft[] = [];
  for (const draft of drafts) {
    const severity = configuredSeverity(config, draft.ruleId);
    if (severity === 'off') continue;
    out.push(severity ? { ...draft, severity } : draft);
  }
  return out;
}
