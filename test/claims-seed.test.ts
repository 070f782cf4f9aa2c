// The seed corpus (five spun articles about AI in Hong Kong): entities table and acronym expansions.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { articleFromText } from '../pipeline/article.js';
import { analyseClaims } from '../pipeline/stages/claims/index.js';

const dir = join(import.meta.dirname, '..', 'corpus');
const articles = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => articleFromText(`corpus/${f}`, readFileSync(join(dir, f))));

describe('claims on the seed corpus', () => {
  const { result, findings } = analyseClaims(articles, { options: {}, focus: null });
  const entity = (name: string) => result.entities.find((e) => e.name === name);
  const fact = (name: string, attribute: string) =>
    entity(name)
      ?.facts.filter((f) => f.attribute === attribute)
      .map((f) => f.value) ?? [];

  it('lists the named organisations', () => {
    for (const name of ['HKUST', 'CUHK', 'HKSTP', 'SenseTime', 'Alibaba Cloud', 'HKMA', 'PolyU', 'Tencent', 'ITF'])
      expect(entity(name), name).toBeDefined();
  });

  it('resolves acronyms to their expansions, with the articles that state them', () => {
    expect(fact('HKUST', 'expands to')).toEqual(['Hong Kong University of Science and Technology']);
    expect(fact('CUHK', 'expands to')).toEqual(['Chinese University of Hong Kong']);
    expect(fact('HKSTP', 'expands to')).toEqual(['Hong Kong Science and Technology Parks Corporation']);
    expect(fact('HKMA', 'expands to')).toEqual(['Hong Kong Monetary Authority']);
    expect(fact('PolyU', 'expands to')).toEqual(['Hong Kong Polytechnic University']);
    expect(fact('ITF', 'expands to')).toEqual(['Innovation and Technology Fund']);
    expect(entity('HKUST')!.aliases).toContain('Hong Kong University of Science and Technology');
    const sources = entity('HKUST')!
      .facts.find((f) => f.attribute === 'expands to')!
      .sources.map((s) => s.path);
    expect(new Set(sources)).toEqual(
      new Set([
        'corpus/000_89b9923e4567045f.txt',
        'corpus/001_8ce4b794fce1d69f.txt',
        'corpus/003_ac4215b7c894a24a.txt',
      ]),
    );
  });

  it('keeps the facts stated in the articles', () => {
    expect(fact('SenseTime', 'founding place')).toEqual(['Hong Kong']);
    expect(fact('Alibaba Cloud', 'parent organisation')).toEqual(['Alibaba Group']);
    expect(fact('Alibaba Cloud', 'description')).toEqual(['cloud computing arm of Alibaba Group']);
    expect(fact('AI & Data Laboratory', 'launched by')).toEqual(['HKUST']);
    expect(fact('AI & Data Laboratory', 'collaboration with')).toEqual(['Tencent, Hong Kong SAR Government']);
    expect(fact('HKUST', 'launched')).toEqual(['AI & Data Laboratory']);
    expect(fact('Tencent', 'collaboration with')).toEqual(['AI & Data Laboratory']);
  });

  it('never merges HKUST and CUHK, and reports no conflicts on consistent articles', () => {
    expect(entity('HKUST')!.aliases).not.toContain('Chinese University of Hong Kong');
    expect(result.conflicts).toEqual([]);
    expect(findings.filter((f) => f.ruleId === 'claim-conflict')).toEqual([]);
  });

  it('is deterministic and sorted', () => {
    const again = analyseClaims(articles, { options: {}, focus: null }).result;
    expect(JSON.stringify(again)).toBe(JSON.stringify(result));
    const names = result.entities.map((e) => e.name.toLowerCase());
    expect(names).toEqual([...names].sort());
  });
});
