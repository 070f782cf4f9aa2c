// Per-file time budget (config maxFileSeconds): every thread that processes a document writes which file it is on,
// and since when, into a shared memory slot; a watchdog on another thread (the CLI's main thread) reads the slots and
// stops the audit when one file has been running longer than the budget. JavaScript cannot interrupt a synchronous
// parse from inside, so the watchdog terminates the audit thread and the CLI audits again with that file reported
// as not audited (bin/run-audit.ts). Shared memory, not messages: a thread busy on a runaway file cannot post any.

/** Slot 0: the thread that runs the audit; slots 1..MAX_SLOTS-1: the digest workers. */
export const MAX_SLOTS = 9;
const PATH_BYTES = 2048;
// A slot starts with a Float64 (the start time): slot sizes are rounded up to 8 bytes so every slot's start is aligned.
const SLOT_BYTES = Math.ceil((8 + 4 + PATH_BYTES) / 8) * 8;

/** A SharedArrayBuffer to pass to the audit (AuditOptions.heartbeat) and to read with overdueFile(). */
export function createHeartbeat(): SharedArrayBuffer {
  return new SharedArrayBuffer(SLOT_BYTES * MAX_SLOTS);
}

/** Slot `slot` is now processing `path` (or nothing, for null). */
export function beat(buffer: SharedArrayBuffer | undefined, slot: number, path: string | null): void {
  if (!buffer || slot >= MAX_SLOTS) return;
  const base = slot * SLOT_BYTES;
  const started = new Float64Array(buffer, base, 1);
  const length = new Int32Array(buffer, base + 8, 1);
  Atomics.store(length, 0, 0); // readers skip the slot while it is being rewritten
  if (path === null) return;
  const bytes = new TextEncoder().encode(path).subarray(0, PATH_BYTES);
  new Uint8Array(buffer, base + 12, PATH_BYTES).set(bytes);
  started[0] = Date.now();
  Atomics.store(length, 0, bytes.length);
}

/** The path of a file processed for longer than `budgetMs`, or null. */
export function overdueFile(buffer: SharedArrayBuffer, budgetMs: number, now = Date.now()): string | null {
  for (let slot = 0; slot < MAX_SLOTS; slot++) {
    const base = slot * SLOT_BYTES;
    const length = Atomics.load(new Int32Array(buffer, base + 8, 1), 0);
    if (length <= 0) continue;
    const started = new Float64Array(buffer, base, 1)[0];
    if (now - started <= budgetMs) continue;
    return new TextDecoder().decode(new Uint8Array(buffer, base + 12, length).slice());
  }
  return null;
}
