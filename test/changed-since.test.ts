// --changed-since REF on a temporary git repository, and local use with --compare-with.
import { execFileSync } from 'node:child_process';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseNameStatus, validateRef } from '../pipeline/git.js';
import { resolveConfig } from '../pipeline/config.js';
import { audit, loadCorpus } from '../pipeline/index.js';
import type { Report } from '../pipeline/types.js';
import { markerRegistry } from './fixtures/workflow/marker-registry.js';
import { cleanupTempDirs, runCli, tempDir, writeFiles } from './fixtures/workflow/helpers.js';

// The marker rule as the only document rule and no corpus stages, passed in (no module mocks).
const registry = markerRegistry();

afterAll(cleanupTempDirs);

const doc = (title: string, body: string) => `# ${title}\n\n${body}\n`;

function git(cwd: string, ...args: string[]): string {
  return execFileSync(
    'git',
    [
      '-c',
      'user.name=Test',
      '-c',
      'user.email=test@example.com',
      '-c',
      'commit.gpgsign=false',
      '-c',
      'init.defaultBranch=main',
      ...args,
    ],
    {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
    },
  );
}

let repo: string;

beforeAll(() => {
  repo = tempDir(
    {
      'corpus/modified.md': doc('Modified', 'Original text XXMARK.'),
      'corpus/unchanged.md': doc('Unchanged', 'Old problem XXMARK stays unreported.'),
      'corpus/old-name.md': doc('Renamed', 'Moved XXMARK text with enough words to be detected as a rename by git.'),
      'corpus/deleted.md': doc('Deleted', 'Gone XXMARK.'),
      'README.md': doc('Readme', 'Not part of the corpus XXMARK.'),
    },
    'ca-git-',
  );
  git(repo, 'init', '-q');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'base');
  git(repo, 'tag', 'base');
  // The change under review: a modification, a rename (staged), a deletion, a committed addition and an untracked file.
  writeFileSync(path.join(repo, 'corpus/modified.md'), doc('Modified', 'Original text XXMARK, now edited.'));
  git(repo, 'mv', 'corpus/old-name.md', 'corpus/new-name.md');
  rmSync(path.join(repo, 'corpus/deleted.md'));
  writeFiles(repo, { 'corpus/added.md': doc('Added', 'Committed XXMARK.') });
  git(repo, 'add', 'corpus/added.md');
  git(repo, 'commit', '-q', '-m', 'add', '--', 'corpus/added.md'); // the rename stays staged, the edit unstaged
  writeFiles(repo, {
    'corpus/untracked.md': doc('Untracked', 'Fresh XXMARK.'),
    'README.md': doc('Readme', 'Edited XXMARK.'),
  });
});

async function jsonRun(args: string[], cwd: string): Promise<{ code: number; report: Report; stderr: string }> {
  const result = await runCli([...args, '--format', 'json', '--no-cache'], cwd, { registry });
  return {
    code: result.code,
    report: result.code === 2 ? (null as unknown as Report) : JSON.parse(result.stdout),
    stderr: result.stderr,
  };
}

describe('--changed-since', () => {
  it('audits added, modified, renamed and untracked corpus files; the rest of the corpus is reference', async () => {
    const { code, report } = await jsonRun(['corpus', '--changed-since', 'base'], repo);
    expect(code).toBe(1);
    expect(report.documents.map((d) => d.path)).toEqual([
      'corpus/added.md',
      'corpus/modified.md',
      'corpus/new-name.md',
      'corpus/untracked.md',
    ]);
    expect([...new Set(report.findings.map((f) => f.path))]).toEqual([
      'corpus/added.md',
      'corpus/modified.md',
      'corpus/new-name.md',
      'corpus/untracked.md',
    ]);
  });

  it('loads the unchanged corpus as reference articles (for duplication and claims), outside the focus', async () => {
    const input = await loadCorpus({ registry, cwd: repo, paths: ['corpus'], changedSince: 'base' }, resolveConfig({}));
    expect(input.documents.map((a) => a.path).sort()).toEqual([
      'corpus/added.md',
      'corpus/modified.md',
      'corpus/new-name.md',
      'corpus/unchanged.md',
      'corpus/untracked.md',
    ]);
    expect([...input.focus!].sort()).toEqual([
      'corpus/added.md',
      'corpus/modified.md',
      'corpus/new-name.md',
      'corpus/untracked.md',
    ]);
  });

  it('defaults to the current folder (issue 18: no more implicit corpus/) and works through the API', async () => {
    const report = await audit({ registry, cwd: repo, changedSince: 'HEAD' });
    expect(report.documents.map((d) => d.path)).toEqual([
      'README.md',
      'corpus/modified.md',
      'corpus/new-name.md',
      'corpus/untracked.md',
    ]);
  });

  it('passes with nothing to audit when no corpus file changed', async () => {
    const clean = tempDir({ 'corpus/a.md': doc('A', 'XXMARK.') }, 'ca-git-');
    git(clean, 'init', '-q');
    git(clean, 'add', '-A');
    git(clean, 'commit', '-q', '-m', 'base');
    const result = await runCli(['--changed-since', 'HEAD', '--no-cache'], clean, { registry });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('no article files changed since HEAD');
  });

  it(
    'composes with --compare-with: the reference corpus and the unchanged files are compared against, not ' +
      'reported',
    async () => {
      writeFiles(repo, { 'reference/ref.md': doc('Ref', 'Reference XXMARK.') });
      try {
        const { report } = await jsonRun(['corpus', '--changed-since', 'HEAD', '--compare-with', 'reference'], repo);
        expect(report.documents.map((d) => d.path)).toEqual([
          'corpus/modified.md',
          'corpus/new-name.md',
          'corpus/untracked.md',
        ]);
        expect(report.findings.some((f) => f.path.startsWith('reference/'))).toBe(false);
      } finally {
        rmSync(path.join(repo, 'reference'), { recursive: true, force: true });
      }
    },
  );

  it('works from a subfolder of the repository', async () => {
    const { report } = await jsonRun(['.', '--changed-since', 'base'], path.join(repo, 'corpus'));
    expect(report.documents.map((d) => d.path)).toEqual(['added.md', 'modified.md', 'new-name.md', 'untracked.md']);
  });

  it('rejects option-like, unknown and malformed refs with exit 2', async () => {
    const dash = await runCli(['--changed-since=--output=/tmp/x', '--no-cache'], repo, { registry });
    expect(dash.code).toBe(2);
    expect(dash.stderr).toContain('must not start with "-"');
    const unknown = await runCli(['--changed-since', 'no-such-branch', '--no-cache'], repo, { registry });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown git ref "no-such-branch"');
    expect(() => validateRef('a b')).toThrow(/invalid ref/);
    expect(() => validateRef('')).toThrow(/needs a git ref/);
    expect(validateRef('origin/main~2')).toBe('origin/main~2');
  });

  it('fails clearly outside a git repository', async () => {
    const dir = tempDir({ 'corpus/a.md': doc('A', 'Text.') });
    const result = await runCli(['--changed-since', 'HEAD', '--no-cache'], dir, { registry });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('not inside a git repository');
  });

  it('parses git diff --name-status -z output', () => {
    const output = [
      'M',
      'a.md',
      'A',
      'b.md',
      'D',
      'c.md',
      'R087',
      'old.md',
      'new.md',
      'C100',
      'src.md',
      'copy.md',
      'T',
      't.md',
      '',
    ].join('\0');
    expect(parseNameStatus(output)).toEqual(['a.md', 'b.md', 'new.md', 'copy.md', 't.md']);
  });
});

describe('local use: a draft against the corpus', () => {
  it('drafts/new-article.md --compare-with corpus/ reports only the draft', async () => {
    const dir = tempDir({
      'corpus/one.md': doc('One', 'Corpus XXMARK problem.'),
      'corpus/two.md': doc('Two', 'Clean corpus article.'),
      'drafts/new-article.md': doc('New', 'Draft XXMARK problem.'),
    });
    const { code, report } = await jsonRun(['drafts/new-article.md', '--compare-with', 'corpus/'], dir);
    expect(code).toBe(1);
    expect(report.documents.map((d) => d.path)).toEqual(['drafts/new-article.md']);
    expect(report.findings.map((f) => f.path)).toEqual(['drafts/new-article.md']);
    // Moving the draft into place keeps it the only audited file.
    renameSync(path.join(dir, 'drafts/new-article.md'), path.join(dir, 'drafts/renamed.md'));
    const again = await jsonRun(['drafts/renamed.md', '--compare-with', 'corpus'], dir);
    expect(again.report.documents.map((d) => d.path)).toEqual(['drafts/renamed.md']);
  });
});
