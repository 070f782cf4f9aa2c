// Worker thread: normalise and digest a batch of decoded sources (pipeline/digest.ts) and post the digests back.
// The config comes once, as workerData; Articles never leave the thread.
import { parentPort, workerData } from 'node:worker_threads';
import type { ResolvedConfig } from './config.js';
import { digestPlan } from './digest.js';
import { digestSource, type DigestOutcome } from './parallel.js';
import type { SourceFile } from './types.js';

export interface WorkerRequest {
  id: number;
  sources: SourceFile[];
}

export interface WorkerResponse {
  id: number;
  outcomes: DigestOutcome[];
}

const data = workerData as { config: ResolvedConfig; heartbeat?: SharedArrayBuffer; slot?: number };
const plan = digestPlan(data.config);

parentPort?.on('message', (request: WorkerRequest) => {
  const outcomes = request.sources.map((source) => digestSource(source, plan, data.heartbeat, data.slot));
  parentPort!.postMessage({ id: request.id, outcomes } satisfies WorkerResponse);
});
