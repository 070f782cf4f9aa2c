// npm run bench (second part) — the whole audit (load → normalise → every rule → duplication → claims → report)
// on seeded synthetic corpora written to disk, each run in its own child process so peak RSS belongs to it alone.
//   BENCH_AUDIT_SIZES=1000,10000,100000 (default 1000,10000)
//   BENCH_AUDIT_FULL_ONLY=1 runs only the full audit (for the 100k size, where every mode takes many minutes)
// Modes per size: full audit; the same with the claims stage off (claims overhead); a cold cached audit, then 10 files
// changed and: a warm re-audit of the whole corpus, and the pull-request shape (the 10 changed files against the
// corpus, as --changed-since/--compare-with do) with the default cache strategy (metadata) and with strategy 'content'.
// The generated files are dated an hour back (as an existing corpus is), so the cold run records their metadata. Each
// warm mode runs three times (10 files changed before each) and the median is reported.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from './generate.js';

const self = fileURLToPath(import.meta.url);
const outRoot = path.join(path.dirname(self), 'out');
const mb = (bytes) => Math.round(bytes / 1048576);

function corpusDir(size) {
  const dir = path.join(outRoot, `audit-${size}`);
  const marker = path.join(dir, '.complete');
  if (existsSync(marker)) return dir;
  rmSync(dir, { recursive: true, force: true });
  const { docs } = generateCorpus({ n: size, seed: 11 });
  const hourAgo = new Date(Date.now() - 3600_000);
  for (const doc of docs) {
    const file = path.join(dir, doc.path);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, doc.text);
    utimesSync(file, hourAgo, hourAgo);
  }
  // Setting the times moved the files' change time: let it age past the cache's racy window (2 s), as an existing
  // corpus's has.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2100);
  writeFileSync(marker, String(docs.length));
  return dir;
}

async function child(mode, dir, changed) {
  const { audit } = await import('../dist/pipeline/index.js');
  const config =
    mode === 'no-claims'
      ? {
          rules: {
            'claim-conflict': 'off',
            'single-source-claim': 'off',
            'changed-fact': 'off',
            'name-spelling': 'off',
          },
        }
      : {};
  const cacheDir = path.join(dir, '..', `${path.basename(dir)}-cache`);
  // 'cache-changed' is what CI does on a pull request: the changed articles, against the whole corpus as reference.
  const prShape = mode === 'cache-changed' || mode === 'cache-changed-content';
  const options = prShape
    ? { paths: changed.split(','), compareWith: [dir], cwd: dir, config }
    : { paths: [dir], cwd: dir, config };
  if (mode.startsWith('cache-'))
    options.cache = { dir: cacheDir, strategy: mode === 'cache-changed-content' ? 'content' : 'metadata' };
  // Stage boundaries from the progress callback: the claims stage's own share of the audit.
  const marks = {};
  options.onProgress = (stage) => (marks[stage] = performance.now());
  const t = performance.now();
  const report = await audit(options);
  const ms = performance.now() - t;
  const end = t + ms;
  const claimsMs = marks.claims && marks.duplication ? marks.claims - marks.duplication : null;
  // Phase boundaries, in the order the audit reached them: digesting (read, decode, normalise, first-pass rules, stage
  // features — or cache hits), the corpus stages (duplication, claims), the rules' corpus pass, then
  // suppressions/sorting/report. Each phase is the time since the previous boundary.
  const phases = {};
  let from = t;
  const reached = ['digest', 'rules', 'duplication', 'claims'].filter((name) => marks[name] !== undefined);
  for (const name of reached.sort((a, b) => marks[a] - marks[b])) {
    phases[name] = Math.round(marks[name] - from);
    from = marks[name];
  }
  phases.report = Math.round(end - from);
  process.stdout.write(
    JSON.stringify({
      phases,
      claimsMs: claimsMs === null ? null : Math.round(claimsMs),
      ms: Math.round(ms),
      peakRssMb: mb(process.resourceUsage().maxRSS * 1024),
      documents: report.summary.documents,
      findings: report.findings.length,
      pairs: report.duplicates.pairs.length,
    }),
  );
}

function run(mode, dir, changed = '') {
  const result = spawnSync(process.execPath, ['--max-old-space-size=16384', self, '--child', mode, dir, changed], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (result.status !== 0) throw new Error(`${mode} failed: ${result.stderr}`);
  const parsed = JSON.parse(result.stdout);
  console.error(
    `  ${mode}: ${parsed.ms} ms, peak ${parsed.peakRssMb} MB, phases (ms) ${JSON.stringify(parsed.phases)}`,
  );
  return parsed;
}

function touchTen(dir) {
  // Change 10 articles (append a sentence) so their content hash changes.
  const { docs } = generateCorpus({ n: 10, seed: 99 });
  const files = readFileSync(path.join(dir, '.complete'), 'utf8');
  const n = Number(files);
  const pad = String(n).length;
  const changed = [];
  for (let i = 0; i < 10; i++) {
    const file = path.join(dir, 'synthetic', `${String(i * Math.floor(n / 10)).padStart(pad, '0')}.txt`);
    if (!existsSync(file)) continue;
    writeFileSync(
      file,
      `${readFileSync(file, 'utf8')}\n${docs[i].text.split('\n\n')[1] ?? 'An added closing sentence.'}\n`,
    );
    changed.push(file);
  }
  return changed.join(',');
}

async function main() {
  const sizes = (process.env.BENCH_AUDIT_SIZES ?? '1000,10000').split(',').map(Number).filter(Boolean);
  console.log(
    `# whole audit — ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} ` +
      `× ${os.cpus()[0]?.model ?? 'cpu'}, ${mb(os.totalmem())} MB, Node ${process.version}`,
  );
  console.log(
    '| articles | full audit | docs/s | peak RSS | claims off | claims overhead | cache cold | warm, the 10 changed ' +
      'vs corpus | speed-up | same, strategy content | speed-up | warm, whole corpus | speed-up |',
  );
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const size of sizes) {
    const dir = corpusDir(size);
    const full = run('full', dir);
    if (process.env.BENCH_AUDIT_FULL_ONLY) {
      console.log(
        `| ${size} | ${(full.ms / 1000).toFixed(1)} s | ${Math.round(size / (full.ms / 1000))} | ${full.peakRssMb} ` +
          `MB | claims stage ${(full.claimsMs / 1000).toFixed(1)} s ` +
          `= ${((full.claimsMs / (full.ms - full.claimsMs)) * 100).toFixed(0)}% of the rest |`,
      );
      continue;
    }
    const noClaims = run('no-claims', dir);
    let cold = null;
    let warm = null;
    let changedRun = null;
    let contentRun = null;
    const cacheDir = path.join(dir, '..', `${path.basename(dir)}-cache`);
    rmSync(cacheDir, { recursive: true, force: true });
    try {
      cold = run('cache-cold', dir);
      // Each warm mode three times, 10 files changed before each run; the median run is reported.
      const median = (mode) => {
        const runs = [];
        for (let k = 0; k < 3; k++) runs.push(run(mode, dir, touchTen(dir)));
        return runs.sort((x, y) => x.ms - y.ms)[1];
      };
      changedRun = median('cache-changed');
      contentRun = median('cache-changed-content');
      warm = median('cache-warm');
    } catch (error) {
      console.error(`cache modes unavailable: ${error.message.split('\n')[0]}`);
    }
    // Leave the corpus as generated for the next run.
    rmSync(path.join(dir, '.complete'), { force: true });
    const overhead = ((full.ms - noClaims.ms) / noClaims.ms) * 100;
    const timeAndRatio = (r) =>
      r && cold ? `${(r.ms / 1000).toFixed(2)} s | ${(cold.ms / r.ms).toFixed(1)}×` : 'n/a | n/a';
    console.log(
      `| ${size} | ${(full.ms / 1000).toFixed(1)} s | ${Math.round(size / (full.ms / 1000))} | ${full.peakRssMb} MB ` +
        `| ${(noClaims.ms / 1000).toFixed(1)} s | ${overhead.toFixed(0)}% | ` +
        `${cold ? `${(cold.ms / 1000).toFixed(1)} s` : 'n/a'} | ${timeAndRatio(changedRun)} ` +
        `| ${timeAndRatio(contentRun)} | ${timeAndRatio(warm)} |`,
    );
  }
}

if (process.argv[2] === '--child') await child(process.argv[3], process.argv[4], process.argv[5] ?? '');
else await main();
