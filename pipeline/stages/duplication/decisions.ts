// Tier 2 — decisions: which gated pairs get the sentence alignment, the rule that reports a pair as a spun version
// (written once, used by the exact pre-check and by the decision), and the figure check on the pairs it reports.
import type { AlignedPair, AlignWorkspace, Alignment, DocSentences } from './align.js';
import type { GatedPair } from './candidates.js';
import type { Tier2Metrics } from './diagnostics.js';
import { round, type Reported } from './evidence.js';
import { type FigureEvidence, figureEvidence, figuresDisagree } from './figures.js';
import { holdersOf, neighbourhood, OWN, type RunQuery, runQuery, sameTextTest, verdictOf } from './family.js';
import { layoutOf } from './features.js';
import { bordersSlot, slotWords } from './frames.js';
import { pairRuns, phrasingOf, type RunJudge, type SharedRun } from './phrasing.js';
import type { SimilarContentOptions } from './options.js';
import type { Store } from './store.js';

/**
 * The similar-content rule on an alignment's counts: `aligned` paraphrased sentences in order covering `shorter` of
 * the shorter article's words and `longer` of the longer one's.
 *  - structural: ≥ minAlignedSentences covering ≥ minCoverage of the shorter article (its outline in the other);
 *  - topic-level (cosine ≥ strongCosine): ≥ strongMinAligned covering ≥ strongMinCoverage — more than the restated
 *    background line or two that any follow-up story about the same company repeats;
 *  - both: ≥ minLongerCoverage of the longer article too (related pages restate a few lines of each other; a rewrite
 *    does not stop there).
 */
export function spunByOutline(
  similar: SimilarContentOptions,
  strong: boolean,
  aligned: number,
  shorter: number,
  longer: number,
): boolean {
  if (longer < similar.minLongerCoverage) return false;
  return (
    (aligned >= similar.minAlignedSentences && shorter >= similar.minCoverage) ||
    (strong && aligned >= Math.max(1, similar.strongMinAligned) && shorter >= similar.strongMinCoverage)
  );
}

/** An aligned tier-2 pair's decision (kept for reported pairs, and for all with keepInternals). */
interface Tier2Outcome {
  al: Alignment;
  paraphrased: number;
  coverage: number;
  longerCoverage: number;
  report: boolean;
}

export interface Tier2Decisions {
  /** Reported similar-content pairs, in `gated` order after the cosine sort. */
  reported: Reported[];
  aligned: number;
  pruned: number;
  /** With keepInternals: every aligned pair's decision inputs. */
  metrics: Tier2Metrics[] | null;
}

/**
 * Strong pairs are all aligned; among weaker ones each article's best `maxAlignPerDoc` (bounds work on same-topic
 * corpora). Sorts `gated` by cosine (descending) and returns the indices of the pairs to align.
 */
function chooseForAlignment(gated: GatedPair[], similar: SimilarContentOptions, n: number): number[] {
  gated.sort((x, y) => y.cos - x.cos || x.a - y.a || x.b - y.b);
  const weakUsed = new Int32Array(n);
  const chosen: number[] = [];
  for (let g = 0; g < gated.length; g++) {
    const { a, b, cos } = gated[g];
    if (cos < similar.strongCosine) {
      if (weakUsed[a] >= similar.maxAlignPerDoc && weakUsed[b] >= similar.maxAlignPerDoc) continue;
      weakUsed[a]++;
      weakUsed[b]++;
    }
    chosen.push(g);
  }
  return chosen;
}

/**
 * A reported spun version shares a run of wording (phrasing.ts) in at least this many paraphrased aligned sentence
 * pairs. The demo corpus's AI rewrites share 2–8; two BBC stories on one doping case, with four aligned sentences on
 * the same names, share 1.
 */
const MIN_PHRASED_PAIRS = 2;

/**
 * …and in one of them a run of at least this many ordinary content words. Two pages on one subject share its terms
 * of art ("the output folder", "to the main branch": two content words and a function word) in sentences each wrote
 * itself; a spinner keeps longer stretches of its source ("ai algorithms analyze vast datasets").
 */
const MIN_RUN_CONTENT_WORDS = 3;

/**
 * …and in at least this many of them a run no third text of the corpus holds (family.ts): a spinner's kept stretch
 * is its source's alone; the frame phrases of a family of pages written to one template are every sibling's.
 */
const MIN_OWN_PAIRS = 1;

const PRUNED = 0;
const NOT_REPORTED = 1;

/** Aligns the chosen pairs and decides each one; `sentencesFor` gives sentence texts (for the figure check). */
export function similarContentDecisions(
  store: Store,
  gated: GatedPair[],
  similar: SimilarContentOptions,
  workspace: AlignWorkspace,
  sentencesFor: (i: number) => DocSentences,
  paths: readonly string[] | null,
  corpus: RunCorpus | null = null,
): Tier2Decisions {
  const n = store.words.length;
  const chosen = chooseForAlignment(gated, similar, n);
  const { sentenceHashes, sentenceWords } = store;
  let sa = 0;
  let sb = 0;
  let wordsOfA = 0;
  let wordsOfB = 0;
  let strong = false;
  let shared: Set<number> | null = null;
  // Exact pre-check: from an upper bound of which sentences can match at all, can the pair still be reported?
  // (The same rule and coverage definitions as the decision, on a superset of the aligned sentences.)
  const feasible = (canA: Uint8Array, canB: Uint8Array) => {
    let countA = 0;
    let countB = 0;
    let wordsA = 0;
    let wordsB = 0;
    for (let s = 0; s < canA.length; s++) {
      if (!canA[s] || (shared && shared.has(sentenceHashes[sa + s]))) continue;
      countA++;
      wordsA += sentenceWords[sa + s];
    }
    for (let s = 0; s < canB.length; s++) {
      if (!canB[s]) continue;
      countB++;
      wordsB += sentenceWords[sb + s];
    }
    const [shorter, longer] = coverages(wordsA, wordsB, wordsOfA, wordsOfB);
    return spunByOutline(similar, strong, Math.min(countA, countB), shorter, longer);
  };
  const outcomes: (Tier2Outcome | typeof PRUNED | typeof NOT_REPORTED)[] = new Array(chosen.length);
  // Which pairs are aligned does not depend on any alignment, and each decision depends on its pair alone: align in
  // (a, b) order, so a document's arrays stay in cache across its pairs, and collect the outcomes in `gated` order.
  const byDocument = Int32Array.from(chosen.keys()).sort(
    (x, y) => gated[chosen[x]].a - gated[chosen[y]].a || gated[chosen[x]].b - gated[chosen[y]].b,
  );
  for (const k of byDocument) {
    const { a, b, cos } = gated[chosen[k]];
    shared = gated[chosen[k]].shared;
    sa = store.sentenceStart[a];
    sb = store.sentenceStart[b];
    wordsOfA = store.words[a];
    wordsOfB = store.words[b];
    strong = cos >= similar.strongCosine;
    const al =
      similar.sentenceSimilarity > 0
        ? workspace.align(store, a, b, similar.sentenceSimilarity, feasible)
        : workspace.align(store, a, b, similar.sentenceSimilarity);
    if (!al) {
      outcomes[k] = PRUNED;
      continue;
    }
    // Paraphrased (not verbatim) sentences in the same order: verbatim-shared ones count for neither the number nor
    // the coverage, as for the cosine.
    let paraphrased = 0;
    let wordsA = 0;
    let wordsB = 0;
    for (const x of al.ordered) {
      if (shared && shared.has(sentenceHashes[sa + x.a])) continue;
      paraphrased++;
      wordsA += sentenceWords[sa + x.a];
      wordsB += sentenceWords[sb + x.b];
    }
    const [shorterCoverage, longerCoverage] = coverages(wordsA, wordsB, wordsOfA, wordsOfB);
    const report = spunByOutline(similar, strong, paraphrased, shorterCoverage, longerCoverage);
    outcomes[k] =
      report || paths ? { al, paraphrased, coverage: shorterCoverage, longerCoverage, report } : NOT_REPORTED;
  }
  return collect(store, gated, chosen, outcomes, similar, sentencesFor, paths, corpus);
}

/** [share of the shorter article, share of the longer one] covered by wordsA of A and wordsB of B. */
function coverages(wordsA: number, wordsB: number, wordsOfA: number, wordsOfB: number): [number, number] {
  const ofA = wordsA / Math.max(1, wordsOfA);
  const ofB = wordsB / Math.max(1, wordsOfB);
  return wordsOfA <= wordsOfB ? [ofA, ofB] : [ofB, ofA];
}

/** What the corpus-wide wording check needs (family.ts); null: every shared run counts as the pair's own. */
export interface RunCorpus {
  /** The documents' features (their content tokens in reading order), and the shingle size they were made with. */
  features: readonly Uint32Array[];
  shingleSize: number;
  /** Per document, its text (near-duplicate component). */
  families: Int32Array;
  /** A run more texts than this hold is stock wording (the boilerplate cut). */
  stockCut: number;
  /** The near-duplicate thresholds (two documents this close are one text). */
  near: { jaccard: number; containment: number };
}

/** A pair the outline (and the figures) would report, before the wording check. */
interface Standing {
  k: number;
  report: boolean;
  figures: FigureEvidence | null;
  /** The shared runs of each aligned sentence pair (phrasing.ts), without the template's wording (frames.ts). */
  runs: SharedRun[][];
  /** Shared runs left out as the template's wording around its slot (frames.ts). */
  frames: number;
}

/** The outcomes in `gated` order; the figure check, then the wording check, on the pairs the outline reports. */
function collect(
  store: Store,
  gated: readonly GatedPair[],
  chosen: readonly number[],
  outcomes: readonly (Tier2Outcome | typeof PRUNED | typeof NOT_REPORTED)[],
  similar: SimilarContentOptions,
  sentencesFor: (i: number) => DocSentences,
  paths: readonly string[] | null,
  corpus: RunCorpus | null,
): Tier2Decisions {
  const reported: Reported[] = [];
  const metrics: Tier2Metrics[] | null = paths ? [] : null;
  let aligned = 0;
  let pruned = 0;
  const standing: Standing[] = [];
  for (let k = 0; k < chosen.length; k++) {
    const outcome = outcomes[k];
    if (outcome === PRUNED) {
      pruned++;
      continue;
    }
    aligned++;
    if (outcome === NOT_REPORTED) continue;
    const { a, b, shared } = gated[chosen[k]];
    let report = outcome.report;
    // Figures: only for pairs the outline would report (their texts are needed for the evidence anyway).
    let figures = null;
    if (report && similar.maxFigureDifference <= 1) {
      const verbatim = verbatimIn(store, a, shared);
      figures = figureEvidence(outcome.al.ordered, sentencesFor(a), sentencesFor(b), verbatim);
      if (figuresDisagree(figures, similar.maxFigureDifference)) report = false;
    }
    if (report || metrics) {
      const A = sentencesFor(a);
      const B = sentencesFor(b);
      const verbatim = verbatimIn(store, a, shared);
      // One template filled with each page's own subject: the runs around its slot are the template's wording.
      const slots = slotWords(outcome.al.ordered, A, B, verbatim);
      let runs = pairRuns(outcome.al.ordered, A, B, verbatim);
      let frames = 0;
      if (slots) {
        const all = runs.reduce((n, r) => n + r.length, 0);
        runs = runs.map((r) => r.filter((run) => !bordersSlot(run, slots)));
        frames = all - runs.reduce((n, r) => n + r.length, 0);
      }
      standing.push({ k, report, figures, runs, frames });
    }
  }
  const judgeFor = corpusJudge(
    store,
    gated,
    standing.map(({ runs }) => runs),
    corpus,
  );
  for (const { k, figures, report: outlined, runs, frames } of standing) {
    const outcome = outcomes[k] as Tier2Outcome;
    const { a, b, cos, shared } = gated[chosen[k]];
    const { al } = outcome;
    const verbatim = verbatimIn(store, a, shared);
    // Wording: a rewrite keeps runs of its source's phrasing in several sentences, and some run is its source's
    // alone; two stories on one event share names and topic words, sibling pages of one template their frame.
    const { phrased, longest, own } = phrasingOf(runs, judgeFor(a, b));
    const report = outlined && phrased >= MIN_PHRASED_PAIRS && longest >= MIN_RUN_CONTENT_WORDS && own >= MIN_OWN_PAIRS;
    if (metrics && paths) {
      metrics.push({
        a: paths[a],
        b: paths[b],
        cosine: round(cos),
        aligned: al.pairs.length,
        ordered: al.ordered.length,
        paraphrased: outcome.paraphrased,
        coverage: round(outcome.coverage),
        longerCoverage: round(outcome.longerCoverage),
        phrased,
        longestRun: longest,
        ownPhrased: own,
        frames,
        pairs: al.ordered.filter((x) => !verbatim(x)).map((x) => [x.a, x.b, round(x.score)]),
        reported: report,
        ...(figures ? { figures } : {}),
      });
    }
    if (!report) continue;
    reported.push({ a, b, kind: 'similar-content', alignment: al, evidence: al.ordered, similarity: cos, cosine: cos });
  }
  return { reported, aligned, pruned, metrics };
}

/** Is an aligned pair's sentence of `a` one the two articles share verbatim? */
function verbatimIn(store: Store, a: number, shared: Set<number> | null): (x: AlignedPair) => boolean {
  const sa = store.sentenceStart[a];
  return (x: AlignedPair) => shared !== null && shared.has(store.sentenceHashes[sa + x.a]);
}

/**
 * Per pair, the judge of its shared runs: the runs of every standing pair are collected first, and one pass over the
 * corpus finds the texts holding each (family.ts).
 */
function corpusJudge(
  store: Store,
  gated: readonly GatedPair[],
  runsOfStanding: readonly SharedRun[][][],
  corpus: RunCorpus | null,
): (a: number, b: number) => RunJudge | undefined {
  if (!corpus || runsOfStanding.length === 0) return () => undefined;
  const index = new Map<string, number>();
  const queries: RunQuery[] = [];
  for (const runsPerPair of runsOfStanding)
    for (const runs of runsPerPair)
      for (const run of runs) {
        if (index.has(run.text)) continue;
        index.set(run.text, queries.length);
        queries.push(runQuery(run.text, corpus.shingleSize));
      }
  const { families, stockCut } = corpus;
  const holders = holdersOf(corpus.features, corpus.shingleSize, families, queries, stockCut);
  const neighbours = neighbourhood(store.words.length, gated);
  const shinglesOf = (i: number) => {
    const l = layoutOf(corpus.features[i], '', corpus.shingleSize);
    return corpus.features[i].subarray(l.shingles, l.shingles + l.shingleCount);
  };
  const sameText = sameTextTest(families, shinglesOf, corpus.near);
  return (a, b) => (run) => {
    const q = index.get(run.text);
    // Under 5 words with fewer than two content stems: too common to tell, the pair's own as before.
    if (q === undefined || (queries[q].shingles.length === 0 && queries[q].stems.length < 2)) return OWN;
    return verdictOf(holders[q], a, b, stockCut, neighbours, sameText);
  };
}
