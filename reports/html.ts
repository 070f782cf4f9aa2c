// PLACEHOLDER — replaced by the real renderer.
import type { Report } from '../pipeline/types.js';

export function renderHtml(report: Report): string {
  return JSON.stringify(report.summary);
}
