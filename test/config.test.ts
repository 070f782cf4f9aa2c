// Configuration: file forms and discovery, validation errors (exit 2 naming file, key path, expectation),
// per-rule settings, include/exclude/.content-auditignore, and the generated JSON Schema.
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, describe, expect, it } from 'vitest';
import { configJsonSchema, configSchema, resolveConfig } from '../pipeline/config.js';
import { createAccept } from '../pipeline/ignore.js';
import { audit, loadCorpus } from '../pipeline/index.js';
import type { Report } from '../pipeline/types.js';
import { markerRegistry } from './fixtures/workflow/marker-registry.js';
import { cleanupTempDirs, runCli, tempDir } from './fixtures/workflow/helpers.js';

// The marker rule as the only document rule and no corpus stages, passed in (no module mocks).
const registry = markerRegistry();

afterAll(cleanupTempDirs);

const article = (body: string) => `# Title\n\n${body}\n`;

async function report(args: string[], cwd: string): Promise<Report> {
  const result = await runCli([...args, '--format', 'json', '--no-cache'], cwd, { registry });
  if (result.code === 2) throw new Error(result.stderr);
  return JSON.parse(result.stdout) as Report;
}

describe('validation errors', () => {
  it('names the key path, what was expected and what was found', () => {
    const message = (raw: unknown) => {
      try {
        resolveConfig(raw, 'content-audit.config.json');
      } catch (error) {
        return (error as Error).message;
      }
      return 'valid';
    };
    expect(message({ rules: { marker: 'warn' } })).toBe(
      'Invalid configuration in content-audit.config.json:\n  rules.marker: expected one of "off", "info", ' +
        '"warning", "error", or an object { "severity": ..., ...rule options }, received "warn"',
    );
    expect(message({ rules: { marker: { severity: 'warn' } } })).toMatch(
      /rules\.marker\.severity: .*expected one of "off"\|"info"\|"warning"\|"error", received "warn"/,
    );
    expect(message({ failOn: 'sometimes' })).toMatch(
      /failOn: .*expected one of "error"\|"warning"\|"info"\|"never", received "sometimes"/,
    );
    expect(message({ exclude: 'drafts/**' })).toMatch(/exclude: .*expected array, received string/);
    expect(message({ include: ['ok', 3] })).toMatch(/include\.1: .*expected string, received number/);
    expect(message({ maxFileBytes: 0 })).toMatch(/maxFileBytes: .*received 0/);
    expect(message({ reprots: {} })).toMatch(
      new RegExp(
        String.raw`reprots: unknown key \(expected one of: \$schema, failOn, include, exclude, maxFileBytes, ` +
          String.raw`maxFileSeconds, reports, rules\)`,
      ),
    );
    expect(message({ reports: { colour: true } })).toMatch(
      /reports\.colour: unknown key \(expected one of: markdownMaxBytes, githubAnnotations\)/,
    );
    expect(message({ failOn: 'x', include: 'y' }).split('\n')).toHaveLength(3); // every problem, one line each
  });

  const cases: { name: string; files: Record<string, string>; expect: RegExp[] }[] = [
    {
      name: 'JSON',
      files: { 'content-audit.config.json': JSON.stringify({ rules: { marker: 'loud' } }) },
      expect: [
        /in content-audit\.config\.json/,
        /rules\.marker: expected one of "off", "info", "warning", "error"/,
        /received "loud"/,
      ],
    },
    {
      name: 'YAML',
      files: { 'content-audit.config.yaml': 'failOn: sometimes\n' },
      expect: [/in content-audit\.config\.yaml/, /failOn: .*expected one of "error"\|"warning"\|"info"\|"never"/],
    },
    {
      name: '.yml with a YAML syntax error',
      files: { 'content-audit.config.yml': 'rules: [unclosed\n' },
      expect: [/Cannot parse config .*content-audit\.config\.yml/],
    },
    {
      name: 'package.json field',
      files: { 'package.json': JSON.stringify({ name: 'site', 'content-audit': { excludes: ['x'] } }) },
      expect: [/in package\.json/, /excludes: unknown key/],
    },
    {
      name: '.mjs module',
      files: { 'content-audit.config.mjs': 'export default { maxFileBytes: -5 };\n' },
      expect: [/in content-audit\.config\.mjs/, /maxFileBytes: .*received -5/],
    },
    {
      name: 'unparsable JSON',
      files: { 'content-audit.config.json': '{ "rules": ' },
      expect: [/Cannot parse config .*content-audit\.config\.json/],
    },
    {
      name: 'unknown rule id',
      files: { 'content-audit.config.json': JSON.stringify({ rules: { 'no-such-rule': 'error' } }) },
      expect: [/in content-audit\.config\.json/, /rules\.no-such-rule: unknown rule id \(expected one of: .*marker/],
    },
  ];
  for (const testCase of cases) {
    it(`exits 2 for an invalid ${testCase.name} config, naming the file`, async () => {
      const dir = tempDir({ ...testCase.files, 'corpus/a.md': article('Text.') });
      const result = await runCli(['--no-cache'], dir, { registry });
      expect(result.code).toBe(2);
      for (const pattern of testCase.expect) expect(result.stderr).toMatch(pattern);
      expect(result.stderr).toContain('--no-config');
      expect(result.stdout).toBe('');
    });
  }

  it('--config with a missing file exits 2; --no-config ignores a broken one', async () => {
    const dir = tempDir({ 'content-audit.config.json': '{ broken', 'corpus/a.md': article('Text.') });
    const missing = await runCli(['--config', 'nope.yaml', '--no-cache'], dir, { registry });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Config file not found: .*nope\.yaml/);
    expect((await runCli(['--no-config', '--no-cache'], dir, { registry })).code).toBe(0);
  });
});

describe('config forms and per-rule settings', () => {
  const corpus = { 'corpus/a.md': article('The ferry XXMARK leaves. The tram is on time.') };

  it('is discovered upward from the working directory; --config picks another file', async () => {
    const dir = tempDir({
      ...corpus,
      'content-audit.config.yaml': 'rules:\n  marker: warning\n',
      'alt.json': '{"rules": {"marker": "info"}}',
    });
    const nested = path.join(dir, 'corpus');
    const fromSub = await report(['.'], nested);
    expect(fromSub.findings.map((f) => f.severity)).toEqual(['warning']);
    expect((await report(['--config', 'alt.json'], dir)).findings.map((f) => f.severity)).toEqual(['info']);
  });

  it('reads the package.json "content-audit" field and .mjs configs', async () => {
    const pkg = tempDir({
      ...corpus,
      'package.json': JSON.stringify({ name: 'x', 'content-audit': { rules: { marker: 'off' } } }),
    });
    expect((await report([], pkg)).findings).toEqual([]);
    const mjs = tempDir({
      ...corpus,
      'content-audit.config.mjs': "export default { failOn: 'never', rules: { marker: { word: 'tram' } } };\n",
    });
    const result = await runCli(['--format', 'json', '--no-cache'], mjs, { registry });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).findings.map((f: { message: string }) => f.message)).toEqual([
      'Marker "tram" found.',
    ]);
  });

  it('off | info | warning | error per rule, and options merged over the defaults', async () => {
    const dir = tempDir(corpus);
    const cases: [unknown, string[]][] = [
      [{ rules: { marker: 'off' } }, []],
      [{ rules: { marker: 'info' } }, ['info']],
      [{ rules: { marker: { severity: 'warning' } } }, ['warning']],
      [{ rules: { marker: { word: 'ferry' } } }, ['error']],
    ];
    for (const [config, severities] of cases) {
      const result = await audit({ registry, cwd: dir, config });
      expect(result.findings.map((f) => f.severity)).toEqual(severities);
    }
    const options = await audit({ registry, cwd: dir, config: { rules: { marker: { word: 'ferry' } } } });
    expect(options.findings[0].message).toBe('Marker "ferry" found.');
  });

  it('the API rejects unknown rule ids too', async () => {
    await expect(audit({ registry, cwd: tempDir(corpus), config: { rules: { nope: 'off' } } })).rejects.toThrow(
      /rules\.nope: unknown rule id/,
    );
  });
});

describe('include, exclude and .content-auditignore', () => {
  const files = {
    'content/guide.md': article('XXMARK guide.'),
    'content/drafts/wip.md': article('XXMARK draft.'),
    'content/generated/api.md': article('XXMARK generated.'),
    'content/generated/keep.md': article('XXMARK kept by negation.'),
    'content/notes.txt': article('XXMARK notes.'),
    'other/elsewhere.md': article('XXMARK elsewhere.'),
  };

  it('include globs are the default inputs and filter discovered files', async () => {
    const dir = tempDir({ ...files, 'content-audit.config.json': JSON.stringify({ include: ['content/**/*.md'] }) });
    expect((await report([], dir)).documents.map((d) => d.path)).toEqual([
      'content/drafts/wip.md',
      'content/generated/api.md',
      'content/generated/keep.md',
      'content/guide.md',
    ]);
    // Paths given on the command line are narrowed by include too.
    expect((await report(['content', 'other'], dir)).documents.map((d) => d.path)).not.toContain('other/elsewhere.md');
  });

  it('exclude patterns and the ignore file use gitignore syntax, with negation', async () => {
    const dir = tempDir({
      ...files,
      'content-audit.config.yaml': 'exclude:\n  - drafts/\n  - "*.txt"\n',
      '.content-auditignore': '# generated docs\ncontent/generated/*\n!content/generated/keep.md\n',
    });
    expect((await report(['content'], dir)).documents.map((d) => d.path)).toEqual([
      'content/generated/keep.md',
      'content/guide.md',
    ]);
    // Explicitly named files are filtered as well (lint-staged passes every staged file).
    const explicit = await runCli(
      ['content/drafts/wip.md', 'content/guide.md', '--format', 'json', '--no-cache'],
      dir,
      { registry },
    );
    expect(JSON.parse(explicit.stdout).documents.map((d: { path: string }) => d.path)).toEqual(['content/guide.md']);
  });

  it('filters --compare-with reference files too', async () => {
    const dir = tempDir({
      ...files,
      'drafts/new.md': article('New XXMARK.'),
      '.content-auditignore': 'content/drafts/\ncontent/generated/\n',
    });
    const input = await loadCorpus(
      { registry, cwd: dir, paths: ['drafts/new.md'], compareWith: ['content'] },
      resolveConfig({}),
    );
    expect(input.documents.map((a) => a.path)).toEqual(['drafts/new.md', 'content/guide.md', 'content/notes.txt']);
  });

  it('matches user patterns literally (no regular expressions), with gitignore globbing', async () => {
    const accept = (await createAccept({ cwd: '/nowhere', exclude: ['a+b(1).md', '[x].md'], ignoreFile: false }))!;
    expect(accept('a+b(1).md')).toBe(false);
    expect(accept('aab1.md')).toBe(true); // no regex semantics leak from user patterns
    expect(accept('x.md')).toBe(false); // glob character class, as in .gitignore
    expect(accept('../outside.md')).toBe(true);
    expect(await createAccept({ cwd: '/nowhere', ignoreFile: false })).toBeUndefined();
  });

  it('a folder with every file left out is an error (exit 2); excluded files named one by one are not', async () => {
    const dir = tempDir({ ...files, '.content-auditignore': 'content/\n' });
    const result = await runCli(['content', '--no-cache'], dir, { registry });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('No article files found');
    expect(result.stderr).toContain('5 files were left out by include/exclude/.content-auditignore');
    // lint-staged / pre-commit: a commit that only touches excluded files passes.
    const named = await runCli(['content/guide.md', 'content/notes.txt', '--no-cache'], dir, { registry });
    expect(named.code).toBe(0);
    expect(named.stderr).toContain('all 2 given files are left out');
  });
});

describe('JSON Schema', () => {
  it('accepts and rejects the same configs as the zod schema', () => {
    const ajv = new Ajv2020({ strict: false });
    const validate = ajv.compile(configJsonSchema());
    const samples: unknown[] = [
      {},
      {
        $schema: './node_modules/content-audit/schema/config.schema.json',
        failOn: 'warning',
        include: ['a/**'],
        exclude: ['b'],
        maxFileBytes: 10,
      },
      {
        rules: { marker: 'off', other: { severity: 'info', threshold: 3 } },
        reports: { markdownMaxBytes: 1000, githubAnnotations: 0 },
      },
      { failOn: 'sometimes' },
      { rules: { marker: 'warn' } },
      { rules: { marker: { severity: 'loud' } } },
      { include: 'a' },
      { unknown: true },
      { reports: { other: 1 } },
      { maxFileBytes: 1.5 },
      { maxFileBytes: 0 },
    ];
    for (const sample of samples)
      expect([sample, validate(sample)]).toEqual([sample, configSchema.safeParse(sample).success]);
  });
});
