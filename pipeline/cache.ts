// Incremental cache: each document's digest (pipeline/digest.ts: first-pass rule drafts, rule partials, corpus-stage
// features, suppressions) keyed by path and content hash, in SQLite.
//
//   <dir>/cache.sqlite   (default dir: .content-audit-cache/ in the working directory)
//
// Validity: the database records the cache schema version, the tool version and a build id (hash of the pipeline
// code); any mismatch empties it. A row is used only when its key matches the digest plan's (rule ids and every
// option) and either the file's metadata matches the metadata recorded with it (size, times, inode; never recorded
// for a file modified or changed within RACY_MS of being read) or, failing that, the SHA-256 of the file's bytes
// matches. Its blob carries a CRC-32, so a damaged row is a miss, never trusted. A cache that cannot be opened, fails
// PRAGMA quick_check or throws SQLITE_CORRUPT/NOTADB on use is discarded and rebuilt.
//
// Layout of a row's `data` blob: the raw bytes of the digest's typed-array features back to back (`split` bytes; read
// back as views, without parsing: most of a digest's bytes are the duplication features), then the rest of the
// digest as JSON when it round-trips exactly, else v8-serialised. Warm runs read rows in batches (one query per 200
// documents), through a memory map.
//
// Rows are written every 500 documents and at the end of a successful run (a run that throws loses at most the last
// 499, which are then simply recomputed). The corpus-level passes (duplication, claims comparison, rules' combine)
// are not cached: they run on the digests every time.
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import { isDeepStrictEqual } from 'node:util';
import { deserialize, serialize } from 'node:v8';
import { isDigest, type DocumentDigest } from './digest.js';
import { TOOL_VERSION } from './version.js';

export const CACHE_SCHEMA_VERSION = 3;
export const DEFAULT_CACHE_DIR = '.content-audit-cache';
export const CACHE_FILE_NAME = 'cache.sqlite';

export interface CacheStats {
  /** Documents whose digest came from the cache. */
  hits: number;
  /** Of the hits, those recognised by file metadata alone (not read at all). */
  unread: number;
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
    for (const file of files)
      hash.update(path.relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
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
  path TEXT PRIMARY KEY, sha256 TEXT NOT NULL, key TEXT NOT NULL, data BLOB NOT NULL, split INTEGER NOT NULL,
  checksum INTEGER NOT NULL, stat TEXT
);`;

/**
 * Larger pages than SQLite's 4 KB default: a digest row (~5 KB) then fits one page instead of spilling to overflow
 * pages.
 */
const PAGE_SIZE = 16384;

/** Address space SQLite may map for reads (the cache of a 100,000-article corpus is ~550 MB). */
const MMAP_BYTES = 1 << 30;

/** Documents per lookup query. */
const LOOKUP_BATCH = 200;

/** A digest as stored: its typed-array features replaced by their place in the blob. */
interface StoredDigest {
  digest: DocumentDigest;
  /** [stage name, byte offset into the blob, element count] of each Uint32Array feature. */
  arrays: [string, number, number][];
}

/** Digest → the row's blob and the length of its typed-array part. */
function packDigest(digest: DocumentDigest): { data: Buffer; split: number } {
  const features: Record<string, unknown> = {};
  const placed: [string, number, number][] = [];
  const parts: Uint8Array[] = [];
  let offset = 0;
  for (const [name, value] of Object.entries(digest.features)) {
    if (value instanceof Uint32Array) {
      placed.push([name, offset, value.length]);
      parts.push(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
      offset += value.byteLength;
      features[name] = null;
    } else features[name] = value;
  }
  const stored: StoredDigest = { digest: { ...digest, features }, arrays: placed };
  parts.push(encodeRest(stored));
  return { data: Buffer.concat(parts), split: offset };
}

/**
 * The rest of a digest as JSON when it survives JSON unchanged (plain findings, partials and claims: the usual case,
 * and JSON.parse reads a few hundred bytes several times faster than v8.deserialize), else v8-serialised (Maps, Sets,
 * undefined values… from a custom rule). The first byte tells them apart: `{` or v8's version tag 0xFF.
 */
function encodeRest(stored: StoredDigest): Buffer {
  let json: string | null = null;
  try {
    json = JSON.stringify(stored);
    if (!isDeepStrictEqual(JSON.parse(json), stored)) json = null;
  } catch {
    json = null;
  }
  return json === null ? serialize(stored) : Buffer.from(json, 'utf8');
}

function decodeRest(bytes: Buffer): StoredDigest {
  return (bytes[0] === 0x7b ? JSON.parse(bytes.toString('utf8')) : deserialize(bytes)) as StoredDigest;
}

/** The row's blob → digest (throws on a malformed row; the caller treats that as a miss). */
function unpackDigest(data: Buffer, split: number): unknown {
  if (!Number.isInteger(split) || split < 0 || split % 4 !== 0 || split >= data.length)
    throw new Error('unexpected shape');
  const stored = decodeRest(data.subarray(split));
  if (
    !stored ||
    typeof stored !== 'object' ||
    !stored.digest ||
    typeof stored.digest !== 'object' ||
    !Array.isArray(stored.arrays)
  )
    throw new Error('unexpected shape');
  const { digest } = stored;
  if (!digest.features || typeof digest.features !== 'object') throw new Error('unexpected shape');
  // Views need 4-byte alignment; SQLite's buffers normally start at 0, else copy once.
  const bytes = data.byteOffset % 4 === 0 ? data : Buffer.from(data);
  for (const entry of stored.arrays) {
    const [name, offset, length] = entry;
    if (
      typeof name !== 'string' ||
      !Number.isInteger(offset) ||
      !Number.isInteger(length) ||
      offset < 0 ||
      length < 0 ||
      offset % 4 !== 0 ||
      offset + length * 4 > split
    )
      throw new Error('unexpected shape');
    digest.features[name] = new Uint32Array(bytes.buffer, bytes.byteOffset + offset, length);
  }
  return digest;
}

/** CRC-32 of a row's blob, seeded with its split (detects damage to either; the cache is not a security boundary). */
export const rowChecksum = (data: Uint8Array, split: number): number => crc32(data, split >>> 0);

export interface CacheOpenOptions {
  /** Called with a human-readable note when the cache is discarded or disabled. */
  onWarning?: (message: string) => void;
  /** Run PRAGMA quick_check when opening (default true). */
  integrityCheck?: boolean;
}

type Db = Database.Database;

/** A row as read (opaque to callers: pass it back to AuditCache.byContent). */
export interface CachedRow {
  path: string;
  sha256: string;
  key: string;
  data: Buffer;
  split: number;
  checksum: number | bigint;
  /** File metadata recorded with the row (pipeline/load.ts statKey), or null. */
  stat: string | null;
}

/** What the pipeline knows of a file before reading it. */
export interface CacheProbe {
  path: string;
  /** statKey() of the file now; null = do not match by metadata (too recent, or strategy 'content'). */
  stat: string | null;
}

/** SQLite errors that mean the file itself is bad (as opposed to busy, locked, read-only or out of space). */
function isCorruption(error: unknown): boolean {
  const code = String((error as { code?: unknown })?.code ?? '');
  return (
    code === 'SQLITE_CORRUPT' ||
    code === 'SQLITE_NOTADB' ||
    code.startsWith('SQLITE_CORRUPT_') ||
    code === 'SQLITE_FORMAT'
  );
}

/** Rows are written in transactions of this many (bounded memory on a cold run of a large corpus). */
const FLUSH_EVERY = 500;

export class AuditCache {
  readonly file: string;
  readonly stats: CacheStats = { hits: 0, unread: 0, misses: 0, discarded: [] };
  private db: Db | null = null;
  private readonly onWarning: (message: string) => void;
  private pending: {
    path: string;
    sha256: string;
    key: string;
    data: Buffer;
    split: number;
    checksum: number;
    stat: string | null;
  }[] = [];
  /** Rows whose content matched but whose recorded metadata is missing or out of date. */
  private pendingStats: { path: string; sha256: string; key: string; stat: string }[] = [];
  private select: Statement | null = null;
  private selectDb: unknown = null;

  private constructor(
    readonly dir: string,
    options: CacheOpenOptions,
  ) {
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
        // Only takes effect on a new, empty file (before WAL mode is set).
        db.pragma(`page_size = ${PAGE_SIZE}`);
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = NORMAL');
        // Memory-mapped reads: a warm run reads every row once, and a read() call per page costs more than the page.
        db.pragma(`mmap_size = ${MMAP_BYTES}`);
        const verdict = this.verdict(db, check);
        if (verdict?.kind === 'corrupt') {
          db.close();
          db = null;
          this.discard(verdict.reason);
          continue;
        }
        const fresh = db;
        fresh
          .transaction(() => {
            if (verdict?.kind === 'stale') {
              // Outdated but sound: empty it in place (safe for another process that has it open).
              this.stats.discarded.push(verdict.reason);
              for (const table of ['articles', 'rule_results', 'digests', 'meta'])
                fresh.exec(`DROP TABLE IF EXISTS ${table}`);
            }
            fresh.exec(SCHEMA);
            const insert = fresh.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
            for (const [key, value] of Object.entries(this.expectedMeta())) insert.run(key, value);
          })
          .immediate();
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

  /**
   * Whether an existing database can be used: null = current and sound; stale = outdated (emptied); corrupt = deleted.
   */
  private verdict(db: Db, check: boolean): { kind: 'stale' | 'corrupt'; reason: string } | null {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    if (tables.length === 0) return null; // fresh file
    if (check) {
      const result = db.pragma('quick_check', { simple: true });
      if (result !== 'ok') return { kind: 'corrupt', reason: `it failed the integrity check (${String(result)})` };
    }
    if (!tables.includes('meta') || !tables.includes('digests'))
      return { kind: 'stale', reason: 'it has an unknown layout' };
    const rows = db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[];
    const meta = Object.fromEntries(rows.map((row) => [row.key, row.value]));
    const expected = this.expectedMeta();
    if (meta.schema_version !== expected.schema_version)
      return {
        kind: 'stale',
        reason: `its schema version ${meta.schema_version ?? '(none)'} is not ${expected.schema_version}`,
      };
    if (meta.tool_version !== expected.tool_version)
      return { kind: 'stale', reason: `it was written by content-audit ${meta.tool_version ?? '(unknown)'}` };
    if (meta.build_id !== expected.build_id)
      return { kind: 'stale', reason: 'it was written by a different build of content-audit' };
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

  /**
   * Step 1 of a lookup, before the files are read: the rows of these documents (one query per LOOKUP_BATCH), and
   * the digests of those whose recorded file metadata (size, times, inode) still matches — an unchanged file is then
   * neither read nor hashed (the strategy of git's index and ESLint's default cache). Metadata is only ever recorded
   * for files last modified or changed more than RACY_MS before they were read, so an edit within the same clock tick
   * as the read cannot go unnoticed. Hits are counted here; for the rest, read the file and call byContent().
   */
  probe(
    requests: readonly CacheProbe[],
    key: string,
    stages: readonly string[],
  ): { digests: (DocumentDigest | undefined)[]; rows: Map<string, CachedRow> } {
    const digests: (DocumentDigest | undefined)[] = new Array(requests.length).fill(undefined);
    const rows = new Map<string, CachedRow>();
    for (let start = 0; start < requests.length; start += LOOKUP_BATCH) {
      const batch = requests.slice(start, start + LOOKUP_BATCH);
      for (const [path, row] of this.rowsFor(
        batch.map((request) => request.path),
        key,
      ))
        rows.set(path, row);
      batch.forEach((request, k) => {
        const row = rows.get(request.path);
        if (!row || request.stat === null || row.stat !== request.stat || row.key !== key) return;
        const digest = this.validated(row, request.path, row.sha256, stages);
        if (digest) {
          this.stats.hits++;
          this.stats.unread++;
          digests[start + k] = digest;
        }
        rows.delete(request.path); // matched, or a damaged row (recorded as discarded): either way not for byContent
      });
    }
    return { digests, rows };
  }

  /**
   * Step 2: the digest of this exact content (its SHA-256) from a row probe() returned, or undefined (a miss).
   * `stat` is the file's metadata as read (recorded on the row for the next run's probe; null = not recordable).
   */
  byContent(
    row: CachedRow | undefined,
    filePath: string,
    sha256: string,
    stat: string | null,
    key: string,
    stages: readonly string[],
  ): DocumentDigest | undefined {
    if (!row || row.sha256 !== sha256 || row.key !== key) {
      this.stats.misses++;
      return undefined;
    }
    const digest = this.validated(row, filePath, sha256, stages);
    if (!digest) {
      this.stats.misses++;
      return undefined;
    }
    this.stats.hits++;
    if (stat !== null && row.stat !== stat) this.pendingStats.push({ path: filePath, sha256, key, stat });
    return digest;
  }

  /** Lookup by content hash alone (probe + byContent without metadata), in request order. */
  getDigests(
    requests: readonly { path: string; sha256: string }[],
    key: string,
    stages: readonly string[],
  ): (DocumentDigest | undefined)[] {
    const { rows } = this.probe(
      requests.map((request) => ({ path: request.path, stat: null })),
      key,
      stages,
    );
    return requests.map((request) =>
      this.byContent(rows.get(request.path), request.path, request.sha256, null, key, stages),
    );
  }

  private rowsFor(paths: string[], key: string): Map<string, CachedRow> {
    const rows = new Map<string, CachedRow>();
    if (!this.db || !key) return rows;
    try {
      // Compiled once per connection; unused placeholders are NULL, which matches no row.
      let select: Statement | null = this.select;
      if (!select || this.selectDb !== this.db) {
        select = this.select = this.db.prepare(
          `SELECT path, sha256, key, data, split, checksum, stat FROM digests WHERE path IN ` +
            `(${new Array(LOOKUP_BATCH).fill('?').join(', ')})`,
        );
        this.selectDb = this.db;
      }
      const values: (string | null)[] = paths.slice();
      while (values.length < LOOKUP_BATCH) values.push(null);
      for (const row of select.all(...values) as CachedRow[]) rows.set(row.path, row);
    } catch (error) {
      this.fail(error);
      rows.clear();
    }
    return rows;
  }

  /** The row's digest if its checksum, encoding and shape hold (else recorded as discarded, and undefined). */
  private validated(
    row: CachedRow,
    filePath: string,
    sha256: string,
    stages: readonly string[],
  ): DocumentDigest | undefined {
    let digest: unknown;
    try {
      if (!Buffer.isBuffer(row.data) || rowChecksum(row.data, Number(row.split)) !== Number(row.checksum))
        throw new Error('checksum mismatch');
      digest = unpackDigest(row.data, Number(row.split));
    } catch (error) {
      digest = (error as Error).message;
    }
    if (!isDigest(digest, filePath, sha256, stages)) {
      // Never trust a row that does not validate; it is overwritten by putDigest.
      this.stats.discarded.push(`row for ${filePath}: ${typeof digest === 'string' ? digest : 'unexpected shape'}`);
      return undefined;
    }
    return digest;
  }

  /** Queue a digest for writing; `stat` as for byContent. */
  putDigest(digest: DocumentDigest, key: string, stat: string | null = null): void {
    if (!this.db || !key) return;
    let packed: { data: Buffer; split: number };
    try {
      packed = packDigest(digest);
    } catch {
      return; // not serialisable (a rule returned a function): just not cached
    }
    this.pending.push({
      path: digest.path,
      sha256: digest.sha256,
      key,
      ...packed,
      checksum: rowChecksum(packed.data, packed.split),
      stat,
    });
    if (this.pending.length >= FLUSH_EVERY) this.flush();
  }

  /** Write the pending rows in one transaction. */
  flush(): void {
    if (!this.db || (this.pending.length === 0 && this.pendingStats.length === 0)) return;
    try {
      const insert = this.db.prepare(
        'INSERT OR REPLACE INTO digests (path, sha256, key, data, split, checksum, stat) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      // Only onto the row that was matched: another run may have replaced it since (other content, other options).
      const restat = this.db.prepare('UPDATE digests SET stat = ? WHERE path = ? AND sha256 = ? AND key = ?');
      const rows = this.pending;
      const stats = this.pendingStats;
      this.db.transaction(() => {
        for (const row of rows) insert.run(row.path, row.sha256, row.key, row.data, row.split, row.checksum, row.stat);
        for (const row of stats) restat.run(row.stat, row.path, row.sha256, row.key);
      })();
    } catch (error) {
      this.fail(error);
    }
    this.pending = [];
    this.pendingStats = [];
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
