// Claim extraction through the per-document memo (the incremental cache): same claims back, bad rows re-extracted.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { articleFromText } from '../pipeline/article.js';
import { auditWithDetails } from '../pipeline/index.js';
import type { DocumentMemo } from '../pipeline/stage.js';
import { extractArticle } from '../pipeline/stages/claims/extract.js';
import { extractWithMemo } from '../pipeline/stages/claims/memo.js';

const root = path.resolve(import.meta.dirname, '..');
const text = '# Kestrel\n\nKestrel Biotech, founded in 2009 and based in Leeds, employs 260 people. Its chief executive is Amara Okafor. The Hong Kong Monetary Authority (HKMA) approved it.\n';

function mapMemo(): DocumentMemo & { store: Map<string, unknown> } {
  const store = new Map<string, unknown>();
  return {
    store,
    get: (article, slot, key) => store.get(`${article.path}|${article.source.sha256}|${slot}|${key}`),
    set: (article, slot, key, value) => void store.set(`${article.path}|${article.source.sha256}|${slot}|${key}`, JSON.parse(JSON.stringify(value))),
  };
}

describe('claims extraction memo', () => {
  it('returns exactly what extraction returns, from the memo on the second call', () => {
    const article = articleFromText('a.md', text);
    const memo = mapMemo();
    const first = extractWithMemo(article, 3, memo);
    expect(memo.store.size).toBe(1);
    const second = extractWithMemo(article, 3, memo);
    expect(second).toEqual(extractArticle(article, 3));
    expect(second).toEqual(first);
    expect(second.claims.length).toBeGreaterThan(2);
    // A different position in the corpus is re-indexed, not trusted from the stored row.
    expect(extractWithMemo(article, 7, memo).claims.every((claim) => claim.article === 7)).toBe(true);
  });

  it('re-extracts when the stored value is not a valid extraction', () => {
    const article = articleFromText('a.md', text);
    const memo = mapMemo();
    extractWithMemo(article, 0, memo);
    for (const key of memo.store.keys()) memo.store.set(key, { claims: 'garbage' });
    expect(extractWithMemo(article, 0, memo)).toEqual(extractArticle(article, 0));
  });

  it('gives identical reports with a cold and a warm cache', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ca-claims-memo-'));
    cpSync(path.join(root, 'corpus'), path.join(dir, 'corpus'), { recursive: true });
    const run = () => auditWithDetails({ paths: ['corpus'], cwd: dir, config: {}, cache: { dir: path.join(dir, '.cache') } });
    const cold = await run();
    const warm = await run();
    expect(warm.cache?.ruleHits).toBeGreaterThan(0);
    expect(JSON.stringify(warm.report)).toBe(JSON.stringify(cold.report));
  });
});
