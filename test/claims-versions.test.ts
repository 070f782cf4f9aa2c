// changed-fact: two versions of one article (paired by the duplication stage) that state a different figure, date,
// year or name in the same sentence; and the compatible variants that must not be reported. Labelled by construction:
// each case rewrites test/fixtures/claims-versions/original.txt (own text) in one place.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { articleFromText, auditArticles, resolveConfig } from '../pipeline/index.js';
import type { Report } from '../pipeline/index.js';

const ORIGINAL = readFileSync(path.join(import.meta.dirname, 'fixtures/claims-versions/original.txt'), 'utf8');
/** A light rewrite shared by every copy, so versions are never verbatim. */
const REWORDED = ORIGINAL.replace('the company said on Tuesday', 'the company stated on Tuesday').replace(
  'the operator added',
  'the operator explained',
);

function audit(copy: string): Report {
  const articles = [articleFromText('a.txt', Buffer.from(ORIGINAL)), articleFromText('b.txt', Buffer.from(copy))];
  return auditArticles({ articles, focus: null, loadDrafts: [], unreadable: [] }, resolveConfig({}));
}

function replaceOnce(text: string, from: string, to: string): string {
  expect(text.includes(from)).toBe(true);
  return text.replace(from, to);
}

const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

describe('changed-fact: one fact changed in a rewritten copy', () => {
  const positives: [string, string, string][] = [
    ['a figure', '4.2 million passengers', '5.2 million passengers'],
    ['a sum', '£318m', '£381m'],
    ['a sum with decimals', '£41.6m', '£46.1m'],
    ['a percentage', 'Revenue rose 12%', 'Revenue rose 11%'],
    ['a year', 'founded in 1987', 'founded in 1978'],
    ['a date', 'on 14 March', 'on 19 March'],
    ['a weekday', 'on Tuesday', 'on Thursday'],
    ['a number word', 'three new vessels', 'four new vessels'],
    ['a headcount', 'employs 1,240 people', 'employs 1,420 people'],
    ['a surname', 'Chief executive Margaret Ellwood', 'Chief executive Margaret Pennock'],
  ];
  for (const [what, from, to] of positives) {
    it(`reports ${what}: ${from} → ${to}`, () => {
      const copy = replaceOnce(REWORDED, from, to);
      const report = audit(copy);
      const line = lineOf(copy, to);
      const conflict = report.claims.conflicts.find(
        (c) => c.values.some((v) => v.path === 'b.txt' && v.line === line) && c.values.some((v) => v.path === 'a.txt'),
      );
      expect(conflict, JSON.stringify(report.claims.conflicts)).toBeDefined();
      const finding = report.findings.find((f) => f.ruleId === 'changed-fact' && f.path === 'b.txt' && f.line === line);
      expect(finding?.related?.[0]?.path).toBe('a.txt');
      // The message says what differs, both values and where the other one is.
      expect(finding?.message).toMatch(/ here, .* in a\.txt:\d+ — /);
    });
  }
});

describe('changed-fact: compatible variants are not reported', () => {
  const negatives: [string, string, string][] = [
    ['money written at another scale', '$1.3bn', '$1,300m'],
    ['a rounded sum', '£41.6m', '£42m'],
    ['a rounded decimal', '4.2 million', '4.20 million'],
    ['a hedge (about)', 'employs 1,240 people', 'employs about 1,200 people'],
    ['a hedge (more than)', 'employs 1,240 people', 'employs more than 1,200 people'],
    ['a hedge (nearly)', 'runs 26 routes', 'runs nearly 30 routes'],
    [
      'a first name replaced by an honorific',
      'Chief executive Margaret Ellwood said',
      'Chief executive Mrs Ellwood said',
    ],
    ['a middle initial', 'Chief executive Margaret Ellwood said', 'Chief executive Margaret J Ellwood said'],
    [
      'two subjects, two figures, reordered',
      "Rival operator Brinemouth Lines saw passenger numbers fall 3% over the same period, while Tallowmere's grew 8%.",
      "Tallowmere's passenger numbers grew 8% over the same period, while rival operator Brinemouth Lines saw a 3% " +
        'fall.',
    ],
  ];
  for (const [what, from, to] of negatives) {
    it(`does not report ${what}: ${from} → ${to}`, () => {
      const report = audit(replaceOnce(REWORDED, from, to));
      expect(report.findings.filter((f) => f.ruleId === 'changed-fact' || f.ruleId === 'claim-conflict')).toEqual([]);
      expect(report.claims.conflicts).toEqual([]);
    });
  }
  it('does not report a synonym swapped inside a name by a rewording tool when the corpus uses both words', () => {
    const context =
      'Two other operators said the shift was significant and would make a major difference to the estuary.';
    const original = `${ORIGINAL}\n${context}\n`;
    const renamed = replaceOnce(REWORDED, 'new Kestrel Quay terminal', 'new Kestrel Major terminal').replace(
      'Kestrel Quay',
      'Kestrel Major',
    );
    const copy = `${renamed}\n${context.replace('major', 'significant')}\nThe quay was busy on 2 May.\n`;
    const articles = [articleFromText('a.txt', Buffer.from(original)), articleFromText('b.txt', Buffer.from(copy))];
    const report = auditArticles({ articles, focus: null, loadDrafts: [], unreadable: [] }, resolveConfig({}));
    expect(report.findings.filter((f) => f.ruleId === 'changed-fact')).toEqual([]);
  });
  it('does not report a reworded hedge whose bounds agree ("at least 1,240", "more than 1,200")', () => {
    const changed = (a: string, b: string) => {
      const original = replaceOnce(ORIGINAL, 'employs 1,240 people', `employs ${a} people`);
      const copy = replaceOnce(REWORDED, 'employs 1,240 people', `employs ${b} people`);
      const articles = [articleFromText('a.txt', Buffer.from(original)), articleFromText('b.txt', Buffer.from(copy))];
      const report = auditArticles({ articles, focus: null, loadDrafts: [], unreadable: [] }, resolveConfig({}));
      return report.findings.filter((f) => f.ruleId === 'changed-fact').map((f) => f.message);
    };
    expect(changed('at least 1,240', 'more than 1,200')).toEqual([]);
    // The same hedge on both sides is context: the figure changed.
    expect(changed('at least 1,240', 'at least 1,420')).toHaveLength(2);
    // A reworded hedge whose bounds exclude each other is still a change.
    expect(changed('at least 1,240', 'fewer than 900')).toHaveLength(2);
  });
  it('does not report a synonym swapped inside a name when the corpus writes the new word only inflected', () => {
    // "reach" occurs only as "reached" in the original ("operating profit reached £41.6m"), "quay" as itself.
    const original = `${ORIGINAL}\nThe quay was busy on 2 May.\n`;
    const copy = `${REWORDED.replaceAll('Kestrel Quay', 'Kestrel Reach')}\nThe quay was busy on 2 May.\n`;
    const articles = [articleFromText('a.txt', Buffer.from(original)), articleFromText('b.txt', Buffer.from(copy))];
    const report = auditArticles({ articles, focus: null, loadDrafts: [], unreadable: [] }, resolveConfig({}));
    expect(report.findings.filter((f) => f.ruleId === 'changed-fact')).toEqual([]);
  });
  it('compares only the versions the duplication stage relates (an unrelated article is never compared)', () => {
    const other =
      'Bus fares\n\nBrinemouth Lines carried 2.1 million passengers in 2024, the company said on Tuesday, its ' +
      'busiest year since it was founded in 1990.\n';
    const articles = [articleFromText('a.txt', Buffer.from(ORIGINAL)), articleFromText('c.txt', Buffer.from(other))];
    const report = auditArticles({ articles, focus: null, loadDrafts: [], unreadable: [] }, resolveConfig({}));
    expect(report.findings.filter((f) => f.ruleId === 'changed-fact')).toEqual([]);
  });
});

describe('changed-fact: several versions', () => {
  it('reports the odd version out once, with every version in one conflict entry', () => {
    const articles = [
      articleFromText('a.txt', Buffer.from(ORIGINAL)),
      articleFromText('b.txt', Buffer.from(REWORDED)),
      articleFromText('c.txt', Buffer.from(replaceOnce(REWORDED, '£318m', '£813m'))),
    ];
    const report = auditArticles({ articles, focus: null, loadDrafts: [], unreadable: [] }, resolveConfig({}));
    const changed = report.findings.filter((f) => f.ruleId === 'changed-fact');
    expect(changed.map((f) => f.path)).toEqual(['c.txt']);
    expect(changed[0].message).toContain('and 1 more version');
    const conflict = report.claims.conflicts.find((c) => c.values.some((v) => v.value === '£813m'));
    expect(conflict?.values.map((v) => `${v.path} ${v.value}`)).toEqual(['a.txt £318m', 'b.txt £318m', 'c.txt £813m']);
  });
});
