// The report is consistent with the rules (issue #17): a rule that is off leaves no pairs, clusters or conflicts of
// its kind; inline suppressions and the baseline apply to pairs and conflicts as they do to findings.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clustersOfPairs } from '../pipeline/consistency.js';
import { audit } from '../pipeline/index.js';
import type { Report } from '../pipeline/types.js';
import { cleanupTempDirs, tempDir } from './fixtures/workflow/helpers.js';

afterAll(cleanupTempDirs);

const root = path.resolve(import.meta.dirname, '..');
const run = (paths: string[], config: unknown = {}, extra: Parameters<typeof audit>[0] = {}) =>
  audit({ cwd: root, paths, config, ignoreFile: false, ...extra });

/** Every cluster is a connected component of the listed pairs, and every pair sits in one cluster. */
function expectClustersMatchPairs(report: Report) {
  const words = new Map(report.documents.map((doc) => [doc.path, doc.words]));
  expect(report.duplicates.clusters).toEqual(clustersOfPairs(report.duplicates.pairs, words));
}

describe('a rule that is off leaves nothing of its kind', () => {
  it('similar-content: off — no similar-content pairs and no clusters built from them (the demo corpus)', async () => {
    const on = await run(['corpus']);
    expect(on.duplicates.pairs.filter((pair) => pair.kind === 'similar-content').length).toBeGreaterThan(0);
    expectClustersMatchPairs(on);
    const off = await run(['corpus'], { rules: { 'similar-content': 'off' } });
    expect(off.duplicates.pairs).toEqual([]);
    expect(off.duplicates.clusters).toEqual([]);
    expect(off.duplicates.clusterScores ?? []).toEqual([]);
    expect(off.findings.filter((finding) => finding.ruleId === 'similar-content')).toEqual([]);
  });

  it('near-duplicate: off — only similar-content pairs remain, clusters rebuilt from them', async () => {
    const off = await run(['test/fixtures/duplicates'], { rules: { 'near-duplicate': 'off' } });
    expect(off.duplicates.pairs.length).toBeGreaterThan(0);
    expect(off.duplicates.pairs.every((pair) => pair.kind === 'similar-content')).toBe(true);
    expectClustersMatchPairs(off);
  });

  it('claim-conflict: off — no conflicts (single-source-claim still runs the claims stage)', async () => {
    const on = await run(['test/fixtures/claims/kestrel-robotics']);
    expect(on.claims.conflicts.length).toBeGreaterThan(0);
    const off = await run(['test/fixtures/claims/kestrel-robotics'], { rules: { 'claim-conflict': 'off' } });
    expect(off.claims.conflicts).toEqual([]);
    expect(off.claims.entities.length).toBeGreaterThan(0);
  });
});

describe('suppressions apply to pairs and conflicts', () => {
  it('a pair with all findings suppressed leaves the pairs and clusters; one side suppressed keeps it', async () => {
    const dir = tempDir();
    cpSync(path.join(root, 'corpus'), path.join(dir, 'corpus'), { recursive: true });
    const [first, second] = ['corpus/002_6acda40d68a65a8b.txt', 'corpus/004_5b9b9534fe69c9a0.txt'];
    const disable = (file: string) =>
      writeFileSync(
        path.join(dir, file),
        `<!-- content-audit-disable-file similar-content -->\n${readFileSync(path.join(dir, file), 'utf8')}`,
      );
    disable(first);
    const one = await audit({ cwd: dir, paths: ['corpus'], ignoreFile: false });
    // One side suppressed: the other side's finding still reports the pair.
    expect(
      one.duplicates.pairs.some((pair) => [pair.a, pair.b].includes(first) && [pair.a, pair.b].includes(second)),
    ).toBe(true);
    disable(second);
    const both = await audit({ cwd: dir, paths: ['corpus'], ignoreFile: false });
    const involving = (report: Report, file: string) =>
      report.duplicates.pairs.filter((pair) => pair.a === file || pair.b === file);
    // Every similar-content finding of these two files is suppressed: no pair between them is listed.
    expect(
      both.duplicates.pairs.some((pair) => [pair.a, pair.b].includes(first) && [pair.a, pair.b].includes(second)),
    ).toBe(false);
    // Pairs with the other (unsuppressed) articles stay: their side still reports them.
    expect(involving(both, first).length).toBeGreaterThan(0);
    expectClustersMatchPairs(both);
  });

  it('a conflict whose findings are all suppressed leaves the conflicts list', async () => {
    const dir = tempDir();
    cpSync(path.join(root, 'test/fixtures/claims/kestrel-robotics'), path.join(dir, 'k'), { recursive: true });
    const before = await audit({ cwd: dir, paths: ['k'], ignoreFile: false });
    expect(before.claims.conflicts.length).toBeGreaterThan(0);
    for (const file of ['k/a.md', 'k/b.md', 'k/c.txt']) {
      writeFileSync(
        path.join(dir, file),
        `<!-- content-audit-disable-file claim-conflict -->\n${readFileSync(path.join(dir, file), 'utf8')}`,
      );
    }
    const after = await audit({ cwd: dir, paths: ['k'], ignoreFile: false });
    expect(after.findings.filter((finding) => finding.ruleId === 'claim-conflict')).toEqual([]);
    expect(after.claims.conflicts).toEqual([]);
  });
});

describe('the baseline applies to pairs and conflicts', () => {
  it('pairs and conflicts whose findings are all in the baseline are marked baseline: true', async () => {
    const paths = ['test/fixtures/claims/kestrel-robotics', 'corpus'];
    const first = await run(paths);
    const baseline = {
      version: 1 as const,
      findings: first.findings.map(({ ruleId, path: p, fingerprint }) => ({ ruleId, path: p, fingerprint })),
    };
    const marked = await run(paths, {}, { baseline });
    expect(marked.duplicates.pairs.length).toBeGreaterThan(0);
    expect(marked.duplicates.pairs.every((pair) => pair.baseline === true)).toBe(true);
    expect(marked.claims.conflicts.length).toBeGreaterThan(0);
    expect(marked.claims.conflicts.every((conflict) => conflict.baseline === true)).toBe(true);
    // Without a baseline nothing is marked (reports stay as they were).
    expect(first.duplicates.pairs.some((pair) => 'baseline' in pair)).toBe(false);
    expect(first.claims.conflicts.some((conflict) => 'baseline' in conflict)).toBe(false);
  });
});
