// Conflict recall/precision over the planted fixtures in test/fixtures/claims/*/expected.json.
import { describe, expect, it } from 'vitest';
import { scoreAll } from './fixtures/claims/score.js';

describe('claims quality on planted fixtures', () => {
  it('finds planted conflicts (recall ≥ 0.85) without flagging compatible variations (precision ≥ 0.9)', () => {
    const r = scoreAll();
    for (const s of r.sets) {
      for (const m of s.missed) console.log(`missed   ${s.set}: ${m}`);
      for (const m of s.spurious) console.log(`spurious ${s.set}: ${m}`);
    }
    console.log(
      `claims fixtures: ${r.sets.length} sets, ${r.planted} planted conflicts, ${r.compatible} compatible variations ` +
        `— ` +
        `recall ${r.recall.toFixed(3)}, precision ${r.precision.toFixed(3)} (tp ${r.tp}, fn ${r.fn}, fp ${r.fp})`,
    );
    expect(r.planted).toBeGreaterThanOrEqual(30);
    expect(r.compatible).toBeGreaterThanOrEqual(30);
    expect(r.recall).toBeGreaterThanOrEqual(0.85);
    expect(r.precision).toBeGreaterThanOrEqual(0.9);
  });
});
