// Finding helpers: severity order, stable fingerprints, deterministic sort.
import { createHash } from 'node:crypto';
import type { Finding, FindingDraft, Severity } from './types.js';

export const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

export function atLeast(severity: Severity, threshold: Severity | 'never'): boolean {
  return threshold !== 'never' && SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold];
}

function normaliseForFingerprint(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * Fingerprints depend on rule, path, and the normalised evidence (or message) plus its occurrence index —
 * never on line numbers, so edits elsewhere in the file keep them stable.
 */
export function fingerprintAll(drafts: FindingDraft[]): Finding[] {
  const seen = new Map<string, number>();
  return drafts.map((draft) => {
    const evidence = normaliseForFingerprint(draft.evidence ?? draft.message.replace(/\d+/g, '#'));
    const basis = `${draft.ruleId}\u0000${draft.path}\u0000${evidence}`;
    const occurrence = seen.get(basis) ?? 0;
    seen.set(basis, occurrence + 1);
    const fingerprint = createHash('sha256').update(`${basis}\u0000${occurrence}`).digest('hex').slice(0, 16);
    return { ...draft, fingerprint };
  });
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function compareFindings(a: FindingDraft, b: FindingDraft): number {
  return (
    cmp(a.path, b.path) ||
    a.line - b.line ||
    a.column - b.column ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.message, b.message)
  );
}
