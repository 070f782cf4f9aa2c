// Programmatic API: audit() returns the same report object the CLI prints with --format json.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { audit } from '../pipeline/index.js';
import type { Report } from '../pipeline/types.js';
import { runCli } from './fixtures/workflow/helpers.js';

const root = path.resolve(import.meta.dirname, '..');
const fixture = path.join(root, 'test', 'fixtures', 'workflow', 'api-corpus');

const created: string[] = [];
afterAll(() => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

function copyFixture(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ca-api-'));
  created.push(dir);
  cpSync(fixture, dir, { recursive: true });
  return dir;
}

async function cliJson(args: string[], cwd: string): Promise<{ code: number; report: Report }> {
  const result = await runCli([...args, '--format', 'json'], cwd);
  expect(result.code, result.stderr).not.toBe(2);
  return { code: result.code, report: JSON.parse(result.stdout) as Report };
}

describe('audit() API', () => {
  it('deep-equals the CLI --format json report for a fixture corpus (with and without the CLI cache)', async () => {
    const dir = copyFixture();
    const api = await audit({ cwd: dir, paths: ['corpus'] });
    const cold = await cliJson(['corpus'], dir); // the CLI caches by default
    const warm = await cliJson(['corpus'], dir);
    const uncached = await cliJson(['corpus', '--no-cache'], dir);
    expect(api).toEqual(cold.report);
    expect(JSON.parse(JSON.stringify(api))).toStrictEqual(cold.report);
    expect(warm.report).toStrictEqual(cold.report);
    expect(uncached.report).toStrictEqual(cold.report);
    expect(api.documents).toHaveLength(4);
    expect(api.generatedAt).toBeUndefined();
    // The fixture's suppression comment hides its intentional teaser ending and is not reported as unused.
    expect(api.findings.some((f) => f.path === 'corpus/harbour-ferries.md')).toBe(false);
    expect(cold.code).toBe(api.summary.passed ? 0 : 1);
  });

  it('matches the CLI in local-use mode: a draft against the corpus', async () => {
    const dir = copyFixture();
    const api = await audit({ cwd: dir, paths: ['drafts/new-article.md'], compareWith: ['corpus/'] });
    const cli = await cliJson(['drafts/new-article.md', '--compare-with', 'corpus/', '--no-cache'], dir);
    expect(api).toEqual(cli.report);
    expect(api.documents.map((d) => d.path)).toEqual(['drafts/new-article.md']);
    expect(api.findings.every((f) => f.path === 'drafts/new-article.md')).toBe(true);
    for (const pair of api.duplicates.pairs) expect([pair.a, pair.b]).toContain('drafts/new-article.md');
  });

  it('matches the CLI with a config file, failOn and the default baseline', async () => {
    const dir = copyFixture();
    const cliUpdate = await runCli(['corpus', '--update-baseline', '--no-cache'], dir);
    expect(cliUpdate.code).toBe(0);
    const cli = await cliJson(['corpus', '--fail-on', 'warning', '--no-cache'], dir);
    const api = await audit({
      cwd: dir,
      paths: ['corpus'],
      failOn: 'warning',
      baseline: 'content-audit.baseline.json',
    });
    expect(api).toEqual(cli.report);
    expect(api.summary.passed).toBe(true);
  });

  it('configFile: true reads the same config file the CLI discovers', async () => {
    const dir = copyFixture();
    writeFileSync(
      path.join(dir, 'content-audit.config.yaml'),
      'failOn: never\nrules:\n  near-duplicate: info\n  truncated-ending: off\n',
    );
    const cli = await cliJson(['corpus', '--no-cache'], dir);
    const api = await audit({ cwd: dir, paths: ['corpus'], configFile: true });
    expect(api).toEqual(cli.report);
    expect(api.findings.map((f) => f.severity)).toEqual(['info', 'info']);
    expect(await audit({ cwd: dir, paths: ['corpus'] })).not.toEqual(api); // no file read unless asked
  });

  it.skipIf(!existsSync(path.join(root, 'dist', 'pipeline', 'index.js')))(
    "import { audit } from 'content-audit' (built package) equals the built CLI's JSON",
    () => {
      const dir = copyFixture();
      const env = { ...process.env, CI: 'true', NO_COLOR: '1' };
      const cli = spawnSync(
        process.execPath,
        [path.join(root, 'bin', 'content-audit.js'), 'corpus', '--format', 'json', '--no-cache'],
        { cwd: dir, encoding: 'utf8', env },
      );
      expect(cli.status, cli.stderr).not.toBe(2);
      const api = spawnSync(
        process.execPath,
        [path.join(root, 'test', 'fixtures', 'workflow', 'api-probe.mjs'), dir, 'corpus'],
        { cwd: root, encoding: 'utf8', env },
      );
      expect(api.status, api.stderr).toBe(0);
      expect(JSON.parse(api.stdout)).toStrictEqual(JSON.parse(cli.stdout));
    },
  );

  // The built package (the TypeScript sources used by vitest run in-process, without a budget): a child process runs
  // `audit()` as a consumer would and prints what it got.
  const built = path.join(root, 'dist', 'pipeline', 'index.js');
  const probe = (script: string, cwd: string) =>
    spawnSync(
      process.execPath,
      ['--input-type=module', '-e', `import { audit } from ${JSON.stringify(pathToFileURL(built).href)};\n${script}`],
      { cwd, encoding: 'utf8', timeout: 120_000 },
    );

  // A shape the parser is still slow on (20 GFM tables of 200 columns × 50 rows of `[c]` references, 40 KB each,
  // 800 KB: micromark's per-cell parse, not cut before parsing; a table of plain cells, code spans, links, emphasis,
  // entities, tags or images, or of 64 KB or more, is read fast by pipeline/markdown-table.ts): far over a 1 s budget.
  const writeSlowTable = (dir: string) =>
    writeFileSync(
      path.join(dir, 'corpus', 'slow.md'),
      `${`|${'h|'.repeat(200)}\n|${'-|'.repeat(200)}\n${`|${'[c]|'.repeat(200)}\n`.repeat(50)}\n`.repeat(20)}`,
    );

  it.skipIf(!existsSync(built))(
    'audit() honours the per-file time budget (maxFileSeconds) like the CLI',
    () => {
      const dir = copyFixture();
      writeSlowTable(dir);
      const result = probe(
        `const report = await audit({ paths: ['corpus'], config: { maxFileSeconds: 1 } ` +
          `});\nprocess.stdout.write(JSON.stringify(report));`,
        dir,
      );
      expect(result.status, result.stderr).toBe(0);
      const report = JSON.parse(result.stdout) as Report;
      expect(report.documents.map((d) => d.path)).toContain('corpus/slow.md');
      expect(report.findings.filter((f) => f.path === 'corpus/slow.md')).toEqual([
        expect.objectContaining({
          ruleId: 'unreadable-file',
          message: expect.stringContaining('per-file time budget'),
        }),
      ]);
      expect(report.documents.length).toBeGreaterThan(1); // the rest of the corpus was audited
    },
    120_000,
  );

  it.skipIf(!existsSync(built))(
    'audit() rejects with the reason of an AbortSignal, even in the middle of a runaway file',
    () => {
      const dir = copyFixture();
      writeSlowTable(dir);
      const result = probe(
        `const controller = new AbortController();\nsetTimeout(() => controller.abort(new Error('stop now')), ` +
          `1000);\n` +
          `try { await audit({ paths: ['corpus'], config: { maxFileSeconds: 0 }, signal: controller.signal }); ` +
          `console.log('finished'); }\n` +
          `catch (error) { console.log('rejected: ' + error.message); }`,
        dir,
      );
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout.trim()).toBe('rejected: stop now');
    },
    120_000,
  );

  it.skipIf(!existsSync(built))(
    'audit() runs under V8 and process-wide Node options a worker thread refuses (--max-old-space-size, --expose-gc)',
    () => {
      const dir = copyFixture();
      const result = spawnSync(
        process.execPath,
        [
          '--max-old-space-size=3072',
          '--expose-gc',
          '--stack-size=2000',
          '--input-type=module',
          '-e',
          `import { audit } from ${JSON.stringify(pathToFileURL(built).href)};\n` +
            `const report = await audit({ paths: ['corpus'] });\nconsole.log(report.summary.documents);`,
        ],
        { cwd: dir, encoding: 'utf8', timeout: 120_000 },
      );
      expect(result.stderr).not.toContain('ERR_WORKER_INVALID_EXEC_ARGV');
      expect(result.status, result.stderr).toBe(0);
      expect(Number(result.stdout.trim())).toBeGreaterThan(0);
    },
    120_000,
  );
});
