#!/usr/bin/env node
// Self-check: node eval/plant/selfcheck.js [--prose-root DIR] — runs both genres at seeds 1 and 2 on the tuning half,
// checks label positions, minimum counts, untouched files, determinism, and prints a count table.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { plantCorpus, countsFor } from './index.js';
import { halfOf } from '../split.js';

const args = process.argv.slice(2);
const root = args.includes('--prose-root') ? args[args.indexOf('--prose-root') + 1] : '/work/shared/real-prose';
const seeds = args.includes('--seeds') ? args[args.indexOf('--seeds') + 1].split(',').map(Number) : [1, 2];
let failures = 0;
const fail = (m) => { failures++; console.log('FAIL', m); };

function load(genre) {
  const dir = join(root, genre === 'news' ? 'bbc' : 'docs-vue');
  const names = readdirSync(dir).filter((n) => halfOf(n) === 'tuning').sort();
  const sources = names.map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
  const have = new Set(names);
  let nat = [];
  const tsv = join(root, 'natural-overlaps.tsv');
  if (genre === 'news' && existsSync(tsv)) nat = readFileSync(tsv, 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t').slice(0, 2)).filter(([a, b]) => have.has(a) && have.has(b));
  return { sources, nat };
}

function check(genre, seed, sources, nat) {
  const t0 = performance.now();
  const r = plantCorpus({ sources: sources.slice().reverse(), genre, seed, naturalOverlaps: nat });
  const ms = performance.now() - t0;
  const r2 = plantCorpus({ sources, genre, seed, naturalOverlaps: nat });
  if (JSON.stringify(r) !== JSON.stringify(r2)) fail(`${genre}/${seed}: not deterministic`);
  const files = new Map(r.files.map((f) => [f.path, f.text]));
  if (files.size !== r.files.length) fail(`${genre}/${seed}: duplicate paths`);
  const src = new Map(sources.map((s) => [s.name, s.text]));
  // untouched
  for (const p of r.untouched) if (files.get(p) !== src.get(p)) fail(`${genre}/${seed}: untouched ${p} differs`);
  if (r.untouched.length < 0.4 * sources.length) fail(`${genre}/${seed}: untouched ${r.untouched.length}/${sources.length}`);
  const natural = new Set(nat.flat());
  for (const n of natural) if (files.get(n) !== src.get(n)) fail(`${genre}/${seed}: natural ${n} changed`);
  const labelled = new Set(r.labels.flatMap((l) => (l.negative && l.kind === 'compatible') ? [l.file] : [l.file]));
  for (const p of r.untouched) if (labelled.has(p)) fail(`${genre}/${seed}: untouched ${p} carries a label`);
  for (const p of files.keys()) if (/trunc|splice|moji|dup|copy|spin|claim|fake|plant|glitch/i.test(p)) fail(`revealing name ${p}`);
  // label positions
  for (const l of r.labels) {
    const text = files.get(l.file);
    if (text === undefined) { fail(`${l.id} file missing ${l.file}`); continue; }
    const lines = text.split('\n');
    if (l.line < 1 || l.endLine < l.line || l.endLine > lines.length) { fail(`${l.id} bad lines`); continue; }
    const span = lines.slice(l.line - 1, l.endLine).join('\n');
    if (l.column !== undefined) {
      const startOff = l.column - 1;
      const endLineStart = span.length - lines[l.endLine - 1].length;
      const got = span.slice(startOff, endLineStart + l.endColumn - 1);
      if (got.slice(0, 200) !== l.planted) fail(`${l.id} ${l.kind}/${l.variant}: columns give ${JSON.stringify(got.slice(0, 60))} not ${JSON.stringify(l.planted.slice(0, 60))}`);
    } else if (!span.includes(l.planted.slice(0, 200).split('\n')[0])) fail(`${l.id}: planted not on its lines`);
    if (l.kind === 'truncation' && l.endLine !== text.replace(/\n+$/, '').split('\n').length) fail(`${l.id}: truncation not at last line`);
    if (l.otherFile && !files.has(l.otherFile)) fail(`${l.id}: otherFile missing`);
    if (l.kind === 'splice' && l.repeatedIn !== r.files.filter((f) => f.text.includes(l.phrase)).length) fail(`${l.id}: repeatedIn ${l.repeatedIn} wrong for ${l.phrase}`);
    if (l.kind === 'mojibake' && l.planted === l.original) fail(`${l.id}: mojibake unchanged`);
    if (l.variant === 'latin1-c1' && !/[\u0080-\u009F]/.test(l.planted)) fail(`${l.id}: no C1`);
    if (l.kind === 'dropped-word' && !(l.variant === 'nbsp-space' ? l.planted.includes('\u00A0 ') : l.planted.includes('  '))) fail(`${l.id}: no gap`);
  }
  // one glitch per paragraph: positive in-place labels of a file must not share a line (news/docs paragraphs are single lines)
  const seen = new Map();
  for (const l of r.labels) {
    if (!['splice', 'mojibake', 'dropped-word', 'truncation'].includes(l.kind) && !(l.kind === 'lookalike' || l.variant === 'independent-conflict')) continue;
    if (l.kind === 'truncation') continue;
    const k = `${l.file}:${l.line}`;
    if (seen.has(k)) fail(`${l.id} shares paragraph with ${seen.get(k)}`);
    seen.set(k, l.id);
  }
  // counts
  const got = {};
  for (const l of r.labels) { got[l.kind] ??= {}; got[l.kind][l.variant] = (got[l.kind][l.variant] || 0) + 1; }
  const want = countsFor(genre);
  want.duplicate['many-copies'] = 5;
  for (const [k, vs] of Object.entries(want)) for (const [v, n] of Object.entries(vs)) if ((got[k]?.[v] || 0) < n) fail(`${genre}/${seed}: ${k}/${v} ${got[k]?.[v] || 0} < ${n}`);
  const dw = (got['dropped-word']?.['double-space'] || 0) + (got['dropped-word']?.['nbsp-space'] || 0);
  if (dw < (genre === 'news' ? 20 : 10)) fail('dropped-word total');
  const md = r.files.filter((f) => f.path.endsWith('.md')).length;
  return { r, got, want, ms, md };
}

for (const genre of ['news', 'docs']) {
  const { sources, nat } = load(genre);
  for (const seed of seeds) {
    const { r, got, want, ms, md } = check(genre, seed, sources, nat);
    const touched = sources.length - r.untouched.length;
    console.log(`\n## ${genre} seed ${seed}: ${sources.length} sources → ${r.files.length} files (${md} .md), ${r.labels.length} labels, ${r.relations.length} relations, ${r.untouched.length} untouched (${(100 * r.untouched.length / sources.length).toFixed(0)} %), ${touched} not untouched, ${ms.toFixed(0)} ms`);
    if (r.warnings.length) console.log('warnings:', [...new Set(r.warnings)].join('; '));
    if (seed === seeds[0]) {
      console.log('| kind | variant | planted | minimum |\n|---|---|---|---|');
      for (const [k, vs] of Object.entries(got)) for (const [v, n] of Object.entries(vs)) console.log(`| ${k} | ${v} | ${n} | ${want[k]?.[v] ?? '-'} |`);
      const how = {};
      for (const x of r.relations) how[x.how] = (how[x.how] || 0) + 1;
      console.log('relations:', JSON.stringify(how));
    }
  }
}
console.log(failures ? `\n${failures} FAILURES` : '\nall checks passed');
process.exit(failures ? 1 : 0);
