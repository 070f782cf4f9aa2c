// The rule registry (pipeline/registry.ts): rule options validated when the config loads (exit 2, key path and
// expectation, before any file is read), the generated JSON Schema covering every rule's options, and parity between
// the registry, the docs and the fixtures.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../pipeline/config.js';
import { fullConfigJsonSchema } from '../pipeline/config-schema.js';
import { articleFromText, audit, auditArticles, ConfigError } from '../pipeline/index.js';
import { registeredRules, validateRules } from '../pipeline/registry.js';
import { allRules } from '../pipeline/rules.js';
import { cleanupTempDirs, runCli, tempDir } from './fixtures/workflow/helpers.js';

afterAll(cleanupTempDirs);

const root = path.resolve(import.meta.dirname, '..');

/** The message of the ConfigError a raw config raises (resolveConfig + registry validation), or 'valid'. */
function problems(raw: unknown): string {
  try {
    validateRules(resolveConfig(raw, 'content-audit.config.json'));
  } catch (error) {
    return (error as Error).message;
  }
  return 'valid';
}

describe('rule options are validated up front', () => {
  it('near-duplicate.jaccard: 2 is a config error (exit 2) before a file is read, not an internal error', async () => {
    const dir = tempDir({
      'content-audit.config.json': JSON.stringify({ rules: { 'near-duplicate': { jaccard: 2 } } }),
    });
    // The path does not exist: had the corpus been looked at first, the error would be about the path.
    const result = await runCli(['no-such-folder', '--no-cache'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('rules.near-duplicate.jaccard');
    expect(result.stderr).toMatch(/expected number to be <=1, received 2/);
    expect(result.stderr).not.toMatch(/internal error|Please report/i);
    expect(result.stderr).not.toContain('no-such-folder');
  });

  it('the API rejects it before reading: no progress was reported', async () => {
    const dir = tempDir({ 'a.md': '# A\n\nText.\n' });
    const stages: string[] = [];
    await expect(
      audit({
        cwd: dir,
        config: { rules: { 'near-duplicate': { jaccard: 2 } } },
        onProgress: (stage) => stages.push(stage),
      }),
    ).rejects.toThrow(/rules\.near-duplicate\.jaccard/);
    expect(stages).toEqual([]);
  });

  it('auditArticles (the in-memory API) validates too: a ConfigError, not an internal error from the stage', () => {
    const input = {
      articles: [articleFromText('a.md', '# A\n\nText.\n')],
      focus: null,
      loadDrafts: [],
      unreadable: [],
    };
    expect(() => auditArticles(input, resolveConfig({ rules: { 'near-duplicate': { jaccard: 2 } } }))).toThrow(
      ConfigError,
    );
  });

  it('unknown option names and wrong types name the key path and the expectation', () => {
    expect(problems({ rules: { 'near-duplicate': { jacard: 0.4 } } })).toMatch(
      new RegExp(
        String.raw`^Invalid configuration in content-audit\.config\.json:\n {2}rules\.near-duplicate\.jacard: ` +
          String.raw`unknown option \(expected one of: severity, jaccard, containment,`,
      ),
    );
    expect(problems({ rules: { 'keyword-density': { keywords: 'ai' } } })).toBe(
      'Invalid configuration in content-audit.config.json:\n  rules.keyword-density.keywords: Invalid input: ' +
        'expected array, received string',
    );
    expect(problems({ rules: { 'truncated-ending': { severity: 'warning', ellipsis: 'no' } } })).toMatch(
      /rules\.truncated-ending\.ellipsis: .*expected boolean, received string/,
    );
    expect(problems({ rules: { 'truncated-ending': { allowEndings: ['(unclosed'] } } })).toMatch(
      /rules\.truncated-ending\.allowEndings\.0: expected a valid regular expression, received "\(unclosed"/,
    );
    expect(problems({ rules: { 'unused-suppression': { foo: 1 } } })).toMatch(
      /rules\.unused-suppression\.foo: unknown option \(this rule has no options besides severity\)/,
    );
    expect(problems({ rules: { 'no-such-rule': 'off' } })).toMatch(
      /rules\.no-such-rule: unknown rule id \(expected one of: changed-fact, claim-conflict,/,
    );
    // Several problems: one line each.
    expect(
      problems({ rules: { mojibake: { includeCode: 1 }, 'copied-passage': { minWords: -1 } } }).split('\n'),
    ).toHaveLength(3);
  });

  it(
    'accepts every rule with its defaults, severities alone, and claim-conflict.verifier (an option without a ' +
      'default)',
    () => {
      const rules = Object.fromEntries(
        registeredRules().map((rule) => [rule.id, { severity: 'warning', ...rule.defaults }]),
      );
      expect(problems({ rules })).toBe('valid');
      expect(
        problems({
          rules: { 'near-duplicate': 'off', 'claim-conflict': { verifier: { url: 'https://example.test/verify' } } },
        }),
      ).toBe('valid');
      expect(problems({ rules: { 'claim-conflict': { verifier: false } } })).toBe('valid');
    },
  );
});

describe('JSON Schema (schema/config.schema.json)', () => {
  it('is up to date with the config and the registry (run node scripts/generate-schema.mjs)', () => {
    const committed = readFileSync(path.join(root, 'schema', 'config.schema.json'), 'utf8');
    expect(committed).toBe(`${JSON.stringify(fullConfigJsonSchema(), null, 2)}\n`);
  });

  it("covers every rule's options and accepts and rejects the same configs as the validation", () => {
    const schema = fullConfigJsonSchema();
    const ruleEntries = (schema.properties as Record<string, { properties: Record<string, unknown> }>).rules.properties;
    expect(Object.keys(ruleEntries).sort()).toEqual(allRules.map((rule) => rule.id).sort());
    const validate = new Ajv2020({ strict: false }).compile(schema);
    const samples: unknown[] = [
      {},
      { rules: { 'near-duplicate': { jaccard: 0.4 }, 'keyword-density': { keywords: ['ai'] }, mojibake: 'off' } },
      { rules: { 'near-duplicate': { jaccard: 2 } } },
      { rules: { 'near-duplicate': { jacard: 0.4 } } },
      { rules: { 'keyword-density': { keywords: 'ai' } } },
      { rules: { 'spliced-keyword': { commercialTerms: { verticals: ['loans'] } } } },
      { rules: { 'spliced-keyword': { commercialTerms: { other: ['loans'] } } } },
      { rules: { 'claim-conflict': { severity: 'error', aliases: { NASA: ['the agency'] } } } },
      { rules: { 'no-such-rule': 'off' } },
      { rules: { 'dropped-words': { severity: 'loud' } } },
    ];
    for (const sample of samples) expect([sample, validate(sample)]).toEqual([sample, problems(sample) === 'valid']);
  });
});

/**
 * Every rule has test/fixtures/<id>/ (document rules and name-spelling: their fixture suites; the other corpus-stage
 * and pipeline rules: labelled positive/ and negative/ folders, checked below).
 */
describe('parity: registry, docs, fixtures, schema', () => {
  const rules = registeredRules();
  it('the registry lists the same rules as pipeline/rules.ts', () => {
    expect(rules.map((rule) => rule.id)).toEqual(allRules.map((rule) => rule.id));
  });
  for (const rule of rules) {
    it(`${rule.id}: a doc page, a fixture folder, a schema entry`, () => {
      expect(existsSync(path.join(root, rule.docs)), rule.docs).toBe(true);
      expect(existsSync(path.join(root, 'test', 'fixtures', rule.id)), `test/fixtures/${rule.id}`).toBe(true);
      const schema = fullConfigJsonSchema() as { properties: { rules: { properties: Record<string, unknown> } } };
      expect(schema.properties.rules.properties[rule.id]).toBeDefined();
    });
  }
});

/**
 * Corpus-stage and pipeline rules: test/fixtures/<id>/positive gets at least one finding of the rule, negative/ (clean
 * articles) none at all, with the default config. (Document rules, and name-spelling, have fixture suites and tests of
 * their own.)
 */
describe('labelled fixture folders (test/fixtures/<rule id>/positive, negative)', () => {
  // name-spelling: a corpus rule with a fixture suite of its own (test/name-spelling.test.ts).
  const ownSuites = new Set(['name-spelling']);
  const labelled = registeredRules().filter((rule) => rule.kind !== 'document' && !ownSuites.has(rule.id));
  for (const rule of labelled) {
    it(`${rule.id}: positive/ reports it, negative/ reports nothing`, async () => {
      const cwd = path.join(root, 'test', 'fixtures', rule.id);
      const positive = await audit({ cwd, paths: ['positive'], config: {}, cache: false, ignoreFile: false });
      expect(positive.summary.byRule[rule.id] ?? 0, `${rule.id} in positive/`).toBeGreaterThan(0);
      const negative = await audit({ cwd, paths: ['negative'], config: {}, cache: false, ignoreFile: false });
      expect(negative.findings, `negative/`).toEqual([]);
    });
  }
});
