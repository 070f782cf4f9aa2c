// Changed facts between versions of one article (rule changed-fact). Only the pairs the duplication stage relates are
// compared (never all pairs). Sentences are aligned with their values masked, so a changed figure cannot break the
// alignment; inside an aligned sentence pair, values that agree are matched first (normalised, rounding, hedges),
// then the leftovers are paired by position — same class, same place in the masked sentence, with a matching word
// beside them — so two figures that belong to two subjects are never compared with each other.
import type { StageFindingDraft } from '../../stage.js';
import { z } from 'zod';
import type { RuleMeta } from '../../rule.js';
import { defaultsOf, fraction, nonNegative } from '../../rule-options.js';
import { normalisedFact } from './normalised.js';
import type { ClaimConflict, RelatedLocation } from '../../types.js';
import { boundPerArticle } from './bound.js';
import type { FactSentence, FactValue } from './facts.js';
import { differentSubjects } from './title-subjects.js';

export interface VersionDocument {
  path: string;
  title: string;
  /** What names the page's subject (title-subjects.ts `subjectLine`); the title when absent. */
  subject?: string;
  sentences: readonly FactSentence[];
}

/** One changed value: `a` in one version, `b` in the other, in aligned sentences. */
export interface ChangedFact {
  a: { path: string; sentence: FactSentence; value: FactValue };
  b: { path: string; sentence: FactSentence; value: FactValue };
  /** The two sentences are identical once the differing values are masked. */
  sameOtherwise: boolean;
  subject: string;
}

export const changedFactRule = {
  id: 'changed-fact',
  description: 'Two versions of one article state a different number, date or name in the same sentence.',
  defaultSeverity: 'warning',
  options: z.object({
    minSentenceSimilarity: fraction()
      .default(0.6)
      .describe("Dice similarity of two sentences' masked word sets from which they are one sentence in two versions."),
    maxPerArticle: nonNegative().default(20).describe('Findings per article at most.'),
  }),
} satisfies RuleMeta;

export const CHANGED_FACT_DEFAULTS = defaultsOf(changedFactRule.options);

/** Changed facts of every related pair; `docs` by path. */
export function changedFacts(
  docs: ReadonlyMap<string, VersionDocument>,
  pairs: readonly { a: string; b: string }[],
  minSimilarity: number,
  isWord: (word: string) => boolean = () => false,
): ChangedFact[] {
  const out: ChangedFact[] = [];
  const seen = new Set<string>();
  for (const { a, b } of pairs) {
    const key = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
    const A = docs.get(a);
    const B = docs.get(b);
    if (!A || !B || a === b || seen.has(key)) continue;
    seen.add(key);
    // Two pages titled with two different names are two pages of one family, not two versions of one article; so are
    // two pages under one section label whose subject lines name two things.
    if (differentSubjects(A.subject ?? A.title, B.subject ?? B.title, isWord)) continue;
    const aligned = alignSentences(A.sentences, B.sentences, minSimilarity);
    // A paraphrased (spun) version rewords capitalised words too ("John Major" → "John Significant"): there, only
    // figures and dates are compared; names only between versions whose aligned sentences are mostly verbatim.
    const verbatim = aligned.filter(([i, j]) => sameTokens(A.sentences[i].tokens, B.sentences[j].tokens)).length;
    const names = aligned.length > 0 && verbatim >= aligned.length * VERBATIM_SHARE;
    for (const [i, j] of aligned) {
      for (const f of compareSentences(A, A.sentences[i], B, B.sentences[j])) {
        if (f.a.value.cls !== 'name' || (names && !synonymSwap(f.a.value, f.b.value, isWord))) out.push(f);
      }
    }
  }
  return out;
}

/** Share of aligned sentences that must read the same (values masked) for name changes to be reported. */
const VERBATIM_SHARE = 0.5;

function sameTokens(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((t, k) => t === b[k]);
}

/**
 * "John Major" → "John Significant", "Welfare Minister" → "Welfare Official": a rewording tool swapped an ordinary
 * word inside a name. Only when every differing word on both sides is a word the corpus also writes in lower case.
 */
function synonymSwap(x: FactValue, y: FactValue, isWord: (word: string) => boolean): boolean {
  const a = x.words ?? [];
  const b = y.words ?? [];
  const differing = [...a.filter((w) => !b.includes(w)), ...b.filter((w) => !a.includes(w))];
  return differing.length > 0 && differing.every(isWord);
}

function dice(x: ReadonlySet<string>, y: ReadonlySet<string>): number {
  let shared = 0;
  const [small, large] = x.size <= y.size ? [x, y] : [y, x];
  for (const t of small) if (large.has(t)) shared++;
  return (2 * shared) / (x.size + y.size || 1);
}

/**
 * One-to-one sentence pairs, greedy by Dice of the masked word sets (an inverted index keeps it near-linear), ties
 * broken by equal values, then by neighbours that pair too, then by document order.
 */
export function alignSentences(
  A: readonly FactSentence[],
  B: readonly FactSentence[],
  minSimilarity: number,
): [number, number][] {
  const setsB = B.map((s) => new Set(s.tokens));
  const valuesB = B.map(valuesKey);
  const index = new Map<string, number[]>();
  setsB.forEach((set, j) => {
    for (const t of set) (index.get(t) ?? index.set(t, []).get(t)!).push(j);
  });
  // Equally similar candidates ("Default is 5." and "Default is 50." under two options of one page) pair first where
  // the values are the same too, then where the sentences before or after pair as well (the same place in both
  // versions), then in document order: a copy that rewords one of them ("Baseline is 5.") must not leave the other
  // option's sentence to pair with it. Candidate: [score, i, j, same values].
  const candidates: [number, number, number, number][] = [];
  const counts = new Int32Array(B.length);
  A.forEach((s, i) => {
    const set = new Set(s.tokens);
    const values = valuesKey(s);
    counts.fill(0);
    for (const t of set) for (const j of index.get(t) ?? []) counts[j]++;
    for (let j = 0; j < B.length; j++) {
      const score = (2 * counts[j]) / (set.size + setsB[j].size || 1);
      if (counts[j] > 0 && score >= minSimilarity) candidates.push([score, i, j, values === valuesB[j] ? 1 : 0]);
    }
  });
  const pairs = new Set(candidates.map(([, i, j]) => i * B.length + j));
  const neighbours = (i: number, j: number) =>
    (i > 0 && j > 0 && pairs.has((i - 1) * B.length + j - 1) ? 1 : 0) +
    (j + 1 < B.length && pairs.has((i + 1) * B.length + j + 1) ? 1 : 0);
  const context = candidates.map(([, i, j]) => neighbours(i, j));
  const order = candidates.map((_, k) => k);
  order.sort((a, b) => {
    const x = candidates[a];
    const y = candidates[b];
    return y[0] - x[0] || y[3] - x[3] || context[b] - context[a] || x[1] - y[1] || x[2] - y[2];
  });
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const out: [number, number][] = [];
  for (const k of order) {
    const [, i, j] = candidates[k];
    if (usedA.has(i) || usedB.has(j)) continue;
    usedA.add(i);
    usedB.add(j);
    out.push([i, j]);
  }
  return out;
}

/** A sentence's values as written, as one key. */
function valuesKey(s: FactSentence): string {
  return s.values.map((v) => v.text).join('\u0000');
}

/** Longest common subsequence of two token lists: index pairs in order. */
function lcs(a: readonly string[], b: readonly string[]): Map<number, number> {
  const n = a.length;
  const m = b.length;
  const dp = new Uint16Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i * (m + 1) + j] =
        a[i] === b[j]
          ? dp[(i + 1) * (m + 1) + j + 1] + 1
          : Math.max(dp[(i + 1) * (m + 1) + j], dp[i * (m + 1) + j + 1]);
    }
  }
  const pairs = new Map<number, number>();
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      pairs.set(i++, j++);
    } else if (dp[(i + 1) * (m + 1) + j] >= dp[i * (m + 1) + j + 1]) i++;
    else j++;
  }
  return pairs;
}

function compareSentences(A: VersionDocument, sa: FactSentence, B: VersionDocument, sb: FactSentence): ChangedFact[] {
  const matchedA = new Set<number>();
  const matchedB = new Set<number>();
  const aligned = lcs(sa.tokens, sb.tokens);
  const valueAtA = new Map(sa.values.map((v, i) => [v.token, i]));
  const valueAtB = new Map(sb.values.map((v, i) => [v.token, i]));
  // Compatible values first: those in the same place, then anywhere in the sentence.
  for (const [ta, tb] of aligned) {
    const i = valueAtA.get(ta);
    const j = valueAtB.get(tb);
    if (i !== undefined && j !== undefined && compatible(sa.values[i], sb.values[j]) === true)
      matchedA.add(i), matchedB.add(j);
  }
  sa.values.forEach((x, i) => {
    if (matchedA.has(i)) return;
    const k = sb.values.findIndex((y, j) => !matchedB.has(j) && x.cls === y.cls && compatible(x, y) === true);
    if (k >= 0) matchedA.add(i), matchedB.add(k);
  });
  if (matchedA.size === sa.values.length || matchedB.size === sb.values.length) return [];
  let changed: [number, number][] = [];
  let otherName = false;
  for (const [ta, tb] of aligned) {
    const i = valueAtA.get(ta);
    const j = valueAtB.get(tb);
    if (i === undefined || j === undefined || matchedA.has(i) || matchedB.has(j)) continue;
    const verdict = compatible(sa.values[i], sb.values[j]);
    if (sa.values[i].cls === 'name' && verdict !== true) otherName = true;
    // Anchored: a word right before or right after the value is aligned to its counterpart too.
    const anchored = aligned.get(ta - 1) === tb - 1 || aligned.get(ta + 1) === tb + 1;
    if (!anchored || verdict !== false) continue;
    changed.push([i, j]);
  }
  // A sentence whose name differs is about another subject: its figures are that subject's, never compared.
  if (otherName) changed = changed.filter(([i]) => sa.values[i].cls === 'name');
  if (changed.length === 0) return [];
  const sameOtherwise = sa.tokens.length === sb.tokens.length && aligned.size === sa.tokens.length;
  const subject = subjectOf(sa, matchedA) ?? A.title ?? B.title;
  return changed.map(([i, j]) => ({
    a: { path: A.path, sentence: sa, value: sa.values[i] },
    b: { path: B.path, sentence: sb, value: sb.values[j] },
    sameOtherwise,
    subject,
  }));
}

/** The first name both versions agree on: what the sentence is about. */
function subjectOf(s: FactSentence, matched: ReadonlySet<number>): string | undefined {
  const i = s.values.findIndex((v, k) => v.cls === 'name' && matched.has(k));
  return i >= 0 ? s.values[i].text : undefined;
}

/** true: the two values can both be true; false: they cannot; 'unknown': not comparable (currencies, non-persons). */
export function compatible(x: FactValue, y: FactValue): boolean | 'unknown' {
  if (x.cls !== y.cls) return 'unknown';
  switch (x.cls) {
    case 'year':
      return x.year === y.year;
    case 'date':
      return (
        (x.year === undefined || y.year === undefined || x.year === y.year) &&
        (x.month === undefined || y.month === undefined || x.month === y.month) &&
        (x.day === undefined || y.day === undefined || x.day === y.day)
      );
    case 'weekday':
      return x.day === y.day;
    case 'name':
      return namesCompatible(x, y);
    default:
      return figuresCompatible(x, y);
  }
}

function namesCompatible(x: FactValue, y: FactValue): boolean | 'unknown' {
  const a = x.words ?? [];
  const b = y.words ?? [];
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.every((w) => long.includes(w))) return true;
  if (x.org || y.org) return 'unknown';
  // "John Deacon" / "John Quinlan", "Rick Wagoner" / "Rick Waggoner": same first name, another surname.
  if (a.length >= 2 && b.length >= 2 && a.length <= 3 && b.length <= 3 && a[0] === b[0]) return false;
  // Only a person's name is a fact that can change (one side must be known as a person, neither an organisation or
  // a place); other capitalised runs (link texts, product names) are too often reworded.
  return (x.person || y.person) && !x.org && !y.org ? false : 'unknown';
}

/**
 * Two figures of one class: equal after normalising ("$1.3bn" = "$1,300m"), within the rounding of the less precise
 * one (half a step of its last written digit: "£1.24bn" ≈ "£1.2bn"; "70%" is not a rounded "69%"), or inside a
 * hedge ("more than 170" ⊇ 173, "nearly 30" ⊇ 25, "about 3,000" ≈ 2,833).
 */
export function figuresCompatible(x: FactValue, y: FactValue): boolean | 'unknown' {
  if (x.unit !== y.unit)
    return x.unit === '$' || y.unit === '$' ? figuresCompatible({ ...x, unit: '' }, { ...y, unit: '' }) : 'unknown';
  const a = x.num!;
  const b = y.num!;
  if (a === b) return true;
  // The same hedge in both versions ("an estimated 90%" / "an estimated 89%") is context: compare the figures. A hedge
  // reworded with its figure ("at least 12" / "more than 10") is part of the change: read it as a bound.
  if (x.hedge && x.hedge === y.hedge && x.step === y.step && hedgeWords(x.text) === hedgeWords(y.text)) return false;
  for (const [p, q] of [
    [x, y],
    [y, x],
  ] as const) {
    if (p.hedge === 'min' && q.num! >= p.num! && q.hedge !== 'max') return true;
    if (p.hedge === 'max' && q.num! <= p.num! && q.num! >= p.num! * 0.75 && q.hedge !== 'min') return true;
    if (p.hedge === 'approx') return Math.abs(a - b) <= Math.max(0.1 * Math.abs(p.num!), roundingStep(p.num!) / 2);
  }
  if (x.hedge || y.hedge) return false;
  const coarse = Math.max(x.step ?? 1, y.step ?? 1);
  if ((x.step ?? 1) === (y.step ?? 1)) return false;
  return Math.abs(a - b) <= coarse / 2 + coarse * 1e-9;
}

/** The words before a figure's first digit, as a hedge's wording: "More than" → "more than". */
function hedgeWords(text: string): string {
  const digit = text.search(/\d/);
  return (digit < 0 ? text : text.slice(0, digit)).replace(/\s+/g, ' ').trim().toLowerCase();
}

/** The step a round figure was rounded to: "3,000" → 1,000, "300" → 100, "2,500" → 100. */
function roundingStep(v: number): number {
  let step = 1;
  const n = Math.abs(Math.round(v));
  while (n !== 0 && n % (step * 10) === 0) step *= 10;
  return step;
}

const CLASS_LABEL: Record<string, string> = {
  money: 'amount',
  percent: 'percentage',
  count: 'number',
  year: 'year',
  date: 'date',
  weekday: 'day',
  name: 'name',
};

/** Attribute shown for a changed fact: the class and the words around the value ("amount in 'a profit of … in'"). */
function attributeOf(f: ChangedFact): string {
  const s = f.a.sentence;
  const k = s.values.indexOf(f.a.value);
  const start = s.spans[2 * k];
  const end = s.spans[2 * k + 1];
  const before = s.text.slice(0, start).split(/\s+/).filter(Boolean).slice(-3).join(' ');
  const after = s.text.slice(end).split(/\s+/).filter(Boolean).slice(0, 3).join(' ');
  return `${CLASS_LABEL[f.a.value.cls]} in "${`${before} … ${after}`.trim()}"`;
}

export interface ChangedFactReport {
  findings: StageFindingDraft[];
  conflicts: ClaimConflict[];
}

interface Occurrence {
  path: string;
  sentence: FactSentence;
  value: FactValue;
}

/**
 * Groups changed facts that share a value occurrence (one sentence changed in one of several versions), and reports
 * each group once in `claims.conflicts`; findings go on the versions whose value is in the minority (on both when the
 * versions split evenly).
 */
export function reportChangedFacts(
  facts: readonly ChangedFact[],
  focus: ReadonlySet<string> | null,
  maxPerArticle: number,
): ChangedFactReport {
  const id = (o: Occurrence) => `${o.path}\u0000${o.value.line}\u0000${o.value.column}`;
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  const occurrences = new Map<string, Occurrence>();
  const edges = new Map<string, ChangedFact[]>();
  for (const f of facts) {
    for (const o of [f.a, f.b]) if (!parent.has(id(o))) parent.set(id(o), id(o)), occurrences.set(id(o), o);
    parent.set(find(id(f.a)), find(id(f.b)));
  }
  for (const f of facts) (edges.get(find(id(f.a))) ?? edges.set(find(id(f.a)), []).get(find(id(f.a)))!).push(f);
  const findings: StageFindingDraft[] = [];
  const conflicts: ClaimConflict[] = [];
  const membersOf = new Map<string, Occurrence[]>();
  for (const [k, o] of occurrences) (membersOf.get(find(k)) ?? membersOf.set(find(k), []).get(find(k))!).push(o);
  for (const [root, group] of edges) {
    const members = membersOf.get(root)!;
    if (focus && !members.some((o) => focus.has(o.path))) continue;
    members.sort((x, y) => cmp(x.path, y.path) || x.value.line - y.value.line || x.value.column - y.value.column);
    const first = group[0];
    conflicts.push({
      subject: first.subject,
      attribute: attributeOf(first),
      values: members.map((o) => ({
        value: o.value.text,
        path: o.path,
        line: o.value.line,
        column: o.value.column,
        text: o.sentence.text,
        normalised: normalisedFact(o.value),
      })),
    });
    findings.push(...groupFindings(members, group, focus));
  }
  conflicts.sort((a, b) => cmp(a.values[0].path, b.values[0].path) || a.values[0].line - b.values[0].line);
  const bounded = boundPerArticle(findings, maxPerArticle);
  return { findings: bounded, conflicts };
}

function groupFindings(
  members: Occurrence[],
  group: readonly ChangedFact[],
  focus: ReadonlySet<string> | null,
): StageFindingDraft[] {
  // How many occurrences each occurrence disagrees with: the odd ones out disagree with the most.
  const against = new Map<Occurrence, Occurrence[]>();
  const sameOtherwise = new Set<Occurrence>();
  const lookup = (o: { path: string; value: FactValue }) =>
    members.find((m) => m.path === o.path && m.value === o.value)!;
  for (const f of group) {
    const a = lookup(f.a);
    const b = lookup(f.b);
    (against.get(a) ?? against.set(a, []).get(a)!).push(b);
    (against.get(b) ?? against.set(b, []).get(b)!).push(a);
    if (f.sameOtherwise) sameOtherwise.add(a), sameOtherwise.add(b);
  }
  const most = Math.max(...[...against.values()].map((l) => l.length));
  const out: StageFindingDraft[] = [];
  for (const [o, others] of against) {
    if (others.length < most && members.length > 2) continue;
    if (focus && !focus.has(o.path)) continue;
    others.sort((x, y) => cmp(x.path, y.path) || x.value.line - y.value.line);
    const other = others[0];
    const more = others.length > 1 ? ` and ${others.length - 1} more version${others.length > 2 ? 's' : ''}` : '';
    const how = sameOtherwise.has(o) ? 'the same sentence otherwise' : 'in the aligned sentence of another version';
    const related: RelatedLocation[] = others
      .slice(0, 10)
      .map((x) => ({ path: x.path, line: x.value.line, column: x.value.column, message: `"${x.value.text}" here.` }));
    out.push({
      ruleId: 'changed-fact',
      path: o.path,
      line: o.value.line,
      column: o.value.column,
      endLine: o.value.endLine,
      endColumn: o.value.endColumn,
      message: `${o.value.text} here, ${other.value.text} in ${other.path}:${other.value.line}${more} — ${how}.`,
      evidence: `${o.value.cls} | ${o.value.text} | ${other.value.text}`,
      related,
    });
  }
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
