// The claims of one run, resolved: each claim's subject mapped to an entity (EntityResolver, with acronyms and the
// configured aliases), display names per entity, and the claims grouped by slot — (subject entity, attribute) — for
// the conflict, fact and single-source steps. Slots are keyed by their structured parts, never by a parsed string.
import type { StageDocument } from '../../stage.js';
import { compareValues, display, valueSignature, type Compat, type Prepared } from './compare.js';
import { articleClaims, type ClaimFeatures } from './features.js';
import { nameKey } from './names.js';
import { EntityResolver } from './resolve.js';
import type { ArticleClaims, Claim } from './types.js';

/** The claims of one (subject entity, attribute) slot, in extraction order. */
export interface Slot {
  subjectRoot: string;
  attribute: string;
  claims: Claim[];
}

export interface ResolvedClaims {
  claims: Claim[];
  perArticle: ArticleClaims[];
  prep: Prepared;
  /** Slots in the order their first claim was met. */
  slots: Slot[];
  /** The entity (resolver root) `surface` names inside article `article` (its own acronym expansions first). */
  rootIn(surface: string, article: number): string;
  /** Display name of an entity, computed once per root. */
  nameOf(root: string): string;
  /** Whether two values of one slot can both be true (within `tolerance` for unhedged numbers). */
  compatible(a: Claim, b: Claim): Compat;
  /** A claim's value as the report shows it. */
  displayValue(c: Claim): string;
  /** Claims with equal signatures are compared once (slots can hold thousands of claims in big corpora). */
  signature(c: Claim): string;
}

export function resolveClaims(
  documents: readonly StageDocument<ClaimFeatures>[],
  options: { aliases: Record<string, string[]>; tolerance: number },
): ResolvedClaims {
  const perArticle = documents.map((document, i) => articleClaims(document, i));
  const resolver = new EntityResolver();
  const claims: Claim[] = [];
  for (const pa of perArticle) {
    for (const c of pa.claims) {
      resolver.add(c.subject);
      if (c.items && c.kind !== 'text') for (const it of c.items) resolver.add(it);
      if (c.qualifier) resolver.add(c.qualifier);
      claims.push(c);
    }
  }
  resolver.addAcronyms(perArticle.flatMap((pa) => pa.acronyms));
  resolver.addAliases(options.aliases);
  const groups = resolver.groups();
  const localDefs = localExpansions(perArticle, resolver);
  const rootIn = (surface: string, article: number): string => {
    const local = localDefs[article]?.get(nameKey(surface));
    return resolver.find(local ?? resolver.add(surface));
  };
  const names = new Map<string, { name: string; aliases: string[] }>();
  const nameOf = (root: string) => {
    let n = names.get(root);
    if (!n) names.set(root, (n = resolver.describeKeys(groups.get(root) ?? [root])));
    return n.name;
  };
  const prep: Prepared = { perArticle, resolver, groups, names, rootIn };
  const attributeOf = (c: Claim) =>
    c.qualifier ? `${c.attribute} ${nameOf(rootIn(c.qualifier, c.article))}` : c.attribute;
  const slots = groupBySlot(claims, (c) => {
    const root = c.kind === 'expansion' ? resolver.find(nameKey(c.subject)) : rootIn(c.subject, c.article);
    return { subjectRoot: root, attribute: attributeOf(c) };
  });
  return {
    claims,
    perArticle,
    prep,
    slots,
    rootIn,
    nameOf,
    compatible: (a, b) => compareValues(a, b, prep, options.tolerance),
    displayValue: (c) => display(c, prep, nameOf),
    signature: (c) => valueSignature(c, prep),
  };
}

/**
 * An acronym expanded two ways across the corpus means, inside an article that defines it, that article's expansion:
 * per article, acronym key → expansion key for those acronyms.
 */
function localExpansions(perArticle: readonly ArticleClaims[], resolver: EntityResolver): Map<string, string>[] {
  return perArticle.map((pa) => {
    const m = new Map<string, string>();
    for (const d of pa.acronyms) {
      const k = nameKey(d.short);
      if ((resolver.expansions.get(k)?.size ?? 0) > 1) m.set(k, nameKey(d.long));
    }
    return m;
  });
}

/** Claims grouped by (subject entity, attribute), slots in the order of their first claim. */
function groupBySlot(
  claims: readonly Claim[],
  slotOf: (c: Claim) => { subjectRoot: string; attribute: string },
): Slot[] {
  const bySubject = new Map<string, Map<string, Slot>>();
  const slots: Slot[] = [];
  for (const c of claims) {
    const { subjectRoot, attribute } = slotOf(c);
    let byAttribute = bySubject.get(subjectRoot);
    if (!byAttribute) bySubject.set(subjectRoot, (byAttribute = new Map()));
    let slot = byAttribute.get(attribute);
    if (!slot) {
      byAttribute.set(attribute, (slot = { subjectRoot, attribute, claims: [] }));
      slots.push(slot);
    }
    slot.claims.push(c);
  }
  return slots;
}
