// Orders of the claims stage's output: claims by location, the report's conflicts by subject then attribute. Plain
// code-unit comparison (never locale-dependent), so reports are byte-identical everywhere.
import type { ClaimConflict } from '../../types.js';
import type { Claim } from './types.js';

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function byLocation(a: Claim, b: Claim): number {
  return cmp(a.path, b.path) || a.line - b.line || a.column - b.column;
}

/** Order of the report's conflicts list: subject, then attribute. */
export function compareConflicts(a: ClaimConflict, b: ClaimConflict): number {
  return cmp(a.subject, b.subject) || cmp(a.attribute, b.attribute);
}
