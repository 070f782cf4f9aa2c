// GitHub Actions workflow commands: one annotation per finding for the most severe N, then a summary notice.
// GitHub shows only ~10 annotations per type per step (~50 per job), so we choose which ones rather than letting it.
import { SEVERITY_RANK } from '../pipeline/findings.js';
import type { Finding, Report, Severity } from '../pipeline/types.js';

export interface GithubOptions {
  /** How many findings become annotations (most severe first); default 10. */
  maxAnnotations?: number;
}

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = {
  error: 'error',
  warning: 'warning',
  info: 'notice',
};

/** Escape a workflow-command message (the data after `::`). */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escape a workflow-command property value (file=, title=, …). */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function positive(value: number | undefined): number | undefined {
  return value !== undefined && Number.isFinite(value) && value >= 1 ? Math.trunc(value) : undefined;
}

export function annotation(finding: Finding): string {
  const props: string[] = [`file=${escapeProperty(finding.path)}`];
  const line = positive(finding.line);
  const col = positive(finding.column);
  const endLine = positive(finding.endLine);
  const endColumn = positive(finding.endColumn);
  if (line) props.push(`line=${line}`);
  if (line && col) props.push(`col=${col}`);
  if (line && endLine && endLine >= line) props.push(`endLine=${endLine}`);
  if (line && endLine && endLine >= line && endColumn) props.push(`endColumn=${endColumn}`);
  props.push(`title=${escapeProperty(finding.baseline ? `${finding.ruleId} (baseline)` : finding.ruleId)}`);
  let message = finding.message;
  if (finding.suggestion) message += `\nSuggestion: ${finding.suggestion}`;
  return `::${COMMAND[finding.severity]} ${props.join(',')}::${escapeData(message)}`;
}

/** Most severe first; new findings before baseline ones; report order (path, line, column) within a level. */
export function annotationOrder(findings: readonly Finding[]): Finding[] {
  return findings
    .map((finding, index) => ({ finding, index }))
    .sort(
      (x, y) =>
        Number(!!x.finding.baseline) - Number(!!y.finding.baseline) ||
        SEVERITY_RANK[y.finding.severity] - SEVERITY_RANK[x.finding.severity] ||
        x.index - y.index,
    )
    .map(({ finding }) => finding);
}

export function renderGithub(report: Report, options: GithubOptions = {}): string {
  const max = Math.max(0, Math.trunc(options.maxAnnotations ?? 10));
  const ordered = annotationOrder(report.findings);
  const shown = ordered.slice(0, max);
  const rest = ordered.slice(max);
  const lines = shown.map(annotation);
  if (rest.length) {
    const counts = { error: 0, warning: 0, info: 0 };
    for (const finding of rest) counts[finding.severity]++;
    const parts = [
      counts.error ? `${counts.error} error${counts.error === 1 ? '' : 's'}` : '',
      counts.warning ? `${counts.warning} warning${counts.warning === 1 ? '' : 's'}` : '',
      counts.info ? `${counts.info} info` : '',
    ].filter(Boolean);
    const verdict = report.summary.passed ? 'passed' : `failed (fail-on: ${report.summary.failOn})`;
    lines.push(
      `::notice title=${escapeProperty('content-audit')}::${escapeData(
        `${rest.length} more finding${rest.length === 1 ? '' : 's'} not annotated (${parts.join(', ')}); the ` +
          `audit ${verdict}. See the HTML, Markdown or SARIF report for all ${report.findings.length}.`,
      )}`,
    );
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
