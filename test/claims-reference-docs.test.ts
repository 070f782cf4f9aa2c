// Claim rules on reference documentation (API pages, guides): look-alikes that are not conflicts, each with a positive
// that stays reported. Fixtures: test/fixtures/claims-reference-docs/<case>/{positive,negative} (own text, written in
// the style of such docs).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { articleFromText, auditArticles, resolveConfig } from '../pipeline/index.js';
import { nameKey } from '../pipeline/stages/claims/names.js';
import { expansionKey } from '../pipeline/stages/claims/resolve.js';
import { parseQuantity, quantitiesCompatible } from '../pipeline/stages/claims/values.js';

const ROOT = path.join(import.meta.dirname, 'fixtures', 'claims-reference-docs');
const CLAIM_RULES = new Set(['claim-conflict', 'changed-fact', 'name-spelling']);

function claimFindings(folder: string): string[] {
  const dir = path.join(ROOT, folder);
  const articles = readdirSync(dir)
    .sort()
    .map((f) => articleFromText(f, readFileSync(path.join(dir, f))));
  const report = auditArticles({ articles, focus: null, loadDrafts: [], unreadable: [] }, resolveConfig({}));
  return report.findings.filter((f) => CLAIM_RULES.has(f.ruleId)).map((f) => `${f.ruleId} ${f.path}:${f.line}`);
}

describe('claims on reference docs', () => {
  it('a gloss taking an acronym letter from inside a function word is no expansion ("end of the batch (EOF)")', () => {
    expect(claimFindings('acronym-gloss/negative')).toEqual([]);
    expect(claimFindings('acronym-gloss/positive')).toEqual([
      'claim-conflict transit-fares.md:3',
      'claim-conflict transit-passes.md:7',
    ]);
  });
  it('"X-based" is a location only of the name its noun phrase ends in (not "C-based hooks exported by …")', () => {
    expect(claimFindings('built-on/negative')).toEqual([]);
    expect(claimFindings('built-on/positive')).toEqual([
      'claim-conflict case-study-one.md:3',
      'claim-conflict case-study-two.md:3',
    ]);
  });
  it('a hedged round figure covers an exact one that rounds to it ("about 3,000" staff, 2,640 people)', () => {
    expect(claimFindings('hedged-headcount/negative')).toEqual([]);
    expect(claimFindings('hedged-headcount/positive')).toEqual([
      'claim-conflict deploy-guide.md:7',
      'claim-conflict rollback-guide.md:7',
    ]);
    const q = (s: string) => parseQuantity(s)!;
    expect(quantitiesCompatible(q('about 3,000'), q('2,602'))).toBe(true);
    expect(quantitiesCompatible(q('about 3,000'), q('3,900'))).toBe(false);
    expect(quantitiesCompatible(q('about 3,000'), q('about 2,600'))).toBe(false);
    expect(quantitiesCompatible(q('about 30%'), q('26%'))).toBe(false);
  });
  it('"the Leeds-based company Acme" places Acme, not the term the section is about', () => {
    expect(claimFindings('named-company/negative')).toEqual([]);
    expect(claimFindings('named-company/positive')).toEqual([
      'claim-conflict drop-index.md:9',
      'claim-conflict drop-view.md:9',
    ]);
  });
  it('expansions whose words are inflected forms of one another name one thing ("Caching" / "cache")', () => {
    expect(claimFindings('inflected-expansion/negative')).toEqual([]);
    expect(claimFindings('inflected-expansion/positive')).toEqual([
      'claim-conflict cache-tuning.md:7',
      'claim-conflict flush-command.md:7',
    ]);
    const key = (s: string) => expansionKey(nameKey(s));
    expect(key('Write-Ahead Logging')).toBe(key('write-ahead log'));
    expect(key('Encoded Strings')).toBe(key('encode string'));
    expect(key('Transport Layer')).not.toBe(key('Transfer Layer'));
    expect(key('Speed Ring')).not.toBe(key('Spe R'));
  });
  it('an expansion with mojibake in it is not read as a second expansion (the damage is its own finding)', () => {
    expect(claimFindings('damaged-expansion/negative')).toEqual([]);
    expect(claimFindings('damaged-expansion/positive')).toEqual([
      'claim-conflict boot-setup.md:7',
      'claim-conflict platform-notes.md:7',
    ]);
  });
  it('two API names a letter or two apart, each used across pages and side by side in one, are two names', () => {
    expect(claimFindings('api-names/negative')).toEqual([]);
    // A slip written once stays reported, even on a page that also has the right spelling.
    expect(claimFindings('api-names/positive')).toEqual(['name-spelling migration.md:7']);
  });
});
