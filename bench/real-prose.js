// npm run bench (fourth part) — per-file work on real prose: the tuning half of ../shared/real-prose (news articles and
// documentation pages; see its README) joined into one file per set, in memory only (the real articles never enter the
// repository). The adversarial shapes (bench/adversarial.js) each repeat one construct; real pages mix them, and
// real documentation was the slowest input the pipeline had. Skipped when the folder is not there (a fresh clone
// elsewhere). Each set is measured in its own child process after a warm-up (the demo corpus, then the set's first
// 20 KB), as a single file at its own size and repeated to ~4 MB, beside the synthetic `paragraphs` shape at the same
// size (the baseline of the same run). A second child measures the same file in a warm worker: one that has first
// audited the repository's own documentation (README.md and docs/**/*.md, ~0.5 MB of real Markdown), as a worker
// has by the time it meets a large file in a corpus. The difference is the one-off cost a fresh process pays
// (code not yet optimised by V8, caches still empty), which does not grow with the file.
//   BENCH_REAL_PROSE=<folder> (default ../shared/real-prose beside the repository)
// Prints a Markdown table for docs/benchmarks.md (MB/s per core = size / CPU time).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { halfOf } from '../eval/split.js';
import { makeShape } from './shapes.js';

const self = fileURLToPath(import.meta.url);
const folder = resolve(process.env.BENCH_REAL_PROSE ?? join(dirname(self), '..', '..', 'shared', 'real-prose'));

const SETS = [
  { name: 'news (bbc) as .txt', dir: 'bbc', match: /\.txt$/, as: 'txt' },
  { name: 'news (bbc) as .md', dir: 'bbc', match: /\.txt$/, as: 'md' },
  { name: 'documentation (docs-vue)', dir: 'docs-vue', match: /\.md$/, as: 'md' },
];
const SCALE_TO = 4_000_000;
const DEMO = join(dirname(self), '..', 'corpus');

/** The tuning half of one set, joined by blank lines, repeated `copies` times. */
function joined(set, copies) {
  const dir = join(folder, set.dir);
  const names = readdirSync(dir)
    .filter((name) => set.match.test(name) && halfOf(name) === 'tuning')
    .sort();
  const one = names.map((name) => readFileSync(join(dir, name), 'utf8').trim()).join('\n\n');
  return Array.from({ length: copies }, () => one).join('\n\n');
}

/** The repository's own Markdown documentation: what a warm worker has read before. */
function repositoryDocs() {
  const root = join(dirname(self), '..');
  const folders = [root, join(root, 'docs'), join(root, 'docs', 'rules')];
  return folders.flatMap((dir) =>
    readdirSync(dir)
      .filter((name) => name.endsWith('.md'))
      .sort()
      .map((name) => ({ name, bytes: readFileSync(join(dir, name)) })),
  );
}

async function child(kind, index, copies, warmth) {
  const { buildSource } = await import('../dist/pipeline/load.js');
  const { normalise } = await import('../dist/pipeline/normalise.js');
  const { digestArticle, digestPlan } = await import('../dist/pipeline/digest.js');
  const { resolveConfig } = await import('../dist/pipeline/config.js');
  const plan = digestPlan(resolveConfig({}));
  const set = SETS[index];
  const text = kind === 'real' ? joined(set, copies) : makeShape('paragraphs', Buffer.byteLength(joined(set, copies)));
  // Warm up on the demo corpus (every rule runs on it: the tagger's model, the stemmer and the patterns are loaded
  // once per worker, not per byte) and on the set's first 20 KB.
  for (const name of readdirSync(DEMO).filter((file) => file.endsWith('.md'))) {
    digestArticle(normalise(buildSource(name, `/${name}`, readFileSync(join(DEMO, name))).source), plan);
  }
  const warm = buildSource('warm.md', '/warm.md', Buffer.from(text.slice(0, 20000)));
  digestArticle(normalise(warm.source), plan);
  if (warmth === 'warm') {
    for (const { name, bytes } of repositoryDocs())
      digestArticle(normalise(buildSource(name, `/${name}`, bytes).source), plan);
  }
  const bytes = Buffer.from(text);
  const before = process.cpuUsage();
  const { source } = buildSource(`real.${set.as}`, `/real.${set.as}`, bytes);
  const normalised = normalise(source);
  const parsed = process.cpuUsage(before);
  digestArticle(normalised, plan);
  const used = process.cpuUsage(before);
  const seconds = (usage) => (usage.user + usage.system) / 1e6;
  process.stdout.write(JSON.stringify({ bytes: bytes.length, normalise: seconds(parsed), cpu: seconds(used) }));
}

function measure(kind, index, copies, warmth = 'cold') {
  const args = ['--max-old-space-size=8192', self, '--child', kind, String(index), String(copies), warmth];
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (result.status !== 0) throw new Error(`bench/real-prose.js child failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

function main() {
  if (!existsSync(folder)) {
    console.log(`real prose: ${folder} not found, skipped`);
    return;
  }
  console.log(
    '| set (tuning half, joined) | size | normalise | whole per-file work | MB/s | warm worker: work | MB/s |' +
      ' `paragraphs` shape, same size |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (let index = 0; index < SETS.length; index++) {
    const size = Buffer.byteLength(joined(SETS[index], 1));
    for (const copies of [1, Math.max(2, Math.round(SCALE_TO / size))]) {
      const real = measure('real', index, copies);
      const warm = measure('real', index, copies, 'warm');
      const baseline = measure('shape', index, copies);
      const rate = (result) => (result.bytes / 1e6 / result.cpu).toFixed(2);
      const label = `${SETS[index].name}${copies > 1 ? ` ×${copies}` : ''}`;
      const mb = `${(real.bytes / 1e6).toFixed(2)} MB`;
      const cells = [
        mb,
        `${real.normalise.toFixed(2)} s`,
        `${real.cpu.toFixed(2)} s`,
        rate(real),
        `${warm.cpu.toFixed(2)} s`,
        rate(warm),
        `${rate(baseline)} MB/s`,
      ];
      console.log(`| ${label} | ${cells.join(' | ')} |`);
    }
  }
}

if (process.argv[2] === '--child') {
  await child(process.argv[3], Number(process.argv[4]), Number(process.argv[5]), process.argv[6]);
} else main();
