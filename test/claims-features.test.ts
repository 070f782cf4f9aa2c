// Claim features (CorpusStage.extract): what the incremental cache stores for claims gives back exactly what extraction
// gives, survives v8 serialisation, and a bad value is refused, never trusted.
import { cpSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { afterAll, describe, expect, it } from 'vitest';
import { articleFromText } from '../pipeline/article.js';
import { resolveConfig } from '../pipeline/config.js';
import { digestPlan } from '../pipeline/digest.js';
import { auditWithDetails } from '../pipeline/index.js';
import { extractArticle } from '../pipeline/stages/claims/extract.js';
import { articleClaims, claimFeatures } from '../pipeline/stages/claims/features.js';
import { removeTempDirs, tempDir } from './helpers/temp-dirs.js';

afterAll(removeTempDirs);

const root = path.resolve(import.meta.dirname, '..');
const text =
  '# Kestrel\n\nKestrel Biotech, founded in 2009 and based in Leeds, employs 260 people. Its chief executive is ' +
  'Amara Okafor. The Hong Kong Monetary Authority (HKMA) approved it.\n';

describe('claim features', () => {
  it('round-trip through v8 serialisation to exactly what extraction returns, at any index', () => {
    const article = articleFromText('a.md', text);
    const stored = deserialize(serialize(claimFeatures(article)));
    const document = { path: 'a.md', words: article.words, features: stored };
    expect(articleClaims(document, 3)).toEqual(extractArticle(article, 3));
    expect(articleClaims(document, 3).claims.length).toBeGreaterThan(2);
    // The place in the corpus comes from the run, not from the stored value.
    expect(articleClaims(document, 7).claims.every((claim) => claim.article === 7)).toBe(true);
  });

  it('refuses features that do not validate', () => {
    expect(() => articleClaims({ path: 'a.md', words: 1, features: { claims: 'garbage' } }, 0)).toThrow(
      /do not validate/,
    );
  });

  it('gives identical reports with a cold and a warm cache', async () => {
    const dir = tempDir('ca-claims-memo-');
    cpSync(path.join(root, 'corpus'), path.join(dir, 'corpus'), { recursive: true });
    const run = () =>
      auditWithDetails({ paths: ['corpus'], cwd: dir, config: {}, cache: { dir: path.join(dir, '.cache') } });
    const cold = await run();
    const warm = await run();
    expect(warm.cache?.hits).toBe(5);
    expect(JSON.stringify(warm.report)).toBe(JSON.stringify(cold.report));
  });

  it('is neither extracted nor run when all four claim rules are off', async () => {
    const off = resolveConfig({
      rules: { 'claim-conflict': 'off', 'single-source-claim': 'off', 'changed-fact': 'off', 'name-spelling': 'off' },
    });
    expect(digestPlan(off).stages.map((stage) => stage.name)).toEqual(['duplication']);
    expect(digestPlan(resolveConfig({ rules: { 'claim-conflict': 'off' } })).stages.map((stage) => stage.name)).toEqual(
      ['duplication', 'claims'],
    );
    const { report } = await auditWithDetails({ paths: ['corpus'], cwd: root, config: off });
    expect(report.claims).toEqual({ conflicts: [], entities: [] });
    expect(
      report.findings.filter(
        (f) => f.ruleId.includes('claim') || f.ruleId === 'changed-fact' || f.ruleId === 'name-spelling',
      ),
    ).toEqual([]);
  });
});
