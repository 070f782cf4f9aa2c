// Facts keyed by time and modality (pipeline/stages/claims/time.ts): different periods, a forecast against a result,
// a segment's growth and an office's location are never conflicts; a plain headcount conflict still is.
import { describe, expect, it } from 'vitest';
import { analyseClaims } from '../pipeline/stages/claims/index.js';
import { clauseAround, figureTime, timedAttribute } from '../pipeline/stages/claims/time.js';
import { loadSet } from './fixtures/claims/score.js';

describe('time and modality of figures', () => {
  it('reads the period and modality from the figure’s own clause', () => {
    const at = (s: string, figure: string, year?: number) =>
      figureTime(s, s.indexOf(figure), s.indexOf(figure) + figure.length, year);
    expect(at('The economy grew 0.2% in the third quarter.', '0.2%')).toEqual({ span: 'quarter' });
    expect(at('Revenue was $5bn in 2004, up from $4bn in 2003.', '$5bn')).toEqual({ year: '2004' });
    expect(at('Revenue was $5bn in 2004, up from $4bn in 2003.', '$4bn')).toEqual({ year: '2003' });
    expect(at('It expects revenue of $4.2bn next year.', '$4.2bn', 2005)).toEqual({ year: '2006', expected: true });
    expect(at('It expects revenue of $4.2bn next year.', '$4.2bn')).toEqual({ year: 'next year', expected: true });
    expect(at('The fund, set up in 1998, has an endowment of $500 million.', '$500 million')).toEqual({});
    expect(at('Acme, which employs 5,000 people, will cut 500 jobs.', '5,000')).toEqual({});
    expect(at('Sales in May rose 4%.', '4%').expected).toBeUndefined();
  });
  it('keys the attribute by time without repeating a written year', () => {
    expect(timedAttribute('revenue (2004)', { year: '2004', span: 'quarter' })).toBe('revenue (2004, quarter)');
    expect(timedAttribute('revenue', { expected: true })).toBe('revenue (expected)');
    expect(timedAttribute('employees', {})).toBe('employees');
  });
  it('cuts the clause at contrasts and at the first comma after the figure', () => {
    const s = 'Profit rose 5% while costs fell 2%, the firm said.';
    expect(clauseAround(s, s.indexOf('2%'), s.indexOf('2%') + 2).trim()).toBe('costs fell 2%');
  });
  it('reports only the headcount conflict in the periods fixture', () => {
    const { result } = analyseClaims(loadSet('periods'), { options: {}, focus: null });
    expect(result.conflicts.map((c) => `${c.subject} | ${c.attribute}`)).toEqual(['Harbin Motors | employees']);
  });
});
