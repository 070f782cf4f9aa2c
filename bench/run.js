// npm run bench — duplication stage throughput and memory on seeded synthetic corpora.
// BENCH_SIZES=1000,10000 to skip the 100k run. Needs the build: npx tsc -p tsconfig.json (output in dist/).
// Each size runs in its own child process so peak RSS (getrusage maxRSS) belongs to that size alone.
// BENCH_DUMP=file writes the stage result (pairs, clusters, findings) of the largest size as JSON, for comparing
// builds.
//
// As in the pipeline, the corpus is streamed: each article is generated, normalised (fastArticle), passed to
// `extract` and dropped, so only the compact features are alive when `run` starts; `articleFor` generates a reported
// pair's article again. In the pipeline `extract` runs where articles are normalised (worker threads: on 2 cores its
// wall time is about half its CPU time); here it runs on the main thread and is timed separately from `run`.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { corpusStream, generateCorpus, fastArticle } from './generate.js';

const self = fileURLToPath(import.meta.url);
const mb = (bytes) => Math.round(bytes / 1048576);
const options = { 'near-duplicate': {}, 'similar-content': {} };

async function load() {
  const { duplicationStage, runWithDiagnostics } = await import('../dist/pipeline/stages/duplication/index.js');
  const { splitSentences } = await import('../dist/pipeline/sentences.js');
  const { computeLineStarts } = await import('../dist/pipeline/source-map.js');
  return { duplicationStage, runWithDiagnostics, deps: { splitSentences, computeLineStarts } };
}

/** Every article through `extract`; returns the stage documents and the extract timings. */
function extractAll(duplicationStage, articles) {
  const documents = [];
  let extractMs = 0;
  let extractCpuUs = 0;
  for (const article of articles) {
    const c0 = process.cpuUsage();
    const t = performance.now();
    const features = duplicationStage.extract(article, options);
    extractMs += performance.now() - t;
    const c = process.cpuUsage(c0);
    extractCpuUs += c.user + c.system;
    documents.push({ path: article.path, words: article.words, features });
  }
  return { documents, extractMs, extractCpuMs: extractCpuUs / 1000 };
}

async function child(size, dump) {
  const { duplicationStage, runWithDiagnostics, deps } = await load();
  const stream = corpusStream({ n: size, seed: 7 });
  const planted = [];
  let generateMs = 0;
  let buildMs = 0;
  let bytes = 0;
  let featureBytes = 0;
  // Generate → normalise → extract → drop, one article at a time (extractAll's timing, per article).
  const documents = [];
  let extractMs = 0;
  let extractCpuMs = 0;
  for (;;) {
    let t = performance.now();
    const d = stream.next();
    generateMs += performance.now() - t;
    if (!d) break;
    if (d.planted) planted.push(d.planted);
    bytes += d.text.length;
    t = performance.now();
    const article = fastArticle(d.path, d.text, deps);
    buildMs += performance.now() - t;
    const one = extractAll(duplicationStage, [article]);
    extractMs += one.extractMs;
    extractCpuMs += one.extractCpuMs;
    featureBytes += one.documents[0].features.byteLength;
    documents.push(one.documents[0]);
  }
  globalThis.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const peakBefore = process.resourceUsage().maxRSS * 1024;
  const index = new Map(documents.map((d, i) => [d.path, i]));
  let articleForCalls = 0;
  const articleFor = (path) => {
    articleForCalls++;
    return fastArticle(path, stream.textOf(index.get(path)), deps);
  };
  const cpu0 = process.cpuUsage();
  const t = performance.now();
  const { result, findings, stats } = runWithDiagnostics(documents, { options, focus: null, articleFor });
  const stageMs = performance.now() - t;
  const cpu = process.cpuUsage(cpu0);
  const peakRss = process.resourceUsage().maxRSS * 1024;
  if (dump) writeFileSync(dump, JSON.stringify({ result, findings }));
  const found = new Set(result.pairs.map((p) => `${p.a}|${p.b}`));
  const nearPlanted = planted.filter((p) => p.kind === 'near' && p.rate < 0.05);
  const excerptPlanted = planted.filter((p) => p.kind === 'excerpt');
  const out = {
    size,
    megabytes: Math.round(bytes / 1e5) / 10,
    generateMs: Math.round(generateMs),
    buildArticlesMs: Math.round(buildMs),
    // extract, summed over articles (main thread here; worker threads in the pipeline).
    extractMs: Math.round(extractMs),
    extractCpuMs: Math.round(extractCpuMs),
    extractUsPerArticle: Math.round((extractMs * 1000) / size),
    featureBytesPerArticle: Math.round(featureBytes / size),
    featureMb: mb(featureBytes),
    // run: the corpus pass.
    stageMs: Math.round(stageMs),
    // CPU time of the process during run (user + system): steadier than wall time on a shared machine.
    stageCpuMs: Math.round((cpu.user + cpu.system) / 1000),
    // What the pipeline spends on 2 cores: extract spread over two workers, then run.
    pipelineOn2CoresMs: Math.round(extractMs / 2 + stageMs),
    rssBeforeStageMb: mb(rssBefore),
    peakRssBeforeStageMb: mb(peakBefore),
    peakRssMb: mb(peakRss),
    articleForCalls,
    pairs: result.pairs.length,
    nearDuplicatePairs: result.pairs.filter((p) => p.kind === 'near-duplicate').length,
    similarContentPairs: result.pairs.filter((p) => p.kind === 'similar-content').length,
    plantedLightEditsFound: `${nearPlanted.filter((p) => found.has(`${p.a}|${p.b}`)).length}/${nearPlanted.length}`,
    plantedExcerptsFound: `${excerptPlanted.filter((p) => found.has(`${p.a}|${p.b}`)).length}/${excerptPlanted.length}`,
    stats,
  };
  process.stdout.write(JSON.stringify(out));
}

async function versusStringSimilarity() {
  const { duplicationStage, deps } = await load();
  const { default: stringSimilarity } = await import('string-similarity');
  const n = 2000;
  const { docs } = generateCorpus({ n, seed: 11 });
  const articles = docs.map((d) => fastArticle(d.path, d.text, deps));
  const byPath = new Map(articles.map((a) => [a.path, a]));
  // The whole stage on one thread: extract every article, then run.
  let t = performance.now();
  const cpu0 = process.cpuUsage();
  const { documents } = extractAll(duplicationStage, articles);
  duplicationStage.run(documents, { options, focus: null, articleFor: (p) => byPath.get(p) });
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
  if (arg > 0) return child(Number(process.argv[arg + 1]), process.argv[arg + 2] || '');
  if (process.argv.includes('--versus')) return process.stdout.write(JSON.stringify(await versusStringSimilarity()));
  const sizes = (process.env.BENCH_SIZES ?? '1000,10000,100000')
    .split(',')
    .map(Number)
    .filter((s) => s > 0);
  console.log(
    `duplication benchmark — ${new Date().toISOString()} — node ${process.version}, ` +
      `${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), ${mb(os.totalmem())} MB RAM, ` +
      `load ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
  );
  const rows = [];
  for (const size of sizes) {
    const dump = size === Math.max(...sizes) ? (process.env.BENCH_DUMP ?? '') : '';
    const r = spawnSync(
      process.execPath,
      ['--expose-gc', '--max-old-space-size=4096', self, '--child', String(size), dump],
      { encoding: 'utf8', maxBuffer: 1 << 26 },
    );
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
  console.log(
    `load after: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(
    '\n| articles | MB of text | extract s (CPU, 1 thread) | feature bytes/article | run s (wall) | run s (CPU) | ' +
      'extract/2 + run s | peak RSS MB (features → peak) | pairs | planted light edits found | planted excerpts ' +
      'found |',
  );
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    console.log(
      `| ${r.size} | ${r.megabytes} | ${(r.extractCpuMs / 1000).toFixed(1)} | ${r.featureBytesPerArticle} ` +
        `| ${(r.stageMs / 1000).toFixed(1)} | ${(r.stageCpuMs / 1000).toFixed(1)} ` +
        `| ${(r.pipelineOn2CoresMs / 1000).toFixed(1)} | ${r.peakRssBeforeStageMb} → ${r.peakRssMb} | ${r.pairs} ` +
        `| ${r.plantedLightEditsFound} | ${r.plantedExcerptsFound} |`,
    );
  }
  const big = rows.find((r) => r.size === 100000);
  if (big)
    console.log(
      `\n100k target (< 60 s with extract on 2 workers, < 2048 ` +
        `MB): ${big.pipelineOn2CoresMs < 60000 && big.peakRssMb < 2048 ? 'met' : 'MISSED'}`,
    );
  if (versus.speedup)
    console.log(`string-similarity target (≥ 500×): ${versus.speedup >= 500 ? 'met' : 'MISSED'} (${versus.speedup}×)`);
}

await main();
