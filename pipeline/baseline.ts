// Baseline: a committed list of known findings (by fingerprint) that do not fail the run.
// Fingerprints never include line numbers (findings.ts), so edits elsewhere in a file keep the baseline valid.
import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { consistentClaims, consistentDuplicates } from './consistency.js';
import { atLeast } from './findings.js';
import { UsageError } from './load.js';
import type { Finding, Report } from './types.js';

export const BASELINE_FILE_NAME = 'content-audit.baseline.json';
export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  ruleId: string;
  path: string;
  fingerprint: string;
}

export interface BaselineFile {
  version: typeof BASELINE_VERSION;
  findings: BaselineEntry[];
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function sortEntries(entries: BaselineEntry[]): BaselineEntry[] {
  const unique = new Map<string, BaselineEntry>();
  for (const entry of entries)
    unique.set(`${entry.path}\u0000${entry.ruleId}\u0000${entry.fingerprint}`, {
      ruleId: entry.ruleId,
      path: entry.path,
      fingerprint: entry.fingerprint,
    });
  return [...unique.values()].sort(
    (a, b) => cmp(a.path, b.path) || cmp(a.ruleId, b.ruleId) || cmp(a.fingerprint, b.fingerprint),
  );
}

/** Validate parsed JSON as a baseline file; throws UsageError naming the file and the problem. */
export function parseBaseline(data: unknown, file = BASELINE_FILE_NAME): BaselineFile {
  const fail = (why: string): never => {
    throw new UsageError(`Invalid baseline ${file}: ${why}. Regenerate it with --update-baseline.`);
  };
  if (!data || typeof data !== 'object' || Array.isArray(data)) fail('expected a JSON object { version, findings }');
  const record = data as Record<string, unknown>;
  if (record.version !== BASELINE_VERSION)
    fail(`expected version ${BASELINE_VERSION}, found ${JSON.stringify(record.version)}`);
  if (!Array.isArray(record.findings)) fail('expected "findings" to be an array');
  const findings = (record.findings as unknown[]).map((entry, index) => {
    const e = entry as Record<string, unknown>;
    if (
      !e ||
      typeof e !== 'object' ||
      typeof e.ruleId !== 'string' ||
      typeof e.path !== 'string' ||
      typeof e.fingerprint !== 'string'
    ) {
      return fail(`findings[${index}] must be { ruleId: string, path: string, fingerprint: string }`);
    }
    return { ruleId: e.ruleId, path: e.path, fingerprint: e.fingerprint };
  });
  return { version: BASELINE_VERSION, findings };
}

/** Read a baseline file; a missing file is an empty baseline when `optional`. */
export async function readBaseline(file: string, optional = false): Promise<BaselineFile> {
  if (optional && !existsSync(file)) return { version: BASELINE_VERSION, findings: [] };
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `Cannot read baseline ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `Invalid baseline ${file}: not JSON (${(error as Error).message}). Regenerate it with --update-baseline.`,
    );
  }
  return parseBaseline(data, file);
}

/** The set of fingerprints auditArticles() uses to mark findings as baseline. */
export function baselineKeys(baseline: BaselineFile): Set<string> {
  return new Set(baseline.findings.map((entry) => baselineKey(entry)));
}

export function baselineKey(entry: Pick<BaselineEntry, 'ruleId' | 'path' | 'fingerprint'>): string {
  return `${entry.ruleId}\u0000${entry.path}\u0000${entry.fingerprint}`;
}

/**
 * The new baseline after a run: current findings of the audited documents, plus the old entries of files
 * this run did not audit (a partial run — paths, --changed-since, --compare-with — must not drop them).
 * Entries of audited files whose finding vanished are pruned.
 */
export function updatedBaseline(
  previous: BaselineFile | null,
  report: Pick<Report, 'documents' | 'findings'>,
): BaselineFile {
  const audited = new Set(report.documents.map((doc) => doc.path));
  for (const finding of report.findings) audited.add(finding.path);
  const kept = (previous?.findings ?? []).filter((entry) => !audited.has(entry.path));
  const current = report.findings.map((finding) => ({
    ruleId: finding.ruleId,
    path: finding.path,
    fingerprint: finding.fingerprint,
  }));
  return { version: BASELINE_VERSION, findings: sortEntries([...kept, ...current]) };
}

/** Stable, pretty JSON (sorted entries, fixed key order, trailing newline). */
export function serializeBaseline(baseline: BaselineFile): string {
  return `${JSON.stringify({ version: BASELINE_VERSION, findings: sortEntries(baseline.findings) }, null, 2)}\n`;
}

export async function writeBaseline(file: string, baseline: BaselineFile): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await writeFile(temp, serializeBaseline(baseline), 'utf8');
    await rename(temp, file);
  } catch (error) {
    throw new UsageError(
      `Cannot write baseline ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

/** Mark findings whose fingerprint is in the baseline; they stay in the report but do not fail the run. */
export function markBaselineFindings(findings: Finding[], keys: ReadonlySet<string>): Finding[] {
  if (!keys.size) return findings;
  return findings.map((finding) => (keys.has(baselineKey(finding)) ? { ...finding, baseline: true } : finding));
}

/** Re-mark a finished report against a baseline and recompute summary.passed / summary.baseline. */
export function applyBaselineToReport(report: Report, keys: ReadonlySet<string>): Report {
  const findings = markBaselineFindings(
    report.findings.map(({ baseline: _b, ...rest }) => rest),
    keys,
  );
  let failing = false;
  let baseline = 0;
  for (const finding of findings) {
    if (finding.baseline) baseline++;
    else if (atLeast(finding.severity, report.summary.failOn)) failing = true;
  }
  const { baseline: _old, ...summary } = report.summary;
  // Pairs and conflicts whose every finding is now in the baseline are marked like their findings.
  const consistency = {
    isOff: () => false,
    suppressed: [],
    findings,
    words: new Map(report.documents.map((doc) => [doc.path, doc.words])),
  };
  const duplicates = consistentDuplicates(report.duplicates, consistency);
  const claims = consistentClaims(report.claims, consistency);
  return {
    ...report,
    summary: { ...summary, passed: !failing, ...(baseline ? { baseline } : {}) },
    findings,
    duplicates,
    claims,
  };
}
