// Claims stage: extract (subject, attribute, value, location) claims from every article, resolve entities across
// articles, and report incompatible values (claim-conflict) and facts stated by one article only (single-source-claim).
// See docs/claims.md for the design and docs/rules/*.md for the rules and their options.
import { z } from 'zod';
import type { RuleMeta } from '../../rule.js';
import { defaultsOf, nonNegative, strings } from '../../rule-options.js';
import type {
  CorpusStage,
  CorpusStageContext,
  StageDocument,
  StageFindingDraft,
  StageSettleContext,
} from '../../stage.js';
import type { Article, ClaimConflict, ClaimsReport, EntityEntry, RelatedLocation } from '../../types.js';
import { articleClaims, claimFeatures, type ClaimFeatures } from './features.js';
import { nameKey } from './names.js';
import { EntityResolver } from './resolve.js';
import type { Claim } from './types.js';
import { verifyClaims, type ClaimsOutput } from './verifier.js';
import { boundPerArticle } from './bound.js';
import { compareValues, display, representative, valueSignature, type Compat, type Prepared } from './compare.js';
import type { FactSentence } from './facts.js';
import { normalisedClaim } from './normalised.js';
import { NAME_SPELLING_DEFAULTS, nameSpellingRule, nameSpellings } from './spelling.js';
import {
  CHANGED_FACT_DEFAULTS,
  changedFactRule,
  changedFacts,
  reportChangedFacts,
  type VersionDocument,
} from './versions.js';

export type { Claim, ArticleClaims } from './types.js';
export { extractArticle } from './extract.js';
export { EntityResolver } from './resolve.js';
export { compareValues } from './compare.js';

export const claimConflictRule = {
  id: 'claim-conflict',
  description: 'Articles state incompatible facts about the same entity.',
  defaultSeverity: 'warning',
  options: z.object({
    withinArticle: strings()
      .default(['expands to', 'founded', 'founding place'])
      .describe('Attributes that hold one value per subject, so two values in the same article also conflict.'),
    tolerance: nonNegative()
      .default(0.02)
      .describe('Relative difference below which two unhedged numbers are the same figure.'),
    aliases: z.record(z.string(), strings()).default({}).describe('Extra aliases: { "Canonical name": ["alias", …] }.'),
    maxPerArticle: nonNegative()
      .default(50)
      .describe('Findings per article at most (the conflicts list in the report is never truncated).'),
    /** Checked in detail by verifier.ts (parseVerifierSettings) when the audit starts. */
    verifier: z
      .union([z.literal(false), z.null(), z.record(z.string(), z.unknown())])
      .optional()
      .describe('HTTP verifier for the claim pairs the rules cannot decide (docs/claims.md, Verifier).'),
  }),
} satisfies RuleMeta;

export const singleSourceClaimRule = {
  id: 'single-source-claim',
  description: 'A fact about a shared entity is stated by one article only.',
  defaultSeverity: 'info',
  options: z.object({
    maxPerArticle: nonNegative()
      .default(5)
      .describe('Findings per article at most (highest-value facts first: dates, numbers, people, then the rest).'),
    minArticles: nonNegative()
      .default(2)
      .describe('An entity must be mentioned by at least this many articles for a single-source fact to be reported.'),
    ignoreAttributes: strings()
      .default(['description', 'expands to'])
      .describe('Attributes never reported as single-source (descriptions and acronym expansions need no source).'),
  }),
} satisfies RuleMeta;

export const CLAIM_CONFLICT_DEFAULTS = defaultsOf(claimConflictRule.options);
export const SINGLE_SOURCE_DEFAULTS = defaultsOf(singleSourceClaimRule.options);

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

export interface ClaimsAnalysis {
  findings: StageFindingDraft[];
  result: ClaimsReport;
  /** Pairs the rules could not decide (different currencies, …): input for the optional verifier (verifier.ts). */
  undecided: UndecidedPair[];
  claims: Claim[];
}

/** At most this many related locations per claim-conflict finding. */
const MAX_RELATED = 10;

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

/** The evidence of a single-source-claim finding (its fingerprint input); the verifier matches it whole. */
export function singleSourceEvidence(subject: string, attribute: string, value: string): string {
  return `${subject} | ${attribute} | ${value}`;
}

/** Order of the report's conflicts list: subject, then attribute. */
export function compareConflicts(a: ClaimConflict, b: ClaimConflict): number {
  return cmp(a.subject, b.subject) || cmp(a.attribute, b.attribute);
}

/** Convenience for tests and scoring: extract every article's claims, then analyse them. */
export function analyseClaims(
  articles: readonly Article[],
  context: Pick<CorpusStageContext, 'options' | 'focus'>,
): ClaimsAnalysis {
  return analyseDocuments(
    articles.map((article) => ({ path: article.path, words: article.words, features: claimFeatures(article) })),
    context,
  );
}

export function analyseDocuments(
  documents: readonly StageDocument<ClaimFeatures>[],
  context: Pick<CorpusStageContext, 'options' | 'focus'>,
): ClaimsAnalysis {
  const conflictOptions = {
    ...CLAIM_CONFLICT_DEFAULTS,
    ...(context.options['claim-conflict'] ?? {}),
  } as typeof CLAIM_CONFLICT_DEFAULTS;
  const singleOptions = {
    ...SINGLE_SOURCE_DEFAULTS,
    ...(context.options['single-source-claim'] ?? {}),
  } as typeof SINGLE_SOURCE_DEFAULTS;
  const focus = context.focus;

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
  resolver.addAliases(conflictOptions.aliases);
  const groups = resolver.groups();
  // An acronym expanded two ways across the corpus means, inside an article that defines it, that article's expansion.
  const localDefs = perArticle.map((pa) => {
    const m = new Map<string, string>();
    for (const d of pa.acronyms) {
      const k = nameKey(d.short);
      if ((resolver.expansions.get(k)?.size ?? 0) > 1) m.set(k, nameKey(d.long));
    }
    return m;
  });
  const rootIn = (surface: string, article: number): string => {
    const k = nameKey(surface);
    const local = localDefs[article]?.get(k);
    return resolver.find(local ?? resolver.add(surface));
  };
  const names = new Map<string, { name: string; aliases: string[] }>();
  const nameOf = (root: string) => {
    let n = names.get(root);
    if (!n) names.set(root, (n = resolver.describeKeys(groups.get(root) ?? [root])));
    return n.name;
  };
  const prep: Prepared = { perArticle, resolver, groups, names, rootIn };

  // Group claims by (subject entity, attribute).
  const bySlot = new Map<string, Claim[]>();
  const slotInfo = new Map<string, { subjectRoot: string; attribute: string }>();
  const attributeOf = (c: Claim) =>
    c.qualifier ? `${c.attribute} ${nameOf(rootIn(c.qualifier, c.article))}` : c.attribute;
  for (const c of claims) {
    const root = c.kind === 'expansion' ? resolver.find(nameKey(c.subject)) : rootIn(c.subject, c.article);
    const attribute = attributeOf(c);
    const k = `${root}\u0000${attribute}`;
    let list = bySlot.get(k);
    if (!list) {
      bySlot.set(k, (list = []));
      slotInfo.set(k, { subjectRoot: root, attribute });
    }
    list.push(c);
  }

  const compatible = (a: Claim, b: Claim): Compat => compareValues(a, b, prep, conflictOptions.tolerance);
  const displayValue = (c: Claim): string => display(c, prep, nameOf);

  // --- conflicts ---------------------------------------------------------------------------------------------------
  const conflicts: ClaimConflict[] = [];
  const conflictFindings: StageFindingDraft[] = [];
  const undecided: ClaimsAnalysis['undecided'] = [];
  const inConflict = new Set<Claim>();
  const withinArticle = new Set(conflictOptions.withinArticle);
  // Claims with the same value signature are compared once (slots can hold thousands of claims in big corpora).
  const signature = (c: Claim): string => valueSignature(c, prep);
  // Display values of the claims in undecided pairs (filled once per value class).
  const undecidedValues = new Map<Claim, string>();
  const keepValues = (cls: Claim[]) => {
    if (undecidedValues.has(cls[0])) return;
    for (const c of cls) undecidedValues.set(c, displayValue(c));
  };
  for (const [k, list] of bySlot) {
    if (list.length < 2) continue;
    // With a focus (a pull request's articles), a slot no focus article states can only yield conflicts that are not
    // reported, and its claims are not focus facts for single-source either: skip the comparison.
    if (focus && !list.some((c) => focus.has(c.path))) continue;
    const { subjectRoot, attribute } = slotInfo.get(k)!;
    if (list[0].kind === 'text') continue;
    const classes = new Map<string, Claim[]>();
    for (const c of list) {
      const sig = signature(c);
      (classes.get(sig) ?? classes.set(sig, []).get(sig)!).push(c);
    }
    if (classes.size < 2) continue;
    const reps = [...classes.values()];
    const incompatible: number[][] = reps.map(() => []);
    const within = withinArticle.has(list[0].attribute);
    for (let i = 0; i < reps.length; i++) {
      for (let j = i + 1; j < reps.length; j++) {
        const c = compatible(reps[i][0], reps[j][0]);
        if (c === true) continue;
        if (c === 'undecidable') {
          if (undecided.length < 10_000) {
            keepValues(reps[i]);
            keepValues(reps[j]);
            undecided.push({
              subject: nameOf(subjectRoot),
              attribute,
              a: reps[i][0],
              b: reps[j][0],
              aClaims: reps[i],
              bClaims: reps[j],
              within,
              values: undecidedValues,
            });
          }
          continue;
        }
        incompatible[i].push(j);
        incompatible[j].push(i);
      }
    }
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
    if (against.size === 0) continue;
    const involved = [...against.keys()].sort(byLocation);
    if (focus && !involved.some((c) => focus.has(c.path))) continue;
    const subject = nameOf(subjectRoot);
    for (const c of involved) inConflict.add(c);
    conflicts.push({
      subject,
      attribute,
      values: involved.map((c) => ({
        value: displayValue(c),
        path: c.path,
        line: c.line,
        column: c.column,
        text: c.sentence,
        normalised: normalisedClaim(c),
      })),
    });
    for (const c of involved) {
      if (focus && !focus.has(c.path)) continue;
      conflictFindings.push(conflictFinding(subject, attribute, c, against.get(c)!.sort(byLocation), displayValue));
    }
  }
  conflicts.sort(compareConflicts);

  // --- mentions per entity --------------------------------------------------------------------------------------
  const mentionedBy = new Map<string, Set<number>>();
  perArticle.forEach((pa, i) => {
    for (const key of pa.mentions) {
      const root = resolver.find(key);
      if (!groups.has(root)) continue;
      let set = mentionedBy.get(root);
      if (!set) mentionedBy.set(root, (set = new Set()));
      set.add(i);
    }
  });
  // Claims' own articles mention their subject even when it is reached through "it"/"the company".
  for (const c of claims) {
    const root = rootIn(c.subject, c.article);
    let set = mentionedBy.get(root);
    if (!set) mentionedBy.set(root, (set = new Set()));
    set.add(c.article);
  }

  // --- facts (clusters of compatible values) per slot -------------------------------------------------------------
  interface Fact {
    subjectRoot: string;
    attribute: string;
    claims: Claim[];
    derived?: boolean;
    value?: string;
  }
  const facts: Fact[] = [];
  for (const [k, list] of bySlot) {
    const { subjectRoot, attribute } = slotInfo.get(k)!;
    const clusters: Claim[][] = [];
    const bySig = new Map<string, Claim[]>();
    for (const c of [...list].sort(byLocation)) {
      const sig = signature(c);
      const known = bySig.get(sig);
      if (known) {
        known.push(c);
        continue;
      }
      const home = clusters.length < 200 ? clusters.find((cl) => compatible(cl[0], c) === true) : undefined;
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
  // Derived (inverse) facts for the table: "HKUST launched AI & Data Laboratory", "Hong Kong: founding place of SenseTime".
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
  const derivedFacts = new Map<string, Fact>();
  for (const c of claims) {
    const inv = INVERSE[c.attribute];
    if (!inv || !c.items) continue;
    const subjectName = nameOf(rootIn(c.subject, c.article));
    for (const it of c.items) {
      const root = rootIn(it, c.article);
      const k = `${root}\u0000${inv}\u0000${subjectName}`;
      let f = derivedFacts.get(k);
      if (!f)
        derivedFacts.set(k, (f = { subjectRoot: root, attribute: inv, claims: [], derived: true, value: subjectName }));
      f.claims.push(c);
    }
  }

  // --- single-source facts ----------------------------------------------------------------------------------------
  const singleFindings: StageFindingDraft[] = [];
  if (documents.length >= 2) {
    const ignore = new Set(singleOptions.ignoreAttributes);
    // Drafts with their attribute kept apart: a " | " inside a subject or attribute must not change the priority.
    const perPath = new Map<string, { draft: StageFindingDraft; attribute: string }[]>();
    for (const f of facts) {
      if (ignore.has(f.claims[0].attribute) || f.claims[0].kind === 'text') continue;
      const stating = new Set(f.claims.map((c) => c.article));
      if (stating.size !== 1) continue;
      if (f.claims.some((c) => inConflict.has(c))) continue;
      const mentions = mentionedBy.get(f.subjectRoot)?.size ?? 0;
      if (mentions < singleOptions.minArticles) continue;
      const c = f.claims[0];
      if (focus && !focus.has(c.path)) continue;
      const subject = nameOf(f.subjectRoot);
      const draft: StageFindingDraft = {
        ruleId: 'single-source-claim',
        path: c.path,
        line: c.line,
        column: c.column,
        endLine: c.endLine,
        endColumn: c.endColumn,
        message: `${subject}: "${f.attribute}" is "${displayValue(c)}" only in this article, though ${mentions} articles mention ${subject}; check the source.`,
        evidence: singleSourceEvidence(subject, f.attribute, c.value),
      };
      (perPath.get(c.path) ?? perPath.set(c.path, []).get(c.path)!).push({ draft, attribute: f.attribute });
    }
    const priority = (attr: string) => {
      if (/^(founded|launched|opened|acquired|listed)$/.test(attr)) return 0;
      if (/size|revenue|profit|employees|number of|growth|valuation|funding|investment/.test(attr)) return 1;
      if (/ by$|chief|chair|president|director|head|role/.test(attr)) return 2;
      return 3;
    };
    for (const list of perPath.values()) {
      list.sort(
        (a, b) =>
          priority(a.attribute) - priority(b.attribute) ||
          a.draft.line - b.draft.line ||
          a.draft.column - b.draft.column,
      );
      singleFindings.push(...list.slice(0, Math.max(0, singleOptions.maxPerArticle)).map((x) => x.draft));
    }
  }

  // --- entities table ---------------------------------------------------------------------------------------------
  const byEntity = new Map<
    string,
    Map<string, { attribute: string; value: string; sources: Map<string, { path: string; line: number }> }>
  >();
  const addFact = (root: string, attribute: string, value: string, sources: { path: string; line: number }[]) => {
    let m = byEntity.get(root);
    if (!m) byEntity.set(root, (m = new Map()));
    const k = `${attribute}\u0000${value}`;
    let e = m.get(k);
    if (!e) m.set(k, (e = { attribute, value, sources: new Map() }));
    for (const s of sources) e.sources.set(`${s.path}\u0000${s.line}`, s);
  };
  for (const f of facts)
    addFact(
      f.subjectRoot,
      f.attribute,
      representative(f.claims, displayValue),
      f.claims.map((c) => ({ path: c.path, line: c.line })),
    );
  for (const f of derivedFacts.values())
    addFact(
      f.subjectRoot,
      f.attribute,
      f.value!,
      f.claims.map((c) => ({ path: c.path, line: c.line })),
    );
  for (const short of resolver.expansions.keys()) {
    const root = resolver.find(short);
    if (!byEntity.has(root)) byEntity.set(root, new Map());
  }
  const entities: EntityEntry[] = [];
  for (const [root, fm] of byEntity) {
    const { name, aliases } = names.get(root) ?? resolver.describeKeys(groups.get(root) ?? [root]);
    entities.push({
      name,
      aliases,
      facts: [...fm.values()]
        .map((e) => ({
          attribute: e.attribute,
          value: e.value,
          sources: [...e.sources.values()].sort((a, b) => cmp(a.path, b.path) || a.line - b.line),
        }))
        .sort((a, b) => cmp(a.attribute, b.attribute) || cmp(a.value, b.value)),
    });
  }
  entities.sort((a, b) => cmp(a.name.toLowerCase(), b.name.toLowerCase()) || cmp(a.name, b.name));

  const boundedConflicts = boundPerArticle(conflictFindings, conflictOptions.maxPerArticle);

  return { findings: [...boundedConflicts, ...singleFindings], result: { conflicts, entities }, undecided, claims };
}

/**
 * The claims stage; `run` also hands back the undecided pairs, which `settle` (async audits only) asks the optional
 * claim verifier about (verifier.ts).
 */
export const claimsStage: Omit<CorpusStage<ClaimFeatures, ClaimsReport>, 'run' | 'settle'> & {
  run(documents: readonly StageDocument<ClaimFeatures>[], context: CorpusStageContext): ClaimsOutput;
  settle(output: ClaimsOutput, context: StageSettleContext): ReturnType<typeof verifyClaims>;
} = {
  rules: [claimConflictRule, singleSourceClaimRule, changedFactRule, nameSpellingRule],
  extract: (article) => claimFeatures(article),
  run(documents, context) {
    const { findings, result, undecided } = analyseDocuments(documents, context);
    const versions = analyseVersions(documents, context);
    result.conflicts.push(...versions.conflicts);
    const spellings = analyseSpellings(documents, context);
    return { findings: [...findings, ...versions.findings, ...spellings], result, undecided };
  },
  // (An arrow, not the function itself: verifier.ts imports this module, and may be the first of the two loaded.)
  settle: (output, context) => verifyClaims(output, context),
};

/** Tokens of a fact sentence written in lower case in the text (not placeholders, not the capitalised first word). */
function* lowerCaseWords(s: FactSentence): Generator<string> {
  for (let k = 1; k < s.tokens.length; k++) if (s.tokens[k][0] !== '#') yield s.tokens[k];
}

/** One name spelt two ways across the corpus (rule name-spelling, docs/rules/name-spelling.md). */
export function analyseSpellings(
  documents: readonly StageDocument<ClaimFeatures>[],
  context: Pick<CorpusStageContext, 'options' | 'focus'>,
) {
  const options = {
    ...NAME_SPELLING_DEFAULTS,
    ...(context.options['name-spelling'] ?? {}),
  } as typeof NAME_SPELLING_DEFAULTS;
  return nameSpellings(
    documents.map((d) => ({ path: d.path, facts: d.features.facts, mentions: d.features.mentions })),
    options,
    context.focus,
  );
}

/** Changed facts between the versions the duplication stage relates (rule changed-fact, docs/rules/changed-fact.md). */
export function analyseVersions(
  documents: readonly StageDocument<ClaimFeatures>[],
  context: Pick<CorpusStageContext, 'options' | 'focus' | 'relatedPairs'>,
) {
  const options = {
    ...CHANGED_FACT_DEFAULTS,
    ...(context.options['changed-fact'] ?? {}),
  } as typeof CHANGED_FACT_DEFAULTS;
  const pairs = context.relatedPairs ?? [];
  if (pairs.length === 0) return { findings: [], conflicts: [] };
  const wanted = new Set(pairs.flatMap((p) => [p.a, p.b]));
  const docs = new Map<string, VersionDocument>();
  for (const d of documents) {
    if (wanted.has(d.path))
      docs.set(d.path, { path: d.path, title: d.features.facts.title, sentences: d.features.facts.sentences });
  }
  // Words the corpus writes in lower case (plain tokens of its fact sentences), built only if a name changed.
  let vocabulary: Set<string> | null = null;
  const isWord = (word: string) => {
    if (!vocabulary) {
      vocabulary = new Set();
      for (const d of documents)
        for (const s of d.features.facts.sentences) for (const t of lowerCaseWords(s)) vocabulary.add(t);
    }
    return vocabulary.has(word);
  };
  const facts = changedFacts(docs, pairs, options.minSentenceSimilarity, isWord);
  return reportChangedFacts(facts, context.focus, options.maxPerArticle);
}

export function byLocation(a: Claim, b: Claim): number {
  return cmp(a.path, b.path) || a.line - b.line || a.column - b.column;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
