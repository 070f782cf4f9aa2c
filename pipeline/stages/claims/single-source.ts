// Rule single-source-claim: a fact (a cluster of compatible values) stated by one article only, about an entity
// several articles mention. Each finding keeps its fact's structured slot (subject, attribute, value) beside it: the
// priority order reads the attribute from there, and so does the verifier (verifier.ts) when a judged conflict makes a
// fact no longer single-source — never from the evidence string, where a " | " inside a name would shift the parts.
import type { StageFindingDraft } from '../../stage.js';
import type { Fact } from './fact-clusters.js';
import type { SINGLE_SOURCE_DEFAULTS } from './options.js';
import type { ResolvedClaims } from './slots.js';
import type { Claim } from './types.js';

/** The slot and value a single-source-claim finding reports. */
export interface SingleSourceFact {
  subject: string;
  attribute: string;
  value: string;
}

/** The evidence of a single-source-claim finding (its fingerprint input). */
export function singleSourceEvidence(fact: SingleSourceFact): string {
  return `${fact.subject} | ${fact.attribute} | ${fact.value}`;
}

/** Whether two single-source facts are the same slot and value (part by part). */
export function sameFact(a: SingleSourceFact, b: SingleSourceFact): boolean {
  return a.subject === b.subject && a.attribute === b.attribute && a.value === b.value;
}

/** The single-source-claim findings (at most maxPerArticle per article, by priority), each with its fact. */
export function singleSourceFindings(
  facts: readonly Fact[],
  resolved: ResolvedClaims,
  context: {
    options: typeof SINGLE_SOURCE_DEFAULTS;
    mentionedBy: ReadonlyMap<string, ReadonlySet<number>>;
    inConflict: ReadonlySet<Claim>;
    focus: ReadonlySet<string> | null;
  },
): Map<StageFindingDraft, SingleSourceFact> {
  const { options, mentionedBy, inConflict, focus } = context;
  const ignore = new Set(options.ignoreAttributes);
  const perPath = new Map<string, { draft: StageFindingDraft; fact: SingleSourceFact }[]>();
  for (const f of facts) {
    if (ignore.has(f.claims[0].attribute) || f.claims[0].kind === 'text') continue;
    const stating = new Set(f.claims.map((c) => c.article));
    if (stating.size !== 1) continue;
    if (f.claims.some((c) => inConflict.has(c))) continue;
    const mentions = mentionedBy.get(f.subjectRoot)?.size ?? 0;
    if (mentions < options.minArticles) continue;
    const c = f.claims[0];
    if (focus && !focus.has(c.path)) continue;
    const fact: SingleSourceFact = { subject: resolved.nameOf(f.subjectRoot), attribute: f.attribute, value: c.value };
    const draft = singleSourceDraft(c, fact, resolved.displayValue(c), mentions);
    (perPath.get(c.path) ?? perPath.set(c.path, []).get(c.path)!).push({ draft, fact });
  }
  const kept = new Map<StageFindingDraft, SingleSourceFact>();
  for (const list of perPath.values()) {
    list.sort(
      (a, b) =>
        priority(a.fact.attribute) - priority(b.fact.attribute) ||
        a.draft.line - b.draft.line ||
        a.draft.column - b.draft.column,
    );
    for (const { draft, fact } of list.slice(0, Math.max(0, options.maxPerArticle))) kept.set(draft, fact);
  }
  return kept;
}

function singleSourceDraft(c: Claim, fact: SingleSourceFact, shown: string, mentions: number): StageFindingDraft {
  const { subject, attribute } = fact;
  return {
    ruleId: 'single-source-claim',
    path: c.path,
    line: c.line,
    column: c.column,
    endLine: c.endLine,
    endColumn: c.endColumn,
    message:
      `${subject}: "${attribute}" is "${shown}" only in this article, ` +
      `though ${mentions} articles mention ${subject}; check the source.`,
    evidence: singleSourceEvidence(fact),
  };
}

/** Highest-value facts first: dates, then figures, then people, then the rest. */
function priority(attribute: string): number {
  if (/^(founded|launched|opened|acquired|listed)$/.test(attribute)) return 0;
  if (/size|revenue|profit|employees|number of|growth|valuation|funding|investment/.test(attribute)) return 1;
  if (/ by$|chief|chair|president|director|head|role/.test(attribute)) return 2;
  return 3;
}
