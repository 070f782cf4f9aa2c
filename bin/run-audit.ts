// The CLI's audit runner lives in pipeline/run-thread.ts (the API's audit() uses it too, for the per-file time budget).
export {
  runAudit,
  startAuditThread,
  type PendingThread,
  type RunOptions,
  type ThreadMessage,
} from '../pipeline/run-thread.js';
