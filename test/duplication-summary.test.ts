// The corpus-wide share of text found in another article is in the JSON summary (Siteliner's "duplicate content").
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../pipeline/index.js';

const cwd = path.resolve(__dirname, 'fixtures');

describe('summary.foundElsewhere', () => {
  it('equals duplicates.foundElsewhere.share, and the word-weighted mean of the per-article shares', async () => {
    const report = await audit({ cwd, paths: ['duplicates'], cache: false });
    const found = report.duplicates.foundElsewhere!;
    expect(report.summary.foundElsewhere).toBe(found.share);
    expect(found.share).toBeGreaterThan(0);
    expect(found.share).toBeLessThan(1);
    const words = new Map(report.documents.map((d) => [d.path, d.words]));
    const total = report.documents.reduce((sum, d) => sum + d.words, 0);
    const shared = found.documents.reduce((sum, d) => sum + d.share * words.get(d.path)!, 0);
    expect(Math.abs(found.share - shared / total)).toBeLessThan(0.01);
  });

  it('is absent when the duplication stage does not run', async () => {
    const rules = { 'near-duplicate': 'off', 'similar-content': 'off', 'copied-passage': 'off' };
    const report = await audit({ cwd, paths: ['duplicates/base'], cache: false, config: { rules } });
    expect(report.summary).not.toHaveProperty('foundElsewhere');
  });
});
