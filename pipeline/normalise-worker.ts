// Worker thread: normalise a batch of decoded sources and post the Articles back.
import { parentPort } from 'node:worker_threads';
import { identityStart, normalise } from './normalise.js';
import type { Article, SourceFile } from './types.js';

export interface WorkerRequest {
  id: number;
  sources: SourceFile[];
}

export interface WorkerResponse {
  id: number;
  articles?: Article[];
  /** Blocks whose offset map is a shared identity view, sent as [article, block, start] instead of the view. */
  identity?: number[];
  error?: string;
}

parentPort?.on('message', (request: WorkerRequest) => {
  try {
    const articles = request.sources.map((source) => normalise(source));
    // Posting a view would copy the whole shared identity buffer into the main thread once per batch.
    const identity: number[] = [];
    const empty = new Int32Array(0);
    articles.forEach((article, a) =>
      article.blocks.forEach((block, b) => {
        const start = identityStart(block.sourceOffsets);
        if (start < 0) return;
        identity.push(a, b, start);
        block.sourceOffsets = empty;
      }),
    );
    parentPort!.postMessage({ id: request.id, articles, identity } satisfies WorkerResponse);
  } catch (error) {
    parentPort!.postMessage({ id: request.id, error: (error as Error).stack ?? String(error) } satisfies WorkerResponse);
  }
});
