// Atomic report writing: temp files in the same folder, then rename, so CI never publishes a half-written report.
//
// Guarantees (docs/robustness.md):
// - Nothing is ever written outside `dir`: names are plain file names (no separators, no `..`), checked before any
//   write; temp files are created with O_EXCL (`wx`), so a planted symlink at a temp name is never followed; the
//   final rename replaces a symlink at the target name instead of writing through it.
// - All or nothing: every report is written to a temp file first; if any write fails, no report is replaced.
//   If a rename fails half-way, the reports already replaced are restored from backups (or removed when new).
// - No temp or backup files are left behind, whatever fails.
import { randomBytes } from 'node:crypto';
import { link, lstat, mkdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../pipeline/load.js';

export interface ReportFile {
  name: string;
  content: string;
}

/**
 * The reports could not be written (disk full, permissions, a folder in the way). Extends UsageError so the CLI
 * prints the message (not "internal error"); nothing was replaced when this is thrown.
 */
export class ReportWriteError extends UsageError {
  constructor(
    message: string,
    readonly cause: unknown,
  ) {
    super(message);
  }
}

function describe(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  const reasons: Record<string, string> = {
    ENOSPC: 'no space left on the device',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'read-only file system',
    ENOTDIR: 'a file is in the way of the folder',
    ENOENT: 'no such folder, and it cannot be created there',
    EEXIST: 'a file is in the way of the folder',
    EISDIR: 'a directory is in the way',
    EDQUOT: 'disk quota exceeded',
  };
  return (e.code && reasons[e.code]) ?? e.message ?? String(error);
}

function checkName(dir: string, name: string): string {
  const target = path.resolve(dir, name);
  if (
    !name ||
    name === '.' ||
    name === '..' ||
    name.includes('/') ||
    name.includes('\\') ||
    name.includes('\0') ||
    path.dirname(target) !== dir
  ) {
    throw new Error(`refusing to write outside ${dir}: ${JSON.stringify(name)}`);
  }
  return target;
}

export async function writeReportFiles(dir: string, files: ReportFile[]): Promise<void> {
  const folder = path.resolve(dir);
  // Validate every name before touching the file system.
  const targets = files.map((file) => checkName(folder, file.name));
  if (new Set(targets).size !== targets.length) throw new Error('duplicate report file names');
  try {
    await writeAll(folder, files, targets);
  } catch (error) {
    if (error instanceof ReportWriteError) throw error;
    throw new ReportWriteError(
      `could not write the reports to ${folder}: ${describe(error)}; no report was replaced`,
      error,
    );
  }
}

/**
 * `mkdir -p` one level at a time, from the nearest existing ancestor down. Node's `mkdir({ recursive: true })`
 * retries forever where a level cannot be created but does not exist either (under /proc it spins at 100 % CPU).
 * Returns the folders it created, outermost first.
 */
export async function makeFolders(dir: string): Promise<string[]> {
  const missing: string[] = [];
  let at = path.resolve(dir);
  for (;;) {
    const info = await stat(at).catch((error: NodeJS.ErrnoException) =>
      error.code === 'ENOENT' ? null : Promise.reject(error),
    );
    if (info) {
      if (!info.isDirectory()) throw Object.assign(new Error(`${at} is not a folder`), { code: 'ENOTDIR' });
      break;
    }
    missing.unshift(at);
    const parent = path.dirname(at);
    if (parent === at) break;
    at = parent;
  }
  const created: string[] = [];
  for (const folder of missing) {
    await mkdir(folder);
    created.push(folder);
  }
  return created;
}

/**
 * Fail fast, before the audit runs, when the reports could not be written to `dir` (under /proc, a file in the way,
 * a read-only folder, a full disk): creates the folder and writes and removes a probe file. Returns a function that
 * removes the folders it created again if they are still empty (an interrupted or failed run leaves nothing behind).
 */
export async function checkOutDir(dir: string): Promise<() => Promise<void>> {
  const folder = path.resolve(dir);
  let created: string[] = [];
  const cleanup = async () => {
    for (const made of [...created].reverse()) await rmdir(made).catch(() => undefined);
  };
  try {
    created = await makeFolders(folder);
    const probe = path.join(folder, `.content-audit-probe.${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
    try {
      // A few KB, not 0 bytes: a full disk still lets an empty file be created.
      await writeFile(probe, Buffer.alloc(8192), { flag: 'wx' });
    } finally {
      await rm(probe, { force: true }).catch(() => undefined);
    }
  } catch (error) {
    await cleanup();
    throw new ReportWriteError(`cannot write the reports to ${folder} (--out): ${describe(error)}`, error);
  }
  return cleanup;
}

async function writeAll(folder: string, files: ReportFile[], targets: string[]): Promise<void> {
  await makeFolders(folder);

  const tag = `${process.pid}-${randomBytes(6).toString('hex')}`;
  const temps: string[] = [];
  const backups = new Map<string, string>();
  const replaced: string[] = [];
  try {
    for (let i = 0; i < files.length; i++) {
      const temp = path.join(folder, `.${files[i].name}.${tag}.tmp`);
      temps.push(temp);
      await writeFile(temp, files[i].content, { encoding: 'utf8', flag: 'wx' });
    }
    // A directory in the way would make its rename fail half-way; refuse before replacing anything.
    for (const target of targets) {
      const info = await lstat(target).catch(() => null);
      if (info?.isDirectory())
        throw new ReportWriteError(
          `could not write the reports to ${folder}: a directory is in the way at ${path.basename(target)}; no ` +
            `report was replaced`,
          null,
        );
      if (info?.isFile()) {
        // Hard-link backup of the report being replaced, for rollback (cheap, no copy).
        // (Without hard-link support there is no rollback for this file; the write itself is still atomic.)
        const backup = path.join(folder, `.${path.basename(target)}.${tag}.bak`);
        if (
          await link(target, backup).then(
            () => true,
            () => false,
          )
        )
          backups.set(target, backup);
      }
    }
    for (let i = 0; i < files.length; i++) {
      await rename(temps[i], targets[i]);
      replaced.push(targets[i]);
    }
  } catch (error) {
    // Roll back: restore replaced reports from their backups, remove ones that did not exist before.
    for (const target of replaced.reverse()) {
      const backup = backups.get(target);
      if (backup) await rename(backup, target).catch(() => undefined);
      else await rm(target, { force: true }).catch(() => undefined);
    }
    throw error;
  } finally {
    await Promise.all([...temps, ...backups.values()].map((file) => rm(file, { force: true }).catch(() => undefined)));
  }
}
