// The linear edit map (pipeline/markdown-edit-map.ts): the same events as upstream's consume on random edits, micromark
// really uses it while the pipeline parses, and a file of many block quotes or list items (with or without tables) is
// parsed with bounded work per byte, flat as it grows 4-fold — where upstream's consume copied every event so far at
// each closing (event reads, not time).
import fc from 'fast-check';
import { EditMap } from 'micromark-util-edit-map';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS helper shared with the benchmark
import { makeShape } from '../bench/shapes.js';
import { createMarkdownParser } from '../pipeline/markdown.js';
import * as editMap from '../pipeline/markdown-edit-map.js';
import { workPerByte } from './helpers/parse-work.js';
import { tree } from './helpers/markdown-trees.js';

const upstream = createMarkdownParser({ guard: false });
const pipeline = createMarkdownParser({ engine: 'micromark' });

type Edit = [number, number, string[], boolean];

/** The events after applying `edits` (at, remove, add, before) to `events` with the given consume. */
function apply(events: string[], edits: Edit[], consume: (events: unknown[]) => void): string[] {
  const map = new EditMap();
  // (A copy of each `add`: the edit map appends to the arrays it is given.)
  for (const [at, remove, add, before] of edits) {
    if (before) map.addBefore(at, remove, [...add] as never);
    else map.add(at, remove, [...add] as never);
  }
  const copy = [...events];
  consume.call(map, copy);
  return copy;
}

const quotes = (size: number) =>
  '> the minister said on tuesday that prices\n> rose sharply in the capital\n\n'.repeat(Math.ceil(size / 75));
const items = (size: number) =>
  '- the minister said on tuesday that prices\n  rose sharply in the capital\n\n'.repeat(Math.ceil(size / 75));
const lazy = (size: number) => '> a quote\nand its lazy line\n\n- item\nlazy too\n\n'.repeat(Math.ceil(size / 45));

describe('linear edit map', () => {
  it('gives the same events as upstream consume on random edits', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 }).chain((length) =>
          fc.record({
            events: fc.constant(Array.from({ length }, (_, i) => `e${i}`)),
            edits: fc.array(
              fc.tuple(
                fc.integer({ min: 0, max: length }),
                fc.integer({ min: 0, max: 6 }),
                fc.array(fc.constantFrom('x', 'y', 'z'), { maxLength: 3 }),
                fc.boolean(),
              ),
              { maxLength: 5 },
            ),
          }),
        ),
        ({ events, edits }) => {
          expect(apply(events, edits as Edit[], editMap.consumeTail as never)).toEqual(
            apply(events, edits as Edit[], editMap.upstreamConsume as never),
          );
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('is what micromark uses while the pipeline parses, and only then', () => {
    const before = editMap.linearConsumes;
    upstream.parse(quotes(2000));
    expect(editMap.linearConsumes).toBe(before);
    pipeline.parse(quotes(2000));
    expect(editMap.linearConsumes).toBeGreaterThan(before + 10);
    expect(EditMap.prototype.consume).toBe(editMap.upstreamConsume);
  });

  it('gives the upstream tree on many quotes, list items, lazy lines and tables in them', () => {
    for (const text of [
      quotes(3000),
      items(3000),
      lazy(3000),
      makeShape('table-in-quote', 6000) as string,
      makeShape('table-in-list', 6000) as string,
    ]) {
      expect(tree(pipeline, text)).toBe(tree(upstream, text));
    }
  });

  // (Event reads per byte with the linear consume, outside vitest: 0.7–1.3 for the table shapes, 3.7–12 for the others,
  // flat; with upstream's consume, tables in quotes go 1.4 → 4.0 → 12 from 20 KB to 80 KB and 320 KB.)
  it('parses many quotes and list items with bounded work per byte, flat as the file grows 4-fold', () => {
    for (const make of [
      quotes,
      items,
      lazy,
      (size: number) => makeShape('table-in-quote', size) as string,
      (size: number) => makeShape('table-in-list', size) as string,
    ]) {
      const small = make(20_000);
      const large = make(80_000);
      const options = { guard: true, fastTables: true, linearEditMap: true };
      const work = workPerByte(small, options);
      const largeWork = workPerByte(large, options);
      expect(work).toBeLessThan(40);
      expect(largeWork).toBeLessThan(1.25 * work + 0.5);
    }
  });
});
