// Copied passages (rule copied-passage) and the boilerplate cut, on corpora composed from the labelled base fixtures
// (our own text): an excerpt pasted into an unrelated article, one paragraph reused in three, six identical copies,
// a footer in many articles, and short stock sentences.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDuplicationOnFiles, type StageOptions } from './helpers/duplication-run.js';

const root = path.resolve(__dirname, 'fixtures/duplicates/base');
const base = new Map(
  readdirSync(root)
    .filter((f) => /\.(md|txt)$/.test(f))
    .map((f) => [f, readFileSync(path.join(root, f), 'utf8')]),
);
const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
const defaults = { 'near-duplicate': {}, 'similar-content': {}, 'copied-passage': {} };

const run = (files: Map<string, string>, options: StageOptions = defaults, focus: ReadonlySet<string> | null = null) =>
  runDuplicationOnFiles(files, options, focus);

const key = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
const copiedKeys = (r: ReturnType<typeof run>) => (r.result.copied ?? []).map((c) => key(c.a, c.b)).sort();

/** B with `inserted` paragraphs placed after its first two (its own first and last paragraphs stay in place). */
function pasteInto(b: string, inserted: string[]): string {
  const own = paragraphs(b);
  return `${[...own.slice(0, 2), ...inserted, ...own.slice(2)].join('\n\n')}\n`;
}

describe('copied-passage: excerpts and reused paragraphs', () => {
  const source = base.get('history-harrow-canal.txt')!;
  const excerpt = paragraphs(source).slice(2, 4);

  it('reports two paragraphs of one article pasted into an unrelated one, with both line ranges and shares', () => {
    const files = new Map(base);
    files.set('science-urban-bees.md', pasteInto(base.get('science-urban-bees.md')!, excerpt));
    const r = run(files);
    expect(copiedKeys(r)).toEqual([key('history-harrow-canal.txt', 'science-urban-bees.md')]);
    // Not a near-duplicate or a spun version: the topics differ and the excerpt is a minority of both.
    expect(r.result.pairs.filter((p) => [p.a, p.b].includes('science-urban-bees.md'))).toEqual([]);
    const c = r.result.copied![0];
    expect(c.passages).toHaveLength(1);
    const lines = (p: string) => files.get(p)!.split('\n');
    const p = c.passages[0];
    const inA = lines(c.a)
      .slice(p.a.line - 1, p.a.endLine)
      .join(' ');
    const inB = lines(c.b)
      .slice(p.b.line - 1, p.b.endLine)
      .join(' ');
    for (const side of [inA, inB]) expect(side).toContain(excerpt[0].slice(0, 60));
    for (const side of [inA, inB]) expect(side).toContain(excerpt[1].slice(-40));
    expect(c.shareA).toBeGreaterThan(0.3);
    expect(c.shareB).toBeGreaterThan(0.2);
    expect(c.shareA).toBeLessThan(0.8);
    const findings = r.findings.filter((f) => f.ruleId === 'copied-passage');
    expect(findings.map((f) => f.path).sort()).toEqual([c.a, c.b].sort());
    for (const f of findings) {
      expect(f.related?.[0].path).toBe(f.path === c.a ? c.b : c.a);
      expect(f.message).toMatch(/word for word/);
    }
    // Found elsewhere: both articles, and the corpus-wide share is their copied words over all words.
    const shares = new Map(r.result.foundElsewhere!.documents.map((d) => [d.path, d.share]));
    expect(shares.get('science-urban-bees.md')).toBeCloseTo(c.shareB, 1);
    expect(r.result.foundElsewhere!.share).toBeGreaterThan(0);
  });

  it('reports the same for a draft in focus (--compare-with) as over the whole corpus, with a footer cut low', () => {
    const files = new Map(base);
    files.set('science-urban-bees.md', pasteInto(base.get('science-urban-bees.md')!, excerpt));
    const footer =
      'This article is part of our weekly newsletter, written by the editorial team and checked by two independent ' +
      'editors before publication.';
    for (const f of [...base.keys()].slice(0, 4)) files.set(f, `${files.get(f)!.trimEnd()}\n\n${footer}\n`);
    const options = { ...defaults, 'near-duplicate': { boilerplateMinDocs: 3, boilerplateShare: 0 } };
    const focus = new Set(['science-urban-bees.md']);
    const scoped = run(files, options, focus);
    const whole = run(
      files,
      { ...options, 'near-duplicate': { ...options['near-duplicate'], focusScope: false } },
      focus,
    );
    expect(scoped.result).toEqual(whole.result);
    expect(scoped.findings).toEqual(whole.findings);
    expect(copiedKeys(scoped)).toEqual([key('history-harrow-canal.txt', 'science-urban-bees.md')]);
    expect(scoped.findings.filter((f) => f.ruleId === 'copied-passage').map((f) => f.path)).toEqual([
      'science-urban-bees.md',
    ]);
  });

  it('still reports the excerpt when one sentence inside it was lightly edited', () => {
    const edited = [excerpt[0], excerpt[1].replace(/\. ([A-Z])/, '. Indeed, $1')];
    expect(edited[1]).not.toBe(excerpt[1]);
    const files = new Map(base);
    files.set('science-urban-bees.md', pasteInto(base.get('science-urban-bees.md')!, edited));
    expect(copiedKeys(run(files))).toEqual([key('history-harrow-canal.txt', 'science-urban-bees.md')]);
  });

  it('reports one paragraph reused in three unrelated articles (every pair that shares it)', () => {
    const reused = paragraphs(base.get('travel-lisbon.md')!).find(
      (p) => p.split(/\s+/).length >= 40 && !p.startsWith('#'),
    )!;
    const hosts = ['finance-budgeting.md', 'story-night-market.md', 'docs-quillmark-install.md'];
    const files = new Map(base);
    for (const h of hosts) files.set(h, pasteInto(base.get(h)!, [reused]));
    const keys = copiedKeys(run(files));
    for (const h of hosts) expect(keys).toContain(key('travel-lisbon.md', h));
    expect(keys).toHaveLength(6); // the source with each host, and the hosts with one another
  });

  it('does not report a short stock sentence shared by two articles', () => {
    const files = new Map(base);
    const stock = 'For more details, see the full report on our website.';
    for (const f of ['finance-budgeting.md', 'science-urban-bees.md'])
      files.set(f, `${base.get(f)!.trimEnd()}\n\n${stock}\n`);
    expect(copiedKeys(run(files))).toEqual([]);
  });
});

describe('duplication: boilerplate is only what is a minority of the articles sharing it', () => {
  it('a footer repeated in eight articles is boilerplate: no copied passage, no pair', () => {
    const footer =
      'This article is part of our weekly newsletter, written by the editorial team and checked by two independent ' +
      'editors before publication. Readers can send corrections to the desk at any time.';
    const files = new Map(base);
    for (const f of [...base.keys()].slice(0, 8)) files.set(f, `${base.get(f)!.trimEnd()}\n\n${footer}\n`);
    const r = run(files);
    expect(copiedKeys(r)).toEqual([]);
    expect(r.result.pairs.filter((p) => p.kind === 'near-duplicate')).toEqual([]);
  });

  for (const copies of [5, 6, 12]) {
    it(`${copies} identical copies of one article form one cluster with every copy and all their pairs`, () => {
      const files = new Map(base);
      const text = base.get('howto-sourdough.md')!;
      for (let k = 2; k <= copies; k++) files.set(`howto-sourdough-copy${k}.md`, text);
      const r = run(files);
      const members = [
        'howto-sourdough.md',
        ...Array.from({ length: copies - 1 }, (_, k) => `howto-sourdough-copy${k + 2}.md`),
      ];
      const near = r.result.pairs.filter(
        (p) => p.kind === 'near-duplicate' && members.includes(p.a) && members.includes(p.b),
      );
      expect(near).toHaveLength((copies * (copies - 1)) / 2);
      const cluster = r.result.clusters.find((c) => c.includes('howto-sourdough.md'))!;
      expect([...cluster].sort()).toEqual(expect.arrayContaining(members));
      expect(r.findings.filter((f) => f.ruleId === 'near-duplicate' && members.includes(f.path))).toHaveLength(
        copies * (copies - 1),
      );
    });
  }
});

describe('duplication: every pair of a cluster has a score', () => {
  it('the five demo seeds: the reported pairs plus the cluster scores cover all ten pairs', () => {
    const dir = path.resolve(__dirname, '../corpus');
    const files = new Map(
      readdirSync(dir)
        .filter((f) => f.endsWith('.txt'))
        .map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]),
    );
    const r = run(files);
    expect(r.result.clusters).toHaveLength(1);
    expect(r.result.clusters[0]).toHaveLength(5);
    const scored = new Set([...r.result.pairs, ...(r.result.clusterScores ?? [])].map((p) => key(p.a, p.b)));
    expect(scored.size).toBe(10);
    // A cluster score is never a reported pair, and never produces a finding.
    const reported = new Set(r.result.pairs.map((p) => key(p.a, p.b)));
    for (const s of r.result.clusterScores ?? []) expect(reported.has(key(s.a, s.b))).toBe(false);
  });
});
