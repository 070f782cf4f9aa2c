// PLACEHOLDER — replaced by the real renderer.
import type { Report } from '../pipeline/types.js';

export function renderMarkdown(report: Report, _options: { maxBytes?: number } = {}): string {
  return JSON.stringify(report.summary);
}
