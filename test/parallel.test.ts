// Digests computed on worker threads must equal the in-process ones exactly (the pool runs from the build).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSource } from '../pipeline/load.js';
import type { SourceFile } from '../pipeline/types.js';

const root = path.resolve(import.meta.dirname, '..');
const built = path.join(root, 'dist', 'pipeline', 'parallel.js');
const builtConfig = path.join(root, 'dist', 'pipeline', 'config.js');

function corpus(n: number): SourceFile[] {
  const sources: SourceFile[] = [];
  for (let i = 0; i < n; i++) {
    const md = i % 2 === 0;
    const text = md
      ? `# Article ${i}\n\nThe *council* met on day ${i} and agreed the plan.\r\nIt costs €${i},000 — café naïve. ` +
        `Acme Corp, founded in ${1990 + (i % 30)}, is based in Leeds.\n\n- item one\n- item two\n\n| a | b ` +
        `|\n|---|---|\n| ${i} | x |\n\nThe council will meet again in the\n`
      : `Title ${i}\n\nFirst paragraph of article ${i}, with a curly “quote” and an e\u0301 to compose. It was cut ` +
        `off in the mid\n\n  1. A list item.\n`;
    sources.push(buildSource(`doc-${i}.${md ? 'md' : 'txt'}`, `/tmp/doc-${i}`, Buffer.from(text)).source!);
  }
  return sources;
}

describe.skipIf(!existsSync(built))('digests on worker threads', () => {
  it('match in-process digests exactly (findings, partials, stage features, suppressions)', async () => {
    const { DigestPool, PARALLEL_THRESHOLD } = (await import(built)) as typeof import('../pipeline/parallel.js');
    const { resolveConfig } = (await import(builtConfig)) as typeof import('../pipeline/config.js');
    const config = resolveConfig({});
    const sources = corpus(PARALLEL_THRESHOLD + 250);
    const threaded = new DigestPool(config, { expected: sources.length, threads: 2 });
    const inProcess = new DigestPool(config, { expected: sources.length, threads: 1 });
    expect(threaded.threads).toBe(2);
    expect(inProcess.threads).toBe(1);
    try {
      const [a, b] = await Promise.all([threaded.digest(sources), inProcess.digest(sources)]);
      expect(a).toHaveLength(sources.length);
      expect(a.every((outcome) => 'digest' in outcome)).toBe(true);
      expect(a).toEqual(b);
      // Not vacuous: the rules and stages produced something to compare.
      const digests = a.flatMap((outcome) => ('digest' in outcome ? [outcome.digest] : []));
      expect(digests.some((d) => Object.values(d.ruleDrafts).some((list) => list.length > 0))).toBe(true);
    } finally {
      await threaded.close();
      await inProcess.close();
    }
  });
});

describe.skipIf(!existsSync(built))('a worker that dies', () => {
  for (const crash of ['exit', 'throw'] as const) {
    it(`(${crash}) fails every outstanding and later batch instead of hanging`, async () => {
      const { DigestPool } = (await import(built)) as typeof import('../pipeline/parallel.js');
      const { resolveConfig } = (await import(builtConfig)) as typeof import('../pipeline/config.js');
      const config = { ...resolveConfig({}), crash } as unknown as import('../pipeline/config.js').ResolvedConfig;
      const pool = new DigestPool(config, {
        expected: 5000,
        threads: 2,
        script: path.join(root, 'test', 'fixtures', 'workers', 'crash.mjs'),
      });
      const sources = corpus(60);
      const batches = Array.from({ length: 6 }, () =>
        pool.digest(sources).then(
          () => 'ok',
          (error: Error) => error.message,
        ),
      );
      const results = await Promise.all(batches);
      // A worker's second batch kills it; that fails the pool and rejects everything still outstanding or queued
      // (which batches were already answered depends on timing). Promise.all above settling at all is the point.
      expect(results.filter((r) => r === 'ok').length).toBeLessThanOrEqual(2);
      expect(results.slice(2).every((r) => r !== 'ok')).toBe(true);
      expect(results.join(' ')).toMatch(crash === 'exit' ? /exited \(code 3\)/ : /simulated worker crash/);
      await expect(pool.digest(sources)).rejects.toThrow();
      await pool.close();
    });
  }
});

describe.skipIf(!existsSync(built))('a config that cannot be cloned', () => {
  it('(functions from an .mjs config) keeps the pool in-process instead of failing at worker start', async () => {
    const { DigestPool } = (await import(built)) as typeof import('../pipeline/parallel.js');
    const { resolveConfig } = (await import(builtConfig)) as typeof import('../pipeline/config.js');
    const config = resolveConfig({});
    const withFunction = {
      ...config,
      rules: { ...config.rules, 'keyword-density': { options: { describe: () => 'custom' } } },
    } as typeof config;
    expect(new DigestPool(config, { expected: 5000, threads: 2 }).threads).toBe(2);
    const pool = new DigestPool(withFunction, { expected: 5000, threads: 2 });
    expect(pool.threads).toBe(1);
    const outcomes = await pool.digest(corpus(3));
    expect(outcomes.every((outcome) => 'digest' in outcome)).toBe(true);
    await pool.close();
  });
});
