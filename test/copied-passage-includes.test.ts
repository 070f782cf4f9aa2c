// Copied passages on a templated documentation site (test/fixtures/copied-passage-includes, our own text): eight
// command pages of a made-up CLI carry the same generated option sections ("workspace" on all eight, "json" on seven,
// "dry-run" on one), most of them short enough for those sections to be most of the page, and a guide page. A
// section many pages carry under its own heading is the site's template: no copied passage, whatever else the corpus
// holds (copies of one page included). The same section pasted into another page under another heading is reported,
// once, on the page it was pasted into; a paragraph reused in one other page is reported as before.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDuplicationOnFiles, type StageOptions } from './helpers/duplication-run.js';

const root = path.resolve(__dirname, 'fixtures/copied-passage-includes');
const site = new Map(
  readdirSync(root)
    .filter((f) => f.endsWith('.md'))
    .map((f) => [f, readFileSync(path.join(root, f), 'utf8')]),
);
const defaults = { 'near-duplicate': {}, 'similar-content': {}, 'copied-passage': {} };

const run = (files: Map<string, string>, options: StageOptions = defaults, focus: ReadonlySet<string> | null = null) =>
  runDuplicationOnFiles(files, options, focus);

const key = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
const copiedKeys = (r: ReturnType<typeof run>) => (r.result.copied ?? []).map((c) => key(c.a, c.b)).sort();
const copiedFindings = (r: ReturnType<typeof run>) => r.findings.filter((f) => f.ruleId === 'copied-passage');

/** The body paragraphs of a page's `#### \`name\`` option section (its Default/Type list left out). */
function optionParagraphs(page: string, name: string): string[] {
  const section = page.split(`#### \`${name}\``)[1].split(/\n#{2,4} /)[0];
  return section
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p && !p.startsWith('*'));
}

/** `page` with `inserted` placed before its heading `before`. */
function insertBefore(page: string, before: string, inserted: string[]): string {
  const at = page.indexOf(before);
  return `${page.slice(0, at)}${inserted.join('\n\n')}\n\n${page.slice(at)}`;
}

describe('copied-passage: generated sections a templated site repeats', () => {
  it('the option sections every command page carries are no copied passage, short pages included', () => {
    // Most command pages are short: the shared sections are most of each of them.
    const r = run(site);
    expect(copiedKeys(r)).toEqual([]);
    expect(copiedFindings(r)).toEqual([]);
    expect(r.result.pairs.filter((p) => p.kind === 'near-duplicate')).toEqual([]);
  });

  it('stays so with six identical copies of one command page, which still form one cluster', () => {
    const files = new Map(site);
    for (let k = 2; k <= 6; k++) files.set(`tide-status-copy${k}.md`, site.get('tide-status.md')!);
    const r = run(files);
    expect(copiedFindings(r)).toEqual([]);
    const members = ['tide-status.md', ...[2, 3, 4, 5, 6].map((k) => `tide-status-copy${k}.md`)];
    const cluster = r.result.clusters.find((c) => c.includes('tide-status.md'))!;
    expect([...cluster].sort()).toEqual([...members].sort());
    // Found elsewhere: a copy's own text is (the shared sections are boilerplate); another page's is not.
    const shares = new Map(r.result.foundElsewhere!.documents.map((d) => [d.path, d.share]));
    expect(shares.get('tide-status-copy2.md')).toBeGreaterThan(0.2);
    expect(shares.get('tide-status-copy2.md')).toBe(shares.get('tide-status.md'));
    expect(shares.get('tide-log.md')).toBeUndefined();
  });

  it('reports a section pasted into a guide under another heading once, on the guide, naming its home pages', () => {
    const pasted = optionParagraphs(site.get('tide-sync.md')!, 'workspace').slice(0, 2);
    expect(pasted.join(' ').split(/\s+/).length).toBeGreaterThan(40);
    const files = new Map(site);
    files.set(
      'guide-offline-work.md',
      insertBefore(site.get('guide-offline-work.md')!, '## Back at the office', pasted),
    );
    const r = run(files);
    const findings = copiedFindings(r);
    expect(findings.map((f) => f.path)).toEqual(['guide-offline-work.md']);
    expect(findings[0].message).toMatch(/section that 8 pages carry under one heading, pasted here under another/);
    const related = findings[0].related!.map((x) => x.path).sort();
    expect(related).toEqual([...site.keys()].filter((p) => p.startsWith('tide-')).sort());
    expect(copiedKeys(r)).toHaveLength(1);
    // In focus (a pull request adding the guide's paste) it is the same as over the whole corpus.
    const focus = new Set(['guide-offline-work.md']);
    const scoped = run(files, defaults, focus);
    const whole = run(files, { ...defaults, 'near-duplicate': { focusScope: false } }, focus);
    expect(scoped.result).toEqual(whole.result);
    expect(scoped.findings).toEqual(whole.findings);
    expect(scoped.findings.filter((f) => f.ruleId === 'copied-passage')).toEqual(findings);
  });

  it('reports a paragraph of one page reused in one other page, as before', () => {
    const own =
      'Field teams should synchronise every station they will need before they leave, because the cache is the ' +
      'only copy of the tables they will have on site and a missing station cannot be fetched later.';
    const files = new Map(site);
    files.set('tide-sync.md', insertBefore(site.get('tide-sync.md')!, '### Configuration', [own]));
    files.set('guide-offline-work.md', insertBefore(site.get('guide-offline-work.md')!, '## On site', [own]));
    expect(copiedKeys(run(files))).toEqual([key('guide-offline-work.md', 'tide-sync.md')]);
  });
});

describe('copied-passage: a passage whose first sentence the source repeats elsewhere', () => {
  it('is reported when the repeated sentence also matches later places of the source', () => {
    // A reference page states the same warning for three hooks; only the first is followed by the sentence the
    // guide copied with it. The guide sorts first, so its sentences lead the matching.
    const warning = 'This hook must never be called by your own code directly.';
    const reference = [
      '# Station hooks',
      '## beforeSync',
      `Runs before each synchronisation starts. ${warning} It is provided for plug-ins, which register it once when ` +
        'the project loads.',
      '## afterSync',
      `Runs when a synchronisation has finished, whether it succeeded or not. ${warning} Plug-ins receive the list ` +
        'of stations that changed.',
      '## onConflict',
      `Runs when two corrections of one hour disagree. ${warning} The first plug-in that answers decides.`,
    ].join('\n\n');
    const guide = [
      '# Writing a plug-in',
      'A plug-in is a small module that tidewater loads at start-up and calls at fixed points of its work.',
      `${warning} It is provided for plug-ins, which register it once when the project loads.`,
      'Keep plug-ins small: they run on every synchronisation of every project that lists them.',
    ].join('\n\n');
    const files = new Map([
      ['a-guide-plugins.md', `${guide}\n`],
      ['z-reference-hooks.md', `${reference}\n`],
    ]);
    const r = run(files);
    expect(copiedKeys(r)).toEqual([key('a-guide-plugins.md', 'z-reference-hooks.md')]);
    expect(r.result.copied![0].wordsA).toBeGreaterThanOrEqual(20);
  });

  it('a pool of paragraphs that many plain articles are made of is shared content, not a template', () => {
    // A content farm's shape: twelve articles with no headings, each four of six stock paragraphs (every paragraph
    // in eight distinct articles, most of each article) and a sentence of its own. No home heading, not a
    // footer: the articles share passages.
    const pool = [
      'Smart meters let households see how much power they use every half hour and adjust their habits accordingly.',
      'Installers say the work takes about two hours and needs no changes to the wiring inside the home itself.',
      'Suppliers must offer a meter to every customer by the end of the decade under the current regulations.',
      'Critics argue that the savings are small and that older devices often stop working after a change of supplier.',
      'The regulator publishes a quarterly report on how many meters work as intended and how many need a visit.',
      'Consumer groups advise customers to take a photo of the old meter reading before the installer removes it.',
    ];
    const files = new Map<string, string>();
    for (let i = 0; i < 12; i++) {
      const own = `Article ${i + 1} was written for readers in district number ${i + 11} of the region.`;
      const picked = [0, 1, 2, 3, 4, 5].filter((k) => (k + i) % 6 < 4).map((k) => pool[k]);
      files.set(`farm-${i}.txt`, `${[own, ...picked].join('\n\n')}\n`);
    }
    const r = run(files);
    // Every article shares passages with others (before: the pool was taken for a template, 4 of 12 were left).
    const inPairs = new Set(copiedKeys(r).flatMap((pair) => pair.split('|')));
    expect(inPairs.size).toBe(files.size);
  });
});
