// Loader: decoding of every encoding we accept, binary detection, and discovery (symlinks, loops, special files).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSource, decode, discover, loadFile, readBytes, UsageError, type LoadOptions } from '../pipeline/load.js';

const utf16le = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
const utf16be = (s: string) => {
  const le = Buffer.from(s, 'utf16le');
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1];
    be[i + 1] = le[i];
  }
  return Buffer.concat([Buffer.from([0xfe, 0xff]), be]);
};

describe('decode', () => {
  const text = 'Café — naïve ☕ 𝄞 text\r\nline two\n';

  it('decodes UTF-8, UTF-8 with BOM, UTF-16 LE/BE with BOM', () => {
    expect(decode(Buffer.from(text))).toMatchObject({ text, encoding: 'utf-8', binary: false, invalidOffsets: [] });
    expect(decode(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toMatchObject({
      text,
      encoding: 'utf-8-bom',
    });
    expect(decode(utf16le(text))).toMatchObject({ text, encoding: 'utf-16le', invalidOffsets: [] });
    expect(decode(utf16be(text))).toMatchObject({ text, encoding: 'utf-16be', invalidOffsets: [] });
  });

  it(
    'decodes a Latin-1 file that happens to contain a valid UTF-8 pair as Latin-1 (invalid bytes outnumber valid ' +
      'ones)',
    () => {
      // "Ã©" in Latin-1 is the bytes C3 A9, which are UTF-8 "é"; it used to flip the whole file to UTF-8 + U+FFFD.
      const bytes = Buffer.from('Caf\xe9 cr\xe8me br\xfbl\xe9e, but \xc3\xa9 here', 'latin1');
      expect(decode(bytes)).toMatchObject({ text: 'Café crème brûlée, but Ã© here', encoding: 'latin-1' });
      // A UTF-8 file with a stray byte stays UTF-8 (the error finding points at the byte).
      expect(decode(Buffer.concat([Buffer.from('é ü '), Buffer.from([0xe9])]))).toMatchObject({
        encoding: 'utf-8',
        text: 'é ü \uFFFD',
      });
    },
  );

  it('decodes Latin-1 / Windows-1252 when no valid UTF-8 multi-byte sequence exists, with a warning', () => {
    const bytes = Buffer.from('Caf\xe9 na\xefve \x93quoted\x94', 'latin1');
    expect(decode(bytes)).toMatchObject({ text: 'Café naïve “quoted”', encoding: 'latin-1' });
    // Every byte decodes (0x80–0x9F per Windows-1252, the rest as ISO-8859-1).
    const all = decode(Uint8Array.from({ length: 256 }, (_, i) => (i < 32 ? 0x20 : i)));
    expect(all.text.length).toBe(256);
    expect(all.text.slice(0x80, 0xa0)).toBe('€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8dŽ\x8f\x90‘’“”•–—˜™š›œ\x9džŸ');
    expect(all.text.slice(0xa0)).toBe(
      Buffer.from(Uint8Array.from({ length: 96 }, (_, i) => 0xa0 + i)).toString('latin1'),
    );
    const { source, findings } = buildSource('a.txt', '/a.txt', bytes);
    expect(source?.encoding).toBe('latin-1');
    expect(findings).toEqual([
      expect.objectContaining({ ruleId: 'invalid-encoding', severity: 'warning', line: 1, column: 1 }),
    ]);
  });

  it('replaces invalid UTF-8 with U+FFFD and reports where the first one is', () => {
    const bytes = Buffer.concat([Buffer.from('ok é\nsecond '), Buffer.from([0xff]), Buffer.from(' line')]);
    const { source, findings } = buildSource('a.md', '/a.md', bytes);
    expect(source?.text).toBe('ok é\nsecond \uFFFD line');
    expect(findings).toEqual([
      expect.objectContaining({
        ruleId: 'invalid-encoding',
        severity: 'error',
        line: 2,
        column: 8,
        endColumn: 9,
        evidence: 'byte 0xff',
      }),
    ]);
  });

  it('treats encoded surrogates and overlong forms as invalid (they used to pass silently)', () => {
    for (const bad of [
      [0xed, 0xa0, 0x80],
      [0xc0, 0xaf],
      [0xe0, 0x80, 0xaf],
      [0xf4, 0x90, 0x80, 0x80],
      [0xf8, 0x88, 0x80, 0x80],
    ]) {
      const bytes = Buffer.concat([Buffer.from('é ü ö ä ß naïve '), Buffer.from(bad), Buffer.from(' x')]);
      const { source, findings } = buildSource('a.md', '/a.md', bytes);
      expect(source?.text).toContain('\uFFFD');
      expect(findings.map((f) => f.ruleId)).toEqual(['invalid-encoding']);
    }
  });

  it('counts one invalid sequence per U+FFFD the WHATWG decoder emits', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 48 }), (raw) => {
        const bytes = raw.map((b) => (b === 0 ? 0x41 : b));
        const decoded = decode(bytes);
        if (decoded.binary || !decoded.encoding.startsWith('utf-8')) return;
        const reference = new TextDecoder('utf-8', { ignoreBOM: true }).decode(
          bytes.subarray(decoded.encoding === 'utf-8-bom' ? 3 : 0),
        );
        expect(decoded.text).toBe(reference);
        expect(decoded.invalidOffsets.length).toBe([...reference].filter((c) => c === '\uFFFD').length);
      }),
      { seed: 42, numRuns: 3000 },
    );
  });

  it('reports broken UTF-16 (odd length, unpaired surrogates) instead of hiding it', () => {
    const odd = Buffer.concat([utf16le('ab'), Buffer.from([0x63])]);
    const lone = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from([0x61, 0x00, 0x00, 0xd8, 0x62, 0x00])]);
    for (const bytes of [odd, lone]) {
      const { source, findings } = buildSource('a.md', '/a.md', bytes);
      expect(source?.text).toContain('\uFFFD');
      expect(findings).toEqual([expect.objectContaining({ ruleId: 'invalid-encoding', severity: 'error' })]);
    }
  });

  it('treats NUL bytes anywhere (not only in the first 8 KiB) and control-byte soup as binary', () => {
    expect(decode(Buffer.from('hello\0world')).binary).toBe(true);
    expect(decode(Buffer.concat([Buffer.from('a'.repeat(100_000)), Buffer.from([0])])).binary).toBe(true);
    expect(decode(Buffer.from([1, 2, 3, 4, 5, 6, 7, 8, 0x41])).binary).toBe(true);
    expect(decode(Buffer.from('\x89PNG\r\n\x1a\n\0\0\0\rIHDR', 'latin1')).binary).toBe(true);
    // UTF-16 without a BOM is full of NULs: refused as binary rather than decoded as garbage.
    expect(decode(Buffer.from('plain text', 'utf16le')).binary).toBe(true);
    // UTF-16 with a BOM but NUL characters inside.
    expect(decode(utf16le('a\0b')).binary).toBe(true);
    const { source, findings } = buildSource('x.md', '/x.md', Buffer.from('PK\x03\x04\0\0', 'latin1'));
    expect(source).toBeUndefined();
    expect(findings).toEqual([
      expect.objectContaining({ ruleId: 'unreadable-file', severity: 'error', line: 1, column: 1 }),
    ]);
    expect(findings[0].message).toMatch(/NUL/);
  });

  it('keeps tabs, form feeds and ESC as text', () => {
    expect(decode(Buffer.from('a\tb\fc\x1bd\ve\n')).binary).toBe(false);
  });

  it('decodes empty and whitespace-only files as text', () => {
    expect(decode(new Uint8Array())).toMatchObject({ text: '', binary: false });
    expect(decode(Buffer.from([0xef, 0xbb, 0xbf]))).toMatchObject({ text: '', encoding: 'utf-8-bom', binary: false });
    expect(decode(Buffer.from([0xff, 0xfe]))).toMatchObject({ text: '', encoding: 'utf-16le', binary: false });
    expect(decode(Buffer.from(' \n\t\r\n'))).toMatchObject({ text: ' \n\t\r\n', binary: false });
  });
});

describe('discover and loadFile', () => {
  let root: string;
  let outside: string;
  const options = (): LoadOptions => ({ cwd: root, maxFileBytes: 1024 * 1024 });
  const rel = (files: string[]) => files.map((f) => path.relative(root, f).split(path.sep).join('/'));

  beforeAll(() => {
    const base = mkdtempSync(path.join(tmpdir(), 'ca-load-'));
    root = path.join(base, 'root');
    outside = path.join(base, 'outside');
    mkdirSync(path.join(root, 'corpus', 'sub'), { recursive: true });
    mkdirSync(outside);
    writeFileSync(path.join(root, 'corpus', 'a.md'), '# A\n\nText.\n');
    writeFileSync(path.join(root, 'corpus', 'sub', 'b.txt'), 'B\n\nText.\n');
    writeFileSync(path.join(root, 'corpus', 'notes.pdf'), '%PDF');
    writeFileSync(path.join(outside, 'secret.md'), '# Secret\n');
    symlinkSync(path.join(outside, 'secret.md'), path.join(root, 'corpus', 'escape.md'));
    symlinkSync(outside, path.join(root, 'corpus', 'outside-dir'));
    symlinkSync(path.join(root, 'corpus', 'a.md'), path.join(root, 'corpus', 'alias.md'));
    symlinkSync(path.join(root, 'corpus', 'missing.md'), path.join(root, 'corpus', 'broken.md'));
    symlinkSync('loop2.md', path.join(root, 'corpus', 'loop1.md'));
    symlinkSync('loop1.md', path.join(root, 'corpus', 'loop2.md'));
    symlinkSync('..', path.join(root, 'corpus', 'sub', 'up'));
    symlinkSync(path.join(root, 'corpus'), path.join(root, 'corpus-link'));
    mkdirSync(path.join(root, 'corpus', '..dots'));
    writeFileSync(path.join(root, 'corpus', '..dots', 'c.md'), '# C\n');
    symlinkSync(path.join(root, 'corpus', '..dots', 'c.md'), path.join(root, 'corpus', 'dots-link.md'));
    try {
      execFileSync('mkfifo', [path.join(root, 'corpus', 'pipe.md')]);
    } catch {
      // no mkfifo: the FIFO case is skipped below
    }
  });
  afterAll(() => rmSync(path.dirname(root), { recursive: true, force: true }));

  it('walks folders, never follows symlinks out of the root, and terminates on loops', async () => {
    const { files, findings } = await discover(['corpus'], options());
    const names = rel(files);
    expect(names).toContain('corpus/a.md');
    expect(names).toContain('corpus/sub/b.txt');
    expect(names).not.toContain('corpus/notes.pdf');
    expect(names).not.toContain('corpus/escape.md');
    expect(names.some((n) => n.includes('outside-dir') || n.includes('/up/'))).toBe(false);
    const why = Object.fromEntries(findings.map((f) => [f.path, `${f.severity}: ${f.message}`]));
    expect(why['corpus/escape.md']).toMatch(/^info: .*outside the audited folder/);
    expect(why['corpus/broken.md']).toMatch(/^info: .*broken/);
    expect(why['corpus/loop1.md']).toMatch(/^info: .*loops/);
    expect(why['corpus/loop2.md']).toMatch(/^info: .*loops/);
    // A symlink to a file that is audited anyway is not audited twice (it would be its own near-duplicate).
    expect(names).not.toContain('corpus/alias.md');
    expect(why['corpus/alias.md']).toMatch(/^info: .*corpus\/a\.md, which is audited already/);
    expect(findings.every((f) => f.ruleId === 'unreadable-file')).toBe(true);
    // A target inside the root whose folder name merely starts with ".." is inside (hidden folders are not walked).
    expect(names).toContain('corpus/dots-link.md');
  });

  it('follows a symlinked folder named on the command line', async () => {
    const { files } = await discover(['corpus-link'], options());
    expect(rel(files)).toEqual(expect.arrayContaining(['corpus-link/a.md', 'corpus-link/sub/b.txt']));
  });

  it('never follows symlinks matched by a glob out of the root', async () => {
    const { files } = await discover(['corpus/*.md', 'corpus/**/*.md'], options());
    expect(rel(files)).toContain('corpus/a.md');
    expect(rel(files)).not.toContain('corpus/escape.md');
    expect(rel(files).some((n) => n.includes('outside-dir'))).toBe(false);
  });

  it('throws a usage error for a path that does not exist', async () => {
    await expect(discover(['nope'], options())).rejects.toBeInstanceOf(UsageError);
  });

  it.runIf(process.platform !== 'win32')('passes FIFOs on and the loader refuses them without blocking', async () => {
    const fifo = path.join(root, 'corpus', 'pipe.md');
    const { files } = await discover(['corpus'], options());
    if (!files.includes(fifo)) return; // mkfifo unavailable
    const loaded = await loadFile(fifo, options());
    expect(loaded.source).toBeUndefined();
    expect(loaded.findings[0]).toMatchObject({ ruleId: 'unreadable-file', severity: 'error' });
    expect(loaded.findings[0].message).toMatch(/not a regular file \(a FIFO\)/);
  });

  it.runIf(process.platform !== 'win32')(
    'marks sockets as special and refuses them by their metadata, without opening them',
    async () => {
      const socket = path.join(root, 'corpus', 'socket.md');
      const server = createServer();
      await new Promise<void>((resolve) => server.listen(socket, resolve));
      try {
        const found = await discover(['corpus'], options());
        expect(found.special.has(socket)).toBe(true);
        expect(found.special.has(path.join(root, 'corpus', 'a.md'))).toBe(false);
        expect(readBytes(socket, { ...options(), special: found.special }).findings[0].message).toMatch(
          /not a regular file \(a socket\)/,
        );
        // One that became a socket after discovery: open fails (ENXIO), and its metadata still says why.
        expect(readBytes(socket, options()).findings[0].message).toMatch(/not a regular file \(a socket\)/);
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    },
  );

  it('refuses files over maxFileBytes without reading them, and directories', async () => {
    const big = path.join(root, 'big.md');
    writeFileSync(big, 'x'.repeat(2048));
    const loaded = await loadFile(big, { cwd: root, maxFileBytes: 1024 });
    expect(loaded.findings[0].message).toMatch(/2048 bytes, over the 1024-byte limit \(option maxFileBytes\)/);
    const dir = await loadFile(path.join(root, 'corpus'), options());
    expect(dir.findings[0].message).toMatch(/not a regular file \(a directory\)/);
  });

  it('reports a file deleted between listing and reading', async () => {
    const doomed = path.join(root, 'corpus', 'doomed.md');
    writeFileSync(doomed, '# Doomed\n');
    const { files } = await discover(['corpus'], options());
    expect(files).toContain(doomed);
    rmSync(doomed);
    const loaded = await loadFile(doomed, options());
    expect(loaded.source).toBeUndefined();
    expect(loaded.findings).toEqual([expect.objectContaining({ ruleId: 'unreadable-file', path: 'corpus/doomed.md' })]);
    expect(loaded.findings[0].message).toMatch(/disappeared/);
  });
});
