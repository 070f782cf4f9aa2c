// dropped-words: labelled fixtures (precision/recall), one focused test per signal, positions, and the seed corpus.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { articleFromText } from '../pipeline/article.js';
import {
  DET_NEXT,
  droppedWordsRule,
  PRE_CHECKED,
  type DroppedWordsOptions,
} from '../pipeline/stages/keywords/dropped-words.js';
import type { FindingDraft } from '../pipeline/types.js';
import { expectQuality, labelledFixtures, scoreDetector, type LabelledFile } from './helpers/labelled.js';
import { NOUN_DETERMINERS } from '../pipeline/stages/keywords/english-function-words.js';
import { seededTexts } from './helpers/seeded-texts.js';
import { checkArticle } from '../pipeline/rule.js';

const root = path.resolve(import.meta.dirname, '..');
const NBSP = '\u00a0';

function check(relativePath: string, text: string, options: Partial<DroppedWordsOptions> = {}): FindingDraft[] {
  const article = articleFromText(relativePath, text);
  return checkArticle(droppedWordsRule, article, {
    options: { ...droppedWordsRule.defaults, ...options },
    prepared: undefined,
  });
}

const fixtureSet = labelledFixtures('dropped-words');
const withFindings = (f: LabelledFile) => {
  const text = f.bytes.toString('utf8');
  return { file: f.file, text, findings: check(f.path, text) };
};

describe('dropped-words fixtures', () => {
  const positives = fixtureSet.positives.map(withFindings);
  const negatives = fixtureSet.negatives.map(withFindings);

  it('reaches precision >= 0.95 and recall >= 0.9 with at most 1 false finding per 50 clean articles', () => {
    const quality = scoreDetector(fixtureSet, (f) => check(f.path, f.bytes.toString('utf8')));
    expectQuality('dropped-words', fixtureSet, quality);
  });

  // Known misses, by design: a single plain space before "," or "." after a content word ("controlled , working
  // hours", "a compatible .", French "légumes , poissons") reads exactly like the typing slip that real edited news has
  // ("three years ago , only one"), where nothing is missing. Only a wider run or a word that needs a complement is
  // reported (see docs/rules/dropped-words.md). Likewise two plain spaces after a comma in prose ("warm weather,  a
  // successful promotion"): real docs have them as a typing habit ("namespace,  you can"); a no-break space there is
  // still found. They stay positives: the recall above counts them as missed.
  const KNOWN_MISSES = new Set([
    'space-comma-news.md',
    'space-period-docs.md',
    'space-comma-fr.txt',
    'gap-after-comma.md',
  ]);

  it('misses only the known cases that read like typing slips', () => {
    expect(
      positives
        .filter((p) => p.findings.length === 0)
        .map((p) => p.file)
        .sort(),
    ).toEqual([...KNOWN_MISSES].sort());
  });

  it('finds the hole on the expected line when the fixture says so', () => {
    let checked = 0;
    for (const p of positives) {
      const expected = /^<!-- expect: dropped-words line=(\d+) -->/.exec(p.text);
      if (!expected || KNOWN_MISSES.has(p.file)) continue;
      checked++;
      const line = Number(expected[1]);
      expect(
        p.findings.some((f) => f.line === line),
        `${p.file}: expected a finding on line ${line}, got ${p.findings.map((f) => f.line)}`,
      ).toBe(true);
    }
    expect(checked).toBeGreaterThan(15);
  });

  it('positions the finding on the gap itself', () => {
    const p = positives.find((x) => x.file === 'gap-a-new.md')!;
    const lines = p.text.split('\n');
    const lineIndex = lines.findIndex((l) => l.includes('a  central'));
    const column = lines[lineIndex].indexOf('a  central') + 2;
    expect(p.findings).toHaveLength(1);
    expect(p.findings[0]).toMatchObject({
      line: lineIndex + 1,
      column,
      endLine: lineIndex + 1,
      endColumn: column + 2,
      severity: 'warning',
    });
    expect(p.findings[0].message).toBe('Possible dropped word: a double space between "a" and "central".');
    expect(p.findings[0].evidence).toContain('a  central library');
  });

  // Reference docs (prose-node tuning): the writer's spacing beside code names, a sentence break typed without its
  // full stop after a quotation, and "" as the empty string. Each was reported before; none is a missing word.
  it('leaves the spacing and literals of code-writing docs alone', () => {
    for (const file of ['docs-gap-beside-code-name.md', 'docs-quote-then-capital.md', 'docs-empty-string-literal.md']) {
      const n = negatives.find((x) => x.file === file)!;
      expect(
        n.findings.map((f) => f.message),
        file,
      ).toEqual([]);
    }
    for (const file of ['docs-empty-pair-in-phrase.md', 'docs-gap-between-words-beside-code.md']) {
      expect(positives.find((x) => x.file === file)!.findings, file).toHaveLength(1);
    }
  });

  it('finds a hole in a front-matter title', () => {
    const p = positives.find((x) => x.file === 'front-matter-title.md')!;
    expect(p.findings[0]).toMatchObject({ line: 2, column: 14 });
  });
});

describe('dropped-words signals', () => {
  const md = (body: string) => `# Notes\n\n${body}\n`;

  it('NBSP + space in a title, including after a colon', () => {
    const findings = check(
      'a.txt',
      `Power${NBSP} Tools for Gardens:${NBSP} Practical Guide\n\nThe guide covers the basics of choosing tools.\n`,
    );
    expect(findings.map((f) => [f.line, f.column])).toEqual([
      [1, 6],
      [1, 26],
    ]);
    expect(findings[0].message).toBe('Possible dropped word: no-break space + space between "Power" and "Tools".');
  });

  it('double space between words in a sentence', () => {
    expect(check('a.md', md('The  of the city was quiet that night.'))).toHaveLength(1);
    expect(check('a.md', md('They bought a  new car last week.'))).toHaveLength(1);
  });

  it('space before a comma or a full stop: after a word that needs a complement, or wider than one space', () => {
    expect(check('a.md', md('The plan covers schools, including , and transport.'))[0].message).toBe(
      'Possible dropped word: a space before "," after "including".',
    );
    expect(check('a.md', md('After the move, the new office is located in .'))[0].message).toMatch(/space before "\."/);
    expect(check('a.md', md('The plan covers housing  , and transport.'))[0].message).toBe(
      'Possible dropped word: a space before "," after "housing".',
    );
    expect(check('a.txt', `Notes\n\nThe plan covers housing${NBSP} , and transport.\n`)).toHaveLength(1);
  });

  it('a single space before punctuation after a content word is a typing slip, not a hole', () => {
    // Real edited news has these ("leader at PwC , the trend", "released without charge . But"): nothing is missing.
    for (const text of [
      'Global advisory leader at Acme , the firm said.',
      'He was released without charge . But the case went on.',
      'We bought laptops three years ago , only one broke.',
    ]) {
      expect(check('a.txt', `News\n\n${text}\n`), text).toEqual([]);
    }
  });

  it('determiner directly followed by a preposition or punctuation', () => {
    expect(check('a.md', md('She walked to the of the town.'))[0].message).toBe(
      'Possible dropped word between "the" and "of": a determiner is not followed directly by "of".',
    );
    expect(check('a.md', md('He looked everywhere and found a in the drawer.'))).toHaveLength(1);
    expect(check('a.md', md('They packed up the house, sold their, and left for the coast.'))).toHaveLength(1);
  });

  it('empty quotes or parentheses between words', () => {
    expect(check('a.md', md('The tool, known as "" in the industry, is cheap.'))).toHaveLength(1);
    // Where a value stands (end of line, a separator, "or"): a hole in prose, the empty string on a page of code.
    expect(check('a.md', md('The judges called it "", and moved on.'))).toHaveLength(1);
    const code = 'Set `mode`, `root` and `out` first.\n\n';
    expect(check('a.md', md(`${code}The judges called it "", and moved on.`))).toEqual([]);
    expect(check('a.md', md(`${code}The judges called it "" mode.`))).toHaveLength(1);
    // A gloss after the value says what it is (eighth set, Git tuning half): the empty string, the empty list.
    for (const text of ['The default prefix was "" (no prefix) before 2.0.', 'Set it to () i.e. an empty list.']) {
      expect(check('a.md', md(`${code}${text}`)), text).toEqual([]);
      expect(check('a.md', md(text)), text).toHaveLength(1);
    }
  });

  it('two possessives joined by "or"/"and" share their noun; an article does not', () => {
    for (const text of [
      "Reroll the series after your or others' review.",
      'My and your settings are kept apart.',
      "Copy their or Sam's notes first.",
    ])
      expect(check('a.md', md(text)), text).toEqual([]);
    for (const text of [
      'They sold your or the car today.',
      'She ate the or the pear after lunch.',
      'Keep your or your spare key nearby.',
    ])
      expect(check('a.md', md(text)), text).toHaveLength(1);
  });

  it('reads inline Markdown as a noun after a determiner, and still finds a real hole beside it', () => {
    const clean = [
      'To turn CSS detection off, add the `:css="false"` prop to the element.',
      'Scoped styles can target a child with the `:deep()` pseudo-class.',
      'The component reads its `props` option first, then the `in` operator checks each key.',
      'Click the ![gear](gear.png) icon, then the <Badge text="new" /> label, then the *of* keyword.',
      'See the [`in`](https://example.com/in) operator and the `,` separator.',
    ];
    for (const text of clean) expect(check('a.md', md(text)), text).toEqual([]);
    const holes = check('a.md', md('Add the `:css` prop to the of the element, then restart the  server.'));
    expect(holes.map((f) => f.message)).toEqual([
      'Possible dropped word between "the" and "of": a determiner is not followed directly by "of".',
      'Possible dropped word: a double space between "the" and "server.".',
    ]);
  });

  // Reference docs converted from another markup (fifth set, CMake tuning half): a role left as text before a code
  // span, a placeholder the page hides as an HTML tag, and code braces on the line of a real hole.
  it('markup the text does not keep is no hole, and code braces do not hide a real one', () => {
    const clean = [
      'See the :ref:`whole-build` signature for the targets it builds.',
      'Set the <PackageName>: prefix before the first call to the finder.',
      'Read the <Name> of the cache entry before you change it.',
    ];
    for (const text of clean) expect(check('a.md', md(text)), text).toEqual([]);
    // "the :" and "the of" with nothing in the source between them stay holes.
    expect(check('a.md', md('Set the : prefix before the first call to the finder.'))).toHaveLength(1);
    expect(check('a.md', md('Read the of the cache entry before you change it.'))).toHaveLength(1);
    const [gap] = check('a.md', md('Later calls of `$ENV{<name>}` will  this new value.'));
    expect(gap?.message).toBe('Possible dropped word: a double space between "will" and "this".');
    // A line of code pasted into prose is still layout.
    expect(check('a.txt', 'Title\n\nconst x = {a:  1};\n')).toEqual([]);
  });

  it('does not flag "the the" (a duplicated word is a different problem)', () => {
    expect(check('a.md', md('We visited the the museum on Sunday.'))).toHaveLength(0);
  });

  it('leaves typing style and layout alone', () => {
    const texts = [
      'First sentence.  Second sentence.  Third one!  Fourth?  Yes.',
      `One sentence.${NBSP} Another sentence.`,
      'A hard break follows  \nand the next line continues.',
      'Use `a  b` in code, and a single space elsewhere.',
      '| a  | b  |\n|----|----|\n| 1  | 2  |',
      'Note:  colons followed by two spaces are a typing style too.',
      `A single${NBSP}no-break space and 10${NBSP}km are fine.`,
      'Vitamin A in carrots, the in crowd, the for loop, from a to z, an in-depth review.',
    ];
    for (const text of texts) expect(check('a.md', md(text)), text).toHaveLength(0);
    expect(check('a.md', md('```\nkey    value\nother  value\n```'))).toHaveLength(0);
    expect(
      check('a.txt', 'Results\n\nTeam      Played  Points\nRovers    30      61\nCity      30      59\n'),
    ).toHaveLength(0);
  });

  it('does not apply English grammar checks to other languages', () => {
    expect(
      check(
        'a.md',
        md('Das Haus an der Ecke ist alt. Er wohnt in an der Mühle, sagt man, seit vielen Jahren im Dorf.'),
      ),
    ).toHaveLength(0);
  });

  it('options: colon gaps in prose, grammar checks, per-article cap', () => {
    expect(check('a.md', md('Note:  colons followed by two spaces.'), { gapAfterColonInProse: true })).toHaveLength(1);
    expect(check('a.md', md('If the code depends on it,  you can keep it.'))).toHaveLength(0);
    expect(
      check('a.md', md('If the code depends on it,  you can keep it.'), { gapAfterCommaInProse: true }),
    ).toHaveLength(1);
    expect(check('a.md', md(`Helped by warm weather,${NBSP} a successful promotion.`))).toHaveLength(1);
    expect(check('a.md', '# Weather,  then sales\n\nText.\n')).toHaveLength(1);
    expect(check('a.md', md('She walked to the of the town.'), { grammarChecks: false })).toHaveLength(0);
    expect(
      check('a.md', md('The first  gap is here.\n\nThe second  gap is here.\n\nThe third  gap is here.'), {
        maxPerArticle: 2,
      }),
    ).toHaveLength(2);
  });
});

// A page that types double spaces (sixth set, the Python docs: two spaces after most sentences, and several double
// spaces between words that read on once closed) reports them at info; a hole that is a hole for another reason too
// stays a warning, and a page without the habit is unchanged.
describe('dropped-words on a page with a double-space habit', () => {
  const habitDir = path.join(root, 'test/fixtures/dropped-words-habit');
  const fixture = (name: string) => {
    const text = readFileSync(path.join(habitDir, name), 'utf8');
    return { text, findings: check(`docs/${name}`, text) };
  };
  const summary = (findings: FindingDraft[]) => findings.map((f) => `${f.line} ${f.severity}`);

  it('reports the plain double spaces of a habit page at info, and says why', () => {
    const { findings } = fixture('habit-page.md');
    expect(summary(findings)).toEqual(['3 info', '7 info', '9 info']);
    expect(findings[0].message).toBe(
      'Double space between "is" and "put": this page types double spaces elsewhere (2 more between words, two ' +
        "spaces after 100% of its sentences), so this is more likely the writer's spacing than a dropped word.",
    );
  });

  it('keeps a determiner + preposition hole on the same page at warning', () => {
    const { text, findings } = fixture('habit-page-det-preposition.md');
    expect(summary(findings)).toEqual(['3 info', '7 info', '7 warning', '9 info']);
    const hole = findings.find((f) => f.severity === 'warning')!;
    expect(text.split('\n')[hole.line - 1].slice(hole.column - 4, hole.endColumn + 2)).toBe('the  for');
    // A no-break space is a machine's mark, whatever the page's habit.
    const habit = fixture('habit-page.md').text;
    const nbsp = check('a.md', habit.replace('takes the oldest job', `takes the oldest${NBSP} job`));
    expect(summary(nbsp)).toEqual(['3 warning', '3 info', '7 info', '9 info']);
  });

  it('leaves a page without the habit unchanged: its one double space stays a warning', () => {
    const { findings } = fixture('no-habit-page.md');
    expect(summary(findings)).toEqual(['7 warning']);
    expect(findings[0].message).toBe('Possible dropped word: a double space between "not" and "hold".');
  });

  it('needs both signals: two spaces after the sentences, and enough double spaces between words', () => {
    const { text } = fixture('habit-page.md');
    // The same gaps with one space after each sentence: no habit.
    expect(summary(check('a.md', text.replace(/\. {2}/g, '. ')))).toEqual(['3 warning', '7 warning', '9 warning']);
    // Two double spaces between words are not enough by default.
    expect(summary(check('a.md', text.replace('is  waiting', 'is waiting')))).toEqual(['3 warning', '7 warning']);
    expect(summary(check('a.md', text.replace('is  waiting', 'is waiting'), { habitMinGaps: 2 }))).toEqual([
      '3 info',
      '7 info',
    ]);
    expect(summary(check('a.md', text, { habitMinGaps: 0 }))).toEqual(['3 warning', '7 warning', '9 warning']);
    expect(summary(check('a.md', text, { habitSentenceShare: 1, habitMinSentenceGaps: 6 }))).toEqual([
      '3 info',
      '7 info',
      '9 info',
    ]);
    expect(summary(check('a.md', text, { habitMinSentenceGaps: 7 }))).toEqual(['3 warning', '7 warning', '9 warning']);
  });

  it('does not count a gap Brown says breaks the sentence as habit, and keeps it a warning', () => {
    const { text } = fixture('habit-page.md');
    // "with  of" closes to a pair English does not put together: a word is missing, habit or not.
    const broken = text.replace('take the job again', 'take the job with  of it again');
    expect(summary(check('a.md', broken))).toEqual(['3 info', '7 warning', '7 info', '9 info']);
  });
});

describe('dropped-words: a preposition named, not used', () => {
  const md = (body: string) => `# Notes\n\n${body}\n`;

  it('two coordinated prepositions before a noun, or a word the page writes as code, are names', () => {
    expect(check('a.md', md('The message is created with the from and to fields already filled in.'))).toEqual([]);
    const page = 'A guarded section opens with the `with` keyword.';
    expect(check('a.md', md(`${page} Anything opened inside the with block is released.`))).toEqual([]);
  });

  it('still finds the hole when the preposition governs a noun phrase, or the page never writes it as code', () => {
    const page = 'A guarded section opens with the `with` keyword.';
    expect(check('a.md', md(`${page} It keeps the with the same name open.`))).toHaveLength(1);
    expect(check('a.md', md(`${page} It keeps the with new values open.`))).toHaveLength(1);
    expect(check('a.md', md('Anything opened inside the with block is released.'))).toHaveLength(1);
    expect(check('a.md', md('The message is created with the from the sender filled in.'))).toHaveLength(1);
    expect(check('a.md', md('Buses run along the to and from the station every hour.'))).toHaveLength(1);
  });
});

describe('dropped-words on the seed corpus', () => {
  const corpus = path.join(root, 'corpus');
  const file = readdirSync(corpus).find((f) => f.startsWith('004_'))!;

  it('flags the title of 004 on line 1', () => {
    const findings = check(`corpus/${file}`, readFileSync(path.join(corpus, file), 'utf8'));
    const onTitle = findings.filter((f) => f.line === 1);
    expect(onTitle.length).toBeGreaterThanOrEqual(1);
    expect(onTitle[0].column).toBe(6);
  });
});

describe('dropped-words determiner pairs', () => {
  // The pattern before it spelled the determiners out: every pair of words, the first looked up in lower case.
  const EVERY_PAIR = /(?<![\p{L}\p{N}\-'’#@/_.`])(\p{L}+)(\s+)(\p{L}+)(?![\p{L}\p{N}\-'’/_`])/gu;
  const pairs = (pattern: RegExp, text: string) => {
    const out: string[] = [];
    pattern.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = pattern.exec(text))) {
      pattern.lastIndex = m.index + m[1].length + m[2].length;
      if (NOUN_DETERMINERS.has(m[1].toLowerCase())) out.push(`${m.index} ${m[1]}|${m[2]}|${m[3]}`);
    }
    return out;
  };

  it('finds the pairs the every-pair pattern finds, on seeded texts', () => {
    const pieces = ['the', 'The', 'THE', 'tHe', 'a', 'A', 'an', 'An', 'its', 'their', 'Our', 'my', 'your', 'every'];
    pieces.push(
      'of',
      'in',
      'cat',
      'é',
      'ſ',
      'K',
      'İ',
      'x',
      '7',
      ' ',
      ' ',
      ' ',
      ' ',
      ' ',
      ' ',
      '  ',
      '\n',
      '\u00a0',
      '-',
      "'",
      '’',
      '.',
      '_',
    );
    pieces.push('`', '#', '@', '/', ',', ':', 'theory', 'anew', 'at', '\u0345', 'ι', '\u212a');
    let found = 0;
    for (const text of seededTexts(pieces, 11, 20000, 12)) {
      const expected = pairs(EVERY_PAIR, text);
      found += expected.length;
      expect(pairs(DET_NEXT, text), JSON.stringify(text)).toEqual(expected);
    }
    expect(found).toBeGreaterThan(1000);
  });
});

describe('dropped-words pre-checks', () => {
  it('pass every text their look-around pattern matches, on seeded texts', () => {
    const pieces = ['the', 'The', 'an', 'An', 'its', 'their', 'our', 'your', 'every', 'Iran', 'bathe', 'x', 'é', '7'];
    pieces.push(
      ' ',
      ' ',
      ' ',
      '\u00a0',
      '\u2009',
      '\u3000',
      '\n',
      '\t',
      ',',
      ',',
      '.',
      '.',
      ';',
      ':',
      '(',
      ')',
      '"',
      '“',
    );
    pieces.push('”', '_', '-', "'", '’', '`', '""', '“”', '()', '( )');
    const matched = PRE_CHECKED.map(() => 0);
    for (const text of seededTexts(pieces, 7, 20000, 10)) {
      PRE_CHECKED.forEach(([pattern, preCheck], k) => {
        if ([...text.matchAll(pattern)].length === 0) return;
        matched[k]++;
        expect(preCheck.test(text), `${pattern.source} ${JSON.stringify(text)}`).toBe(true);
      });
    }
    for (const n of matched) expect(n).toBeGreaterThan(100);
  });
});
