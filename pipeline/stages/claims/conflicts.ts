// Rule claim-conflict: values of one slot that cannot both be true, in different articles (or in one article, for
// attributes that hold one value per subject). Pairs the rules cannot decide (HK$ vs US$, different kinds) are kept
// for the optional verifier (verifier.ts), which reports the ones it judges with conflictFinding too.
import type { StageFindingDraft } from '../../stage.js';
import type { ClaimConflict, RelatedLocation } from '../../types.js';
import { normalisedClaim } from './normalised.js';
import { byLocation } from './order.js';
import type { ResolvedClaims, Slot } from './slots.js';
import type { Claim } from './types.js';

/** Two values of one (subject, attribute) slot that the rules cannot compare (HK$ vs US$, different kinds). */
export interface UndecidedPair {
  subject: string;
  attribute: string;
  a: Claim;
  b: Claim;
  /** Every claim with a's (b's) value signature, a (b) included: a verified conflict is reported on all of them. */
  aClaims: readonly Claim[];
  bClaims: readonly Claim[];
  /** The attribute holds one value per subject (`withinArticle`): two values in one article conflict too. */
  within: boolean;
  /** Display values (as in the report) of the claims above; one map shared by all pairs of a run. */
  values: ReadonlyMap<Claim, string>;
}

/** At most this many related locations per claim-conflict finding. */
const MAX_RELATED = 10;
/** At most this many undecided pairs per run are kept for the verifier. */
const MAX_UNDECIDED = 10_000;

/**
 * The claim-conflict finding on claim `c` against `others` (sorted by location), shown with `display`.
 * `judged` marks conflicts decided by the optional verifier (message and evidence say so, so their fingerprints never
 * collide with a rule-decided finding on the same claim).
 */
export function conflictFinding(
  subject: string,
  attribute: string,
  c: Claim,
  others: readonly Claim[],
  display: (c: Claim) => string,
  judged?: 'verifier',
): StageFindingDraft {
  const shown = others.slice(0, 2).map((o) => `"${display(o)}" in ${o.path === c.path ? `line ${o.line}` : o.path}`);
  const more = others.length > 2 ? ` and ${others.length - 2} more` : '';
  const related: RelatedLocation[] = others.slice(0, MAX_RELATED).map((o) => ({
    path: o.path,
    line: o.line,
    column: o.column,
    message: `${subject}: "${attribute}" is "${display(o)}" here.`,
  }));
  const note = judged ? ' (judged by the verifier)' : '';
  return {
    ruleId: 'claim-conflict',
    path: c.path,
    line: c.line,
    column: c.column,
    endLine: c.endLine,
    endColumn: c.endColumn,
    message: `${subject}: "${attribute}" is "${display(c)}" here but ${shown.join(' and ')}${more}${note}.`,
    evidence: `${subject} | ${attribute} | ${c.value}${judged ? ' | verifier' : ''}`,
    related,
  };
}

export interface ConflictsFound {
  /** The report's conflicts, in slot order (the caller sorts them). */
  conflicts: ClaimConflict[];
  /** One finding per conflicting claim in a focus article (not yet bounded per article). */
  findings: StageFindingDraft[];
  undecided: UndecidedPair[];
  /** Every claim of a reported conflict (never a single-source fact). */
  inConflict: Set<Claim>;
}

/**
 * The conflicts between the values of each slot. With a focus (a pull request's articles), a slot no focus article
 * states can only yield conflicts that are not reported, and its claims are not focus facts for single-source either:
 * its comparison is skipped.
 */
export function findConflicts(
  resolved: ResolvedClaims,
  withinArticle: ReadonlySet<string>,
  focus: ReadonlySet<string> | null,
): ConflictsFound {
  const found: ConflictsFound = { conflicts: [], findings: [], undecided: [], inConflict: new Set() };
  // Display values of the claims in undecided pairs (filled once per value class), shared by all pairs.
  const undecidedValues = new Map<Claim, string>();
  for (const slot of resolved.slots) {
    const list = slot.claims;
    if (list.length < 2) continue;
    if (focus && !list.some((c) => focus.has(c.path))) continue;
    if (list[0].kind === 'text') continue;
    const reps = valueClasses(list, resolved.signature);
    if (reps.length < 2) continue;
    const within = withinArticle.has(list[0].attribute);
    const incompatible = compareClasses(reps, resolved.compatible, (i, j) => {
      if (found.undecided.length >= MAX_UNDECIDED) return;
      for (const cls of [reps[i], reps[j]]) {
        if (!undecidedValues.has(cls[0])) for (const c of cls) undecidedValues.set(c, resolved.displayValue(c));
      }
      found.undecided.push({
        subject: resolved.nameOf(slot.subjectRoot),
        attribute: slot.attribute,
        a: reps[i][0],
        b: reps[j][0],
        aClaims: reps[i],
        bClaims: reps[j],
        within,
        values: undecidedValues,
      });
    });
    const against = claimsAgainst(reps, incompatible, within);
    if (against.size === 0) continue;
    const involved = [...against.keys()].sort(byLocation);
    if (focus && !involved.some((c) => focus.has(c.path))) continue;
    reportConflict(found, slot, involved, against, resolved, focus);
  }
  return found;
}

/** The claims of a slot grouped by value signature (one representative comparison per class), in first-seen order. */
function valueClasses(list: readonly Claim[], signature: (c: Claim) => string): Claim[][] {
  const classes = new Map<string, Claim[]>();
  for (const c of list) {
    const sig = signature(c);
    (classes.get(sig) ?? classes.set(sig, []).get(sig)!).push(c);
  }
  return [...classes.values()];
}

/** Per value class, the classes it is incompatible with; undecidable pairs go to `onUndecided` instead. */
function compareClasses(
  reps: readonly Claim[][],
  compatible: ResolvedClaims['compatible'],
  onUndecided: (i: number, j: number) => void,
): number[][] {
  const incompatible: number[][] = reps.map(() => []);
  for (let i = 0; i < reps.length; i++) {
    for (let j = i + 1; j < reps.length; j++) {
      const c = compatible(reps[i][0], reps[j][0]);
      if (c === true) continue;
      if (c === 'undecidable') {
        onUndecided(i, j);
        continue;
      }
      incompatible[i].push(j);
      incompatible[j].push(i);
    }
  }
  return incompatible;
}

/** Each claim with the claims it conflicts with: in another article, or (`within`) elsewhere in its own. */
function claimsAgainst(reps: readonly Claim[][], incompatible: readonly number[][], within: boolean) {
  const against = new Map<Claim, Claim[]>();
  reps.forEach((cls, i) => {
    if (incompatible[i].length === 0) return;
    const pool = incompatible[i].flatMap((j) => reps[j]);
    for (const c of cls) {
      const others = pool.filter(
        (o) => o.article !== c.article || (within && (o.line !== c.line || o.column !== c.column)),
      );
      if (others.length) against.set(c, others);
    }
  });
  return against;
}

/** A slot's conflict into the report's list, and a finding per involved claim in a focus article. */
function reportConflict(
  found: ConflictsFound,
  slot: Slot,
  involved: readonly Claim[],
  against: ReadonlyMap<Claim, Claim[]>,
  resolved: ResolvedClaims,
  focus: ReadonlySet<string> | null,
): void {
  const subject = resolved.nameOf(slot.subjectRoot);
  for (const c of involved) found.inConflict.add(c);
  found.conflicts.push({
    subject,
    attribute: slot.attribute,
    values: involved.map((c) => ({
      value: resolved.displayValue(c),
      path: c.path,
      line: c.line,
      column: c.column,
      text: c.sentence,
      normalised: normalisedClaim(c),
    })),
  });
  for (const c of involved) {
    if (focus && !focus.has(c.path)) continue;
    const others = against.get(c)!.sort(byLocation);
    found.findings.push(conflictFinding(subject, slot.attribute, c, others, resolved.displayValue));
  }
}
