// npm run bench (third part) — adversarial shapes (bench/shapes.js): per-file work (decode, normalise = Markdown
// parse, every document rule, stage features) of one file of each shape at growing sizes, in CPU seconds, each size
// in its own child process. A size whose CPU time exceeds the cutoff stops that shape (larger sizes would only take
// longer; the CLI's per-file budget, maxFileSeconds, turns such a file into a finding).
//   BENCH_SHAPE_SIZES=100000,1000000,5000000,20000000 (default)   BENCH_SHAPE_CUTOFF=30 (seconds)   BENCH_SHAPES=a,b
// Prints a Markdown table for docs/benchmarks.md (MB/s per core = size / CPU time).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SHAPE_NAMES, makeShape } from './shapes.js';

const self = fileURLToPath(import.meta.url);

async function child(name, size) {
  const { buildSource } = await import('../dist/pipeline/load.js');
  const { normalise } = await import('../dist/pipeline/normalise.js');
  const { digestArticle, digestPlan } = await import('../dist/pipeline/digest.js');
  const { resolveConfig } = await import('../dist/pipeline/config.js');
  const plan = digestPlan(resolveConfig({}));
  // Warm up the parser and the rules on an ordinary article first.
  digestArticle(
    normalise(buildSource('warm.md', '/warm.md', Buffer.from(makeShape('paragraphs', 20000))).source),
    plan,
  );
  const bytes = Buffer.from(makeShape(name, size));
  const before = process.cpuUsage();
  const { source } = buildSource(`${name}.md`, `/${name}.md`, bytes);
  digestArticle(normalise(source), plan);
  const used = process.cpuUsage(before);
  process.stdout.write(JSON.stringify({ cpu: (used.user + used.system) / 1e6 }));
}

function measure(name, size, cutoff) {
  const result = spawnSync(process.execPath, ['--max-old-space-size=8192', self, '--child', name, String(size)], {
    encoding: 'utf8',
    timeout: cutoff * 4000,
    maxBuffer: 1 << 20,
  });
  if (result.status !== 0) return null; // over the wall-clock cap (or failed): reported as stopped
  return JSON.parse(result.stdout).cpu;
}

function label(size) {
  return size >= 1e6 ? `${size / 1e6} MB` : `${size / 1e3} KB`;
}

async function main() {
  const sizes = (process.env.BENCH_SHAPE_SIZES ?? '100000,1000000,5000000,20000000').split(',').map(Number);
  const cutoff = Number(process.env.BENCH_SHAPE_CUTOFF ?? 30);
  const shapes = process.env.BENCH_SHAPES ? process.env.BENCH_SHAPES.split(',') : SHAPE_NAMES;
  console.log(`| shape | ${sizes.map(label).join(' | ')} | MB/s at the largest size measured |`);
  console.log(`|---|${sizes.map(() => '---:').join('|')}|---:|`);
  for (const name of shapes) {
    const cells = [];
    let rate = '';
    let stopped = false;
    for (const size of sizes) {
      if (stopped) {
        cells.push('—');
        continue;
      }
      const cpu = measure(name, size, cutoff);
      if (cpu === null) {
        cells.push(`> ${cutoff * 4} s`);
        stopped = true;
        continue;
      }
      cells.push(`${cpu.toFixed(2)} s`);
      rate = (size / 1e6 / cpu).toFixed(2);
      if (cpu > cutoff) stopped = true;
    }
    console.log(`| ${name} | ${cells.join(' | ')} | ${rate} |`);
  }
}

if (process.argv[2] === '--child') await child(process.argv[3], Number(process.argv[4]));
else await main();
