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
    failOn: z.enum(['error', 'warning', 'info', 'never']).optional().describe('Lowest severity that makes the run fail (exit 1).'),
    include: z.array(z.string()).optional().describe('Globs of article files to audit (relative to the working directory).'),
    exclude: z.array(z.string()).optional().describe('Globs of files to leave out (gitignore syntax).'),
    maxFileBytes: z.number().int().positive().optional().describe('Files larger than this are refused with an unreadable-file finding.'),
    reports: z.object({
      markdownMaxBytes: z.number().int().positive().optional(),
      githubAnnotations: z.number().int().nonnegative().optional(),
    }).strict().optional(),
    rules: z.record(z.string(), ruleSettingSchema).optional().describe('Per rule: off | info | warning | error, or { severity, ...options }.'),
  })
  .strict();

export type ConfigInput = z.infer<typeof configSchema>;

export interface ResolvedConfig {
  failOn: Severity | 'never';
  include: string[];
  exclude: string[];
  maxFileBytes: number;
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
  markdownMaxBytes: 60_000,
  githubAnnotations: 10,
};

export class ConfigError extends Error {
  constructor(message: string, readonly file: string | null) {
    super(message);
  }
}

/** Validate raw config data; errors name the file, the key path and what was expected. */
export function resolveConfig(raw: unknown, file: string | null = null): ResolvedConfig {
  const parsed = configSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const key = issue.path.length ? issue.path.map(String).join('.') : '(root)';
      return `  ${key}: ${issue.message}`;
    });
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
