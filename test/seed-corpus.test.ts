// Acceptance on the demo corpus (the five seed articles, byte for byte). Each detector is measured on its own
// labelled fixtures elsewhere; this test checks the whole pipeline finds what the seeds are known to contain.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { audit, type Finding, type Report } from '../pipeline/index.js';

const root = path.resolve(import.meta.dirname, '..');
const seed = (n: string) => `corpus/${n}`;
const A = seed('000_89b9923e4567045f.txt');
const B = seed('001_8ce4b794fce1d69f.txt');
const C = seed('002_6acda40d68a65a8b.txt');
const D = seed('003_ac4215b7c894a24a.txt');
const E = seed('004_5b9b9534fe69c9a0.txt');

let report: Report;
const byRule = (rule: string): Finding[] => report.findings.filter((f) => f.ruleId === rule);
const pathsOf = (findings: Finding[]) => [...new Set(findings.map((f) => f.path))].sort();

beforeAll(async () => {
  report = await audit({ paths: ['corpus'], cwd: root, config: {} });
});

describe('seed corpus', () => {
  it('lists all five documents with titles and word counts', () => {
    expect(report.documents.map((d) => d.path)).toEqual([A, B, C, D, E]);
    expect(report.documents.find((d) => d.path === E)?.title).toContain('AI in Hong Kong');
    for (const doc of report.documents) expect(doc.words).toBeGreaterThan(300);
  });

  it('finds all five articles as one cluster of similar content, and no lexical near-duplicate', () => {
    expect(report.duplicates.clusters).toHaveLength(1);
    expect([...report.duplicates.clusters[0]].sort()).toEqual([A, B, C, D, E]);
    expect(report.duplicates.pairs.length).toBeGreaterThanOrEqual(4);
    for (const pair of report.duplicates.pairs) {
      expect(pair.kind).toBe('similar-content');
      expect(pair.similarity).toBeGreaterThan(0);
      expect(pair.similarity).toBeLessThanOrEqual(1);
      expect(pair.shared.length).toBeGreaterThan(0);
    }
    expect(byRule('near-duplicate')).toHaveLength(0);
  });

  it('flags truncated endings in exactly the three articles that end mid-sentence', () => {
    expect(pathsOf(byRule('truncated-ending'))).toEqual([B, C, E]);
    const endings = Object.fromEntries(byRule('truncated-ending').map((f) => [f.path, f]));
    expect(endings[B].endLine).toBe(27);
    expect(endings[E].endLine).toBe(13);
    expect(endings[C].endLine).toBe(32);
  });

  it('flags spliced keywords at all five splice sites', () => {
    const sites: [string, number, number][] = [
      [A, 1, 291],
      [B, 4, 493],
      [C, 29, 121],
      [D, 9, 96],
      [E, 4, 415],
    ];
    const spliced = byRule('spliced-keyword');
    for (const [file, line, column] of sites) {
      const hit = spliced.find((f) => f.path === file && f.line === line && Math.abs(f.column - column) <= 12);
      expect(hit, `${file}:${line}:${column}`).toBeTruthy();
      expect(hit?.suggestion).toBeTruthy();
    }
  });

  it('flags mojibake in the two articles that have it, with the repaired text', () => {
    expect(pathsOf(byRule('mojibake'))).toEqual([C, D]);
    for (const finding of byRule('mojibake')) expect(finding.suggestion ?? '').not.toMatch(/\u0100/);
  });

  it('flags dropped words in the title of the fifth article', () => {
    const dropped = byRule('dropped-words').filter((f) => f.path === E && f.line === 1);
    expect(dropped.length).toBeGreaterThanOrEqual(1);
  });

  it('extracts the named organisations and their acronym expansions', () => {
    const names = report.claims.entities.map((e) => [e.name, ...e.aliases].join(' | ')).join('\n');
    for (const acronym of ['HKUST', 'CUHK', 'HKSTP', 'HKMA']) expect(names).toContain(acronym);
    for (const name of ['SenseTime', 'Alibaba Cloud']) expect(names).toContain(name);
  });
});
