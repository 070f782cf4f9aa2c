// Baseline: --update-baseline writes known findings; they are marked and do not fail; new findings do.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseBaseline, serializeBaseline, updatedBaseline } from '../pipeline/baseline.js';
import { audit } from '../pipeline/index.js';
import type { Report } from '../pipeline/types.js';
import { markerRegistry } from './fixtures/workflow/marker-registry.js';
import { cleanupTempDirs, runCli, tempDir } from './fixtures/workflow/helpers.js';

// The marker rule as the only document rule and no corpus stages, passed in (no module mocks).
const registry = markerRegistry();

afterAll(cleanupTempDirs);

const doc = (body: string) => `# Harbour notes\n\n${body}\n`;

async function json(args: string[], cwd: string): Promise<{ code: number; report: Report; stderr: string }> {
  const result = await runCli([...args, '--format', 'json', '--no-cache'], cwd, { registry });
  return {
    code: result.code,
    report: result.code === 2 ? (null as unknown as Report) : JSON.parse(result.stdout),
    stderr: result.stderr,
  };
}

describe('baseline workflow (CLI)', () => {
  it('update, keep valid across unrelated edits, fail on a new finding, prune vanished ones', async () => {
    const dir = tempDir({
      'corpus/a.md': doc('The ferry XXMARK leaves at noon.\n\nA second paragraph.'),
      'corpus/b.md': doc('Nothing to see. The tram XXMARK stops here.'),
    });
    // Without a baseline the known findings fail the run.
    expect((await json([], dir)).code).toBe(1);

    const update = await runCli(['--update-baseline', '--no-cache'], dir, { registry });
    expect(update.code).toBe(0);
    expect(update.stderr).toContain('Baseline written to content-audit.baseline.json');
    const file = path.join(dir, 'content-audit.baseline.json');
    const text = readFileSync(file, 'utf8');
    const written = JSON.parse(text);
    expect(written.version).toBe(1);
    expect(written.findings.map((f: { path: string; ruleId: string }) => [f.path, f.ruleId])).toEqual([
      ['corpus/a.md', 'marker'],
      ['corpus/b.md', 'marker'],
    ]);
    expect(Object.keys(written.findings[0])).toEqual(['ruleId', 'path', 'fingerprint']);
    expect(text.endsWith('\n')).toBe(true);
    expect(text).toBe(serializeBaseline(written)); // stable: re-serialising changes nothing

    // The default baseline file in cwd is picked up: findings are marked, the run passes.
    const baselined = await json([], dir);
    expect(baselined.code).toBe(0);
    expect(baselined.report.findings.every((f) => f.baseline === true)).toBe(true);
    expect(baselined.report.summary.baseline).toBe(2);
    expect(baselined.report.summary.passed).toBe(true);

    // An edit elsewhere in the file (lines shift) keeps the baseline valid.
    writeFileSync(
      path.join(dir, 'corpus/a.md'),
      doc(
        'A brand new intro paragraph.\n\nAnother one.\n\nThe ferry XXMARK leaves at noon.\n\nA second paragraph, ' +
          'edited.',
      ),
    );
    const shifted = await json([], dir);
    expect(shifted.code).toBe(0);
    expect(shifted.report.findings.map((f) => [f.path, f.line, f.baseline])).toEqual([
      ['corpus/a.md', 7, true],
      ['corpus/b.md', 3, true],
    ]);

    // A new finding fails the run and is not marked.
    writeFileSync(
      path.join(dir, 'corpus/b.md'),
      doc('Nothing to see. The tram XXMARK stops here.\n\nThe bus XXMARK is late.'),
    );
    const added = await json([], dir);
    expect(added.code).toBe(1);
    expect(added.report.findings.filter((f) => !f.baseline).map((f) => [f.path, f.line])).toEqual([['corpus/b.md', 5]]);
    expect(added.report.summary.passed).toBe(false);

    // --no-baseline ignores the file.
    writeFileSync(path.join(dir, 'corpus/b.md'), doc('Nothing to see. The tram XXMARK stops here.'));
    expect((await json([], dir)).code).toBe(0);
    expect((await json(['--no-baseline'], dir)).code).toBe(1);

    // Fixing a finding and updating prunes its entry.
    writeFileSync(path.join(dir, 'corpus/a.md'), doc('The ferry leaves at noon.'));
    expect((await runCli(['--update-baseline', '--no-cache'], dir, { registry })).code).toBe(0);
    const pruned = JSON.parse(readFileSync(file, 'utf8'));
    expect(pruned.findings.map((f: { path: string }) => f.path)).toEqual(['corpus/b.md']);
  });

  it('a partial run keeps the entries of files it did not audit', async () => {
    const dir = tempDir({
      'corpus/a.md': doc('One XXMARK.'),
      'corpus/b.md': doc('Two XXMARK.'),
    });
    expect((await runCli(['--update-baseline', '--no-cache'], dir, { registry })).code).toBe(0);
    writeFileSync(path.join(dir, 'corpus/a.md'), doc('One, fixed.'));
    expect((await runCli(['corpus/a.md', '--update-baseline', '--no-cache'], dir, { registry })).code).toBe(0);
    const baseline = JSON.parse(readFileSync(path.join(dir, 'content-audit.baseline.json'), 'utf8'));
    expect(baseline.findings.map((f: { path: string }) => f.path)).toEqual(['corpus/b.md']);
  });

  it('--baseline PATH reads and writes another file; a broken or missing one is a usage error (exit 2)', async () => {
    const dir = tempDir({ 'corpus/a.md': doc('One XXMARK.') });
    const noFolder = await runCli(['--baseline', 'ci/known.json', '--update-baseline', '--no-cache'], dir, {
      registry,
    });
    expect(noFolder.code).toBe(2);
    expect(noFolder.stderr).toContain('Cannot write baseline');
    expect(
      (await runCli(['--baseline', 'known.json', '--update-baseline', '--no-cache'], dir, { registry })).code,
    ).toBe(0);
    expect(existsSync(path.join(dir, 'known.json'))).toBe(true);
    expect(existsSync(path.join(dir, 'content-audit.baseline.json'))).toBe(false);
    expect((await json(['--baseline', 'known.json'], dir)).code).toBe(0);
    expect((await json([], dir)).code).toBe(1); // the default file does not exist

    const missing = await runCli(['--baseline', 'nope.json', '--no-cache'], dir, { registry });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Cannot read baseline');
    writeFileSync(path.join(dir, 'broken.json'), '{"version": 1, "findings": [{"ruleId": 3}]}');
    const broken = await runCli(['--baseline', 'broken.json', '--no-cache'], dir, { registry });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('findings[0]');
    expect((await runCli(['--no-baseline', '--update-baseline'], dir, { registry })).code).toBe(2);
  });
});

describe('baseline helpers and API', () => {
  it('updatedBaseline sorts, de-duplicates and keeps entries of unaudited files', () => {
    const previous = parseBaseline({
      version: 1,
      findings: [
        { ruleId: 'marker', path: 'z.md', fingerprint: 'ffff' },
        { ruleId: 'marker', path: 'a.md', fingerprint: 'old' },
      ],
    });
    const next = updatedBaseline(previous, {
      documents: [{ path: 'a.md', title: null, words: 1, sha256: '' }],
      findings: [
        {
          ruleId: 'marker',
          path: 'a.md',
          fingerprint: 'bbbb',
          severity: 'error',
          line: 9,
          column: 1,
          endLine: 9,
          endColumn: 2,
          message: 'm',
        },
        {
          ruleId: 'marker',
          path: 'a.md',
          fingerprint: 'aaaa',
          severity: 'error',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 2,
          message: 'm',
        },
      ],
    });
    expect(next.findings).toEqual([
      { ruleId: 'marker', path: 'a.md', fingerprint: 'aaaa' },
      { ruleId: 'marker', path: 'a.md', fingerprint: 'bbbb' },
      { ruleId: 'marker', path: 'z.md', fingerprint: 'ffff' },
    ]);
    expect(() => parseBaseline({ version: 2, findings: [] })).toThrow(/version 1/);
  });

  it('audit() is baseline-free unless asked, and accepts a path or the parsed file', async () => {
    const dir = tempDir({ 'corpus/a.md': doc('One XXMARK.') });
    const plain = await audit({ registry, cwd: dir });
    expect(plain.summary.passed).toBe(false);
    const baseline = {
      version: 1 as const,
      findings: plain.findings.map(({ ruleId, path: p, fingerprint }) => ({ ruleId, path: p, fingerprint })),
    };
    const marked = await audit({ registry, cwd: dir, baseline });
    expect(marked.summary.passed).toBe(true);
    expect(marked.findings[0].baseline).toBe(true);
    writeFileSync(path.join(dir, 'content-audit.baseline.json'), serializeBaseline(baseline));
    expect((await audit({ registry, cwd: dir })).summary.passed).toBe(false); // not picked up implicitly by the API
    expect((await audit({ registry, cwd: dir, baseline: 'content-audit.baseline.json' })).summary.passed).toBe(true);
  });
});
