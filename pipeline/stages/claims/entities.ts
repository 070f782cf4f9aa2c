// The report's entities table: per entity, its facts (representative value, sources), the derived inverse facts,
// and every acronym the corpus expands even without a fact. Sorted by name, facts by attribute then value.
import type { EntityEntry } from '../../types.js';
import { representative } from './compare.js';
import type { Fact } from './fact-clusters.js';
import { cmp } from './order.js';
import type { ResolvedClaims } from './slots.js';

interface TableFact {
  attribute: string;
  value: string;
  /** Sources by (path, line), each once. */
  sources: Map<string, Map<number, { path: string; line: number }>>;
}

export function entitiesTable(
  facts: readonly Fact[],
  derived: readonly Fact[],
  resolved: ResolvedClaims,
): EntityEntry[] {
  const { resolver, groups, names } = resolved.prep;
  // Entity root → attribute → value → the table's fact.
  const byEntity = new Map<string, Map<string, Map<string, TableFact>>>();
  const addFact = (f: Fact, value: string) => {
    let byAttribute = byEntity.get(f.subjectRoot);
    if (!byAttribute) byEntity.set(f.subjectRoot, (byAttribute = new Map()));
    let byValue = byAttribute.get(f.attribute);
    if (!byValue) byAttribute.set(f.attribute, (byValue = new Map()));
    let e = byValue.get(value);
    if (!e) byValue.set(value, (e = { attribute: f.attribute, value, sources: new Map() }));
    for (const c of f.claims) {
      let lines = e.sources.get(c.path);
      if (!lines) e.sources.set(c.path, (lines = new Map()));
      lines.set(c.line, { path: c.path, line: c.line });
    }
  };
  for (const f of facts) addFact(f, representative(f.claims, resolved.displayValue));
  for (const f of derived) addFact(f, f.value!);
  for (const short of resolver.expansions.keys()) {
    const root = resolver.find(short);
    if (!byEntity.has(root)) byEntity.set(root, new Map());
  }
  const entities: EntityEntry[] = [];
  for (const [root, byAttribute] of byEntity) {
    const { name, aliases } = names.get(root) ?? resolver.describeKeys(groups.get(root) ?? [root]);
    const entityFacts = [...byAttribute.values()].flatMap((byValue) => [...byValue.values()]);
    entities.push({
      name,
      aliases,
      facts: entityFacts
        .map((e) => ({
          attribute: e.attribute,
          value: e.value,
          sources: [...e.sources.values()]
            .flatMap((lines) => [...lines.values()])
            .sort((a, b) => cmp(a.path, b.path) || a.line - b.line),
        }))
        .sort((a, b) => cmp(a.attribute, b.attribute) || cmp(a.value, b.value)),
    });
  }
  entities.sort((a, b) => cmp(a.name.toLowerCase(), b.name.toLowerCase()) || cmp(a.name, b.name));
  return entities;
}
