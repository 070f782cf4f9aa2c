// The digest pipeline: corpus-aware rules in two passes (only documents whose findings depend on the corpus are
// re-read), a document the pipeline fails on becomes a finding, and a file that changes mid-audit is a clear error.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../pipeline/config.js';
import { audit, auditArticles, CorpusChangedError, loadCorpus } from '../pipeline/index.js';
import { markerRegistry } from './fixtures/workflow/marker-registry.js';
import { recurringCalls as calls } from './fixtures/workflow/marker-rule.js';
import { cleanupTempDirs, tempDir } from './fixtures/workflow/helpers.js';

// The recurring marker rule alone, passed in through the API (no module mocks).
const registry = markerRegistry('recurring');

afterAll(cleanupTempDirs);

const files = {
  'corpus/a.md': '# A\n\nFirst XXMARK here.\n',
  'corpus/b.md': '# B\n\nSecond XXMARK here.\n',
  'corpus/c.md': '# C\n\nNothing here.\n',
};

describe('two-pass corpus-aware rules', () => {
  it('checks every document once without corpus data and re-checks only those that depend on it', async () => {
    const dir = tempDir(files);
    calls.check = calls.recheck = 0;
    const config = resolveConfig({});
    const input = await loadCorpus({ cwd: dir, paths: ['corpus'], registry }, config);
    expect(calls).toEqual({ check: 3, recheck: 0 });
    const report = auditArticles(input, config, { registry });
    expect(calls).toEqual({ check: 3, recheck: 2 });
    expect(report.findings.map((f) => `${f.path}: ${f.message}`)).toEqual([
      'corpus/a.md: Marker in 2 articles.',
      'corpus/b.md: Marker in 2 articles.',
    ]);
  });

  it('a marker in one article only: nothing depends on the corpus, nothing is re-read', async () => {
    const dir = tempDir({ ...files, 'corpus/b.md': '# B\n\nNo marker.\n' });
    calls.check = calls.recheck = 0;
    const config = resolveConfig({});
    const report = auditArticles(await loadCorpus({ cwd: dir, paths: ['corpus'], registry }, config), config, {
      registry,
    });
    expect(calls).toEqual({ check: 3, recheck: 0 });
    expect(report.findings).toEqual([]);
  });

  it('a file that changes between digesting and re-reading stops the audit with a clear error', async () => {
    const dir = tempDir(files);
    const config = resolveConfig({});
    const input = await loadCorpus({ cwd: dir, paths: ['corpus'], registry }, config);
    writeFileSync(path.join(dir, 'corpus/a.md'), '# A\n\nEdited XXMARK here.\n');
    expect(() => auditArticles(input, config, { registry })).toThrow(CorpusChangedError);
    expect(() => auditArticles(input, config, { registry })).toThrow(
      /corpus\/a\.md changed while it was being audited/,
    );
  });
});

describe('a document the pipeline fails on', () => {
  it('becomes an unreadable-file finding; the rest of the corpus is audited', async () => {
    const dir = tempDir({ ...files, 'corpus/boom.md': '# Boom\n\nBOOM XXMARK.\n' });
    const report = await audit({ cwd: dir, registry, ignoreFile: false });
    expect(report.summary.passed).toBe(false);
    const boom = report.findings.filter((f) => f.path === 'corpus/boom.md');
    expect(boom).toHaveLength(1);
    expect(boom[0].ruleId).toBe('unreadable-file');
    expect(boom[0].message).toMatch(/internal error: rule exploded/);
    expect(report.findings.filter((f) => f.ruleId === 'marker').map((f) => f.path)).toEqual([
      'corpus/a.md',
      'corpus/b.md',
    ]);
  });
});
