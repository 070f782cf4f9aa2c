// changed-fact: two versions of one article (paired by the duplication stage) that state a different figure, date,
// year or name in the same sentence; and the compatible variants that must not be reported. Labelled by construction:
// each case rewrites test/fixtures/claims-versions/original.txt (own text) in one place.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { articleFromText, auditArticles, resolveConfig } from '../pipeline/index.js';
import type { Report } from '../pipeline/index.js';
import { differentSubjects, subjectLine } from '../pipeline/stages/claims/title-subjects.js';

const ORIGINAL = readFileSync(path.join(import.meta.dirname, 'fixtures/claims-versions/original.txt'), 'utf8');
/** A light rewrite shared by every copy, so versions are never verbatim. */
const REWORDED = ORIGINAL.replace('the company said on Tuesday', 'the company stated on Tuesday').replace(
  'the operator added',
  'the operator explained',
);

function audit(copy: string): Report {
  const articles = [articleFromText('a.txt', Buffer.from(ORIGINAL)), articleFromText('b.txt', Buffer.from(copy))];
  return auditArticles({ articles, focus: null, loadDrafts: [], unreadable: [] }, resolveConfig({}));
}

function replaceOnce(text: string, from: string, to: string): string {
  expect(text.includes(from)).toBe(true);
  return text.replace(from, to);
}

const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

describe('changed-fact: one fact changed in a rewritten copy', () => {
  const positives: [string, string, string][] = [
    ['a figure', '4.2 million passengers', '5.2 million passengers'],
    ['a sum', '£318m', '£381m'],
    ['a sum with decimals', '£41.6m', '£46.1m'],
    ['a percentage', 'Revenue rose 12%', 'Revenue rose 11%'],
    ['a year', 'founded in 1987', 'founded in 1978'],
    ['a date', 'on 14 March', 'on 19 March'],
    ['a weekday', 'on Tuesday', 'on Thursday'],
    ['a number word', 'three new vessels', 'four new vessels'],
    ['a headcount', 'employs 1,240 people', 'employs 1,420 people'],
    ['a surname', 'Chief executive Margaret Ellwood', 'Chief executive Margaret Pennock'],
  ];
  for (const [what, from, to] of positives) {
    it(`reports ${what}: ${from} → ${to}`, () => {
      const copy = replaceOnce(REWORDED, from, to);
      const report = audit(copy);
      const line = lineOf(copy, to);
      const conflict = report.claims.conflicts.find(
        (c) => c.values.some((v) => v.path === 'b.txt' && v.line === line) && c.values.some((v) => v.path === 'a.txt'),
      );
      expect(conflict, JSON.stringify(report.claims.conflicts)).toBeDefined();
      const finding = report.findings.find((f) => f.ruleId === 'changed-fact' && f.path === 'b.txt' && f.line === line);
      expect(finding?.related?.[0]?.path).toBe('a.txt');
      // The message says what differs, both values and where the other one is.
      expect(finding?.message).toMatch(/ here, .* in a\.txt:\d+ — /);
    });
  }
});

describe('changed-fact: compatible variants are not reported', () => {
  const negatives: [string, string, string][] = [
    ['money written at another scale', '$1.3bn', '$1,300m'],
    ['a rounded sum', '£41.6m', '£42m'],
    ['a rounded decimal', '4.2 million', '4.20 million'],
    ['a hedge (about)', 'employs 1,240 people', 'employs about 1,200 people'],
    ['a hedge (more than)', 'employs 1,240 people', 'employs more than 1,200 people'],
    ['a hedge (nearly)', 'runs 26 routes', 'runs nearly 30 routes'],
    [
      'a first name replaced by an honorific',
      'Chief executive Margaret Ellwood said',
      'Chief executive Mrs Ellwood said',
    ],
    ['a middle initial', 'Chief executive Margaret Ellwood said', 'Chief executive Margaret J Ellwood said'],
    [
      'two subjects, two figures, reordered',
      "Rival operator Brinemouth Lines saw passenger numbers fall 3% over the same period, while Tallowmere's grew 8%.",
      "Tallowmere's passenger numbers grew 8% over the same period, while rival operator Brinemouth Lines saw a 3% " +
        'fall.',
    ],
  ];
  for (const [what, from, to] of negatives) {
    it(`does not report ${what}: ${from} → ${to}`, () => {
      const report = audit(replaceOnce(REWORDED, from, to));
      expect(report.findings.filter((f) => f.ruleId === 'changed-fact' || f.ruleId === 'claim-conflict')).toEqual([]);
      expect(report.claims.conflicts).toEqual([]);
    });
  }
  it('does not report a synonym swapped inside a name by a rewording tool when the corpus uses both words', () => {
    const context =
      'Two other operators said the shift was significant and would make a major difference to the estuary.';
    const original = `${ORIGINAL}\n${context}\n`;
    const renamed = replaceOnce(REWORDED, 'new Kestrel Quay terminal', 'new Kestrel Major terminal').replace(
      'Kestrel Quay',
      'Kestrel Major',
    );
    const copy = `${renamed}\n${context.replace('major', 'significant')}\nThe quay was busy on 2 May.\n`;
    const articles = [articleFromText('a.txt', Buffer.from(original)), articleFromText('b.txt', Buffer.from(copy))];
    const report = auditArticles({ articles, focus: null, loadDrafts: [], unreadable: [] }, resolveConfig({}));
    expect(report.findings.filter((f) => f.ruleId === 'changed-fact')).toEqual([]);
  });
  it('does not report a reworded hedge whose bounds agree ("at least 1,240", "more than 1,200")', () => {
    const changed = (a: string, b: string) => {
      const original = replaceOnce(ORIGINAL, 'employs 1,240 people', `employs ${a} people`);
      const copy = replaceOnce(REWORDED, 'employs 1,240 people', `employs ${b} people`);
      const articles = [articleFromText('a.txt', Buffer.from(original)), articleFromText('b.txt', Buffer.from(copy))];
      const report = auditArticles({ articles, focus: null, loadDrafts: [], unreadable: [] }, resolveConfig({}));
      return report.findings.filter((f) => f.ruleId === 'changed-fact').map((f) => f.message);
    };
    expect(changed('at least 1,240', 'more than 1,200')).toEqual([]);
    // The same hedge on both sides is context: the figure changed.
    expect(changed('at least 1,240', 'at least 1,420')).toHaveLength(2);
    // A reworded hedge whose bounds exclude each other is still a change.
    expect(changed('at least 1,240', 'fewer than 900')).toHaveLength(2);
  });
  it('does not report a synonym swapped inside a name when the corpus writes the new word only inflected', () => {
    // "reach" occurs only as "reached" in the original ("operating profit reached £41.6m"), "quay" as itself.
    const original = `${ORIGINAL}\nThe quay was busy on 2 May.\n`;
    const copy = `${REWORDED.replaceAll('Kestrel Quay', 'Kestrel Reach')}\nThe quay was busy on 2 May.\n`;
    const articles = [articleFromText('a.txt', Buffer.from(original)), articleFromText('b.txt', Buffer.from(copy))];
    const report = auditArticles({ articles, focus: null, loadDrafts: [], unreadable: [] }, resolveConfig({}));
    expect(report.findings.filter((f) => f.ruleId === 'changed-fact')).toEqual([]);
  });
  it('compares only the versions the duplication stage relates (an unrelated article is never compared)', () => {
    const other =
      'Bus fares\n\nBrinemouth Lines carried 2.1 million passengers in 2024, the company said on Tuesday, its ' +
      'busiest year since it was founded in 1990.\n';
    const articles = [articleFromText('a.txt', Buffer.from(ORIGINAL)), articleFromText('c.txt', Buffer.from(other))];
    const report = auditArticles({ articles, focus: null, loadDrafts: [], unreadable: [] }, resolveConfig({}));
    expect(report.findings.filter((f) => f.ruleId === 'changed-fact')).toEqual([]);
  });
});

describe('changed-fact: several versions', () => {
  it('reports the odd version out once, with every version in one conflict entry', () => {
    const articles = [
      articleFromText('a.txt', Buffer.from(ORIGINAL)),
      articleFromText('b.txt', Buffer.from(REWORDED)),
      articleFromText('c.txt', Buffer.from(replaceOnce(REWORDED, '£318m', '£813m'))),
    ];
    const report = auditArticles({ articles, focus: null, loadDrafts: [], unreadable: [] }, resolveConfig({}));
    const changed = report.findings.filter((f) => f.ruleId === 'changed-fact');
    expect(changed.map((f) => f.path)).toEqual(['c.txt']);
    expect(changed[0].message).toContain('and 1 more version');
    const conflict = report.claims.conflicts.find((c) => c.values.some((v) => v.value === '£813m'));
    expect(conflict?.values.map((v) => `${v.path} ${v.value}`)).toEqual(['a.txt £318m', 'b.txt £318m', 'c.txt £813m']);
  });
});

// Sibling reference pages of one family (invented): one template, each page about its own thing. The titles name
// the subject; what differs between the pages is each page's own value, not a changed fact.
function generatorPage(major: number, year: number, since: string): string {
  return `# Quillmark ${major} ${year}

*New in version ${since}.*

Generates Quillmark ${major} (QM ${year}) bundle files for the desktop packager.

## Bundle Types

Only library and plugin bundles may be generated; other kinds of bundles are not supported by the packager.

## Instance Selection

QM ${year} supports several installations on one machine. The \`PACKAGER_INSTANCE\` setting may be used to select
one of them.

## Platform Selection

The default target platform is that of the host. For example:

* \`packager -G "Quillmark ${major} ${year}" -P arm64\`
* \`packager -G "Quillmark ${major} ${year}" -P x86\`
`;
}

function settingPage(name: string, since: string, fallback: number): string {
  return `# ${name}

*New in version ${since}.*

Sets how many entries the packager keeps in its download queue before it writes them to disk.

If the setting is empty, the packager keeps ${fallback} entries, which is enough for most projects and keeps memory
use low on small build machines.

*Changed in version ${since}:* the setting is read from the environment as well.

See the packager manual for the list of settings that control the download queue and the disk cache.
`;
}

function versionsOf(pages: Record<string, string>) {
  const articles = Object.entries(pages).map(([p, t]) => articleFromText(p, Buffer.from(t)));
  return auditArticles({ articles, focus: null, loadDrafts: [], unreadable: [] }, resolveConfig({}));
}

describe('changed-fact: pages of one family are not versions of one article', () => {
  it('does not compare two template pages whose titles differ by the number that names their subject', () => {
    const report = versionsOf({ 'qm-4.md': generatorPage(4, 2021, '2.4'), 'qm-5.md': generatorPage(5, 2023, '2.9') });
    expect(report.findings.filter((f) => f.ruleId === 'changed-fact')).toEqual([]);
    expect(report.claims.conflicts).toEqual([]);
  });
  it('does not compare two pages titled with two identifiers (their "new in version" notes are their own)', () => {
    const report = versionsOf({
      'queue_limit.md': settingPage('QUEUE_LIMIT', '2.3', 40),
      'queue_depth.md': settingPage('QUEUE_DEPTH', '2.7', 64),
    });
    expect(report.findings.filter((f) => f.ruleId === 'changed-fact')).toEqual([]);
    expect(report.claims.conflicts).toEqual([]);
  });
  it('still reports a figure changed in a copy of one reference page (same title)', () => {
    const report = versionsOf({
      'queue_limit.md': settingPage('QUEUE_LIMIT', '2.3', 40),
      'queue_limit-copy.md': settingPage('QUEUE_LIMIT', '2.3', 40).replace('keeps 40 entries', 'keeps 60 entries'),
    });
    const changed = report.findings.filter((f) => f.ruleId === 'changed-fact');
    expect(changed.map((f) => f.message)).toContainEqual(expect.stringMatching(/^60 here, 40 in queue_limit\.md:\d+ /));
  });
  it('still reports a changed fact when the headline changed with it (a number in ordinary words is no name)', () => {
    const original = ORIGINAL.replace('Harbour ferry operator reports record year', 'Ferry operator carries 4.2m');
    const copy = replaceOnce(REWORDED, '4.2 million passengers', '5.2 million passengers').replace(
      'Harbour ferry operator reports record year',
      'Ferry operator carries 5.2m',
    );
    const report = versionsOf({ 'a.txt': original, 'b.txt': copy });
    const changed = report.findings.filter((f) => f.ruleId === 'changed-fact' && f.path === 'b.txt');
    expect(changed.map((f) => f.evidence)).toContain('count | 5.2 million | 4.2 million');
  });
  it('still reports a changed fact when a title-case headline was reworded', () => {
    const original = ORIGINAL.replace(
      'Harbour ferry operator reports record year',
      'Harbour Ferry Operator Sails To 2024 Record',
    );
    const copy = replaceOnce(REWORDED, '£318m', '£381m').replace(
      'Harbour ferry operator reports record year',
      'Harbour Ferry Operator Steams To 2024 Record',
    );
    const report = versionsOf({ 'a.txt': original, 'b.txt': copy });
    expect(report.findings.filter((f) => f.ruleId === 'changed-fact' && f.path === 'b.txt')).toHaveLength(1);
  });
});

// Release notes converted from a manual-page format (invented): every page opens with the same section label, then
// sections of the same rank; the line under the label names the release the page describes.
function notesPage(label: string, release: string, previous: string, fixes: number, files: string): string {
  return `# ${label}

qmdelta${release.replace(/\./g, '')} - what is new for Quillmark v${release}

# DESCRIPTION

This document describes differences between the ${previous} release and the ${release} release.

If you are upgrading from an earlier release such as ${previous}, first read the notes of that release, which
describe the changes it made.

# Selected Bug Fixes

Quillmark ${release} fixes ${fixes} bugs reported against ${previous}, most of them in the bundle packager.

# Acknowledgements

Quillmark ${release} represents approximately ${files} lines of changes across 40 files since Quillmark ${previous}.
`;
}

describe('changed-fact: pages under one section label are told apart by the line under it', () => {
  it('does not compare two release-notes pages of one template that open with the same label', () => {
    const report = versionsOf({
      'qm-241.md': notesPage('Overview', '2.4.1', '2.4.0', 12, '3,100'),
      'qm-252.md': notesPage('Overview', '2.5.2', '2.5.1', 9, '1,700'),
    });
    expect(report.findings.filter((f) => f.ruleId === 'changed-fact')).toEqual([]);
    expect(report.claims.conflicts).toEqual([]);
  });
  it('still reports a figure changed in a copy of one such page (same line under the label)', () => {
    const page = notesPage('Overview', '2.4.1', '2.4.0', 12, '3,100');
    const report = versionsOf({
      'qm-241.md': page,
      'qm-241-copy.md': replaceOnce(page, 'fixes 12 bugs', 'fixes 21 bugs'),
    });
    const changed = report.findings.filter((f) => f.ruleId === 'changed-fact');
    expect(changed.map((f) => f.message)).toContainEqual(expect.stringMatching(/^21 here, 12 in qm-241\.md:\d+ /));
  });
  it('reads the subject from the line under the first heading only when that heading is a section label', () => {
    const page = notesPage('Overview', '2.4.1', '2.4.0', 12, '3,100');
    const subject = (text: string) => subjectLine(articleFromText('p.md', Buffer.from(text)));
    expect(subject(page)).toBe('qmdelta241 - what is new for Quillmark v2.4.1');
    // The first heading heads the whole page (every other heading is below it): it is the title.
    expect(subject(page.replace(/^# (?!Overview)/gm, '## '))).toBe('Overview');
    // A title from front matter names the page, whatever its first heading.
    expect(subject(`---\ntitle: Quillmark 2.4.1 notes\n---\n\n${page}`)).toBe('Quillmark 2.4.1 notes');
  });
});

// An options page (invented): short sentences that read the same once their figures are masked ("Default is 8.").
function optionsPage(): string {
  return `# quillpack-index

Builds the search index of a bundle.

## Options

**--workers=<n>**

Number of worker threads that read the bundle in parallel. The workers share one queue. Default is 8.

**--max-depth=<n>**

How deep the indexer follows nested archives before it stops and logs a warning for the archive. Default is 80.

**--batch=<n>**

Number of entries written to the index in one transaction. Default is 500.

**--retries=<n>**

How many times a failed read is retried before the entry is skipped and reported. Default is 3.
`;
}

describe('changed-fact: repeated short sentences pair in order', () => {
  it('does not pair a reworded "Default is 8." with another option\'s "Default is 80."', () => {
    const page = optionsPage();
    const copy = replaceOnce(
      page,
      'in parallel. The workers share one queue. Default is 8.',
      'in parallel. The workers share one queue. Baseline is 8.',
    );
    const report = versionsOf({ 'index.md': page, 'index-v2.md': copy });
    expect(report.findings.filter((f) => f.ruleId === 'changed-fact')).toEqual([]);
  });
  it('still reports a default changed next to the reworded one', () => {
    const page = optionsPage();
    const copy = replaceOnce(
      replaceOnce(
        page,
        'in parallel. The workers share one queue. Default is 8.',
        'in parallel. The workers share one queue. Baseline is 8.',
      ),
      'Default is 80.',
      'Default is 60.',
    );
    const report = versionsOf({ 'index.md': page, 'index-v2.md': copy });
    const changed = report.findings.filter((f) => f.ruleId === 'changed-fact');
    expect(changed.map((f) => f.message)).toEqual([
      expect.stringMatching(/^60 here, 80 in index\.md:\d+ /),
      expect.stringMatching(/^80 here, 60 in index-v2\.md:\d+ /),
    ]);
  });
});

describe('changed-fact: damaged characters are not a changed value', () => {
  // A closing quote read in the wrong code page ("”" → "ā€¯") glued to a name: the mojibake rule reports the damage.
  const original = ORIGINAL.replace('Chief executive Margaret Ellwood said', 'Chief executive “Margaret Ellwood” said');
  it('does not report a name that differs from its copy only by mojibake glued to it', () => {
    const copy = replaceOnce(
      REWORDED,
      'Chief executive Margaret Ellwood said',
      'Chief executive “Margaret Ellwoodā€¯ said',
    );
    const report = versionsOf({ 'a.txt': original, 'b.txt': copy });
    expect(report.findings.filter((f) => f.ruleId === 'changed-fact')).toEqual([]);
    expect(report.findings.filter((f) => f.ruleId === 'mojibake').map((f) => f.path)).toEqual(['b.txt']);
  });
  it('still reports a figure changed in a sentence with the same damage', () => {
    const damaged = replaceOnce(
      REWORDED,
      'Chief executive Margaret Ellwood said',
      'Chief executive “Margaret Ellwoodā€¯ said',
    );
    const copy = replaceOnce(damaged, 'on 14 March', 'on 19 March');
    const report = versionsOf({ 'a.txt': original, 'b.txt': copy });
    const changed = report.findings.filter((f) => f.ruleId === 'changed-fact');
    expect(changed.map((f) => f.evidence)).toContain('date | 19 March | 14 March');
  });
});

describe('changed-fact: damaged names stay names for the two-titles test', () => {
  it('does not read the words of a name with mojibake glued to it as words the corpus writes in lower case', () => {
    // A third page quotes an older generator's name with a misdecoded opening quote ("“" → "‚Äú"): the name is not
    // read as a value, and its words ("Quillmark") must not count as ordinary lower-case words either.
    const report = versionsOf({
      'qm-4.md': generatorPage(4, 2021, '2.4'),
      'qm-5.md': generatorPage(5, 2023, '2.9'),
      'qm-3.md':
        '# Older generators\n\nSince version 2.1 the packager accepts the name ‚ÄúDesktop Quillmark 3" without ' +
        'the year.\n',
    });
    expect(report.findings.filter((f) => f.ruleId === 'changed-fact')).toEqual([]);
  });
});

describe('differentSubjects: titles that name two things', () => {
  const never = () => false;
  const cases: [string, string, boolean][] = [
    ['Quillmark 4 2021', 'Quillmark 5 2023', true],
    ['queue_limit', 'queue_depth', true],
    ['RFC0090', 'RFC0134', true],
    ['Packager 3.1 Release Notes', 'Packager 3.10 Release Notes', true],
    ['Tidewell trade gap hits record', 'Tidewell trade gap hits new record', false],
    ['Death Toll Rises To 50', 'Death Toll Rises To 62', false],
    ['Ferry operator carries 4.2m', 'Ferry operator carries 5.2m', false],
    ['Harbour Ferry Operator Reports Record Year', 'Harbour Ferry Operator Posts Record Year', false],
    ['queue_limit', 'queue_limit (QL)', false],
    ['', 'queue_limit', false],
  ];
  for (const [a, b, expected] of cases) {
    it(`${JSON.stringify(a)} / ${JSON.stringify(b)}: ${expected}`, () => {
      expect(differentSubjects(a, b, never)).toBe(expected);
      expect(differentSubjects(b, a, never)).toBe(expected);
    });
  }
});
