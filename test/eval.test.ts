// The real-prose evaluation's scorer, checked by hand on a small labelled report, and the whole harness run on a
// small sample of real articles so it keeps working. No detector is held to a number here: numbers live in the
// evaluation's table (docs/evaluation.md), as speed lives in the benchmark.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- the evaluation is plain JavaScript (like bench/), without declarations
import { evaluate } from '../eval/run.js';
// @ts-expect-error -- the evaluation is plain JavaScript (like bench/), without declarations
import { naturalPassages } from '../eval/natural.js';
// @ts-expect-error -- the evaluation is plain JavaScript (like bench/), without declarations
import { plantCorpus } from '../eval/plant/index.js';
// @ts-expect-error -- the evaluation is plain JavaScript (like bench/), without declarations
import { scoreReport } from '../eval/score.js';
// @ts-expect-error -- the evaluation is plain JavaScript (like bench/), without declarations
import { halfOf } from '../eval/split.js';

const at = (ruleId: string, p: string, line: number, extra: Record<string, unknown> = {}) => ({
  ruleId,
  severity: 'warning',
  path: p,
  line,
  column: 1,
  endLine: line,
  endColumn: 5,
  message: `${ruleId} here`,
  fingerprint: '0123456789abcdef',
  ...extra,
});

const labels = [
  {
    id: 'T',
    kind: 'truncation',
    variant: 'final-list-item',
    file: 'a.md',
    line: 5,
    endLine: 5,
    planted: '- The company will',
  },
  {
    id: 'S',
    kind: 'splice',
    variant: 'lowercase-commercial',
    file: 'b.txt',
    line: 3,
    endLine: 3,
    planted: 'cheap flights',
    repeatedIn: 2,
  },
  {
    id: 'S2',
    kind: 'splice',
    variant: 'misdecoded-nbsp',
    file: 'o.txt',
    line: 1,
    endLine: 1,
    planted: 'best\u00C2\u00A0vpn',
    repeatedIn: 1,
  },
  {
    id: 'M',
    kind: 'mojibake',
    variant: 'cp1252',
    file: 'c.txt',
    line: 2,
    endLine: 2,
    planted: 'cafÃ©',
    original: 'café',
  },
  {
    id: 'D',
    kind: 'duplicate',
    variant: 'excerpt',
    file: 'e.txt',
    line: 3,
    endLine: 6,
    otherFile: 'd.txt',
    otherLine: 3,
    otherEndLine: 6,
    planted: '…',
  },
  {
    id: 'C',
    kind: 'claim',
    variant: 'changed-fact',
    file: 'g.txt',
    line: 3,
    endLine: 3,
    otherFile: 'f.txt',
    otherLine: 3,
    otherEndLine: 3,
    planted: '$1236bn',
    original: '$412bn',
  },
  {
    id: 'N',
    kind: 'compatible',
    variant: 'money-scale',
    negative: true,
    file: 'i.txt',
    line: 2,
    endLine: 2,
    otherFile: 'h.txt',
    otherLine: 2,
    otherEndLine: 2,
    planted: '$1,300m',
  },
  {
    id: 'L',
    kind: 'lookalike',
    variant: 'acronyms',
    negative: true,
    file: 'j.txt',
    line: 2,
    endLine: 2,
    planted: 'the BBC and the USA',
  },
];
const relations = [
  { a: 'd.txt', b: 'e.txt', how: 'excerpt' },
  { a: 'f.txt', b: 'g.txt', how: 'claim-rewrite' },
  { a: 'h.txt', b: 'i.txt', how: 'compatible-rewrite' },
];
const untouched = ['k.txt', 'l.txt', 'm.txt', 'n.txt'];
const report = {
  documents: [...'abcdefghijklmno'].map((c) => ({ path: `${c}.txt` })),
  findings: [
    at('truncated-ending', 'a.md', 5),
    at('spliced-keyword', 'b.txt', 7), // wrong line: a miss and a false finding
    at('mojibake', 'c.txt', 2, {
      message: 'Mojibake "cafÃ©": UTF-8 text decoded as windows-1252; it should read "café".',
    }),
    at('similar-content', 'e.txt', 4, { related: [{ path: 'd.txt', line: 4, column: 1 }] }),
    // A derived pair, not labelled:
    at('near-duplicate', 'f.txt', 1, { related: [{ path: 'g.txt', line: 1, column: 1 }] }),
    at('claim-conflict', 'g.txt', 3, { related: [{ path: 'f.txt', line: 3, column: 1 }] }),
    at('claim-conflict', 'i.txt', 2, { related: [{ path: 'h.txt', line: 2, column: 1 }] }), // compatible: false
    at('spliced-keyword', 'j.txt', 2), // look-alike flagged
    at('dropped-words', 'k.txt', 1), // untouched: false
    at('spliced-keyword', 'o.txt', 1),
    at('mojibake', 'o.txt', 1), // mis-decoded no-break spaces: right, though not a mojibake label
    at('single-source-claim', 'l.txt', 1, { severity: 'info' }),
  ],
  duplicates: {
    pairs: [
      { a: 'd.txt', b: 'e.txt', kind: 'similar-content', similarity: 0.5 },
      { a: 'f.txt', b: 'g.txt', kind: 'near-duplicate', similarity: 0.9 },
      { a: 'k.txt', b: 'l.txt', kind: 'similar-content', similarity: 0.4 },
    ],
  },
  claims: {
    conflicts: [
      {
        subject: 'deficit',
        attribute: 'amount',
        values: [
          { value: '$412bn', path: 'f.txt', line: 3 },
          { value: '$1236bn', path: 'g.txt', line: 3 },
        ],
      },
      {
        subject: 'sale',
        attribute: 'price',
        values: [
          { value: '$1.3bn', path: 'h.txt', line: 2 },
          { value: '$1,300m', path: 'i.txt', line: 2 },
        ],
      },
    ],
  },
};

describe('eval scorer', () => {
  const score = scoreReport({ report, labels, relations, untouched });
  const rule = (id: string) => score.rules.find((r: { rule: string }) => r.rule === id)!;
  const kind = (key: string) => score.kinds.find((k: { key: string }) => k.key === key)!;

  it('counts true, derived and false findings per rule', () => {
    expect(rule('truncated-ending')).toMatchObject({ findings: 1, tp: 1, fp: 0, detected: 1, labels: 1 });
    expect(rule('spliced-keyword')).toMatchObject({
      findings: 3,
      tp: 1,
      fp: 2,
      fpUntouched: 0,
      detected: 1,
      labels: 2,
    });
    expect(rule('mojibake')).toMatchObject({ findings: 2, tp: 2, fp: 0, detected: 1, labels: 1 });
    expect(rule('similar-content')).toMatchObject({ tp: 1, fp: 0 });
    expect(rule('near-duplicate')).toMatchObject({ tp: 0, expected: 1, fp: 0 });
    expect(rule('claim-conflict')).toMatchObject({ findings: 2, tp: 1, fp: 1 });
    expect(rule('dropped-words')).toMatchObject({ fp: 1, fpUntouched: 1 });
    expect(rule('dropped-words').fpPer50Untouched).toBe(12.5);
    expect(rule('single-source-claim')).toMatchObject({ findings: 1, info: 1, fp: 0 });
    expect(rule('spliced-keyword').precision).toBeCloseTo(1 / 3);
    expect(rule('near-duplicate').precision).toBe(1);
  });

  it('counts recall per kind and variant, exact repairs and flagged look-alikes', () => {
    expect(kind('truncation')).toMatchObject({ labels: 1, detected: 1, recall: 1 });
    expect(kind('splice')).toMatchObject({ labels: 2, detected: 1, recall: 0.5 });
    expect(kind('splice/repeated')).toMatchObject({ labels: 1, detected: 0 });
    expect(kind('mojibake/cp1252')).toMatchObject({ detected: 1, exactRepair: 1, exactRepairRate: 1 });
    expect(kind('duplicate/excerpt')).toMatchObject({ detected: 1 });
    expect(kind('claim/changed-fact')).toMatchObject({ detected: 1 });
    expect(kind('compatible/money-scale')).toMatchObject({ negatives: 1, flagged: 1 });
    expect(kind('lookalike/acronyms')).toMatchObject({ negatives: 1, flagged: 1 });
    expect(score.misses.map((m: { id: string }) => m.id)).toEqual(['S']);
  });

  it('scores the pairs and conflicts the report lists', () => {
    expect(score.pairs).toMatchObject({ reported: 3, tp: 1, expected: 1, fp: 1 });
    expect(score.pairs.precision).toBeCloseTo(2 / 3);
    expect(score.conflicts).toMatchObject({ reported: 2, tp: 1, fp: 1 });
    expect(score.falseFindingsPer50Untouched).toBe(12.5);
  });
});

describe('natural passages', () => {
  const words = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `w${from + i}`).join(' ');
  it('relates files that share a verbatim run of 15 words, and no others', () => {
    const files = [
      { path: 'a.txt', text: `Start. ${words(15)}. End.` },
      { path: 'b.txt', text: `Other, ${words(15).toUpperCase()}! More.` },
      { path: 'c.txt', text: `${words(14)} only fourteen` },
    ];
    expect(naturalPassages(files)).toEqual([{ a: 'a.txt', b: 'b.txt', how: 'natural-passage' }]);
  });
  it('takes a run held by more than five files for a stock phrase', () => {
    const files = Array.from({ length: 6 }, (_, i) => ({ path: `${i}.txt`, text: `${words(15, 100)} tail ${i}` }));
    expect(naturalPassages(files)).toEqual([]);
  });
});

describe('eval planter', () => {
  // Many short pages of many paragraphs: a paste often lands in a page that is also an excerpt's source. Pasting
  // between two of that excerpt's blocks once made its label's range mismatch and stopped the run, and so did a
  // second complete list or table appended to a page that already ended with one.
  it('never pastes inside a block range another label anchors, nor ends a page twice', () => {
    const w =
      'module option target build cache folder value list entry property command project install package test'.split(
        ' ',
      );
    const pick = (n: number) => w[n % w.length];
    const sentence = (i: number, j: number) =>
      `The ${pick(i + j)} ${pick(i * 3 + j)} sets the ${pick(i * 7 + j * 2)} for each ${pick(j * 5 + i)} in page ${i}.`;
    const paragraph = (i: number, p: number) =>
      `${[0, 1, 2].map((k) => sentence(i, p * 3 + k)).join(' ')} It is told here in words enough for prose.`;
    const sources = Array.from({ length: 24 }, (_, i) => ({
      name: `page-${String(i).padStart(2, '0')}.md`,
      text: `# Page ${i}\n\n${Array.from({ length: 7 }, (_, p) => paragraph(i, p)).join('\n\n')}\n`,
    }));
    for (let seed = 1; seed <= 60; seed++)
      expect(() => plantCorpus({ sources, genre: 'docs', seed, naturalOverlaps: [] }), `seed ${seed}`).not.toThrow();
  });
});

const prose = path.resolve(__dirname, '..', '..', 'shared', 'real-prose', 'bbc');
const haveProse = existsSync(prose);
if (!haveProse)
  console.warn(
    `eval harness test skipped: no real articles at ${prose} (npm run eval -- --prose DIR points the evaluation at ` +
      `another folder)`,
  );

describe.skipIf(!haveProse)('eval harness on a sample of real articles', () => {
  it('plants, audits through the report contract and scores every label once', () => {
    const names = readdirSync(prose)
      .filter((n) => n.endsWith('.txt') && halfOf(n) === 'tuning')
      .sort()
      .slice(0, 60);
    const sources = names.map((name) => ({ name, text: readFileSync(path.join(prose, name), 'utf8') }));
    const run = evaluate({ sources, genre: 'news', half: 'tuning', seed: 1, naturalOverlaps: [] });
    const s = run.score;
    expect(s.documents).toBeGreaterThanOrEqual(60);
    expect(s.untouched).toBeGreaterThanOrEqual(24);
    const perKind = s.kinds.filter((k: { variant: string }) => k.variant === '*');
    expect(perKind.reduce((n: number, k: { labels: number }) => n + k.labels, 0)).toBe(s.labels);
    for (const r of s.rules as { tp: number; expected: number; fp: number; info: number; findings: number }[])
      expect(r.tp + r.expected + r.fp + r.info).toBe(r.findings);
  });
});
