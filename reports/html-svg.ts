// Inline SVG pictures for the HTML report: the similarity heat map, per-cluster summaries, small bars.
// Every string that enters the SVG is escaped; numbers are formatted by us; nothing external is referenced.
import Handlebars from 'handlebars';
import type { DuplicatePair, Report } from '../pipeline/types.js';
import { docId, escapeAttr, escapeHtml, pairId } from './html-escape.js';

/** Largest number of clustered documents drawn as a full matrix; above it, per-cluster summaries. */
export const HEATMAP_MAX_DOCS = 40;

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '0');

/** Colour for a similarity in [0, 1]: pale yellow → orange → deep red (sequential, print-safe). */
export function similarityColour(similarity: number): string {
  const s = Math.max(0, Math.min(1, similarity));
  const hue = 48 - 48 * s; // 48 (amber) → 0 (red)
  const saturation = 85 + 5 * s;
  const lightness = 88 - 50 * s;
  return `hsl(${fmt(hue)} ${fmt(saturation)}% ${fmt(lightness)}%)`;
}

export function pct(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? '—' : `${Math.round(value * 100)}%`;
}

function pairKey(a: string, b: string) {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

export interface LegendEntry {
  n: number;
  anchor: string;
  title: string;
  path: string;
}

export interface ClusterSummary {
  n: number;
  size: number;
  representative: { anchor: string; title: string; path: string };
  members: { anchor: string; title: string; path: string }[];
  more: number;
  maxSimilarity: string;
  meanSimilarity: string;
  bar: Handlebars.SafeString;
}

export interface SimilarityPicture {
  mode: 'none' | 'matrix' | 'clusters';
  svg: Handlebars.SafeString | null;
  legend: LegendEntry[];
  clusters: ClusterSummary[];
  clustersMore: number;
  documentsInClusters: number;
}

function titleOf(report: Report, path: string): string {
  return report.documents.find((doc) => doc.path === path)?.title || path;
}

/** A horizontal bar (0–1) as a tiny inline SVG. */
export function barSvg(
  fraction: number,
  kind: 'error' | 'warning' | 'info' | 'sim' = 'sim',
  width = 120,
): Handlebars.SafeString {
  const w = Math.max(0, Math.min(1, Number.isFinite(fraction) ? fraction : 0)) * width;
  const paint = kind === 'sim' ? `fill="${escapeAttr(similarityColour(fraction))}"` : `class="fill-${kind}"`;
  return new Handlebars.SafeString(
    `<svg class="bar" viewBox="0 0 ${width} 8" width="${width}" height="8" preserveAspectRatio="none" ` +
      `aria-hidden="true" focusable="false">` +
      `<rect class="track" x="0" y="0" width="${width}" height="8" rx="4"></rect>` +
      `<rect x="0" y="0" width="${fmt(w)}" height="8" rx="4" ${paint}></rect></svg>`,
  );
}

export function similarityPicture(report: Report, titles: Map<string, string>): SimilarityPicture {
  const clusters = report.duplicates.clusters.filter((cluster) => cluster.length > 0);
  const docs: string[] = [];
  const seen = new Set<string>();
  for (const cluster of clusters) for (const path of cluster) if (!seen.has(path)) seen.add(path), docs.push(path);
  const title = (path: string) => titles.get(path) || titleOf(report, path);
  if (docs.length === 0)
    return { mode: 'none', svg: null, legend: [], clusters: [], clustersMore: 0, documentsInClusters: 0 };
  if (docs.length <= HEATMAP_MAX_DOCS) return matrixPicture(report, clusters, docs, title);
  return clusterPicture(report, clusters, docs.length, title);
}

/** What drawing one cell of the matrix reads. */
interface Matrix {
  docs: string[];
  /** Reported pairs, and scores of pairs compared inside a cluster but not reported, by pairKey. */
  pairs: Map<string, DuplicatePair>;
  scores: Map<string, number>;
  title: (path: string) => string;
  /** Cell size and the width of the axis labels, in pixels. */
  cell: number;
  label: number;
}

/** Up to HEATMAP_MAX_DOCS clustered documents: a full similarity matrix with numbered axes and cluster outlines. */
function matrixPicture(
  report: Report,
  clusters: string[][],
  docs: string[],
  title: (path: string) => string,
): SimilarityPicture {
  const pairs = new Map<string, DuplicatePair>();
  for (const pair of report.duplicates.pairs) pairs.set(pairKey(pair.a, pair.b), pair);
  // Compared but not reported on their own: shown lighter, without a link (there is no pair card).
  const scores = new Map((report.duplicates.clusterScores ?? []).map((s) => [pairKey(s.a, s.b), s.similarity]));
  const n = docs.length;
  const cell = n <= 8 ? 44 : n <= 16 ? 30 : n <= 28 ? 22 : 16;
  const label = 28;
  const matrix: Matrix = { docs, pairs, scores, title, cell, label };
  const size = label + n * cell;
  const parts: string[] = [];
  parts.push(
    `<svg class="heatmap" viewBox="0 0 ${size + 4} ${size + 4}" width="${size + 4}" height="${size + 4}" ` +
      `role="img" aria-labelledby="heatmap-title">`,
    `<title id="heatmap-title">Similarity matrix of ${n} documents in duplicate clusters</title>`,
  );
  const fontSize = Math.min(13, Math.max(9, Math.round(cell * 0.45)));
  for (let i = 0; i < n; i++) {
    const x = label + i * cell + cell / 2;
    parts.push(
      `<text class="axis" x="${fmt(x)}" y="${label - 8}" font-size="${fontSize}" ` +
        `text-anchor="middle">${i + 1}</text>`,
    );
    parts.push(
      `<text class="axis" x="${label - 6}" y="${fmt(label + i * cell + cell / 2 + fontSize / 3)}" ` +
        `font-size="${fontSize}" text-anchor="end">${i + 1}</text>`,
    );
  }
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) parts.push(matrixCell(matrix, r, c));
  for (const [start, length] of clusterBlocks(clusters)) {
    if (length < 2) continue;
    parts.push(
      `<rect class="cluster-outline" x="${label + start * cell - 0.5}" y="${label + start * cell - 0.5}" ` +
        `width="${length * cell + 1}" height="${length * cell + 1}" rx="4"></rect>`,
    );
  }
  parts.push('</svg>');
  return {
    mode: 'matrix',
    svg: new Handlebars.SafeString(parts.join('')),
    legend: docs.map((path, i) => ({ n: i + 1, anchor: docId(path), title: title(path), path })),
    clusters: [],
    clustersMore: 0,
    documentsInClusters: n,
  };
}

/** Cluster outlines: consecutive blocks on the diagonal, [first index, length], each document in its first cluster. */
export function clusterBlocks(clusters: string[][]): [number, number][] {
  let offset = 0;
  const blocks: [number, number][] = [];
  const placed = new Set<string>();
  for (const cluster of clusters) {
    const members = cluster.filter((path) => !placed.has(path));
    members.forEach((path) => placed.add(path));
    if (members.length) blocks.push([offset, members.length]);
    offset += members.length;
  }
  return blocks;
}

/** The cell of row r, column c: the diagonal, a reported pair (linked), a cluster-only score, or empty. */
function matrixCell(matrix: Matrix, r: number, c: number): string {
  const { docs, title, cell, label } = matrix;
  const x = label + c * cell;
  const y = label + r * cell;
  if (r === c) {
    return (
      `<rect class="diag" x="${x + 1}" y="${y + 1}" width="${cell - 2}" height="${cell - 2}" ` +
      `rx="3"><title>${escapeHtml(`${r + 1}. ${title(docs[r])}`)}</title></rect>`
    );
  }
  const pair = matrix.pairs.get(pairKey(docs[r], docs[c]));
  const score = pair ? undefined : matrix.scores.get(pairKey(docs[r], docs[c]));
  if (!pair && score !== undefined) {
    const tip =
      `${r + 1}. ${title(docs[r])} ↔ ${c + 1}. ${title(docs[c])}: cosine ${pct(score)} (same ` +
      `cluster, below the reporting threshold on its own)`;
    const text =
      cell >= 30
        ? `<text class="cell-label" x="${fmt(x + cell / 2)}" y="${fmt(y + cell / 2 + 4)}" ` +
          `font-size="${cell >= 40 ? 12 : 10}" text-anchor="middle">${Math.round(score * 100)}</text>`
        : '';
    return (
      `<rect class="cell scored" x="${x + 1}" y="${y + 1}" width="${cell - 2}" height="${cell - 2}" rx="3" ` +
      `fill="${escapeAttr(similarityColour(score))}"><title>${escapeHtml(tip)}</title></rect>${text}`
    );
  }
  if (!pair) {
    return (
      `<rect class="empty" x="${x + 1}" y="${y + 1}" width="${cell - 2}" height="${cell - 2}" ` +
      `rx="3"><title>${escapeHtml(`${r + 1} ↔ ${c + 1}: below the reporting threshold`)}</title></rect>`
    );
  }
  const tip = `${r + 1}. ${title(docs[r])} ↔ ${c + 1}. ${title(docs[c])}: ${pct(pair.similarity)} (${pair.kind})`;
  const text =
    cell >= 30
      ? `<text class="cell-label${pair.similarity >= 0.6 ? ' on-dark' : ''}" x="${fmt(x + cell / 2)}" ` +
        `y="${fmt(y + cell / 2 + 4)}" font-size="${cell >= 40 ? 12 : 10}" ` +
        `text-anchor="middle">${Math.round(pair.similarity * 100)}</text>`
      : '';
  return (
    `<a href="#${pairId(pair.a, pair.b)}"><rect class="cell" x="${x + 1}" y="${y + 1}" width="${cell - 2}" ` +
    `height="${cell - 2}" rx="3" fill="${escapeAttr(similarityColour(pair.similarity))}">` +
    `<title>${escapeHtml(tip)}</title></rect>${text}</a>`
  );
}

/** More clustered documents than a matrix can show: a summary per cluster (up to 60) with a strip of its pairs. */
function clusterPicture(
  report: Report,
  clusters: string[][],
  documentsInClusters: number,
  title: (path: string) => string,
): SimilarityPicture {
  const LIMIT = 60;
  const summaries: ClusterSummary[] = clusters.slice(0, LIMIT).map((cluster, index) => {
    const members = new Set(cluster);
    const inside = report.duplicates.pairs.filter((pair) => members.has(pair.a) && members.has(pair.b));
    const sims = inside.map((pair) => pair.similarity);
    const max = sims.length ? Math.max(...sims) : 0;
    const mean = sims.length ? sims.reduce((sum, s) => sum + s, 0) / sims.length : 0;
    const shown = cluster.slice(1, 9);
    return {
      n: index + 1,
      size: cluster.length,
      representative: { anchor: docId(cluster[0]), title: title(cluster[0]), path: cluster[0] },
      members: shown.map((path) => ({ anchor: docId(path), title: title(path), path })),
      more: Math.max(0, cluster.length - 1 - shown.length),
      maxSimilarity: pct(max),
      meanSimilarity: pct(mean),
      bar: clusterStrip(sims),
    };
  });
  return {
    mode: 'clusters',
    svg: null,
    legend: [],
    clusters: summaries,
    clustersMore: Math.max(0, clusters.length - LIMIT),
    documentsInClusters,
  };
}

/** A strip of small squares, one per pair in the cluster (up to 40), coloured by similarity, strongest first. */
function clusterStrip(similarities: number[]): Handlebars.SafeString {
  const sorted = [...similarities].sort((a, b) => b - a).slice(0, 40);
  const size = 10;
  const width = Math.max(1, sorted.length) * (size + 2);
  const cells = sorted
    .map(
      (s, i) =>
        `<rect x="${i * (size + 2)}" y="0" width="${size}" height="${size}" rx="2" ` +
        `fill="${escapeAttr(similarityColour(s))}"></rect>`,
    )
    .join('');
  return new Handlebars.SafeString(
    `<svg class="strip" viewBox="0 0 ${width} ${size}" width="${width}" height="${size}" aria-hidden="true" ` +
      `focusable="false">${cells}</svg>`,
  );
}

/** The colour-scale legend under the heat map. */
export function scaleSvg(): Handlebars.SafeString {
  const stops = [0, 0.5, 1];
  const w = 160;
  const rects = Array.from({ length: 32 }, (_, i) => {
    const s = i / 31;
    return (
      `<rect x="${fmt((i * w) / 32, 2)}" y="0" width="${fmt(w / 32 + 0.5, 2)}" height="10" ` +
      `fill="${escapeAttr(similarityColour(s))}"></rect>`
    );
  }).join('');
  const labels = stops
    .map(
      (s) =>
        `<text class="axis" x="${fmt(s * w)}" y="24" font-size="10" ` +
        `text-anchor="${s === 0 ? 'start' : s === 1 ? 'end' : 'middle'}">${Math.round(s * 100)}%</text>`,
    )
    .join('');
  return new Handlebars.SafeString(
    `<svg class="scale" viewBox="0 0 ${w} 26" width="${w}" height="26" aria-hidden="true" ` +
      `focusable="false">${rects}${labels}</svg>`,
  );
}
