// testRule(): one helper to test a document rule the way the pipeline runs it — both passes (per document, then the
// corpus pass for rules with collect/combine) — and check exact positions and messages, in the manner of ESLint's
// RuleTester. Also checks the two-pass contract: where `dependsOnCorpus` is false, checking with the corpus data
// gives exactly what the first pass gave.
import { describe, expect, it } from 'vitest';
import { articleFromText } from '../../pipeline/article.js';
import { checkArticle, type DocumentRule } from '../../pipeline/rule.js';
import { strictOptions } from '../../pipeline/rule-options.js';
import type { FindingDraft } from '../../pipeline/types.js';

// biome-ignore lint/suspicious/noExplicitAny: rules with different options and corpus data types share one list
type AnyRule = DocumentRule<any, any, any>;

/** What a test expects of one finding (fields left out are not compared). */
export type ExpectedFinding = Partial<
  Pick<FindingDraft, 'line' | 'column' | 'endLine' | 'endColumn' | 'message' | 'severity' | 'evidence' | 'suggestion'>
>;

export interface RuleCase {
  /** Test name (default: the text). */
  name?: string;
  /** The document (Markdown unless `path` ends in .txt). */
  text: string;
  path?: string;
  /** Options merged over the rule's defaults (validated against the rule's options schema). */
  options?: Record<string, unknown>;
  /** Other documents of the corpus (for rules that use corpus data). */
  corpus?: { path: string; text: string }[];
}

export interface InvalidCase extends RuleCase {
  findings: ExpectedFinding[];
}

/**
 * Run a rule over a corpus as the pipeline does (first pass, then the corpus pass) and return each document's
 * findings, stamped with the rule id and path.
 */
export function runRule(
  rule: AnyRule,
  documents: { path: string; text: string }[],
  given: Record<string, unknown> = {},
): FindingDraft[][] {
  const schema = strictOptions(rule.options);
  const parsed = schema.safeParse(given);
  if (!parsed.success) throw new Error(`${rule.id}: invalid options in the test: ${parsed.error.message}`);
  const options = { ...rule.defaults, ...given };
  const articles = documents.map((document) => articleFromText(document.path, document.text));
  const first = articles.map((article) => checkArticle(rule, article, { options, prepared: undefined }));
  if (!rule.combine) return first;
  const partials = articles.map((article) => ({ path: article.path, partial: rule.collect?.(article, options) }));
  const prepared = rule.combine(
    [...partials].sort((a, b) => (a.path < b.path ? -1 : 1)),
    options,
  );
  return articles.map((article, index) => {
    const again = checkArticle(rule, article, { options, prepared });
    if (rule.dependsOnCorpus?.(partials[index].partial, prepared, article.path, options)) return again;
    expect(again, `${article.path}: dependsOnCorpus is false, so the corpus pass must not change the findings`).toEqual(
      first[index],
    );
    return first[index];
  });
}

const pick = (finding: FindingDraft, expected: ExpectedFinding) =>
  Object.fromEntries(Object.keys(expected).map((key) => [key, finding[key as keyof FindingDraft]]));

/** Register tests: `valid` documents give no finding, `invalid` ones give exactly the listed findings, in order. */
export function testRule(rule: AnyRule, cases: { valid?: (string | RuleCase)[]; invalid?: InvalidCase[] }): void {
  const run = (c: RuleCase) => {
    const path = c.path ?? 'test.md';
    return runRule(rule, [{ path, text: c.text }, ...(c.corpus ?? [])], c.options)[0];
  };
  describe(rule.id, () => {
    for (const valid of cases.valid ?? []) {
      const c = typeof valid === 'string' ? { text: valid } : valid;
      it(`valid: ${c.name ?? JSON.stringify(c.text.slice(0, 60))}`, () => {
        expect(run(c)).toEqual([]);
      });
    }
    for (const c of cases.invalid ?? []) {
      it(`invalid: ${c.name ?? JSON.stringify(c.text.slice(0, 60))}`, () => {
        const found = run(c);
        expect(found.map((finding, index) => pick(finding, c.findings[index] ?? {}))).toEqual(c.findings);
        for (const finding of found) expect([finding.ruleId, finding.path]).toEqual([rule.id, c.path ?? 'test.md']);
      });
    }
  });
}
