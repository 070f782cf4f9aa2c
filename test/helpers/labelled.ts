// Labelled fixtures carry their expectation in their folder: test/fixtures/<rule-id>/{positive,negative}/*.{md,txt}.
// One scorer for every detector: a positive counts as found with ≥ 1 finding; a negative with any finding is a false
// alarm.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';

export interface LabelledFile {
  /** Repo-relative path with the real extension (so the right parser is used). */
  path: string;
  file: string;
  bytes: Buffer;
}

const root = path.resolve(import.meta.dirname, '..', '..');

export function labelledFixtures(ruleId: string): { positives: LabelledFile[]; negatives: LabelledFile[] } {
  const list = (label: 'positive' | 'negative') => {
    const dir = path.join(root, 'test', 'fixtures', ruleId, label);
    return readdirSync(dir)
      .filter((file) => /\.(md|txt)$/.test(file))
      .sort()
      .map((file) => ({
        file,
        path: path.posix.join('test/fixtures', ruleId, label, file),
        bytes: readFileSync(path.join(dir, file)),
      }));
  };
  return { positives: list('positive'), negatives: list('negative') };
}

export interface Quality {
  precision: number;
  recall: number;
  truePositives: number;
  falsePositives: number;
  falseFindings: number;
  missed: string[];
  falseAlarms: string[];
}

/** Score a detector: `findings` gives the messages it reports for one fixture. */
export function scoreDetector(
  fixtures: { positives: LabelledFile[]; negatives: LabelledFile[] },
  findings: (fixture: LabelledFile) => { message: string }[],
): Quality {
  const positives = fixtures.positives.map((f) => ({ f, found: findings(f) }));
  const negatives = fixtures.negatives.map((f) => ({ f, found: findings(f) }));
  const truePositives = positives.filter((p) => p.found.length > 0).length;
  const falsePositives = negatives.filter((n) => n.found.length > 0).length;
  return {
    truePositives,
    falsePositives,
    precision: truePositives + falsePositives === 0 ? 0 : truePositives / (truePositives + falsePositives),
    recall: positives.length ? truePositives / positives.length : 0,
    falseFindings: negatives.reduce((sum, n) => sum + n.found.length, 0),
    missed: positives.filter((p) => p.found.length === 0).map((p) => p.f.file),
    falseAlarms: negatives.filter((n) => n.found.length > 0).map((n) => `${n.f.file}: ${n.found[0].message}`),
  };
}

/**
 * Print the measurement and assert the bars: ≥ 40/40 fixtures, precision ≥ 0.95, recall ≥ 0.9, ≤ 1 false
 * finding per 50 clean articles.
 */
export function expectQuality(
  ruleId: string,
  fixtures: { positives: LabelledFile[]; negatives: LabelledFile[] },
  quality: Quality,
  note = '',
): void {
  console.log(
    `${ruleId}: ${fixtures.positives.length} positives, ${fixtures.negatives.length} negatives; ` +
      `precision ${quality.precision.toFixed(3)}, ` +
      `recall ${quality.recall.toFixed(3)}, false findings ${quality.falseFindings}${note}` +
      (quality.missed.length ? `\n  missed: ${quality.missed.join(', ')}` : '') +
      (quality.falseAlarms.length ? `\n  false alarms: ${quality.falseAlarms.join('; ')}` : ''),
  );
  expect(fixtures.positives.length).toBeGreaterThanOrEqual(40);
  expect(fixtures.negatives.length).toBeGreaterThanOrEqual(40);
  expect(quality.precision).toBeGreaterThanOrEqual(0.95);
  expect(quality.recall).toBeGreaterThanOrEqual(0.9);
  expect(quality.falseFindings / fixtures.negatives.length).toBeLessThanOrEqual(1 / 50);
}
