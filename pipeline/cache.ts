// Incremental cache: per-document work (normalised Article, per-rule findings) keyed by content hash, in SQLite.
//
//   <dir>/cache.sqlite   (default dir: .content-audit-cache/ in the working directory)
//
// Validity: the database records the cache schema version, the tool version and a build id (hash of the pipeline
// code); any mismatch discards the whole file. Rows are keyed by path and checked against the file's sha256 and, for
// rule results, a key that hashes the rule id, its options and (for rules with a corpus-wide prepare step) the
// prepared data. A cache that cannot be opened, fails PRAGMA quick_check, throws SQLITE_CORRUPT/NOTADB on use, or has
// a row that does not parse/validate is never trusted: the file is discarded and rebuilt (a bad row is just a miss).
// Corpus stages (duplication, claims) and rules' prepare() passes are not cached: they see the whole corpus.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import { compactOffsets } from './normalise.js';
import type { DocumentMemo } from './stage.js';
import type { Article, Block, FindingDraft, SourceFile } from './types.js';
import { TOOL_VERSION } from './version.js';

export const CACHE_SCHEMA_VERSION = 1;
export const DEFAULT_CACHE_DIR = '.content-audit-cache';
export const CACHE_FILE_NAME = 'cache.sqlite';

export interface CacheStats {
  articleHits: number;
  articleMisses: number;
  ruleHits: number;
  ruleMisses: number;
  /** Why the cache file was discarded this run (corrupt, stale version…), if it was. */
  discarded: string[];
}

/** In-memory view of cached per-rule results; auditArticles() reads and fills it without doing I/O. */
export interface RuleResultStore {
  get(path: string, sha256: string, ruleId: string, key: string): FindingDraft[] | undefined;
  set(path: string, sha256: string, ruleId: string, key: string, drafts: FindingDraft[]): void;
}

// ---------------------------------------------------------------------------------------------------------------
// Hashing helpers

/** Deterministic serialisation for hashing: sorted object keys, Maps and Sets by sorted entries, typed arrays. */
function feed(hash: ReturnType<typeof createHash>, value: unknown, seen: Set<object>): void {
  if (value === null) return void hash.update('n;');
  switch (typeof value) {
    case 'undefined':
      return void hash.update('u;');
    case 'string':
      return void hash.update(`s${value.length}:`).update(value);
    case 'number':
      return void hash.update(`d${Object.is(value, -0) ? '-0' : String(value)};`);
    case 'boolean':
      return void hash.update(value ? 't;' : 'f;');
    case 'bigint':
      return void hash.update(`b${value};`);
    case 'object':
      break;
    default:
      throw new TypeError(`cannot hash a ${typeof value}`);
  }
  const object = value as object;
  if (seen.has(object)) throw new TypeError('cannot hash a cyclic structure');
  seen.add(object);
  if (ArrayBuffer.isView(object)) {
    hash.update(`v${object.constructor.name}${object.byteLength}:`).update(new Uint8Array(object.buffer, object.byteOffset, object.byteLength));
  } else if (Array.isArray(object)) {
    hash.update(`a${object.length}[`);
    for (const item of object) feed(hash, item, seen);
    hash.update(']');
  } else if (object instanceof Map) {
    const entries = [...object.entries()].map(([k, v]) => [stableHash(k), v] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    hash.update(`m${entries.length}{`);
    for (const [k, v] of entries) {
      hash.update(k);
      feed(hash, v, seen);
    }
    hash.update('}');
  } else if (object instanceof Set) {
    const items = [...object].map((item) => stableHash(item)).sort();
    hash.update(`e${items.length}{${items.join(',')}}`);
  } else if (object instanceof RegExp) {
    hash.update(`r${object.source}/${object.flags};`);
  } else if (object instanceof Date) {
    hash.update(`t${object.getTime()};`);
  } else {
    const keys = Object.keys(object).sort();
    hash.update(`o${keys.length}{`);
    for (const key of keys) {
      hash.update(`${key.length}:${key}`);
      feed(hash, (object as Record<string, unknown>)[key], seen);
    }
    hash.update('}');
  }
  seen.delete(object);
}

/** Hash of a value's content (throws on functions, symbols and cycles). */
export function stableHash(value: unknown): string {
  const hash = createHash('sha256');
  feed(hash, value, new Set());
  return hash.digest('hex');
}

/** True when JSON.stringify → JSON.parse gives back an equal value (undefined object properties are dropped on both sides). */
export function isJsonSafe(value: unknown, depth = 0): boolean {
  if (depth > 200) return false;
  if (value === null) return true;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object': {
      if (Array.isArray(value)) return value.every((item) => item !== undefined && isJsonSafe(item, depth + 1));
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return false;
      return Object.values(value as object).every((item) => item === undefined || isJsonSafe(item, depth + 1));
    }
    default:
      return false;
  }
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
// Article (de)serialisation

// Generic on purpose: every field of Article (except source/path) and of Block (except sourceOffsets, and sentences,
// which are stored as [start, end] pairs) goes into the JSON, so a field added to the model later is cached too — or,
// if JSON cannot represent it exactly, the article is simply not cached.
interface StoredBlock extends Omit<Block, 'sourceOffsets' | 'sentences'> {
  sentences: number[];
}

interface StoredArticle extends Omit<Article, 'source' | 'path' | 'blocks'> {
  blocks: StoredBlock[];
}

const BLOCK_KINDS: ReadonlySet<string> = new Set(['heading', 'paragraph', 'listItem', 'blockquote', 'tableCell', 'code', 'html', 'table', 'thematicBreak']);

/** Article → JSON text + one buffer with every block's sourceOffsets; null when it would not round-trip. */
export function serializeArticle(article: Article): { data: string; offsets: Buffer } | null {
  let total = 0;
  for (const block of article.blocks) {
    if (block.sourceOffsets.length !== block.text.length + 1) return null;
    total += block.sourceOffsets.length;
  }
  const offsets = new Int32Array(total);
  let at = 0;
  const blocks: StoredBlock[] = [];
  for (const block of article.blocks) {
    offsets.set(block.sourceOffsets, at);
    at += block.sourceOffsets.length;
    const sentences: number[] = [];
    for (const sentence of block.sentences) {
      if (Object.keys(sentence).length !== 3 || sentence.text !== block.text.slice(sentence.start, sentence.end)) return null;
      sentences.push(sentence.start, sentence.end);
    }
    const { sourceOffsets: _offsets, sentences: _sentences, ...rest } = block;
    blocks.push({ ...rest, sentences });
  }
  const { source: _source, path: _path, blocks: _blocks, ...fields } = article;
  const stored: StoredArticle = { ...fields, blocks };
  if (!isJsonSafe(stored)) return null;
  return { data: JSON.stringify(stored), offsets: Buffer.from(offsets.buffer, offsets.byteOffset, offsets.byteLength) };
}

class CorruptRow extends Error {}

/** Inverse of serializeArticle; throws CorruptRow when the row does not validate. */
export function deserializeArticle(source: SourceFile, data: string, offsetsBlob: Uint8Array): Article {
  let stored: StoredArticle;
  try {
    stored = JSON.parse(data) as StoredArticle;
  } catch {
    throw new CorruptRow('article row is not JSON');
  }
  if (!stored || typeof stored !== 'object' || !Array.isArray(stored.blocks) || !Array.isArray(stored.issues)) throw new CorruptRow('article row has the wrong shape');
  if (stored.format !== 'markdown' && stored.format !== 'text') throw new CorruptRow('article row has an unknown format');
  if (typeof stored.words !== 'number') throw new CorruptRow('article row has no word count');
  if (offsetsBlob.byteLength % 4 !== 0) throw new CorruptRow('offsets blob is not a whole number of int32');
  // Copy into an aligned buffer: SQLite blobs are not guaranteed to be 4-byte aligned.
  const aligned = new Uint8Array(offsetsBlob.byteLength);
  aligned.set(offsetsBlob);
  const all = new Int32Array(aligned.buffer);
  const textLength = source.text.length;
  let at = 0;
  const blocks: Block[] = stored.blocks.map((entry) => {
    if (!entry || typeof entry !== 'object') throw new CorruptRow('block has the wrong shape');
    const { sentences: flat, ...rest } = entry;
    if (!BLOCK_KINDS.has(rest.kind) || typeof rest.text !== 'string' || typeof rest.inList !== 'boolean' || !Array.isArray(flat) || flat.length % 2 !== 0) {
      throw new CorruptRow('block has the wrong shape');
    }
    const end = at + rest.text.length + 1;
    if (end > all.length) throw new CorruptRow('offsets blob is too short');
    const sourceOffsets = all.subarray(at, end);
    at = end;
    for (let i = 0; i < sourceOffsets.length; i++) {
      if (sourceOffsets[i] < 0 || sourceOffsets[i] > textLength) throw new CorruptRow('offset outside the source text');
    }
    const sentences = [];
    for (let i = 0; i < flat.length; i += 2) {
      const start = flat[i];
      const stop = flat[i + 1];
      if (!Number.isInteger(start) || !Number.isInteger(stop) || start < 0 || stop > rest.text.length || start > stop) throw new CorruptRow('bad sentence range');
      sentences.push({ start, end: stop, text: rest.text.slice(start, stop) });
    }
    return { ...rest, sourceOffsets: compactOffsets(sourceOffsets), sentences } as Block;
  });
  if (at !== all.length) throw new CorruptRow('offsets blob has trailing data');
  const { blocks: _blocks, ...fields } = stored;
  return { path: source.path, source, ...fields, blocks } as Article;
}

function validDrafts(value: unknown): value is FindingDraft[] {
  return Array.isArray(value) && value.every((d) => d && typeof d === 'object' && typeof d.ruleId === 'string' && typeof d.path === 'string'
    && typeof d.message === 'string' && typeof d.severity === 'string' && Number.isInteger(d.line) && Number.isInteger(d.column));
}

// ---------------------------------------------------------------------------------------------------------------
// The SQLite cache

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (path TEXT PRIMARY KEY, sha256 TEXT NOT NULL, data TEXT NOT NULL, offsets BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS rule_results (
  path TEXT NOT NULL, rule_id TEXT NOT NULL, sha256 TEXT NOT NULL, key TEXT NOT NULL, drafts TEXT NOT NULL,
  PRIMARY KEY (path, rule_id)
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

interface PendingRule {
  path: string;
  ruleId: string;
  sha256: string;
  key: string;
  drafts: string;
}

export class AuditCache implements RuleResultStore {
  readonly file: string;
  readonly stats: CacheStats = { articleHits: 0, articleMisses: 0, ruleHits: 0, ruleMisses: 0, discarded: [] };
  private db: Db | null = null;
  private readonly onWarning: (message: string) => void;
  private pendingArticles = new Map<string, { sha256: string; data: string; offsets: Buffer }>();
  private pendingRules = new Map<string, PendingRule>();
  /** Preloaded rule rows: path → rule id → row (JSON parsed lazily). */
  private ruleRows = new Map<string, Map<string, { sha256: string; key: string; drafts: string }>>();

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
            for (const table of ['articles', 'rule_results', 'meta']) fresh.exec(`DROP TABLE IF EXISTS ${table}`);
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
    if (!tables.includes('meta') || !tables.includes('articles') || !tables.includes('rule_results')) return { kind: 'stale', reason: 'it has an unknown layout' };
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
    this.ruleRows.clear();
    if (isCorruption(error)) {
      this.discard(`SQLite error (${(error as Error).message})`);
      this.db = this.connect(false);
    } else {
      this.onWarning(`cache disabled for this run: ${(error as Error).message}`);
    }
  }

  private selectArticle: Statement | null = null;
  private selectArticleDb: unknown = null;

  /** The cached Article for this exact file content, or undefined. */
  getArticle(source: SourceFile): Article | undefined {
    if (!this.db) return undefined;
    let row: { sha256: string; data: string; offsets: Buffer } | undefined;
    try {
      // Compile the lookup once per connection: it runs for every document.
      if (!this.selectArticle || this.selectArticleDb !== this.db) {
        this.selectArticle = this.db.prepare('SELECT sha256, data, offsets FROM articles WHERE path = ?');
        this.selectArticleDb = this.db;
      }
      row = this.selectArticle.get(source.path) as typeof row;
    } catch (error) {
      this.fail(error);
      row = undefined;
    }
    if (!row || row.sha256 !== source.sha256) {
      this.stats.articleMisses++;
      return undefined;
    }
    try {
      const article = deserializeArticle(source, row.data, row.offsets);
      this.stats.articleHits++;
      return article;
    } catch (error) {
      // Never trust a row that does not validate; it is overwritten by putArticle.
      this.stats.articleMisses++;
      this.stats.discarded.push(`row for ${source.path}: ${error instanceof CorruptRow ? error.message : 'does not deserialise'}`);
      return undefined; // overwritten by putArticle
    }
  }

  putArticle(article: Article): void {
    if (!this.db) return;
    const serialized = serializeArticle(article);
    if (serialized) this.pendingArticles.set(article.path, { sha256: article.source.sha256, ...serialized });
  }

  /** Preload rule rows for these articles so lookups during the (pure) audit need no I/O. */
  preloadRuleResults(articles: readonly Pick<Article, 'path' | 'source'>[]): void {
    if (!this.db) return;
    try {
      const select = this.db.prepare('SELECT rule_id, sha256, key, drafts FROM rule_results WHERE path = ?');
      for (const article of articles) {
        const rows = select.all(article.path) as { rule_id: string; sha256: string; key: string; drafts: string }[];
        const byRule = new Map<string, { sha256: string; key: string; drafts: string }>();
        for (const row of rows) if (row.sha256 === article.source.sha256) byRule.set(row.rule_id, row);
        if (byRule.size) this.ruleRows.set(article.path, byRule);
      }
    } catch (error) {
      this.fail(error);
    }
  }

  get(filePath: string, sha256: string, ruleId: string, key: string): FindingDraft[] | undefined {
    const row = this.ruleRows.get(filePath)?.get(ruleId);
    if (!row || row.sha256 !== sha256 || row.key !== key) {
      this.stats.ruleMisses++;
      return undefined;
    }
    try {
      const drafts = JSON.parse(row.drafts) as unknown;
      if (validDrafts(drafts)) {
        this.stats.ruleHits++;
        return drafts;
      }
    } catch {
      // fall through: a row that does not parse is a miss and gets rewritten
    }
    this.stats.discarded.push(`rule row ${ruleId} for ${filePath} did not parse`);
    this.stats.ruleMisses++;
    return undefined;
  }

  set(filePath: string, sha256: string, ruleId: string, key: string, drafts: FindingDraft[]): void {
    if (!this.db || !isJsonSafe(drafts)) return;
    this.pendingRules.set(`${filePath}\u0000${ruleId}`, { path: filePath, ruleId, sha256, key, drafts: JSON.stringify(drafts) });
  }

  /** Document memo for corpus stages, stored beside rule results under the slot name `memo:<slot>`. */
  get memo(): DocumentMemo {
    return {
      get: (article, slot, key) => {
        const row = this.ruleRows.get(article.path)?.get(`memo:${slot}`);
        if (!row || row.sha256 !== article.source.sha256 || row.key !== key) return undefined;
        try {
          return JSON.parse(row.drafts) as unknown;
        } catch {
          return undefined;
        }
      },
      set: (article, slot, key, value) => {
        if (!this.db || !isJsonSafe(value)) return;
        const ruleId = `memo:${slot}`;
        this.pendingRules.set(`${article.path}\u0000${ruleId}`, { path: article.path, ruleId, sha256: article.source.sha256, key, drafts: JSON.stringify(value) });
      },
    };
  }

  /** Write everything recorded this run in one transaction. */
  flush(): void {
    if (!this.db || (this.pendingArticles.size === 0 && this.pendingRules.size === 0)) return;
    try {
      const db = this.db;
      const putArticle = db.prepare('INSERT OR REPLACE INTO articles (path, sha256, data, offsets) VALUES (?, ?, ?, ?)');
      const putRule = db.prepare('INSERT OR REPLACE INTO rule_results (path, rule_id, sha256, key, drafts) VALUES (?, ?, ?, ?, ?)');
      db.transaction(() => {
        for (const [filePath, row] of this.pendingArticles) putArticle.run(filePath, row.sha256, row.data, row.offsets);
        for (const row of this.pendingRules.values()) putRule.run(row.path, row.ruleId, row.sha256, row.key, row.drafts);
      })();
    } catch (error) {
      this.fail(error);
    }
    this.pendingArticles.clear();
    this.pendingRules.clear();
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
