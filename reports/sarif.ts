// SARIF 2.1.0 for GitHub code scanning (and any SARIF viewer). One run, one driver, every known rule described.
import { SEVERITY_RANK } from '../pipeline/findings.js';
import { type RuleMeta, ruleDocsPath } from '../pipeline/rule.js';
import { allRules } from '../pipeline/rules.js';
import type { Finding, Report, Severity } from '../pipeline/types.js';
import { ruleDocsUrl, toolInformationUri } from './rule-docs.js';

export interface SarifOptions {
  /**
   * Absolute http(s) base under which `docs/rules/<id>.md` lives. Default: the package's GitHub repository at the
   * tool's version tag when package.json names one, else none (rules are named without a link: rule-docs.ts).
   */
  rulesBaseUrl?: string;
  /** GitHub code scanning accepts at most 25,000 results per run; the most severe are kept. */
  maxResults?: number;
  /** Rule metadata to describe (default: the registry, pipeline/rules.ts). Tests pin it so snapshots do not churn. */
  rules?: readonly RuleMeta[];
}

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};

/** A report path (relative, `/`-separated) as a SARIF uri-reference: each segment percent-encoded. */
export function artifactUri(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

function region(line: number, column?: number, endLine?: number, endColumn?: number) {
  const startLine = Math.max(1, Math.trunc(line) || 1);
  const out: { startLine: number; startColumn?: number; endLine?: number; endColumn?: number } = { startLine };
  if (column !== undefined && column >= 1) out.startColumn = Math.trunc(column);
  if (endLine !== undefined && endLine >= startLine) {
    out.endLine = Math.trunc(endLine);
    if (
      endColumn !== undefined &&
      endColumn >= 1 &&
      (endLine > startLine || out.startColumn === undefined || endColumn >= out.startColumn)
    )
      out.endColumn = Math.trunc(endColumn);
  }
  return out;
}

function location(path: string, line: number, column?: number, endLine?: number, endColumn?: number) {
  return {
    physicalLocation: {
      artifactLocation: { uri: artifactUri(path), uriBaseId: '%SRCROOT%' },
      region: region(line, column, endLine, endColumn),
    },
  };
}

function bySeverity(findings: Finding[]): Finding[] {
  // Stable: report order (path, line, column, rule) within a severity.
  return findings
    .map((finding, index) => ({ finding, index }))
    .sort((x, y) => SEVERITY_RANK[y.finding.severity] - SEVERITY_RANK[x.finding.severity] || x.index - y.index)
    .map(({ finding }) => finding);
}

export function renderSarif(report: Report, options: SarifOptions = {}): string {
  const version = report.tool.version;
  const registry = options.rules ?? allRules;
  const known = new Map(registry.map((rule) => [rule.id, rule]));
  const ruleIds = [
    ...new Set([...registry.map((rule) => rule.id), ...report.findings.map((finding) => finding.ruleId)]),
  ].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const ruleIndex = new Map(ruleIds.map((id, index) => [id, index]));
  const rules = ruleIds.map((id) => {
    const meta = known.get(id);
    const description = meta?.description || id;
    const helpUri = ruleDocsUrl(id, version, options.rulesBaseUrl);
    return {
      id,
      name: id
        .split('-')
        .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
        .join(''),
      shortDescription: { text: description },
      ...(helpUri ? { helpUri } : {}),
      help: {
        text: `${description} Documentation: ${ruleDocsPath(id)}`,
        markdown: helpUri
          ? `${description}\n\nSee [${ruleDocsPath(id)}](${helpUri}).`
          : `${description}\n\nSee ${ruleDocsPath(id)} in the content-audit package.`,
      },
      defaultConfiguration: { level: SARIF_LEVEL[meta?.defaultSeverity ?? 'warning'] },
    };
  });

  const maxResults = options.maxResults ?? 25_000;
  const ordered =
    report.findings.length > maxResults ? bySeverity(report.findings).slice(0, maxResults) : report.findings;
  const withBaseline = report.findings.some((finding) => finding.baseline);
  const results = ordered.map((finding) => {
    const message = finding.suggestion ? `${finding.message}\nSuggestion: ${finding.suggestion}` : finding.message;
    const result: Record<string, unknown> = {
      ruleId: finding.ruleId,
      ruleIndex: ruleIndex.get(finding.ruleId),
      level: SARIF_LEVEL[finding.severity],
      message: { text: message },
      locations: [location(finding.path, finding.line, finding.column, finding.endLine, finding.endColumn)],
      partialFingerprints: { 'contentAudit/v1': finding.fingerprint },
    };
    if (finding.related?.length) {
      result.relatedLocations = finding.related.map((related, index) => ({
        id: index + 1,
        ...location(related.path, related.line, related.column),
        message: { text: related.message },
      }));
    }
    if (withBaseline) result.baselineState = finding.baseline ? 'unchanged' : 'new';
    const properties: Record<string, unknown> = { severity: finding.severity };
    if (finding.evidence !== undefined) properties.evidence = finding.evidence;
    if (finding.suggestion !== undefined) properties.suggestion = finding.suggestion;
    result.properties = properties;
    return result;
  });

  const run: Record<string, unknown> = {
    tool: {
      driver: {
        name: report.tool.name,
        version,
        semanticVersion: version,
        ...(toolInformationUri() ? { informationUri: toolInformationUri() } : {}),
        rules,
      },
    },
    invocations: [{ executionSuccessful: true }],
    columnKind: 'utf16CodeUnits',
    results,
    properties: {
      schemaVersion: report.schemaVersion,
      passed: report.summary.passed,
      failOn: report.summary.failOn,
      documents: report.summary.documents,
      ...(ordered.length < report.findings.length ? { truncatedResults: report.findings.length - ordered.length } : {}),
    },
  };
  if (report.generatedAt) (run.invocations as Record<string, unknown>[])[0].endTimeUtc = report.generatedAt;
  return `${JSON.stringify({ $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] }, null, 2)}\n`;
}
