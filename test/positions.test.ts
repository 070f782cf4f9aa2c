// Positions: for every encoding (UTF-8, UTF-8 BOM, UTF-16LE/BE, Latin-1) × line-ending style (LF, CRLF, CR) × format,
// every finding of a full audit has line ≤ number of lines and column ≤ line length + 1 in the ORIGINAL text,
// and a planted word maps back to exactly that word in the original file.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../pipeline/config.js';
import { audit, loadCorpus } from '../pipeline/index.js';
import { blockRange, positionAt } from '../pipeline/source-map.js';
import type { Report } from '../pipeline/types.js';
import { decodeOriginal, linesOf, positionViolations, readOriginal } from './helpers/check-positions.js';
import { ENCODINGS, encodeAs, type Encoding } from './helpers/encode.js';

const EOLS = { lf: '\n', crlf: '\r\n', cr: '\r' } as const;

const encode = encodeAs;

// Latin-1-representable text (so every encoding carries the same characters), with detector bait:
// claims that conflict across files, a truncated ending, a repeated word, mojibake-looking text, decomposed accents.
const markdown = (n: number) =>
  [
    '---',
    `title: Café report ${n}`,
    '---',
    `# Café report ${n}`,
    '',
    `Acme Corp was founded in ${1990 + n}. The naïve café serves crème brûlée — a zebra favourite.`,
    'This line has Ã© mojibake and the the repeated words, plus “quotes”.',
    '',
    '> A quoted paragraph about the café',
    '> continues here.',
    '',
    '- item one &amp; two',
    '- item *three* with \\*escapes\\*',
    '',
    'In conclusion, the',
    '',
  ].join('\n');

const plain = (n: number) =>
  [
    `Café report ${n}`,
    `Acme Corp was founded in ${1990 + n}. The naïve café serves crème brûlée — a zebra favourite.`,
    'This line has Ã© mojibake and the the repeated words.',
    '',
    '- item one',
    '- item two',
    '',
    'In conclusion, the',
    '',
  ].join('\n');

describe('positions across encodings and line endings', () => {
  let cwd: string;
  let report: Report;
  const files: { rel: string; bytes: Buffer }[] = [];

  beforeAll(async () => {
    cwd = mkdtempSync(path.join(tmpdir(), 'ca-positions-'));
    mkdirSync(path.join(cwd, 'corpus'));
    let n = 0;
    for (const encoding of ENCODINGS) {
      for (const [eolName, eol] of Object.entries(EOLS)) {
        for (const format of ['md', 'txt'] as const) {
          const text = (format === 'md' ? markdown(n) : plain(n)).replace(/\n/g, eol);
          const rel = `corpus/${encoding}-${eolName}.${format}`;
          const bytes = encode(text, encoding);
          writeFileSync(path.join(cwd, rel), bytes);
          files.push({ rel, bytes });
          n++;
        }
      }
    }
    report = await audit({ paths: ['corpus'], cwd, config: {} });
  }, 120_000);
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it('audits every variant', () => {
    expect(report.documents.map((d) => d.path).sort()).toEqual(files.map((f) => f.rel).sort());
    for (const doc of report.documents) expect(doc.title).toMatch(/^Café report \d+$/);
    expect(report.findings.filter((f) => f.ruleId === 'unreadable-file')).toEqual([]);
  });

  it('every finding, related location, duplicate passage and claim is inside the original text', () => {
    expect(report.findings.length).toBeGreaterThan(0);
    expect(positionViolations(report, (p) => readOriginal(path.join(cwd, p)))).toEqual([]);
  });

  it('a word in any block maps back to the same word at the reported line/column of the original file', async () => {
    const input = await loadCorpus({ paths: ['corpus'], cwd }, resolveConfig({}));
    expect(input.documents).toHaveLength(files.length);
    for (const article of input.documents.map((document) => input.articleFor(document.path))) {
      const original = decodeOriginal(readFileSync(path.join(cwd, article.path)));
      const lines = original.split(/\r\n|\r|\n/);
      let checked = 0;
      for (const block of article.blocks) {
        for (const word of ['zebra', 'brûlée', 'continues', 'conclusion', 'three']) {
          const at = block.text.indexOf(word);
          if (at < 0) continue;
          const range = blockRange(article.source, block, at, at + word.length);
          expect(range.line, `${article.path} ${word}`).toBe(range.endLine);
          expect(lines[range.line - 1].slice(range.column - 1, range.endColumn - 1), `${article.path} ${word}`).toBe(
            word,
          );
          checked++;
        }
      }
      expect(checked, article.path).toBeGreaterThanOrEqual(3);
    }
  });

  it('every character offset of every block is a valid position (line/column bounds)', async () => {
    const input = await loadCorpus({ paths: ['corpus'], cwd }, resolveConfig({}));
    for (const article of input.documents.map((document) => input.articleFor(document.path))) {
      const lines = linesOf(decodeOriginal(readFileSync(path.join(cwd, article.path))));
      for (const block of article.blocks) {
        for (const offset of block.sourceOffsets) {
          const { line, column } = positionAt(article.source, offset);
          expect(line).toBeLessThanOrEqual(lines.count);
          expect(column).toBeLessThanOrEqual(lines.length(line) + 1);
        }
      }
    }
  });
});

describe('the position checker itself', () => {
  const base: Report = {
    schemaVersion: 1,
    tool: { name: 'content-audit', version: '0' },
    summary: { documents: 1, errors: 0, warnings: 0, infos: 0, byRule: {}, passed: true, failOn: 'error' },
    documents: [],
    findings: [],
    duplicates: { pairs: [], clusters: [] },
    claims: { conflicts: [], entities: [] },
  };
  const finding = (line: number, column: number, endLine = line, endColumn = column) => ({
    ruleId: 'x',
    severity: 'info' as const,
    path: 'a.md',
    message: 'm',
    fingerprint: 'f',
    line,
    column,
    endLine,
    endColumn,
  });
  const text = 'ab\r\ncde\rf\n';

  it('accepts positions inside the text, including the column just past a line end', () => {
    const report = { ...base, findings: [finding(1, 3), finding(2, 4), finding(3, 1, 4, 1)] };
    expect(positionViolations(report, () => text)).toEqual([]);
  });

  it('flags lines past the end, columns past the line end + 1, zero/negative values and inverted ranges', () => {
    const report = {
      ...base,
      findings: [finding(5, 1), finding(1, 4), finding(0, 1), finding(2, 2, 1, 1)],
      duplicates: {
        pairs: [
          {
            a: 'a.md',
            b: 'b.md',
            kind: 'near-duplicate' as const,
            similarity: 1,
            shared: [{ a: { line: 1, endLine: 9 }, b: { line: 1, endLine: 1 }, text: '' }],
          },
        ],
        clusters: [],
      },
    };
    const problems = positionViolations(report, (p) => (p === 'a.md' ? text : undefined));
    // (5,1) start+end, (1,4) start+end, (0,1) start+end, inverted range, duplicate passage end.
    expect(problems).toHaveLength(8);
    expect(problems.join('\n')).toMatch(/line 5 > 4 lines/);
    expect(problems.join('\n')).toMatch(/column 4 > line 1 length 2 \+ 1/);
    expect(problems.join('\n')).toMatch(/end before start/);
    expect(problems.join('\n')).toMatch(/line 9 > 4 lines/);
  });
});
