// Claims on the held-out clean corpus (test/fixtures/clean-corpus, written by someone else; never tuned against
// sentence by sentence). Consistent, well-edited articles: no claim may conflict, and no fact may sit on an entity of
// the wrong type. The checks are general (types are read off the report), not about particular articles.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { audit, type Report } from '../pipeline/index.js';
import { isExpansionOf, looksLikePerson } from '../pipeline/stages/claims/names.js';

const root = path.resolve(import.meta.dirname, '..');
const DIR = 'test/fixtures/clean-corpus';

/** Attributes only an organisation can have. */
const ORG_ONLY = new RegExp(
  `^(?:employees|founded by|acquired by|acquisition price|listed|listing venue|parent organisation|` +
    `owned by|market share|revenue|profit|loss|funding raised|valuation)(?: |$)`,
);
/** Attributes no person has (people found nothing, are not founded, launched or opened). */
const NOT_PERSON = /^(?:founded|launched|opened|acquired|founding place|location)$/;

let report: Report;
beforeAll(async () => {
  report = await audit({ paths: [DIR], cwd: root, config: {} });
}, 60_000);

const entities = () => report.claims!.entities;
const attrs = (e: { facts: { attribute: string }[] }) => e.facts.map((f) => f.attribute);

describe('claims on the held-out clean corpus', () => {
  it('reports no claim-conflict', () => {
    expect(report.claims!.conflicts).toEqual([]);
    expect(report.findings.filter((f) => f.ruleId === 'claim-conflict')).toEqual([]);
  });

  it('gives no person an organisation-only fact', () => {
    // A person: an entity holding a role somewhere ("role at …"), or a person-looking founder.
    const persons = entities().filter((e) =>
      attrs(e).some((a) => a.startsWith('role at ') || (a === 'founder of' && looksLikePerson(e.name))),
    );
    expect(persons.length).toBeGreaterThan(0);
    for (const p of persons) {
      const wrong = p.facts.filter((f) => ORG_ONLY.test(f.attribute) || NOT_PERSON.test(f.attribute));
      expect(wrong, p.name).toEqual([]);
    }
  });

  it('gives no place an organisation-only fact, nor the founding date of the organisation it hosts', () => {
    // A place: the location or founding place of something.
    const places = entities().filter((e) => attrs(e).some((a) => a === 'location of' || a === 'founding place of'));
    expect(places.length).toBeGreaterThan(0);
    const byName = new Map(entities().map((e) => [e.name, e]));
    for (const place of places) {
      expect(
        place.facts.filter((f) => ORG_ONLY.test(f.attribute)),
        place.name,
      ).toEqual([]);
      const founded = new Set(place.facts.filter((f) => f.attribute === 'founded').map((f) => f.value));
      for (const hosted of place.facts.filter((f) => f.attribute === 'location of')) {
        const org = byName.get(hosted.value);
        for (const f of org?.facts ?? [])
          if (f.attribute === 'founded')
            expect(founded.has(f.value), `${place.name} founded = ${f.value} (${org!.name})`).toBe(false);
      }
    }
  });

  it('never uses a dateline place as a subject', () => {
    // "BERGEN, Norway —", "LONDON (Reuters) —": all-caps place at the start of a paragraph, then a dash.
    const dateline = new RegExp(
      String.raw`^(?:\*\*)?(\p{Lu}[\p{Lu}\p{M}'’.-]+(?: \p{Lu}[\p{Lu}\p{M}'’.-]+)*)(?:,[^—–\n]{1,40})?(?: ` +
        String.raw`\([^)]{1,30}\))?(?:\*\*)? ?(?:—|–|--| -) `,
      'mu',
    );
    const cities = new Set<string>();
    for (const f of readdirSync(path.join(root, DIR))) {
      for (const para of readFileSync(path.join(root, DIR, f), 'utf8').split(/\n\s*\n/)) {
        const m = dateline.exec(para.trim());
        if (m) cities.add(m[1].toLowerCase());
      }
    }
    expect(cities.size).toBeGreaterThan(0);
    for (const e of entities()) {
      if (!cities.has(e.name.toLowerCase())) continue;
      expect(
        e.facts.filter((f) => !/ of$/.test(f.attribute)),
        e.name,
      ).toEqual([]);
    }
  });

  it('lists only acronym expansions whose initials explain the acronym, and no plural acronym as an entity', () => {
    for (const e of entities()) {
      for (const f of e.facts.filter((x) => x.attribute === 'expands to'))
        expect(isExpansionOf(e.name, f.value), `${e.name} = ${f.value}`).toBe(true);
      if (e.facts.length) expect(/^\p{Lu}[\p{Lu}\p{N}]+s$/u.test(e.name), e.name).toBe(false);
    }
  });
});
