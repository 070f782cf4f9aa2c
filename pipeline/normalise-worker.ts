// Worker thread: normalise a batch of decoded sources and post the Articles back.
import { parentPort } from 'node:worker_threads';
import { normalise } from './normalise.js';
import type { Article, SourceFile } from './types.js';

export interface WorkerRequest {
  id: number;
  sources: SourceFile[];
}

export interface WorkerResponse {
  id: number;
  articles?: Article[];
  error?: string;
}

parentPort?.on('message', (request: WorkerRequest) => {
  try {
    const articles = request.sources.map((source) => normalise(source));
    parentPort!.postMessage({ id: request.id, articles } satisfies WorkerResponse);
  } catch (error) {
    parentPort!.postMessage({ id: request.id, error: (error as Error).stack ?? String(error) } satisfies WorkerResponse);
  }
});
