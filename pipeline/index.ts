// audit(): the stage list, in order. The only module that knows the order of the stages.
import path from 'node:path';
import { configuredSeverity, resolveConfig, ruleOptions, type ResolvedConfig } from './config.js';
import { existsSync, statSync } from 'node:fs';
import { baselineKeys, BASELINE_FILE_NAME, markBaselineFindings, readBaseline, updatedBaseline, writeBaseline, applyBaselineToReport, type BaselineFile } from './baseline.js';
import { AuditCache, DEFAULT_CACHE_DIR, stableHash, type CacheStats, type RuleResultStore } from './cache.js';
import { ConfigError } from './config.js';
import { loadConfig } from './config-file.js';
import { atLeast, compareFindings, fingerprintAll } from './findings.js';
import { changedSince } from './git.js';
import { createAccept } from './ignore.js';
import { discover, loadFile, UsageError, type LoadOptions } from './load.js';
import { normaliseMany } from './parallel.js';
import { documentRules, ruleIds } from './rules.js';
import { applySuppressions } from './suppressions.js';
import type { CorpusStage, DocumentMemo } from './stage.js';
import { claimsStage, type UndecidedPair } from './stages/claims/index.js';
import { applyVerifiedConflicts, claimVerifierFor, verifyUndecided, type ClaimVerifier, type VerificationStats } from './stages/claims/verifier.js';
import { duplicationStage } from './stages/duplication/index.js';
import type { Article, ClaimsReport, DuplicatesReport, Finding, FindingDraft, Report, SourceFile } from './types.js';
import { TOOL_VERSION } from './version.js';

export type * from './types.js';
export { resolveConfig, ConfigError } from './config.js';
export { loadConfig, findConfigFile } from './config-file.js';
export { UsageError } from './load.js';
export { articleFromText } from './article.js';
export type { BaselineFile, BaselineEntry } from './baseline.js';
export type { CacheStats } from './cache.js';
export { httpVerifier } from './stages/claims/verifier.js';
export type { ClaimVerifier, HttpClaimVerifier, HttpVerifierOptions, Verdict, VerifierPair, VerificationStats } from './stages/claims/verifier.js';

export interface AuditOptions {
  /** Files, folders or globs to audit; default `corpus`. */
  paths?: string[];
  /** Reference corpus: the audited files are compared against these, but only findings about audited files are reported. */
  compareWith?: string[];
  cwd?: string;
  /** Raw config object (validated) or an already resolved config. */
  config?: unknown;
  /**
   * Read a config file like the CLI does: true = discover content-audit.config.* / package.json upward from cwd,
   * a string = that file. Ignored when `config` is given. Default: no file is read.
   */
  configFile?: boolean | string;
  failOn?: ResolvedConfig['failOn'];
  /** Add generatedAt to the report (off by default so reports are byte-identical across runs). */
  timestamp?: boolean;
  /** Progress callback (documents loaded so far, total). */
  onProgress?: (stage: string, done: number, total: number) => void;
  signal?: AbortSignal;
  /**
   * Audit only the files changed since this git ref (added, modified, renamed, untracked); the rest of `paths`
   * is still loaded as the reference corpus. Composes with compareWith.
   */
  changedSince?: string;
  /**
   * Baseline: a file path (relative to cwd) or the parsed file. Findings in it get `baseline: true` and do not fail
   * the run. Default: none (the CLI defaults to content-audit.baseline.json in cwd when present).
   */
  baseline?: string | BaselineFile | false;
  /** Rewrite the baseline file (the `baseline` path, default content-audit.baseline.json) from this run's findings. */
  updateBaseline?: boolean;
  /** Incremental cache of per-document work: true = `.content-audit-cache/` under cwd. Off unless asked. */
  cache?: boolean | { dir?: string; onWarning?: (message: string) => void };
  /** gitignore-syntax file of paths to leave out; default `.content-auditignore` in cwd; false = none. */
  ignoreFile?: string | false;
  /**
   * Verifier for the claim pairs the rules cannot decide (docs/claims.md, *Verifier*); wins over the config's
   * `rules['claim-conflict'].verifier`. Default: none (no verifier, no network).
   */
  claimVerifier?: ClaimVerifier;
}

/** What a run produced besides the report (for the CLI's messages). */
export interface AuditDetails {
  report: Report;
  cache: CacheStats | null;
  /** Absolute path of the baseline file written by updateBaseline. */
  baselineWritten: string | null;
  /** Files changed since the ref, when changedSince was given (relative paths of the audited ones). */
  changed: string[] | null;
  /** Input files left out by include/exclude/.content-auditignore. */
  ignored: string[];
  /** What the claim verifier did; null when none was configured. */
  verifier: VerificationStats | null;
}

export interface CorpusInput {
  articles: Article[];
  /** Paths of the articles whose findings are reported; null = all. */
  focus: ReadonlySet<string> | null;
  /** Findings from loading (unreadable-file, invalid-encoding). */
  loadFindings: FindingDraft[];
  /** Paths that could not be loaded at all. */
  unreadable: string[];
  /** Cached per-rule results (preloaded; no I/O during the audit). Newly computed results are recorded into it. */
  ruleResults?: RuleResultStore;
  /** Per-document memo for corpus stages (claim extraction), when the cache is on. */
  memo?: DocumentMemo;
  /** Input files left out by include/exclude/.content-auditignore (relative paths). */
  ignored?: string[];
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

const toPosix = (p: string) => p.split(path.sep).join('/');

/** I/O part: discover and load the corpus. With a cache, unchanged documents are not normalised again. */
export async function loadCorpus(options: AuditOptions, config: ResolvedConfig, cache?: AuditCache | null): Promise<CorpusInput> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const filter = await createAccept({ cwd, include: config.include, exclude: config.exclude, ignoreFile: options.ignoreFile });
  const leftOut: string[] = [];
  const accept = filter
    ? (relative: string) => {
        const ok = filter(relative);
        if (!ok) leftOut.push(relative);
        return ok;
      }
    : undefined;
  const loadOptions: LoadOptions = { cwd, maxFileBytes: config.maxFileBytes, ...(accept ? { accept } : {}) };
  const inputs = options.paths?.length ? options.paths : config.include.length ? config.include : ['corpus'];
  const targets = await discover(inputs, loadOptions);
  const ignored = [...leftOut];
  const reference = options.compareWith?.length ? await discover(options.compareWith, loadOptions) : { files: [], findings: [] };
  if (targets.files.length === 0 && targets.findings.length === 0) {
    // Files named one by one (a pre-commit hook, lint-staged) that are all excluded: nothing to do, not an error.
    const namedFiles = inputs.every((input) => {
      try {
        return statSync(path.resolve(cwd, input)).isFile();
      } catch {
        return false;
      }
    });
    if (ignored.length && namedFiles) return { articles: [], focus: new Set(), loadFindings: [], unreadable: [], ignored };
    if (reference.files.length === 0) {
      const note = ignored.length ? ` ${ignored.length} file${ignored.length === 1 ? ' was' : 's were'} left out by include/exclude/.content-auditignore.` : '';
      throw new UsageError(`No article files found in ${inputs.join(', ')} (looked for .md, .markdown, .mdx, .txt).${note}`);
    }
  }
  let focusFiles = targets.files;
  let targetFindings = targets.findings;
  if (options.changedSince !== undefined) {
    const changed = new Set((await changedSince(options.changedSince, cwd)).files);
    focusFiles = targets.files.filter((file) => changed.has(file));
    const focusRel = new Set(focusFiles.map((file) => toPosix(path.relative(cwd, file))));
    // Load problems of unchanged files are not this change's problem.
    targetFindings = targets.findings.filter((finding) => focusRel.has(finding.path));
    if (focusFiles.length === 0) return { articles: [], focus: new Set(), loadFindings: [], unreadable: [] };
  }
  const focusSet = new Set(focusFiles);
  const targetSet = new Set(targets.files);
  const extraReference = reference.files.filter((file) => !targetSet.has(file));
  // Reference = compareWith files, plus (with --changed-since) the unchanged part of the corpus. Order stays stable:
  // the corpus in path order, then the extra reference files.
  const referenceFiles = [...targets.files.filter((file) => !focusSet.has(file)), ...extraReference];
  const all = [...targets.files, ...extraReference];
  const loaded = await loadAll(all, loadOptions, options.signal, (done) => options.onProgress?.('load', done, all.length));
  // Cache hits first; the misses are normalised together (on worker threads when there are many).
  const slots: (Article | undefined)[] = loaded.sources.map((source) => cache?.getArticle(source) ?? undefined);
  const missing = loaded.sources.filter((_, i) => !slots[i]);
  const fresh = await normaliseMany(missing, { signal: options.signal, progress: (done, total) => options.onProgress?.('normalise', done, total) });
  for (let i = 0, k = 0; i < slots.length; i++) {
    if (slots[i]) continue;
    slots[i] = fresh[k++];
    cache?.putArticle(slots[i]!);
  }
  const articles = slots as Article[];
  const focused = options.compareWith?.length || options.changedSince !== undefined;
  const focus = focused ? new Set(focusFiles.map((file) => toPosix(path.relative(cwd, file)))) : null;
  const referencePaths = new Set(referenceFiles.map((file) => toPosix(path.relative(cwd, file))));
  // With --changed-since, the unchanged files of the corpus are only reference: their load problems are not this change's.
  const unchanged = options.changedSince !== undefined
    ? new Set(targets.files.filter((file) => !focusSet.has(file)).map((file) => toPosix(path.relative(cwd, file))))
    : new Set<string>();
  // Load problems of reference files are not the audited change's problem, but they are still reported (info).
  const loadFindings = [...targetFindings, ...reference.findings, ...loaded.findings]
    .filter((finding) => !unchanged.has(finding.path))
    .map((finding) => (referencePaths.has(finding.path) ? { ...finding, severity: 'info' as const } : finding));
  const unreadable = focus ? loaded.unreadable.filter((p) => focus.has(p)) : loaded.unreadable;
  const input: CorpusInput = { articles, focus, loadFindings, unreadable, ...(ignored.length ? { ignored } : {}) };
  if (cache?.enabled) {
    // Every article: reference articles need their stage memos (claim extraction) too.
    cache.preloadRuleResults(articles);
    input.ruleResults = cache;
    input.memo = cache.memo;
  }
  return input;
}

function runCorpusStage<S extends CorpusStage<unknown>>(stage: S, articles: readonly Article[], config: ResolvedConfig, focus: ReadonlySet<string> | null, memo?: DocumentMemo) {
  const options: Record<string, Record<string, unknown>> = {};
  for (const id of stage.ruleIds) options[id] = ruleOptions(config, id, stage.defaults[id] ?? {});
  return stage.run(articles, { options, focus, ...(memo ? { memo } : {}) }) as ReturnType<S['run']>;
}

/** Cache key of one rule's per-document results: its id, options and (when it has one) its prepared corpus data. */
function ruleCacheKey(ruleId: string, options: unknown, prepared: unknown, hasPrepare: boolean): string | null {
  try {
    return stableHash([ruleId, options, hasPrepare ? stableHash(prepared) : null]);
  } catch {
    return null; // not hashable (functions, cycles): do not cache this rule
  }
}

export interface AuditArticlesOptions extends Pick<AuditOptions, 'timestamp' | 'onProgress'> {
  /** Baseline keys (baselineKeys()): matching findings get `baseline: true` and do not fail the run. */
  baseline?: ReadonlySet<string>;
}

/** Pure core: articles in, report out. */
export function auditArticles(input: CorpusInput, config: ResolvedConfig, options: AuditArticlesOptions = {}): Report {
  return finishReport(input, config, collectDrafts(input, config, options), options);
}

/** What the rules and stages found, before severities, suppressions, sorting and fingerprints. */
interface CollectedDrafts {
  drafts: FindingDraft[];
  duplicates: DuplicatesReport;
  claims: ClaimsReport;
  /** Claim pairs the rules could not decide (input of the optional verifier). */
  undecided: UndecidedPair[];
}

/** First half of auditArticles (pure): run the rules and the corpus stages. */
function collectDrafts(input: CorpusInput, config: ResolvedConfig, options: AuditArticlesOptions): CollectedDrafts {
  const { articles, focus } = input;
  const drafts: FindingDraft[] = [...input.loadFindings];
  const focusArticles = focus ? articles.filter((article) => focus.has(article.path)) : articles;
  for (const article of focusArticles) drafts.push(...article.issues);

  const store = input.ruleResults;
  for (const rule of documentRules) {
    if (configuredSeverity(config, rule.id) === 'off') continue;
    const ruleOpts = ruleOptions(config, rule.id, rule.defaults);
    const prepared = rule.prepare ? rule.prepare(articles, ruleOpts) : undefined;
    const key = store ? ruleCacheKey(rule.id, ruleOpts, prepared, !!rule.prepare) : null;
    for (const article of focusArticles) {
      const cached = key ? store!.get(article.path, article.source.sha256, rule.id, key) : undefined;
      if (cached) {
        drafts.push(...cached);
        continue;
      }
      const produced = rule.check(article, { options: ruleOpts, prepared });
      if (key) store!.set(article.path, article.source.sha256, rule.id, key, produced);
      drafts.push(...produced);
    }
  }
  options.onProgress?.('rules', articles.length, articles.length);

  const duplication = runCorpusStage(duplicationStage, articles, config, focus, input.memo);
  drafts.push(...duplication.findings);
  options.onProgress?.('duplication', articles.length, articles.length);
  const claims = runCorpusStage(claimsStage, articles, config, focus, input.memo);
  drafts.push(...claims.findings);
  options.onProgress?.('claims', articles.length, articles.length);
  // (A stage swapped in by a test may not return undecided pairs.)
  return { drafts, duplicates: duplication.result, claims: claims.result, undecided: claims.undecided ?? [] };
}

/** Second half of auditArticles (pure): severities, suppressions, sort, fingerprints, baseline, summary. */
function finishReport(input: CorpusInput, config: ResolvedConfig, collected: CollectedDrafts, options: AuditArticlesOptions): Report {
  const { articles, focus } = input;
  const { drafts } = collected;
  // Configured severities win over the stage's own; 'off' drops the finding.
  const kept: FindingDraft[] = [];
  for (const draft of drafts) {
    const severity = configuredSeverity(config, draft.ruleId);
    if (severity === 'off') continue;
    kept.push(severity ? { ...draft, severity } : draft);
  }
  // Inline suppressions (comments, front matter) in the finding's own file; unused ones become findings.
  const suppression = applySuppressions(kept, articles, {
    focus,
    isOff: (id) => configuredSeverity(config, id) === 'off',
    knownRuleIds: ruleIds,
  });
  const unusedSeverity = configuredSeverity(config, 'unused-suppression');
  const remaining = suppression.kept;
  if (unusedSeverity !== 'off') for (const unused of suppression.unused) remaining.push(unusedSeverity ? { ...unused, severity: unusedSeverity } : unused);
  remaining.sort(compareFindings);
  const findings: Finding[] = markBaselineFindings(fingerprintAll(remaining), options.baseline ?? new Set());
  return buildReport(input, findings, collected.duplicates, collected.claims, config, options.timestamp === true);
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

/** Rule ids in the config that the tool does not know are a configuration error (exit 2 in the CLI). */
export function checkRuleIds(config: ResolvedConfig): void {
  const unknown = Object.keys(config.rules).filter((id) => !ruleIds.has(id));
  if (unknown.length) {
    throw new ConfigError(
      `Invalid configuration${config.file ? ` in ${config.file}` : ''}:\n${unknown.map((id) => `  rules.${id}: unknown rule id (expected one of: ${[...ruleIds].join(', ')})`).join('\n')}`,
      config.file,
    );
  }
}

async function resolveBaseline(options: AuditOptions, cwd: string): Promise<{ file: string | null; data: BaselineFile | null }> {
  const setting = options.baseline;
  if (setting === false || (setting === undefined && !options.updateBaseline)) return { file: null, data: null };
  if (setting && typeof setting === 'object') return { file: null, data: setting };
  const file = path.resolve(cwd, setting ?? BASELINE_FILE_NAME);
  // A missing baseline is fine when we are about to write it.
  const data = options.updateBaseline && !existsSync(file) ? null : await readBaseline(file);
  return { file, data };
}

/** audit() plus what the CLI reports about the run (cache statistics, baseline written, changed files). */
export async function auditWithDetails(options: AuditOptions = {}): Promise<AuditDetails> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const config = isResolved(options.config)
    ? options.config
    : options.config === undefined && options.configFile
      ? await loadConfig(cwd, options.configFile === true ? undefined : options.configFile)
      : resolveConfig(options.config ?? {});
  checkRuleIds(config);
  const effective = options.failOn ? { ...config, failOn: options.failOn } : config;
  const verifier = claimVerifierFor(effective, options.claimVerifier);
  const baseline = await resolveBaseline(options, cwd);
  if (options.updateBaseline && options.baseline && typeof options.baseline === 'object') {
    throw new UsageError('updateBaseline needs baseline to be a file path (or unset for content-audit.baseline.json).');
  }
  const cacheSetting = options.cache;
  const cache = cacheSetting
    ? AuditCache.open(path.resolve(cwd, (typeof cacheSetting === 'object' && cacheSetting.dir) || DEFAULT_CACHE_DIR), {
        onWarning: typeof cacheSetting === 'object' ? cacheSetting.onWarning : undefined,
      })
    : null;
  try {
    const input = await loadCorpus({ ...options, cwd }, effective, cache);
    const keys = baseline.data && !options.updateBaseline ? baselineKeys(baseline.data) : new Set<string>();
    const auditOptions: AuditArticlesOptions = { timestamp: options.timestamp, onProgress: options.onProgress, baseline: keys };
    let report: Report;
    let verification: VerificationStats | null = null;
    if (verifier) {
      // auditArticles in two halves with the (async) verification of the undecided claim pairs in between.
      const collected = collectDrafts(input, effective, auditOptions);
      const run = await verifyUndecided(collected.undecided, verifier, {
        focus: input.focus,
        signal: options.signal,
        onProgress: (done, total) => options.onProgress?.('verify', done, total),
      });
      if (options.signal?.aborted) throw options.signal.reason ?? new Error('aborted');
      verification = run.stats;
      const verified = applyVerifiedConflicts(collected, run.conflicts, effective, input.focus);
      report = finishReport(input, effective, { ...collected, ...verified }, auditOptions);
    } else {
      report = auditArticles(input, effective, auditOptions);
    }
    cache?.flush();
    let baselineWritten: string | null = null;
    if (options.updateBaseline) {
      const file = baseline.file ?? path.resolve(cwd, BASELINE_FILE_NAME);
      const next = updatedBaseline(baseline.data, report);
      await writeBaseline(file, next);
      baselineWritten = file;
      report = applyBaselineToReport(report, baselineKeys(next));
    }
    const changed = options.changedSince !== undefined ? [...(input.focus ?? [])].sort() : null;
    return { report, cache: cache ? cache.stats : null, baselineWritten, changed, ignored: input.ignored ?? [], verifier: verification };
  } finally {
    cache?.close();
  }
}

/** Audit files on disk and return the report (the same object the JSON format prints). */
export async function audit(options: AuditOptions = {}): Promise<Report> {
  return (await auditWithDetails(options)).report;
}
