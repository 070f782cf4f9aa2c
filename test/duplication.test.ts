import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { articleFromText } from '../pipeline/article.js';
import { stampStageDrafts } from '../pipeline/stamp.js';
import { duplicationStage, runWithDiagnostics } from '../pipeline/stages/duplication/index.js';
import type { Article, DuplicatePair } from '../pipeline/types.js';
import { runDuplication, type StageOptions } from './helpers/duplication-run.js';

const root = path.resolve(__dirname, 'fixtures/duplicates');
const defaults = { 'near-duplicate': {}, 'similar-content': {} };

function loadFixtures(): Article[] {
  return ['base', 'near', 'spun'].flatMap((dir) =>
    readdirSync(path.join(root, dir))
      .filter((f) => /\.(md|txt)$/.test(f))
      .map((f) => articleFromText(`${dir}/${f}`, readFileSync(path.join(root, dir, f)))),
  );
}

/** As the pipeline does (test/helpers/duplication-run.ts). */
const run = (articles: Article[], focus: ReadonlySet<string> | null = null, options: StageOptions = defaults) =>
  runDuplication(articles, options, focus);
const key = (p: { a: string; b: string }) => `${p.a}|${p.b}`;

describe('duplication: labelled fixtures', () => {
  const articles = loadFixtures();
  const labels = JSON.parse(readFileSync(path.join(root, 'labels.json'), 'utf8')) as {
    pairs: { a: string; b: string; kind: DuplicatePair['kind'] }[];
    hardNegatives: { a: string; b: string }[];
  };
  const { result, findings } = run(articles);

  it('reaches precision and recall ≥ 0.95 per tier', () => {
    const expected = new Map(labels.pairs.map((p) => [key(p), p.kind]));
    for (const kind of ['near-duplicate', 'similar-content'] as const) {
      const reported = result.pairs.filter((p) => p.kind === kind);
      const labelled = labels.pairs.filter((p) => p.kind === kind);
      const tp = reported.filter((p) => expected.get(key(p)) === kind).length;
      const precision = reported.length ? tp / reported.length : 1;
      const recall = labelled.length ? tp / labelled.length : 1;
      console.log(
        `${kind}: precision ${precision.toFixed(3)} recall ${recall.toFixed(3)} (${tp} true of ${reported.length} ` +
          `reported, ${labelled.length} labelled)`,
      );
      expect(precision).toBeGreaterThanOrEqual(0.95);
      expect(recall).toBeGreaterThanOrEqual(0.95);
    }
  });

  it('does not report same-topic articles (hard negatives)', () => {
    const reported = new Set(result.pairs.map(key));
    for (const n of labels.hardNegatives) expect(reported.has(key(n)), key(n)).toBe(false);
  });

  it('reports ordered pairs, sorted, with evidence mapped to original lines', () => {
    for (const p of result.pairs) {
      expect(p.a < p.b).toBe(true);
      expect(p.shared.length).toBeGreaterThan(0);
      expect(p.shared.length).toBeLessThanOrEqual(20);
      const a = articles.find((x) => x.path === p.a)!;
      const b = articles.find((x) => x.path === p.b)!;
      for (const s of p.shared) {
        expect(s.a.line).toBeGreaterThanOrEqual(1);
        expect(s.a.endLine).toBeLessThanOrEqual(a.source.lineStarts.length);
        expect(s.b.endLine).toBeLessThanOrEqual(b.source.lineStarts.length);
        // The passage's first words are on its first original line.
        const line = a.source.text.slice(a.source.lineStarts[s.a.line - 1]).split(/\r?\n/)[0];
        expect(line).toContain(s.text.split(' ').slice(0, 2).join(' '));
        expect(s.textB).toBeTruthy();
      }
    }
    const sims = result.pairs.map((p) => p.similarity);
    expect([...sims].sort((x, y) => y - x)).toEqual(sims);
    expect(findings.length).toBe(result.pairs.length * 2);
    const spun = findings.find((f) => f.ruleId === 'similar-content')!;
    // The pipeline stamps each rule's default severity on the stage's drafts.
    const stamped = stampStageDrafts(duplicationStage, findings);
    expect(stamped.find((f) => f.ruleId === 'similar-content')!.severity).toBe('warning');
    expect(spun.message).toMatch(
      new RegExp(
        String.raw`^Spun version of \S+ \(cosine 0\.\d\d, \d+ aligned sentences? in the same order covering \d+% of ` +
          String.raw`this article and \d+% of the other\)\.$`,
      ),
    );
    expect(spun.related?.[0].path).toBeTruthy();
    expect(stamped.find((f) => f.ruleId === 'near-duplicate')!.severity).toBe('error');
  });

  it('is deterministic and independent of input order', () => {
    const again = run([...articles].reverse());
    expect(again.result).toEqual(result);
  });

  it('reports a short article inside a long one via containment', () => {
    const p = result.pairs.find((x) => x.a === 'base/travel-lisbon.md' && x.b === 'near/travel-lisbon-day-two.md')!;
    expect(p.kind).toBe('near-duplicate');
    expect(p.jaccard!).toBeLessThan(0.5);
    expect(p.containment!).toBeGreaterThanOrEqual(0.8);
    const f = findings.find((x) => x.path === 'near/travel-lisbon-day-two.md' && x.ruleId === 'near-duplicate')!;
    expect(f.message).toMatch(/^Contained in base\/travel-lisbon\.md/);
  });

  it('builds clusters with the longest article first', () => {
    const cluster = result.clusters.find((c) => c.includes('base/howto-sourdough.md'))!;
    expect([...cluster].sort()).toEqual([
      'base/howto-sourdough.md',
      'near/howto-sourdough-repost.md',
      'spun/howto-sourdough-spun.md',
    ]);
    const words = (p: string) => articles.find((a) => a.path === p)!.words;
    expect(words(cluster[0])).toBe(Math.max(...cluster.map(words)));
    expect(cluster.slice(1)).toEqual([...cluster.slice(1)].sort());
  });

  it('finds every spun pair by its outline alone (structural path, strongCosine off)', () => {
    const structural = run(articles, null, { 'near-duplicate': {}, 'similar-content': { strongCosine: 1 } });
    const found = new Set(structural.result.pairs.filter((p) => p.kind === 'similar-content').map(key));
    for (const p of labels.pairs.filter((x) => x.kind === 'similar-content'))
      expect(found.has(key(p)), key(p)).toBe(true);
  });

  it('does not report two stories about one company on shared names plus a restated line (strong path)', () => {
    const pair = ['base/news-skarvik-fire.md', 'base/news-skarvik-order.md'];
    const two = articles.filter((a) => pair.includes(a.path));
    // The old rule (cosine ≥ strongCosine plus any aligned sentence) let this pair through; the alignment still
    // finds paraphrase-like sentences, but not two that share a run of wording.
    const loose = {
      'near-duplicate': { keepInternals: true },
      'similar-content': { strongMinAligned: 1, strongMinCoverage: 0, minLongerCoverage: 0 },
    };
    const documents = two.map((a) => ({ path: a.path, words: a.words, features: duplicationStage.extract(a, loose) }));
    const byPath = new Map(two.map((a) => [a.path, a]));
    const old = runWithDiagnostics(documents, { options: loose, focus: null, articleFor: (p) => byPath.get(p)! });
    const metrics = old.internals!.tier2.find((m) => key(m) === pair.join('|'))!;
    expect(metrics.cosine).toBeGreaterThanOrEqual(0.42);
    expect(metrics.paraphrased).toBeGreaterThanOrEqual(1);
    expect(metrics.phrased).toBeLessThan(2);
    expect(old.result.pairs).toEqual([]);
    expect(run(two).result.pairs).toEqual([]);
  });

  it('focus mode only reports pairs involving a focus path', () => {
    const focus = new Set(['spun/health-sleep-spun.md']);
    const focused = run(articles, focus);
    expect(focused.result.pairs.length).toBe(2);
    for (const p of focused.result.pairs) expect(focus.has(p.a) || focus.has(p.b)).toBe(true);
    for (const f of focused.findings) expect(f.path).toBe('spun/health-sleep-spun.md');
  });
});

describe('duplication: boilerplate', () => {
  const footer =
    `\n\n## About this site\n\nThe Harbour Courier is an independent, reader-funded newsroom covering ` +
    `the towns and villages along the northern coast since 1921. Our reporters follow local councils, courts, ` +
    `schools and businesses so that you do not have to. Everything we publish is free to read, and it stays that ` +
    `way because thousands of readers chip in every month. If you value local journalism, please consider ` +
    `becoming a supporting member today. Members receive our weekly newsletter, early access to investigations ` +
    `and invitations to events with the newsroom. Tips, corrections and complaints can be sent to the editor ` +
    `at any time; we answer every message and publish corrections at the bottom of the article concerned. ` +
    `© The Harbour Courier. All rights reserved. Reproduction without written permission is prohibited.\n`;
  const bases = readdirSync(path.join(root, 'base'))
    .filter((f) => /\.(md|txt)$/.test(f))
    .sort();

  it('two different articles with the same long footer are not reported', () => {
    const two = ['news-veltrix-recall.md', 'science-urban-bees.md'].map((f) =>
      articleFromText(`site/${f.replace('.txt', '.md')}`, readFileSync(path.join(root, 'base', f), 'utf8') + footer),
    );
    expect(run(two).result.pairs).toEqual([]);
  });

  it('a site-wide footer on many articles is dropped as boilerplate', () => {
    const many = bases.map((f) =>
      articleFromText(`site/${f.replace('.txt', '.md')}`, readFileSync(path.join(root, 'base', f), 'utf8') + footer),
    );
    expect(run(many).result.pairs).toEqual([]);
  });
});

describe('duplication: identical copies count once for boilerplate', () => {
  // A generated docs site: every page ends with the same option reference, a minority of the long pages and most of
  // the two short ones. Six identical copies of one short page must not outvote the rest and turn the section into
  // content (it would pair every short page with every other); the copies still pair up with each other.
  const section =
    `\n\n## Shared options\n\n### --workspace\n\nRuns the command in the context of the named workspace. ` +
    `Valid values are the name of a workspace, the path to a workspace directory, or the path to a parent ` +
    `directory, in which case every workspace inside it is used. The option can be given more than once.\n\n` +
    `### --json\n\nPrints the result as JSON instead of the usual human-readable table. Errors are printed as ` +
    `JSON objects on standard error with a code and a summary, so scripts can tell a missing package from a ` +
    `network failure. Not every command supports this option yet.\n\n### --global\n\nOperates on the ` +
    `global installation prefix instead of the current project. Packages are placed in the prefix folder and ` +
    `their executables are linked into the prefix bin folder, which should be on the search path.\n`;
  const bases = readdirSync(path.join(root, 'base'))
    .filter((f) => /\.(md|txt)$/.test(f))
    .sort()
    .slice(0, 8);
  const long = bases.map((f) =>
    articleFromText(`site/${f.replace('.txt', '.md')}`, readFileSync(path.join(root, 'base', f), 'utf8') + section),
  );
  const short = (name: string, intro: string) => articleFromText(`site/${name}.md`, `# ${name}\n\n${intro}${section}`);
  const pinned = short('pin', 'Pins the named dependency to the version the lockfile already records for it.');
  const pruned = short('prune', 'Removes folders of packages that no manifest in the project depends on any more.');
  const copies = [1, 2, 3, 4, 5, 6].map((k) =>
    articleFromText(
      `farm/pin-${k}.md`,
      `# pin\n\nPins the named dependency to the version the lockfile already records for it.${section}`,
    ),
  );

  it('without copies the section is boilerplate', () => {
    expect(run([...long, pinned, pruned]).result.pairs).toEqual([]);
  });

  it('six copies of a short page do not turn it into content for the other pages', () => {
    const pairs = run([...long, pinned, pruned, ...copies]).result.pairs.map(key);
    const outside = pairs.filter((k) => !/^(farm\/pin-\d|site\/pin)\.md\|(farm\/pin-\d|site\/pin)\.md$/.test(k));
    expect(outside).toEqual([]);
    expect(pairs.filter((k) => k.startsWith('farm/')).length).toBeGreaterThanOrEqual(15);
  });
});

describe('duplication: seed corpus', () => {
  it('puts all five spun seeds in one similar-content cluster, no near-duplicates', () => {
    const dir = path.resolve(__dirname, '../corpus');
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.txt'))
      .sort();
    const articles = files.map((f) => articleFromText(`corpus/${f}`, readFileSync(path.join(dir, f))));
    const { result } = run(articles);
    for (const p of result.pairs)
      console.log(`${p.a} ~ ${p.b}: ${p.kind} cosine ${p.cosine} coverage ${p.coverageA}/${p.coverageB}`);
    expect(result.pairs.every((p) => p.kind === 'similar-content')).toBe(true);
    // Topic-level rewrites: the pairs with an outline in common (≥ 3 sentences in order, ≥ 15 % of the shorter
    // article) connect all five; the pairs that share one or two lines only are not reported on their own.
    expect(result.pairs.length).toBeGreaterThanOrEqual(4);
    expect(result.clusters).toHaveLength(1);
    expect([...result.clusters[0]].sort()).toEqual(files.map((f) => `corpus/${f}`));
  });
});

describe('duplication: features', () => {
  const articles = loadFixtures();
  const extractAll = (list: Article[], options: Record<string, Record<string, unknown>> = defaults) =>
    list.map((a) => ({ path: a.path, words: a.words, features: duplicationStage.extract(a, options) }));

  it('are one compact typed array per article', () => {
    for (const { features, words } of extractAll(articles)) {
      expect(features).toBeInstanceOf(Uint32Array);
      expect(features.byteOffset).toBe(0);
      expect(features.buffer.byteLength).toBe(features.byteLength);
      // Shingles, stems, tokens and sentences of a few-hundred-word article: a few KB, not the article's ~80 KB.
      expect(features.byteLength).toBeLessThan(64 + 24 * words);
    }
  });

  it('do not depend on what was extracted before (no shared vocabulary)', () => {
    const first = extractAll(articles.slice(0, 3));
    extractAll([...articles].reverse());
    const again = extractAll(articles.slice(0, 3));
    expect(again).toEqual(first);
  });

  it('survive structured clone and v8 serialisation with the same result', () => {
    const documents = extractAll(articles);
    const byPath = new Map(articles.map((a) => [a.path, a]));
    const context = { options: defaults, focus: null, articleFor: (p: string) => byPath.get(p)! };
    const direct = duplicationStage.run(documents, context);
    const cloned = duplicationStage.run(structuredClone(documents), context);
    const serialised = duplicationStage.run(v8.deserialize(v8.serialize(documents)) as typeof documents, context);
    expect(cloned).toEqual(direct);
    expect(serialised).toEqual(direct);
  });

  it('re-derives articles only for the documents of reported pairs', () => {
    const byPath = new Map(articles.map((a) => [a.path, a]));
    const asked: string[] = [];
    const { result } = duplicationStage.run(extractAll(articles), {
      options: defaults,
      focus: null,
      articleFor: (p) => (asked.push(p), byPath.get(p)!),
    });
    const involved = new Set(result.pairs.flatMap((p) => [p.a, p.b]));
    expect(new Set(asked)).toEqual(involved);
    expect(asked.length).toBe(involved.size);
  });

  it('rejects features extracted with other options or changed articles', () => {
    const documents = extractAll(articles, { 'near-duplicate': { shingleSize: 4 }, 'similar-content': {} });
    expect(() =>
      duplicationStage.run(documents, { options: defaults, focus: null, articleFor: () => articles[0] }),
    ).toThrow(/shingleSize/);
    expect(() =>
      duplicationStage.run([{ path: 'x.md', words: 1, features: new Uint32Array(3) }], {
        options: defaults,
        focus: null,
        articleFor: () => articles[0],
      }),
    ).toThrow(/invalid features/);
    // A reported document whose article no longer matches its features.
    const pair = ['base/howto-sourdough.md', 'near/howto-sourdough-repost.md'];
    const two = articles.filter((a) => pair.includes(a.path));
    expect(() =>
      duplicationStage.run(extractAll(two), {
        options: defaults,
        focus: null,
        articleFor: (p) => articleFromText(p, 'Something else entirely.'),
      }),
    ).toThrow(/changed/);
  });
});

describe('duplication: wide feature layouts', () => {
  it('handles an article with more than 65,536 distinct stems in one sentence', () => {
    let x = 7;
    const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
    const seen = new Set<string>();
    while (seen.size < 70000) {
      let w = '';
      for (let i = 0; i < 7; i++) w += String.fromCharCode(97 + (next() % 26));
      seen.add(w);
    }
    const text = `Title here\n\n${[...seen].join(' ')}\n`;
    const articles = [
      articleFromText('a.md', text),
      articleFromText('b.md', text.replace('Title here', 'Other title')),
    ];
    const { result } = run(articles);
    expect(result.pairs.map((p) => [p.a, p.b, p.kind])).toEqual([['a.md', 'b.md', 'near-duplicate']]);
    expect(result.pairs[0].shared[0].a.line).toBe(3);
  });
});

describe('duplication: options', () => {
  it('rejects invalid option values', () => {
    expect(() => run([], null, { 'near-duplicate': { jaccard: 'high' } as never, 'similar-content': {} })).toThrow(
      /jaccard/,
    );
  });
  it('handles empty and tiny corpora', () => {
    expect(run([]).result).toEqual({
      pairs: [],
      clusters: [],
      clusterScores: [],
      copied: [],
      foundElsewhere: { share: 0, documents: [] },
    });
    expect(run([articleFromText('a.md', 'Hi.'), articleFromText('b.md', 'Hi.')]).result.pairs).toEqual([]);
  });
});

describe('duplication: the quoted evidence', () => {
  it('is a telling sentence, not the shared title, when real sentences match too', () => {
    const body = [
      'The harbour board approved a new ferry timetable on Tuesday after months of complaints from island residents.',
      'Boats will now leave every forty minutes during the morning rush instead of every hour.',
      'The board said the change would cost about two hundred thousand pounds a year in extra crew wages.',
      'Residents who commute to the mainland welcomed the decision but asked for later evening sailings too.',
    ].join('\n\n');
    const copy = (name: string) => articleFromText(name, Buffer.from(`# Ferry timetable\n\n${body}\n`));
    const { findings } = run([copy('a.md'), copy('b.md')]);
    const near = findings.filter((f) => f.ruleId === 'near-duplicate');
    expect(near).toHaveLength(2);
    for (const finding of near) {
      expect(finding.evidence).not.toBe('Ferry timetable');
      expect((finding.evidence ?? '').split(' ').length).toBeGreaterThanOrEqual(8);
    }
  });
});
