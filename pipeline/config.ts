// One schema → types, defaults, validation errors and the published JSON Schema (schema/config.schema.json).
import { z } from 'zod';
import type { Severity, SeverityOrOff } from './types.js';

export const severitySchema = z.enum(['off', 'info', 'warning', 'error']);

/** A rule is configured by a severity, or an object with an optional severity plus rule options. */
export const ruleSettingSchema = z.union([
  severitySchema,
  z.object({ severity: severitySchema.optional() }).catchall(z.unknown()),
]);

export const configSchema = z
  .object({
    $schema: z.string().optional().describe('Path or URL of the JSON Schema, for editors.'),
    failOn: z
      .enum(['error', 'warning', 'info', 'never'])
      .optional()
      .describe('Lowest severity that makes the run fail (exit 1).'),
    include: z
      .array(z.string())
      .optional()
      .describe('Globs of article files to audit (relative to the working directory).'),
    exclude: z.array(z.string()).optional().describe('Globs of files to leave out (gitignore syntax).'),
    maxFileBytes: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('Files larger than this are refused with an unreadable-file finding.'),
    maxFileSeconds: z
      .number()
      .nonnegative()
      .optional()
      .describe(
        'Per-file time budget of the CLI, in seconds: a file still being processed after this long is stopped and ' +
          'reported as an unreadable-file finding (0 = no budget).',
      ),
    reports: z
      .object({
        markdownMaxBytes: z
          .number()
          .int()
          .positive()
          .optional()
          .describe('Size budget of the Markdown report (audit.md), in bytes.'),
        githubAnnotations: z
          .number()
          .int()
          .nonnegative()
          .optional()
          .describe('Maximum number of GitHub annotations printed by --format github.'),
      })
      .strict()
      .optional()
      .describe('Report output settings.'),
    rules: z
      .record(z.string(), ruleSettingSchema)
      .optional()
      .describe('Per rule: off | info | warning | error, or { severity, ...options }.'),
  })
  .strict();

export type ConfigInput = z.infer<typeof configSchema>;

export interface ResolvedConfig {
  failOn: Severity | 'never';
  include: string[];
  exclude: string[];
  maxFileBytes: number;
  /** Per-file time budget of the CLI in seconds (0 = none); see docs/robustness.md. */
  maxFileSeconds: number;
  markdownMaxBytes: number;
  githubAnnotations: number;
  rules: Record<string, { severity?: SeverityOrOff; options: Record<string, unknown> }>;
  /** Where the config came from (for messages); null = embedded defaults. */
  file: string | null;
}

export const DEFAULTS: Omit<ResolvedConfig, 'rules' | 'file'> = {
  failOn: 'error',
  include: [],
  exclude: [],
  maxFileBytes: 20 * 1024 * 1024,
  maxFileSeconds: 120,
  markdownMaxBytes: 60_000,
  githubAnnotations: 10,
};

export class ConfigError extends Error {
  constructor(
    message: string,
    readonly file: string | null,
  ) {
    super(message);
  }
}

type Issue = z.core.$ZodIssue;

/** The value at a key path inside raw config (undefined where the path leaves the objects). */
export function valueAt(raw: unknown, keys: readonly PropertyKey[]): unknown {
  let value = raw;
  for (const key of keys) {
    if (!value || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** A short description of a config value for error messages ("an array", "2", "\"ai\""). */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Allowed keys of the object schema at a key path (for "unknown key" messages). */
function allowedKeys(keys: readonly PropertyKey[]): string[] {
  let schema: unknown = configSchema;
  for (const key of keys) {
    const shape = (schema as { shape?: Record<string, unknown> }).shape;
    let next = shape?.[String(key)];
    while (
      next &&
      typeof (next as { unwrap?: () => unknown }).unwrap === 'function' &&
      !(next as { shape?: unknown }).shape
    ) {
      next = (next as { unwrap: () => unknown }).unwrap();
    }
    if (!next) return [];
    schema = next;
  }
  const shape = (schema as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

const keyPath = (keys: readonly PropertyKey[]) => (keys.length ? keys.map(String).join('.') : '(root)');

/** One line per problem: the key path, what was expected and what was found. */
function formatIssue(issue: Issue, raw: unknown, prefix: readonly PropertyKey[] = []): string[] {
  const keys = [...prefix, ...issue.path];
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = allowedKeys(keys);
      return issue.keys.map(
        (key) =>
          `  ${keyPath([...keys, key])}: unknown ` +
          `key${allowed.length ? ` (expected one of: ${allowed.join(', ')})` : ''}`,
      );
    }
    case 'invalid_union': {
      // Report the alternative that got furthest (deepest error path); if none got past the value itself, list them.
      const branches = issue.errors.filter((branch) => branch.length > 0);
      const depth = (branch: Issue[]) => Math.max(...branch.map((inner) => inner.path.length));
      const best = branches.sort((a, b) => depth(b) - depth(a))[0];
      if (best && depth(best) > 0) return best.flatMap((inner) => formatIssue(inner, raw, keys));
      const value = valueAt(raw, keys);
      const isRuleSetting = keys.length === 2 && keys[0] === 'rules';
      const expected = isRuleSetting
        ? 'one of "off", "info", "warning", "error", or an object { "severity": ..., ...rule options }'
        : 'a valid value';
      return [`  ${keyPath(keys)}: expected ${expected}, received ${describeValue(value)}`];
    }
    default: {
      const value = valueAt(raw, keys);
      const received =
        value === undefined || issue.message.includes('received') ? '' : `, received ${describeValue(value)}`;
      return [`  ${keyPath(keys)}: ${issue.message}${received}`];
    }
  }
}

/** Validate raw config data; errors name the file, the key path and what was expected. */
export function resolveConfig(raw: unknown, file: string | null = null): ResolvedConfig {
  const parsed = configSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const lines = parsed.error.issues.flatMap((issue) => formatIssue(issue, raw ?? {}));
    throw new ConfigError(`Invalid configuration${file ? ` in ${file}` : ''}:\n${lines.join('\n')}`, file);
  }
  const input = parsed.data;
  const rules: ResolvedConfig['rules'] = {};
  for (const [id, setting] of Object.entries(input.rules ?? {})) {
    if (typeof setting === 'string') rules[id] = { severity: setting, options: {} };
    else {
      const { severity, ...options } = setting;
      rules[id] = { severity, options };
    }
  }
  return {
    failOn: input.failOn ?? DEFAULTS.failOn,
    include: input.include ?? [],
    exclude: input.exclude ?? [],
    maxFileBytes: input.maxFileBytes ?? DEFAULTS.maxFileBytes,
    maxFileSeconds: input.maxFileSeconds ?? DEFAULTS.maxFileSeconds,
    markdownMaxBytes: input.reports?.markdownMaxBytes ?? DEFAULTS.markdownMaxBytes,
    githubAnnotations: input.reports?.githubAnnotations ?? DEFAULTS.githubAnnotations,
    rules,
    file,
  };
}

/** Rule options: user options merged over the rule's defaults. */
export function ruleOptions<T extends object>(config: ResolvedConfig, id: string, defaults: T): T {
  return { ...defaults, ...(config.rules[id]?.options ?? {}) } as T;
}

export function configuredSeverity(config: ResolvedConfig, id: string): SeverityOrOff | undefined {
  return config.rules[id]?.severity;
}

/**
 * The published JSON Schema of the config file (schema/config.schema.json is generated from this). With `rules`
 * (the registry's rules: pipeline/config-schema.ts), each known rule id gets its own entry with its options.
 */
export function configJsonSchema(
  rules: readonly { id: string; description: string; docs?: string; options: z.ZodObject }[] = [],
): Record<string, unknown> {
  let schema_: z.ZodType = configSchema;
  if (rules.length) {
    const perRule: Record<string, z.ZodType> = {};
    for (const rule of rules) {
      const settings = rule.options.extend({ severity: severitySchema.optional() }).strict();
      perRule[rule.id] = z
        .union([severitySchema, settings])
        .optional()
        .describe(`${rule.description}${rule.docs ? ` See ${rule.docs}.` : ''}`);
    }
    schema_ = configSchema.extend({
      rules: z
        .object(perRule)
        .strict()
        .optional()
        .describe('Per rule: off | info | warning | error, or { severity, ...options }.'),
    });
  }
  const schema = z.toJSONSchema(schema_, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  const { $schema, ...rest } = schema;
  return {
    $schema,
    title: 'content-audit configuration',
    description:
      'content-audit.config.json / .yaml / .yml, or the "content-audit" field of package.json. See ' +
      'docs/configuration.md.',
    ...rest,
  };
}
