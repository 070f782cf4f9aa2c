// Duplication stage: near-duplicates (tier 1: shingles → MinHash/LSH + containment index → exact Jaccard), copied
// passages (shared sentence runs) and similar content (tier 2: blended TF-IDF → top-term candidate index → cosine +
// ordered sentence alignment). `extract` (features.ts) turns one article into compact features; `run` compares
// documents from those alone and re-derives articles only for the evidence of reported pairs. See
// docs/duplication.md for the design and calibration. The modules, in the order `compare` uses them:
//   features.ts → store.ts → scope.ts (focus mode) → tier1.ts → passages.ts/copied.ts → candidates.ts (vectors.ts)
//   → decisions.ts (align.ts, figures.ts, phrasing.ts, family.ts) → evidence.ts; diagnostics.ts for tests and the
//   benchmark.
import type { CorpusStage, CorpusStageContext, StageDocument, StageFindingDraft } from '../../stage.js';
import type { DuplicatesReport } from '../../types.js';
import { AlignWorkspace, sentencesOf, type DocSentences } from './align.js';
import { similarCandidates } from './candidates.js';
import { foundElsewhere, reportCopiedPassages } from './copied.js';
import { similarContentDecisions } from './decisions.js';
import type { DuplicationInternals, DuplicationStats } from './diagnostics.js';
import { buildPairs, clusterScores, clustersOf, cmp, findingsFor, type Reported } from './evidence.js';
import { textFamilies } from './family.js';
import { extract, type DuplicationFeatures } from './features.js';
import {
  copiedPassageRule,
  nearDuplicateRule,
  parseOptions,
  similarContentRule,
  type CopiedPassageOptions,
  type NearDuplicateOptions,
  type SimilarContentOptions,
} from './options.js';
import { copiedPassages, sentenceIndex, sharedShares } from './passages.js';
import { boilerplateCut, focusScope, type CorpusGlobals } from './scope.js';
import { boilerplateSentences } from './sentence-boilerplate.js';
import { Store } from './store.js';
import { nearDuplicates, type NearPair } from './tier1.js';

export { COPIED_PASSAGE_DEFAULTS, NEAR_DUPLICATE_DEFAULTS, SIMILAR_CONTENT_DEFAULTS } from './options.js';
export type { DuplicationFeatures } from './features.js';
export type { DuplicationInternals, DuplicationStats, Tier2Metrics } from './diagnostics.js';

type Doc = StageDocument<DuplicationFeatures>;

interface Compared {
  findings: StageFindingDraft[];
  result: DuplicatesReport;
  stats: DuplicationStats;
  /** With options['near-duplicate'].keepInternals === true. */
  internals: DuplicationInternals | null;
}

/** `run`, plus its statistics and (with keepInternals) its internals: for tests, the benchmark and calibration. */
export function runWithDiagnostics(documents: readonly Doc[], context: CorpusStageContext): Compared {
  const { near, similar, copied } = parseOptions(context.options);
  const keepInternals = context.options['near-duplicate']?.keepInternals === true;
  const docs = [...documents].sort((x, y) => cmp(x.path, y.path));
  const focus = context.focus;
  let focused = 0;
  if (focus) for (const d of docs) if (focus.has(d.path)) focused++;
  // A few documents in focus (a pull request against its corpus): compare only the documents that can pair with them.
  if (focus && !keepInternals && context.options['near-duplicate']?.focusScope !== false && focused * 2 < docs.length) {
    const started = performance.now();
    const scope = focusScope(docs, focus, near, similar, copied);
    const scoped = performance.now() - started;
    const out = compare(scope.docs, context, { near, similar, copied }, keepInternals, scope.globals);
    out.stats.scope = { documents: docs.length, compared: scope.docs.length };
    out.stats.timings = { scope: Math.round(scoped), ...out.stats.timings };
    return out;
  }
  return compare(docs, context, { near, similar, copied }, keepInternals, null);
}

function run(
  documents: readonly Doc[],
  context: CorpusStageContext,
): { findings: StageFindingDraft[]; result: DuplicatesReport } {
  const { findings, result } = runWithDiagnostics(documents, context);
  return { findings, result };
}

/** Milliseconds per phase, in the order the phases ran. */
function stopwatch(): { timings: Record<string, number>; lap: (name: string) => void } {
  const timings: Record<string, number> = {};
  let clock = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round(now - clock);
    clock = now;
  };
  return { timings, lap };
}

/** The comparison proper, over `docs` (path order); `globals` when they are part of a larger corpus. */
function compare(
  docs: readonly Doc[],
  context: CorpusStageContext,
  {
    near,
    similar,
    copied,
  }: { near: NearDuplicateOptions; similar: SimilarContentOptions; copied: CopiedPassageOptions },
  keepInternals: boolean,
  globals: CorpusGlobals | null,
): Compared {
  const { timings, lap } = stopwatch();
  const n = docs.length;
  const paths = docs.map((d) => d.path);
  const inFocus = focusMask(docs, context.focus);
  const wanted = (a: number, b: number) => inFocus[a] === 1 || inFocus[b] === 1;

  // Features → corpus-wide arrays with dense stem ids.
  const store = new Store(
    docs.map((d) => d.features),
    paths,
    near.shingleSize,
    globals?.ids,
  );
  lap('store');

  const tier1 = nearDuplicates(store, near, globals, wanted, keepInternals, lap);
  const { isNear } = tier1;
  const { copiedPairs, shares } = sharedSentences(store, near, copied, globals, wanted, isNear);
  lap('passages');

  const corpusSize = globals ? globals.n : n;
  const { gated, idf, candidates } = similarCandidates(
    store,
    similar,
    globals,
    corpusSize,
    (a, b) => !wanted(a, b) || isNear.has(a * n + b),
    lap,
  );
  store.prepareAlignment(idf);
  lap('align-prepare');

  const sentencesFor = sentenceLoader(docs, store, context);
  // Decisions: alignment on the features; evidence text only for reported pairs.
  const workspace = new AlignWorkspace();
  const reported = nearDuplicateReports(store, tier1.nearPairs, near, workspace);
  const decisions = similarContentDecisions(
    store,
    gated,
    similar,
    workspace,
    sentencesFor,
    keepInternals ? paths : null,
    {
      features: docs.map((d) => d.features),
      shingleSize: near.shingleSize,
      families: textFamilies(n, tier1.nearPairs),
      stockCut: boilerplateCut(near, corpusSize),
      near,
    },
  );
  reported.push(...decisions.reported);
  lap('align');

  const built = buildPairs(reported, docs, sentencesFor, near, similar);
  built.sort((x, y) => y.pair.similarity - x.pair.similarity || cmp(x.pair.a, y.pair.a) || cmp(x.pair.b, y.pair.b));
  const findings: StageFindingDraft[] = [];
  for (const r of built) findings.push(...findingsFor(r, docs, inFocus, near));
  const clusters = clustersOf(built, docs);
  const scores = clusterScores(gated, built, clusters, paths);
  const copiedReport = reportCopiedPassages(copiedPairs, paths, sentencesFor, inFocus, copied);
  findings.push(...copiedReport.findings);
  lap('report');

  const stats: DuplicationStats = {
    documents: n,
    bands: tier1.bands,
    rows: tier1.rows,
    boilerplateShingles: tier1.boilerplateShingles,
    tier1Candidates: tier1.candidates,
    tier2Candidates: candidates,
    tier2Gated: gated.length,
    tier2Aligned: decisions.aligned,
    tier2Pruned: decisions.pruned,
    timings,
  };
  const internals = keepInternals
    ? { paths, shingles: tier1.shingles!, lshCandidates: tier1.lshCandidates!, tier2: decisions.metrics! }
    : null;
  const result: DuplicatesReport = {
    pairs: built.map((r) => r.pair),
    clusters,
    clusterScores: scores,
    copied: copiedReport.copied,
    foundElsewhere: foundElsewhere(shares, store.words, paths, inFocus),
  };
  return { findings, result, stats, internals };
}

/** 1 for each document in focus (every document without a focus); a pair is compared when one side is. */
function focusMask(docs: readonly Doc[], focus: CorpusStageContext['focus']): Uint8Array {
  const inFocus = new Uint8Array(docs.length);
  for (let i = 0; i < docs.length; i++) inFocus[i] = !focus || focus.has(docs[i].path) ? 1 : 0;
  return inFocus;
}

/**
 * Copied passages: sentence runs shared word for word by a pair that is not a near-duplicate; and each document's
 * share of words found in another (boilerplate sentences left out of both).
 */
function sharedSentences(
  store: Store,
  near: NearDuplicateOptions,
  copied: CopiedPassageOptions,
  globals: CorpusGlobals | null,
  wanted: (a: number, b: number) => boolean,
  isNear: Set<number>,
) {
  const n = store.words.length;
  const sentences = sentenceIndex(store, copied.minSentenceWords);
  const frequentSentences = globals
    ? globals.frequentSentences
    : boilerplateSentences(store, sentences, boilerplateCut(near, n));
  const copiedPairs = copiedPassages(store, sentences, frequentSentences, copied, wanted, (a, b) =>
    isNear.has(a * n + b),
  );
  const shares = sharedShares(store, sentences, frequentSentences);
  return { copiedPairs, shares };
}

/**
 * Sentence texts and original line numbers, only for the documents of pairs the alignment would report (each
 * article is derived again once, and only its sentences and line starts are kept).
 */
function sentenceLoader(docs: readonly Doc[], store: Store, context: CorpusStageContext): (i: number) => DocSentences {
  const sentenceCache = new Map<number, DocSentences>();
  return (i: number) => {
    let s = sentenceCache.get(i);
    if (!s) {
      s = sentencesOf(context.articleFor(docs[i].path));
      const count = store.sentenceStart[i + 1] - store.sentenceStart[i];
      if (s.sentences.length !== count || s.words !== store.words[i])
        throw new Error(`duplication: ${docs[i].path} changed after its features were extracted`);
      sentenceCache.set(i, s);
    }
    return s;
  };
}

/** Near-duplicate pairs as reported pairs, each with its sentence alignment as evidence. */
function nearDuplicateReports(
  store: Store,
  nearPairs: readonly NearPair[],
  near: NearDuplicateOptions,
  workspace: AlignWorkspace,
): Reported[] {
  const reported: Reported[] = [];
  for (const p of nearPairs) {
    const al = workspace.align(store, p.a, p.b, near.sentenceSimilarity);
    reported.push({
      a: p.a,
      b: p.b,
      kind: 'near-duplicate',
      alignment: al,
      evidence: al.pairs,
      similarity: Math.max(p.jaccard, p.containment),
      jaccard: p.jaccard,
      containment: p.containment,
    });
  }
  return reported;
}

export const duplicationStage: CorpusStage<DuplicationFeatures, DuplicatesReport> = {
  rules: [nearDuplicateRule, similarContentRule, copiedPassageRule],
  extract,
  run,
};

export type { NearDuplicateOptions, SimilarContentOptions };
