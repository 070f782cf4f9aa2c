// audit(): the pipeline's steps, in order (docs/architecture.md). The only module that knows their order.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  baselineKeys,
  BASELINE_FILE_NAME,
  markBaselineFindings,
  readBaseline,
  updatedBaseline,
  writeBaseline,
  applyBaselineToReport,
  type BaselineFile,
} from './baseline.js';
import { AuditCache, DEFAULT_CACHE_DIR, type CacheProbe, type CacheStats } from './cache.js';
import { configuredSeverity, resolveConfig, type ResolvedConfig } from './config.js';
import { loadConfig } from './config-file.js';
import { digestArticle, digestPlan, type DigestPlan, type DocumentDigest } from './digest.js';
import { consistentClaims, consistentDuplicates } from './consistency.js';
import { atLeast, compareFindings, fingerprintAll } from './findings.js';
import { changedSince } from './git.js';
import { createAccept } from './ignore.js';
import {
  buildSource,
  discover,
  readBytes,
  relativePath,
  sourceOf,
  statKeyOf,
  unreadableFinding,
  UsageError,
  type LoadOptions,
} from './load.js';
import { normalise } from './normalise.js';
import { DigestPool, type DigestOutcome } from './parallel.js';
import { reconcileOverlaps } from './overlaps.js';
import { ruleIds } from './rules.js';
import { runAudit } from './run-thread.js';
import { ruleIdsOf, validateRules, type Registry } from './registry.js';
import { stampStageDrafts, withConfiguredSeverity } from './stamp.js';
import { applySuppressions } from './suppressions.js';
import { claimVerifierFor, type ClaimVerifier, type VerificationStats } from './stages/claims/verifier.js';
import type { CorpusStage, StageOutput, StageSettleContext } from './stage.js';
import { checkArticle } from './rule.js';
import type {
  Article,
  ClaimsReport,
  DocumentSummary,
  DuplicatesReport,
  Finding,
  FindingDraft,
  Report,
  SourceFile,
} from './types.js';
import { TOOL_VERSION } from './version.js';

export type * from './types.js';
export { resolveConfig, ConfigError } from './config.js';
export { loadConfig, findConfigFile } from './config-file.js';
export { UsageError } from './load.js';
export { articleFromText } from './article.js';
export type { BaselineFile, BaselineEntry } from './baseline.js';
export type { CacheStats } from './cache.js';
export { httpVerifier } from './stages/claims/verifier.js';
export { defineRule, type DocumentRule, type RuleMeta } from './rule.js';
export { defaultRegistry, registeredRules, withRules, type Registry, type RegisteredRule } from './registry.js';
export type {
  ClaimVerifier,
  HttpClaimVerifier,
  HttpVerifierOptions,
  Verdict,
  VerifierPair,
  VerificationStats,
} from './stages/claims/verifier.js';

export interface AuditOptions {
  /**
   * Files, folders or globs to audit; default: the config's `include` globs, else the working folder (skipping
   * node_modules, VCS, dot and build folders: DEFAULT_SKIPPED_FOLDERS).
   */
  paths?: string[];
  /**
   * Reference corpus: the audited files are compared against these, but only findings about audited files are reported.
   */
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
  /**
   * Progress callback: the audit's step ('digest', 'rules', a corpus stage's name, 'verify'), documents done,
   * total.
   */
  onProgress?: (step: string, done: number, total: number) => void;
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
  /**
   * Incremental cache of per-document work: true = `.content-audit-cache/` under cwd. Off unless asked.
   * `strategy`: how an unchanged file is recognised — 'metadata' (default: size, times and inode as recorded when it
   * was last read, falling back to its content hash when they differ) or 'content' (always read and hash it).
   */
  cache?: boolean | { dir?: string; strategy?: CacheStrategy; onWarning?: (message: string) => void };
  /** gitignore-syntax file of paths to leave out; default `.content-auditignore` in cwd; false = none. */
  ignoreFile?: string | false;
  /**
   * Verifier for the claim pairs the rules cannot decide (docs/claims.md, *Verifier*); wins over the config's
   * `rules['claim-conflict'].verifier`. Default: none (no verifier, no network).
   */
  claimVerifier?: ClaimVerifier;
  /**
   * The rules and stages to run (pipeline/registry.ts): default the built-in ones; `withRules([myRule])` adds a
   * document rule. A registry other than the default digests in this thread (rules do not cross to worker threads).
   */
  registry?: Registry;
  /**
   * Per-file time budget support (the CLI's watchdog, pipeline/heartbeat.ts): shared slots where the audit says which
   * file it is processing, and files (relative paths) an earlier attempt had to stop on, reported as not audited.
   */
  heartbeat?: SharedArrayBuffer;
  runaway?: string[];
}

export type CacheStrategy = 'metadata' | 'content';

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

/** An in-memory corpus (tests, the API): articles already normalised. */
export interface CorpusInput {
  articles: Article[];
  /** Paths of the articles whose findings are reported; null = all. */
  focus: ReadonlySet<string> | null;
  /** Findings from loading (unreadable-file, invalid-encoding). */
  loadDrafts: FindingDraft[];
  /** Paths that could not be loaded at all. */
  unreadable: string[];
  /** Input files left out by include/exclude/.content-auditignore (relative paths). */
  ignored?: string[];
}

/** A loaded corpus as the audit holds it: one digest per document, the articles themselves only on demand. */
export interface DigestInput extends Omit<CorpusInput, 'articles'> {
  /** Digests in corpus order (the audited files in path order, then the extra reference files). */
  documents: DocumentDigest[];
  /** The full Article of a document again (re-read and normalised; for evidence and corpus-dependent re-checks). */
  articleFor: (path: string) => Article;
}

/** A file changed or vanished while it was being audited (the report would point at text that is no longer there). */
export class CorpusChangedError extends UsageError {}

function isResolved(config: unknown): config is ResolvedConfig {
  return !!config && typeof config === 'object' && 'maxFileBytes' in config && 'rules' in config && 'file' in config;
}

const toPosix = (p: string) => p.split(path.sep).join('/');

/** Documents per worker batch (also the reader's step). */
const BATCH = 200;

interface DigestedFiles {
  documents: DocumentDigest[];
  findings: FindingDraft[];
  unreadable: string[];
}

/** A file to digest on a worker: its decoded source, what loading it found, and its cache key. */
interface Miss {
  index: number;
  source: SourceFile;
  loadDrafts: FindingDraft[];
  stat: string | null;
}

/** What the reader of each batch needs, and the per-file results it fills in (by index in `files`). */
interface DigestRun {
  files: string[];
  loadOptions: LoadOptions;
  config: ResolvedConfig;
  plan: DigestPlan;
  cache: AuditCache | null | undefined;
  stageNames: string[];
  /** Files the watchdog stopped in an earlier attempt (relative paths). */
  runaway: Set<string>;
  /** Recognise unchanged files by their metadata (cache strategy 'metadata'), not only by their bytes. */
  byMetadata: boolean;
  slots: (DocumentDigest | undefined)[];
  findings: FindingDraft[][];
}

/**
 * Read, decode, normalise and digest `files` as a stream: a batch is read, cache hits are taken, the misses go to the
 * worker pool, and only digests are kept — never more than a few batches of source text or Articles at a time.
 */
async function digestFiles(
  files: string[],
  loadOptions: LoadOptions,
  config: ResolvedConfig,
  plan: DigestPlan,
  cache: AuditCache | null | undefined,
  options: AuditOptions,
): Promise<DigestedFiles> {
  const run: DigestRun = {
    files,
    loadOptions,
    config,
    plan,
    cache,
    stageNames: plan.stages.map((stage) => stage.name),
    runaway: new Set(options.runaway ?? []),
    byMetadata: !!cache && !(typeof options.cache === 'object' && options.cache.strategy === 'content'),
    slots: new Array(files.length),
    findings: new Array(files.length),
  };
  const pool = new DigestPool(config, {
    expected: files.length,
    heartbeat: options.heartbeat,
    ...(options.registry ? { plan } : {}),
  });
  let failure: unknown = null;
  let done = 0;
  const settle = (count: number) => {
    done += count;
    options.onProgress?.('digest', done, files.length);
  };
  const running: Promise<void>[] = [];
  // An interrupt stops the workers at once; the batches in flight are rejected, not waited for.
  const stop = () => void pool.close();
  options.signal?.addEventListener('abort', stop, { once: true });
  try {
    for (let start = 0; start < files.length && failure === null; start += BATCH) {
      if (options.signal?.aborted) throw options.signal.reason ?? new Error('aborted');
      const { misses, ready } = readBatch(run, start, Math.min(files.length, start + BATCH));
      settle(ready);
      if (misses.length === 0) continue;
      // Back-pressure: at most two batches per thread queued, so the reader never runs far ahead of the workers.
      await pool.room(pool.threads * 2);
      running.push(
        pool.digest(misses.map((miss) => miss.source)).then(
          (outcomes) => {
            takeOutcomes(run, misses, outcomes);
            settle(outcomes.length);
          },
          (error: unknown) => {
            failure ??= error;
          },
        ),
      );
    }
    await Promise.all(running);
  } finally {
    options.signal?.removeEventListener('abort', stop);
    await pool.close();
  }
  if (options.signal?.aborted) throw options.signal.reason ?? new Error('aborted');
  if (failure !== null) throw failure;
  const documents: DocumentDigest[] = [];
  const unreadable: string[] = [];
  files.forEach((file, index) => {
    const digest = run.slots[index];
    if (digest) documents.push(digest);
    else unreadable.push(relativePath(loadOptions.cwd, file));
  });
  return { documents, findings: run.findings.flat(), unreadable };
}

/**
 * Files [start, end): each settled here (stopped by the watchdog, a cache hit, unreadable) or, decoded, a miss for
 * the workers. `ready` counts the settled ones.
 */
function readBatch(run: DigestRun, start: number, end: number): { misses: Miss[]; ready: number } {
  const { files, loadOptions, cache, plan, slots, findings } = run;
  const misses: Miss[] = [];
  let ready = 0; // settled without a worker (cache hits, unreadable files)
  // Unchanged files are recognised without decoding them: by their metadata without reading them (strategy
  // 'metadata'), else by the SHA-256 of their bytes.
  const probes: CacheProbe[] = [];
  for (let index = start; index < end; index++) {
    probes.push({
      path: relativePath(loadOptions.cwd, files[index]),
      stat: run.byMetadata ? statKeyOf(files[index], loadOptions.maxFileBytes) : null,
    });
  }
  const probed = cache ? cache.probe(probes, plan.key, run.stageNames) : null;
  for (let index = start; index < end; index++) {
    if (run.runaway.has(probes[index - start].path)) {
      findings[index] = [runawayFinding(probes[index - start].path, run.config.maxFileSeconds)];
      ready++;
      continue;
    }
    const hit = probed?.digests[index - start];
    if (hit) {
      slots[index] = hit;
      findings[index] = hit.loadDrafts;
      ready++;
      continue;
    }
    const read = readBytes(files[index], loadOptions);
    findings[index] = read.findings;
    if (!read.bytes) {
      ready++;
      continue;
    }
    const cached =
      cache && probed
        ? cache.byContent(
            probed.rows.get(read.rel),
            read.rel,
            read.sha256!,
            read.stat ?? null,
            plan.key,
            run.stageNames,
          )
        : undefined;
    if (cached) {
      slots[index] = cached;
      findings[index] = cached.loadDrafts;
      ready++;
      continue;
    }
    const loaded = sourceOf(read.rel, files[index], read.bytes, loadOptions);
    findings[index] = loaded.findings;
    if (loaded.source)
      misses.push({ index, source: loaded.source, loadDrafts: loaded.findings, stat: read.stat ?? null });
    else ready++;
  }
  return { misses, ready };
}

/** A batch's worker outcomes: each digest into its slot (and the cache), each failure as an unreadable-file finding. */
function takeOutcomes(run: DigestRun, misses: Miss[], outcomes: DigestOutcome[]): void {
  outcomes.forEach((outcome, k) => {
    const { index, source, loadDrafts, stat } = misses[k];
    if ('digest' in outcome) {
      outcome.digest.loadDrafts = loadDrafts;
      run.slots[index] = outcome.digest;
      run.cache?.putDigest(outcome.digest, run.plan.key, stat);
    } else {
      run.findings[index].push(
        unreadableFinding(source.path, `it could not be processed (internal error: ${outcome.error})`),
      );
    }
  });
}

/** A file the watchdog stopped: over the per-file time budget. */
function runawayFinding(relative: string, seconds: number): FindingDraft {
  return unreadableFinding(
    relative,
    `it was still being processed after ${seconds} s, the per-file time budget (option maxFileSeconds); see ` +
      `docs/robustness.md`,
  );
}

/** articleFor() of a loaded corpus: the file again, checked against the digest's content hash. */
function rereader(files: ReadonlyMap<string, { absolute: string; sha256: string }>): (path: string) => Article {
  return (relative) => {
    const entry = files.get(relative);
    if (!entry) throw new Error(`articleFor: ${relative} is not part of this audit`);
    let bytes: Buffer;
    try {
      bytes = readFileSync(entry.absolute);
    } catch (error) {
      throw new CorpusChangedError(
        `${relative} could not be read again during the audit ` +
          `(${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); run the audit again.`,
      );
    }
    const { source } = buildSource(relative, entry.absolute, bytes);
    if (!source || source.sha256 !== entry.sha256)
      throw new CorpusChangedError(`${relative} changed while it was being audited; run the audit again.`);
    return normalise(source);
  };
}

/**
 * Build output folders left out when no paths are given and the config has no `include` (besides node_modules, VCS and
 * dot folders, which are never walked).
 */
export const DEFAULT_SKIPPED_FOLDERS: ReadonlySet<string> = new Set([
  'dist',
  'build',
  'out',
  'coverage',
  'target',
  '_site',
]);

/** The accept filter: with no paths given, build folders are not part of the audit (and not "left out" either). */
function defaultAccept(
  wholeFolder: boolean,
  accept: ((relative: string) => boolean) | undefined,
): (relative: string) => boolean {
  if (!wholeFolder) return accept!;
  return (relative) =>
    !relative
      .split('/')
      .slice(0, -1)
      .some((segment) => DEFAULT_SKIPPED_FOLDERS.has(segment)) && (accept ? accept(relative) : true);
}

/** Where to look and what to accept: the inputs, the load options, and the list of files the filter leaves out. */
async function loadScope(options: AuditOptions, config: ResolvedConfig, cwd: string) {
  const filter = await createAccept({
    cwd,
    include: config.include,
    exclude: config.exclude,
    ignoreFile: options.ignoreFile,
  });
  const leftOut: string[] = [];
  const accept = filter
    ? (relative: string) => {
        const ok = filter(relative);
        if (!ok) leftOut.push(relative);
        return ok;
      }
    : undefined;
  const inputs = options.paths?.length ? options.paths : config.include.length ? config.include : ['.'];
  const wholeFolder = !options.paths?.length && !config.include.length;
  const loadOptions: LoadOptions = {
    cwd,
    maxFileBytes: config.maxFileBytes,
    ...(accept || wholeFolder ? { accept: defaultAccept(wholeFolder, accept) } : {}),
  };
  return { inputs, loadOptions, leftOut };
}

/**
 * No article among the targets: true (an empty audit) when the inputs are files named one by one that were all left
 * out (a pre-commit hook, lint-staged); a usage error when there is no reference either; false to go on.
 */
function nothingToAudit(inputs: readonly string[], cwd: string, ignored: readonly string[], references: number) {
  const namedFiles = inputs.every((input) => {
    try {
      return statSync(path.resolve(cwd, input)).isFile();
    } catch {
      return false;
    }
  });
  if (ignored.length && namedFiles) return true;
  if (references > 0) return false;
  const note = ignored.length
    ? ` ${ignored.length} file${ignored.length === 1 ? ' was' : 's were'} left out by ` +
      'include/exclude/.content-auditignore.'
    : '';
  throw new UsageError(
    `No article files found in ${inputs.join(', ')} (looked for .md, .markdown, .mdx, .txt).${note}`,
  );
}

type Discovered = Awaited<ReturnType<typeof discover>>;

/** The files audited as the change (all targets, or with --changed-since the changed ones) and their load problems. */
async function focusOfChange(options: AuditOptions, targets: Discovered, cwd: string) {
  if (options.changedSince === undefined) return { focusFiles: targets.files, targetDrafts: targets.findings };
  const changed = new Set((await changedSince(options.changedSince, cwd)).files);
  const focusFiles = targets.files.filter((file) => changed.has(file));
  const focusRel = new Set(focusFiles.map((file) => toPosix(path.relative(cwd, file))));
  // Load problems of unchanged files are not this change's problem.
  return { focusFiles, targetDrafts: targets.findings.filter((finding) => focusRel.has(finding.path)) };
}

/** I/O part: discover, load and digest the corpus. With a cache, unchanged documents are only read and hashed. */
export async function loadCorpus(
  options: AuditOptions,
  config: ResolvedConfig,
  cache?: AuditCache | null,
): Promise<DigestInput> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const { inputs, loadOptions, leftOut } = await loadScope(options, config, cwd);
  const empty = (extra: Partial<DigestInput> = {}): DigestInput => ({
    documents: [],
    articleFor: rereader(new Map()),
    focus: new Set(),
    loadDrafts: [],
    unreadable: [],
    ...extra,
  });
  const targets = await discover(inputs, loadOptions);
  const ignored = [...leftOut];
  const reference = options.compareWith?.length
    ? await discover(options.compareWith, loadOptions)
    : { files: [], findings: [], special: new Set<string>() };
  const noTargets = targets.files.length === 0 && targets.findings.length === 0;
  if (noTargets && nothingToAudit(inputs, cwd, ignored, reference.files.length)) return empty({ ignored });
  const { focusFiles, targetDrafts } = await focusOfChange(options, targets, cwd);
  if (options.changedSince !== undefined && focusFiles.length === 0) return empty();
  const focusSet = new Set(focusFiles);
  const targetSet = new Set(targets.files);
  const extraReference = reference.files.filter((file) => !targetSet.has(file));
  // Reference = compareWith files, plus (with --changed-since) the unchanged part of the corpus. Order stays stable:
  // the corpus in path order, then the extra reference files.
  const referenceFiles = [...targets.files.filter((file) => !focusSet.has(file)), ...extraReference];
  const all = [...targets.files, ...extraReference];
  const special = new Set([...targets.special, ...reference.special]);
  if (special.size) loadOptions.special = special;
  const digested = await digestFiles(all, loadOptions, config, digestPlan(config, options.registry), cache, options);
  const focused = options.compareWith?.length || options.changedSince !== undefined;
  const focus = focused ? new Set(focusFiles.map((file) => toPosix(path.relative(cwd, file)))) : null;
  const referencePaths = new Set(referenceFiles.map((file) => toPosix(path.relative(cwd, file))));
  // With --changed-since, the unchanged files of the corpus are only reference: their load problems are not this
  // change's.
  const unchanged =
    options.changedSince !== undefined
      ? new Set(targets.files.filter((file) => !focusSet.has(file)).map((file) => toPosix(path.relative(cwd, file))))
      : new Set<string>();
  // Load problems of reference files are not the audited change's problem, but they are still reported (info).
  const loadDrafts = [...targetDrafts, ...reference.findings, ...digested.findings]
    .filter((finding) => !unchanged.has(finding.path))
    .map((finding) => (referencePaths.has(finding.path) ? { ...finding, severity: 'info' as const } : finding));
  const unreadable = focus ? digested.unreadable.filter((p) => focus.has(p)) : digested.unreadable;
  const absoluteOf = new Map(all.map((file) => [relativePath(cwd, file), file]));
  const byPath = new Map<string, { absolute: string; sha256: string }>();
  for (const document of digested.documents)
    byPath.set(document.path, {
      absolute: absoluteOf.get(document.path) ?? path.resolve(cwd, document.path),
      sha256: document.sha256,
    });
  return {
    documents: digested.documents,
    articleFor: rereader(byPath),
    focus,
    loadDrafts,
    unreadable,
    ...(ignored.length ? { ignored } : {}),
  };
}

/** An in-memory corpus as the audit holds it (digests computed in-process; articleFor = the given articles). */
export function digestInput(input: CorpusInput, config: ResolvedConfig, registry?: Registry): DigestInput {
  const plan = digestPlan(config, registry);
  const byPath = new Map(input.articles.map((article) => [article.path, article]));
  const articleFor = (p: string) => {
    const article = byPath.get(p);
    if (!article) throw new Error(`articleFor: ${p} is not part of this audit`);
    return article;
  };
  const { articles, ...rest } = input;
  return { ...rest, documents: articles.map((article) => digestArticle(article, plan)), articleFor };
}

export interface AuditArticlesOptions extends Pick<AuditOptions, 'timestamp' | 'onProgress' | 'registry'> {
  /** Baseline keys (baselineKeys()): matching findings get `baseline: true` and do not fail the run. */
  baseline?: ReadonlySet<string>;
}

/** Pure core: articles (or digests) in, report out. Rule ids and options are validated first (ConfigError). */
export function auditArticles(
  input: CorpusInput | DigestInput,
  config: ResolvedConfig,
  options: AuditArticlesOptions = {},
): Report {
  validateRules(config, options.registry);
  const digests = 'documents' in input ? input : digestInput(input, config, options.registry);
  return finishReport(digests, config, collectDrafts(digests, config, options), options);
}

/** What the rules and stages found, before severities, suppressions, sorting and fingerprints. */
interface CollectedDrafts {
  drafts: FindingDraft[];
  duplicates: DuplicatesReport;
  claims: ClaimsReport;
}

/** A stage with an async `settle` step has run: the corpus pass waits for the output that replaces `output`. */
interface SettleRequest {
  name: string;
  stage: CorpusStage<unknown, unknown>;
  options: Record<string, Record<string, unknown>>;
  output: StageOutput<unknown>;
}

/** First half of auditArticles, synchronous: the stages' `settle` steps are skipped (their `run` output is kept). */
function collectDrafts(input: DigestInput, config: ResolvedConfig, options: AuditArticlesOptions): CollectedDrafts {
  const pass = corpusPass(input, config, options);
  let step = pass.next();
  while (!step.done) step = pass.next(step.value.output);
  return step.value;
}

/**
 * First half of an async audit: the stages' `settle` steps run (the claims stage's verifier); their statistics by
 * stage.
 */
async function collectSettledDrafts(
  input: DigestInput,
  config: ResolvedConfig,
  options: AuditArticlesOptions,
  context: Omit<StageSettleContext, 'options' | 'focus'>,
): Promise<{ collected: CollectedDrafts; stats: Map<string, unknown> }> {
  const stats = new Map<string, unknown>();
  const pass = corpusPass(input, config, options);
  let step = pass.next();
  while (!step.done) {
    const { name, stage, options: stageOptions, output } = step.value;
    const settled = await stage.settle!(output, { ...context, options: stageOptions, focus: input.focus });
    stats.set(name, settled.stats);
    step = pass.next(settled.output);
  }
  return { collected: step.value, stats };
}

/**
 * First-pass findings, the corpus-aware rules' second pass, the corpus stages. After the `run` of a stage that has a
 * `settle` step, yields its output and continues with the output it is sent back (collectDrafts sends the same).
 */
function* corpusPass(
  input: DigestInput,
  config: ResolvedConfig,
  options: AuditArticlesOptions,
): Generator<SettleRequest, CollectedDrafts, StageOutput<unknown>> {
  const { documents, focus } = input;
  const drafts: FindingDraft[] = [...input.loadDrafts];
  const focusDocuments = focus ? documents.filter((document) => focus.has(document.path)) : documents;
  for (const document of focusDocuments) drafts.push(...document.normaliseDrafts);

  const plan = digestPlan(config, options.registry);

  // The corpus stages, in the registry's order. A stage sees the pairs earlier stages related (the duplication
  // stage's pairs: versions of one article, whose facts the claims stage compares). They run before the corpus-aware
  // rules, which see those pairs too (spliced-keyword: copies of one article are not unrelated uses of a phrase); their
  // drafts still follow the rules' (the report's order before sorting is unchanged).
  const results = new Map<string, StageOutput<unknown>>();
  const stageDrafts: FindingDraft[] = [];
  let relatedPairs: readonly { a: string; b: string }[] | undefined;
  for (const { name, stage, options: stageOptions } of plan.stages) {
    const stageDocuments = documents.map((document) => ({
      path: document.path,
      words: document.words,
      features: document.features[name],
    }));
    let output = stage.run(stageDocuments, {
      options: stageOptions,
      focus,
      articleFor: input.articleFor,
      ...(relatedPairs ? { relatedPairs } : {}),
    });
    if (stage.settle) output = yield { name, stage, options: stageOptions, output };
    stageDrafts.push(...stampStageDrafts(stage, output.findings));
    results.set(name, output);
    const pairs = (output.result as { pairs?: unknown } | null)?.pairs;
    if (Array.isArray(pairs)) relatedPairs = relatedPairs ? [...relatedPairs, ...pairs] : pairs;
    options.onProgress?.(name, documents.length, documents.length);
  }

  // Corpus-aware rules: combine the partials; documents whose findings depend on the result are checked again.
  const byPath = [...documents].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const combineContext = relatedPairs ? { relatedPairs } : {};
  for (const { rule, options: ruleOpts } of plan.rules) {
    const prepared = rule.combine
      ? rule.combine(
          byPath.map((document) => ({ path: document.path, partial: document.partials[rule.id] })),
          ruleOpts,
          combineContext,
        )
      : undefined;
    for (const document of focusDocuments) {
      const again =
        rule.combine && rule.dependsOnCorpus?.(document.partials[rule.id], prepared, document.path, ruleOpts);
      drafts.push(
        ...(again
          ? checkArticle(rule, input.articleFor(document.path), { options: ruleOpts, prepared })
          : (document.ruleDrafts[rule.id] ?? [])),
      );
    }
  }
  options.onProgress?.('rules', documents.length, documents.length);
  drafts.push(...stageDrafts);

  const duplicates = (results.get('duplication')?.result as DuplicatesReport | undefined) ?? {
    pairs: [],
    clusters: [],
  };
  const claims = (results.get('claims')?.result as ClaimsReport | undefined) ?? { conflicts: [], entities: [] };
  return { drafts, duplicates, claims };
}

/** Second half of auditArticles (pure): severities, suppressions, sort, fingerprints, baseline, summary. */
function finishReport(
  input: DigestInput,
  config: ResolvedConfig,
  collected: CollectedDrafts,
  options: AuditArticlesOptions,
): Report {
  const { documents, focus } = input;
  // Findings about the same characters agree on the fix (pipeline/overlaps.ts).
  const drafts = reconcileOverlaps(collected.drafts);
  // Configured severities win over the rules' defaults; 'off' drops the finding.
  const kept = withConfiguredSeverity(drafts, config);
  // Inline suppressions (comments, front matter) in the finding's own file; unused ones become findings.
  const suppression = applySuppressions(
    kept,
    documents.flatMap((document) => (document.suppressions ? [document.suppressions] : [])),
    {
      focus,
      isOff: (id) => configuredSeverity(config, id) === 'off',
      knownRuleIds: options.registry ? ruleIdsOf(options.registry) : ruleIds,
    },
  );
  const remaining = [...suppression.kept, ...withConfiguredSeverity(suppression.unused, config)];
  remaining.sort(compareFindings);
  const findings: Finding[] = markBaselineFindings(fingerprintAll(remaining), options.baseline ?? new Set());
  // Pairs, clusters and conflicts follow their findings: off rules, suppressions and the baseline apply to them too.
  const survived = new Set(suppression.kept);
  const consistency = {
    isOff: (id: string) => configuredSeverity(config, id) === 'off',
    suppressed: kept.filter((draft) => !survived.has(draft)),
    findings,
    words: new Map(documents.map((document) => [document.path, document.words])),
  };
  const duplicates = consistentDuplicates(collected.duplicates, consistency);
  const claims = consistentClaims(collected.claims, consistency);
  return buildReport(input, findings, duplicates, claims, config, options.timestamp === true);
}

export function buildReport(
  input: Pick<DigestInput, 'documents' | 'focus' | 'unreadable'>,
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
  const documents = input.documents
    .filter((document) => !focus || focus.has(document.path))
    .map((document) => ({
      path: document.path,
      title: document.title,
      words: document.words,
      sha256: document.sha256,
    }));
  for (const unreadable of input.unreadable) {
    if (!documents.some((doc) => doc.path === unreadable))
      documents.push({ path: unreadable, title: null, words: 0, sha256: '0'.repeat(64) });
  }
  documents.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const references = referencedDocuments(input, findings, duplicates, claims);
  const report: Report = {
    schemaVersion: 1,
    tool: { name: 'content-audit', version: TOOL_VERSION },
    summary: {
      documents: documents.length,
      errors,
      warnings,
      infos,
      byRule: sortedByRule,
      passed: !failing,
      failOn: config.failOn,
      ...(duplicates.foundElsewhere ? { foundElsewhere: duplicates.foundElsewhere.share } : {}),
      // Last, as applyBaselineToReport appends it.
      ...(baseline ? { baseline } : {}),
    },
    documents,
    findings,
    duplicates,
    claims,
  };
  if (references.length) report.references = references;
  if (timestamp) report.generatedAt = new Date().toISOString();
  return report;
}

/**
 * The reference articles (compareWith, or the rest of the corpus with changedSince) that the report points at — in a
 * pair, a copied passage, a related location or a claim — with their titles, so readers see "which article", not
 * only a file name. Sorted by path; the reference articles nothing points at are left out.
 */
function referencedDocuments(
  input: Pick<DigestInput, 'documents' | 'focus'>,
  findings: Finding[],
  duplicates: DuplicatesReport,
  claims: ClaimsReport,
): DocumentSummary[] {
  const { focus } = input;
  if (!focus) return [];
  const mentioned = new Set<string>();
  for (const pair of duplicates.pairs) mentioned.add(pair.a).add(pair.b);
  for (const pair of duplicates.copied ?? []) mentioned.add(pair.a).add(pair.b);
  for (const finding of findings) for (const related of finding.related ?? []) mentioned.add(related.path);
  for (const conflict of claims.conflicts) for (const value of conflict.values) mentioned.add(value.path);
  for (const entity of claims.entities)
    for (const fact of entity.facts) for (const source of fact.sources) mentioned.add(source.path);
  return input.documents
    .filter((document) => !focus.has(document.path) && mentioned.has(document.path))
    .map((document) => ({ path: document.path, title: document.title, words: document.words, sha256: document.sha256 }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Rule ids and rule options of the config against the registry (unknown ids, unknown option names, wrong types and
 * ranges): a configuration error (exit 2 in the CLI), before any file is read.
 */
export function checkRuleIds(config: ResolvedConfig): void {
  validateRules(config);
}

async function resolveBaseline(
  options: AuditOptions,
  cwd: string,
): Promise<{ file: string | null; data: BaselineFile | null }> {
  const setting = options.baseline;
  if (setting === false || (setting === undefined && !options.updateBaseline)) return { file: null, data: null };
  if (setting && typeof setting === 'object') return { file: null, data: setting };
  const file = path.resolve(cwd, setting ?? BASELINE_FILE_NAME);
  // A missing baseline is fine when we are about to write it.
  const data = options.updateBaseline && !existsSync(file) ? null : await readBaseline(file);
  return { file, data };
}

/** The config an audit with these options runs with (`config`, else the `configFile`, else the defaults). */
export async function resolveAuditConfig(options: AuditOptions): Promise<ResolvedConfig> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  return isResolved(options.config)
    ? options.config
    : options.config === undefined && options.configFile
      ? await loadConfig(cwd, options.configFile === true ? undefined : options.configFile)
      : resolveConfig(options.config ?? {});
}

/**
 * audit() plus what the CLI reports about the run (cache statistics, baseline written, changed files). Runs on a
 * worker thread when the options can be cloned to one (pipeline/run-thread.ts): the config's per-file time budget
 * (maxFileSeconds) then applies as in the CLI, and `signal` stops the audit at once.
 */
export async function auditWithDetails(options: AuditOptions = {}): Promise<AuditDetails> {
  // Already on the audit thread (heartbeat given): run here.
  if (options.heartbeat) return auditInProcess(options);
  return runAudit(options);
}

/** The audit on the calling thread: no per-file time budget; an abort is seen between batches and stages. */
export async function auditInProcess(options: AuditOptions = {}): Promise<AuditDetails> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const config = await resolveAuditConfig(options);
  validateRules(config, options.registry);
  const effective = options.failOn ? { ...config, failOn: options.failOn } : config;
  const verifier = claimVerifierFor(effective, options.claimVerifier);
  const baseline = await resolveBaseline(options, cwd);
  if (options.updateBaseline && options.baseline && typeof options.baseline === 'object') {
    throw new UsageError('updateBaseline needs baseline to be a file path (or unset for content-audit.baseline.json).');
  }
  const cacheSetting = options.cache;
  const strategy = typeof cacheSetting === 'object' ? cacheSetting.strategy : undefined;
  if (strategy !== undefined && strategy !== 'metadata' && strategy !== 'content') {
    throw new UsageError(`cache.strategy must be 'metadata' or 'content' (got ${JSON.stringify(strategy)}).`);
  }
  const cache = cacheSetting
    ? AuditCache.open(path.resolve(cwd, (typeof cacheSetting === 'object' && cacheSetting.dir) || DEFAULT_CACHE_DIR), {
        onWarning: typeof cacheSetting === 'object' ? cacheSetting.onWarning : undefined,
      })
    : null;
  try {
    const input = await loadCorpus({ ...options, cwd }, effective, cache);
    const keys = baseline.data && !options.updateBaseline ? baselineKeys(baseline.data) : new Set<string>();
    const auditOptions: AuditArticlesOptions = {
      timestamp: options.timestamp,
      onProgress: options.onProgress,
      baseline: keys,
      registry: options.registry,
    };
    // The stages' async steps (the claims stage's verifier) run between the stages: auditArticles, awaited.
    const { collected, stats } = await collectSettledDrafts(input, effective, auditOptions, {
      signal: options.signal,
      onProgress: options.onProgress,
      claimVerifier: verifier,
    });
    let report = finishReport(input, effective, collected, auditOptions);
    const verification = (stats.get('claims') as VerificationStats | null | undefined) ?? null;
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
    return {
      report,
      cache: cache ? cache.stats : null,
      baselineWritten,
      changed,
      ignored: input.ignored ?? [],
      verifier: verification,
    };
  } finally {
    cache?.close();
  }
}

/** Audit files on disk and return the report (the same object the JSON format prints). */
export async function audit(options: AuditOptions = {}): Promise<Report> {
  return (await auditWithDetails(options)).report;
}
