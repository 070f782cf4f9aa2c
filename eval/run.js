#!/usr/bin/env node
// npm run eval [-- --prose DIR] [--half tuning|test|both] [--genre news|docs|all] [--seed N] [--sample N] [--keep]
//
// Plants labelled glitches into copies of real articles (eval/plant/, written independently of the detectors), runs
// the CLI on each planted corpus through the JSON report contract, and scores the report (eval/score.js): per rule
// and per kind, precision, recall, tp/fp/fn, false findings per 50 untouched articles, with samples of misses and
// false findings. Articles are split into a tuning half and a test half by a hash of their file name (eval/split.js):
// develop against the tuning half only; the test half is scored and reported, never read.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { plantCorpus } from './plant/index.js';
import { formatRun, formatSummary } from './format.js';
import { naturalPassages } from './natural.js';
import { scoreReport } from './score.js';
import { halfOf } from './split.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ARTICLE = /\.(txt|md|markdown)$/i;

function parseArgs(argv) {
  const args = {
    prose: path.join(root, '..', 'shared', 'real-prose'),
    half: 'both',
    genre: 'all',
    seed: 1,
    sample: 0,
    keep: false,
    show: 6,
  };
  args.out = path.join(root, 'eval-report', 'evaluation.json');
  args.cli = path.join(root, 'bin', 'content-audit.js');
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) fail(`${flag} needs a value`);
      return argv[++i];
    };
    if (flag === '--prose') args.prose = path.resolve(value());
    else if (flag === '--half') args.half = value();
    else if (flag === '--genre') args.genre = value();
    else if (flag === '--seed') args.seed = Number(value());
    else if (flag === '--sample') args.sample = Number(value());
    else if (flag === '--show') args.show = Number(value());
    else if (flag === '--out') args.out = path.resolve(value());
    else if (flag === '--keep') args.keep = true;
    else if (flag === '--cli') args.cli = path.resolve(value());
    else if (flag === '-h' || flag === '--help') usage(0);
    else fail(`unknown option ${flag}`);
  }
  if (!['tuning', 'test', 'both'].includes(args.half)) fail('--half must be tuning, test or both');
  if (!['news', 'docs', 'all'].includes(args.genre)) fail('--genre must be news, docs or all');
  if (!Number.isInteger(args.seed)) fail('--seed must be an integer');
  if (!Number.isInteger(args.sample) || args.sample < 0) fail('--sample must be a whole number');
  return args;
}

function usage(code) {
  console.log(`usage: npm run eval [-- --prose DIR] [--half tuning|test|both] [--genre news|docs|all] [--seed N] [--sample N] [--keep] [--out FILE] [--cli PATH]

DIR is a folder of real articles (.txt: title line, blank line, paragraphs; .md: Markdown), or a folder holding
bbc/ (news) and docs-vue/ (docs) as ../shared/real-prose does. The default is ../shared/real-prose beside this
repository. A plain folder is news unless most of its files are Markdown.`);
  process.exit(code);
}

function fail(message) {
  console.error(`eval: ${message}`);
  process.exit(2);
}

/** The genres to evaluate: [{ genre, dir }], and the natural overlaps listed beside them. */
function discover(prose) {
  if (!existsSync(prose) || !statSync(prose).isDirectory()) {
    fail(`no folder of articles at ${prose}.\nPoint the evaluation at one with: npm run eval -- --prose DIR`);
  }
  const overlapsFile = path.join(prose, 'natural-overlaps.tsv');
  const naturalOverlaps = existsSync(overlapsFile)
    ? readFileSync(overlapsFile, 'utf8')
        .split('\n')
        .slice(1)
        .filter(Boolean)
        .map((row) => row.split('\t').slice(0, 2))
    : [];
  const known = [
    ['news', 'bbc'],
    ['docs', 'docs-vue'],
  ].filter(([, sub]) => existsSync(path.join(prose, sub)));
  if (known.length)
    return { genres: known.map(([genre, sub]) => ({ genre, dir: path.join(prose, sub) })), naturalOverlaps };
  const names = readdirSync(prose).filter((n) => ARTICLE.test(n));
  if (!names.length) fail(`${prose} holds no .txt or .md articles`);
  const markdown = names.filter((n) => !n.endsWith('.txt')).length;
  return { genres: [{ genre: markdown > names.length / 2 ? 'docs' : 'news', dir: prose }], naturalOverlaps };
}

function readSources(dir, half, sample) {
  let names = readdirSync(dir)
    .filter((n) => ARTICLE.test(n) && halfOf(n) === half)
    .sort();
  if (sample && names.length > sample) {
    const rank = (n) => createHash('sha256').update(`sample:${n}`).digest('hex');
    names = names
      .map((n) => [rank(n), n])
      .sort()
      .slice(0, sample)
      .map(([, n]) => n)
      .sort();
  }
  return names.map((name) => ({ name, text: readFileSync(path.join(dir, name), 'utf8') }));
}

function writeCorpus(files) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'content-audit-eval-'));
  for (const file of files) {
    const target = path.join(dir, file.path);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, file.text);
  }
  return dir;
}

/** Runs the CLI as a user would and checks its JSON report against the shared report contract. */
function auditCorpus(dir, cli) {
  const run = spawnSync(
    process.execPath,
    [cli, '.', '--format', 'json', '--fail-on', 'never', '--no-cache', '--no-config', '--no-baseline', '--no-progress'],
    {
      cwd: dir,
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    },
  );
  if (run.status !== 0) fail(`the audit of ${dir} exited ${run.status}:\n${run.stderr}`);
  const contract = path.join(root, '..', 'shared', 'tools', 'check-report-contract.mjs');
  if (existsSync(contract)) {
    const check = spawnSync(process.execPath, [contract], { input: run.stdout, encoding: 'utf8', maxBuffer: 1 << 30 });
    if (check.status !== 0) fail(`the report breaks the JSON report contract:\n${check.stdout}`);
  }
  return JSON.parse(run.stdout);
}

/** One planted corpus: plant, audit, score. Exported for the test, which runs it on a small sample. */
export function evaluate({
  sources,
  genre,
  half,
  seed,
  naturalOverlaps,
  keep = false,
  cli = path.join(root, 'bin', 'content-audit.js'),
}) {
  const names = new Set(sources.map((s) => s.name));
  const overlaps = naturalOverlaps.filter(([a, b]) => names.has(a) && names.has(b));
  const planted = plantCorpus({ sources, genre, seed, naturalOverlaps: overlaps });
  const dir = writeCorpus(planted.files);
  const started = performance.now();
  try {
    const report = auditCorpus(dir, cli);
    const relations = [...planted.relations, ...naturalPassages(planted.files)];
    const score = scoreReport({ report, labels: planted.labels, relations, untouched: planted.untouched });
    return {
      genre,
      half,
      seed,
      sources: sources.length,
      auditSeconds: (performance.now() - started) / 1000,
      dir: keep ? dir : undefined,
      score,
    };
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const { genres, naturalOverlaps } = discover(args.prose);
  const halves = args.half === 'both' ? ['tuning', 'test'] : [args.half];
  const runs = [];
  for (const { genre, dir } of genres) {
    if (args.genre !== 'all' && args.genre !== genre) continue;
    for (const half of halves) {
      const sources = readSources(dir, half, args.sample);
      if (!sources.length) continue;
      const run = evaluate({ sources, genre, half, seed: args.seed, naturalOverlaps, keep: args.keep, cli: args.cli });
      runs.push(run);
      console.log(formatRun(run, { show: args.show }));
    }
  }
  if (!runs.length) fail('nothing to evaluate (no articles in the chosen genre and half)');
  console.log(formatSummary(runs));
  mkdirSync(path.dirname(args.out), { recursive: true });
  const date = new Date().toISOString().slice(0, 10);
  writeFileSync(args.out, `${JSON.stringify({ date, prose: args.prose, seed: args.seed, runs }, null, 1)}\n`);
  console.log(`\nThe same tables as JSON: ${path.relative(process.cwd(), args.out)}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
