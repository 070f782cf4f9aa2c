// Which discovered files are audited: config include/exclude plus .content-auditignore, as a LoadOptions.accept hook.
// User patterns are never compiled to regular expressions here: include globs go through tinyglobby,
// exclude patterns and the ignore file through the `ignore` package (gitignore semantics).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import ignore from 'ignore';
import { glob } from 'tinyglobby';

export const IGNORE_FILE_NAME = '.content-auditignore';

export interface AcceptOptions {
  cwd: string;
  /** Globs relative to cwd; when non-empty, only files matching one of them are audited. */
  include?: readonly string[];
  /** gitignore-syntax patterns relative to cwd. */
  exclude?: readonly string[];
  /** Path of the ignore file (default: `.content-auditignore` in cwd); false = do not read one. */
  ignoreFile?: string | false;
}

const toPosix = (p: string) => p.split(path.sep).join('/');

/** Read a gitignore-syntax file; a missing file is simply no patterns. */
export async function readIgnoreFile(file: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR')
      return [];
    throw error;
  }
  return text.replace(/^\uFEFF/, '').split(/\r?\n|\r/);
}

/**
 * Build the accept(relativePath) predicate, or undefined when nothing filters (the common fast path).
 * Paths outside cwd (`../x`) can match include globs but are never ignored by patterns, which are relative to cwd.
 */
export async function createAccept(options: AcceptOptions): Promise<((relativePath: string) => boolean) | undefined> {
  const patterns = [...(options.exclude ?? [])];
  if (options.ignoreFile !== false) {
    patterns.push(...(await readIgnoreFile(options.ignoreFile ?? path.join(options.cwd, IGNORE_FILE_NAME))));
  }
  const active = patterns.filter((line) => line.trim() !== '' && !line.startsWith('#'));
  const matcher = active.length ? ignore().add(patterns) : null;

  let included: Set<string> | null = null;
  if (options.include?.length) {
    const matches = await glob([...options.include], {
      cwd: options.cwd,
      onlyFiles: true,
      dot: false,
      followSymbolicLinks: false,
    });
    included = new Set(matches.map((match) => toPosix(path.normalize(match))));
  }
  if (!matcher && !included) return undefined;
  return (relativePath: string) => {
    const rel = toPosix(path.normalize(relativePath));
    if (included && !included.has(rel)) return false;
    if (matcher && !rel.startsWith('../') && rel !== '..' && !path.isAbsolute(rel) && matcher.ignores(rel))
      return false;
    return true;
  };
}
