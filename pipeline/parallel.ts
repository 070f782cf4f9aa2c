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
import { beat } from './heartbeat.js';
import { workerStartOptions } from './worker-args.js';
import type { WorkerRequest, WorkerResponse } from './digest-worker.js';
import { normalise } from './normalise.js';
import type { SourceFile } from './types.js';

/** Below this many documents, thread start-up and copying cost more than they save. */
export const PARALLEL_THRESHOLD = 1000;
/**
 * Workers start with the first batch of at least this many misses (a warm cache run with a few changed files never
 * starts them).
 */
const THREAD_START_BATCH = 50;

/** One document's result: its digest, or why it could not be processed (an internal error, reported as a finding). */
export type DigestOutcome = { digest: DocumentDigest } | { path: string; error: string };

/** Normalise and digest one source; never throws (one odd file must not stop the audit). */
export function digestSource(
  source: SourceFile,
  plan: DigestPlan,
  heartbeat?: SharedArrayBuffer,
  slot = 0,
): DigestOutcome {
  beat(heartbeat, slot, source.path); // the per-file time budget's watchdog reads this (pipeline/heartbeat.ts)
  try {
    return { digest: digestArticle(normalise(source), plan) };
  } catch (error) {
    return { path: source.path, error: error instanceof Error ? error.message : String(error) };
  } finally {
    beat(heartbeat, slot, null);
  }
}

/**
 * The config goes to every worker by structured clone: an .mjs config with functions in it cannot, so it stays
 * in-process.
 */
function cloneable(config: ResolvedConfig): boolean {
  try {
    structuredClone(config);
    return true;
  } catch {
    return false;
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
  /** Another worker script (tests: a worker that crashes). */
  script?: string;
  /** Shared slots where each thread says which file it is on (pipeline/heartbeat.ts). */
  heartbeat?: SharedArrayBuffer;
  /** A plan of rules passed in through the API (AuditOptions.registry): digested in this thread only. */
  plan?: DigestPlan;
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

  /** Set when a worker failed or the pool was closed: every later or outstanding batch is rejected with it. */
  private failure: Error | null = null;
  /** Batches on a worker, so a dying worker (or close) can reject them instead of leaving them pending forever. */
  private outstanding = new Map<Worker, (error: Error) => void>();

  private heartbeat: SharedArrayBuffer | undefined;

  constructor(
    private config: ResolvedConfig,
    options: DigestPoolOptions,
  ) {
    this.heartbeat = options.heartbeat;
    this.plan = options.plan ?? null;
    this.script = options.plan ? null : (options.script ?? workerScript());
    const wanted = options.threads ?? Math.max(1, Math.min(availableParallelism(), 8));
    this.threads =
      this.script && wanted >= 2 && options.expected >= PARALLEL_THRESHOLD && cloneable(config) ? wanted : 1;
    this.queue = new PQueue({ concurrency: this.threads });
  }

  /**
   * Resolves when fewer than `limit` batches are waiting (back-pressure for the reader), or at once after a failure.
   */
  async room(limit: number): Promise<void> {
    if (this.failure) return;
    await Promise.race([this.queue.onSizeLessThan(limit), this.failed]);
  }

  private failedResolve: () => void = () => {};
  private readonly failed = new Promise<void>((resolve) => (this.failedResolve = resolve));

  digest(sources: SourceFile[]): Promise<DigestOutcome[]> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.threads > 1 && this.workers.length === 0 && sources.length >= THREAD_START_BATCH) {
      this.workers = Array.from({ length: this.threads }, (_, k) => this.startWorker(k + 1));
      this.idle = [...this.workers];
    }
    if (this.workers.length === 0) {
      this.plan ??= digestPlan(this.config);
      const plan = this.plan;
      return this.queue.add(async () => {
        if (this.failure) throw this.failure;
        return sources.map((source) => digestSource(source, plan, this.heartbeat));
      });
    }
    return this.queue.add(() => this.onWorker(sources));
  }

  private startWorker(slot: number): Worker {
    const worker = new Worker(this.script!, {
      workerData: { config: this.config, heartbeat: this.heartbeat, slot },
      ...workerStartOptions(),
    });
    // A worker that throws outside a batch, cannot deserialise a message or exits is never reused: the whole pool
    // fails, so the audit stops with the error instead of waiting for an answer that will not come.
    worker.on('error', (error) => this.fail(error));
    worker.on('messageerror', (error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(`digest worker exited (code ${code})`)));
    return worker;
  }

  /** Fail the pool: reject the outstanding batches and stop the workers. Idempotent. */
  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    this.failedResolve();
    // Queued batches are not dropped (their promises would never settle): they start, see the failure and reject.
    for (const reject of this.outstanding.values()) reject(error);
    this.outstanding.clear();
    for (const worker of this.workers) void worker.terminate();
  }

  private onWorker(sources: SourceFile[]): Promise<DigestOutcome[]> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      const worker = this.idle.pop()!;
      const id = this.nextId++;
      const onMessage = (response: WorkerResponse) => {
        if (response.id !== id) return;
        worker.off('message', onMessage);
        this.outstanding.delete(worker);
        this.idle.push(worker);
        resolve(response.outcomes);
      };
      this.outstanding.set(worker, (error) => {
        worker.off('message', onMessage);
        reject(error);
      });
      worker.on('message', onMessage);
      worker.postMessage({ id, sources } satisfies WorkerRequest);
    });
  }

  /** Stop the workers; batches still outstanding are rejected (an interrupted audit does not wait for them). */
  async close(): Promise<void> {
    const workers = this.workers;
    this.fail(new Error('digest pool closed'));
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
