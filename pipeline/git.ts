// --changed-since REF: which files were added, modified or renamed since a git ref (plus untracked files).
// git runs through execFile (no shell); the ref is validated and always followed by `--`.
import { execFile } from 'node:child_process';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from './load.js';

export interface ChangedFiles {
  /** Absolute paths of added/modified/renamed-to/copied/untracked files that still exist. */
  files: string[];
  /** The repository root (absolute). */
  root: string;
}

function git(args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      { cwd, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8', env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } },
      (error, stdout, stderr) => {
        if (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'ENOENT')
            reject(new UsageError('--changed-since needs git, but the git executable was not found on PATH.'));
          else reject(Object.assign(new Error(String(stderr || error.message).trim()), { stderr }));
        } else resolve(stdout);
      },
    );
  });
}

/** Reject anything git could read as an option, or that is not a plausible revision expression. */
export function validateRef(ref: string): string {
  if (typeof ref !== 'string' || ref.trim() === '')
    throw new UsageError('--changed-since needs a git ref (a branch, tag or commit).');
  if (ref.startsWith('-'))
    throw new UsageError(`--changed-since: refusing ref "${ref}" (refs must not start with "-").`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\s]/.test(ref))
    throw new UsageError(`--changed-since: invalid ref ${JSON.stringify(ref)} (whitespace or control characters).`);
  return ref;
}

/** Parse `git diff --name-status -z` output: added/modified/type-changed paths and rename/copy targets. */
export function parseNameStatus(output: string): string[] {
  const fields = output.split('\0');
  const paths: string[] = [];
  for (let i = 0; i < fields.length; ) {
    const status = fields[i++];
    if (!status) continue;
    const letter = status[0];
    if (letter === 'R' || letter === 'C') {
      i++; // source path
      const target = fields[i++];
      if (target) paths.push(target);
    } else {
      const file = fields[i++];
      if (file && (letter === 'A' || letter === 'M' || letter === 'T')) paths.push(file);
    }
  }
  return paths;
}

/** Files changed since `ref` (committed, staged or not) plus untracked, not-ignored files. */
export async function changedSince(ref: string, cwd: string): Promise<ChangedFiles> {
  validateRef(ref);
  let root: string;
  try {
    root = (await git(['rev-parse', '--show-toplevel'], cwd)).trim();
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--changed-since: ${cwd} is not inside a git repository.`);
  }
  try {
    await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], cwd);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--changed-since: unknown git ref "${ref}".`);
  }
  const diff = await git(
    ['-c', 'core.quotepath=off', 'diff', '--name-status', '-M', '-z', '--no-ext-diff', '--no-textconv', ref, '--'],
    root,
  );
  const untracked = await git(['ls-files', '--others', '--exclude-standard', '-z', '--full-name'], root);
  // git reports paths under the real (symlink-resolved) root; express them under cwd as the caller spelled it.
  const realCwd = await realpath(cwd).catch(() => cwd);
  const files = new Set<string>();
  for (const rel of [...parseNameStatus(diff), ...untracked.split('\0').filter(Boolean)]) {
    files.add(path.resolve(cwd, path.relative(realCwd, path.resolve(root, rel))));
  }
  return { files: [...files].sort(), root };
}
