// Runs the audit on a worker thread (pipeline/audit-thread.ts) when it can — for the CLI (bin/cli.ts) and for the API's
// audit()/auditWithDetails() alike — so that an abort (Ctrl-C, SIGTERM, an AbortSignal) stops any phase at once: the
// calling thread only waits, and an abort terminates the thread (and the digest workers it started) instead of waiting
// for the current batch or step to finish; and so that the per-file time budget (maxFileSeconds) can stop a runaway
// file (pipeline/heartbeat.ts). Falls back to running in-process when the options cannot be cloned to a thread (an
// .mjs config or a claim verifier with functions) or when running from the TypeScript sources (tests); there, the
// audit stops at the next batch boundary and has no per-file time budget.
// Light on purpose: the CLI's main thread imports this module, and the pipeline (./index.js, which the thread loads on
// its own) only when it has to audit in-process.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createHeartbeat, overdueFile } from './heartbeat.js';
import { workerStartOptions } from './worker-args.js';
import type { AuditDetails, AuditOptions } from './index.js';

export type ThreadMessage =
  | { type: 'progress'; step: string; done: number; total: number }
  | { type: 'warning'; text: string }
  | { type: 'budget'; seconds: number }
  | { type: 'done'; details: AuditDetails }
  | { type: 'error'; name: string; message: string; stack: string; file: string | null };

/** The parent's message to a thread started before its options were known (startAuditThread). */
export interface ThreadStart {
  type: 'start';
  options: AuditOptions;
}

function threadScript(): string | null {
  const here = fileURLToPath(import.meta.url);
  if (!here.endsWith('.js')) return null;
  const script = path.join(path.dirname(here), 'audit-thread.js');
  return existsSync(script) ? script : null;
}

/** The options without the functions and the signal (what a thread can be given), or null when they do not clone. */
function threadOptions(options: AuditOptions): AuditOptions | null {
  const { signal: _signal, onProgress: _onProgress, cache, ...rest } = options;
  const plain = { ...rest, cache: typeof cache === 'object' ? { ...cache, onWarning: undefined } : cache };
  try {
    structuredClone(plain);
    return plain;
  } catch {
    return null;
  }
}

/** An error from the thread as the class the CLI tells apart (config, usage, anything else). */
async function revive(message: Extract<ThreadMessage, { type: 'error' }>): Promise<Error> {
  // Loaded here, not at the top: the calling thread needs these classes only when the audit failed.
  const [{ ConfigError }, { UsageError }] = await Promise.all([import('./config.js'), import('./load.js')]);
  const error =
    message.name === 'ConfigError'
      ? new ConfigError(message.message, message.file)
      : ['UsageError', 'CorpusChangedError', 'ReportWriteError'].includes(message.name)
        ? new UsageError(message.message)
        : new Error(message.message);
  error.stack = message.stack || error.stack;
  return error;
}

export interface RunOptions {
  /**
   * Per-file time budget in seconds (0 = none): a file processed longer is reported as not audited. Default: the
   * resolved config's maxFileSeconds (the thread says which, once it has read the config).
   */
  budgetSeconds?: number;
  /** Told when a file ran over the budget and the audit starts again without it. */
  onRunaway?: (path: string) => void;
}

/** How often the watchdog looks at the heartbeat slots. */
const WATCH_INTERVAL_MS = 200;

/**
 * An audit thread started before its options are known: it loads the pipeline (a few hundred ms) while the caller
 * still parses arguments, reads the config and checks the output folder. Give it to runAudit, or `cancel()` it.
 */
export interface PendingThread {
  readonly worker: Worker;
  /** Set when the thread failed or ended before runAudit listened to it. */
  readonly early: { error?: Error };
  cancel: () => Promise<void>;
}

/** Starts the audit thread now (null where audits run in-process: TypeScript sources). */
export function startAuditThread(): PendingThread | null {
  const script = threadScript();
  if (!script) return null;
  const worker = new Worker(script, workerStartOptions());
  const early: PendingThread['early'] = {};
  worker.on('error', (error) => (early.error ??= error));
  worker.on('exit', (code) => (early.error ??= new Error(`the audit thread exited early (code ${code})`)));
  return { worker, early, cancel: () => worker.terminate().then(() => {}) };
}

async function inProcess(options: AuditOptions): Promise<AuditDetails> {
  const { auditInProcess } = await import('./index.js');
  return auditInProcess(options);
}

/**
 * The audit on a worker thread (in-process where it cannot be). `pending`: a thread already started with
 * startAuditThread, used for the first attempt (cancelled when the audit runs in-process).
 */
export async function runAudit(
  options: AuditOptions,
  run: RunOptions = {},
  pending: PendingThread | null = null,
): Promise<AuditDetails> {
  const script = threadScript();
  const plain = script ? threadOptions(options) : null;
  if (!script || !plain) {
    await pending?.cancel();
    return inProcess(options);
  }
  const runaway = [...(options.runaway ?? [])];
  let started = pending;
  // A runaway file cannot be interrupted from inside its thread: stop the thread, audit again without that file.
  for (;;) {
    const outcome = await onThread(
      script,
      { ...plain, heartbeat: createHeartbeat(), runaway },
      options,
      run.budgetSeconds,
      started,
    );
    started = null;
    if ('details' in outcome) return outcome.details;
    runaway.push(outcome.overdue);
    run.onRunaway?.(outcome.overdue);
  }
}

/**
 * One audit on a worker thread (`started`, given its options by message, or a new one); settles with its details, or
 * the file that ran over the budget.
 */
async function onThread(
  script: string,
  workerData: AuditOptions,
  options: AuditOptions,
  budgetSeconds: number | undefined,
  started: PendingThread | null,
): Promise<{ details: AuditDetails } | { overdue: string }> {
  const { signal } = options;
  if (signal?.aborted) {
    await started?.cancel();
    throw signal.reason;
  }
  const worker = started?.worker ?? new Worker(script, { workerData, ...workerStartOptions() });
  if (started) worker.postMessage({ type: 'start', options: workerData } satisfies ThreadStart);
  let watchdog: NodeJS.Timeout | undefined;
  let onAbort = () => {};
  try {
    return await new Promise((resolve, reject) => {
      onAbort = () => reject(signal!.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      const watch = (seconds: number) => {
        if (seconds <= 0 || watchdog) return;
        watchdog = setInterval(() => {
          const overdue = overdueFile(workerData.heartbeat!, seconds * 1000);
          if (overdue !== null) resolve({ overdue });
        }, WATCH_INTERVAL_MS);
      };
      if (budgetSeconds !== undefined) watch(budgetSeconds);
      worker.on('message', (message: ThreadMessage) => {
        if (message.type === 'progress') options.onProgress?.(message.step, message.done, message.total);
        else if (message.type === 'budget') watch(budgetSeconds ?? message.seconds);
        else if (message.type === 'warning')
          (typeof options.cache === 'object' ? options.cache.onWarning : undefined)?.(message.text);
        else if (message.type === 'done') resolve({ details: message.details });
        else revive(message).then(reject, reject);
      });
      if (started?.early.error) reject(started.early.error);
      worker.on('error', reject);
      worker.on('exit', (code) => reject(new Error(`the audit thread exited early (code ${code})`)));
    });
  } finally {
    clearInterval(watchdog);
    signal?.removeEventListener('abort', onAbort);
    // Stops the audit wherever it is (V8 interrupts even a busy loop); its digest workers end with it.
    await worker.terminate();
  }
}
