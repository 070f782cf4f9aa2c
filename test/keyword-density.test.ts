import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { articleFromText } from '../pipeline/article.js';
import { keywordDensityRule as rule, type KeywordDensityOptions } from '../pipeline/stages/keywords/keyword-density.js';
import type { Article } from '../pipeline/types.js';
import { expectQuality, labelledFixtures, scoreDetector } from './helpers/labelled.js';
import { checkArticle } from '../pipeline/rule.js';

const optionsFor = (file: string): KeywordDensityOptions => {
  const side = file.replace(/\.(md|txt)$/, '.json');
  return {
    ...rule.defaults,
    ...(existsSync(side) ? (JSON.parse(readFileSync(side, 'utf8')) as Partial<KeywordDensityOptions>) : {}),
  };
};
/** The corpus pass's inputs as the pipeline builds them: partials in path order, passed as plain data. */
const corpusPass = (articles: Article[], options: KeywordDensityOptions) => {
  const partials = articles.map((a) => ({ path: a.path, partial: structuredClone(rule.collect!(a, options)) }));
  const prepared = rule.combine!(
    [...partials].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    options,
  );
  return { partials, prepared };
};
/** The pipeline's two passes: check without corpus data (and collect), combine, check again where dependsOnCorpus. */
const run = (articles: Article[], options: KeywordDensityOptions) => {
  const first = articles.map((a) => checkArticle(rule, a, { options, prepared: undefined }));
  const { partials, prepared } = corpusPass(articles, options);
  return articles.map((a, i) =>
    rule.dependsOnCorpus!(partials[i].partial, prepared, a.path, options)
      ? checkArticle(rule, a, { options, prepared })
      : first[i],
  );
};

describe('keyword-density fixtures', () => {
  it('precision ≥ 0.95, recall ≥ 0.9, ≤ 1 false finding per 50 clean articles', () => {
    // Corpus pass per file: options differ per fixture (sidecar JSON), and the corpus expectation would otherwise mix
    // labels.
    const fixtures = labelledFixtures('keyword-density');
    const quality = scoreDetector(fixtures, (f) => run([articleFromText(f.path, f.bytes)], optionsFor(f.path))[0]);
    expectQuality('keyword-density', fixtures, quality);
  });

  // Reference docs (prose-node tuning): a status label above every entry and a formula opening every option's
  // description are the page's template, one use per block in its first sentence; stuffing several to a paragraph
  // stays reported even where it opens the paragraph.
  it('a phrase that opens each entry of a reference page is its template, not stuffing', () => {
    const fixtures = labelledFixtures('keyword-density');
    const findings = (label: 'positives' | 'negatives', file: string) => {
      const f = fixtures[label].find((x) => x.file === file)!;
      return run([articleFromText(f.path, f.bytes)], optionsFor(f.path))[0];
    };
    expect(findings('negatives', '42-template-labels-docs.md')).toEqual([]);
    expect(findings('negatives', '43-template-openers-docs.md')).toEqual([]);
    expect(findings('positives', '41-stuffed-openers.md').map((f) => f.message)).toEqual([
      expect.stringContaining('"garden furniture sale" is repeated 7 times'),
    ]);
  });
});

// Nine words per sentence, no repeated phrase.
const filler = (n: number) =>
  Array.from({ length: n }, (_, i) => `Sentence ${i} mentions word${i}a, word${i}b and word${i}c near place${i}.`).join(
    ' ',
  );

describe('keyword-density units', () => {
  it('does not count URLs as words of a phrase', () => {
    const links = Array.from(
      { length: 12 },
      (_, i) => `See https://github.com/nodejs/node/issues/${i} for case ${i}.`,
    ).join(' ');
    const found = run([articleFromText('u.md', `# Links\n\n${filler(8)} ${links}\n`)], rule.defaults)[0];
    expect(found.filter((f) => /github|https/.test(f.message))).toEqual([]);
  });

  it('code is no prose: inline code, identifiers, import paths and calls never make an automatic phrase', () => {
    const auto = (sentence: string) =>
      run(
        [
          articleFromText(
            'c.md',
            `# Setup\n\n${filler(8)} ` +
              `${Array.from({ length: 8 }, (_, i) => sentence.replace('#', String(i))).join(' ')}\n`,
          ),
        ],
        rule.defaults,
      )[0];
    for (const sentence of [
      'In case # we use `define props` here.', // inline code
      'In case # we use vue/compiler-sfc here.', // import path
      'In case # we use node.js here.', // dotted name
      'In case # we use defineModel() here.', // call
      'In case # we use some_config here.', // snake_case identifier
    ]) {
      expect(auto(sentence), sentence).toEqual([]);
    }
    // The same density of prose words is still stuffing.
    expect(
      auto('In case # we use cheap flights here.')
        .map((f) => f.message)
        .join(),
    ).toMatch(/cheap flights/);
  });

  it('warning above 3%, error above 4%, nothing at or under 3%', () => {
    // 180 filler words + title (2) + first sentence (4) + 4 per extra use: 2 uses = 2.1%, 3 uses = 3.1%, 6 uses = 5.6%.
    const make = (uses: number) =>
      `# Solar guide\n\nSolar panels for beginners. ${filler(20)} ${'We sell solar panels. '.repeat(uses - 1)}\n`;
    const opts = { ...rule.defaults, keywords: ['solar panels'] };
    const at = (uses: number) =>
      run([articleFromText('s.md', make(uses))], opts)[0].filter((f) => f.severity !== 'info');
    expect(at(2)).toEqual([]);
    const w = at(3);
    expect(w[0].severity).toBe('warning');
    expect(w[0].message).toMatch(/solar panels/);
    expect([w[0].line, w[0].column]).toEqual([3, 1]);
    expect(at(6)[0].severity).toBe('error');
  });

  it('no density finding under minWords', () => {
    const a = articleFromText('short.md', '# Solar panels\n\nSolar panels, solar panels, solar panels.\n');
    expect(run([a], { ...rule.defaults, keywords: ['solar panels'] })[0]).toEqual([]);
  });

  it('info when the keyphrase is in neither title nor first paragraph; literal matching', () => {
    const a = articleFromText('p.md', `# Weather\n\n${filler(12)}\n\nSome people use c++ tools.\n`);
    const [f] = run([a], { ...rule.defaults, keywords: ['C++ tools'] })[0];
    expect(f.severity).toBe('info');
    expect([f.line, f.column]).toEqual([1, 3]);
    // A keyword without any word characters is ignored (never treated as a pattern).
    expect(run([a], { ...rule.defaults, keywords: ['.*'] })[0]).toEqual([]);
  });

  it('automatic detection is relative to the corpus: a phrase every article uses is the topic, not stuffing', () => {
    const stuffed = (i: number) =>
      articleFromText(
        `t${i}.md`,
        `# Trip ${i}\n\n${filler(12)} ${'Book cheap flights now with cheap flights deals. '.repeat(4)}\n`,
      );
    const plain = (i: number) => articleFromText(`p${i}.md`, `# Note ${i}\n\n${filler(16)}\n`);
    expect(run([stuffed(0)], rule.defaults)[0]).toHaveLength(1);
    const mixed = run([stuffed(0), plain(1), plain(2), plain(3), plain(4)], rule.defaults);
    expect(mixed[0]).toHaveLength(1);
    expect(mixed[0][0].message).toContain('cheap flights');
    const all = run([0, 1, 2, 3, 4].map(stuffed), rule.defaults);
    expect(all.flat()).toEqual([]);
  });

  it(
    "judges the page's subject and a repeated proper name against subjectDensity, other phrases against " +
      'autoDensity',
    () => {
      // The same 8 uses of a two-word phrase in ~170 words (≈ 9%): natural for the page's subject or a name, stuffing
      // otherwise.
      const uses = (phrase: string) => [
        `The ${phrase} was tested in week #.`,
        `Our team wrote about ${phrase} last year.`,
        `Many readers asked how ${phrase} behaves.`,
        `Nobody expected ${phrase} to change so much.`,
      ];
      const body = (phrase: string) =>
        `${filler(12)} ${Array.from({ length: 8 }, (_, i) => uses(phrase)[i % 4].replace('#', String(i))).join(' ')}`;
      const messages = (title: string, phrase: string, options = rule.defaults) =>
        run([articleFromText('s.md', `# ${title}\n\n${body(phrase)}\n`)], options)[0].map((f) => f.message);
      expect(messages('Custom directives', 'custom directive')).toEqual([]); // title, singular/plural
      expect(messages('Weather', 'Kingsford Rovers')).toEqual([]); // a name written as one inside sentences
      expect(messages('Weather', 'cheap flights')[0]).toMatch(/"cheap flights" .* \(automatic limit 5\.0%\)/);
      expect(messages('Custom directives', 'custom directive', { ...rule.defaults, subjectDensity: 0 })).toHaveLength(
        1,
      );
      // Configured keyphrases keep Yoast's limits whatever the title says.
      const configured = messages('Custom directives', 'custom directive', {
        ...rule.defaults,
        keywords: ['custom directive'],
      });
      expect(configured[0]).toMatch(/Keyphrase "custom directive" makes up/);
    },
  );

  // Reference docs whose title is an identifier (fifth set, CMake tuning half: policy and property pages). The lead
  // sentence names the term once, as a summary does; a phrase that labels code names is the page's vocabulary.
  it("the lead names the page's subject once; a phrase that labels code names is vocabulary; stuffing stays", () => {
    const uses = (phrase: string) => [
      `Before release #, the ${phrase} ran after every other step.`,
      `Release # and later run the ${phrase} in the order they are declared.`,
      `Projects that rely on the old order of the ${phrase} can keep it for now.`,
      `The tool warns when the ${phrase} of a project are read in the old order.`,
    ];
    const body = (phrase: string) =>
      `${filler(8)} ${Array.from({ length: 7 }, (_, i) => uses(phrase)[i % 4].replace('#', String(i))).join(' ')}`;
    const page = (lead: string, phrase: string) =>
      `# OPT0082\n\n*New in version 3.14.*\n\n${lead}\n\n${body(phrase)}\n`;
    const messages = (text: string) => run([articleFromText('p.md', text)], rule.defaults)[0].map((f) => f.message);
    // Named once in the lead: the page's subject (8 uses, about 9%).
    expect(
      messages(page('Cleanup rules from sub-projects run in the order they are declared.', 'cleanup rules')),
    ).toEqual([]);
    // Not in the lead, or repeated there: judged against the automatic limit.
    expect(messages(page('Steps from sub-projects run in the order they are declared.', 'cleanup rules'))[0]).toMatch(
      /"cleanup rules" is repeated 7 times/,
    );
    expect(
      messages(page('Cleanup rules: our cleanup rules are the best cleanup rules you can buy.', 'cleanup rules'))[0],
    ).toMatch(/"cleanup rules" is repeated 10 times/);
    // A phrase that follows a code name in most of its uses labels it ("the `X` build option").
    const labels = [
      'The `FAST_LINK` build option is off by default.',
      'Set the `KEEP_TEMPS` build option to keep files.',
      'The `STRIP_ALL` build option removes symbols.',
      'When the `FAST_LINK` build option is on, the `SPLIT_DEBUG` build option is ignored.',
      'Each build option can be set on the command line.',
      'See the `LINK_MODE` build option for more.',
    ].join(' ');
    expect(messages(`# FAST_LINK\n\nWhether links are fast.\n\n${filler(12)} ${labels}\n`)).toEqual([]);
  });

  it('seed corpus: no automatic findings once the corpus expectation is applied', () => {
    const articles = readdirSync('corpus')
      .filter((f) => f.endsWith('.txt'))
      .map((f) => articleFromText(`corpus/${f}`, readFileSync(`corpus/${f}`)));
    expect(run(articles, rule.defaults).flat()).toEqual([]);
  });

  it('the per-article partial stays small, even for a passage repeated many times', () => {
    // About 100 distinct dense phrases; the cap keeps 64 (plus the article's own candidates, at most 3).
    const words = Array.from({ length: 40 }, (_, i) => (i % 5 === 4 ? 'the' : `term${i}`)).join(' ');
    const a = articleFromText('r.md', `# R\n\n${`${words} and more. `.repeat(12)}\n`);
    const partial = rule.collect!(a, rule.defaults);
    expect(partial.candidates.length).toBeGreaterThan(0);
    expect(partial.grams.length).toBeLessThanOrEqual(64 + 3);
    expect(partial.grams.map(([k]) => k)).toEqual(expect.arrayContaining(partial.candidates));
    // No automatic detection: nothing to collect.
    expect(rule.collect!(a, { ...rule.defaults, keywords: ['term1 term2'] }).grams).toEqual([]);
  });
});

// Reference docs (ninth set, PostgreSQL tuning half; sixth set, Python): a command page names its command in capitals
// in the title, the synopsis line and the links to its siblings; a lead names its term in several longer names ("the
// session user identifier and the current user identifier"); a phrase extends the title's term by one word ("shared
// memory block" under "Shared memory"). Invented pages; stuffing of the same phrases stays reported.
describe('keyword-density on reference pages: what names the subject', () => {
  const messages = (text: string) => run([articleFromText('r.md', text)], rule.defaults)[0].map((f) => f.message);
  const uses = (phrase: string) => [
    `Only the owner of the ${phrase} may run this.`,
    `The name of an existing ${phrase} to change.`,
    `The new owner of the ${phrase} after the change.`,
    `Refuse to change the ${phrase} if others use it.`,
  ];
  const body = (phrase: string, n: number) => Array.from({ length: n }, (_, i) => uses(phrase)[i % 4]).join(' ');

  it('command names in capitals are code, not uses of the phrase', () => {
    // 4 uses in capitals (title, synopsis line, two links) and 7 in prose, 107 words: 20.6 % with the capitals, 13.1 %
    // without them (subject limit 15 %); 4 more uses stuffed into one sentence make 17.9 % of prose uses.
    const command = (extra: string) =>
      '# RENAME STORAGE POOL\n\nRENAME STORAGE POOL — give a storage pool a new name\n\n## Description\n\n' +
      `${filler(3)}\n\n${body('storage pool', 6)}\n\n${extra}` +
      '## See Also\n\n[CREATE STORAGE POOL](a.html), [DROP STORAGE POOL](b.html)\n';
    expect(messages(command(''))).toEqual([]);
    const stuffed = 'Every storage pool, a storage pool and a storage pool again: buy a storage pool today.\n\n';
    expect(messages(command(stuffed))[0]).toMatch(/"storage pool" is repeated 11 times/);
  });

  it('a lead that names its term in different names defines it; a lead repeating the bare phrase is stuffed', () => {
    // 9 or 10 uses in about 210 words (8.5 %, 9.5 %): under the subject limit, over the automatic one.
    const lead = (first: string) => `# ROTATE KEYS\n\n${first}\n\n${filler(14)}\n\n${body('signing key', 7)}\n`;
    expect(
      messages(lead('Rotate keys — replace the session signing key and the backup signing key of the server.')),
    ).toEqual([]);
    expect(messages(lead('Signing key: our signing key is the signing key you need for the server.'))[0]).toMatch(
      /"signing key" is repeated 10 times/,
    );
    // Uses side by side are not each other's names.
    expect(messages(lead('Signing key, signing key, signing key for the server.'))[0]).toMatch(
      /"signing key" is repeated 10 times/,
    );
  });

  it("a phrase that adds one word to the title's term is a kind of the subject, and so are its fragments", () => {
    // 7 uses of a three-word phrase in about 177 words (11.9 %); its fragment "cache entry" makes 7.9 %.
    const kind = (title: string) =>
      `# ${title}\n\nThis module keeps pages in memory.\n\n${filler(10)}\n\n${body('page cache entry', 7)}\n`;
    expect(messages(kind('`cachelib` — Page cache for slow disks'))).toEqual([]);
    expect(messages(kind('`cachelib` — Memory for slow disks'))[0]).toMatch(/"page cache entry" is repeated 7 times/);
  });

  it('a phrase is not cleared by two shorter subject phrases that cover it between them', () => {
    // "project management" and "management software" are each under the subject limit (13.8 %); the whole is at 20.8 %.
    const stuffing = [
      'The best project management software deals are here, so compare project management software today.',
      'Everyone needs project management software, and project management software is what we do.',
      'Find project management software near you and save on project management software now.',
      'Looking for project management software? Our project management software guide covers all of it.',
    ].join(' ');
    const page = `# Logging: project management software\n\n${filler(6)} ${stuffing} ${filler(2)}\n`;
    expect(messages(page)[0]).toMatch(/"project management software" is repeated 9 times/);
  });
});

describe('keyword-density corpus contract', () => {
  it('check with corpus data equals the first pass where dependsOnCorpus is false, and differs where true', () => {
    const fixtures = labelledFixtures('keyword-density');
    const files = [...fixtures.positives, ...fixtures.negatives];
    const articles = files.map((f) => articleFromText(f.path, f.bytes));
    const seed = readdirSync('corpus')
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .map((f) => articleFromText(`corpus/${f}`, readFileSync(`corpus/${f}`)));
    const stuffed = (i: number) =>
      articleFromText(
        `t${i}.md`,
        `# Trip ${i}\n\n${filler(12)} ${'Book cheap flights now with cheap flights deals. '.repeat(4)}\n`,
      );
    const plain = (i: number) => articleFromText(`p${i}.md`, `# Note ${i}\n\n${filler(16)}\n`);
    // Fixtures grouped by their sidecar options (one corpus each), then corpora where the corpus rate matters.
    const groups = new Map<string, Article[]>();
    files.forEach((f, i) => {
      const key = JSON.stringify(optionsFor(f.path));
      groups.set(key, [...(groups.get(key) ?? []), articles[i]]);
    });
    const corpora: [Article[], KeywordDensityOptions][] = [
      ...[...groups].map(([key, group]): [Article[], KeywordDensityOptions] => [
        group,
        JSON.parse(key) as KeywordDensityOptions,
      ]),
      [[...articles, ...seed, stuffed(0), plain(1)], rule.defaults],
      [seed, rule.defaults],
      [[stuffed(0), stuffed(1), stuffed(2), plain(3), plain(4)], rule.defaults],
      [[0, 1, 2, 3, 4].map(stuffed), rule.defaults],
    ];
    let dependent = 0;
    let checked = 0;
    for (const [corpus, options] of corpora) {
      const { partials, prepared } = corpusPass(corpus, options);
      corpus.forEach((a, i) => {
        const alone = checkArticle(rule, a, { options, prepared: undefined });
        const withCorpus = checkArticle(rule, a, { options, prepared });
        if (rule.dependsOnCorpus!(partials[i].partial, prepared, a.path, options)) {
          dependent++;
          // Exact by design: re-derived only when a finding really goes.
          expect(withCorpus.length, a.path).toBeLessThan(alone.length);
        } else {
          checked++;
          expect(withCorpus, a.path).toEqual(alone);
        }
      });
    }
    console.log(`keyword-density contract: ${checked} checks equal without corpus data, ${dependent} re-checked`);
    expect(dependent).toBeGreaterThan(0);
    expect(checked).toBeGreaterThan(articles.length);
  });
});

describe('keyword-density partial (the grams collect reports)', () => {
  it('keeps a phrase exactly at the floor (θ × words uses) and drops one just under it', () => {
    // 200 words; autoDensity 0.2 → floor 0.25 × 0.2 × 200 = 10 uses: "alpha beta" 5 × 2 = 10, "gamma delta" 4 × 2 = 8.
    const words: string[] = [];
    let filler = 0;
    for (let k = 0; k < 9; k++) {
      words.push(...(k % 2 === 0 ? ['alpha', 'beta'] : ['gamma', 'delta']));
      for (let j = 0; j < (k < 8 ? 20 : 22); j++) words.push(`f${filler++}`);
    }
    const article = articleFromText('floor.md', `${words.join(' ')}.\n`);
    expect(article.words).toBe(200);
    const partial = rule.collect!(article, { ...rule.defaults, autoDensity: 0.2 });
    expect(partial.grams).toEqual([['alpha beta', 10]]);
  });

  it('counts a phrase across thousands of distinct pairs (the gram count table grows without losing counts)', () => {
    // 3,000 two-word sentences of distinct pairs of frequent words, with "Alpha beta." 3 times before and 7 after.
    const sentences: string[] = [];
    for (let k = 0; k < 3; k++) sentences.push('Alpha beta.');
    for (let n = 0; n < 3000; n++) sentences.push(`W${n % 80} v${Math.floor(n / 80)}x${n % 7}.`);
    for (let k = 0; k < 7; k++) sentences.push('Alpha beta.');
    const article = articleFromText('growth.md', `${sentences.join(' ')}\n`);
    expect(article.words).toBe(6020);
    // Floor: 0.25 × 0.013 × 6,020 ≈ 19.6 uses: "alpha beta" makes 20 only if none of its 10 uses is lost.
    const partial = rule.collect!(article, { ...rule.defaults, autoDensity: 0.013 });
    expect(partial.grams).toEqual([['alpha beta', 20]]);
  });
});
