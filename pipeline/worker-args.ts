// Node options for the worker threads the audit starts (pipeline/run-thread.ts, pipeline/parallel.ts).

/**
 * The process's Node options for a worker, less `--input-type` (a consumer's `node --input-type=module -e ...`: a
 * worker refuses it, as it is started from a file).
 */
export function workerExecArgv(): string[] {
  const out: string[] = [];
  for (let i = 0; i < process.execArgv.length; i++) {
    const arg = process.execArgv[i];
    if (arg === '--input-type') i++;
    else if (!arg.startsWith('--input-type=')) out.push(arg);
  }
  return out;
}
