// Stylish: a terminal summary grouped by file — `path:line:col  severity  message  rule-id`, then totals.
import type { Finding, Report, Severity } from '../pipeline/types.js';

export interface StylishOptions {
  color?: boolean;
}

const CODES = { red: 31, yellow: 33, blue: 34, dim: 2, bold: 1, green: 32, underline: 4 } as const;
type Style = keyof typeof CODES;

function painter(enabled: boolean) {
  return (style: Style, text: string) => (enabled ? `\u001b[${CODES[style]}m${text}\u001b[0m` : text);
}

const SEVERITY_STYLE: Record<Severity, Style> = { error: 'red', warning: 'yellow', info: 'blue' };

/** Strip control characters so untrusted text cannot drive the terminal. */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '').replace(/\s+/g, ' ');
}

export function renderStylish(report: Report, options: StylishOptions = {}): string {
  const paint = painter(options.color ?? false);
  const byPath = new Map<string, Finding[]>();
  for (const finding of report.findings) {
    const list = byPath.get(finding.path) ?? [];
    list.push(finding);
    byPath.set(finding.path, list);
  }
  const lines: string[] = [];
  for (const [file, findings] of byPath) {
    lines.push(paint('underline', clean(file)));
    const rows = findings.map((f) => ({
      where: `${clean(f.path)}:${f.line}:${f.column}`,
      severity: f.baseline ? `${f.severity}*` : f.severity,
      style: SEVERITY_STYLE[f.severity],
      message: clean(f.message),
      rule: f.ruleId,
    }));
    const whereWidth = Math.max(...rows.map((r) => r.where.length));
    for (const row of rows) {
      lines.push(
        `  ${paint('dim', row.where.padEnd(whereWidth))}  ${paint(row.style, row.severity.padEnd(8))} ${row.message} ` +
          ` ${paint('dim', row.rule)}`,
      );
    }
    lines.push('');
  }
  const { summary, duplicates, claims } = report;
  if (duplicates.clusters.length) {
    lines.push(paint('bold', 'Duplicate clusters'));
    for (const cluster of duplicates.clusters)
      lines.push(`  ${clean(cluster[0])} ${paint('dim', `← ${cluster.slice(1).map(clean).join(', ')}`)}`);
    lines.push('');
  }
  if (claims.conflicts.length) {
    lines.push(paint('bold', 'Claim conflicts'));
    for (const conflict of claims.conflicts.slice(0, 20)) {
      lines.push(
        `  ${clean(conflict.subject)} · ${clean(conflict.attribute)}: ` +
          conflict.values.map((v) => `"${clean(v.value)}" (${clean(v.path)}:${v.line})`).join(' vs '),
      );
    }
    if (claims.conflicts.length > 20)
      lines.push(paint('dim', `  … ${claims.conflicts.length - 20} more in the JSON/HTML report`));
    lines.push('');
  }
  const total = summary.errors + summary.warnings + summary.infos;
  const counts = [
    paint('red', `${summary.errors} error${summary.errors === 1 ? '' : 's'}`),
    paint('yellow', `${summary.warnings} warning${summary.warnings === 1 ? '' : 's'}`),
    paint('blue', `${summary.infos} info`),
  ].join(', ');
  const baseline = summary.baseline ? `, ${summary.baseline} in baseline` : '';
  const verdict = summary.passed ? paint('green', '✔ passed') : paint('red', `✖ failed (fail-on: ${summary.failOn})`);
  lines.push(
    `${verdict}  ${total} finding${total === 1 ? '' : 's'} (${counts}${baseline}) in ${summary.documents} ` +
      `document${summary.documents === 1 ? '' : 's'}`,
  );
  return `${lines.join('\n')}\n`;
}
