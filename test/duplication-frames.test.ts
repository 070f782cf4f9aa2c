// similar-content leaves out the wording around a template's slot (pipeline/stages/duplication/frames.ts): two
// reference pages on sibling subjects fill one template's sentences with their own subject word, a spun version keeps
// its source's subject and rewords around it.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditPairFixture } from './helpers/duplication-run.js';
import { bordersSlot } from '../pipeline/stages/duplication/frames.js';
import { phraseTokens, sharedRuns } from '../pipeline/stages/duplication/phrasing.js';

const siblings = path.resolve(import.meta.dirname, 'fixtures/duplicates-sibling-frames');
const key = (p: { a: string; b: string }) => [p.a, p.b].sort().join('|');

describe('duplication: frame wording around a template slot', () => {
  it('reports the spun page, not the sibling page written to the same template', () => {
    const { labels, result, internals } = auditPairFixture(siblings);
    const kinds = new Map(result.pairs.map((p) => [key(p), p.kind]));
    for (const p of labels.pairs) expect(kinds.get(key(p)), key(p)).toBe(p.kind);
    for (const p of labels.negatives) expect(kinds.has(key(p)), key(p)).toBe(false);
    // DROP BUCKET ~ DROP MIRROR passes the outline: cosine above the gate, nine sentences in order over more than 45 %
    // of each page, no figures. Every run they share leads into "bucket" / "mirror" or goes on from it.
    const pair = internals!.tier2.find((m) => key(m) === 'drop-bucket.md|drop-mirror.md')!;
    expect(pair.cosine).toBeGreaterThanOrEqual(0.42);
    expect(pair.paraphrased).toBeGreaterThanOrEqual(4);
    expect(Math.min(pair.coverage, pair.longerCoverage)).toBeGreaterThanOrEqual(0.3);
    expect(pair.frames).toBeGreaterThanOrEqual(3);
    expect(pair.phrased).toBe(0);
    // The spun page replaces "removes" by "deletes" throughout: the runs next to that word go, the rest stay.
    const spin = internals!.tier2.find((m) => key(m) === 'drop-bucket-spun.md|drop-bucket.md')!;
    expect(spin.reported).toBe(true);
    expect(spin.phrased).toBeGreaterThanOrEqual(5);
  });

  it('takes a run for frame wording only where the sentences part into the two slot words', () => {
    const runs = sharedRuns(
      phraseTokens('Refuse to drop the bucket while any archive is still stored in it.'),
      phraseTokens('Refuse to drop the mirror while any schedule still pushes changes to it.'),
    );
    const lead = runs.find((r) => r.text === 'refuse to drop the')!;
    expect(lead.after).toEqual(['bucket', 'mirror']);
    expect(bordersSlot(lead, { a: new Set(['bucket']), b: new Set(['mirror']) })).toBe(true);
    // Stemmed: "buckets" fills the slot "bucket" does.
    expect(
      bordersSlot({ ...lead, after: ['buckets', 'mirrors'] }, { a: new Set(['bucket']), b: new Set(['mirror']) }),
    ).toBe(true);
    // Other slot words, or only one side parting into its slot word: the page's own wording.
    expect(bordersSlot(lead, { a: new Set(['archive']), b: new Set(['schedule']) })).toBe(false);
    expect(
      bordersSlot({ ...lead, after: ['bucket', 'archive'] }, { a: new Set(['bucket']), b: new Set(['mirror']) }),
    ).toBe(false);
  });
});
