// Node options for the worker threads the audit starts (pipeline/run-thread.ts, pipeline/parallel.ts).
import { type ResourceLimits, Worker } from 'node:worker_threads';

/** What a worker is started with: the process's Node options a worker accepts, and its heap limit. */
export interface WorkerStartOptions {
  execArgv: string[];
  resourceLimits?: ResourceLimits;
}

let cached: WorkerStartOptions | null = null;

/**
 * The process's Node options for a worker. A worker refuses V8 and process-wide options (`--max-old-space-size`,
 * `--expose-gc`, `--stack-size`, `--title`, …) and `--input-type` (it is started from a file), and throws at once
 * if given one: a consumer running `node --max-old-space-size=8192 build.js` must still be able to call audit().
 * The heap limit is carried over as the worker's resource limit, so a large corpus keeps the memory it was given.
 */
export function workerStartOptions(): WorkerStartOptions {
  if (cached) return cached;
  const groups = optionGroups(process.execArgv).filter((group) => !group[0].startsWith('--input-type'));
  const flat = groups.flat();
  // Usually every option is accepted (or there are none): no probing then.
  const execArgv = acceptedByWorkers(flat) ? flat : groups.filter(acceptedByWorkers).flat();
  const heapMb = maxOldSpaceMb(process.execArgv);
  cached = heapMb ? { execArgv, resourceLimits: { maxOldGenerationSizeMb: heapMb } } : { execArgv };
  return cached;
}

/** The options in `--name=value`, `--name value` or `--flag` groups. */
function optionGroups(argv: readonly string[]): string[][] {
  const groups: string[][] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = argv[i + 1];
    if (arg.startsWith('-') && !arg.includes('=') && next !== undefined && !next.startsWith('-')) {
      groups.push([arg, next]);
      i++;
    } else groups.push([arg]);
  }
  return groups;
}

/** Whether a worker starts with these options (a refused option throws synchronously, before any code runs). */
function acceptedByWorkers(execArgv: string[]): boolean {
  if (execArgv.length === 0) return true;
  try {
    const probe = new Worker('', { eval: true, execArgv });
    void probe.terminate();
    return true;
  } catch {
    return false;
  }
}

function maxOldSpaceMb(argv: readonly string[]): number | undefined {
  let mb: number | undefined;
  for (const arg of argv) {
    const match = /^--max[-_]old[-_]space[-_]size=(\d+)$/.exec(arg);
    if (match) mb = Number(match[1]);
  }
  return mb;
}
