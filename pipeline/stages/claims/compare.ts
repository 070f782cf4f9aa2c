// Value comparison of the claims stage: whether two values of one (subject, attribute) slot can both be true, a
// signature per value (claims with equal signatures are compared once), and how values are displayed.
import { nameKey } from './names.js';
import { type EntityResolver, expansionKey, expansionsCompatible, expansionsDisjoint } from './resolve.js';
import type { ArticleClaims, Claim } from './types.js';
import { datesCompatible, formatQuantity, quantitiesCompatible } from './values.js';

export type Compat = boolean | 'undecidable';

export interface Prepared {
  perArticle: ArticleClaims[];
  resolver: EntityResolver;
  groups: Map<string, string[]>;
  /** Display names per root, computed once. */
  names: Map<string, { name: string; aliases: string[] }>;
  rootIn: (surface: string, article: number) => string;
  /** Articles mentioning each name key (computed on first use). */
  mentionCounts?: Map<string, number>;
}

function itemRoots(c: Claim, prep: Prepared): string[] {
  return (c.items ?? [c.value]).map((it) => prep.rootIn(it, c.article));
}

function sameItem(a: string, b: string): boolean {
  if (a === b) return true;
  // Middle initials do not matter: "George W Bush" ~ "George Bush".
  const wa = a.split(' ').filter((w) => w.length > 1);
  const wb = b.split(' ').filter((w) => w.length > 1);
  const [short, long] = wa.length <= wb.length ? [wa, wb] : [wb, wa];
  if (short.length >= 2 && short.join(' ') === long.join(' ')) return true;
  // Person surname: "Doe" ~ "Jane Doe" (a single word equal to the last word of a 2–3 word name).
  return short.length === 1 && long.length >= 2 && long.length <= 3 && long[long.length - 1] === short[0];
}

function subset(a: string[], b: string[]): boolean {
  return a.every((x) => b.some((y) => sameItem(x, y)));
}

/** Two articles name at least two of the same rare names (each in at most max(3, 5 %) of the articles). */
function shareContext(x: number, y: number, prep: Prepared): boolean {
  if (x === y) return true;
  if (!prep.mentionCounts) {
    prep.mentionCounts = new Map();
    for (const pa of prep.perArticle)
      for (const k of pa.mentions) prep.mentionCounts.set(k, (prep.mentionCounts.get(k) ?? 0) + 1);
  }
  const rare = Math.max(3, prep.perArticle.length * 0.05);
  const other = prep.perArticle[y].mentions;
  let shared = 0;
  for (const k of prep.perArticle[x].mentions)
    if (other.has(k) && (prep.mentionCounts.get(k) ?? 0) <= rare && ++shared >= 2) return true;
  return false;
}

export function compareValues(a: Claim, b: Claim, prep: Prepared, tolerance: number): Compat {
  if (a.kind !== b.kind) return 'undecidable';
  switch (a.kind) {
    case 'date':
      return datesCompatible(a.date!, b.date!);
    case 'number': {
      if ((a.sign ?? 1) !== (b.sign ?? 1)) return false;
      return quantitiesCompatible(a.quantity!, b.quantity!, tolerance);
    }
    case 'entities':
    case 'place': {
      const ra = itemRoots(a, prep);
      const rb = itemRoots(b, prep);
      return subset(ra, rb) || subset(rb, ra);
    }
    case 'expansion': {
      const ka = expansionKey(nameKey(a.value));
      const kb = expansionKey(nameKey(b.value));
      if (expansionsCompatible(ka, kb)) return true;
      // Disjoint expansions in articles with nothing else in common are one acronym for two bodies, not a conflict.
      return expansionsDisjoint(ka, kb) && !shareContext(a.article, b.article, prep) ? 'undecidable' : false;
    }
    case 'role':
      return a.value === b.value;
    default:
      return a.value.toLowerCase() === b.value.toLowerCase();
  }
}

/** Claims with equal signatures have interchangeable values (compatibility is decided once per signature). */
export function valueSignature(c: Claim, prep: Prepared): string {
  switch (c.kind) {
    case 'date':
      return `${c.date!.year}-${c.date!.month ?? ''}`;
    case 'number': {
      const q = c.quantity!;
      return `${q.unit}|${q.value}|${q.hedge}|${q.precision}|${c.sign ?? 1}`;
    }
    case 'entities':
    case 'place':
      return itemRoots(c, prep).sort().join('|');
    case 'expansion':
      return expansionKey(nameKey(c.value));
    default:
      return c.value.toLowerCase();
  }
}

export function display(c: Claim, prep: Prepared, nameOf: (root: string) => string): string {
  switch (c.kind) {
    case 'entities':
    case 'place':
      return (c.items ?? [c.value]).map((it) => nameOf(prep.rootIn(it, c.article))).join(', ');
    case 'number':
      return c.value.replace(/\s+/g, ' ').trim();
    default:
      return c.value.replace(/\s+/g, ' ').trim();
  }
}

/** The value shown for a cluster of compatible claims: the most common display value, then the most precise. */
export function representative(claims: Claim[], displayValue: (c: Claim) => string): string {
  if (claims[0].kind === 'number') {
    const q = claims
      .map((c) => c.quantity!)
      .sort((a, b) => b.precision - a.precision || (a.hedge ? 1 : 0) - (b.hedge ? 1 : 0))[0];
    const sign = claims[0].sign === -1 ? '-' : '';
    return sign + formatQuantity(q);
  }
  if (claims[0].kind === 'date') {
    const d = claims
      .map((c) => c.date!)
      .sort((a, b) => (b.month ?? 0) - (a.month ?? 0) || Number(a.approximate) - Number(b.approximate))[0];
    const precise = claims.find((c) => c.date === d)!;
    return precise.value.replace(/^(?:in|on)\s+/i, '');
  }
  const counts = new Map<string, number>();
  for (const c of claims) {
    const v = displayValue(c);
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length || cmp(a[0], b[0]))[0][0];
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
