// Rule name-spelling (pipeline/stages/claims/spelling.ts): one name spelt two ways across the corpus.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { articleFromText } from '../pipeline/article.js';
import { claimFeatures } from '../pipeline/stages/claims/features.js';
import { analyseSpellings } from '../pipeline/stages/claims/index.js';
import { editDistance, reorderedParts } from '../pipeline/stages/claims/spelling.js';

const DIR = join(import.meta.dirname, 'fixtures', 'name-spelling');
const audit = (docs: Record<string, string>) =>
  analyseSpellings(
    Object.entries(docs).map(([path, text]) => ({
      path,
      words: 0,
      features: claimFeatures(articleFromText(path, text)),
    })),
    { options: {}, focus: null },
  );
const fixtures = () =>
  Object.fromEntries(
    readdirSync(DIR)
      .sort()
      .map((f) => [f, readFileSync(join(DIR, f), 'utf8')]),
  );

describe('name-spelling', () => {
  it('measures edits with transpositions', () => {
    expect(editDistance('wagoner', 'waggoner')).toBe(1);
    expect(editDistance('eindhoven', 'einhdoven')).toBe(1);
    expect(editDistance('smith', 'jones')).toBe(3);
  });
  it('reports the minority spelling, listing every spelling with its place', () => {
    const findings = audit(fixtures());
    expect(findings.map((f) => `${f.path}:${f.line}`)).toEqual(['b.txt:3']);
    expect(findings[0].message).toContain('"Rick Waggoner" here, but "Rick Wagoner" (a.txt:3');
    expect(findings[0].related?.map((r) => r.path)).toEqual(['a.txt']);
  });
  it('leaves look-alike people, short forms, demonyms and plurals alone', () => {
    const { 'a.txt': a, 'c.txt': c, 'd.txt': d, 'e.txt': e, 'f.txt': f } = fixtures();
    expect(audit({ 'a.txt': a, 'c.txt': c, 'd.txt': d, 'e.txt': e, 'f.txt': f })).toEqual([]);
    expect(
      audit({
        'x.txt': 'Cup\n\nSouth Africa beat England at Twickenham, coach Jake White said.',
        'y.txt': 'Rugby\n\nThe South African side trained at Twickenham before meeting England, Jake White said.',
        'z.txt': 'Tennis\n\nSerena Williams beat Maria Sharapova at Wimbledon, Richard Williams said.',
        'w.txt': 'Final\n\nMaria Sharapova lost to Serena William at Wimbledon on Saturday.',
      }),
    ).toEqual([]);
  });
  it('leaves two API names made of the same parts in another order alone, and still reports a slip in one', () => {
    expect(reorderedParts('getNameByQName', 'getQNameByName')).toBe(true);
    expect(reorderedParts('readFileSync', 'readFileSnyc')).toBe(false);
    const page = (second: string) => ({
      'api.md':
        '# Registry lookups\n\nThe method `Registry.getKeyByHKey` returns the key that a handle stands for, and the ' +
        `method \`${second}\` returns the handle opened for the given key.`,
    });
    expect(audit(page('Registry.getHKeyByKey'))).toEqual([]);
    expect(audit(page('Registry.getKeyByHKye')).length).toBeGreaterThan(0);
  });
  it('reports a name spelt two ways within one article', () => {
    const findings = audit({
      'p.txt': 'Vote\n\nCharles Clarke, the home secretary, spoke first. Later Charles Clark said the bill was ready.',
    });
    expect(findings.length).toBeGreaterThan(0);
  });
});
