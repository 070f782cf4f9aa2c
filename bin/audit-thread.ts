// Worker thread of the CLI: runs the whole audit off the main thread, so the main thread stays free to answer
// Ctrl-C and SIGTERM at once (a signal handler cannot run while the main thread is busy digesting or comparing).
// Messages to the parent: progress, cache warnings, then the result or a serialised error (bin/run-audit.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { auditWithDetails, type AuditOptions } from '../pipeline/index.js';
import type { ThreadMessage } from './run-audit.js';

const post = (message: ThreadMessage) => parentPort!.postMessage(message);
const options = workerData as AuditOptions & { cache: AuditOptions['cache'] };
const cache = typeof options.cache === 'object' ? { ...options.cache, onWarning: (text: string) => post({ type: 'warning', text }) } : options.cache;

auditWithDetails({ ...options, cache, onProgress: (stage, done, total) => post({ type: 'progress', stage, done, total }) }).then(
  (details) => post({ type: 'done', details }),
  (error: unknown) => {
    const e = error instanceof Error ? error : new Error(String(error));
    post({ type: 'error', name: e.constructor.name, message: e.message, stack: e.stack ?? '', file: (e as { file?: string | null }).file ?? null });
  },
);
