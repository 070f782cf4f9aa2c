// Incremental cache: a hit skips normalisation, rule checks and stage extraction (the document's digest comes from
// SQLite); misses, stale and corrupt caches are rebuilt, never trusted.
import { existsSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { serialize } from 'node:v8';
import Database from 'better-sqlite3';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { AuditCache, CACHE_FILE_NAME, rowChecksum } from '../pipeline/cache.js';
import { stableHash } from '../pipeline/stable-hash.js';
import { auditWithDetails, audit, type AuditOptions } from '../pipeline/index.js';
import { RACY_MS } from '../pipeline/load.js';
import { markerCalls } from './fixtures/workflow/marker-rule.js';
import { markerRegistry } from './fixtures/workflow/marker-registry.js';
import { cleanupTempDirs, runCli, tempDir } from './fixtures/workflow/helpers.js';

// The marker rule as the only document rule and no corpus stages, passed in (no module mocks).
const registry = markerRegistry();

afterAll(cleanupTempDirs);

const files = {
  'corpus/a.md':
    '---\ntitle: Front matter title\ntags: [x, y]\n---\n\n# Alpha\n\nThe ferry XXMARK leaves at noon. It returns at ' +
    'six.\n\n- a list item\n- another **bold** item\n\n```js\ncode();\n```\n\n> quoted Café\n',
  'corpus/b.txt': 'Plain text title\n\nA paragraph with XXMARK in it.\n\n1. first\n2. second\n',
  'corpus/c.md': '# Gamma\n\nNothing to report here.\n',
};

let dir: string;
let cacheDir: string;

beforeEach(() => {
  dir = tempDir(files, 'ca-cache-');
  cacheDir = path.join(dir, '.content-audit-cache');
});

const run = (extra: Partial<AuditOptions> = {}) =>
  auditWithDetails({ registry, cwd: dir, cache: { dir: cacheDir }, ...extra });

describe('cache keys', () => {
  it('stableHash ignores key order and hashes Maps and Sets by content', () => {
    expect(stableHash({ a: 1, b: [1, 2] })).toBe(stableHash({ b: [1, 2], a: 1 }));
    expect(
      stableHash(
        new Map([
          ['x', 1],
          ['y', 2],
        ]),
      ),
    ).toBe(
      stableHash(
        new Map([
          ['y', 2],
          ['x', 1],
        ]),
      ),
    );
    expect(stableHash(new Set([1, 2]))).not.toBe(stableHash(new Set([1, 3])));
    expect(() => stableHash({ f: () => 1 })).toThrow();
  });
});

describe('audit cache', () => {
  it('is off in the API unless asked, and writes nothing then', async () => {
    const details = await auditWithDetails({ registry, cwd: dir });
    expect(details.cache).toBeNull();
    expect(existsSync(cacheDir)).toBe(false);
  });

  it('miss then hit: the second run skips normalisation and rule checks and gives the same report', async () => {
    const cold = await run();
    expect(cold.cache).toMatchObject({ hits: 0, misses: 3 });
    expect(existsSync(path.join(cacheDir, CACHE_FILE_NAME))).toBe(true);
    expect(readFileSync(path.join(cacheDir, '.gitignore'), 'utf8')).toContain('*');

    markerCalls.count = 0;
    const warm = await run();
    expect(warm.cache).toMatchObject({ hits: 3, misses: 0, discarded: [] });
    expect(markerCalls.count).toBe(0);
    expect(warm.report).toEqual(cold.report);
    expect(warm.report).toEqual(await audit({ registry, cwd: dir }));
  });

  it('re-checks only the changed document', async () => {
    await run();
    writeFileSync(path.join(dir, 'corpus/c.md'), '# Gamma\n\nNow with XXMARK.\n');
    markerCalls.count = 0;
    const next = await run();
    expect(next.cache).toMatchObject({ hits: 2, misses: 1 });
    expect(markerCalls.count).toBe(1);
    expect(next.report.findings.map((f) => f.path)).toEqual(['corpus/a.md', 'corpus/b.txt', 'corpus/c.md']);
    expect(next.report).toEqual(await audit({ registry, cwd: dir }));
  });

  it('rule options are part of the key; severity changes need no re-check', async () => {
    await run();
    markerCalls.count = 0;
    const severity = await run({ config: { rules: { marker: 'warning' } } });
    expect(markerCalls.count).toBe(0);
    expect(severity.report.findings.every((f) => f.severity === 'warning')).toBe(true);
    const options = await run({ config: { rules: { marker: { word: 'ferry' } } } });
    expect(options.cache).toMatchObject({ hits: 0, misses: 3 });
    expect(options.report.findings.map((f) => f.path)).toEqual(['corpus/a.md']);
  });

  it('a garbage cache file is discarded and rebuilt, never trusted', async () => {
    const expected = await audit({ registry, cwd: dir });
    await run();
    writeFileSync(path.join(cacheDir, CACHE_FILE_NAME), Buffer.from('this is not an sqlite database'.repeat(200)));
    const warnings: string[] = [];
    const result = await run({ cache: { dir: cacheDir, onWarning: (m) => warnings.push(m) } });
    expect(result.report).toEqual(expected);
    expect(result.cache!.discarded.length).toBeGreaterThan(0);
    expect(result.cache).toMatchObject({ hits: 0 });
    expect(warnings.join('\n')).toMatch(/discarded and rebuilt/);
    // Rebuilt: the next run hits again.
    expect((await run()).cache).toMatchObject({ hits: 3, misses: 0, discarded: [] });
  });

  it('a truncated database file is discarded', async () => {
    await run();
    const file = path.join(cacheDir, CACHE_FILE_NAME);
    const db = new Database(file);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const result = await run();
    expect(result.report).toEqual(await audit({ registry, cwd: dir }));
    expect(result.cache!.hits).toBe(0);
  });

  it('a cache from another schema version or tool version is stale and discarded', async () => {
    await run();
    const db = new Database(path.join(cacheDir, CACHE_FILE_NAME));
    db.prepare("UPDATE meta SET value = '0' WHERE key = 'schema_version'").run();
    db.close();
    const stale = await run();
    expect(stale.cache!.discarded.join(' ')).toMatch(/schema version 0/);
    expect(stale.cache!.hits).toBe(0);

    const db2 = new Database(path.join(cacheDir, CACHE_FILE_NAME));
    db2.prepare("UPDATE meta SET value = '0.0.0-old' WHERE key = 'tool_version'").run();
    db2.close();
    const old = await run();
    expect(old.cache!.discarded.join(' ')).toMatch(/0\.0\.0-old/);
    expect(old.cache!.hits).toBe(0);
  });

  it('rows that do not parse or validate are misses and get rewritten', async () => {
    const expected = await audit({ registry, cwd: dir });
    await run();
    const db = new Database(path.join(cacheDir, CACHE_FILE_NAME));
    // A damaged blob (checksum no longer matches) and a blob that is not a digest (checksum recomputed to match).
    db.prepare("UPDATE digests SET data = x'0102' WHERE path = 'corpus/a.md'").run();
    const bogus = serialize({ digest: { path: 'corpus/b.txt', words: 'many', features: {} }, arrays: [] });
    db.prepare('UPDATE digests SET data = ?, split = 0, checksum = ? WHERE path = ?').run(
      bogus,
      rowChecksum(bogus, 0),
      'corpus/b.txt',
    );
    db.close();
    const result = await run();
    expect(result.report).toEqual(expected);
    expect(result.cache).toMatchObject({ hits: 1, misses: 2 });
    expect(result.cache!.discarded).toHaveLength(2);
    expect(result.cache!.discarded.join('\n')).toMatch(/checksum mismatch/);
    expect((await run()).cache).toMatchObject({ hits: 3, misses: 0, discarded: [] });
  });

  it('a row written under other rule options is a miss', async () => {
    await run();
    const db = new Database(path.join(cacheDir, CACHE_FILE_NAME));
    db.prepare("UPDATE digests SET key = 'other' WHERE path = 'corpus/c.md'").run();
    db.close();
    markerCalls.count = 0;
    const result = await run();
    expect(result.cache).toMatchObject({ hits: 2, misses: 1, discarded: [] });
    expect(markerCalls.count).toBe(1);
  });

  it('AuditCache.open never throws when the folder cannot be created', () => {
    const blocker = path.join(dir, 'blocked');
    writeFileSync(blocker, 'a file where the cache folder should be');
    const warnings: string[] = [];
    const cache = AuditCache.open(path.join(blocker, 'cache'), { onWarning: (m) => warnings.push(m) });
    expect(cache.enabled).toBe(false);
    expect(warnings[0]).toMatch(/cache disabled/);
    cache.close();
  });
});

describe('cache strategy', () => {
  const hourAgo = () => new Date(Date.now() - 3600_000);
  // Dates the files an hour back; setting the times moves their change time, which must also be 2 s old (RACY_MS).
  const age = async (...names: string[]) => {
    for (const name of names) utimesSync(path.join(dir, name), hourAgo(), hourAgo());
    await new Promise((resolve) => setTimeout(resolve, RACY_MS + 100));
  };

  it('metadata: unchanged files are not even read; an edit is caught even with size and mtime put back', async () => {
    await age(...Object.keys(files));
    const cold = await run();
    expect(cold.cache).toMatchObject({ hits: 0, unread: 0, misses: 3 });
    markerCalls.count = 0;
    const warm = await run();
    expect(warm.cache).toMatchObject({ hits: 3, unread: 3, misses: 0, discarded: [] });
    expect(warm.report).toEqual(cold.report);
    // Same length, same mtime as before: the change time still moves (it cannot be set), so it is read and re-checked.
    const file = path.join(dir, 'corpus/c.md');
    const before = statSync(file);
    writeFileSync(file, files['corpus/c.md'].replace('Nothing', 'XXMARK!'));
    utimesSync(file, before.atime, before.mtime);
    expect(statSync(file).size).toBe(before.size);
    const edited = await run();
    expect(edited.cache).toMatchObject({ hits: 2, unread: 2, misses: 1 });
    expect(edited.report).toEqual(await audit({ registry, cwd: dir }));
    expect(edited.report.findings.some((f) => f.path === 'corpus/c.md')).toBe(true);
  });

  it('metadata: a file changed moments ago is matched by content, and recorded once it has settled', async () => {
    // Just written (tempDir): too recent to be trusted by metadata.
    await run();
    expect((await run()).cache).toMatchObject({ hits: 3, unread: 0 });
    // Content hits record the metadata once the files are old enough.
    await age(...Object.keys(files));
    expect((await run()).cache).toMatchObject({ hits: 3, unread: 0 });
    expect((await run()).cache).toMatchObject({ hits: 3, unread: 3 });
  });

  it('content: every file is read and hashed; an unknown strategy is a usage error', async () => {
    await age(...Object.keys(files));
    await run();
    const content = await run({ cache: { dir: cacheDir, strategy: 'content' } });
    expect(content.cache).toMatchObject({ hits: 3, unread: 0 });
    await expect(run({ cache: { dir: cacheDir, strategy: 'mtime' as never } })).rejects.toThrow(
      /cache.strategy must be 'metadata' or 'content'/,
    );
  });
});

describe('cache rows', () => {
  const digest = (features: Record<string, unknown>) => ({
    path: 'corpus/x.md',
    sha256: 'abc',
    title: 'X',
    words: 3,
    loadDrafts: [],
    normaliseDrafts: [],
    ruleDrafts: { marker: [] },
    partials: {},
    features,
    suppressions: null,
  });

  it('round-trips typed-array features as views of the raw blob, in batches larger than one query', () => {
    const cache = AuditCache.open(cacheDir);
    const features = {
      duplication: new Uint32Array([7, 0xffffffff, 3]),
      claims: { claims: [], nested: new Uint32Array([9]) },
    };
    for (let i = 0; i < 450; i++) cache.putDigest({ ...digest(features), path: `corpus/${i}.md` }, 'k');
    cache.flush();
    const requests = Array.from({ length: 450 }, (_, i) => ({ path: `corpus/${i}.md`, sha256: 'abc' }));
    requests.push({ path: 'corpus/absent.md', sha256: 'abc' });
    const got = cache.getDigests(requests, 'k', ['duplication', 'claims']);
    expect(got.slice(0, 450).every((d, i) => d?.path === `corpus/${i}.md`)).toBe(true);
    expect(got[450]).toBeUndefined();
    expect(got[17]!.features).toEqual(features);
    expect(got[17]!.features.duplication).toBeInstanceOf(Uint32Array);
    expect(cache.stats).toMatchObject({ hits: 450, misses: 1, discarded: [] });
    cache.close();
  });

  it('recorded metadata never lands on a row another run replaced in between', () => {
    const v1 = { ...digest({}), sha256: 'v1' };
    const seed = AuditCache.open(cacheDir);
    seed.putDigest(v1, 'k');
    seed.flush();
    seed.close();
    // Run A matches v1 by content and queues the file's metadata…
    const a = AuditCache.open(cacheDir);
    const { rows } = a.probe([{ path: v1.path, stat: 'meta-of-v1' }], 'k', []);
    expect(a.byContent(rows.get(v1.path), v1.path, 'v1', 'meta-of-v1', 'k', [])).toBeDefined();
    // …while run B, which read an older version of the file, writes its row first.
    const b = AuditCache.open(cacheDir);
    b.putDigest({ ...digest({}), sha256: 'v0' }, 'k');
    b.flush();
    b.close();
    a.flush();
    a.close();
    // The v0 row must not be matched by v1's metadata.
    const c = AuditCache.open(cacheDir);
    expect(c.probe([{ path: v1.path, stat: 'meta-of-v1' }], 'k', []).digests).toEqual([undefined]);
    expect(c.stats.unread).toBe(0);
    c.close();
  });

  it('stores plain digests as JSON and anything JSON would change (Maps, undefined, -0) v8-serialised', () => {
    const cache = AuditCache.open(cacheDir);
    const plain = { ...digest({ claims: { claims: [{ subject: 'A', n: 1.5 }] } }), path: 'corpus/plain.md' };
    const odd = {
      ...digest({}),
      path: 'corpus/odd.md',
      partials: { rule: { seen: new Map([['x', 1]]), maybe: undefined, zero: -0 } },
    };
    cache.putDigest(plain, 'k');
    cache.putDigest(odd, 'k');
    cache.flush();
    cache.close();
    const db = new Database(path.join(cacheDir, CACHE_FILE_NAME));
    const firstByte = (p: string) => {
      const row = db.prepare('SELECT data, split FROM digests WHERE path = ?').get(p) as {
        data: Buffer;
        split: number;
      };
      return row.data[row.split];
    };
    expect(firstByte('corpus/plain.md')).toBe(0x7b); // '{'
    expect(firstByte('corpus/odd.md')).toBe(0xff); // v8 version tag
    db.close();
    const reopened = AuditCache.open(cacheDir);
    const [a, b] = reopened.getDigests(
      [
        { path: 'corpus/plain.md', sha256: 'abc' },
        { path: 'corpus/odd.md', sha256: 'abc' },
      ],
      'k',
      [],
    );
    expect(a).toEqual(plain);
    expect(b!.partials).toStrictEqual(odd.partials);
    expect(Object.is((b!.partials.rule as { zero: number }).zero, -0)).toBe(true);
    reopened.close();
  });

  it('a damaged or inconsistent array blob is a miss', () => {
    const cache = AuditCache.open(cacheDir);
    cache.putDigest({ ...digest({ duplication: new Uint32Array([1, 2, 3]) }), path: 'corpus/flip.md' }, 'k');
    cache.putDigest({ ...digest({ duplication: new Uint32Array([1, 2, 3]) }), path: 'corpus/short.md' }, 'k');
    cache.flush();
    cache.close();
    const db = new Database(path.join(cacheDir, CACHE_FILE_NAME));
    const row = db.prepare("SELECT data FROM digests WHERE path = 'corpus/flip.md'").get() as { data: Buffer };
    const flipped = Buffer.from(row.data);
    flipped[5] ^= 0xff;
    db.prepare("UPDATE digests SET data = ? WHERE path = 'corpus/flip.md'").run(flipped);
    // An array part shorter than the index says, with a checksum that matches.
    const other = db.prepare("SELECT data FROM digests WHERE path = 'corpus/short.md'").get() as { data: Buffer };
    db.prepare("UPDATE digests SET split = 4, data = ?, checksum = ? WHERE path = 'corpus/short.md'").run(
      other.data.subarray(8),
      rowChecksum(other.data.subarray(8), 4),
    );
    db.close();
    const reopened = AuditCache.open(cacheDir);
    const got = reopened.getDigests(
      [
        { path: 'corpus/flip.md', sha256: 'abc' },
        { path: 'corpus/short.md', sha256: 'abc' },
      ],
      'k',
      ['duplication'],
    );
    expect(got).toEqual([undefined, undefined]);
    expect(reopened.stats.discarded).toEqual([
      'row for corpus/flip.md: checksum mismatch',
      'row for corpus/short.md: unexpected shape',
    ]);
    reopened.close();
  });
});

describe('cache in the CLI', () => {
  it('is on by default (.content-audit-cache/), --cache-dir moves it, --no-cache skips it', async () => {
    const first = await runCli(['--format', 'json'], dir, { registry });
    expect(existsSync(path.join(dir, '.content-audit-cache', CACHE_FILE_NAME))).toBe(true);
    const second = await runCli(['--format', 'json'], dir, { registry });
    expect(second.stdout).toBe(first.stdout);

    const other = tempDir(files, 'ca-cache-');
    await runCli(['--format', 'json', '--cache-dir', 'tmp/cache'], other, { registry });
    expect(existsSync(path.join(other, 'tmp/cache', CACHE_FILE_NAME))).toBe(true);
    expect(existsSync(path.join(other, '.content-audit-cache'))).toBe(false);

    const none = tempDir(files, 'ca-cache-');
    const uncached = await runCli(['--format', 'json', '--no-cache'], none, { registry });
    expect(existsSync(path.join(none, '.content-audit-cache'))).toBe(false);
    expect(uncached.stdout).toBe(first.stdout);
  });
});
