// Unit tests of the claims stage: value grammar, name chunking, acronyms, extraction patterns, entity resolution,
// focus mode and the single-source bound.
import { describe, expect, it } from 'vitest';
import { articleFromText } from '../pipeline/article.js';
import { analyseClaims, claimsStage } from '../pipeline/stages/claims/index.js';
import { extractArticle } from '../pipeline/stages/claims/extract.js';
import { findNames, isExpansionOf, nameKey } from '../pipeline/stages/claims/names.js';
import { EntityResolver } from '../pipeline/stages/claims/resolve.js';
import { datesCompatible, parseDate, parseQuantity, quantitiesCompatible } from '../pipeline/stages/claims/values.js';

const claimsOf = (text: string, path = 'x.md') =>
  extractArticle(articleFromText(path, text), 0).claims.map((c) => `${c.subject} | ${c.attribute}${c.qualifier ? ` ${c.qualifier}` : ''} | ${c.value}`);
const run = (docs: Record<string, string>, focus: string[] | null = null, options = {}) =>
  analyseClaims(
    Object.entries(docs).map(([p, t]) => articleFromText(p, t)),
    { options, focus: focus ? new Set(focus) : null },
  );

describe('values', () => {
  it('treats rounding, hedges and spellings of the same figure as compatible', () => {
    const q = (s: string) => parseQuantity(s)!;
    expect(quantitiesCompatible(q('about 3,000'), q('3,012'))).toBe(true);
    expect(quantitiesCompatible(q('3,000'), q('3,012'))).toBe(true);
    expect(quantitiesCompatible(q('$2bn'), q('$2 billion'))).toBe(true);
    expect(quantitiesCompatible(q('more than 15,000'), q('16,000'))).toBe(true);
    expect(quantitiesCompatible(q('3,000'), q('4,500'))).toBe(false);
    expect(quantitiesCompatible(q('12%'), q('15 per cent'))).toBe(false);
    expect(quantitiesCompatible(q('HK$2bn'), q('US$2bn'))).toBe('undecidable');
    expect(q('HK$2 billion')).toMatchObject({ value: 2e9, unit: 'HKD' });
  });
  it('compares dates by year, then month', () => {
    expect(datesCompatible(parseDate('2014')!, parseDate('early 2014')!)).toBe(true);
    expect(datesCompatible(parseDate('March 2014')!, parseDate('2014')!)).toBe(true);
    expect(datesCompatible(parseDate('March 2014')!, parseDate('May 2014')!)).toBe(false);
    expect(datesCompatible(parseDate('2014')!, parseDate('2015')!)).toBe(false);
  });
});

describe('names', () => {
  it('chunks institution names with of/and/& but not lists of companies', () => {
    const names = (s: string) => findNames(s).map((n) => n.text);
    expect(names('The Hong Kong University of Science and Technology (HKUST) works with Tencent and Alibaba.')).toEqual([
      'Hong Kong University of Science and Technology',
      'HKUST',
      'Tencent',
      'Alibaba',
    ]);
    expect(names('It joined the Hong Kong Science and Technology Parks Corporation and the AI & Data Laboratory.')).toEqual([
      'Hong Kong Science and Technology Parks Corporation',
      'AI & Data Laboratory',
    ]);
    expect(names("CUHK's lab and Singapore-based Grab")).toEqual(['CUHK', 'Singapore', 'Grab']);
  });
  it('normalises case, diacritics, possessives, "the", "&" and legal suffixes into one key', () => {
    expect(nameKey('The Zürich Café Ltd')).toBe(nameKey('zurich cafe'));
    expect(nameKey("SenseTime's")).toBe(nameKey('SenseTime'));
    expect(nameKey('Science & Technology')).toBe(nameKey('Science and Technology'));
  });
  it('validates acronyms against their long forms', () => {
    expect(isExpansionOf('HKUST', 'Hong Kong University of Science and Technology')).toBe(true);
    expect(isExpansionOf('PolyU', 'Hong Kong Polytechnic University')).toBe(true);
    expect(isExpansionOf('CUHK', 'Hong Kong University of Science and Technology')).toBe(false);
  });
});

describe('extraction patterns', () => {
  it('founding and launch facts, passive, appositive, participial and active', () => {
    expect(claimsOf('Acme Robotics, founded in 2014 by Jane Doe and John Roe, makes forklifts.')).toEqual(
      expect.arrayContaining(['Acme Robotics | founded | 2014', 'Acme Robotics | founded by | Jane Doe, John Roe']),
    );
    expect(claimsOf('Launched by the Harbour Trust in early 2019, the Pier Lab is a collaboration with Beta Labs.')).toEqual(
      expect.arrayContaining(['Pier Lab | launched by | Harbour Trust', 'Pier Lab | launched | early 2019', 'Pier Lab | collaboration with | Beta Labs']),
    );
    expect(claimsOf('Solvex Pharma acquired Verdant Genomics in 2019 for $900 million.')).toEqual(
      expect.arrayContaining(['Verdant Genomics | acquired by | Solvex Pharma', 'Verdant Genomics | acquired | 2019', 'Verdant Genomics | acquisition price | $900 million']),
    );
    expect(claimsOf('SenseTime, founded in Hong Kong, makes cameras.')).toEqual(['SenseTime | founding place | Hong Kong']);
  });
  it('locations, roles, numbers, definitions and acronyms', () => {
    expect(claimsOf('Pelican Freight is headquartered in Kuala Lumpur.')).toEqual(['Pelican Freight | location | Kuala Lumpur']);
    expect(claimsOf('Mira Okafor, chief executive of Solenne Energy, spoke.')).toEqual([
      'Solenne Energy | chief executive | Mira Okafor',
      'Mira Okafor | role at Solenne Energy | chief executive',
    ]);
    expect(claimsOf("Acme Corp's CEO Jane Doe spoke.")[0]).toBe('Acme Corp | chief executive | Jane Doe');
    expect(claimsOf('Acme Robotics employs 3,000 people.')).toEqual(['Acme Robotics | employees | 3,000']);
    expect(claimsOf('The Harbour Fund, a $2bn fund, backs start-ups.')).toEqual(['Harbour Fund | fund size | $2bn']);
    expect(claimsOf('Acme Robotics grew 12% in 2023.')).toEqual(['Acme Robotics | growth (2023) | 12%']);
    expect(claimsOf('Alibaba Cloud, the cloud computing arm of Alibaba Group, is big.')).toEqual([
      'Alibaba Cloud | parent organisation | Alibaba Group',
      'Alibaba Cloud | description | cloud computing arm of Alibaba Group',
    ]);
    expect(claimsOf('The Hong Kong Monetary Authority (HKMA) regulates banks.')).toEqual(['HKMA | expands to | Hong Kong Monetary Authority']);
    expect(claimsOf('Policies promote STEM (Science, Technology, Engineering, and Mathematics) education.')).toEqual([
      'STEM | expands to | Science, Technology, Engineering, and Mathematics',
    ]);
  });
  it('does not extract former roles, plans or negations', () => {
    expect(claimsOf('The former chief executive of Acme Corp, John Ray, retired.')).toEqual([]);
    expect(claimsOf('Acme Robotics will be listed in 2026 if markets allow.')).toEqual([]);
  });
  it('maps claims to the original line and column', () => {
    const a = articleFromText('x.md', '# T\n\nSome text here.\n\nAcme Robotics was founded in 2014.\n');
    const c = extractArticle(a, 0).claims[0];
    expect(c).toMatchObject({ line: 5, column: 30, attribute: 'founded', value: '2014' });
  });
});

describe('entity resolution', () => {
  it('merges an acronym with its single expansion, never names that only share words', () => {
    const r = new EntityResolver();
    r.addAcronyms([
      { short: 'HKUST', long: 'Hong Kong University of Science and Technology', article: 0 },
      { short: 'CUHK', long: 'Chinese University of Hong Kong', article: 1 },
    ]);
    expect(r.resolve('HKUST')).toBe(r.resolve('the Hong Kong University of Science & Technology'));
    expect(r.resolve('CUHK')).toBe(r.resolve("Chinese University of Hong Kong's"));
    expect(r.resolve('Hong Kong University of Science and Technology')).not.toBe(r.resolve('Chinese University of Hong Kong'));
    expect(r.resolve('Hong Kong University')).not.toBe(r.resolve('HKUST'));
  });
  it('does not merge an acronym expanded two ways; reports it as a conflict', () => {
    const out = run({
      'a.md': 'The Maritime Innovation Agency (MIA) was set up in 2019.',
      'b.md': 'The Marine Industry Authority (MIA) was set up in 2019.',
    });
    expect(out.result.conflicts.map((c) => `${c.subject} | ${c.attribute}`)).toEqual(['MIA | expands to']);
  });
  it('treats the same entity written two ways as one subject', () => {
    const out = run({
      'a.md': 'The Hong Kong University of Science and Technology (HKUST) was founded in 1991.',
      'b.md': 'HKUST was founded in 1993.',
      'c.md': 'The Chinese University of Hong Kong was founded in 1963.',
    });
    expect(out.result.conflicts).toHaveLength(1);
    expect(out.result.conflicts[0]).toMatchObject({ subject: 'HKUST', attribute: 'founded' });
    expect(out.result.conflicts[0].values.map((v) => `${v.path}:${v.value}`)).toEqual(['a.md:1991', 'b.md:1993']);
    const finding = out.findings.find((f) => f.ruleId === 'claim-conflict' && f.path === 'a.md')!;
    expect(finding.message).toBe('HKUST: "founded" is "1991" here but "1993" in b.md.');
    expect(finding.related).toEqual([{ path: 'b.md', line: 1, column: 22, message: 'HKUST: "founded" is "1993" here.' }]);
  });
});

describe('stage behaviour', () => {
  const docs = {
    'a.md': 'Acme Robotics was founded in 2014. Acme Robotics employs 300 people. Acme Robotics is based in Leeds.',
    'b.md': 'Acme Robotics was founded in 2015 and makes robots.',
    'c.md': 'Acme Robotics makes robots for farms.',
  };
  it('focus: only conflicts involving a focus article produce findings', () => {
    const out = run(docs, ['b.md']);
    expect(out.findings.filter((f) => f.ruleId === 'claim-conflict').map((f) => f.path)).toEqual(['b.md']);
    expect(out.result.conflicts).toHaveLength(1);
    expect(run(docs, ['c.md']).result.conflicts).toEqual([]);
  });
  it('single-source-claim: facts stated by one article about an entity mentioned by several, bounded per article', () => {
    const out = run(docs);
    const single = out.findings.filter((f) => f.ruleId === 'single-source-claim');
    expect(single.map((f) => f.message)).toEqual([
      'Acme Robotics: "employees" is "300" only in this article, though 3 articles mention Acme Robotics; check the source.',
      'Acme Robotics: "location" is "Leeds" only in this article, though 3 articles mention Acme Robotics; check the source.',
    ]);
    expect(single.every((f) => f.severity === 'info')).toBe(true);
    const bounded = run(docs, null, { 'single-source-claim': { maxPerArticle: 1 } });
    expect(bounded.findings.filter((f) => f.ruleId === 'single-source-claim')).toHaveLength(1);
    expect(claimsStage.run([articleFromText('a.md', docs['a.md'])], { options: {}, focus: null }).findings).toEqual([]);
  });
});
