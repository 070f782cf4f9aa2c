// The Lezer parse path (pipeline/markdown-lezer.ts) on every adversarial shape (bench/shapes.js): is the shape
// eligible (pipeline/markdown-lezer-eligible.ts), and if so, the parse CPU of createMarkdownParser({ engine: 'auto' })
// at two sizes, each in its own child process (linear: the larger costs ~ the size ratio more, not its square).
//   node bench/lezer-shapes.js [small=250000] [large=1000000]      BENCH_SHAPES=a,b to pick shapes
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SHAPE_NAMES, makeShape } from './shapes.js';

const self = fileURLToPath(import.meta.url);

async function child(name, size) {
  const { createMarkdownParser } = await import('../dist/pipeline/markdown.js');
  const { lezerIneligibility } = await import('../dist/pipeline/markdown-lezer-eligible.js');
  const { parseWithLezer } = await import('../dist/pipeline/markdown-lezer.js');
  const parser = createMarkdownParser({ engine: 'auto' });
  parser.parse(makeShape('paragraphs', 20000));
  const text = makeShape(name, size);
  const before = process.cpuUsage();
  parser.parse(text);
  const used = process.cpuUsage(before);
  // Which parser read it (not timed).
  const reason = lezerIneligibility(text);
  let declined = null;
  if (reason === null) parseWithLezer(text, undefined, (why) => (declined = why));
  process.stdout.write(JSON.stringify({ cpu: (used.user + used.system) / 1e6, reason, declined }));
}

function measure(name, size) {
  const result = spawnSync(process.execPath, [self, '--child', name, String(size)], {
    encoding: 'utf8',
    timeout: 300_000,
  });
  return result.status === 0 ? JSON.parse(result.stdout) : null;
}

if (process.argv[2] === '--child') await child(process.argv[3], Number(process.argv[4]));
else {
  const small = Number(process.argv[2] ?? 250_000);
  const large = Number(process.argv[3] ?? 1_000_000);
  const shapes = process.env.BENCH_SHAPES ? process.env.BENCH_SHAPES.split(',') : SHAPE_NAMES;
  console.log(`| shape | read by | ${small / 1e3} KB CPU s | ${large / 1e3} KB CPU s | ratio |`);
  console.log('| --- | --- | --- | --- | --- |');
  for (const name of shapes) {
    const a = measure(name, small);
    const b = measure(name, large);
    const by = (m) =>
      m === null
        ? '?'
        : m.reason
          ? `micromark (${m.reason})`
          : m.declined
            ? `micromark (declined: ${m.declined})`
            : 'Lezer';
    const ratio = a && b ? (b.cpu / Math.max(a.cpu, 1e-3)).toFixed(1) : '—';
    const same = by(a) === by(b) ? by(a) : `${by(a)} / ${by(b)}`;
    console.log(
      `| ${name} | ${same} | ${a ? a.cpu.toFixed(2) : 'stopped'} | ${b ? b.cpu.toFixed(2) : 'stopped'} | ${ratio} |`,
    );
  }
}
