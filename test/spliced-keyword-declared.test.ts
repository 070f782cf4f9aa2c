// spliced-keyword: declared keywords (issue 15's last signal). A phrase declared in `spliced-keyword.keywords` or in
// `keyword-density.keywords` (one list: the rule's sharedOptions) is reported at every occurrence that breaks the
// sentence, whatever its casing, and never where it reads as part of the sentence.
import { describe, expect, it } from 'vitest';
import { articleFromText, auditArticles, resolveConfig } from '../pipeline/index.js';
import { digestPlan } from '../pipeline/digest.js';
import { splicedKeywordRule } from '../pipeline/stages/keywords/spliced-keyword.js';
import { testRule } from './helpers/test-rule.js';

const para = (sentence: string) => `# Notes\n\nA short note about the week.\n\n${sentence}\n`;
const keywords = ['kestrel garden tours', 'best online casino', 'moscow taxi'];
const options = { keywords };

testRule(splicedKeywordRule, {
  valid: [
    // The keyword fills the sentence's noun phrase: the article's topic, not a splice.
    {
      name: 'after a determiner, before its noun',
      text: para('We compare the best online casino sites every month.'),
      options,
    },
    {
      name: 'object of a verb, before its noun',
      text: para('We compare best online casino sites every month.'),
      options,
    },
    { name: 'subject of the clause', text: para('Yesterday the best online casino said it would expand.'), options },
    {
      name: 'at the start of the sentence',
      text: para('Best online casino operators said they would expand.'),
      options,
    },
    { name: 'after a preposition', text: para('Tickets for kestrel garden tours sold out in a day.'), options },
    {
      name: 'modifier of a noun phrase',
      text: para('Our review of the kestrel garden tours studios covers prices and styles.'),
      options,
    },
    {
      name: 'named twice, as the topic',
      text: para('Kestrel garden tours are popular in spring, and the kestrel garden tours run daily.'),
      options,
    },
    { name: 'inside a longer word', text: para('The kestrel garden toursome is not a word.'), options },
    { name: 'not declared', text: para('The company said kestrel garden tours it would expand.') },
  ],
  invalid: [
    {
      name: 'lower case, nothing before it takes a noun phrase and a clause starts after it',
      text: para('The company said kestrel garden tours it would expand into three new markets.'),
      options,
      findings: [
        {
          line: 5,
          column: 18,
          endColumn: 38,
          message:
            'Spliced phrase "kestrel garden tours" does not fit the sentence ' +
            '(a declared keyword; "said … it" reads on without it).',
          suggestion: 'The company said it would expand into three new markets.',
        },
      ],
    },
    {
      name: 'a lexicon phrase declared, at a break',
      text: para('The company said best online casino it would expand into three new markets.'),
      options,
      // Also a lexicon query the sentence reads on without: reported once, with the lexicon's reasons.
      findings: [{ line: 5, column: 18, message: expect.stringMatching(/"said … it" reads on without it/) }],
    },
    {
      name: 'any casing',
      text: para('The report said MOSCOW TAXI it would grow next year.'),
      options,
      findings: [{ line: 5, column: 17, endColumn: 28 }],
    },
    {
      name: 'Title Case out of place',
      text: para('The group was putting together a Kestrel Garden Tours bid during the summer.'),
      options,
      findings: [
        {
          line: 5,
          column: 34,
          message:
            'Spliced phrase "Kestrel Garden Tours" does not fit the sentence ' +
            '(a declared keyword; Title Case in lower-case running text).',
        },
      ],
    },
    {
      name: 'a new noun phrase right after it',
      text: para('Visitors to the kestrel garden tours the council opened last year were counted.'),
      options,
      findings: [
        { line: 5, column: 17, message: expect.stringMatching(/a new clause starts right after it \("the"\)/) },
      ],
    },
    {
      name: 'joined by no-break spaces',
      text: para('The firm said kestrel\u00a0garden\u00a0tours it would grow next year.'),
      options,
      findings: [{ line: 5, column: 15 }],
    },
    {
      name: 'every occurrence that breaks, none that reads as part of the sentence',
      text: para(
        'The firm said kestrel garden tours it would grow. Tickets for kestrel garden tours sold out. ' +
          'The mayor said kestrel garden tours they were proud.',
      ),
      options,
      findings: [
        { line: 5, column: 15 },
        { line: 5, column: 109 },
      ],
    },
  ],
});

describe('declared keywords: one list for keyword-density and spliced-keyword', () => {
  const input = (text: string) => ({
    articles: [articleFromText('a.md', text)],
    focus: null,
    loadDrafts: [],
    unreadable: [],
  });
  const spliced = (config: Record<string, unknown>, text: string) =>
    auditArticles(input(text), resolveConfig(config)).findings.filter((f) => f.ruleId === 'spliced-keyword');
  const text = para('The company said kestrel garden tours it would expand into three new markets.');

  it("keyword-density's keywords are declared keywords of spliced-keyword too", () => {
    expect(spliced({}, text)).toEqual([]);
    const found = spliced({ rules: { 'keyword-density': { keywords: ['Kestrel Garden Tours'] } } }, text);
    expect(found.map((f) => [f.line, f.column, f.message])).toEqual([
      [
        5,
        18,
        'Spliced phrase "kestrel garden tours" does not fit the sentence ' +
          '(a declared keyword; "said … it" reads on without it).',
      ],
    ]);
  });

  it('read even when keyword-density is off; joined with spliced-keyword’s own, each once', () => {
    const config = resolveConfig({
      rules: {
        'keyword-density': { severity: 'off', keywords: ['kestrel garden tours', 'heat pump'] },
        'spliced-keyword': { keywords: ['heat pump', 'solar roof tiles'] },
      },
    });
    const plan = digestPlan(config);
    const options = plan.rules.find((r) => r.rule.id === 'spliced-keyword')?.options;
    expect(options?.keywords).toEqual(['heat pump', 'solar roof tiles', 'kestrel garden tours']);
    const found = auditArticles(input(text), config).findings.filter((f) => f.ruleId === 'spliced-keyword');
    expect(found).toHaveLength(1);
  });

  it('declaring a keyword changes the cache key of the digests', () => {
    const plain = digestPlan(resolveConfig({})).key;
    const declared = digestPlan(resolveConfig({ rules: { 'keyword-density': { keywords: ['heat pump'] } } })).key;
    expect(declared).not.toBe(plain);
  });
});
