// A document digest: everything the corpus-level part of the audit needs from one article, computed where the article
// is normalised (a worker thread) and cached by content hash. The pipeline keeps digests, never every Article: a
// 500-word article is ~80 KB as an Article and a few KB as a digest, which is what keeps 100,000 articles under 2 GB.
import { stableHash } from './stable-hash.js';
import { configuredSeverity, ruleOptions, type ResolvedConfig } from './config.js';
import { checkArticle, type DocumentRule } from './rule.js';
import { defaultsOf } from './rule-options.js';
import type { Registry } from './registry.js';
import { corpusStages, documentRules, pipelineRules } from './rules.js';
import type { CorpusStage } from './stage.js';
import { fileSuppressions, type FileSuppressions } from './suppressions.js';
import type { Article, FindingDraft } from './types.js';

/** Bump when the digest's shape or meaning changes (the cache also keys on the build). */
export const DIGEST_VERSION = 'digest-3';

export interface DocumentDigest {
  path: string;
  sha256: string;
  title: string | null;
  words: number;
  /** Drafts of problems found while loading (invalid-encoding); set by the loader, cached with the digest. */
  loadDrafts: FindingDraft[];
  /** Drafts of problems found while normalising (invalid front matter, …): Article.drafts. */
  normaliseDrafts: FindingDraft[];
  /** First-pass drafts of every enabled document rule, by rule id (corpus-aware rules checked without corpus data). */
  ruleDrafts: Record<string, FindingDraft[]>;
  /** Per-document partials of the corpus-aware rules (DocumentRule.collect), by rule id. */
  partials: Record<string, unknown>;
  /** Per-document features of the corpus stages (CorpusStage.extract), by stage name. */
  features: Record<string, unknown>;
  /** Inline suppressions of this file; null when it has none. */
  suppressions: FileSuppressions | null;
}

// biome-ignore lint/suspicious/noExplicitAny: rules with different options and corpus data types share one list
type AnyRule = DocumentRule<any, any, any>;

export type StageName = keyof typeof corpusStages;

/** What digesting a document means under one config: the enabled rules and every option, plus a cache key for it. */
export interface DigestPlan {
  rules: { rule: AnyRule; options: Record<string, unknown> }[];
  /** The enabled corpus stages in the order they run (stage names are keys of DocumentDigest.features). */
  stages: { name: string; stage: CorpusStage<unknown, unknown>; options: Record<string, Record<string, unknown>> }[];
  /** Hash of the rule ids, their options and the stage options (the cache's validity key besides content and build). */
  key: string;
}

function stageOptions(
  stage: Pick<CorpusStage<unknown, unknown>, 'rules'>,
  config: ResolvedConfig,
): Record<string, Record<string, unknown>> {
  const options: Record<string, Record<string, unknown>> = {};
  for (const rule of stage.rules)
    options[rule.id] = ruleOptions(config, rule.id, rule.options ? defaultsOf(rule.options) : {});
  return options;
}

/** The built-in document rules and corpus stages (read at call time, so a test's module mock applies). */
export function builtInRegistry(): Registry {
  return {
    documentRules,
    stages: (Object.keys(corpusStages) as StageName[]).map((name) => ({
      name,
      stage: corpusStages[name] as unknown as CorpusStage<unknown, unknown>,
    })),
    pipelineRules,
  };
}

/**
 * A rule's options with the lists it shares with other rules joined in (DocumentRule.sharedOptions): its own entries
 * first, then the other rule's configured ones, each once.
 */
export function withSharedOptions(
  rule: Pick<AnyRule, 'sharedOptions'>,
  config: ResolvedConfig,
  options: Record<string, unknown>,
): Record<string, unknown> {
  if (!rule.sharedOptions) return options;
  const out = { ...options };
  for (const [option, from] of Object.entries(rule.sharedOptions)) {
    const theirs = config.rules[from]?.options?.[option];
    if (!Array.isArray(theirs) || !theirs.length) continue;
    const own = Array.isArray(out[option]) ? (out[option] as unknown[]) : [];
    out[option] = [...new Set([...own, ...theirs])];
  }
  return out;
}

export function digestPlan(config: ResolvedConfig, registry: Registry = builtInRegistry()): DigestPlan {
  const rules = registry.documentRules
    .filter((rule) => configuredSeverity(config, rule.id) !== 'off')
    .map((rule) => ({
      rule: rule as AnyRule,
      options: withSharedOptions(rule, config, ruleOptions(config, rule.id, rule.defaults as Record<string, unknown>)),
    }));
  // A stage whose rules are all off is neither extracted nor run.
  const stages = registry.stages
    .filter(({ stage }) => stage.rules.some((rule) => configuredSeverity(config, rule.id) !== 'off'))
    .map(({ name, stage }) => ({ name, stage, options: stageOptions(stage, config) }));
  let key: string;
  try {
    key = stableHash([
      DIGEST_VERSION,
      rules.map((r) => [r.rule.id, r.options]),
      stages.map((s) => [s.name, s.options]),
    ]);
  } catch {
    key = ''; // options that cannot be hashed (functions from an .mjs config): never cached
  }
  return { rules, stages, key };
}

/** One article → its digest (pure). */
export function digestArticle(article: Article, plan: DigestPlan): DocumentDigest {
  const ruleDrafts: Record<string, FindingDraft[]> = {};
  const partials: Record<string, unknown> = {};
  for (const { rule, options } of plan.rules) {
    ruleDrafts[rule.id] = checkArticle(rule, article, { options, prepared: undefined });
    if (rule.collect) partials[rule.id] = rule.collect(article, options);
  }
  const features: Record<string, unknown> = {};
  for (const { name, stage, options } of plan.stages) features[name] = stage.extract(article, options);
  return {
    path: article.path,
    sha256: article.source.sha256,
    title: article.title,
    words: article.words,
    loadDrafts: [],
    normaliseDrafts: article.drafts,
    ruleDrafts,
    partials,
    features,
    suppressions: fileSuppressions(article),
  };
}

/** Light structural check of a digest that came back from the cache (anything odd = recompute). */
export function isDigest(
  value: unknown,
  path: string,
  sha256: string,
  stages: readonly string[],
): value is DocumentDigest {
  if (!value || typeof value !== 'object') return false;
  const d = value as Partial<DocumentDigest>;
  return (
    d.path === path &&
    d.sha256 === sha256 &&
    (d.title === null || typeof d.title === 'string') &&
    typeof d.words === 'number' &&
    Array.isArray(d.loadDrafts) &&
    Array.isArray(d.normaliseDrafts) &&
    !!d.ruleDrafts &&
    typeof d.ruleDrafts === 'object' &&
    Object.values(d.ruleDrafts).every(Array.isArray) &&
    !!d.partials &&
    typeof d.partials === 'object' &&
    !!d.features &&
    typeof d.features === 'object' &&
    stages.every((name) => name in d.features!) &&
    (d.suppressions === null || (typeof d.suppressions === 'object' && Array.isArray(d.suppressions.scopes)))
  );
}
