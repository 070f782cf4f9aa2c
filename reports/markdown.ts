// Markdown for PR comments and job summaries: verdict, counts, worst articles, findings per article (collapsible),
// top duplicate pairs and claim conflicts — always under a byte budget (GitHub PR comments cap at ~64 KB).
import { conflictMarkdown } from './conflict-view.js';
import { SEVERITY_RANK } from '../pipeline/findings.js';
import type { Finding, Report, Severity } from '../pipeline/types.js';
import { decodeInvisibleNotation, safeUrl } from './html-escape.js';
import { ruleDocsUrl } from './rule-docs.js';

export interface MarkdownOptions {
  /** Upper bound of the output in UTF-8 bytes; default 60,000. */
  maxBytes?: number;
  /** Link target for "see the HTML report" (relative path or http(s) URL); default `audit.html`. */
  htmlReport?: string;
  /** Base URL of the rule docs (see SarifOptions.rulesBaseUrl). */
  rulesBaseUrl?: string;
}

export const DEFAULT_MARKDOWN_MAX_BYTES = 60_000;
const TOP_PAIRS = 10;
const TOP_CONFLICTS = 10;
const TOP_WORST = 5;
const CELL_MAX = 300;

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/** The visible marks of invisible characters (explained once, in the legend under the report). */
export const NBSP_MARK = '⍽';
export const INVISIBLE_MARK = '◇';
const INVISIBLE_RE = /[\u00a0\u00ad\u200b-\u200d\u2060\ufeff\u202f\u202a-\u202e\u2066-\u2069]/g;
export const INVISIBLE_LEGEND =
  `${NBSP_MARK} marks a no-break space (U+00A0, U+202F) and ${INVISIBLE_MARK} another ` +
  `invisible character (zero-width, joiner, soft hyphen, direction control); the HTML report names each one.`;

/** Invisible characters, raw or spelled `<U+00A0>` as messages do, as a visible mark. */
function markInvisibles(text: string): string {
  return decodeInvisibleNotation(text).replace(INVISIBLE_RE, (ch) =>
    ch === '\u00a0' || ch === '\u202f' ? NBSP_MARK : INVISIBLE_MARK,
  );
}

/** Does any text of the report hold an invisible character (so the legend is needed)? */
function needsLegend(report: Report): boolean {
  const has = (text: string | null | undefined) => !!text && markInvisibles(text) !== text;
  return (
    report.findings.some((f) => has(f.message) || has(f.evidence) || has(f.suggestion)) ||
    [...report.documents, ...(report.references ?? [])].some((d) => has(d.title)) ||
    report.claims.conflicts.some((c) => has(c.subject) || c.values.some((v) => has(v.value) || has(v.text)))
  );
}

/**
 * Remove characters that have no business in a comment (controls), fold line breaks, and show invisible characters
 * (no-break spaces, zero-width characters, bidi controls) as visible marks, so a reader sees the glitch and no bidi
 * control can reorder the comment.
 */
function clean(text: string): string {
  return (
    markInvisibles(String(text))
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '')
      .replace(/[\r\n\u2028\u2029]+/g, ' ')
  );
}

function truncate(text: string, max = CELL_MAX): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

/**
 * Escape untrusted text for Markdown inline context, including table cells: HTML special characters become
 * entities; the punctuation Markdown/GFM interprets inline (emphasis, links/images, code, table pipes,
 * strikethrough, math) is backslash-escaped; `@` and `#` get a zero-width space after them so GitHub creates
 * no mention or cross-reference (its filters run after Markdown, so escapes alone would not stop them);
 * line breaks are folded. Untrusted text is never placed at the start of a line, so block syntax cannot start.
 */
export function mdText(value: unknown, max = CELL_MAX): string {
  return truncate(clean(value == null ? '' : String(value)), max)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]|~$]/g, (ch) => `\\${ch}`)
    .replace(/([@#])/g, '$1\u200b');
}

/** Escape untrusted text for an HTML context inside Markdown (e.g. <summary>): entities only, no backslashes. */
export function mdHtml(value: unknown, max = CELL_MAX): string {
  return truncate(clean(value == null ? '' : String(value)), max)
    .replace(/([@#])/g, '$1\u200b')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/[|`*_[\]\\~$]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** A Markdown link whose target passed the URL allow-list (relative or http/https), else plain text. */
export function mdLink(text: string, url: string | null): string {
  const safe = url === null ? null : safeUrl(url);
  if (safe === null) return mdText(text);
  // Angle-bracket destinations allow spaces; escape the characters that could end or break them.
  const destination = safe.replace(/[<>\s()]/g, (ch) => encodeURIComponent(ch));
  return `[${mdText(text)}](${destination})`;
}

const ICON: Record<Severity, string> = { error: '🔴', warning: '🟠', info: '🔵' };
const plural = (n: number, word: string) =>
  n === 1 ? `${n} ${word}` : `${n} ${/[^aeiou]y$/.test(word) ? `${word.slice(0, -1)}ies` : `${word}s`}`;

function counts(findings: readonly Finding[]) {
  const c = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) c[finding.severity]++;
  return c;
}

function countsText(c: { error: number; warning: number; info: number }): string {
  return (
    [
      c.error ? plural(c.error, 'error') : '',
      c.warning ? plural(c.warning, 'warning') : '',
      c.info ? `${c.info} info` : '',
    ]
      .filter(Boolean)
      .join(', ') || 'no findings'
  );
}

const pct = (value: number | undefined) =>
  value === undefined || !Number.isFinite(value) ? '—' : `${Math.round(value * 100)}%`;

interface ArticleGroup {
  path: string;
  title: string | null;
  findings: Finding[];
  score: number;
}

function groupByArticle(report: Report): ArticleGroup[] {
  const titles = new Map(report.documents.map((doc) => [doc.path, doc.title]));
  const groups = new Map<string, ArticleGroup>();
  for (const finding of report.findings) {
    let group = groups.get(finding.path);
    if (!group) {
      group = { path: finding.path, title: titles.get(finding.path) ?? null, findings: [], score: 0 };
      groups.set(finding.path, group);
    }
    group.findings.push(finding);
    group.score += finding.severity === 'error' ? 10_000 : finding.severity === 'warning' ? 100 : 1;
  }
  // Worst first (so a cut keeps what matters), then path.
  return [...groups.values()].sort((a, b) => b.score - a.score || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function findingRow(finding: Finding): string {
  let message = mdText(finding.message);
  if (finding.evidence) message += `<br>Evidence: “${mdText(finding.evidence, 160)}”`;
  if (finding.suggestion) message += `<br>💡 ${mdText(finding.suggestion, 200)}`;
  const severity = `${ICON[finding.severity]} ${finding.severity}${finding.baseline ? ' (baseline)' : ''}`;
  return `| ${finding.line}:${finding.column} | ${severity} | ${mdText(finding.ruleId, 60)} | ${message} |\n`;
}

const TABLE_HEAD = '| Line | Severity | Rule | Message |\n| ---: | --- | --- | --- |\n';

export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const maxBytes = Math.max(500, options.maxBytes ?? DEFAULT_MARKDOWN_MAX_BYTES);
  const htmlReport = options.htmlReport ?? 'audit.html';
  const total = report.findings.length;
  const groups = groupByArticle(report);
  const header = headerSection(report);
  const optional = [
    countsSection(report, options.rulesBaseUrl),
    worstSection(groups),
    duplicatesSection(report),
    claimsSection(report),
  ];
  const footer = footerSection(report);

  // ---- findings per article, filling what the budget leaves ----
  const CUT_RESERVE = 260; // room for the "N more findings" line
  const fixedBytes = () =>
    bytes(header) + optional.reduce((sum, part) => sum + bytes(part), 0) + bytes(footer) + CUT_RESERVE;
  // If the fixed sections alone do not fit, drop them from the least to the most important.
  for (const index of [1, 3, 2, 0]) if (fixedBytes() + 200 > maxBytes) optional[index] = '';
  const findings = findingsSection(groups, maxBytes - fixedBytes());
  let cut = '';
  if (findings.shown < total) {
    const more = total - findings.shown;
    cut =
      `> [!NOTE]\n> **${more} more finding${more === 1 ? '' : 's'} in the HTML report** ` +
      `(${mdLink(htmlReport, htmlReport)}); this summary is limited to ${maxBytes.toLocaleString('en-US')} bytes.\n\n`;
  }
  const out = header + optional[0] + optional[1] + findings.text + cut + optional[2] + optional[3] + footer;
  return out;
}

/** Passed or failed, with the counts (always shown). */
function headerSection(report: Report): string {
  const { summary } = report;
  let header =
    `## ${summary.passed ? '✅ Content audit passed' : '❌ Content audit failed'}\n\n` +
    `**${plural(report.findings.length, 'finding')}** (${countsText(counts(report.findings))}) in ` +
    `${plural(summary.documents, 'document')}`;
  if (summary.baseline) header += `, ${summary.baseline} known in the baseline`;
  header += ` · fail-on: ${mdText(summary.failOn)}\n\n`;
  return header;
}

/** Counts by rule and severity, most severe first, with a total row ('' without findings). */
function countsSection(report: Report, rulesBaseUrl: string | undefined): string {
  const byRule = new Map<string, { error: number; warning: number; info: number }>();
  for (const finding of report.findings) {
    const row = byRule.get(finding.ruleId) ?? { error: 0, warning: 0, info: 0 };
    row[finding.severity]++;
    byRule.set(finding.ruleId, row);
  }
  if (!byRule.size) return '';
  const all = counts(report.findings);
  let countsTable = '| Rule | 🔴 Errors | 🟠 Warnings | 🔵 Info | Total |\n| --- | ---: | ---: | ---: | ---: |\n';
  const rows = [...byRule.entries()].sort(
    ([a, x], [b, y]) => y.error - x.error || y.warning - x.warning || y.info - x.info || (a < b ? -1 : a > b ? 1 : 0),
  );
  for (const [rule, c] of rows) {
    countsTable +=
      `| ${mdLink(rule, ruleDocsUrl(rule, report.tool.version, rulesBaseUrl))} | ${c.error} ` +
      `| ${c.warning} | ${c.info} | ${c.error + c.warning + c.info} |\n`;
  }
  countsTable +=
    `| **Total** | **${all.error}** | **${all.warning}** | **${all.info}** ` + `| **${report.findings.length}** |\n\n`;
  return countsTable;
}

/** The articles with the most problems ('' unless more than one article has findings). */
function worstSection(groups: ArticleGroup[]): string {
  if (groups.length <= 1) return '';
  let worst = `### Articles with the most problems\n\n| Article | 🔴 | 🟠 | 🔵 |\n| --- | ---: | ---: | ---: |\n`;
  for (const group of groups.slice(0, TOP_WORST)) {
    const c = counts(group.findings);
    const name = group.title
      ? `${mdText(group.title, 80)}<br><sub>${mdText(group.path, 120)}</sub>`
      : mdText(group.path, 120);
    worst += `| ${name} | ${c.error} | ${c.warning} | ${c.info} |\n`;
  }
  return `${worst}\n`;
}

/** Duplicate pairs, copied passages and the share found elsewhere (articles by title and path). */
function duplicatesSection(report: Report): string {
  // Reference articles of --compare-with are named by their titles too.
  const allTitles = new Map([...(report.references ?? []), ...report.documents].map((doc) => [doc.path, doc.title]));
  const articleName = (path: string) => {
    const title = allTitles.get(path);
    return title ? `${mdText(title, 80)}<br><sub>${mdText(path, 120)}</sub>` : mdText(path, 120);
  };
  let dups = '';
  const pairs = [...report.duplicates.pairs].sort(
    (a, b) => b.similarity - a.similarity || (a.a < b.a ? -1 : a.a > b.a ? 1 : a.b < b.b ? -1 : a.b > b.b ? 1 : 0),
  );
  if (pairs.length) {
    dups +=
      `### Duplicate pairs ` +
      `(${pairs.length > TOP_PAIRS ? `top ${TOP_PAIRS} of ${pairs.length}` : pairs.length})\n\n| Similarity | Kind | ` +
      `Article A | Article B | Jaccard | Cosine | Shared passages |\n| ---: | --- | --- | --- | ---: | ---: | ---: ` +
      `|\n`;
    for (const pair of pairs.slice(0, TOP_PAIRS)) {
      dups +=
        `| **${pct(pair.similarity)}** | ${mdText(pair.kind)} | ${articleName(pair.a)} ` +
        `| ${articleName(pair.b)} | ${pct(pair.jaccard)} | ${pct(pair.cosine)} | ${pair.shared.length} |\n`;
    }
    if (report.duplicates.clusters.length)
      dups +=
        `\n${plural(report.duplicates.clusters.length, 'duplicate cluster')}; largest ` +
        `has ${Math.max(...report.duplicates.clusters.map((c) => c.length))} articles.\n`;
    dups += '\n';
  }
  const copied = [...(report.duplicates.copied ?? [])].sort(
    (a, b) =>
      Math.max(b.shareA, b.shareB) - Math.max(a.shareA, a.shareB) ||
      (a.a < b.a ? -1 : a.a > b.a ? 1 : a.b < b.b ? -1 : 1),
  );
  if (copied.length) {
    dups +=
      `### Copied passages ` +
      `(${copied.length > TOP_PAIRS ? `top ${TOP_PAIRS} of ${copied.length}` : copied.length})\n\n| Article A | ` +
      `Share of A | Article B | Share of B | Passages |\n| --- | ---: | --- | ---: | ---: |\n`;
    for (const c of copied.slice(0, TOP_PAIRS))
      dups +=
        `| ${articleName(c.a)} | ${pct(c.shareA)} | ${articleName(c.b)} | ${pct(c.shareB)} ` +
        `| ${c.passages.length} |\n`;
    dups += '\n';
  }
  const elsewhere = report.duplicates.foundElsewhere;
  if (elsewhere && elsewhere.share > 0)
    dups += `${pct(elsewhere.share)} of the corpus's words are also found in another article.\n\n`;
  return dups;
}

/** Conflicting claims, side by side with the differing values marked (reports/conflict-view.ts). */
function claimsSection(report: Report): string {
  const conflicts = report.claims.conflicts;
  if (!conflicts.length) return '';
  let claims =
    `### Conflicting claims ` +
    `(${conflicts.length > TOP_CONFLICTS ? `top ${TOP_CONFLICTS} of ${conflicts.length}` : conflicts.length})\n\n`;
  for (const conflict of conflicts.slice(0, TOP_CONFLICTS)) claims += conflictMarkdown(conflict, mdText);
  return claims;
}

/** The legend of invisible-character marks (when used) and the tool line. */
function footerSection(report: Report): string {
  const legend = needsLegend(report) ? `<sub>${INVISIBLE_LEGEND}</sub>\n\n` : '';
  return (
    `${legend}<sub>${mdText(report.tool.name)} ${mdText(report.tool.version)} · report schema ` +
    `v${report.schemaVersion}${report.generatedAt ? ` · ${mdText(report.generatedAt)}` : ''}</sub>\n`
  );
}

/**
 * Findings per article, worst article first, in collapsible blocks, as many as fit in `budget` bytes (an article
 * cut short keeps the rows that fit); `shown` is how many findings it holds.
 */
function findingsSection(groups: ArticleGroup[], budget: number): { text: string; shown: number } {
  let findingsPart = '';
  let shown = 0;
  const heading = '### Findings by article\n\n';
  if (!groups.length || bytes(heading) > budget) return { text: findingsPart, shown };
  findingsPart += heading;
  budget -= bytes(heading);
  outer: for (const group of groups) {
    const c = counts(group.findings);
    const name = group.title
      ? `<b>${mdHtml(group.title, 120)}</b> — ${mdHtml(group.path, 160)}`
      : `<b>${mdHtml(group.path, 160)}</b>`;
    const open =
      `<details${group === groups[0] ? ' open' : ''}>\n<summary>${name} ` +
      `· ${countsText(c)}</summary>\n\n${TABLE_HEAD}`;
    const close = '\n</details>\n\n';
    if (bytes(open) + bytes(close) + 200 > budget) break;
    let block = open;
    let rows = 0;
    for (const finding of group.findings) {
      const row = findingRow(finding);
      if (bytes(block) + bytes(row) + bytes(close) > budget) {
        if (rows) {
          block += close;
          findingsPart += block;
          budget -= bytes(block);
          shown += rows;
        }
        break outer;
      }
      block += row;
      rows++;
    }
    block += close;
    findingsPart += block;
    budget -= bytes(block);
    shown += rows;
  }
  return { text: findingsPart, shown };
}
