// JSON: the report contract itself (docs/report-format.md). Key order is fixed by the Report object; output is stable.
import type { Report } from '../pipeline/types.js';

export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
