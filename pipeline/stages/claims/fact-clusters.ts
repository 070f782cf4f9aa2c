// Facts: the values of one slot clustered by compatibility (claims that can all be true together state one fact),
// plus the derived inverse facts listed in the entities table ("HKUST launched AI & Data Laboratory"), and which
// articles mention each entity. Inputs of the single-source rule and of the entities table.
import { byLocation } from './order.js';
import type { ResolvedClaims } from './slots.js';
import type { Claim } from './types.js';

export interface Fact {
  subjectRoot: string;
  attribute: string;
  claims: Claim[];
  /** A derived (inverse) fact: its value is `value`, the name of the claims' subject. */
  derived?: boolean;
  value?: string;
}

/** At most this many clusters per slot are searched for a compatible home (beyond, a new value opens a cluster). */
const MAX_CLUSTERS_SEARCHED = 200;

/** Per slot, its claims clustered by compatibility (in location order; equal signatures share a cluster). */
export function clusterFacts(resolved: ResolvedClaims): Fact[] {
  const facts: Fact[] = [];
  for (const { subjectRoot, attribute, claims } of resolved.slots) {
    const clusters: Claim[][] = [];
    const bySig = new Map<string, Claim[]>();
    for (const c of [...claims].sort(byLocation)) {
      const sig = resolved.signature(c);
      const known = bySig.get(sig);
      if (known) {
        known.push(c);
        continue;
      }
      const home =
        clusters.length < MAX_CLUSTERS_SEARCHED
          ? clusters.find((cl) => resolved.compatible(cl[0], c) === true)
          : undefined;
      if (home) {
        home.push(c);
        bySig.set(sig, home);
      } else {
        const cl = [c];
        clusters.push(cl);
        bySig.set(sig, cl);
      }
    }
    for (const cl of clusters) facts.push({ subjectRoot, attribute, claims: cl });
  }
  return facts;
}

/** Attributes whose items are entities with an inverse fact: "founded by X" → X is "founder of" the subject. */
const INVERSE: Record<string, string> = {
  'founded by': 'founder of',
  'launched by': 'launched',
  'opened by': 'opened',
  'acquired by': 'acquired',
  'collaboration with': 'collaboration with',
  'parent organisation': 'parent organisation of',
  'owned by': 'owns',
  'founding place': 'founding place of',
  location: 'location of',
};

/** Derived (inverse) facts for the entities table: "Hong Kong: founding place of SenseTime". */
export function derivedFacts(resolved: ResolvedClaims): Fact[] {
  // Keyed by (item entity, inverse attribute, subject name), each part a level of its own.
  const byItem = new Map<string, Map<string, Map<string, Fact>>>();
  const facts: Fact[] = [];
  for (const c of resolved.claims) {
    const inv = INVERSE[c.attribute];
    if (!inv || !c.items) continue;
    const subjectName = resolved.nameOf(resolved.rootIn(c.subject, c.article));
    for (const it of c.items) {
      const root = resolved.rootIn(it, c.article);
      let byAttribute = byItem.get(root);
      if (!byAttribute) byItem.set(root, (byAttribute = new Map()));
      let byValue = byAttribute.get(inv);
      if (!byValue) byAttribute.set(inv, (byValue = new Map()));
      let f = byValue.get(subjectName);
      if (!f) {
        byValue.set(
          subjectName,
          (f = { subjectRoot: root, attribute: inv, claims: [], derived: true, value: subjectName }),
        );
        facts.push(f);
      }
      f.claims.push(c);
    }
  }
  return facts;
}

/**
 * The articles that mention each entity (by their mentions' name keys), plus each claim's own article: an article
 * mentions its claims' subject even when it reaches it through "it" or "the company".
 */
export function mentioningArticles(resolved: ResolvedClaims): Map<string, Set<number>> {
  const { resolver, groups } = resolved.prep;
  const mentionedBy = new Map<string, Set<number>>();
  const add = (root: string, article: number) => {
    let set = mentionedBy.get(root);
    if (!set) mentionedBy.set(root, (set = new Set()));
    set.add(article);
  };
  resolved.perArticle.forEach((pa, i) => {
    for (const key of pa.mentions) {
      const root = resolver.find(key);
      if (groups.has(root)) add(root, i);
    }
  });
  for (const c of resolved.claims) add(resolved.rootIn(c.subject, c.article), c.article);
  return mentionedBy;
}
