// End-to-end CLI behaviour: exit codes, formats, --out, clear errors. Runs the built CLI (npm test builds first).
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
  mkdirSync,
  existsSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs, tempDir } from './helpers/temp-dirs.js';

afterAll(removeTempDirs);

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin', 'content-audit.js');
const contract = path.resolve(root, '..', 'shared', 'tools', 'check-report-contract.mjs');

function run(args: string[], cwd = root) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tempCorpus(files: Record<string, string>): string {
  const dir = tempDir('ca-cli-');
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const clean =
  `# A clean article\n\nThe council approved the new library budget on Tuesday. Work starts in spring ` +
  `and should finish within two years.\n\nResidents can comment on the plans until the end of the month.\n`;
const truncated =
  `# Harbour works\n\nThe harbour authority began dredging the northern channel last week. Officials ` +
  `expect the work to last until the end of the`;

describe('content-audit CLI', () => {
  it('audits the bundled corpus and honours the report contract', () => {
    const result = run(['corpus', '--format', 'json', '--fail-on', 'never']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.summary.documents).toBe(5);
    if (existsSync(contract)) {
      const check = spawnSync(process.execPath, [contract], { input: result.stdout, encoding: 'utf8' });
      expect(check.stdout).toContain('report contract: ok');
    }
  });

  it('exits 1 when findings reach --fail-on, 0 when they do not', () => {
    const dir = tempCorpus({ 'a.md': clean, 'b.md': truncated });
    const failing = run(['.', '--fail-on', 'error'], dir);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toMatch(/b\.md:\d+:\d+\s+error\s+.*truncated-ending/);
    expect(run(['.', '--fail-on', 'never'], dir).code).toBe(0);
    expect(run(['a.md'], dir).code).toBe(0);
  });

  it('exits 2 with a clear message for bad arguments and missing input', () => {
    const missing = run(['does-not-exist']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('No such file, folder or glob match: does-not-exist');
    const badFormat = run(['--format', 'pdf']);
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toMatch(/expected one of/);
    const empty = tempCorpus({ 'notes.json': '{}' });
    const none = run(['.'], empty);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('No article files found');
  });

  it('writes the three reports with --out and prints several formats in one run', () => {
    const dir = tempCorpus({ 'a.md': clean, 'b.md': truncated });
    const out = path.join(dir, 'out');
    const result = run(
      ['a.md', 'b.md', '--format', 'stylish', '--format', 'github', '--out', out, '--fail-on', 'never'],
      dir,
    );
    expect(result.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['audit.html', 'audit.json', 'audit.md']);
    expect(result.stdout).toContain('truncated-ending');
    expect(result.stdout).toMatch(/^::error /m);
    const json = JSON.parse(readFileSync(path.join(out, 'audit.json'), 'utf8'));
    expect(json.documents.map((d: { path: string }) => d.path)).toEqual(['a.md', 'b.md']);
  });

  it('produces byte-identical JSON and Markdown on repeated runs', () => {
    const first = run(['corpus', '--format', 'json', '--format', 'markdown', '--fail-on', 'never']);
    const second = run(['corpus', '--format', 'json', '--format', 'markdown', '--fail-on', 'never']);
    expect(second.stdout).toBe(first.stdout);
    expect(first.stdout).not.toContain('generatedAt');
  });

  it('reports an unreadable file and still audits the rest', () => {
    const dir = tempCorpus({ 'a.md': clean, 'b.md': truncated });
    writeFileSync(path.join(dir, 'binary.md'), Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00]));
    const result = run(['.', '--format', 'json', '--fail-on', 'never'], dir);
    const report = JSON.parse(result.stdout);
    expect(report.documents.map((d: { path: string }) => d.path)).toEqual(['a.md', 'b.md', 'binary.md']);
    expect(
      report.findings.some(
        (f: { ruleId: string; path: string }) => f.ruleId === 'unreadable-file' && f.path === 'binary.md',
      ),
    ).toBe(true);
    expect(
      report.findings.some(
        (f: { ruleId: string; path: string }) => f.ruleId === 'truncated-ending' && f.path === 'b.md',
      ),
    ).toBe(true);
  });

  it('npm run audit writes audit-report/audit.{html,md,json} for the demo corpus, outside the source folders', () => {
    execFileSync('npm', ['run', '--silent', 'audit'], { cwd: root, stdio: 'pipe' });
    for (const name of ['audit.html', 'audit.md', 'audit.json'])
      expect(existsSync(path.join(root, 'audit-report', name))).toBe(true);
  });

  it('without paths audits the config include, else the folder minus node_modules, VCS and build folders', () => {
    const dir = tempCorpus({
      'docs/a.md': clean,
      'notes/b.md': clean,
      'node_modules/pkg/readme.md': truncated,
      'dist/c.md': truncated,
      'build/d.md': truncated,
      '.git/e.md': truncated,
    });
    const paths = (cwd: string) =>
      (
        JSON.parse(run(['--format', 'json', '--fail-on', 'never', '--no-cache'], cwd).stdout) as {
          documents: { path: string }[];
        }
      ).documents.map((d) => d.path);
    expect(paths(dir)).toEqual(['docs/a.md', 'notes/b.md']);
    writeFileSync(path.join(dir, 'content-audit.config.json'), JSON.stringify({ include: ['notes/**/*.md'] }));
    expect(paths(dir)).toEqual(['notes/b.md']);
    // The issue's case: --update-baseline in someone's own content folder (no corpus/ there).
    rmSync(path.join(dir, 'content-audit.config.json'));
    const update = run(['--update-baseline', '--no-cache'], dir);
    expect(update.stderr).not.toContain('No such file');
    expect(update.code).toBe(0);
    expect(existsSync(path.join(dir, 'content-audit.baseline.json'))).toBe(true);
  });

  it('fails fast with exit 2 and one line when --out cannot be written, before auditing', () => {
    const dir = tempCorpus({ 'a.md': clean, taken: 'a file, not a folder' });
    const readOnly = path.join(dir, 'ro');
    mkdirSync(readOnly);
    chmodSync(readOnly, 0o555);
    const cases = ['/proc/nope', path.join(dir, 'taken'), path.join(dir, 'taken', 'sub'), path.join(readOnly, 'out')];
    // root ignores folder permissions: the read-only case only applies to other users.
    if (process.getuid?.() === 0) cases.pop();
    for (const out of cases) {
      const started = Date.now();
      const result = spawnSync(process.execPath, [bin, 'a.md', '--out', out, '--no-cache'], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 30_000,
        env: { ...process.env, CI: 'true' },
      });
      expect(result.status, out).toBe(2);
      expect(result.stderr.trim().split('\n'), out).toHaveLength(1);
      expect(result.stderr, out).toMatch(/^content-audit: cannot write the reports to .* \(--out\): /);
      expect(Date.now() - started, out).toBeLessThan(25_000);
    }
  });

  it('turns a file over the per-file time budget into a finding and audits the rest', () => {
    // A shape the parser is still slow on (20 GFM tables of 200 columns × 50 rows of `[c]` references, 40 KB each,
    // 800 KB: micromark's per-cell parse, not cut before parsing; a table of plain cells, code spans, links, emphasis,
    // entities, tags or images, or of 64 KB or more, is read fast by pipeline/markdown-table.ts): far over 1 s.
    const table = `|${'h|'.repeat(200)}\n|${'-|'.repeat(200)}\n${`|${'[c]|'.repeat(200)}\n`.repeat(50)}`;
    const slow = `${table}\n`.repeat(20);
    const dir = tempCorpus({
      'slow.md': slow,
      'ok.md': clean,
      'content-audit.config.json': JSON.stringify({ maxFileSeconds: 1 }),
    });
    const result = run(['.', '--format', 'json', '--no-cache'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('slow.md was still being processed after 1 s (maxFileSeconds)');
    const report = JSON.parse(result.stdout) as {
      documents: { path: string }[];
      findings: { ruleId: string; path: string; message: string }[];
    };
    expect(report.documents.map((d) => d.path)).toEqual(['ok.md', 'slow.md']);
    expect(report.findings).toEqual([
      expect.objectContaining({
        ruleId: 'unreadable-file',
        path: 'slow.md',
        message: expect.stringContaining('per-file time budget'),
      }),
    ]);
  }, 120_000);
});

describe('a corpus large enough for digest workers', () => {
  it('audits 1,100 files on worker threads with the per-file time budget on (heartbeat slots of every worker)', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 1100; i++) {
      files[`a${String(i).padStart(4, '0')}.md`] =
        `# Ferry notes ${i}\n\nThe ferry number ${i} left the harbour at ${i % 24} o'clock with ${i * 3} passengers ` +
        `aboard.\n`;
    }
    const dir = tempCorpus(files);
    try {
      const result = run([dir, '--format', 'json', '--fail-on', 'never', '--no-cache']);
      expect(result.stderr).not.toContain('internal error');
      expect(result.code).toBe(0);
      const report = JSON.parse(result.stdout) as { summary: { documents: number } };
      expect(report.summary.documents).toBe(1100);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

describe('a light main thread', () => {
  // The audit runs on its own thread, which loads the pipeline itself: the CLI's main thread must not load it too
  // (it cost ~0.35 s of every run, most visible on a pull request's few changed files).
  it('importing the CLI loads neither the pipeline, the rules nor the renderers', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ca-light-'));
    try {
      const probe = path.join(dir, 'probe.mjs');
      writeFileSync(
        probe,
        `import { register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
const { port1, port2 } = new MessageChannel();
const seen = [];
port1.on('message', (url) => seen.push(url));
const hooks = 'export async function initialize({ port }) { globalThis.port = port; }' +
  'export async function resolve(s, c, next) { const r = await next(s, c); ' +
  'globalThis.port.postMessage(r.url); return r; }';
register('data:text/javascript,' + encodeURIComponent(hooks), import.meta.url,
  { data: { port: port2 }, transferList: [port2] });
await import(process.argv[2]);
setTimeout(() => { process.stdout.write(JSON.stringify(seen)); port1.close(); }, 200);
`,
      );
      const cli = pathToFileURL(path.join(root, 'dist', 'bin', 'cli.js')).href;
      const result = spawnSync(process.execPath, [probe, cli], { encoding: 'utf8' });
      const loaded = (JSON.parse(result.stdout) as string[]).map((url) => url.replace(/^.*\/dist\//, 'dist/'));
      expect(loaded).toContain('dist/bin/cli.js');
      for (const heavy of ['dist/pipeline/index.js', 'dist/pipeline/rules.js', 'dist/reports/index.js'])
        expect(loaded).not.toContain(heavy);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("shows the pipeline's default baseline file and cache folder", async () => {
    const defaults = await import('../bin/defaults.js');
    expect(defaults.BASELINE_FILE_NAME).toBe((await import('../pipeline/baseline.js')).BASELINE_FILE_NAME);
    expect(defaults.DEFAULT_CACHE_DIR).toBe((await import('../pipeline/cache.js')).DEFAULT_CACHE_DIR);
  });

  it('stops the audit thread it started early when the config is invalid (exit 2, no hang)', () => {
    const dir = tempCorpus({ 'a.md': clean, 'content-audit.config.json': '{"failOn": "sometimes"}' });
    try {
      const result = spawnSync(process.execPath, [bin, 'a.md'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
      expect(result.status, result.stderr).toBe(2);
      expect(result.stderr).toContain('Fix the config file');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
