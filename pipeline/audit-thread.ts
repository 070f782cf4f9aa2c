// Worker thread of the CLI and the API: runs the whole audit off the calling thread, so that thread stays free to
// answer Ctrl-C, SIGTERM or an AbortSignal at once and to watch the per-file time budget (a signal handler or a timer
// cannot run while a thread is busy digesting or comparing). Messages to the parent: the time budget of the resolved
// config, progress, cache warnings, then the result or a serialised error (pipeline/run-thread.ts).
// The options come as workerData, or — for a thread started before they were known (the CLI starts it first thing,
// so that loading the pipeline here overlaps its own start-up) — in the parent's first message.
import { parentPort, workerData } from 'node:worker_threads';
import { auditInProcess, resolveAuditConfig, type AuditOptions } from './index.js';
import type { ThreadMessage, ThreadStart } from './run-thread.js';

const post = (message: ThreadMessage) => parentPort!.postMessage(message);

const received: Promise<AuditOptions> = workerData
  ? Promise.resolve(workerData as AuditOptions)
  : new Promise((resolve) => parentPort!.once('message', (message: ThreadStart) => resolve(message.options)));

received
  .then(async (options) => {
    const cache =
      typeof options.cache === 'object'
        ? { ...options.cache, onWarning: (text: string) => post({ type: 'warning', text }) }
        : options.cache;
    const config = await resolveAuditConfig(options);
    post({ type: 'budget', seconds: config.maxFileSeconds });
    return auditInProcess({
      ...options,
      config,
      cache,
      onProgress: (step, done, total) => post({ type: 'progress', step, done, total }),
    });
  })
  .then(
    (details) => post({ type: 'done', details }),
    (error: unknown) => {
      const e = error instanceof Error ? error : new Error(String(error));
      post({
        type: 'error',
        name: e.constructor.name,
        message: e.message,
        stack: e.stack ?? '',
        file: (e as { file?: string | null }).file ?? null,
      });
    },
  );
