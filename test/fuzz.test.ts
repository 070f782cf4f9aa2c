// Property-based robustness: over generated Markdown / text / bytes in every encoding and line-ending style,
// the whole pipeline (decode → normalise → every rule via auditArticles → renderers) never throws, every position
// is inside the original text, output is deterministic, and the HTML report never contains raw article markup.
// Fixed seed, modest runs in CI; FUZZ_RUNS raises it (npm run fuzz sets FUZZ_RUNS=2000).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../pipeline/config.js';
import { auditArticles, type CorpusInput } from '../pipeline/index.js';
import { buildSource } from '../pipeline/load.js';
import { normalise } from '../pipeline/normalise.js';
import type { Article, FindingDraft, Report } from '../pipeline/types.js';
import { renderHtml } from '../reports/html.js';
import { renderJson } from '../reports/json.js';
import { decodeOriginal, positionViolations } from './helpers/check-positions.js';
import { encodeAs, type Encoding } from './helpers/encode.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const SEED = Number(process.env.FUZZ_SEED ?? 20240601);
const params = (numRuns = RUNS) => ({ seed: SEED, numRuns, endOnFailure: true });
const MARKER = 'zz-xss';

// ---- generators ----

type Eol = '\n' | '\r\n' | '\r';

function encode(text: string, encoding: Encoding): Uint8Array {
  // Only Latin-1 characters survive Latin-1; the rest become '?'. A trailing byte ≥ 0x80 makes the file non-UTF-8.
  return encoding === 'latin-1'
    ? encodeAs(`${text.replace(/[^\u0000-\u00ff]/gu, '?')}\u00e9`, 'latin-1')
    : encodeAs(text, encoding);
}

const TOKENS = [
  '#',
  '## ',
  '### ',
  '> ',
  '>> ',
  '- ',
  '* ',
  '+ ',
  '1. ',
  '2) ',
  '```',
  '~~~',
  '    ',
  '\t',
  '---',
  '***',
  '___',
  '===',
  '\n',
  '\n',
  '\n\n',
  '  \n',
  '\\\n',
  '|',
  '| a | b |\n|---|---|\n',
  '[',
  ']',
  '(',
  ')',
  '![img](x.png)',
  '[link](http://x)',
  '[ref]: /u',
  '<',
  '>',
  '<div>',
  '</div>',
  '<!-- c -->',
  `<${MARKER}>`,
  `</${MARKER}>`,
  `<img src=x onerror=alert(1)>`,
  '<script>',
  '&amp;',
  '&#0;',
  '&#x1F600;',
  '&copy;',
  '&bogus;',
  '\\',
  '\\*',
  '*',
  '**',
  '_',
  '`',
  '``',
  'word',
  'Zebra',
  'The',
  'keyword',
  'keyword keyword',
  '. ',
  '! ',
  '? ',
  '…',
  '...',
  'Dr. ',
  'e.g. ',
  '3.14',
  '"',
  '”',
  '’',
  'é',
  'e\u0301',
  'n\u0303',
  '\u1100\u1161\u11a8',
  '👩‍👩‍👧',
  '🇫🇷',
  '👍🏽',
  'مرحبا',
  'שלום',
  '\u200f',
  '東京の天気。',
  '今日は',
  '！',
  '？',
  '\u00a0',
  '\u3000',
  '\u2028',
  '\uFEFF',
  '\uFFFD',
  'Ã©',
  'â€™',
  '\u000b',
  '\f',
  '---\ntitle: T\n---\n',
  `---\ntitle: <${MARKER}>\n---\n`,
  '---\ntitle: [\n---\n',
  '---\na: 1\n',
  'title: x\n',
  ':',
  '- [ ] task',
  // Detector bait: claims, truncation, repeated words, keyword runs.
  'Acme Corp was founded in 1999. ',
  'Acme Corp was founded in 2001. ',
  'The Eiffel Tower is 330 metres tall. ',
  'In conclusion, the',
  'the the ',
  'best best seo seo ',
  'Click here to',
  'and',
  '<!-- content-audit-disable -->',
];

const tokenSoup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 80 }).map((tokens) => tokens.join(''));
const unicodeText = fc.string({ unit: 'binary', maxLength: 200 });
const graphemeText = fc.string({ unit: 'grapheme', maxLength: 120 });
const articleText = fc.oneof(tokenSoup, tokenSoup, unicodeText, graphemeText);

const encodingArb = fc.constantFrom<Encoding>('utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'latin-1');
const eolArb = fc.constantFrom<Eol>('\n', '\r\n', '\r');
const nameArb = fc.constantFrom('a.md', 'b.txt', 'c.markdown', `d <${MARKER}> & "q".md`, 'e ünï.mdx');

/** One generated file: either text in an encoding and line-ending style, or raw bytes. */
const fileArb = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('text' as const), text: articleText, encoding: encodingArb, eol: eolArb }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('bytes' as const), bytes: fc.uint8Array({ maxLength: 300 }) }),
  },
);
type GeneratedFile = typeof fileArb extends fc.Arbitrary<infer T> ? T : never;

const distinct = fc.uniqueArray(fc.tuple(nameArb, fileArb), { minLength: 1, maxLength: 3, selector: ([name]) => name });
/**
 * Sometimes a near-copy of the first article in another encoding / line-ending style (exercises duplicate passages).
 */
const withCopy = fc
  .tuple(
    fc.tuple(
      fc.constant('copy-a.md'),
      fc.record({ kind: fc.constant('text' as const), text: tokenSoup, encoding: encodingArb, eol: eolArb }),
    ),
    encodingArb,
    eolArb,
    tokenSoup,
  )
  .map(
    ([[name, file], encoding, eol, extra]) =>
      [
        [name, file],
        ['copy-b.txt', { ...file, text: `${file.text}${extra}`, encoding, eol }],
      ] as [string, GeneratedFile][],
  );
const corpusArb = fc.oneof({ weight: 3, arbitrary: distinct }, { weight: 1, arbitrary: withCopy });

function bytesOf(file: GeneratedFile): Uint8Array {
  if (file.kind === 'bytes') return file.bytes;
  return encode(file.text.replace(/\r\n|\r|\n/g, file.eol), file.encoding);
}

const config = resolveConfig({});

/** Build the corpus in memory exactly as loadCorpus does (buildSource → normalise), and audit it with every rule. */
function auditCorpus(files: [string, Uint8Array][]): { report: Report; articles: Article[] } {
  const articles: Article[] = [];
  const loadDrafts: FindingDraft[] = [];
  const unreadable: string[] = [];
  for (const [name, bytes] of files) {
    const path = `corpus/${name}`;
    const { source, findings } = buildSource(path, `/virtual/${path}`, bytes);
    loadDrafts.push(...findings);
    if (source) articles.push(normalise(source));
    else unreadable.push(path);
  }
  const input: CorpusInput = { articles, focus: null, loadDrafts, unreadable };
  return { report: auditArticles(input, config), articles };
}

function expectArticleInvariants(article: Article): void {
  const n = article.source.text.length;
  for (const block of article.blocks) {
    expect(block.sourceOffsets.length).toBe(block.text.length + 1);
    for (const offset of block.sourceOffsets) {
      expect(offset >= 0 && offset <= n).toBe(true);
    }
    expect(block.text.normalize('NFC')).toBe(block.text);
    expect(block.text.includes('\r')).toBe(false);
    for (const s of block.sentences) expect(block.text.slice(s.start, s.end)).toBe(s.text);
    // Exact mapping: an ASCII letter in block text comes from that letter in the source (or its NFC preimage, e.g. K
    // from U+212A).
    for (let i = 0; i < block.text.length; i++) {
      const c = block.text[i];
      if (!/[A-Za-z]/.test(c)) continue;
      const original = article.source.text[block.sourceOffsets[i]];
      if (original !== c && original?.normalize('NFC') !== c) {
        throw new Error(
          `${article.path} block ${JSON.stringify(block.text.slice(0, 80))}: text[${i}] = ${c} maps ` +
            `to ${JSON.stringify(original)} at ${block.sourceOffsets[i]}`,
        );
      }
    }
  }
  if (article.titleBlockIndex !== null) expect(article.blocks[article.titleBlockIndex]).toBeDefined();
  expect(Number.isInteger(article.words) && article.words >= 0).toBe(true);
}

describe('fuzz: the pipeline on generated input', () => {
  it('never throws, keeps the Article model well-formed, and keeps every position inside the original text', () => {
    fc.assert(
      fc.property(corpusArb, (corpus) => {
        const files = corpus.map(([name, file]) => [name, bytesOf(file)] as [string, Uint8Array]);
        const { report, articles } = auditCorpus(files);
        for (const article of articles) expectArticleInvariants(article);
        const originals = new Map(files.map(([name, bytes]) => [`corpus/${name}`, decodeOriginal(bytes)]));
        expect(positionViolations(report, (p) => originals.get(p))).toEqual([]);
        // Every input is accounted for: a document, or a finding saying why not.
        for (const [name] of files) expect(report.documents.some((d) => d.path === `corpus/${name}`)).toBe(true);
      }),
      params(),
    );
  });

  it('is deterministic: the same bytes give byte-identical JSON', () => {
    fc.assert(
      fc.property(corpusArb, (corpus) => {
        const files = corpus.map(([name, file]) => [name, bytesOf(file)] as [string, Uint8Array]);
        const first = renderJson(auditCorpus(files).report);
        const second = renderJson(
          auditCorpus(files.map(([n, b]) => [n, Uint8Array.from(b)] as [string, Uint8Array])).report,
        );
        expect(second).toBe(first);
      }),
      params(Math.max(10, Math.floor(RUNS / 2))),
    );
  });

  it('the HTML report never contains raw markup from article text, titles or paths', () => {
    const planted = fc
      .tuple(
        tokenSoup,
        fc.constantFrom(`<${MARKER}>`, `<${MARKER} onload=x>`, `</${MARKER}>`, `<${MARKER}/>`),
        tokenSoup,
      )
      .map(([a, m, b]) => `${a}${m}${b}`);
    const file = fc.record({ kind: fc.constant('text' as const), text: planted, encoding: encodingArb, eol: eolArb });
    const withMarker = fc.uniqueArray(fc.tuple(nameArb, file), {
      minLength: 1,
      maxLength: 3,
      selector: ([name]) => name,
    });
    fc.assert(
      fc.property(withMarker, (corpus) => {
        const files = corpus.map(([name, f]) => [name, bytesOf(f)] as [string, Uint8Array]);
        const { report } = auditCorpus(files);
        const html = renderHtml(report);
        expect(html.toLowerCase().includes(`<${MARKER}`)).toBe(false);
        expect(html.toLowerCase().includes(`</${MARKER}`)).toBe(false);
      }),
      params(Math.max(10, Math.floor(RUNS / 2))),
    );
  });

  it('the HTML report escapes a marker in a finding that quotes article text (heading, title, front matter)', () => {
    // Deterministic companion to the property above: markers in every place a renderer may quote.
    const text =
      `---\ntitle: Title <${MARKER}>\n---\n# Heading <${MARKER}> here\n\nBody <${MARKER}> ` +
      `text. ${'keyword '.repeat(40)}\n\n---\nbroken: [\n`;
    const { report } = auditCorpus([
      ['a.md', Buffer.from(text)],
      [`x<${MARKER}>.md`, Buffer.from(`# Heading <${MARKER}> here\n\nBody <${MARKER}> text.\n`)],
      ['bin.md', Buffer.from([0, 1, 2, 3])],
    ]);
    expect(renderJson(report)).toContain(`<${MARKER}>`);
    expect(renderHtml(report).toLowerCase()).not.toContain(`<${MARKER}`);
  });
});
