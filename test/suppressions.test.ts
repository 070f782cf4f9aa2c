// Inline suppressions: comment directives, front matter, unused-suppression findings, and their place in the pipeline.
import { describe, expect, it } from 'vitest';
import { articleFromText } from '../pipeline/article.js';
import { resolveConfig } from '../pipeline/config.js';
import { auditArticles, type CorpusInput } from '../pipeline/index.js';
import { applySuppressions, parseDirectives } from '../pipeline/suppressions.js';
import type { Article, FindingDraft } from '../pipeline/types.js';

import { markerRegistry } from './fixtures/workflow/marker-registry.js';

function draft(path: string, line: number, ruleId = 'marker', message = `problem at ${line}`): FindingDraft {
  return { ruleId, severity: 'error', path, line, column: 1, endLine: line, endColumn: 2, message };
}

function lineOf(article: Article, needle: string): number {
  const index = article.source.text.indexOf(needle);
  if (index < 0) throw new Error(`not found: ${needle}`);
  return article.source.text.slice(0, index).split('\n').length;
}

const known = new Set(['marker', 'other', 'near-duplicate', 'unused-suppression']);

describe('suppression directives', () => {
  const text = [
    '# Title', //                                              1
    '', //                                                     2
    'Line three XXMARK.', //                                   3
    '', //                                                     4
    '<!-- content-audit-disable marker -->', //                5
    '', //                                                     6
    'Line seven XXMARK.', //                                   7
    '', //                                                     8
    '<!-- content-audit-enable marker -->', //                 9
    '', //                                                     10
    'Line eleven XXMARK.', //                                  11
    '', //                                                     12
    '<!-- content-audit-disable-next-line marker -- quoted from the source -->', // 13
    'Line fourteen XXMARK.', //                                14
    '', //                                                     15
    'Line sixteen XXMARK.', //                                 16
    '',
  ].join('\n');

  it('parses disable/enable, next-line and reasons', () => {
    const article = articleFromText('a.md', text);
    const directives = parseDirectives(article);
    expect(directives.map((d) => [d.kind, d.ruleIds, d.line])).toEqual([
      ['disable', ['marker'], 5],
      ['enable', ['marker'], 9],
      ['disable-next-line', ['marker'], 13],
    ]);
  });

  it('suppresses findings inside a disable…enable region and on the next line only', () => {
    const article = articleFromText('a.md', text);
    const findings = [3, 7, 11, 14, 16].map((line) => draft('a.md', line));
    const result = applySuppressions(findings, [article], { knownRuleIds: known });
    expect(result.kept.map((f) => f.line)).toEqual([3, 11, 16]);
    expect(result.suppressed.map((f) => f.line)).toEqual([7, 14]);
    expect(result.unused).toEqual([]);
  });

  it('only suppresses the named rules; no id means every rule', () => {
    const named = articleFromText('a.md', text);
    const result = applySuppressions([draft('a.md', 7, 'other')], [named], { knownRuleIds: known });
    expect(result.kept).toHaveLength(1);
    const all = articleFromText('b.md', '# T\n\n<!-- content-audit-disable -->\n\nOne.\n\nTwo.\n');
    const both = applySuppressions([draft('b.md', 5, 'marker'), draft('b.md', 7, 'other')], [all], {
      knownRuleIds: known,
    });
    expect(both.kept).toEqual([]);
    expect(both.unused).toEqual([]);
  });

  it('re-enables one rule inside an all-rules region while the others stay disabled', () => {
    const article = articleFromText(
      'a.md',
      '# T\n\n<!-- content-audit-disable -->\n\nA.\n\n<!-- content-audit-enable marker -->\n\nB.\n',
    );
    const result = applySuppressions(
      [draft('a.md', 5, 'marker'), draft('a.md', 9, 'marker'), draft('a.md', 9, 'other')],
      [article],
      { knownRuleIds: known },
    );
    expect(result.kept.map((f) => [f.line, f.ruleId])).toEqual([[9, 'marker']]);
  });

  it('disable-next-line skips blank lines to the next content line', () => {
    const article = articleFromText(
      'a.md',
      '# T\n\n<!-- content-audit-disable-next-line marker -->\n\n\nTarget line.\n',
    );
    const line = lineOf(article, 'Target line');
    const result = applySuppressions([draft('a.md', line)], [article], { knownRuleIds: known });
    expect(result.kept).toEqual([]);
  });

  it('disable-file covers the whole file, before and after the comment', () => {
    const article = articleFromText(
      'a.md',
      '# T\n\nFirst.\n\n<!-- content-audit-disable-file marker, other -->\n\nLast.\n',
    );
    const result = applySuppressions([draft('a.md', 3), draft('a.md', 7), draft('a.md', 7, 'other')], [article], {
      knownRuleIds: known,
    });
    expect(result.kept).toEqual([]);
    expect(result.unused).toEqual([]);
  });

  it('honours front matter in Markdown and in plain text files', () => {
    const md = articleFromText('a.md', '---\ntitle: T\ncontent-audit:\n  disable: [marker]\n---\n\n# T\n\nBody.\n');
    const txt = articleFromText('b.txt', '---\ncontent-audit: { disable: [marker] }\n---\nTitle\n\nBody text here.\n');
    const result = applySuppressions([draft('a.md', 9), draft('b.txt', 6), draft('b.txt', 6, 'other')], [md, txt], {
      knownRuleIds: known,
    });
    expect(result.kept.map((f) => [f.path, f.ruleId])).toEqual([['b.txt', 'other']]);
    expect(result.unused).toEqual([]);
  });

  it('ignores directive text inside fenced code and inline code', () => {
    const article = articleFromText(
      'a.md',
      '# T\n\n```html\n<!-- content-audit-disable-file marker -->\n```\n\nUse `<!-- content-audit-disable-file ' +
        'marker -->` to silence.\n\nBody.\n',
    );
    expect(parseDirectives(article)).toEqual([]);
    expect(applySuppressions([draft('a.md', 9)], [article]).kept).toHaveLength(1);
  });

  it('reports a suppression that matched nothing as unused-suppression (info) at the comment line', () => {
    const article = articleFromText(
      'a.md',
      '# T\n\nClean.\n\n<!-- content-audit-disable-next-line marker -->\nAlso clean.\n\n<!-- content-audit-disable ' +
        '-->\n\n<!-- content-audit-disable-file nosuch-rule -->\n',
    );
    const result = applySuppressions([], [article], { knownRuleIds: known });
    expect(result.unused.map((f) => [f.ruleId, f.severity, f.line, f.message])).toEqual([
      ['unused-suppression', 'info', 5, 'content-audit-disable-next-line marker suppressed nothing.'],
      ['unused-suppression', 'info', 8, 'content-audit-disable (all rules) suppressed nothing.'],
      ['unused-suppression', 'info', 10, 'content-audit-disable-file names unknown rule "nosuch-rule".'],
    ]);
  });

  it('does not report suppressions of rules that are switched off, nor those in reference files', () => {
    const a = articleFromText('a.md', '# T\n\n<!-- content-audit-disable-file other -->\n');
    const ref = articleFromText('ref.md', '# T\n\n<!-- content-audit-disable-file marker -->\n');
    const result = applySuppressions([], [a, ref], {
      knownRuleIds: known,
      isOff: (id) => id === 'other',
      focus: new Set(['a.md']),
    });
    expect(result.unused).toEqual([]);
  });

  it('suppresses a corpus finding (near-duplicate) by the comment in the file it is reported on', () => {
    const a = articleFromText(
      'a.md',
      '# A\n\n<!-- content-audit-disable-next-line near-duplicate -->\nCopied paragraph.\n',
    );
    const b = articleFromText('b.md', '# B\n\nCopied paragraph.\n');
    const findings = [draft('a.md', 4, 'near-duplicate'), draft('b.md', 3, 'near-duplicate')];
    const result = applySuppressions(findings, [a, b], { knownRuleIds: known });
    expect(result.kept.map((f) => f.path)).toEqual(['b.md']);
  });
});

describe('suppressions in auditArticles', () => {
  // The marker rule as the only document rule, no corpus stages: passed through the API (no module mocks).
  const registry = markerRegistry();
  function input(articles: Article[], focus: ReadonlySet<string> | null = null): CorpusInput {
    return { articles, focus, loadDrafts: [], unreadable: [] };
  }

  it('drops suppressed findings and adds unused-suppression findings with fingerprints', () => {
    const article = articleFromText(
      'doc.md',
      [
        '# Doc',
        '',
        'Kept XXMARK here.',
        '',
        '<!-- content-audit-disable-next-line marker -->',
        'Hidden XXMARK here.',
        '',
        '<!-- content-audit-disable-next-line marker -->',
        'Nothing to hide.',
        '',
      ].join('\n'),
    );
    const report = auditArticles(input([article]), resolveConfig({}), { registry });
    expect(report.findings.map((f) => [f.ruleId, f.line, f.severity])).toEqual([
      ['marker', 3, 'error'],
      ['unused-suppression', 8, 'info'],
    ]);
    expect(report.findings.every((f) => /^[0-9a-f]{16}$/.test(f.fingerprint))).toBe(true);
    expect(report.summary.infos).toBe(1);
  });

  it('applies configured severity to unused-suppression, and off removes it', () => {
    const article = articleFromText('doc.md', '# Doc\n\n<!-- content-audit-disable marker -->\n\nClean.\n');
    const warn = auditArticles(input([article]), resolveConfig({ rules: { 'unused-suppression': 'warning' } }), {
      registry,
    });
    expect(warn.findings.map((f) => [f.ruleId, f.severity])).toEqual([['unused-suppression', 'warning']]);
    const off = auditArticles(input([article]), resolveConfig({ rules: { 'unused-suppression': 'off' } }), {
      registry,
    });
    expect(off.findings).toEqual([]);
  });

  it('does not call a suppression of a switched-off rule unused', () => {
    const article = articleFromText('doc.md', '# Doc\n\n<!-- content-audit-disable marker -->\n\nXXMARK.\n');
    const report = auditArticles(input([article]), resolveConfig({ rules: { marker: 'off' } }), { registry });
    expect(report.findings).toEqual([]);
  });

  it('suppressed findings do not fail the run', () => {
    const article = articleFromText(
      'doc.md',
      '# Doc\n\n<!-- content-audit-disable-file marker -->\n\nXXMARK one. XXMARK two.\n',
    );
    const report = auditArticles(input([article]), resolveConfig({}), { registry });
    expect(report.findings).toEqual([]);
    expect(report.summary.passed).toBe(true);
  });
});
