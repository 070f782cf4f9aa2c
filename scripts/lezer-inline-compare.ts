// Counts, over real Markdown, the inline containers the Lezer converter (pipeline/markdown-lezer-inline.ts) reads
// identically to upstream, leaves to micromark (null), or reads differently (must be 0). Not a test: the real pages
// stay outside the repository. Real-prose folders are read for their tuning half only (eval/split.js).
//   npx tsx scripts/lezer-inline-compare.ts [--show] <file or folder>...
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error plain JS module
import { halfOf } from '../eval/split.js';
import { compareInline, newTally } from '../test/helpers/lezer-inline-pairs.js';

const args = process.argv.slice(2);
const show = args.includes('--show');
const files: string[] = [];
const walk = (path: string, realProse: boolean) => {
  if (statSync(path).isDirectory()) {
    for (const entry of readdirSync(path).sort()) if (!entry.startsWith('.')) walk(join(path, entry), realProse);
  } else if (/\.(md|markdown|mdx|txt)$/i.test(path) && (!realProse || halfOf(path) === 'tuning')) files.push(path);
};
for (const arg of args.filter((a) => !a.startsWith('--'))) walk(arg, arg.includes('real-prose'));
const tally = newTally();
for (const file of files) compareInline(readFileSync(file, 'utf8'), tally, file);
const { differences, ...counts } = tally;
console.log(JSON.stringify({ files: files.length, ...counts }));
if (show) for (const d of differences) console.log(`${d.at}\n  upstream ${d.upstream}\n  lezer    ${d.lezer}`);
