// Normalise + digest on worker threads (both cores) with bounded concurrency via p-queue. Small corpora and tests
// (running from TypeScript sources, where vi.mock'ed rules must apply) stay in-process.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import PQueue from 'p-queue';
import type { ResolvedConfig } from './config.js';
import { digestArticle, digestPlan, type DigestPlan, type DocumentDigest } from './digest.js';
import type { WorkerRequest, WorkerResponse } from './digest-worker.js';
import { normalise } from './normalise.js';
import type { SourceFile } from './types.js';

/** Below this many documents, thread start-up and copying cost more than they save. */
export const PARALLEL_THRESHOLD = 1000;
/** Workers start with the first batch of at least this many misses (a warm cache run with a few changed files never starts them). */
const THREAD_START_BATCH = 50;

/** One document's result: its digest, or why it could not be processed (an internal error, reported as a finding). */
export type DigestOutcome = { digest: DocumentDigest } | { path: string; error: string };

/** Normalise and digest one source; never throws (one odd file must not stop the audit). */
export function digestSource(source: SourceFile, plan: DigestPlan): DigestOutcome {
  try {
    return { digest: digestArticle(normalise(source), plan) };
  } catch (error) {
    return { path: source.path, error: error instanceof Error ? error.message : String(error) };
  }
}

function workerScript(): string | null {
  const here = fileURLToPath(import.meta.url);
  if (!here.endsWith('.js')) return null; // running from TypeScript sources (tests): no compiled worker
  const script = path.join(path.dirname(here), 'digest-worker.js');
  return existsSync(script) ? script : null;
}

export interface DigestPoolOptions {
  /** How many documents will come (decides whether threads are worth starting). */
  expected: number;
  /** Force a thread count (1 = in-process). */
  threads?: number;
}

/** Digests batches of sources, on worker threads when the corpus is large enough. */
export class DigestPool {
  readonly threads: number;
  private script: string | null;
  private workers: Worker[] = [];
  private idle: Worker[] = [];
  private queue: PQueue;
  private nextId = 0;
  private plan: DigestPlan | null = null;

  constructor(private config: ResolvedConfig, options: DigestPoolOptions) {
    this.script = workerScript();
    const wanted = options.threads ?? Math.max(1, Math.min(availableParallelism(), 8));
    this.threads = this.script && wanted >= 2 && options.expected >= PARALLEL_THRESHOLD ? wanted : 1;
    this.queue = new PQueue({ concurrency: this.threads });
  }

  /** Batches waiting or running. */
  get pending(): number {
    return this.queue.size + this.queue.pending;
  }

  /** Resolves when fewer than `limit` batches are waiting (back-pressure for the reader). */
  async room(limit: number): Promise<void> {
    await this.queue.onSizeLessThan(limit);
  }

  digest(sources: SourceFile[]): Promise<DigestOutcome[]> {
    if (this.threads > 1 && this.workers.length === 0 && sources.length >= THREAD_START_BATCH) {
      this.workers = Array.from({ length: this.threads }, () => new Worker(this.script!, { workerData: { config: this.config } }));
      this.idle = [...this.workers];
    }
    if (this.workers.length === 0) {
      this.plan ??= digestPlan(this.config);
      const plan = this.plan;
      return this.queue.add(async () => sources.map((source) => digestSource(source, plan)));
    }
    return this.queue.add(() => this.onWorker(sources));
  }

  private onWorker(sources: SourceFile[]): Promise<DigestOutcome[]> {
    return new Promise((resolve, reject) => {
      const worker = this.idle.pop()!;
      const id = this.nextId++;
      const cleanup = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        this.idle.push(worker);
      };
      const onMessage = (response: WorkerResponse) => {
        if (response.id !== id) return;
        cleanup();
        resolve(response.outcomes);
      };
      const onError = (error: Error) => {
        cleanup();
        reject(error);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage({ id, sources } satisfies WorkerRequest);
    });
  }

  async close(): Promise<void> {
    this.queue.clear();
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
