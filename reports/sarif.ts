// PLACEHOLDER — replaced by the real renderer.
import type { Report } from '../pipeline/types.js';

export function renderSarif(report: Report): string {
  return JSON.stringify(report.summary);
}
