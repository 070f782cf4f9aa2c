// The registry: every rule the tool can report, and the stages that produce them. Each rule declares its metadata once,
// next to its code (id, description, default severity, options schema with defaults: RuleMeta); the registry adds the
// docs page. The pipeline, the config validation, the JSON Schema, the README/configuration rule tables and the parity
// test all read it from here.
import type { z } from 'zod';
import { ConfigError, describeValue, type ResolvedConfig, valueAt } from './config.js';
import { builtInRegistry } from './digest.js';
import { type DocumentRule, type RuleMeta, ruleDocsPath } from './rule.js';
import { defaultsOf, strictOptions } from './rule-options.js';
import type { CorpusStage } from './stage.js';

// biome-ignore lint/suspicious/noExplicitAny: rules with different options and corpus data types share one list
type AnyRule = DocumentRule<any, any, any>;

/** Where a rule's findings come from. */
export type RuleKind = 'document' | 'corpus' | 'pipeline';

export interface RegisteredRule extends Omit<RuleMeta, 'options'> {
  kind: RuleKind;
  /** The corpus stage that reports it (kind 'corpus'). */
  stage?: string;
  /** The rule's documentation page, relative to the package root. */
  docs: string;
  defaults: Record<string, unknown>;
  /** Options schema: every option optional with its default; unknown names rejected. */
  options: z.ZodObject;
}

/**
 * What an audit runs: the document rules and the corpus stages, in order (the built-in ones, or ones passed in
 * through the API: AuditOptions.registry).
 */
export interface Registry {
  documentRules: readonly AnyRule[];
  stages: readonly { name: string; stage: CorpusStage<unknown, unknown> }[];
  /** Rules the loader, the normaliser and the suppression mechanism report (no options). */
  pipelineRules: readonly RuleMeta[];
}

/** The built-in rules and stages (read at call time, so a test's module mock applies). */
export const defaultRegistry = (): Registry => builtInRegistry();

/** The built-in registry plus extra document rules (the API's way to add a rule without forking the tool). */
export function withRules(rules: readonly AnyRule[], base: Registry = defaultRegistry()): Registry {
  return { ...base, documentRules: [...base.documentRules, ...rules] };
}

/** A rule's entry in the registry: its metadata, where its findings come from, its docs page, its options. */
function registered(meta: RuleMeta, kind: RuleKind, stage?: string): RegisteredRule {
  const options = strictOptions(meta.options);
  return {
    id: meta.id,
    description: meta.description,
    defaultSeverity: meta.defaultSeverity,
    kind,
    ...(stage ? { stage } : {}),
    docs: ruleDocsPath(meta.id),
    defaults: defaultsOf(options),
    options,
  };
}

/** Every rule of a registry with its full metadata, sorted by id. */
export function registeredRules(registry: Registry = defaultRegistry()): RegisteredRule[] {
  const out: RegisteredRule[] = registry.documentRules.map((rule) => registered(rule, 'document'));
  for (const { name, stage } of registry.stages)
    for (const rule of stage.rules) out.push(registered(rule, 'corpus', name));
  for (const rule of registry.pipelineRules) out.push(registered(rule, 'pipeline'));
  return out.sort((a, b) => (a.id < b.id ? -1 : 1));
}

const keyPath = (keys: readonly PropertyKey[]) => keys.map(String).join('.');

/** Problems of one rule's options, one line each: the key path and what was expected. */
export function optionProblems(
  rule: Pick<RegisteredRule, 'id' | 'options'>,
  options: Record<string, unknown>,
): string[] {
  const parsed = rule.options.safeParse(options);
  if (parsed.success) return [];
  const base = ['rules', rule.id];
  return parsed.error.issues.flatMap((issue) => {
    const keys = [...base, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      const allowed = Object.keys(rule.options.shape);
      return issue.keys.map(
        (key) =>
          `  ${keyPath([...keys, key])}: unknown option (${allowed.length ? `expected one of: severity, ${allowed.join(', ')}` : 'this rule has no options besides severity'})`,
      );
    }
    const value = valueAt(options, issue.path);
    const received =
      value === undefined || issue.message.includes('received') ? '' : `, received ${describeValue(value)}`;
    return [`  ${keyPath(keys)}: ${issue.message}${received}`];
  });
}

/**
 * Rule ids and rule options of a config against the registry: unknown ids, unknown option names and wrong types or
 * ranges are a configuration error (exit 2 in the CLI), raised before any file is read.
 */
export function validateRules(config: ResolvedConfig, registry: Registry = defaultRegistry()): void {
  const rules = new Map(registeredRules(registry).map((rule) => [rule.id, rule]));
  const lines: string[] = [];
  for (const [id, setting] of Object.entries(config.rules)) {
    const rule = rules.get(id);
    if (!rule) {
      lines.push(`  rules.${id}: unknown rule id (expected one of: ${[...rules.keys()].join(', ')})`);
      continue;
    }
    lines.push(...optionProblems(rule, setting.options ?? {}));
  }
  if (lines.length)
    throw new ConfigError(
      `Invalid configuration${config.file ? ` in ${config.file}` : ''}:\n${lines.join('\n')}`,
      config.file,
    );
}

/** The rule ids a registry knows. */
export function ruleIdsOf(registry: Registry = defaultRegistry()): Set<string> {
  return new Set(registeredRules(registry).map((rule) => rule.id));
}
