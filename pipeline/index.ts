// audit(): the stage list, in order. The only module that knows the order of the stages.
import path from 'node:path';
import { configuredSeverity, resolveConfig, ruleOptions, type ResolvedConfig } from './config.js';
import { atLeast, compareFindings, fingerprintAll } from './findings.js';
import { discover, loadFile, UsageError, type LoadOptions } from './load.js';
import { normalise } from './normalise.js';
import { documentRules } from './rules.js';
import type { CorpusStage } from './stage.js';
import { claimsStage } from './stages/claims/index.js';
import { duplicationStage } from './stages/duplication/index.js';
import type { Article, ClaimsReport, DuplicatesReport, Finding, FindingDraft, Report, SourceFile } from './types.js';
import { TOOL_VERSION } from './version.js';

export type * from './types.js';
export { resolveConfig, ConfigError } from './config.js';
export { UsageError } from './load.js';
export { articleFromText } from './article.js';

export interface AuditOptions {
  /** Files, folders or globs to audit; default `corpus`. */
  paths?: string[];
  /** Reference corpus: the audited files are compared against these, but only findings about audited files are reported. */
  compareWith?: string[];
  cwd?: string;
  /** Raw config object (validated) or an already resolved config. */
  config?: unknown;
  failOn?: ResolvedConfig['failOn'];
  /** Add generatedAt to the report (off by default so reports are byte-identical across runs). */
  timestamp?: boolean;
  /** Progress callback (documents loaded so far, total). */
  onProgress?: (stage: string, done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface CorpusInput {
  articles: Article[];
  /** Paths of the articles whose findings are reported; null = all. */
  focus: ReadonlySet<string> | null;
  /** Findings from loading (unreadable-file, invalid-encoding). */
  loadFindings: FindingDraft[];
  /** Paths that could not be loaded at all. */
  unreadable: string[];
}

function isResolved(config: unknown): config is ResolvedConfig {
  return !!config && typeof config === 'object' && 'maxFileBytes' in config && 'rules' in config && 'file' in config;
}

async function loadAll(files: string[], options: LoadOptions, signal?: AbortSignal, progress?: (done: number) => void) {
  const sources: SourceFile[] = [];
  const findings: FindingDraft[] = [];
  const unreadable: string[] = [];
  // Bounded parallel reads keep file handles in check on huge corpora.
  const limit = 64;
  let next = 0;
  const results: { source?: SourceFile; findings: FindingDraft[]; file: string }[] = new Array(files.length);
  async function worker() {
    while (next < files.length) {
      if (signal?.aborted) throw signal.reason ?? new Error('aborted');
      const index = next++;
      results[index] = { ...(await loadFile(files[index], options)), file: files[index] };
      progress?.(index + 1);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, files.length) }, worker));
  for (const result of results) {
    if (result.source) sources.push(result.source);
    else unreadable.push(path.relative(options.cwd, result.file).split(path.sep).join('/'));
    findings.push(...result.findings);
  }
  return { sources, findings, unreadable };
}

/** I/O part: discover and load the corpus. */
export async function loadCorpus(options: AuditOptions, config: ResolvedConfig): Promise<CorpusInput> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const loadOptions: LoadOptions = { cwd, maxFileBytes: config.maxFileBytes };
  const targets = await discover(options.paths?.length ? options.paths : ['corpus'], loadOptions);
  const reference = options.compareWith?.length ? await discover(options.compareWith, loadOptions) : { files: [], findings: [] };
  const targetSet = new Set(targets.files);
  const referenceFiles = reference.files.filter((file) => !targetSet.has(file));
  const all = [...targets.files, ...referenceFiles];
  if (all.length === 0 && targets.findings.length === 0) {
    throw new UsageError(`No article files found in ${(options.paths?.length ? options.paths : ['corpus']).join(', ')} (looked for .md, .markdown, .mdx, .txt).`);
  }
  const loaded = await loadAll(all, loadOptions, options.signal, (done) => options.onProgress?.('load', done, all.length));
  const articles: Article[] = [];
  for (let i = 0; i < loaded.sources.length; i++) {
    if (options.signal?.aborted) throw options.signal.reason ?? new Error('aborted');
    articles.push(normalise(loaded.sources[i]));
    if (i % 200 === 0) options.onProgress?.('normalise', i + 1, loaded.sources.length);
  }
  const focus = options.compareWith?.length
    ? new Set(targets.files.map((file) => path.relative(cwd, file).split(path.sep).join('/')))
    : null;
  const referencePaths = new Set(referenceFiles.map((file) => path.relative(cwd, file).split(path.sep).join('/')));
  // Load problems of reference files are not the audited change's problem, but they are still reported (info).
  const loadFindings = [...targets.findings, ...reference.findings, ...loaded.findings].map((finding) =>
    referencePaths.has(finding.path) ? { ...finding, severity: 'info' as const } : finding,
  );
  return { articles, focus, loadFindings, unreadable: loaded.unreadable };
}

function runCorpusStage<R>(stage: CorpusStage<R>, articles: readonly Article[], config: ResolvedConfig, focus: ReadonlySet<string> | null) {
  const options: Record<string, Record<string, unknown>> = {};
  for (const id of stage.ruleIds) options[id] = ruleOptions(config, id, stage.defaults[id] ?? {});
  return stage.run(articles, { options, focus });
}

/** Pure core: articles in, report out. */
export function auditArticles(input: CorpusInput, config: ResolvedConfig, options: Pick<AuditOptions, 'timestamp' | 'onProgress'> = {}): Report {
  const { articles, focus } = input;
  const drafts: FindingDraft[] = [...input.loadFindings];
  const focusArticles = focus ? articles.filter((article) => focus.has(article.path)) : articles;
  for (const article of focusArticles) drafts.push(...article.issues);

  for (const rule of documentRules) {
    if (configuredSeverity(config, rule.id) === 'off') continue;
    const ruleOpts = ruleOptions(config, rule.id, rule.defaults);
    const prepared = rule.prepare ? rule.prepare(articles, ruleOpts) : undefined;
    for (const article of focusArticles) drafts.push(...rule.check(article, { options: ruleOpts, prepared }));
  }
  options.onProgress?.('rules', articles.length, articles.length);

  const duplication = runCorpusStage<DuplicatesReport>(duplicationStage, articles, config, focus);
  drafts.push(...duplication.findings);
  options.onProgress?.('duplication', articles.length, articles.length);
  const claims = runCorpusStage<ClaimsReport>(claimsStage, articles, config, focus);
  drafts.push(...claims.findings);
  options.onProgress?.('claims', articles.length, articles.length);

  // Configured severities win over the stage's own; 'off' drops the finding.
  const kept: FindingDraft[] = [];
  for (const draft of drafts) {
    const severity = configuredSeverity(config, draft.ruleId);
    if (severity === 'off') continue;
    kept.push(severity ? { ...draft, severity } : draft);
  }
  kept.sort(compareFindings);
  const findings: Finding[] = fingerprintAll(kept);
  return buildReport(input, findings, duplication.result, claims.result, config, options.timestamp === true);
}

export function buildReport(
  input: CorpusInput,
  findings: Finding[],
  duplicates: DuplicatesReport,
  claims: ClaimsReport,
  config: ResolvedConfig,
  timestamp: boolean,
): Report {
  const byRule: Record<string, number> = {};
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let baseline = 0;
  let failing = false;
  for (const finding of findings) {
    byRule[finding.ruleId] = (byRule[finding.ruleId] ?? 0) + 1;
    if (finding.severity === 'error') errors++;
    else if (finding.severity === 'warning') warnings++;
    else infos++;
    if (finding.baseline) baseline++;
    else if (atLeast(finding.severity, config.failOn)) failing = true;
  }
  const sortedByRule = Object.fromEntries(Object.entries(byRule).sort(([a], [b]) => (a < b ? -1 : 1)));
  const { focus } = input;
  const documents = input.articles
    .filter((article) => !focus || focus.has(article.path))
    .map((article) => ({ path: article.path, title: article.title, words: article.words, sha256: article.source.sha256 }));
  for (const unreadable of input.unreadable) {
    if (!documents.some((doc) => doc.path === unreadable)) documents.push({ path: unreadable, title: null, words: 0, sha256: '0'.repeat(64) });
  }
  documents.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const report: Report = {
    schemaVersion: 1,
    tool: { name: 'content-audit', version: TOOL_VERSION },
    summary: { documents: documents.length, errors, warnings, infos, byRule: sortedByRule, passed: !failing, failOn: config.failOn, ...(baseline ? { baseline } : {}) },
    documents,
    findings,
    duplicates,
    claims,
  };
  if (timestamp) report.generatedAt = new Date().toISOString();
  return report;
}

/** Audit files on disk and return the report (the same object the JSON format prints). */
export async function audit(options: AuditOptions = {}): Promise<Report> {
  const config = isResolved(options.config) ? options.config : resolveConfig(options.config ?? {});
  const effective = options.failOn ? { ...config, failOn: options.failOn } : config;
  const input = await loadCorpus(options, effective);
  return auditArticles(input, effective, options);
}
