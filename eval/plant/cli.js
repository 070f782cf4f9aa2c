#!/usr/bin/env node
// node eval/plant/cli.js --prose DIR --genre news|docs --seed N --out DIR [--half tuning|test|all] [--natural FILE]
import { readdirSync, readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { plantCorpus } from './index.js';
import { halfOf } from '../split.js';

const args = process.argv.slice(2);
const opt = (k, d) => { const i = args.indexOf(`--${k}`); return i >= 0 ? args[i + 1] : d; };
const prose = opt('prose');
const genre = opt('genre', 'news');
const seed = parseInt(opt('seed', '1'), 10);
const out = opt('out');
const half = opt('half', 'tuning');
if (!prose || !out || !['news', 'docs'].includes(genre)) {
  console.error('usage: node eval/plant/cli.js --prose DIR --genre news|docs --seed N --out DIR [--half tuning|test|all] [--natural FILE]');
  process.exit(2);
}
const names = readdirSync(prose).filter((n) => /\.(txt|md)$/.test(n)).sort();
const sources = names.filter((n) => half === 'all' || halfOf(n) === half).map((name) => ({ name, text: readFileSync(join(prose, name), 'utf8') }));
const have = new Set(sources.map((s) => s.name));
let naturalOverlaps = [];
const natFile = opt('natural', join(prose, '..', 'natural-overlaps.tsv'));
if (genre === 'news' && existsSync(natFile)) {
  naturalOverlaps = readFileSync(natFile, 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t').slice(0, 2)).filter(([a, b]) => have.has(a) && have.has(b));
}
const t0 = performance.now();
const res = plantCorpus({ sources, genre, seed, naturalOverlaps });
const ms = performance.now() - t0;
mkdirSync(out, { recursive: true });
for (const f of res.files) {
  const p = join(out, f.path);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, f.text);
}
writeFileSync(join(out, 'labels.json'), JSON.stringify({ labels: res.labels, relations: res.relations, untouched: res.untouched }, null, 1));
console.error(`${genre} seed ${seed}: ${sources.length} sources → ${res.files.length} files, ${res.labels.length} labels, ${res.relations.length} relations, ${res.untouched.length} untouched (${ms.toFixed(0)} ms)`);
if (res.warnings?.length) console.error('warnings:', [...new Set(res.warnings)].join('; '));
