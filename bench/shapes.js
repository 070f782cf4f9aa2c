// Adversarial document shapes: inputs that make Markdown parsers (or our own passes) super-linear when nothing
// guards against them. Used by `npm run bench` (bench/adversarial.js: size → time per shape) and by the property
// test in test/robustness.test.ts (small sizes, a per-byte work bound).
//
// Each shape repeats a unit until the text reaches the requested size (in UTF-16 code units ≈ bytes: the units
// are ASCII). `prose` units are words of a seeded news-like vocabulary, so the text reads like an article.
import { mulberry32 } from './generate.js';

const WORDS =
  'the minister said on tuesday that prices rose sharply in the capital while officials expected a slower year for exports and new housing'.split(
    ' ',
  );

/** `count` seeded prose words joined by spaces. */
function prose(rand, count) {
  const out = [];
  for (let i = 0; i < count; i++) out.push(WORDS[Math.floor(rand() * WORDS.length)]);
  return out.join(' ');
}

/** Repeat `unit(i)` until `size` characters, then cut to exactly `size`. */
function fill(size, unit) {
  const parts = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const piece = unit(i);
    parts.push(piece);
    length += piece.length;
  }
  return parts.join('').slice(0, size);
}

/** A GFM table of 5 columns and 10 body rows whose cells hold inline markup, each line after `prefix`. */
function smallMarkupTable(rand, i, prefix) {
  const cells = [
    (r) => `\`prop${r % 9}\``,
    (r) => `[the report](https://example.org/r${r % 7})`,
    (r) => `\`string \\| number\``,
    () => prose(rand, 5),
    (r) => `a\\|b ${r % 3}`,
  ];
  const lines = ['| name | link | type | notes | escaped |', '|---|:--|:-:|---|--:|'];
  for (let r = 0; r < 10; r++) lines.push(`| ${cells.map((cell) => cell(r + i)).join(' | ')} |`);
  return `${lines.map((line) => prefix + line).join('\n')}\n\n`;
}

/**
 * A GFM table of 5 columns and 10 body rows whose cells come from `cells` (five makers of a cell from its row), its
 * first line after `first` and the others after `prefix`.
 */
function smallTable(rand, i, prefix, cells, first = prefix) {
  const lines = ['| name | value | kind | notes | extra |', '|---|:--|:-:|---|--:|'];
  for (let r = 0; r < 10; r++) lines.push(`| ${cells.map((cell) => cell(r + i, rand)).join(' | ')} |`);
  return `${lines.map((line, n) => (n ? prefix : first) + line).join('\n')}\n\n`;
}

// Cells of the markup the code-span cells above do not hold (issue #18, helper `cells3`).
const ENTITY_CELLS = [
  (r) => `Tom &amp; Jerry ${r % 9}`,
  (r) => `&#${100 + (r % 27)}; and &#x${(0x41 + (r % 26)).toString(16)};`,
  () => '&copy; 2024 &mdash; &lt;none&gt;',
  (_r, rand) => prose(rand, 5),
  (r) => `&nbsp;${r % 5}&quot;`,
];
const HTML_CELLS = [
  (r) => `line one<br>line ${r % 7}`,
  (r) => `<code>prop${r % 9}</code>`,
  () => '<kbd>Ctrl</kbd> + <kbd>C</kbd><br/>',
  (_r, rand) => prose(rand, 5),
  (r) => `![icon](img/i${r % 4}.png) <sup>${r % 3}</sup>`,
];
const UNDERSCORE_CELLS = [
  (r) => `_emphasis ${r % 9}_`,
  (r) => `__strong__ and ~~deleted ${r % 5}~~`,
  () => '~gone~ _x_',
  (_r, rand) => prose(rand, 5),
  (r) => `snake_case_${r % 3} __b__`,
];
const MIXED_CELLS = [
  ENTITY_CELLS[0],
  HTML_CELLS[1],
  UNDERSCORE_CELLS[1],
  (_r, rand) => prose(rand, 5),
  (r) => `\`c${r % 7}\``,
];

/**
 * name → { what, make(size, seed) }. The first shapes are ordinary prose laid out badly; the rest are
 * thousands of unbalanced or nested delimiters of one kind each.
 */
export const SHAPES = {
  'one-line': {
    what: 'prose with links, an unclosed `[` near the start, all on one line',
    make: (size, seed = 1) => {
      const rand = mulberry32(seed);
      return (
        '[' +
        fill(
          size - 1,
          (i) =>
            `${prose(rand, 12)}${i % 7 === 3 ? ' see [the report](https://example.org/r) and www.example.com/a' : ''}. `,
        )
      );
    },
  },
  'one-paragraph': {
    what: 'the same prose with a line break after each sentence (one huge paragraph)',
    make: (size, seed = 1) => {
      const rand = mulberry32(seed);
      return (
        '[' +
        fill(size - 1, (i) => `${prose(rand, 12)}${i % 7 === 3 ? ' see [the report](https://example.org/r)' : ''}.\n`)
      );
    },
  },
  paragraphs: {
    what: 'the same prose in ordinary paragraphs (the reference shape)',
    make: (size, seed = 1) => {
      const rand = mulberry32(seed);
      return fill(
        size,
        (i) =>
          `${prose(rand, 12)}${i % 7 === 3 ? ' see [the report](https://example.org/r)' : ''}.${i % 5 === 4 ? '\n\n' : ' '}`,
      );
    },
  },
  'open-brackets': {
    what: '`[word ` repeated (labels that never close)',
    make: (size) => fill(size, (i) => `[w${i % 10} `),
  },
  'close-brackets': { what: '`word] ` repeated', make: (size) => fill(size, (i) => `w${i % 10}] `) },
  'bracket-pairs': {
    what: '`[a] ` undefined references, inside one open `[`',
    make: (size) => '[' + fill(size - 1, (i) => `[a${i % 10}] b `),
  },
  'nested-brackets': {
    what: '`[` nested thousands deep, then closed',
    make: (size) => fill(size, (i) => (i % 2000 < 1000 ? '[a ' : 'b] ')),
  },
  'image-labels': {
    what: '`![a ` repeated (image labels that never close)',
    make: (size) => fill(size, (i) => `![a${i % 10} `),
  },
  parentheses: {
    what: '`(word ` repeated, and links with unclosed destinations',
    make: (size) => fill(size, (i) => (i % 3 ? `(w${i % 10} ` : `[a](b${i % 10} (`)),
  },
  asterisks: {
    what: '`*word ` and `**word ` repeated (emphasis that never closes)',
    make: (size) => fill(size, (i) => (i % 2 ? `*w${i % 10} ` : `**w${i % 10} `)),
  },
  underscores: {
    what: '`_word ` and `__word ` repeated',
    make: (size) => fill(size, (i) => (i % 2 ? `_w${i % 10} ` : `__w${i % 10} `)),
  },
  tildes: {
    what: '`~word ` and `~~word ` repeated (strikethrough)',
    make: (size) => fill(size, (i) => (i % 2 ? `~w${i % 10} ` : `~~w${i % 10} `)),
  },
  backticks: {
    what: 'backtick runs of growing length (code spans that never close)',
    make: (size) => fill(size, (i) => `${'`'.repeat(1 + (i % 50))}w `),
  },
  'angle-brackets': {
    what: '`<word ` and `<a href=` repeated (HTML and autolinks that never close)',
    make: (size) => fill(size, (i) => (i % 2 ? `<w${i % 10} ` : `<a href="x `)),
  },
  urls: {
    what: 'bare URLs with trailing punctuation and parentheses, after an unclosed `[`',
    make: (size) =>
      '[' + fill(size - 1, (i) => `https://example.com/p_(x${i % 10}))).. www.e${i % 10}.org/a?b=c&amp; `),
  },
  emails: {
    what: 'e-mail look-alikes (`a.b-c@d.e.`), after an unclosed `[`',
    make: (size) => '[' + fill(size - 1, (i) => `a.b-${i % 10}@d.e${i % 10}. x@y_ `),
  },
  entities: {
    what: 'character references, valid and not (`&amp; &#123; &bogus;`)',
    make: (size) => fill(size, (i) => (i % 3 ? `&amp;w${i % 10} ` : `&#${i % 999}; &bogus${i % 10}; `)),
  },
  'deep-quotes': {
    what: 'block quotes nested thousands deep',
    make: (size) => fill(size, (i) => `${'> '.repeat(1 + (i % 3000))}w\n`),
  },
  'deep-lists': {
    what: 'list items nested thousands deep',
    make: (size) => fill(size, (i) => `${'  '.repeat(i % 3000)}- w\n`),
  },
  'table-markup': {
    what: 'one GFM table whose cells hold code spans and links (the upstream per-cell parse)',
    make: (size) =>
      '|' +
      'h|'.repeat(50) +
      '\n|' +
      '-|'.repeat(50) +
      '\n' +
      fill(size, (i) => `${i % 2 ? `\`c${i % 7}\`` : `[l](u${i % 7})`}|${i % 50 === 49 ? '\n|' : ''}`),
  },
  'table-markup-small': {
    what: 'many small GFM tables (11 rows of 5 cells: code spans, links, escaped pipes, prose), a blank line apart',
    make: (size, seed = 1) => {
      const rand = mulberry32(seed);
      return fill(size, (i) => smallMarkupTable(rand, i, ''));
    },
  },
  'table-in-list': {
    what: 'the small markup tables of `table-markup-small`, each inside a list item',
    make: (size, seed = 1) => {
      const rand = mulberry32(seed);
      return fill(
        size,
        (i) => `- item ${i}

${smallMarkupTable(rand, i, '  ')}`,
      );
    },
  },
  'table-in-quote': {
    what: 'the small markup tables of `table-markup-small`, each inside a block quote',
    make: (size, seed = 1) => {
      const rand = mulberry32(seed);
      return fill(
        size,
        (i) => `${smallMarkupTable(rand, i, '> ').trimEnd()}

`,
      );
    },
  },
  'dense-small': {
    what: 'paragraphs of ~0.5 KB of code spans, links, emphasis and entities (dense, under 4 KB each)',
    make: (size) =>
      fill(size, (i) =>
        i % 60 === 59
          ? '\n\n'
          : `${i % 3 === 0 ? `\`c${i % 7}\`` : i % 3 === 1 ? `[l](u${i % 7})` : `*e${i % 5}* &amp;`} `,
      ),
  },
  'table-entities-small': {
    what: 'many small GFM tables whose cells hold character references (`&amp;`, `&#123;`, `&copy;`), a blank line apart',
    make: (size, seed = 1) => {
      const rand = mulberry32(seed);
      return fill(size, (i) => smallTable(rand, i, '', ENTITY_CELLS));
    },
  },
  'table-html-small': {
    what: 'many small GFM tables whose cells hold inline HTML (`<br>`, `<code>`, `<kbd>`) and images',
    make: (size, seed = 1) => {
      const rand = mulberry32(seed);
      return fill(size, (i) => smallTable(rand, i, '', HTML_CELLS));
    },
  },
  'table-underscore-small': {
    what: 'many small GFM tables whose cells hold `_` and `__` emphasis and `~`/`~~` strikethrough',
    make: (size, seed = 1) => {
      const rand = mulberry32(seed);
      return fill(size, (i) => smallTable(rand, i, '', UNDERSCORE_CELLS));
    },
  },
  'table-mixed-prefix': {
    what: 'small markup tables (entities, HTML, `~~`, code), each opening a list item in a quote or a quote in a list item',
    make: (size, seed = 1) => {
      const rand = mulberry32(seed);
      return fill(size, (i) =>
        i % 2
          ? `${smallTable(rand, i, '>   ', MIXED_CELLS, '> - ').trimEnd()}\n\n`
          : `${smallTable(rand, i, '  > ', MIXED_CELLS, '- > ')}`,
      );
    },
  },
  'table-markup-in-list': {
    what: 'one big GFM table of code-span and link cells inside a list item',
    make: (size) =>
      '- |' +
      'h|'.repeat(50) +
      '\n  |' +
      '-|'.repeat(50) +
      '\n  |' +
      fill(size, (i) => `${i % 2 ? `\`c${i % 7}\`` : `[l](u${i % 7})`}|${i % 50 === 49 ? '\n  |' : ''}`),
  },
  'tiny-quotes': {
    what: 'thousands of block quotes of two short prose lines each, a blank line apart',
    make: (size, seed = 1) => {
      const rand = mulberry32(seed);
      return fill(size, () => `> ${prose(rand, 4)}\n> ${prose(rand, 3)}.\n\n`);
    },
  },
  'tiny-list-items': {
    what: 'thousands of list items of two short prose lines each, tight (one list) and loose (blank lines) in turn',
    make: (size, seed = 1) => {
      const rand = mulberry32(seed);
      // Lists of 50 items, tight and loose in turn; a new marker starts each new list (-, 1., *, 1)).
      return fill(size, (i) => {
        const list = Math.floor(i / 50) % 4;
        const marker = ['- ', `${(i % 50) + 1}. `, '* ', `${(i % 50) + 1}) `][list];
        const indent = ' '.repeat(marker.length);
        const blank = list % 2 ? '\n' : '';
        return `${marker}${prose(rand, 4)}\n${indent}${prose(rand, 3)}.\n${blank}`;
      });
    },
  },
  'tiny-nested': {
    what: 'tiny quotes inside list items and tiny list items inside block quotes, in turn',
    make: (size, seed = 1) => {
      const rand = mulberry32(seed);
      return fill(size, (i) =>
        i % 2
          ? `- ${prose(rand, 3)}\n\n  > ${prose(rand, 4)}\n  > ${prose(rand, 3)}.\n\n`
          : `> - ${prose(rand, 4)}\n>   ${prose(rand, 3)}.\n> - ${prose(rand, 3)}.\n\n`,
      );
    },
  },
  'many-headings': {
    what: 'a heading (ATX, sometimes setext) before every short paragraph',
    make: (size, seed = 1) => {
      const rand = mulberry32(seed);
      return fill(size, (i) =>
        i % 4 === 3
          ? `${prose(rand, 3)}\n---\n\n${prose(rand, 6)}.\n\n`
          : `${'#'.repeat(1 + (i % 6))} ${prose(rand, 3)}\n\n${prose(rand, 6)}.\n\n`,
      );
    },
  },
  'many-fences': {
    what: 'thousands of tiny fenced code blocks (backticks and tildes, with and without info), prose between',
    make: (size, seed = 1) => {
      const rand = mulberry32(seed);
      return fill(size, (i) => {
        const fence = i % 3 === 2 ? '~~~' : '```';
        const info = i % 2 ? 'js' : '';
        return `${prose(rand, 4)}.\n\n${fence}${info}\nconst x${i % 10} = ${i % 97};\nf(x${i % 10});\n${fence}\n\n`;
      });
    },
  },
  'many-html-blocks': {
    what: 'thousands of tiny HTML blocks (div, comment, details) with prose between',
    make: (size, seed = 1) => {
      const rand = mulberry32(seed);
      const blocks = [
        (t) => `<div class="note">\n${t}\n</div>`,
        (t) => `<!-- ${t} -->`,
        (t) => `<details><summary>${t}</summary>\n\n${t}.\n\n</details>`,
      ];
      return fill(size, (i) => `${prose(rand, 4)}.\n\n${blocks[i % 3](prose(rand, 3))}\n\n`);
    },
  },
  table: {
    what: 'one GFM table with many columns and rows',
    make: (size) =>
      '|' + 'h|'.repeat(200) + '\n|' + '-|'.repeat(200) + '\n' + fill(size, (i) => (i % 200 === 199 ? 'c|\n|' : 'c|')),
  },
  'dense-small-quote': {
    what: 'block quotes of ~0.5 KB of code spans, links, emphasis and entities on a few lines each (dense, under 4 KB)',
    make: (size) =>
      fill(size, (i) =>
        i % 60 === 59 ? '\n\n' : `${i % 60 === 0 ? '> ' : i % 12 === 0 ? '\n> ' : ''}${denseUnit(i)} `,
      ),
  },
  'dense-small-list': {
    what: 'list items of ~0.5 KB of code spans, links, emphasis and entities on a few lines each (dense, under 4 KB)',
    make: (size) =>
      fill(size, (i) =>
        i % 60 === 59 ? '\n\n' : `${i % 60 === 0 ? '- ' : i % 12 === 0 ? '\n  ' : ''}${denseUnit(i)} `,
      ),
  },
  'dense-fenced': {
    what: 'fenced code blocks of ~0.5 KB of code spans, links, emphasis and entities (no inline parse)',
    make: (size) =>
      fill(size, (i) =>
        i % 60 === 0 ? '```\n' : i % 60 === 59 ? '\n```\n\n' : `${i % 12 === 0 ? '\n' : ''}${denseUnit(i)} `,
      ),
  },
};

/** One unit of the dense-small shapes: a code span, a link, or emphasis and an entity. */
function denseUnit(i) {
  return i % 3 === 0 ? `\`c${i % 7}\`` : i % 3 === 1 ? `[l](u${i % 7})` : `*e${i % 5}* &amp;`;
}

export const SHAPE_NAMES = Object.keys(SHAPES);

/** The text of one shape at one size (characters). */
export function makeShape(name, size, seed = 1) {
  const shape = SHAPES[name];
  if (!shape) throw new Error(`unknown shape ${name} (expected one of ${SHAPE_NAMES.join(', ')})`);
  return shape.make(size, seed);
}
