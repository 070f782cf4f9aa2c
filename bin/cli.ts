// The CLI: parse flags → audit() → write formats → exit code. A thin layer over the API.
import { Command, InvalidArgumentError, Option } from 'commander';
import path from 'node:path';
import { ConfigError, type ResolvedConfig } from '../pipeline/config.js';
import { loadConfig } from '../pipeline/config-file.js';
import { auditArticles, loadCorpus, UsageError } from '../pipeline/index.js';
import { ruleIds } from '../pipeline/rules.js';
import { TOOL_VERSION } from '../pipeline/version.js';
import { FORMATS, OUT_FILES, render, renderOptionsFrom, type Format } from '../reports/index.js';
import { writeReportFiles } from '../reports/write.js';
import { createProgress } from './progress.js';

export const EXIT = { ok: 0, findings: 1, failure: 2, interrupted: 130 } as const;

interface CliOptions {
  format: Format[];
  out?: string;
  failOn?: ResolvedConfig['failOn'];
  config?: string | false;
  compareWith: string[];
  timestamp?: boolean;
  color?: boolean;
  progress?: boolean;
}

function collect<T>(parse: (value: string) => T) {
  return (value: string, previous: T[] = []) => [...previous, parse(value)];
}

function parseFormat(value: string): Format {
  if (!(FORMATS as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${FORMATS.join(', ')}`);
  return value as Format;
}

function buildProgram(): Command {
  return new Command('content-audit')
    .description('Audit articles for duplication, truncated endings, keyword glitches and conflicting claims.')
    .version(TOOL_VERSION)
    .argument('[paths...]', 'files, folders or globs to audit (default: corpus/)')
    .addOption(new Option('-f, --format <format>', `output format printed to stdout, repeatable (${FORMATS.join(', ')})`).argParser(collect(parseFormat)))
    .option('-o, --out <dir>', 'write audit.html, audit.md and audit.json into this folder')
    .addOption(new Option('--fail-on <level>', 'lowest severity that fails the run (exit 1)').choices(['error', 'warning', 'info', 'never']))
    .option('-c, --config <path>', 'config file (default: discovered upward from the working directory)')
    .option('--no-config', 'ignore config files; use the embedded defaults')
    .option('--compare-with <pathOrGlob>', 'reference corpus: audit the given articles against it (repeatable)', collect(String), [])
    .option('--timestamp', 'include generatedAt in the reports (off: reports are byte-identical across runs)')
    .option('--color', 'force colours in stylish output')
    .option('--no-color', 'disable colours')
    .option('--no-progress', 'no progress display (it is only shown on a TTY, never in CI)')
    .showHelpAfterError('(run content-audit --help for usage)')
    .exitOverride();
}

export async function main(argv: string[], io = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }): Promise<number> {
  const program = buildProgram();
  program.configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  try {
    program.parse(argv, { from: 'user' });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.version') return EXIT.ok;
    return EXIT.failure;
  }
  const options = program.opts<CliOptions>();
  const paths = program.args;
  const formats: Format[] = options.format?.length ? options.format : options.out ? [] : ['stylish'];

  const controller = new AbortController();
  const onSignal = () => controller.abort(new Error('interrupted'));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const showProgress = options.progress !== false && (io.stderr as NodeJS.WriteStream).isTTY === true && !process.env.CI;
  const progress = createProgress(showProgress ? (io.stderr as NodeJS.WriteStream) : null);
  try {
    const config = await loadConfig(io.cwd, options.config);
    const unknown = Object.keys(config.rules).filter((id) => !ruleIds.has(id));
    if (unknown.length) {
      throw new ConfigError(`Invalid configuration${config.file ? ` in ${config.file}` : ''}:\n${unknown.map((id) => `  rules.${id}: unknown rule id (known: ${[...ruleIds].join(', ')})`).join('\n')}`, config.file);
    }
    const effective: ResolvedConfig = options.failOn ? { ...config, failOn: options.failOn } : config;
    const input = await loadCorpus({ paths, compareWith: options.compareWith, cwd: io.cwd, signal: controller.signal, onProgress: progress.update }, effective);
    const report = auditArticles(input, effective, { timestamp: options.timestamp, onProgress: progress.update });
    progress.done();
    if (controller.signal.aborted) throw controller.signal.reason;
    const color = options.color ?? ((io.stdout as NodeJS.WriteStream).isTTY === true && !process.env.NO_COLOR);
    const renderOptions = renderOptionsFrom(effective, color);
    for (const format of formats) io.stdout.write(render(format, report, renderOptions));
    if (options.out) {
      const extra = formats.includes('sarif') ? [{ format: 'sarif' as Format, name: 'audit.sarif' }] : [];
      const files = [...OUT_FILES, ...extra].map(({ format, name }) => ({ name, content: render(format, report, { ...renderOptions, color: false }) }));
      await writeReportFiles(path.resolve(io.cwd, options.out), files);
      if (!formats.length) io.stderr.write(`Reports written to ${options.out}/ (${files.map((f) => f.name).join(', ')})${report.summary.passed ? '' : ' — the audit failed'}\n`);
    }
    return report.summary.passed ? EXIT.ok : EXIT.findings;
  } catch (error) {
    progress.done();
    if (controller.signal.aborted) {
      io.stderr.write('content-audit: interrupted; no reports were written.\n');
      return EXIT.interrupted;
    }
    if (error instanceof ConfigError) {
      io.stderr.write(`content-audit: ${error.message}\nFix the config file or run with --no-config to use the defaults.\n`);
      return EXIT.failure;
    }
    if (error instanceof UsageError) {
      io.stderr.write(`content-audit: ${error.message}\nRun content-audit --help for usage.\n`);
      return EXIT.failure;
    }
    io.stderr.write(`content-audit: internal error: ${(error as Error).stack ?? String(error)}\nPlease report this with the command you ran.\n`);
    return EXIT.failure;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}
