import { describe, expect, it } from 'vitest';
import { articleFromText } from '../pipeline/article.js';
import { identityView, KEPT_IDENTITY, keptIdentityLength, reserveIdentity } from '../pipeline/offset-maps.js';

const ascending = (view: Int32Array, start: number) => view.every((value, i) => value === start + i);

describe('shared offset-map storage', () => {
  it('keeps no identity array larger than KEPT_IDENTITY between documents, and large views still count up', () => {
    reserveIdentity(KEPT_IDENTITY + 1000);
    const large = identityView(KEPT_IDENTITY - 5, 20);
    const far = identityView(KEPT_IDENTITY + 3000, 50);
    const small = identityView(7, 30);
    expect(ascending(large, KEPT_IDENTITY - 5) && ascending(far, KEPT_IDENTITY + 3000) && ascending(small, 7)).toBe(
      true,
    );
    expect([large.length, far.length, small.length]).toEqual([20, 50, 30]);
    expect(keptIdentityLength()).toBeLessThanOrEqual(KEPT_IDENTITY);
  });

  it("leaves an article's maps as they were while later articles fill new chunks", () => {
    // List items inside quotes: their lines lose `>` and indentation, so the maps are chunk slots, not identity views.
    const text = (seed: number) =>
      Array.from({ length: 400 }, (_, i) => `> - item ${seed} ${i} says\n>   more ${i}.\n`).join('\n');
    const first = articleFromText('first.md', text(1));
    const before = first.blocks.map((block) => Array.from(block.sourceOffsets));
    let later = 0;
    for (let k = 2; k < 40; k++)
      for (const block of articleFromText(`later${k}.md`, text(k)).blocks) later += block.sourceOffsets.length;
    expect(later).toBeGreaterThan(2 * (1 << 16));
    expect(first.blocks.map((block) => Array.from(block.sourceOffsets))).toEqual(before);
  });
});
