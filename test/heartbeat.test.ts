// The per-file time budget's shared slots: every slot (the audit thread and each digest worker) can be written and
// read.
import { describe, expect, it } from 'vitest';
import { beat, createHeartbeat, MAX_SLOTS, overdueFile } from '../pipeline/heartbeat.js';

describe('heartbeat slots', () => {
  it('every slot records its file and the watchdog finds the overdue one', () => {
    const buffer = createHeartbeat();
    for (let slot = 0; slot < MAX_SLOTS; slot++) {
      beat(buffer, slot, `articles/file-${slot}.md`);
    }
    // Nothing is overdue yet with a generous budget; everything is overdue from far in the future.
    expect(overdueFile(buffer, 60_000)).toBeNull();
    expect(overdueFile(buffer, 1, Date.now() + 10_000)).toBe('articles/file-0.md');
  });

  it('a digest worker slot (not slot 0) is read back on its own', () => {
    const buffer = createHeartbeat();
    beat(buffer, MAX_SLOTS - 1, 'docs/ünïcode path.md');
    expect(overdueFile(buffer, 1, Date.now() + 10_000)).toBe('docs/ünïcode path.md');
    beat(buffer, MAX_SLOTS - 1, null);
    expect(overdueFile(buffer, 1, Date.now() + 10_000)).toBeNull();
  });
});
