// Evidence of reported pairs: sentence texts and original lines (derived again for those pairs only), the pairs of
// the JSON report, one finding per article of a pair, clusters and the scores inside them.
import type { StageDocument, StageFindingDraft } from '../../stage.js';
import type { ClusterScore, DuplicatePair, RelatedLocation } from '../../types.js';
import { passages, type AlignedPair, type Alignment, type DocSentences, type PassageWithRanges } from './align.js';
import type { DuplicationFeatures } from './features.js';
import type { NearDuplicateOptions, SimilarContentOptions } from './options.js';

type Doc = StageDocument<DuplicationFeatures>;

export const round = (x: number) => Math.round(x * 1000) / 1000;
const pct = (x: number) => `${Math.round(x * 100)}%`;

export interface Reported {
  a: number;
  b: number;
  kind: DuplicatePair['kind'];
  alignment: Alignment;
  /** The pairs shown as evidence (all matches for near-duplicates, the ordered chain for similar content). */
  evidence: AlignedPair[];
  similarity: number;
  jaccard?: number;
  containment?: number;
  cosine?: number;
}

export interface Built {
  a: number;
  b: number;
  pair: DuplicatePair;
  ranges: PassageWithRanges[];
  best: AlignedPair | null;
  sentencesA: DocSentences;
  sentencesB: DocSentences;
  aligned: number;
}

export const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** A sentence this short (a heading, a dateline, "Read more") says little about why two articles match. */
const TELLING_WORDS = 8;

/**
 * The aligned pair to quote as evidence: the best score, weighted down for short sentences so a shared title or
 * heading is not the whole evidence when real sentences match too (scores compared to 1e-6, so float noise between
 * exact copies does not decide; then the earliest).
 */
export function bestPair(pairs: AlignedPair[], A: DocSentences, B: DocSentences): AlignedPair | null {
  let best: AlignedPair | null = null;
  let bestKey = -1;
  for (const p of pairs) {
    const words = Math.min(A.sentences[p.a]?.words ?? 0, B.sentences[p.b]?.words ?? 0);
    const key = Math.round(p.score * Math.min(1, words / TELLING_WORDS) * 1e6);
    if (key > bestKey || (key === bestKey && best && p.a < best.a)) {
      best = p;
      bestKey = key;
    }
  }
  return best;
}

function clip(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

export function findingsFor(
  r: Built,
  docs: readonly Doc[],
  inFocus: Uint8Array,
  near: NearDuplicateOptions,
): StageFindingDraft[] {
  const out: StageFindingDraft[] = [];
  const { pair } = r;
  for (const side of ['a', 'b'] as const) {
    const self = side === 'a' ? r.a : r.b;
    if (!inFocus[self]) continue;
    const otherPath = side === 'a' ? pair.b : pair.a;
    const coverage = (side === 'a' ? pair.coverageA : pair.coverageB) ?? 0;
    // First shared passage in this document.
    let first: PassageWithRanges | null = null;
    for (const p of r.ranges) {
      const mine = side === 'a' ? p.rangeA : p.rangeB;
      const best = first ? (side === 'a' ? first.rangeA : first.rangeB) : null;
      if (!best || mine.line < best.line || (mine.line === best.line && mine.column < best.column)) first = p;
    }
    const range = first
      ? side === 'a'
        ? first.rangeA
        : first.rangeB
      : { line: 1, column: 1, endLine: 1, endColumn: 1 };
    const otherRange = first ? (side === 'a' ? first.rangeB : first.rangeA) : { line: 1, column: 1 };
    const sentences = side === 'a' ? r.sentencesA : r.sentencesB;
    const evidence = r.best ? clip(sentences.sentences[side === 'a' ? r.best.a : r.best.b].text, 160) : undefined;
    let message: string;
    const count =
      `${r.aligned} ${pair.kind === 'near-duplicate' ? 'shared' : 'aligned'} ` +
      `sentence${r.aligned === 1 ? '' : 's'} covering ${pct(coverage)} of this article`;
    if (pair.kind === 'near-duplicate') {
      const jaccard = pair.jaccard ?? 0;
      const containment = pair.containment ?? 0;
      const selfWords = docs[self].words;
      const otherWords = docs[side === 'a' ? r.b : r.a].words;
      if (jaccard < near.jaccard && containment > jaccard) {
        message =
          selfWords <= otherWords
            ? `Contained in ${otherPath} (containment ${containment.toFixed(2)}, ` +
              `Jaccard ${jaccard.toFixed(2)}; ${count}).`
            : `Contains most of ${otherPath} (containment ${containment.toFixed(2)}, ` +
              `Jaccard ${jaccard.toFixed(2)}; ${count}).`;
      } else {
        message =
          `Near-duplicate of ${otherPath} (Jaccard ${jaccard.toFixed(2)}, ` +
          `containment ${containment.toFixed(2)}; ${count}).`;
      }
    } else {
      // Both sides' coverage: the evidence that this is a rewrite, not two pages on one topic.
      const otherCoverage = (side === 'a' ? pair.coverageB : pair.coverageA) ?? 0;
      message =
        `Spun version of ${otherPath} (cosine ${(pair.cosine ?? 0).toFixed(2)}, ${r.aligned} aligned ` +
        `sentence${r.aligned === 1 ? '' : 's'} in the same order covering ${pct(coverage)} of this article ` +
        `and ${pct(otherCoverage)} of the other).`;
    }
    const related: RelatedLocation[] = [
      {
        path: otherPath,
        line: otherRange.line,
        column: otherRange.column,
        message: first ? 'Matching passage' : 'Other article',
      },
    ];
    out.push({
      ruleId: pair.kind,
      path: docs[self].path,
      ...range,
      message,
      ...(evidence ? { evidence } : {}),
      suggestion:
        pair.kind === 'near-duplicate'
          ? 'Keep one canonical version (or point the copy at it with a canonical link) and remove or rewrite the ' +
            'other.'
          : 'Publishing reworded copies of one article dilutes both; merge them or rewrite one with its own angle ' +
            'and facts.',
      related,
    });
  }
  return out;
}

/**
 * Cosines of the pairs inside one cluster that were compared (a candidate at or above `cosine`) but not reported on
 * their own — five rewrites of one template form one cluster, and every cell of its heat map gets a score.
 */
export function clusterScores(
  gated: readonly { a: number; b: number; cos: number }[],
  built: readonly Built[],
  clusters: readonly string[][],
  paths: readonly string[],
): ClusterScore[] {
  const clusterOf = new Map<string, number>();
  clusters.forEach((members, c) => members.forEach((p) => clusterOf.set(p, c)));
  const reported = new Set(built.map((r) => `${r.a}:${r.b}`));
  const out: ClusterScore[] = [];
  for (const g of gated) {
    const c = clusterOf.get(paths[g.a]);
    if (c === undefined || clusterOf.get(paths[g.b]) !== c || reported.has(`${g.a}:${g.b}`)) continue;
    out.push({ a: paths[g.a], b: paths[g.b], similarity: round(g.cos) });
  }
  return out.sort((x, y) => cmp(x.a, y.a) || cmp(x.b, y.b));
}

export function clustersOf(reported: Built[], docs: readonly Doc[]): string[][] {
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let root = x;
    while (parent.get(root)! !== root) root = parent.get(root)!;
    while (parent.get(x)! !== root) {
      const next = parent.get(x)!;
      parent.set(x, root);
      x = next;
    }
    return root;
  };
  for (const r of reported) {
    for (const x of [r.a, r.b]) if (!parent.has(x)) parent.set(x, x);
    const ra = find(r.a);
    const rb = find(r.b);
    if (ra !== rb) parent.set(Math.max(ra, rb), Math.min(ra, rb));
  }
  const groups = new Map<number, number[]>();
  for (const x of [...parent.keys()].sort((p, q) => p - q)) {
    const root = find(x);
    let g = groups.get(root);
    if (!g) groups.set(root, (g = []));
    g.push(x);
  }
  const clusters = [...groups.values()].map((members) => {
    let rep = members[0];
    for (const m of members) {
      const w = docs[m].words;
      const rw = docs[rep].words;
      if (w > rw || (w === rw && docs[m].path < docs[rep].path)) rep = m;
    }
    const rest = members
      .filter((m) => m !== rep)
      .map((m) => docs[m].path)
      .sort(cmp);
    return [docs[rep].path, ...rest];
  });
  return clusters.sort((x, y) => cmp(x[0], y[0]));
}

/** The report entry and text ranges of each reported pair (in `reported` order). */
export function buildPairs(
  reported: readonly Reported[],
  docs: readonly Doc[],
  sentencesFor: (i: number) => DocSentences,
  near: NearDuplicateOptions,
  similar: SimilarContentOptions,
): Built[] {
  return reported.map((r) => {
    const A = sentencesFor(r.a);
    const B = sentencesFor(r.b);
    const nearDuplicate = r.kind === 'near-duplicate';
    const ranges = passages(A, B, r.evidence, nearDuplicate ? near.maxPassages : similar.maxPassages);
    const al = r.alignment;
    const pair: DuplicatePair = nearDuplicate
      ? {
          a: docs[r.a].path,
          b: docs[r.b].path,
          kind: 'near-duplicate',
          similarity: round(r.similarity),
          jaccard: round(r.jaccard!),
          containment: round(r.containment!),
          coverageA: round(al.coverageA),
          coverageB: round(al.coverageB),
          shared: ranges.map((x) => x.passage),
        }
      : {
          a: docs[r.a].path,
          b: docs[r.b].path,
          kind: 'similar-content',
          similarity: round(r.similarity),
          cosine: round(r.cosine!),
          coverageA: round(al.orderedCoverageA),
          coverageB: round(al.orderedCoverageB),
          shared: ranges.map((x) => x.passage),
        };
    return {
      a: r.a,
      b: r.b,
      pair,
      ranges,
      best: bestPair(r.evidence, A, B),
      sentencesA: A,
      sentencesB: B,
      aligned: r.evidence.length,
    };
  });
}
