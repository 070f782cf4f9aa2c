// Fact sentences (claims/facts.ts) are kept for every prose sentence with a value, so their layout is compact: value
// offsets in one flat list, every value made with all its keys in one fixed order (the order they had when the place
// was added to a value after its fields), and the same values as before for every class.
import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { articleFromText } from '../pipeline/article.js';
import { articleFacts } from '../pipeline/stages/claims/facts.js';

const text =
  '# Harbour works\n\nOn Tuesday the Marlow Harbour Trust said the quay would cost £4.5m, about 12% more than in ' +
  'March 2019. Mr Tobias Venn said around 10 August work would start, three weeks late, in 2027.\n\n' +
  'Tobias Venn said the trust had 40 staff.\n';

const PLACE = ['token', 'cls', 'text', 'line', 'column', 'endLine', 'endColumn'];
const OWN: Record<string, string[]> = {
  money: ['num', 'unit', 'precision', 'hedge', 'step'],
  percent: ['num', 'unit', 'precision', 'hedge', 'step'],
  count: ['num', 'unit', 'precision', 'hedge', 'step'],
  year: ['year'],
  date: ['year', 'month', 'day'],
  weekday: ['day'],
  name: ['words', 'org'],
};

describe('fact sentence layout', () => {
  const facts = articleFacts(articleFromText('a.md', text));
  const values = facts.sentences.flatMap((s) => s.values);

  it('finds a value of every class', () => {
    expect(new Set(values.map((v) => v.cls))).toEqual(new Set(Object.keys(OWN)));
  });

  it('keeps value offsets as one flat list that points at each value as written', () => {
    for (const s of facts.sentences) {
      expect(s.spans).toHaveLength(2 * s.values.length);
      s.values.forEach((v, k) => {
        expect(s.text.slice(s.spans[2 * k], s.spans[2 * k + 1])).toBe(v.text);
        expect(s.tokens[v.token]).toBe(`#${v.cls}`);
      });
    }
  });

  it('gives every value its class fields, then its place, then (names) person, in that order', () => {
    for (const v of values) {
      const own = v.cls === 'date' && !('day' in v) ? ['year', 'month'] : OWN[v.cls];
      expect(Object.keys(v)).toEqual([...own, ...PLACE, ...(v.cls === 'name' ? ['person'] : [])]);
    }
    // A hedged day is a guess: the date keeps its month and year only.
    const hedged = values.find((v) => v.cls === 'date' && v.text.includes('August'));
    expect(hedged && 'day' in hedged).toBe(false);
    expect(hedged?.month).toBe(8);
    const venn = values.filter((v) => v.cls === 'name' && v.words?.includes('venn'));
    expect(venn.length).toBeGreaterThan(1);
    expect(venn.every((v) => v.person === true && v.org === false)).toBe(true);
  });

  it('round-trips through v8 serialisation unchanged', () => {
    expect(deserialize(serialize(facts))).toEqual(facts);
  });
});
