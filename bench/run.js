// npm run bench — duplication stage throughput and memory on seeded synthetic corpora.
// BENCH_SIZES=1000,10000 to skip the 100k run. Needs the build: npx tsc -p tsconfig.json (output in dist/).
// Each size runs in its own child process so peak RSS (getrusage maxRSS) belongs to that size alone.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { generateCorpus, fastArticle } from './generate.js';

const self = fileURLToPath(import.meta.url);
const mb = (bytes) => Math.round(bytes / 1048576);

async function load() {
  const { duplicationStage, lastStats } = await import('../dist/pipeline/stages/duplication/index.js');
  const { splitSentences } = await import('../dist/pipeline/sentences.js');
  const { computeLineStarts } = await import('../dist/pipeline/source-map.js');
  const stats = () => import('../dist/pipeline/stages/duplication/index.js').then((m) => m.lastStats);
  return { duplicationStage, lastStats, stats, deps: { splitSentences, computeLineStarts } };
}

async function child(size) {
  const { duplicationStage, stats, deps } = await load();
  let t = performance.now();
  const { docs, planted } = generateCorpus({ n: size, seed: 7 });
  const generateMs = performance.now() - t;
  t = performance.now();
  const articles = docs.map((d) => fastArticle(d.path, d.text, deps));
  const buildMs = performance.now() - t;
  const bytes = docs.reduce((s, d) => s + d.text.length, 0);
  docs.length = 0;
  globalThis.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const peakBefore = process.resourceUsage().maxRSS * 1024;
  const cpu0 = process.cpuUsage();
  t = performance.now();
  const { result } = duplicationStage.run(articles, { options: { 'near-duplicate': {}, 'similar-content': {} }, focus: null });
  const stageMs = performance.now() - t;
  const cpu = process.cpuUsage(cpu0);
  const peakRss = process.resourceUsage().maxRSS * 1024;
  const found = new Set(result.pairs.map((p) => `${p.a}|${p.b}`));
  const nearPlanted = planted.filter((p) => p.kind === 'near' && p.rate < 0.05);
  const excerptPlanted = planted.filter((p) => p.kind === 'excerpt');
  const out = {
    size,
    megabytes: Math.round(bytes / 1e5) / 10,
    generateMs: Math.round(generateMs),
    buildArticlesMs: Math.round(buildMs),
    stageMs: Math.round(stageMs),
    // CPU time of the process during the stage (user + system): steadier than wall time on a shared machine.
    stageCpuMs: Math.round((cpu.user + cpu.system) / 1000),
    docsPerSecond: Math.round(size / (stageMs / 1000)),
    rssBeforeStageMb: mb(rssBefore),
    peakRssBeforeStageMb: mb(peakBefore),
    peakRssMb: mb(peakRss),
    pairs: result.pairs.length,
    nearDuplicatePairs: result.pairs.filter((p) => p.kind === 'near-duplicate').length,
    similarContentPairs: result.pairs.filter((p) => p.kind === 'similar-content').length,
    plantedLightEditsFound: `${nearPlanted.filter((p) => found.has(`${p.a}|${p.b}`)).length}/${nearPlanted.length}`,
    plantedExcerptsFound: `${excerptPlanted.filter((p) => found.has(`${p.a}|${p.b}`)).length}/${excerptPlanted.length}`,
    stats: await stats(),
  };
  process.stdout.write(JSON.stringify(out));
}

async function versusStringSimilarity() {
  const { duplicationStage, deps } = await load();
  const { default: stringSimilarity } = await import('string-similarity');
  const n = 2000;
  const { docs } = generateCorpus({ n, seed: 11 });
  const articles = docs.map((d) => fastArticle(d.path, d.text, deps));
  let t = performance.now();
  const cpu0 = process.cpuUsage();
  duplicationStage.run(articles, { options: { 'near-duplicate': {}, 'similar-content': {} }, focus: null });
  const stageMs = performance.now() - t;
  const cpu = process.cpuUsage(cpu0);
  const stageCpuMs = (cpu.user + cpu.system) / 1000;
  // All-pairs compareTwoStrings on whole texts: time a deterministic sample of pairs and extrapolate.
  const sample = 4000;
  let x = 12345;
  const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) % n;
  t = performance.now();
  const cpu1 = process.cpuUsage();
  let sink = 0;
  for (let s = 0; s < sample; s++) {
    const a = next();
    let b = next();
    if (b === a) b = (a + 1) % n;
    sink += stringSimilarity.compareTwoStrings(docs[a].text, docs[b].text);
  }
  const perPairMs = (performance.now() - t) / sample;
  const c1 = process.cpuUsage(cpu1);
  const perPairCpuMs = (c1.user + c1.system) / 1000 / sample;
  const allPairs = (n * (n - 1)) / 2;
  const allPairsMs = perPairMs * allPairs;
  return {
    articles: n,
    stageMs: Math.round(stageMs),
    stageCpuMs: Math.round(stageCpuMs),
    sampledPairs: sample,
    perPairMs: Math.round(perPairMs * 1000) / 1000,
    allPairsEstimatedSeconds: Math.round(allPairsMs / 1000),
    speedup: Math.round(allPairsMs / stageMs),
    speedupCpu: Math.round((perPairCpuMs * allPairs) / stageCpuMs),
    checksum: Math.round(sink),
  };
}

async function main() {
  const arg = process.argv.indexOf('--child');
  if (arg > 0) return child(Number(process.argv[arg + 1]));
  if (process.argv.includes('--versus')) return process.stdout.write(JSON.stringify(await versusStringSimilarity()));
  const sizes = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number).filter((s) => s > 0);
  console.log(`duplication benchmark — ${new Date().toISOString()} — node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), ${mb(os.totalmem())} MB RAM`);
  const rows = [];
  for (const size of sizes) {
    const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', self, '--child', String(size)], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (r.status !== 0) {
      console.error(r.stderr);
      process.exitCode = 1;
      continue;
    }
    const row = JSON.parse(r.stdout);
    rows.push(row);
    console.log(JSON.stringify(row));
  }
  const v = spawnSync(process.execPath, ['--expose-gc', self, '--versus'], { encoding: 'utf8' });
  const versus = v.status === 0 ? JSON.parse(v.stdout) : { error: v.stderr };
  console.log('vs all-pairs string-similarity:', JSON.stringify(versus));
  console.log('\n| articles | MB of text | stage s (wall) | stage s (CPU) | docs/s | peak RSS MB (before stage → peak) | pairs | planted light edits found | planted excerpts found |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) console.log(`| ${r.size} | ${r.megabytes} | ${(r.stageMs / 1000).toFixed(1)} | ${(r.stageCpuMs / 1000).toFixed(1)} | ${r.docsPerSecond} | ${r.peakRssBeforeStageMb} → ${r.peakRssMb} | ${r.pairs} | ${r.plantedLightEditsFound} | ${r.plantedExcerptsFound} |`);
  const big = rows.find((r) => r.size === 100000);
  if (big) console.log(`\n100k target (< 60 s, < 2048 MB): ${big.stageMs < 60000 && big.peakRssMb < 2048 ? 'met' : 'MISSED'}`);
  if (versus.speedup) console.log(`string-similarity target (≥ 500×): ${versus.speedup >= 500 ? 'met' : 'MISSED'} (${versus.speedup}×)`);
}

await main();
