// Incremental cache: each document's digest (pipeline/digest.ts: first-pass rule findings, rule partials, corpus-stage
// features, suppressions) keyed by path and content hash, in SQLite.
//
//   <dir>/cache.sqlite   (default dir: .content-audit-cache/ in the working directory)
//
// Validity: the database records the cache schema version, the tool version and a build id (hash of the pipeline
// code); any mismatch empties it. A row is used only when its sha256 matches the file's and its key matches the
// digest plan's (rule ids and every option); its blob carries its own sha256, so a damaged blob is a miss, never
// trusted. A cache that cannot be opened, fails PRAGMA quick_check or throws SQLITE_CORRUPT/NOTADB on use is
// discarded and rebuilt. Rows are written every 500 documents and at the end of a successful run (a run that throws
// loses at most the last 499, which are then simply recomputed). The corpus-level passes (duplication, claims
// comparison, rules' combine) are not cached: they run on the digests every time.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import { deserialize, serialize } from 'node:v8';
import { isDigest, type DocumentDigest } from './digest.js';
import { TOOL_VERSION } from './version.js';

export const CACHE_SCHEMA_VERSION = 2;
export const DEFAULT_CACHE_DIR = '.content-audit-cache';
export const CACHE_FILE_NAME = 'cache.sqlite';

export interface CacheStats {
  /** Documents whose digest came from the cache. */
  hits: number;
  /** Documents digested this run (not cached, changed, or a row that did not validate). */
  misses: number;
  /** Why the cache file was discarded this run (corrupt, stale version…), if it was. */
  discarded: string[];
}

let buildIdMemo: string | null = null;

/** Hash of the pipeline code itself, so a rebuilt or edited tool never reuses results of older code. */
export function buildId(): string {
  if (buildIdMemo) return buildIdMemo;
  const hash = createHash('sha256').update(TOOL_VERSION);
  try {
    const root = path.dirname(fileURLToPath(import.meta.url));
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.(js|mjs|ts|json)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(full);
      }
    };
    walk(root);
    files.sort();
    for (const file of files) hash.update(path.relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  } catch {
    hash.update(`unknown:${Date.now()}`); // cannot fingerprint the code: never reuse results across runs
  }
  buildIdMemo = hash.digest('hex').slice(0, 32);
  return buildIdMemo;
}

// ---------------------------------------------------------------------------------------------------------------
// The SQLite cache

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS digests (
  path TEXT PRIMARY KEY, sha256 TEXT NOT NULL, key TEXT NOT NULL, data BLOB NOT NULL, data_sha256 TEXT NOT NULL
);`;

export interface CacheOpenOptions {
  /** Called with a human-readable note when the cache is discarded or disabled. */
  onWarning?: (message: string) => void;
  /** Run PRAGMA quick_check when opening (default true). */
  integrityCheck?: boolean;
}

type Db = Database.Database;

/** SQLite errors that mean the file itself is bad (as opposed to busy, locked, read-only or out of space). */
function isCorruption(error: unknown): boolean {
  const code = String((error as { code?: unknown })?.code ?? '');
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT_') || code === 'SQLITE_FORMAT';
}

/** Rows are written in transactions of this many (bounded memory on a cold run of a large corpus). */
const FLUSH_EVERY = 500;

export class AuditCache {
  readonly file: string;
  readonly stats: CacheStats = { hits: 0, misses: 0, discarded: [] };
  private db: Db | null = null;
  private readonly onWarning: (message: string) => void;
  private pending: { path: string; sha256: string; key: string; data: Buffer; dataSha256: string }[] = [];
  private select: Statement | null = null;
  private selectDb: unknown = null;

  private constructor(readonly dir: string, options: CacheOpenOptions) {
    this.file = path.join(dir, CACHE_FILE_NAME);
    this.onWarning = options.onWarning ?? (() => {});
  }

  /** Open (or create) the cache; never throws — a broken cache is discarded, an unusable one disabled. */
  static open(dir: string, options: CacheOpenOptions = {}): AuditCache {
    const cache = new AuditCache(path.resolve(dir), options);
    cache.db = cache.connect(options.integrityCheck !== false);
    return cache;
  }

  get enabled(): boolean {
    return this.db !== null;
  }

  private expectedMeta(): Record<string, string> {
    return { schema_version: String(CACHE_SCHEMA_VERSION), tool_version: TOOL_VERSION, build_id: buildId() };
  }

  private connect(check: boolean): Db | null {
    try {
      mkdirSync(this.dir, { recursive: true });
      const ignoreFile = path.join(this.dir, '.gitignore');
      if (!existsSync(ignoreFile)) writeFileSync(ignoreFile, '# Created by content-audit; safe to delete.\n*\n');
    } catch (error) {
      this.onWarning(`cache disabled: cannot create ${this.dir} (${(error as Error).message})`);
      return null;
    }
    for (let attempt = 0; attempt < 2; attempt++) {
      let db: Db | null = null;
      try {
        db = new Database(this.file, { timeout: 5000 });
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = NORMAL');
        const verdict = this.verdict(db, check);
        if (verdict?.kind === 'corrupt') {
          db.close();
          db = null;
          this.discard(verdict.reason);
          continue;
        }
        const fresh = db;
        fresh.transaction(() => {
          if (verdict?.kind === 'stale') {
            // Outdated but sound: empty it in place (safe for another process that has it open).
            this.stats.discarded.push(verdict.reason);
            for (const table of ['articles', 'rule_results', 'digests', 'meta']) fresh.exec(`DROP TABLE IF EXISTS ${table}`);
          }
          fresh.exec(SCHEMA);
          const insert = fresh.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
          for (const [key, value] of Object.entries(this.expectedMeta())) insert.run(key, value);
        }).immediate();
        return fresh;
      } catch (error) {
        try {
          db?.close();
        } catch {
          // already unusable
        }
        if (attempt === 0 && isCorruption(error)) this.discard(`it cannot be opened (${(error as Error).message})`);
        else {
          this.onWarning(`cache disabled for this run: ${this.file} is not usable (${(error as Error).message})`);
          return null;
        }
      }
    }
    return null;
  }

  /** Whether an existing database can be used: null = current and sound; stale = outdated (emptied); corrupt = deleted. */
  private verdict(db: Db, check: boolean): { kind: 'stale' | 'corrupt'; reason: string } | null {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    if (tables.length === 0) return null; // fresh file
    if (check) {
      const result = db.pragma('quick_check', { simple: true });
      if (result !== 'ok') return { kind: 'corrupt', reason: `it failed the integrity check (${String(result)})` };
    }
    if (!tables.includes('meta') || !tables.includes('digests')) return { kind: 'stale', reason: 'it has an unknown layout' };
    const rows = db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[];
    const meta = Object.fromEntries(rows.map((row) => [row.key, row.value]));
    const expected = this.expectedMeta();
    if (meta.schema_version !== expected.schema_version) return { kind: 'stale', reason: `its schema version ${meta.schema_version ?? '(none)'} is not ${expected.schema_version}` };
    if (meta.tool_version !== expected.tool_version) return { kind: 'stale', reason: `it was written by content-audit ${meta.tool_version ?? '(unknown)'}` };
    if (meta.build_id !== expected.build_id) return { kind: 'stale', reason: 'it was written by a different build of content-audit' };
    return null;
  }

  /** Delete a corrupt cache file (and its WAL/SHM side files). */
  private discard(reason: string): void {
    this.stats.discarded.push(reason);
    this.onWarning(`cache ${this.file} discarded and rebuilt: ${reason}`);
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${this.file}${suffix}`, { force: true });
  }

  /** A database error in mid-run: a corrupt file is thrown away and restarted; anything else (busy, read-only, disk
   *  full) just switches the cache off for the rest of the run. */
  private fail(error: unknown): void {
    try {
      this.db?.close();
    } catch {
      // ignore
    }
    this.db = null;
    if (isCorruption(error)) {
      this.discard(`SQLite error (${(error as Error).message})`);
      this.db = this.connect(false);
    } else {
      this.onWarning(`cache disabled for this run: ${(error as Error).message}`);
    }
  }

  /** The cached digest of this exact file content under this digest plan (`key`), or undefined. */
  getDigest(filePath: string, sha256: string, key: string, stages: readonly string[]): DocumentDigest | undefined {
    if (!this.db || !key) {
      this.stats.misses++;
      return undefined;
    }
    let row: { sha256: string; key: string; data: Buffer; data_sha256: string } | undefined;
    try {
      // Compiled once per connection: it runs for every document.
      if (!this.select || this.selectDb !== this.db) {
        this.select = this.db.prepare('SELECT sha256, key, data, data_sha256 FROM digests WHERE path = ?');
        this.selectDb = this.db;
      }
      row = this.select.get(filePath) as typeof row;
    } catch (error) {
      this.fail(error);
      row = undefined;
    }
    if (!row || row.sha256 !== sha256 || row.key !== key) {
      this.stats.misses++;
      return undefined;
    }
    let digest: unknown;
    try {
      if (createHash('sha256').update(row.data).digest('hex') !== row.data_sha256) throw new Error('checksum mismatch');
      digest = deserialize(row.data);
    } catch (error) {
      digest = (error as Error).message;
    }
    if (!isDigest(digest, filePath, sha256, stages)) {
      // Never trust a row that does not validate; it is overwritten by putDigest.
      this.stats.misses++;
      this.stats.discarded.push(`row for ${filePath}: ${typeof digest === 'string' ? digest : 'unexpected shape'}`);
      return undefined;
    }
    this.stats.hits++;
    return digest;
  }

  putDigest(digest: DocumentDigest, key: string): void {
    if (!this.db || !key) return;
    let data: Buffer;
    try {
      data = serialize(digest);
    } catch {
      return; // not serialisable (a rule returned a function): just not cached
    }
    this.pending.push({ path: digest.path, sha256: digest.sha256, key, data, dataSha256: createHash('sha256').update(data).digest('hex') });
    if (this.pending.length >= FLUSH_EVERY) this.flush();
  }

  /** Write the pending rows in one transaction. */
  flush(): void {
    if (!this.db || this.pending.length === 0) return;
    try {
      const insert = this.db.prepare('INSERT OR REPLACE INTO digests (path, sha256, key, data, data_sha256) VALUES (?, ?, ?, ?, ?)');
      const rows = this.pending;
      this.db.transaction(() => {
        for (const row of rows) insert.run(row.path, row.sha256, row.key, row.data, row.dataSha256);
      })();
    } catch (error) {
      this.fail(error);
    }
    this.pending = [];
  }

  close(): void {
    try {
      this.db?.close();
    } catch {
      // ignore
    }
    this.db = null;
  }
}

/** Size of the cache file in bytes (0 when absent), for diagnostics. */
export function cacheFileSize(dir: string): number {
  try {
    return statSync(path.join(dir, CACHE_FILE_NAME)).size;
  } catch {
    return 0;
  }
}
