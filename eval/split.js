// Which half of the real-prose evaluation an article belongs to: a hash of its file name, so the split is stable
// whatever else is in the folder. Detector authors look at the tuning half only; the test half is scored, never read.
import { createHash } from 'node:crypto';
import { basename } from 'node:path';

/** @param {string} name a file name (or path; only the base name counts) @returns {'tuning'|'test'} */
export function halfOf(name) {
  return createHash('sha256').update(basename(name)).digest()[0] % 2 === 0 ? 'tuning' : 'test';
}
