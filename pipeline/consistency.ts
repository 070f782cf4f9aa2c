// The report's pairs, clusters and conflicts kept consistent with its findings: a rule that is off leaves no pairs or
// conflicts of its kind; a pair or conflict whose every finding was suppressed inline goes too; one whose every
// finding is in the baseline is marked `baseline: true`, as its findings are. Items are tied to their findings by
// structure (rule id, paths, positions), never by parsing message or evidence text.
import type {
  ClaimConflict,
  ClaimsReport,
  CopiedPassagePair,
  DuplicatePair,
  DuplicatesReport,
  FindingDraft,
} from './types.js';

/** Findings of one rule in one file. */
type Lookup = (ruleId: string, path: string) => readonly FindingDraft[];

/** Index a list of findings by rule id and path (once per report, so matching stays linear in pairs + findings). */
function indexed(findings: readonly FindingDraft[]): Lookup {
  const index = new Map<string, FindingDraft[]>();
  for (const f of findings) {
    const key = `${f.ruleId}\u0000${f.path}`;
    const list = index.get(key);
    if (list) list.push(f);
    else index.set(key, [f]);
  }
  return (ruleId, path) => index.get(`${ruleId}\u0000${path}`) ?? [];
}

/** The findings that belong to a pair of articles: its rule, in either article, pointing at the other one. */
function ofPair(ruleId: string, pair: { a: string; b: string }, lookup: Lookup): FindingDraft[] {
  return [
    ...lookup(ruleId, pair.a).filter((f) => f.related?.some((r) => r.path === pair.b)),
    ...lookup(ruleId, pair.b).filter((f) => f.related?.some((r) => r.path === pair.a)),
  ];
}

/** The claim-conflict findings of a conflict: one at each located value. */
function ofConflict(conflict: ClaimConflict, lookup: Lookup): FindingDraft[] {
  const paths = [...new Set(conflict.values.map((v) => v.path))];
  return paths.flatMap((path) =>
    lookup('claim-conflict', path).filter((f) =>
      conflict.values.some(
        (v) => v.path === f.path && v.line === f.line && (v.column === undefined || v.column === f.column),
      ),
    ),
  );
}

export interface ConsistencyInput {
  /** Configured severity is 'off'. */
  isOff(ruleId: string): boolean;
  /** Findings that were suppressed by inline comments (before fingerprinting). */
  suppressed: readonly FindingDraft[];
  /** The report's findings (after suppressions; `baseline` marked). */
  findings: readonly (FindingDraft & { baseline?: boolean })[];
  /** Words per document path (the cluster representative is the longest article). */
  words: ReadonlyMap<string, number>;
}

/** Whether suppressions or the baseline can change any item (else the stages' results are kept as they are). */
const touched = (input: ConsistencyInput) => input.suppressed.length > 0 || input.findings.some((f) => f.baseline);

/** The two finding lists an item is judged by, indexed. */
interface Lookups {
  suppressed: Lookup;
  current: Lookup;
  anySuppressed: boolean;
}

function lookupsOf(input: ConsistencyInput): Lookups {
  return {
    suppressed: indexed(input.suppressed),
    current: indexed(input.findings),
    anySuppressed: input.suppressed.length > 0,
  };
}

/** Keep an item unless all of its findings were suppressed; mark it when all of its findings are in the baseline. */
function settle<T extends object>(item: T, own: (lookup: Lookup) => FindingDraft[], lookups: Lookups): T | null {
  const current = own(lookups.current) as (FindingDraft & { baseline?: boolean })[];
  if (lookups.anySuppressed && !current.length && own(lookups.suppressed).length) return null;
  const { baseline: _old, ...rest } = item as T & { baseline?: true };
  if (current.length && current.every((f) => f.baseline)) return { ...rest, baseline: true } as T;
  return ('baseline' in item ? rest : item) as T;
}

const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** Connected components of the pairs (same order as the duplication stage: representative first, then by path). */
export function clustersOfPairs(
  pairs: readonly { a: string; b: string }[],
  words: ReadonlyMap<string, number>,
): string[][] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    while (parent.get(x) !== x) x = parent.get(x)!;
    return x;
  };
  for (const { a, b } of pairs) {
    for (const x of [a, b]) if (!parent.has(x)) parent.set(x, x);
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) continue;
    const [low, high] = ra < rb ? [ra, rb] : [rb, ra];
    parent.set(high, low);
  }
  const groups = new Map<string, string[]>();
  for (const x of parent.keys()) {
    const root = find(x);
    groups.set(root, [...(groups.get(root) ?? []), x]);
  }
  const clusters = [...groups.values()].map((members) => {
    let rep = members[0];
    for (const m of members) {
      const w = words.get(m) ?? 0;
      const rw = words.get(rep) ?? 0;
      if (w > rw || (w === rw && m < rep)) rep = m;
    }
    return [rep, ...members.filter((m) => m !== rep).sort(cmp)];
  });
  return clusters.sort((x, y) => cmp(x[0], y[0]));
}

export function consistentDuplicates(duplicates: DuplicatesReport, input: ConsistencyInput): DuplicatesReport {
  const lookups = touched(input) ? lookupsOf(input) : null;
  const pairs: DuplicatePair[] = [];
  for (const pair of duplicates.pairs) {
    if (input.isOff(pair.kind)) continue;
    const kept = lookups ? settle(pair, (lookup) => ofPair(pair.kind, pair, lookup), lookups) : pair;
    if (kept) pairs.push(kept);
  }
  let out: DuplicatesReport = { ...duplicates, pairs };
  if (pairs.length !== duplicates.pairs.length) {
    const clusters = clustersOfPairs(pairs, input.words);
    const clusterOf = new Map<string, number>();
    clusters.forEach((members, c) => {
      for (const p of members) clusterOf.set(p, c);
    });
    const inOne = (s: { a: string; b: string }) => clusterOf.has(s.a) && clusterOf.get(s.a) === clusterOf.get(s.b);
    out = {
      ...out,
      clusters,
      ...(duplicates.clusterScores ? { clusterScores: duplicates.clusterScores.filter(inOne) } : {}),
    };
  }
  if (duplicates.copied && (lookups || input.isOff('copied-passage'))) {
    const copied: CopiedPassagePair[] = [];
    if (lookups && !input.isOff('copied-passage')) {
      for (const pair of duplicates.copied) {
        const kept = settle(pair, (lookup) => ofPair('copied-passage', pair, lookup), lookups);
        if (kept) copied.push(kept);
      }
    }
    out = { ...out, copied };
  }
  // Keep the key order of the stage's result (reports are compared byte for byte).
  return Object.fromEntries(
    Object.keys(duplicates).map((key) => [key, out[key as keyof DuplicatesReport]]),
  ) as unknown as DuplicatesReport;
}

export function consistentClaims(claims: ClaimsReport, input: ConsistencyInput): ClaimsReport {
  if (input.isOff('claim-conflict')) return claims.conflicts.length ? { ...claims, conflicts: [] } : claims;
  if (!touched(input)) return claims;
  const lookups = lookupsOf(input);
  const conflicts: ClaimConflict[] = [];
  for (const conflict of claims.conflicts) {
    const kept = settle(conflict, (lookup) => ofConflict(conflict, lookup), lookups);
    if (kept) conflicts.push(kept);
  }
  return { ...claims, conflicts };
}
