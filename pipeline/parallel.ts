// Normalise on worker threads (both cores) with bounded concurrency via p-queue.
// Used for large batches when running from the compiled build; small corpora and tests stay in-process.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import PQueue from 'p-queue';
import { identityView, normalise } from './normalise.js';
import type { Article, SourceFile } from './types.js';
import type { WorkerRequest, WorkerResponse } from './normalise-worker.js';

/** Below this many documents, thread start-up and copying cost more than they save. */
export const PARALLEL_THRESHOLD = 1000;
const BATCH = 200;

function workerScript(): string | null {
  const here = fileURLToPath(import.meta.url);
  if (!here.endsWith('.js')) return null; // running from TypeScript sources (tests): no compiled worker
  const script = path.join(path.dirname(here), 'normalise-worker.js');
  return existsSync(script) ? script : null;
}

export interface NormaliseManyOptions {
  signal?: AbortSignal;
  progress?: (done: number, total: number) => void;
  /** Force a thread count (1 = in-process). */
  threads?: number;
}

export async function normaliseMany(sources: SourceFile[], options: NormaliseManyOptions = {}): Promise<Article[]> {
  const { signal, progress } = options;
  const script = workerScript();
  const threads = options.threads ?? Math.max(1, Math.min(availableParallelism(), 8));
  if (!script || threads < 2 || sources.length < PARALLEL_THRESHOLD) {
    const articles: Article[] = [];
    for (let i = 0; i < sources.length; i++) {
      if (signal?.aborted) throw signal.reason ?? new Error('aborted');
      articles.push(normalise(sources[i]));
      if (i % 200 === 0) progress?.(i + 1, sources.length);
    }
    return articles;
  }

  const workers = Array.from({ length: threads }, () => new Worker(script));
  const idle = [...workers];
  const queue = new PQueue({ concurrency: threads });
  const results: Article[] = new Array(sources.length);
  let done = 0;
  let nextId = 0;
  const runBatch = (start: number) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason ?? new Error('aborted'));
      const worker = idle.pop()!;
      const id = nextId++;
      const cleanup = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        idle.push(worker);
      };
      const onMessage = (response: WorkerResponse) => {
        if (response.id !== id) return;
        cleanup();
        if (response.error || !response.articles) return reject(new Error(`normalise worker failed: ${response.error}`));
        const identity = response.identity ?? [];
        for (let i = 0; i < identity.length; i += 3) {
          const block = response.articles[identity[i]].blocks[identity[i + 1]];
          block.sourceOffsets = identityView(identity[i + 2], block.text.length + 1);
        }
        response.articles.forEach((article, k) => (results[start + k] = article));
        done += response.articles.length;
        progress?.(done, sources.length);
        resolve();
      };
      const onError = (error: Error) => {
        cleanup();
        reject(error);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage({ id, sources: sources.slice(start, start + BATCH) } satisfies WorkerRequest);
    });
  try {
    const batches: Promise<void>[] = [];
    for (let start = 0; start < sources.length; start += BATCH) batches.push(queue.add(() => runBatch(start)));
    await Promise.all(batches);
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return results;
}
