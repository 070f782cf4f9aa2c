// The CLI: parse flags → audit() → write formats → exit code. A thin layer over the API.
// The main thread stays light: it loads what parsing the arguments needs, starts the audit thread (which loads the
// pipeline on its own, pipeline/audit-thread.ts), and only then loads the config reader and, while the audit runs,
// the renderers. It never loads the pipeline itself unless the audit has to run in-process.
import { Command, InvalidArgumentError, Option } from 'commander';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ResolvedConfig } from '../pipeline/config.js';
import type { AuditDetails, AuditOptions } from '../pipeline/index.js';
import type { Report } from '../pipeline/types.js';
import type { RenderOptions, render } from '../reports/index.js';
import type { writeReportFiles } from '../reports/write.js';
import type { Registry } from '../pipeline/registry.js';
import { TOOL_VERSION } from '../pipeline/version.js';
import { FORMATS, OUT_FILES, type Format } from '../reports/formats.js';
import { BASELINE_FILE_NAME, DEFAULT_CACHE_DIR } from './defaults.js';
import { createProgress, type Progress } from './progress.js';
import { runAudit, startAuditThread } from './run-audit.js';

/** 130 and 143 are 128 + SIGINT (2) and 128 + SIGTERM (15), as shells report a process stopped by them. */
export const EXIT = { ok: 0, findings: 1, failure: 2, interrupted: 130, terminated: 143 } as const;

interface CliOptions {
  exitZero?: boolean;
  docsUrl?: string;
  format: Format[];
  out?: string;
  failOn?: ResolvedConfig['failOn'];
  config?: string | false;
  compareWith: string[];
  timestamp?: boolean;
  color?: boolean;
  progress?: boolean;
  /** A path, false for --no-baseline, undefined for the default (content-audit.baseline.json if present). */
  baseline?: string | boolean;
  updateBaseline?: boolean;
  changedSince?: string;
  cache: boolean;
  cacheDir?: string;
  cacheStrategy?: 'metadata' | 'content';
}

function collect<T>(parse: (value: string) => T) {
  return (value: string, previous: T[] = []) => [...previous, parse(value)];
}

function parseDocsUrl(value: string): string {
  // Only http(s): the URL ends up in links of the HTML and Markdown reports.
  if (!/^https?:\/\/[^\s]+$/i.test(value)) throw new InvalidArgumentError('expected an http(s) URL');
  return value.replace(/\/+$/, '');
}

function parseFormat(value: string): Format {
  if (!(FORMATS as readonly string[]).includes(value))
    throw new InvalidArgumentError(`expected one of ${FORMATS.join(', ')}`);
  return value as Format;
}

function buildProgram(): Command {
  return new Command('content-audit')
    .description('Audit articles for duplication, truncated endings, keyword glitches and conflicting claims.')
    .version(TOOL_VERSION)
    .argument(
      '[paths...]',
      "files, folders or globs to audit (default: the config's include globs, else the current folder without node_modules, VCS and build folders)",
    )
    .addOption(
      new Option(
        '-f, --format <format>',
        `output format printed to stdout, repeatable (${FORMATS.join(', ')})`,
      ).argParser(collect(parseFormat)),
    )
    .option('-o, --out <dir>', 'write audit.html, audit.md and audit.json into this folder')
    .addOption(
      new Option('--fail-on <level>', 'lowest severity that fails the run (exit 1)').choices([
        'error',
        'warning',
        'info',
        'never',
      ]),
    )
    .option('-c, --config <path>', 'config file (default: discovered upward from the working directory)')
    .option('--no-config', 'ignore config files; use the embedded defaults')
    .option(
      '--compare-with <pathOrGlob>',
      'reference corpus: audit the given articles against it (repeatable)',
      collect(String),
      [],
    )
    .option(
      '--changed-since <ref>',
      'audit only files added, modified or renamed since this git ref (plus untracked files); the rest of the corpus is the reference',
    )
    .option(
      '--baseline <path>',
      `baseline file of known findings that do not fail the run (default: ${BASELINE_FILE_NAME} if present)`,
    )
    .option('--no-baseline', 'ignore the baseline file')
    .option('--update-baseline', 'write the baseline file from the current findings (pruning vanished ones) and pass')
    .option('--cache-dir <dir>', `incremental cache folder (default: ${DEFAULT_CACHE_DIR})`)
    .option('--no-cache', 'do not read or write the incremental cache')
    .addOption(
      new Option(
        '--cache-strategy <strategy>',
        'how the cache recognises an unchanged file: metadata (size, times, inode; hashes it when they differ) or content (always read and hash)',
      )
        .choices(['metadata', 'content'])
        .default('metadata'),
    )
    .option('--timestamp', 'include generatedAt in the reports (off: reports are byte-identical across runs)')
    .option('--color', 'force colours in stylish output')
    .option('--no-color', 'disable colours')
    .option('--no-progress', 'no progress display (it is only shown on a TTY, never in CI)')
    .option(
      '--docs-url <url>',
      'base URL under which the reports link docs/rules/<rule-id>.md (e.g. https://github.com/OWNER/REPO/blob/main)',
      parseDocsUrl,
    )
    .option(
      '--exit-zero',
      'exit 0 even when findings reach --fail-on (the reports still say failed); 2 still means the tool failed',
    )
    .showHelpAfterError('(run content-audit --help for usage)')
    .exitOverride();
}

export interface CliIO {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  cwd: string;
}

/** What a caller (a test) can pass in besides the streams: the rules and stages to run (default the built-in ones). */
export interface CliDependencies {
  registry?: Registry;
}

export async function main(
  argv: string[],
  io: CliIO = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() },
  dependencies: CliDependencies = {},
): Promise<number> {
  const parsed = parseArguments(argv, io);
  if (typeof parsed === 'number') return parsed;
  const { options, paths } = parsed;
  const formats: Format[] = options.format?.length ? options.format : options.out ? [] : ['stylish'];
  // First thing once the arguments are known: the thread loads the pipeline while this thread reads the config.
  let pending = dependencies.registry ? null : startAuditThread(); // injected rules run in-process

  const controller = new AbortController();
  let stoppedBy: 'SIGINT' | 'SIGTERM' | null = null;
  const onSignal = (signal: 'SIGINT' | 'SIGTERM') => {
    stoppedBy ??= signal;
    controller.abort(new Error('interrupted'));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let removeEmptyOut = async () => {};
  const showProgress =
    options.progress !== false && (io.stderr as NodeJS.WriteStream).isTTY === true && !process.env.CI;
  const progress = createProgress(showProgress ? (io.stderr as NodeJS.WriteStream) : null);
  try {
    const [{ loadConfig }, { UsageError }, { checkOutDir }] = await Promise.all([
      import('../pipeline/config-file.js'),
      import('../pipeline/load.js'),
      import('../reports/write.js'),
    ]);
    const config = await loadConfig(io.cwd, options.config);
    const effective: ResolvedConfig = options.failOn ? { ...config, failOn: options.failOn } : config;
    if (options.updateBaseline && options.baseline === false)
      throw new UsageError('--update-baseline cannot be combined with --no-baseline.');
    const baseline = baselineFile(options, io.cwd);
    // An --out folder that cannot be written fails now, not after a long audit.
    if (options.out) removeEmptyOut = await checkOutDir(path.resolve(io.cwd, options.out));
    const audited = runAudit(
      auditOptions(options, paths, effective, baseline, io, controller.signal, progress, dependencies),
      {
        budgetSeconds: effective.maxFileSeconds,
        onRunaway: (file) => {
          progress.done();
          io.stderr.write(
            `content-audit: ${file} was still being processed after ${effective.maxFileSeconds} s (maxFileSeconds); it is reported as not audited and the audit starts again without it.\n`,
          );
        },
      },
      pending,
    );
    pending = null; // runAudit owns the thread now
    // The renderers load here while the audit runs on its thread (this thread only waits).
    const renderers = import('../reports/index.js');
    renderers.catch(() => {}); // awaited below; a failure surfaces there
    const details = await audited;
    const { render, renderOptionsFrom } = await renderers;
    const { writeReportFiles } = await import('../reports/write.js');
    const { report } = details;
    progress.done();
    if (controller.signal.aborted) throw controller.signal.reason;
    const color = options.color ?? ((io.stdout as NodeJS.WriteStream).isTTY === true && !process.env.NO_COLOR);
    const renderOptions = {
      ...renderOptionsFrom(effective, color),
      ...(options.docsUrl ? { rulesBaseUrl: options.docsUrl } : {}),
    };
    await writeReports(report, formats, options, io, controller.signal, { render, renderOptions, writeReportFiles });
    writeClosingNotes(details, options, io);
    return report.summary.passed || options.exitZero ? EXIT.ok : EXIT.findings;
  } catch (error) {
    progress.done();
    await pending?.cancel();
    await removeEmptyOut();
    if (controller.signal.aborted) {
      io.stderr.write(
        `content-audit: ${stoppedBy === 'SIGTERM' ? 'terminated' : 'interrupted'}; no reports were written.\n`,
      );
      return stoppedBy === 'SIGTERM' ? EXIT.terminated : EXIT.interrupted;
    }
    return failureExit(error, io);
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

/** The options and paths, or the exit code when commander printed help, the version or a usage error. */
function parseArguments(argv: string[], io: CliIO): { options: CliOptions; paths: string[] } | number {
  const program = buildProgram();
  program.configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  try {
    program.parse(argv, { from: 'user' });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.version') return EXIT.ok;
    return EXIT.failure;
  }
  return { options: program.opts<CliOptions>(), paths: program.args };
}

/** The baseline to use: --baseline's path, none for --no-baseline, else the default file if present or to be made. */
export function baselineFile(options: CliOptions, cwd: string): string | false | undefined {
  if (typeof options.baseline === 'string') return options.baseline;
  if (options.baseline === false) return false;
  return existsSync(path.resolve(cwd, BASELINE_FILE_NAME)) || options.updateBaseline ? BASELINE_FILE_NAME : undefined;
}

/** What the audit is asked to do, from the flags and the resolved config. */
function auditOptions(
  options: CliOptions,
  paths: string[],
  config: ResolvedConfig,
  baseline: string | false | undefined,
  io: CliIO,
  signal: AbortSignal,
  progress: Progress,
  dependencies: CliDependencies,
): AuditOptions {
  return {
    paths,
    compareWith: options.compareWith,
    changedSince: options.changedSince,
    cwd: io.cwd,
    config,
    timestamp: options.timestamp,
    baseline,
    updateBaseline: options.updateBaseline === true,
    cache:
      options.cache === false
        ? false
        : {
            dir: options.cacheDir ?? DEFAULT_CACHE_DIR,
            strategy: options.cacheStrategy,
            onWarning: (message) => io.stderr.write(`content-audit: ${message}\n`),
          },
    signal,
    onProgress: progress.update,
    ...(dependencies.registry ? { registry: dependencies.registry } : {}),
  };
}

/** How the reports are made and written (loaded lazily by main, while the audit runs). */
interface ReportWriters {
  render: typeof render;
  renderOptions: RenderOptions;
  writeReportFiles: typeof writeReportFiles;
}

/** Each --format to stdout; with --out, the report files (audit.sarif too when SARIF was asked for). */
async function writeReports(
  report: Report,
  formats: Format[],
  options: CliOptions,
  io: CliIO,
  signal: AbortSignal,
  { render, renderOptions, writeReportFiles }: ReportWriters,
): Promise<void> {
  for (const format of formats) io.stdout.write(render(format, report, renderOptions));
  if (!options.out) return;
  const extra = formats.includes('sarif') ? [{ format: 'sarif' as Format, name: 'audit.sarif' }] : [];
  const files = [...OUT_FILES, ...extra].map(({ format, name }) => ({
    name,
    content: render(format, report, { ...renderOptions, color: false }),
  }));
  if (signal.aborted) throw signal.reason;
  await writeReportFiles(path.resolve(io.cwd, options.out), files);
  io.stderr.write(
    `Reports written to ${options.out}/ (${files.map((f) => f.name).join(', ')})${report.summary.passed ? '' : ' — the audit failed'}\n`,
  );
}

/** After the reports: why nothing was audited (all files left out, none changed), and where the baseline went. */
function writeClosingNotes(details: AuditDetails, options: CliOptions, io: CliIO): void {
  const { report } = details;
  if (report.summary.documents === 0 && details.ignored.length && !details.changed) {
    io.stderr.write(
      `content-audit: ${details.ignored.length === 1 ? `${details.ignored[0]} is` : `all ${details.ignored.length} given files are`} left out by include/exclude/.content-auditignore; nothing to audit.\n`,
    );
  }
  if (details.changed && details.changed.length === 0)
    io.stderr.write(`content-audit: no article files changed since ${options.changedSince}; nothing to audit.\n`);
  if (details.baselineWritten) {
    io.stderr.write(
      `Baseline written to ${path.relative(io.cwd, details.baselineWritten) || details.baselineWritten} (${report.findings.length} finding${report.findings.length === 1 ? '' : 's'} in this run).\n`,
    );
  }
}

/** The message and exit code for an error that stopped the run (not an interruption). */
async function failureExit(error: unknown, io: CliIO): Promise<number> {
  const [{ ConfigError }, { UsageError }, { ReportWriteError }] = await Promise.all([
    import('../pipeline/config.js'),
    import('../pipeline/load.js'),
    import('../reports/write.js'),
  ]);
  if (error instanceof ConfigError) {
    io.stderr.write(
      `content-audit: ${error.message}\nFix the config file or run with --no-config to use the defaults.\n`,
    );
    return EXIT.failure;
  }
  if (error instanceof ReportWriteError) {
    io.stderr.write(`content-audit: ${error.message}\n`);
    return EXIT.failure;
  }
  if (error instanceof UsageError) {
    io.stderr.write(`content-audit: ${error.message}\nRun content-audit --help for usage.\n`);
    return EXIT.failure;
  }
  io.stderr.write(
    `content-audit: internal error: ${(error as Error).stack ?? String(error)}\nPlease report this with the command you ran.\n`,
  );
  return EXIT.failure;
}
