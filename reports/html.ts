// HTML: one self-contained, offline, printable page. Handlebars templates are compiled once, from files shipped
// in the package (reports/templates/) — never from content. Every value reaches the page through {{ }} (escaped)
// or through helpers in html-escape.ts / html-svg.ts that build markup only from escaped pieces.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { SEVERITY_RANK } from '../pipeline/findings.js';
import { allRules } from '../pipeline/rules.js';
import type { ClaimConflict, DocumentSummary, Finding, Report, Severity } from '../pipeline/types.js';
import { conflictHtmlModel } from './conflict-view.js';
import {
  docId,
  escapeVisible,
  findingId,
  highlightEvidence,
  highlightHtml,
  highlightSharedWords,
  hrefFor,
  pairId,
  visibleMessage,
} from './html-escape.js';
import { barSvg, pct, scaleSvg, similarityPicture } from './html-svg.js';
import { ruleDocsUrl } from './rule-docs.js';

export interface HtmlOptions {
  /** Findings drawn in full (the rest are counted, and are in the JSON/SARIF reports). */
  maxFindings?: number;
  maxPairs?: number;
  /** Base URL of the rule docs (see SarifOptions.rulesBaseUrl). */
  rulesBaseUrl?: string;
}

const LIMITS = { findings: 5_000, pairs: 200, passagesPerPair: 12, conflicts: 300, entities: 300, cleanArticles: 400 };

/** The templates folder: next to this file in the source tree, or at <package>/reports/templates from dist/. */
function templatesDir(): string {
  const candidates = [new URL('./templates/', import.meta.url), new URL('../../reports/templates/', import.meta.url)];
  for (const candidate of candidates) {
    const dir = fileURLToPath(candidate);
    if (existsSync(`${dir}report.hbs`)) return dir;
  }
  throw new Error('content-audit: HTML templates not found (reports/templates/report.hbs is missing from the package)');
}

interface Compiled {
  template: Handlebars.TemplateDelegate;
  css: string;
  js: string;
  cspHashes: { style: string; script: string };
}

let compiled: Compiled | null = null;

function sha256Base64(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

function compile(): Compiled {
  if (compiled) return compiled;
  const dir = templatesDir();
  const hbs = Handlebars.create();
  // Helpers only format numbers or compare; any markup comes from SafeStrings built in TS from escaped pieces.
  hbs.registerHelper('plural', (n: number, word: string) => plural(n, word));
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hbs.registerHelper('gt', (a: number, b: number) => a > b);
  hbs.registerHelper('num', (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '0'));
  for (const name of ['finding', 'article', 'conflict'])
    hbs.registerPartial(name, readFileSync(`${dir}${name}.hbs`, 'utf8'));
  const template = hbs.compile(readFileSync(`${dir}report.hbs`, 'utf8'), { strict: false, preventIndent: true });
  const css = readFileSync(`${dir}report.css`, 'utf8');
  const js = readFileSync(`${dir}report.js`, 'utf8');
  if (/<\/(style|script)/i.test(css + js))
    throw new Error('template assets must not contain closing style/script tags');
  compiled = { template, css, js, cspHashes: { style: sha256Base64(css), script: sha256Base64(js) } };
  return compiled;
}

/** "1 entity", "15 entities", "2 pairs": the count and a word that says what it counts. */
export function plural(n: number, word: string): string {
  if (n === 1) return `${n} ${word}`;
  const plurals = /[^aeiou]y$/i.test(word)
    ? `${word.slice(0, -1)}ies`
    : /(s|x|ch|sh)$/i.test(word)
      ? `${word}es`
      : `${word}s`;
  return `${n} ${plurals}`;
}

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];
const SEVERITY_LABEL: Record<Severity, string> = { error: 'Error', warning: 'Warning', info: 'Info' };
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const TITLE_MAX = 110;

/**
 * The title to show: the article's (shortened at a word boundary when it is really a first paragraph), else the file
 * name.
 */
function displayTitle(doc: { title: string | null; path: string }): string {
  // Ordinary white space folds; no-break and invisible characters stay, so a heading can show them as marks.
  const title = doc.title?.replace(/[ \t\n\r\f\v]+/g, ' ').trim();
  if (!title) return doc.path.split('/').pop() || doc.path;
  const chars = [...title];
  if (chars.length <= TITLE_MAX) return title;
  const cut = chars.slice(0, TITLE_MAX).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > TITLE_MAX * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, '')}…`;
}

function countBySeverity(findings: readonly Finding[]) {
  const c = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) c[finding.severity]++;
  return c;
}

function location(f: { line: number; column: number; endLine: number; endColumn: number }): string {
  if (f.endLine > f.line) return `${f.line}–${f.endLine}`;
  return `${f.line}:${f.column}`;
}

type Counts = { error: number; warning: number; info: number };
type Limits = typeof LIMITS;

/** What every part of the view reads: the report's articles by path, their titles, and the drawing limits. */
interface ViewContext {
  docs: Map<string, DocumentSummary>;
  /** Findings grouped by article, in report order (path, line, column). */
  byPath: Map<string, Finding[]>;
  titleOf: (path: string) => string;
  version: string;
  rulesBaseUrl: string | undefined;
  limits: Limits;
}

export function buildView(report: Report, options: HtmlOptions = {}) {
  const docs = new Map<string, DocumentSummary>(report.documents.map((doc) => [doc.path, doc]));
  // Reference articles (--compare-with) are shown by their titles too.
  const titles = new Map<string, string>(
    [...(report.references ?? []), ...docs.values()].map((doc) => [doc.path, displayTitle(doc)]),
  );
  const ctx: ViewContext = {
    docs,
    byPath: groupByPath(report.findings),
    titleOf: (path: string) => titles.get(path) ?? displayTitle({ title: null, path }),
    version: report.tool.version,
    rulesBaseUrl: options.rulesBaseUrl,
    limits: viewLimits(options),
  };
  const total = report.findings.length;
  const totals = countBySeverity(report.findings);
  const words = report.documents.reduce((sum, doc) => sum + (doc.words || 0), 0);
  const articlePaths = [...new Set([...report.documents.map((doc) => doc.path), ...ctx.byPath.keys()])].sort(cmp);
  const { articles, drawn } = articleViews(report, articlePaths, ctx);
  const cleanAll = articlePaths.filter((path) => !ctx.byPath.has(path));
  const clean = cleanAll
    .slice(0, ctx.limits.cleanArticles)
    .map((path) => ({ anchor: docId(path), title: ctx.titleOf(path), path, words: docs.get(path)?.words ?? 0 }));
  const pairs = pairViews(report, ctx);
  const { conflicts, entities, corroborated, singleSource } = claimViews(report, ctx);
  const failOn = report.summary.failOn;

  return {
    tool: report.tool,
    schemaVersion: report.schemaVersion,
    generatedAt: report.generatedAt ?? null,
    passed: report.summary.passed,
    failOn,
    failing: failingCount(report),
    baseline: report.summary.baseline ?? 0,
    documents: report.summary.documents,
    words,
    total,
    totals,
    severities: SEVERITIES.map((id) => ({ id, label: SEVERITY_LABEL[id], count: totals[id] })),
    rules: ruleViews(report.findings, ctx),
    worst: worstArticles(articles),
    similarity: similarityPicture(report, titles),
    scale: scaleSvg(),
    articles,
    articlesWithFindings: articles.length,
    hiddenFindings: Math.max(0, total - drawn),
    clean,
    cleanCount: cleanAll.length,
    cleanMore: Math.max(0, cleanAll.length - clean.length),
    pairs,
    pairCount: report.duplicates.pairs.length,
    pairsMore: Math.max(0, report.duplicates.pairs.length - pairs.length),
    nearDuplicates: report.duplicates.pairs.filter((p) => p.kind === 'near-duplicate').length,
    similarPairs: report.duplicates.pairs.filter((p) => p.kind !== 'near-duplicate').length,
    copiedCount: report.duplicates.copied?.length ?? 0,
    foundElsewhereShare: report.duplicates.foundElsewhere?.share
      ? `${Math.round(report.duplicates.foundElsewhere.share * 1000) / 10}%`
      : null,
    clusterCount: report.duplicates.clusters.length,
    conflicts,
    conflictCount: report.claims.conflicts.length,
    conflictsMore: Math.max(0, report.claims.conflicts.length - conflicts.length),
    entities,
    entityCount: report.claims.entities.length,
    entitiesMore: Math.max(0, report.claims.entities.length - entities.length),
    corroborated,
    singleSource,
  };
}

/** The default drawing limits, with the caller's maxFindings / maxPairs where given. */
function viewLimits(options: HtmlOptions): Limits {
  return {
    ...LIMITS,
    ...(options.maxFindings !== undefined ? { findings: options.maxFindings } : {}),
    ...(options.maxPairs !== undefined ? { pairs: options.maxPairs } : {}),
  };
}

/** Findings grouped by article, each group in report order. */
function groupByPath(findings: readonly Finding[]): Map<string, Finding[]> {
  const byPath = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = byPath.get(finding.path) ?? [];
    list.push(finding);
    byPath.set(finding.path, list);
  }
  return byPath;
}

/** Findings that fail the run: not in the baseline, at or above --fail-on. */
function failingCount(report: Report): number {
  const failOn = report.summary.failOn;
  return report.findings.filter(
    (f) => !f.baseline && failOn !== 'never' && SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn],
  ).length;
}

/** Rules table: every rule that fired, with counts per severity, most severe first. */
function ruleViews(findings: readonly Finding[], ctx: ViewContext) {
  const ruleMeta = new Map(allRules.map((rule) => [rule.id, rule]));
  const ruleRows = new Map<string, Counts>();
  for (const finding of findings) {
    const row = ruleRows.get(finding.ruleId) ?? { error: 0, warning: 0, info: 0 };
    row[finding.severity]++;
    ruleRows.set(finding.ruleId, row);
  }
  const maxRule = Math.max(1, ...[...ruleRows.values()].map((r) => r.error + r.warning + r.info));
  return [...ruleRows.entries()]
    .sort(([a, x], [b, y]) => y.error - x.error || y.warning - x.warning || y.info - x.info || cmp(a, b))
    .map(([id, c]) => {
      const count = c.error + c.warning + c.info;
      const worstSeverity: Severity = c.error ? 'error' : c.warning ? 'warning' : 'info';
      const description = ruleMeta.get(id)?.description;
      return {
        id,
        count,
        error: c.error,
        warning: c.warning,
        info: c.info,
        severity: worstSeverity,
        description: description ?? '',
        href: hrefFor(ruleDocsUrl(id, ctx.version, ctx.rulesBaseUrl)),
        bar: barSvg(count / maxRule, worstSeverity),
      };
    });
}

/**
 * Articles with findings, in path order, each with its findings drawn until the findings limit is used up;
 * `drawn` is how many were drawn in all.
 */
function articleViews(report: Report, articlePaths: string[], ctx: ViewContext) {
  const { docs, byPath, titleOf, limits } = ctx;
  // Share of each article's words that other articles contain too (duplication stage; absent from older reports).
  const foundElsewhere = new Map(
    (report.duplicates.foundElsewhere?.documents ?? []).map((d) => [d.path, `${Math.round(d.share * 100)}%`]),
  );
  const usedIds = new Set<string>();
  const score = (c: Counts) => c.error * 10_000 + c.warning * 100 + c.info;
  let drawn = 0;
  const articles = articlePaths
    .filter((path) => byPath.has(path))
    .map((path) => {
      const findings = [...(byPath.get(path) ?? [])].sort((a, b) => a.line - b.line || a.column - b.column);
      const c = countBySeverity(findings);
      const visible = findings.slice(0, Math.max(0, limits.findings - drawn));
      drawn += visible.length;
      const doc = docs.get(path);
      return {
        anchor: docId(path),
        title: titleOf(path),
        titleHtml: new Handlebars.SafeString(escapeVisible(titleOf(path))),
        fullTitle: doc?.title ?? null,
        path,
        words: doc?.words ?? 0,
        encoding: doc?.encoding,
        foundElsewhere: foundElsewhere.get(path) ?? null,
        counts: c,
        score: score(c),
        total: findings.length,
        hidden: findings.length - visible.length,
        findings: visible.map((finding) =>
          findingView(finding, uniqueId(usedIds, findingId(finding.fingerprint)), ctx),
        ),
      };
    });
  return { articles, drawn };
}

/** `id`, or `id-2`, `id-3`… when already used on the page; records the one returned. */
function uniqueId(usedIds: Set<string>, id: string): string {
  let candidate = id;
  for (let i = 2; usedIds.has(candidate); i++) candidate = `${id}-${i}`;
  usedIds.add(candidate);
  return candidate;
}

function findingView(finding: Finding, anchor: string, ctx: ViewContext) {
  return {
    anchor,
    ruleId: finding.ruleId,
    severity: finding.severity,
    severityLabel: SEVERITY_LABEL[finding.severity],
    location: location(finding),
    line: finding.line,
    message: visibleMessage(finding.message),
    evidence: finding.evidence ? highlightEvidence(finding.evidence, finding.message) : null,
    suggestion: finding.suggestion ?? null,
    baseline: !!finding.baseline,
    fingerprint: finding.fingerprint,
    ruleHref: hrefFor(ruleDocsUrl(finding.ruleId, ctx.version, ctx.rulesBaseUrl)),
    related: (finding.related ?? []).map((r) => ({
      path: r.path,
      line: r.line,
      column: r.column,
      message: r.message,
      anchor: ctx.byPath.has(r.path) || ctx.docs.has(r.path) ? docId(r.path) : null,
    })),
  };
}

/** The overview: the eight articles with the worst findings, with a bar scaled to the most findings. */
function worstArticles(articles: ReturnType<typeof articleViews>['articles']) {
  const maxTotal = Math.max(1, ...articles.map((x) => x.total));
  return [...articles]
    .sort((a, b) => b.score - a.score || cmp(a.path, b.path))
    .slice(0, 8)
    .map((article) => ({
      anchor: article.anchor,
      title: article.title,
      path: article.path,
      counts: article.counts,
      total: article.total,
      bar: barSvg(
        article.total / maxTotal,
        article.counts.error ? 'error' : article.counts.warning ? 'warning' : 'info',
      ),
    }));
}

/** Duplicates: pairs by similarity (desc), then paths, up to the pairs limit, each with its shared passages. */
function pairViews(report: Report, ctx: ViewContext) {
  const { titleOf, limits } = ctx;
  const pairsSorted = [...report.duplicates.pairs].sort(
    (x, y) => y.similarity - x.similarity || cmp(x.a, y.a) || cmp(x.b, y.b),
  );
  return pairsSorted.slice(0, limits.pairs).map((pair) => ({
    anchor: pairId(pair.a, pair.b),
    kind: pair.kind,
    kindLabel: pair.kind === 'near-duplicate' ? 'Near-duplicate' : 'Similar content',
    similarity: pct(pair.similarity),
    bar: barSvg(pair.similarity, 'sim', 160),
    a: { path: pair.a, title: titleOf(pair.a), anchor: docId(pair.a), coverage: pct(pair.coverageA) },
    b: { path: pair.b, title: titleOf(pair.b), anchor: docId(pair.b), coverage: pct(pair.coverageB) },
    metrics: [
      { label: 'Jaccard', value: pct(pair.jaccard) },
      { label: 'Containment', value: pct(pair.containment) },
      { label: 'Cosine', value: pct(pair.cosine) },
    ].filter((m) => m.value !== '—'),
    shared: pair.shared.slice(0, limits.passagesPerPair).map((passage) => {
      const textB = passage.textB ?? passage.text;
      return {
        aLines: passage.a.endLine > passage.a.line ? `${passage.a.line}–${passage.a.endLine}` : `${passage.a.line}`,
        bLines: passage.b.endLine > passage.b.line ? `${passage.b.line}–${passage.b.endLine}` : `${passage.b.line}`,
        aHtml: highlightSharedWords(passage.text, textB),
        bHtml: highlightSharedWords(textB, passage.text),
        score: passage.score === undefined ? null : pct(passage.score),
      };
    }),
    sharedTotal: pair.shared.length,
    sharedMore: Math.max(0, pair.shared.length - limits.passagesPerPair),
  }));
}

/** Claims: conflicts side by side, entities with their facts and sources, and how many facts have one source. */
function claimViews(report: Report, ctx: ViewContext) {
  const { titleOf, limits } = ctx;
  const conflicts = report.claims.conflicts.slice(0, limits.conflicts).map((conflict) => ({
    subject: conflict.subject,
    attribute: conflict.attribute,
    versions: conflict.values.length,
    // Side by side, the differing values marked; every piece escaped in conflict-view.ts or by {{ }}.
    ...sideBySide(conflict, titleOf),
  }));
  const entities = report.claims.entities.slice(0, limits.entities).map((entity) => ({
    name: entity.name,
    aliases: entity.aliases,
    facts: entity.facts.map((fact) => {
      const sourceCount = new Set(fact.sources.map((s) => s.path)).size;
      return {
        attribute: fact.attribute,
        value: fact.value,
        corroborated: sourceCount > 1,
        sourceCount,
        sources: fact.sources.map((s) => ({
          path: s.path,
          title: titleOf(s.path),
          line: s.line,
          anchor: docId(s.path),
        })),
      };
    }),
  }));
  const corroborated = entities.reduce((n, e) => n + e.facts.filter((f) => f.corroborated).length, 0);
  const singleSource = entities.reduce((n, e) => n + e.facts.filter((f) => !f.corroborated).length, 0);
  return { conflicts, entities, corroborated, singleSource };
}

export function renderHtml(report: Report, options: HtmlOptions = {}): string {
  const { template, css, js, cspHashes } = compile();
  const view = buildView(report, options);
  const csp = [
    "default-src 'none'",
    `style-src 'sha256-${cspHashes.style}'`,
    `script-src 'sha256-${cspHashes.script}'`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const html = template({ ...view, csp, css: new Handlebars.SafeString(css), js: new Handlebars.SafeString(js) });
  // Handlebars' {{ }} escapes the HTML-significant characters; also neutralise what it leaves alone: U+2028/U+2029
  // (become entities, so the page can be pasted into scripts) and C0/C1 controls (invalid in HTML). Our own CSS/JS
  // contain none of these, so this only ever touches content.
  return (
    html
      .replace(/[\u2028\u2029]/g, (ch) => `&#x${ch.charCodeAt(0).toString(16)};`)
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '\ufffd')
  );
}

// Re-exported for tests and other reporters.
export { escapeVisible };

/** The side-by-side conflict model with each side's article title and anchor (templates/conflict.hbs). */
function sideBySide(conflict: ClaimConflict, titleOf: (path: string) => string) {
  const model = conflictHtmlModel(conflict);
  return {
    summary: model.summary,
    sidesMore: model.sidesMore,
    sides: model.sides.map((side) => ({
      ...side,
      title: titleOf(side.path),
      anchor: docId(side.path),
      sentenceHtml: new Handlebars.SafeString(side.sentenceHtml),
    })),
  };
}
