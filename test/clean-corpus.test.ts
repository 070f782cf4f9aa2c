// Held-out false-positive check: a corpus of clean, well-edited articles (test/fixtures/clean-corpus) that no
// detector author has tuned against. Every finding on it is a false positive, except the informational
// single-source-claim (a fact stated once is not an error). See docs/evaluation.md for what the set contains.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { audit, type Finding, type Report } from '../pipeline/index.js';

const root = path.resolve(import.meta.dirname, '..');
const FIXTURES = 'test/fixtures/clean-corpus';
const ARTICLE_EXTENSIONS = ['.md', '.markdown', '.mdx', '.txt'];

/** Rules that detect per-document glitches; together they share one false-positive budget. */
const GLITCH_RULES = ['truncated-ending', 'spliced-keyword', 'mojibake', 'dropped-words'] as const;
const DUPLICATE_RULES = ['near-duplicate', 'similar-content'] as const;
const LOAD_RULES = ['unreadable-file', 'invalid-encoding', 'invalid-front-matter'] as const;
/** Not a defect claim: reported for the record, never counted as a false positive. */
const INFORMATIONAL_RULES = new Set(['single-source-claim']);

function fixtureFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...fixtureFiles(full));
    else if (ARTICLE_EXTENSIONS.some((ext) => entry.name.toLowerCase().endsWith(ext))) out.push(full);
  }
  return out;
}

const files = fixtureFiles(path.join(root, FIXTURES));
const n = files.length;
/** At most 1 false finding per 50 articles, and never less than 1 allowed. */
const budget = Math.max(1, Math.floor(n / 50));

let report: Report;
const byRule = new Map<string, Finding[]>();
const findingsOf = (...rules: readonly string[]): Finding[] => rules.flatMap((rule) => byRule.get(rule) ?? []);
const describeFindings = (findings: Finding[]) =>
  findings.map((f) => `${f.ruleId} ${f.path}:${f.line}:${f.column} ${f.message}`).join('\n');

function printTable(): void {
  const lines: string[] = [];
  lines.push(`Clean corpus: ${n} fixture files, ${report.documents.length} documents, budget ${budget} per rule group`);
  const rules = [...byRule.keys()].sort();
  lines.push('');
  lines.push('rule                      false  informational');
  for (const rule of [
    ...GLITCH_RULES,
    'keyword-density',
    ...DUPLICATE_RULES,
    'claim-conflict',
    ...LOAD_RULES,
    ...rules,
  ]) {
    if (lines.some((line) => line.startsWith(`${rule} `))) continue;
    const count = byRule.get(rule)?.length ?? 0;
    const informational = INFORMATIONAL_RULES.has(rule);
    lines.push(`${rule.padEnd(26)}${String(informational ? '-' : count).padStart(5)}  ${informational ? count : ''}`);
  }
  for (const rule of rules) {
    if (INFORMATIONAL_RULES.has(rule)) continue;
    lines.push('');
    lines.push(`── ${rule} (${byRule.get(rule)!.length})`);
    for (const f of byRule.get(rule)!) {
      lines.push(`  ${f.path}:${f.line}:${f.column}  [${f.severity}] ${f.message}`);
      if (f.evidence) lines.push(`      evidence: ${JSON.stringify(f.evidence.slice(0, 200))}`);
      for (const rel of f.related ?? []) lines.push(`      related: ${rel.path}:${rel.line} ${rel.message}`);
    }
  }
  if (report.duplicates.pairs.length) {
    lines.push('');
    lines.push(`── duplicate pairs in report.duplicates (${report.duplicates.pairs.length})`);
    for (const pair of report.duplicates.pairs) {
      const signals = ['jaccard', 'containment', 'cosine', 'coverageA', 'coverageB']
        .map((key) => (pair as unknown as Record<string, number | undefined>)[key])
        .map((value, i) =>
          value === undefined ? '' : `${['jaccard', 'containment', 'cosine', 'covA', 'covB'][i]}=${value.toFixed(3)}`,
        )
        .filter(Boolean)
        .join(' ');
      lines.push(`  ${pair.kind} ${pair.a} <> ${pair.b} similarity=${pair.similarity.toFixed(3)} ${signals}`);
      for (const passage of pair.shared.slice(0, 3))
        lines.push(`      shared: ${JSON.stringify(passage.text.slice(0, 160))}`);
    }
  }
  if (report.claims.conflicts.length) {
    lines.push('');
    lines.push(`── claim conflicts in report.claims (${report.claims.conflicts.length})`);
    for (const conflict of report.claims.conflicts) {
      lines.push(`  ${conflict.subject} / ${conflict.attribute}`);
      for (const value of conflict.values)
        lines.push(
          `      ${JSON.stringify(value.value)} ` +
            `at ${value.path}:${value.line}: ${JSON.stringify(value.text.slice(0, 160))}`,
        );
    }
  }
  console.log(lines.join('\n'));
}

beforeAll(async () => {
  report = await audit({ paths: [FIXTURES], cwd: root, config: {} });
  for (const finding of report.findings) {
    const list = byRule.get(finding.ruleId) ?? [];
    list.push(finding);
    byRule.set(finding.ruleId, list);
  }
  printTable();
});

describe('clean held-out corpus (false positives)', () => {
  it('has a held-out set of at least 60 articles', () => {
    expect(n).toBeGreaterThanOrEqual(60);
  });

  it('loads every fixture file as one document', () => {
    expect(report.documents).toHaveLength(n);
    expect(report.summary.documents).toBe(n);
    const expected = files.map((file) => path.relative(root, file).split(path.sep).join('/')).sort();
    expect(report.documents.map((doc) => doc.path).sort()).toEqual(expected);
  });

  it('reports no unreadable files, encoding or front-matter problems', () => {
    const found = findingsOf(...LOAD_RULES);
    expect(found, describeFindings(found)).toHaveLength(0);
  });

  it(`has at most max(1, floor(n/50)) false findings across the glitch rules (${GLITCH_RULES.join(', ')})`, () => {
    const found = findingsOf(...GLITCH_RULES);
    expect(found.length, describeFindings(found)).toBeLessThanOrEqual(budget);
  });

  it('has at most max(1, floor(n/50)) keyword-density findings without configured keywords', () => {
    const found = findingsOf('keyword-density');
    expect(found.length, describeFindings(found)).toBeLessThanOrEqual(budget);
  });

  it('reports no near-duplicate or similar-content pairs between distinct articles', () => {
    const found = findingsOf(...DUPLICATE_RULES);
    expect(found, describeFindings(found)).toHaveLength(0);
    const pairs = report.duplicates.pairs.map((p) => `${p.kind} ${p.a} <> ${p.b} (${p.similarity.toFixed(3)})`);
    expect(pairs).toEqual([]);
    expect(report.duplicates.clusters).toEqual([]);
  });

  it('reports no claim conflicts for consistent or compatible facts', () => {
    const found = findingsOf('claim-conflict');
    expect(found, describeFindings(found)).toHaveLength(0);
    const conflicts = report.claims.conflicts.map(
      (c) => `${c.subject}/${c.attribute}: ${c.values.map((v) => v.value).join(' vs ')}`,
    );
    expect(conflicts).toEqual([]);
  });

  it('reports one copied passage: the "About Harborview Robotics" section two press releases share verbatim', () => {
    // A company boilerplate section repeated verbatim is a real copied passage (two articles are too few to call it
    // boilerplate); nothing else in the clean corpus is.
    const found = findingsOf('copied-passage');
    expect(found.map((f) => f.path).sort(), describeFindings(found)).toEqual([
      'test/fixtures/clean-corpus/news-harborview-robotics-earnings.md',
      'test/fixtures/clean-corpus/news-harborview-warehouse-contract.md',
    ]);
    expect(report.duplicates.copied?.length).toBe(1);
  });

  it('reports nothing else that would be a false positive', () => {
    const known = new Set<string>([
      ...GLITCH_RULES,
      'keyword-density',
      ...DUPLICATE_RULES,
      'copied-passage',
      'claim-conflict',
      ...LOAD_RULES,
      ...INFORMATIONAL_RULES,
    ]);
    const other = report.findings.filter((f) => !known.has(f.ruleId));
    expect(other, describeFindings(other)).toHaveLength(0);
  });
});
