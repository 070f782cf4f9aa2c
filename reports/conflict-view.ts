// Side-by-side view of one claim conflict, shared by the HTML and Markdown reports: every version's sentence with its
// value marked, where it is, the normalised value, and one line that says what differs ("$412bn here, $1,236bn in
// b.txt:9 — the same sentence otherwise"). Sentences are untrusted text: the HTML side escapes everything it emits.
import type { ClaimConflict, ClaimValueLocation } from '../pipeline/types.js';
import { escapeVisible } from './html-escape.js';

/** Versions shown side by side at most (the rest are counted; the JSON report has them all). */
export const SIDE_BY_SIDE_MAX = 4;

const where = (v: ClaimValueLocation) => `${v.path}:${v.line}${v.column ? `:${v.column}` : ''}`;

/**
 * [start, end) of the value in its sentence (first occurrence, case-insensitive), or null when it is not there
 * verbatim.
 */
export function valueSpan(v: ClaimValueLocation): [number, number] | null {
  if (!v.value) return null;
  const i = v.text.toLowerCase().indexOf(v.value.toLowerCase());
  return i < 0 ? null : [i, i + v.value.length];
}

/** The sentence with its value masked: equal masks mean the versions differ only in the value. */
function masked(v: ClaimValueLocation): string {
  const span = valueSpan(v);
  const text = span ? `${v.text.slice(0, span[0])}\u0000${v.text.slice(span[1])}` : v.text;
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

const valueKey = (v: ClaimValueLocation) => (v.normalised ?? v.value).toLowerCase();

/** One line saying what differs, from the first version's side: the values that differ from it, and whether the
 * sentences are otherwise the same. */
export function conflictSummary(conflict: ClaimConflict): string {
  const [first, ...rest] = conflict.values;
  if (!first) return '';
  const differing = rest.filter((o) => valueKey(o) !== valueKey(first));
  const others = differing.length ? differing : rest;
  const shown = others.slice(0, 2).map((o) => `${o.value} in ${where(o)}`);
  const more = others.length > 2 ? ` and ${others.length - 2} more` : '';
  const same = others.every((o) => masked(o) === masked(first));
  return (
    `${first.value} here, ${shown.join(', ')}${more} ` +
    `— ${same ? 'the same sentence otherwise' : 'in different sentences'}`
  );
}

/** The normalised value when it says more than the value as written. */
const normalisedShown = (v: ClaimValueLocation) =>
  v.normalised && v.normalised.toLowerCase() !== v.value.toLowerCase() ? v.normalised : undefined;

export interface ConflictSideHtml {
  where: string;
  path: string;
  line: number;
  column?: number;
  value: string;
  normalised?: string;
  /** Escaped sentence with the value in <mark class="diff">. */
  sentenceHtml: string;
}

/** The sentence as escaped HTML with the value marked. */
export function markedSentenceHtml(v: ClaimValueLocation): string {
  const span = valueSpan(v);
  if (!span) return escapeVisible(v.text);
  return (
    `${escapeVisible(v.text.slice(0, span[0]))}<mark ` +
    `class="diff">${escapeVisible(v.text.slice(span[0], span[1]))}</mark>${escapeVisible(v.text.slice(span[1]))}`
  );
}

/**
 * The view model of the HTML partial (templates/conflict.hbs); strings other than sentenceHtml are escaped by {{ }}.
 */
export function conflictHtmlModel(conflict: ClaimConflict) {
  const sides: ConflictSideHtml[] = conflict.values.slice(0, SIDE_BY_SIDE_MAX).map((v) => ({
    where: where(v),
    path: v.path,
    line: v.line,
    column: v.column,
    value: v.value,
    normalised: normalisedShown(v),
    sentenceHtml: markedSentenceHtml(v),
  }));
  return { summary: conflictSummary(conflict), sides, sidesMore: Math.max(0, conflict.values.length - sides.length) };
}

/** A window of at most `max` characters of the sentence around its value, the value in bold (escaped by `md`). */
function markedSentenceMd(v: ClaimValueLocation, md: (s: string, max?: number) => string, max = 180): string {
  const span = valueSpan(v);
  if (!span) return md(v.text, max);
  const room = Math.max(0, max - (span[1] - span[0]));
  const from = Math.max(0, span[0] - Math.floor(room / 2));
  const to = Math.min(v.text.length, span[1] + (room - (span[0] - from)));
  const before = (from > 0 ? '…' : '') + v.text.slice(from, span[0]);
  const after = v.text.slice(span[1], to) + (to < v.text.length ? '…' : '');
  return `${md(before, 1000)}**${md(v.text.slice(span[0], span[1]), 200)}**${md(after, 1000)}`;
}

/** The conflict as a Markdown table, one column per version (escape with the report's own `md`). */
export function conflictMarkdown(conflict: ClaimConflict, md: (s: string, max?: number) => string): string {
  const sides = conflict.values.slice(0, SIDE_BY_SIDE_MAX);
  const row = (cells: string[]) => `| ${cells.join(' | ')} |\n`;
  const summary = md(conflictSummary(conflict), 300);
  let out = `**${md(conflict.subject, 100)}** · ${md(conflict.attribute, 60)} — ${summary}\n\n`;
  out += row(['', ...sides.map((v) => md(where(v), 120))]);
  out += row(['---', ...sides.map(() => '---')]);
  out += row([
    'value',
    ...sides.map((v) => `**${md(v.value, 100)}**${normalisedShown(v) ? ` (${md(normalisedShown(v)!, 60)})` : ''}`),
  ]);
  out += row(['sentence', ...sides.map((v) => markedSentenceMd(v, md))]);
  if (conflict.values.length > sides.length)
    out += `\n… ${conflict.values.length - sides.length} more versions in the JSON report.\n`;
  return `${out}\n`;
}
