// spliced-keyword: "repeated in unrelated articles" counts versions of one article once. The duplication stage's pairs
// (near-duplicates and spun rewrites) reach the rule's corpus pass (CombineContext.relatedPairs): a spinner that
// rewrites an article keeps a pasted phrase and changes its neighbouring words, so neighbours alone cannot tell.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { articleFromText, auditArticles, resolveConfig } from '../pipeline/index.js';
import { splicedKeywordRule as rule } from '../pipeline/stages/keywords/spliced-keyword.js';

const dir = 'test/fixtures/spliced-keyword-versions';
const load = (name: string) => articleFromText(name, readFileSync(`${dir}/${name}`));
const audit = (names: string[], config: Record<string, unknown> = {}) =>
  auditArticles({ articles: names.map(load), focus: null, loadDrafts: [], unreadable: [] }, resolveConfig(config))
    .findings;
const spliced = (findings: ReturnType<typeof audit>) =>
  findings.filter((f) => f.ruleId === 'spliced-keyword').map((f) => `${f.path}:${f.line}:${f.column}`);

describe('spliced-keyword: versions of one article are one use of a phrase', () => {
  it('two spun copies of one article do not count as two unrelated uses', () => {
    const findings = audit(['sourdough.md', 'sourdough-spun.md']);
    // The duplication stage relates them …
    expect(findings.filter((f) => f.ruleId === 'similar-content')).toHaveLength(2);
    // … so the phrase pasted into both (next to different words) is used once, not repeated: whatever else may report
    // it (the deletion test for a query used once), recurrence does not.
    const messages = findings.filter((f) => f.ruleId === 'spliced-keyword').map((f) => f.message);
    expect(messages.filter((m) => /repeated in|unrelated articles/.test(m))).toEqual([]);
  });

  it('an unrelated article with the same phrase makes it repeated: every use is reported', () => {
    const findings = audit(['ferries.md', 'sourdough.md', 'sourdough-spun.md']);
    expect(spliced(findings)).toEqual(['ferries.md:5:19', 'sourdough-spun.md:19:198', 'sourdough.md:19:190']);
    for (const f of findings.filter((x) => x.ruleId === 'spliced-keyword'))
      expect(f.message).toMatch(/repeated in 2 unrelated articles of the corpus/);
  });

  it('without the duplication stage, different neighbouring words are all the rule can go by', () => {
    const off = { rules: { 'near-duplicate': 'off', 'similar-content': 'off', 'copied-passage': 'off' } };
    const findings = audit(['sourdough.md', 'sourdough-spun.md'], off).filter((f) => f.ruleId === 'spliced-keyword');
    expect(findings.map((f) => f.message.match(/repeated in \d unrelated/)?.[0])).toEqual([
      'repeated in 2 unrelated',
      'repeated in 2 unrelated',
    ]);
  });

  it('combine: chains of pairs are one group, whatever the order of the pairs', () => {
    const weak = (context: string) => ({
      strong: [],
      asked: [],
      weak: [`cheap dental implants turkey\t${context}\t1`],
    });
    const partials = ['a.md', 'b.md', 'c.md', 'd.md'].map((path, i) => ({ path, partial: weak(`w${i}|it`) }));
    const options = rule.defaults;
    const count = (relatedPairs?: { a: string; b: string }[]) =>
      rule.combine!(partials, options, relatedPairs ? { relatedPairs } : {}).weakPhrases.get(
        'cheap dental implants turkey',
      );
    expect(count()).toBe(4);
    expect(count([])).toBe(4);
    expect(
      count([
        { a: 'c.md', b: 'b.md' },
        { a: 'a.md', b: 'c.md' },
      ]),
    ).toBe(2);
    expect(
      count([
        { a: 'a.md', b: 'b.md' },
        { a: 'b.md', b: 'c.md' },
        { a: 'c.md', b: 'd.md' },
      ]),
    ).toBeUndefined();
  });
});
