// truncated-ending: labelled fixtures (precision/recall), one focused test per signal, positions, and the seed corpus.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { articleFromText } from '../pipeline/article.js';
import { truncatedEndingRule, type TruncatedEndingOptions } from '../pipeline/stages/truncation.js';
import type { FindingDraft } from '../pipeline/types.js';
import { expectQuality, labelledFixtures, scoreDetector, type LabelledFile } from './helpers/labelled.js';
import { checkArticle } from '../pipeline/rule.js';

const root = path.resolve(import.meta.dirname, '..');

function check(relativePath: string, text: string, options: Partial<TruncatedEndingOptions> = {}): FindingDraft[] {
  const article = articleFromText(relativePath, text);
  return checkArticle(truncatedEndingRule, article, {
    options: { ...truncatedEndingRule.defaults, ...options },
    prepared: undefined,
  });
}

const fixtureSet = labelledFixtures('truncated-ending');
const withFindings = (f: LabelledFile) => {
  const text = f.bytes.toString('utf8');
  return { file: f.file, text, findings: check(f.path, text) };
};

describe('truncated-ending fixtures', () => {
  const positives = fixtureSet.positives.map(withFindings);
  const negatives = fixtureSet.negatives.map(withFindings);

  it('reaches precision >= 0.95 and recall >= 0.9 with at most 1 false finding per 50 clean articles', () => {
    const quality = scoreDetector(fixtureSet, (f) => check(f.path, f.bytes.toString('utf8')));
    expectQuality('truncated-ending', fixtureSet, quality);
  });

  it('reports at most one finding per article, on the expected line when the fixture says so', () => {
    for (const p of positives) {
      expect(p.findings.length, p.file).toBeLessThanOrEqual(1);
      const expected = /^<!-- expect: truncated-ending line=(\d+) -->/.exec(p.text);
      if (!expected || !p.findings.length) continue;
      const line = Number(expected[1]);
      const f = p.findings[0];
      expect(line >= f.line && line <= f.endLine, `${p.file}: expected line ${line}, got ${f.line}-${f.endLine}`).toBe(
        true,
      );
    }
  });

  it('gives every finding a message, evidence (at most ~80 characters) and a suggestion', () => {
    for (const p of positives) {
      for (const f of p.findings) {
        expect(f.ruleId).toBe('truncated-ending');
        expect(f.message).toMatch(/^Article ends/);
        expect(f.evidence && f.evidence.length).toBeLessThanOrEqual(81);
        expect(f.suggestion).toBeTruthy();
      }
    }
  });

  it('points at the last word of a mid-word cut (plain text)', () => {
    const p = positives.find((x) => x.file === 'midword-docs-cache.txt')!;
    const text = p.text.replace(/\n+$/, '');
    const lines = text.split('\n');
    expect(p.findings[0]).toMatchObject({
      severity: 'error',
      line: lines.length,
      column: lines[lines.length - 1].length - 're-'.length + 1,
      endLine: lines.length,
      endColumn: lines[lines.length - 1].length + 1,
      message: 'Article ends mid-word ("re-").',
    });
  });

  it('points at the last sentence of a cut fragment (Markdown)', () => {
    const p = positives.find((x) => x.file === 'fragment-science.md')!;
    const lines = p.text.split('\n');
    const lineIndex = lines.findIndex((l) => l.includes('The capsule'));
    expect(p.findings[0]).toMatchObject({
      line: lineIndex + 1,
      column: lines[lineIndex].indexOf('The capsule') + 1,
      endColumn: lines[lineIndex].length + 1,
      message: 'Article ends after "The capsule" with no sentence end.',
    });
  });
});

describe('truncated-ending signals', () => {
  const intro =
    '# Notes\n\nThe committee met on Monday to review the plans for the new bridge across the river. Members asked ' +
    'for more detail on the costs and the timetable before they vote.\n\n';

  it('mid-word cut', () => {
    const [f] = check('a.md', `${intro}The final report will be published once the engineers have com-`);
    expect(f.message).toBe('Article ends mid-word ("com-").');
    expect(f.severity).toBe('error');
  });

  it('trailing comma, semicolon and colon', () => {
    expect(check('a.md', `${intro}The vote is now expected in June,`)[0].message).toMatch(/trailing comma/);
    expect(check('a.md', `${intro}The vote is now expected in June;`)[0].message).toMatch(/trailing semicolon/);
    expect(check('a.md', `${intro}The committee listed three conditions:`)[0].message).toMatch(/trailing colon/);
  });

  it('a final word that cannot end an English sentence', () => {
    const [f] = check('a.md', `${intro}The chair promised a decision before the end of the`);
    expect(f.message).toBe(
      'Article ends after "…decision before the end of the" with no sentence end ("the" cannot end a sentence).',
    );
    expect(f.endColumn - f.column).toBe(3);
    for (const word of ['of', 'and', 'their', 'because', 'an']) {
      expect(check('a.md', `${intro}Members said they would wait ${word}`), word).toHaveLength(1);
    }
  });

  it('a demonstrative with no noun and no full stop, on a page that ends its paragraphs', () => {
    const page = '# Streams\n\nA stream reads data. It writes data too.\n\nIt can pause and resume.\n\n';
    const [f] = check('a.md', `${page}\`stream.clearDown()\` clears this\n`);
    expect(f?.severity).toBe('error');
    expect(check('a.md', `${page}Nobody expected these\n`)).toHaveLength(1);
    // Captions without full stops, a call to action, or a full stop: nothing was cut.
    expect(check('a.md', '# Photos\n\nThe boats at dawn\n\nThe sea wall\n\nNobody expected this\n')).toHaveLength(0);
    expect(check('a.md', `${page}Try this\n`)).toHaveLength(0);
    expect(check('a.md', `${page}Nobody expected this.\n`)).toHaveLength(0);
  });

  it('a dangling clause after a finished sentence', () => {
    const [f] = check(
      'a.txt',
      'Bridge plans\n\nThe committee met on Monday to review the plans for the new bridge. As the city',
    );
    expect(f.message).toBe('Article ends after "As the city" with no sentence end.');
  });

  it('a quote or bracket opened in the last sentence', () => {
    expect(check('a.md', `${intro}The chair said: “We will not rush a decision that`)[0].message).toMatch(
      /^Article ends/,
    );
    expect(check('a.md', `${intro}A full costing is available (see the appendix on page`)[0].message).toMatch(
      /unclosed parenthesis/,
    );
  });

  it('ellipsis is a warning, and can be turned off', () => {
    const [f] = check('a.md', `${intro}And then the lights went out…`);
    expect(f.severity).toBe('warning');
    expect(f.message).toMatch(/ellipsis/);
    expect(check('a.md', `${intro}And then the lights went out…`, { ellipsis: false })).toHaveLength(0);
  });

  it('a long final sentence with no end at all is information only (nothing says it was cut)', () => {
    const [f] = check(
      'a.md',
      `${intro}The committee will publish the full minutes of the meeting on its website later this month`,
    );
    expect(f.severity).toBe('info');
    expect(f.message).toMatch(/without sentence-ending punctuation/);
    // The same after earlier sentences of the paragraph: a complete-looking last sentence is missing its full stop
    // only.
    const [g] = check(
      'a.md',
      `${intro}The vote was close. The winner of the award last year was the documentary Northern Lights Over Tromsø`,
    );
    expect(g.severity).toBe('info');
  });

  it(
    'a full-length last sentence ending on a whole dictionary word only lacks its full stop (info); a short stub is ' +
      'a cut',
    () => {
      const comment =
        'I employ 42 staff on the minimum wage. The other aspect that is always hidden is that the thresholds for ' +
        'tax ' +
        'credits do not move in line with these increases, which raises the financial burden on small to medium ' +
        'businesses';
      const [info] = check('a.txt', `Letters\n\n${intro.slice(9)}${comment}`);
      expect(info.severity).toBe('info');
      const [cut] = check(
        'a.txt',
        `Letters\n\n${intro.slice(9)}The bank said it regretted its conduct. Under the settlement the bank will put ` +
          `the money into a special fund that will from next year be man`,
      );
      expect(cut.severity).toBe('error');
    },
  );

  it('CJK: a trailing ideographic comma is a cut; a full stop is fine', () => {
    expect(check('a.md', '# 通知\n\n图书馆将于下周一开放。读者可以在网上预约座位，')).toHaveLength(1);
    expect(check('a.md', '# 通知\n\n图书馆将于下周一开放。读者可以在网上预约座位。')).toHaveLength(0);
  });

  it('does not apply English word lists to other languages', () => {
    expect(
      check(
        'a.md',
        '# Aviso\n\nLa biblioteca abre el lunes y cierra el viernes por la tarde para todos los usuarios de la ' +
          'ciudad.\n\nMás información en la web de la',
      ),
    ).toHaveLength(0);
  });

  it('legitimate endings: heading, list, table, code, html, links, signatures', () => {
    const endings = [
      '## Further reading',
      '- first item\n- second item',
      '| a | b |\n|---|---|\n| 1 | 2 |',
      '```\ncode here\n```',
      '<div class="widget"></div>',
      '[Read the full report](https://example.com/report) | [Download the data](https://example.com/data)',
      '— Jane Doe',
      'Posted by Sam in Local News',
      'Tags: bridges, planning',
      'Thanks for reading',
    ];
    for (const ending of endings) expect(check('a.md', `${intro}${ending}\n`), ending).toHaveLength(0);
  });

  it('allowEndings accepts a house sign-off', () => {
    const text = `${intro}Bridge Desk at the Daily Courier reporting from the riverside every week in the year`;
    expect(check('a.md', text)).toHaveLength(1);
    expect(check('a.md', text, { allowEndings: ['^Bridge Desk\\b'] })).toHaveLength(0);
  });
});

describe('truncated-ending: endings the writer closed or left open', () => {
  const intro =
    'The committee met on Monday to review the plans for the new bridge across the river. ' +
    'Members asked for more detail on the costs and the timetable before they vote.\n\n';

  it('an ellipsis closed by a full stop or a quotation mark is no warning; a bare one is', () => {
    expect(check('a.txt', `${intro}He said the rest could wait. "When in Rome ... ."\n`)).toHaveLength(0);
    expect(check('a.txt', `${intro}He looked at the river for a long time. "Some nights you think…"\n`)).toHaveLength(
      0,
    );
    expect(check('a.txt', `${intro}And then the lights went out...\n`)[0].severity).toBe('warning');
  });
});

describe('truncated-ending inside Markdown structure', () => {
  const intro =
    '# Notes\n\nThe committee met on Monday to review the plans for the new bridge across the river. Members asked ' +
    'for more detail on the costs and the timetable before they vote.\n\n';

  it('a code fence that is never closed, at any indentation, with backticks or tildes', () => {
    const [f] = check('a.md', `${intro}\`\`\`js\nconst bridge = build({ span: 120,\n`);
    expect(f.message).toMatch(/^Article ends inside a code block that is never closed/);
    expect(f.line).toBe(5);
    expect(check('a.md', `${intro}- Install it:\n\n  ~~~sh\n  npm install --save-dev bridg\n`)[0].message).toMatch(
      /code block that is never closed/,
    );
    expect(check('a.md', `${intro}\`\`\`\`md\n\`\`\`js\nx()\n\`\`\`\n\`\`\`\`\n`)).toHaveLength(0);
  });

  it('a link, web address, inline code or emphasis left open', () => {
    expect(check('a.md', `${intro}Read [the full statement](https://example.org/sta`)[0].message).toMatch(
      /inside a link address/,
    );
    expect(check('a.md', `${intro}Read [the full sta`)[0].message).toMatch(/inside the text of a link/);
    // Link text that is itself a web address (GFM reads it as an address after a bracket).
    expect(check('a.md', `${intro}A copy is at [http://example.org/licence](http:/`)[0].message).toMatch(
      /inside a link address/,
    );
    expect(check('a.md', `${intro}Sign up at <https://example.org/sign`)[0].message).toMatch(/inside a web address/);
    expect(check('a.md', `${intro}Then run \`npm run build --`)[0].message).toMatch(/inside inline code/);
    expect(check('a.md', `${intro}**Bookings made before the change keep their`)[0].message).toMatch(/^Article ends/);
    expect(check('a.md', `${intro}*Bookings made before the change keep their original`)[0].message).toMatch(
      /inside emphasis/,
    );
    // Closed constructs, snake_case and HTML attributes are not openers.
    expect(
      check(
        'a.md',
        `${intro}Read [the statement](https://example.org/statement) and the \`cache_dir\` option in <a ` +
          `target="_blank" href="/x">the guide</a>`,
      ),
    ).toHaveLength(0);
  });

  it('the last list item: cut signals, and siblings that end properly', () => {
    expect(check('a.md', `${intro}- lift the potatoes\n- cover the brassicas,\n`)[0].message).toMatch(
      /trailing comma in its last list item/,
    );
    const sentences =
      '1. A new key is generated.\n2. The public key is published.\n3. Services pick up the new key within\n';
    expect(check('a.md', `${intro}${sentences}`)[0].message).toMatch(/in its last list item/);
    expect(
      check(
        'a.md',
        `${intro}1. A new key is generated.\n2. The public key is published.\n3. Services pick up the new key\n`,
      )[0].message,
    ).toMatch(/where the other items have one/);
    // Legitimate list endings: fragments without full stops, an item that introduces code, a link.
    for (const list of [
      '- Linux\n- macOS 12 or later\n- Windows 10 and 11',
      '- Using a template:\n- Using a render function:',
      '- Details.\n- **See also** [Guide](/guide)',
    ]) {
      expect(check('a.md', `${intro}${list}\n`), list).toHaveLength(0);
    }
  });

  it('the last list item: one punctuated sibling is enough for a longer item ending on a plain lowercase word', () => {
    expect(
      check(
        'a.md',
        `${intro}- HTML attributes such as \`class\` work on components.\n- Passing children to components\n`,
      )[0].message,
    ).toMatch(/where the other items have one/);
    // Not when the item is short, ends on a link or on code, or has no punctuated sibling.
    for (const list of [
      '- Node.js 20 or later.\n- npm or yarn',
      '- Renders a component.\n- See also [Dynamic Components](./x)',
      "- Each name becomes a key.\n- The array is compiled to `['foo']`",
      '- Passing children to components',
    ]) {
      expect(check('a.md', `${intro}${list}\n`), list).toHaveLength(0);
    }
  });

  it('the last list item: a word that waits for more, unless the item may end on it', () => {
    const last = (items: string) => check('a.md', `${intro}${items}\n`);
    for (const items of [
      '- Aliases from the config file\n- You can import resources from',
      '- Fast builds\n- The company will now focus on',
      '- Give each button a label\n- Images inside a form will',
      '- [Route events](./route-events) fire twice\n- [Transition modes](./transition-modes) are',
      // A relative "that" after its pronoun, even where "than" would license an ellipsis (prose-node tuning).
      '- Fast builds\n- All compression calls, other than those that',
      '- Fast builds\n- Skip anything that',
    ]) {
      const [f] = last(items);
      expect(f?.severity, items).toBe('error');
      expect(f.message).toMatch(/rarely ends one/);
    }
    for (const items of [
      '- One\n- The character to look for',
      '- One\n- The tools we rely on',
      '- Home\n- Log in',
      '- Fast\n- Dark mode built in',
      '- Scores\n- The match is over',
      '- One\n- What the cache is for',
      '- One\n- Nice to have',
      '- Sign up for\n- Log in to',
      '- One\n- Never do that',
      '- One\n- Nothing like that',
    ]) {
      expect(last(items), items).toHaveLength(0);
    }
  });

  it('the last list item: a noun phrase that stops before its noun', () => {
    const [f] = check('a.md', `${intro}- the name it was registered under, or\n- the fully resolved\n`);
    expect(f.message).toMatch(/"the fully resolved" has no noun/);
    expect(check('a.md', `${intro}- One\n- Help for the elderly\n`)).toHaveLength(0);
    expect(check('a.md', `${intro}- One\n- Services pick up the new key\n`)).toHaveLength(0);
    expect(check('a.md', `${intro}- One\n- Just a few\n`)).toHaveLength(0);
  });

  it('the last list item: a second sentence that stops on a word that rarely ends one', () => {
    expect(
      check('a.md', `${intro}- One.\n- A file named \`FooBar.vue\` can refer to itself in its template. This has\n`)[0]
        .message,
    ).toMatch(/"has" rarely ends a sentence/);
    for (const list of [
      '- One.\n- Super fast. Backed by typed arrays (not objects)',
      '- One.\n- Simplify statements. Also, update deps. (see PR50)',
      '- One.\n- Natural language in the browser. A talk by Charles Landau',
      '- One\n- The character to look for',
    ]) {
      expect(check('a.md', `${intro}${list}\n`), list).toHaveLength(0);
    }
  });

  it('code is no prose: a heading or item that ends in inline code is not judged by its last word', () => {
    expect(check('a.md', `${intro}## \`v-else-if\` {#v-else-if}\n`)).toHaveLength(0);
    expect(check('a.md', `${intro}## \`v-for\` with \`v-if\`\n`)).toHaveLength(0);
    // The same words as prose are still a cut.
    expect(check('a.md', `${intro}## What to do with if\n`)).toHaveLength(1);
    // A colon after code still introduces something that is missing.
    expect(check('a.md', `${intro}Then call the helper \`useSlots\`:\n`)).toHaveLength(1);
  });

  it('the last table row: cut before its closing pipe, or with fewer cells than the header', () => {
    const table = '| Date | Galleries | Café |\n|---|---|---|\n| 24 December | 10:00 to 14:00 | 10:00 to 13:30 |\n';
    const [f] = check('a.md', `${intro}${table}| 27 December | 11:00 to 17:00 | 11:00 to`);
    expect(f.message).toMatch(/^Article ends in a table row cut short/);
    expect(f.line).toBe(8);
    expect(check('a.md', `${intro}${table}| 27 December |`)).toHaveLength(1);
    expect(check('a.md', `${intro}${table}| 27 December | closed | |`)).toHaveLength(0);
    expect(check('a.md', `${intro}Key | Action\n--- | ---\nCtrl+S | Save\nCtrl+F | Find`)).toHaveLength(0);
  });

  it('a word fragment at the end, and a bare web address cut in running prose', () => {
    expect(check('a.md', `${intro}The engineers will publish the results once the process restar`)[0].message).toMatch(
      /"restar" is not a word; it starts one/,
    );
    expect(
      check(
        'a.txt',
        'Report\n\nThe regulator fined the company. The findings can be read at ' +
          'https://example.org/reports/2024/water-comp',
      )[0].message,
    ).toMatch(/bare web address/);
    expect(
      check('a.txt', 'Report\n\nThe regulator fined the company. Full report: https://example.org/reports/2024/water'),
    ).toHaveLength(0);
  });

  it('a two-line final paragraph that breaks off on a comma is not verse', () => {
    expect(
      check(
        'a.md',
        `${intro}On a still morning the water reflects the poplars,\nand the only sound is the wind in the reeds,`,
      ),
    ).toHaveLength(1);
    expect(
      check(
        'a.md',
        `${intro}On a still morning the water reflects the poplars\nand the only sound is the wind in the reeds`,
      ),
    ).toHaveLength(0);
  });
});

describe('truncated-ending on hard-wrapped reference docs (fifth set, CMake tuning half)', () => {
  const intro =
    '# Notes\n\nThe committee met on Monday to review the plans for the new bridge across the river. Members asked ' +
    'for more detail on the costs and the timetable before they vote.\n\n';
  // Invented text in the shape of the misses: a hard-wrapped last paragraph cut on a word that waits for more.
  it('a version number is no date: a clause after it is judged like any other', () => {
    const [f] = check(
      'a.md',
      `${intro}The option was added in release 4.2.0.  Release\n5.12.3 warns when the option is`,
    );
    expect(f?.severity).toBe('error');
    expect(f.message).toMatch(/with no sentence end/);
    // A numeric date on its own line still ends a page.
    for (const dateline of ['Oslo, 2021-05-03', 'Updated 03/05/2021', 'Filed 3.5.21'])
      expect(check('a.md', `${intro}${dateline}`), dateline).toHaveLength(0);
  });

  it('hard-wrapped prose is no block of short lines: a line ending on a function word runs on', () => {
    for (const text of [
      'These settings are filled in from the value of the\n`APP_MODE` setting if it is',
      'Once the loader returns to the caller, this\nflag will be set to true if the module was',
      'These settings are filled in from the value of the\n`APP_MODE_REQUIRED` sett',
    ]) {
      const [f] = check('a.md', `${intro}${text}`);
      expect(f?.severity, text).toBe('error');
    }
    // Signatures, addresses and verse still end a page.
    for (const text of [
      'Jane Doe\nHead of Research\nExample Tools Ltd',
      'On a still morning the water reflects the poplars\nand the only sound is the wind in the reeds',
    ])
      expect(check('a.md', `${intro}${text}`), text).toHaveLength(0);
  });

  it('the last list item: "by" after a participle waits for its agent', () => {
    const [f] = check('a.md', `${intro}- Old tool 7.1 -- replaced by the new tool\n- Older tool 6 -- replaced by\n`);
    expect(f?.message).toMatch(/rarely ends one/);
    for (const items of ['- Home\n- Stop by', '- One\n- Time passed by'])
      expect(check('a.md', `${intro}${items}\n`), items).toHaveLength(0);
  });

  it('a last line that ends on a whole web address is a reference line, not emphasis left open', () => {
    expect(check('a.md', `${intro}_\`Tracker\`: https://tracker.example.org`)).toHaveLength(0);
    expect(check('a.md', `${intro}_Issue tracker: https://tracker.example.org/issues`)).toHaveLength(0);
    expect(check('a.md', `${intro}*Bookings made before the change keep their original`)[0].message).toMatch(
      /inside emphasis/,
    );
  });
});

describe('truncated-ending on the seed corpus', () => {
  const corpus = path.join(root, 'corpus');
  const files = readdirSync(corpus)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  const results = Object.fromEntries(
    files.map((f) => [f.slice(0, 3), check(`corpus/${f}`, readFileSync(path.join(corpus, f), 'utf8'))]),
  );

  it('flags exactly 001, 002 and 004', () => {
    expect(Object.keys(results).filter((k) => results[k].length > 0)).toEqual(['001', '002', '004']);
    expect(results['000']).toHaveLength(0);
    expect(results['003']).toHaveLength(0);
  });

  it('explains each cut', () => {
    expect(results['001'][0].message).toBe('Article ends mid-word ("far-").');
    expect(results['002'][0].message).toMatch(/trailing comma/);
    expect(results['004'][0].message).toBe('Article ends after "As the city" with no sentence end.');
  });
});
