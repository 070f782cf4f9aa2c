// PLACEHOLDER — replaced by the real renderer.
import type { Report } from '../pipeline/types.js';

export function renderGithub(report: Report, _options: { maxAnnotations?: number } = {}): string {
  return JSON.stringify(report.summary);
}
