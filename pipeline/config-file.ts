// Config discovery: upward from the working directory, first match wins; --config overrides.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { ConfigError, resolveConfig, type ResolvedConfig } from './config.js';

export const CONFIG_FILE_NAMES = [
  'content-audit.config.json',
  'content-audit.config.yaml',
  'content-audit.config.yml',
  'content-audit.config.mjs',
] as const;

/** Find the nearest config file (or package.json with a "content-audit" field) from cwd upward. */
export function findConfigFile(cwd: string): string | null {
  let dir = path.resolve(cwd);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        const data = JSON.parse(readFileSync(pkg, 'utf8')) as Record<string, unknown>;
        if (data && typeof data === 'object' && 'content-audit' in data) return pkg;
      } catch {
        // An unparsable package.json is not our config; keep looking upward.
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

async function readRaw(file: string): Promise<unknown> {
  const base = path.basename(file);
  let text: string;
  try {
    text = base.endsWith('.mjs') ? '' : readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read config ${file}: ${(error as Error).message}`, file);
  }
  try {
    if (base === 'package.json') return (JSON.parse(text) as Record<string, unknown>)['content-audit'];
    if (base.endsWith('.json')) return JSON.parse(text);
    if (base.endsWith('.yaml') || base.endsWith('.yml')) return parseYaml(text);
    if (base.endsWith('.mjs') || base.endsWith('.js')) {
      const mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
      return mod.default;
    }
    // Unknown extension given with --config: try JSON, then YAML.
    try {
      return JSON.parse(text);
    } catch {
      return parseYaml(text);
    }
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(`Cannot parse config ${file}: ${(error as Error).message.split('\n')[0]}`, file);
  }
}

/** Load and validate the config: explicit path, else discovered, else embedded defaults. */
export async function loadConfig(cwd: string, explicit?: string | false): Promise<ResolvedConfig> {
  if (explicit === false) return resolveConfig({});
  const file = explicit ? path.resolve(cwd, explicit) : findConfigFile(cwd);
  if (!file) return resolveConfig({});
  if (explicit && !existsSync(file)) throw new ConfigError(`Config file not found: ${file}`, file);
  const raw = await readRaw(file);
  return resolveConfig(raw ?? {}, path.relative(cwd, file) || file);
}
