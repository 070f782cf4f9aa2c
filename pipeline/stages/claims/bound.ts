// Findings kept per article: the first `max` in position order, so one article with many claims cannot flood a report.
import type { StageFindingDraft } from '../../stage.js';

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function boundPerArticle<T extends StageFindingDraft>(findings: T[], max: number): T[] {
  const perPath = new Map<string, number>();
  return findings
    .sort((a, b) => cmp(a.path, b.path) || a.line - b.line || a.column - b.column)
    .filter((f) => {
      const n = (perPath.get(f.path) ?? 0) + 1;
      perPath.set(f.path, n);
      return n <= max;
    });
}
