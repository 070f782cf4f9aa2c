// What a duplication run can tell besides its findings (tests, the benchmark, calibration): counts, timings and,
// with keepInternals, the inputs of every decision. Returned by runWithDiagnostics; nothing is kept between runs.
import type { FigureEvidence } from './figures.js';

/** Internal statistics (returned by runWithDiagnostics, for tests and the benchmark). */
export interface DuplicationStats {
  documents: number;
  bands: number;
  rows: number;
  boilerplateShingles: number;
  tier1Candidates: number;
  tier2Candidates: number;
  /** Tier-2 candidates at or above the `cosine` threshold. */
  tier2Gated: number;
  tier2Aligned: number;
  /** Gated pairs skipped by the exact pre-check (they could not reach either decision rule). */
  tier2Pruned: number;
  timings: Record<string, number>;
  /** With a focus scope: the corpus size and how many documents were compared (`documents` counts those). */
  scope?: { documents: number; compared: number };
}

/**
 * Decision inputs of one aligned tier-2 pair (kept with keepInternals, for calibration; coverage = paraphrased, shorter
 * article).
 */
export interface Tier2Metrics {
  a: string;
  b: string;
  cosine: number;
  aligned: number;
  ordered: number;
  paraphrased: number;
  coverage: number;
  /**
   * The same share of the longer article (a rewrite covers both; a short page restating a few lines of a long one does
   * not).
   */
  longerCoverage: number;
  /** Paraphrased aligned sentence pairs that share a run of wording (phrasing.ts). */
  phrased: number;
  /** The most ordinary content words in one shared run of wording over those pairs. */
  longestRun: number;
  /** Of those pairs, the ones sharing a run no third text of the corpus holds (family.ts). */
  ownPhrased: number;
  /** Shared runs left out as one template's wording around the slot each page fills with its subject (frames.ts). */
  frames: number;
  /** Paraphrased aligned sentence pairs in order: [sentence of a, sentence of b, weighted-Dice score]. */
  pairs: [number, number, number][];
  reported: boolean;
  /** Figures in the paraphrased aligned sentences (computed for pairs the structure alone would report). */
  figures?: FigureEvidence;
}

/** Internals kept only when options['near-duplicate'].keepInternals === true (tests, calibration). */
export interface DuplicationInternals {
  paths: string[];
  /** Shingle sets after boilerplate removal, in `paths` order. */
  shingles: Uint32Array[];
  /** LSH candidates alone (i * n + j, indices into `paths`). */
  lshCandidates: Set<number>;
  /** Every aligned tier-2 pair with its decision inputs. */
  tier2: Tier2Metrics[];
}
