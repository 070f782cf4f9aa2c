// Step 1 (load): find files, read bytes, decode. Every file becomes a SourceFile or a draft — never silently lost.
import { createHash } from 'node:crypto';
import { closeSync, constants as fsConstants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { computeLineStarts, positionAt } from './source-map.js';
import type { FindingDraft, SourceFile } from './types.js';

export const ARTICLE_EXTENSIONS = ['.md', '.markdown', '.mdx', '.txt'];
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn', '.content-audit-cache']);

export interface LoadOptions {
  cwd: string;
  /** Files larger than this are refused with an `unreadable-file` finding. */
  maxFileBytes: number;
  /** Called for every discovered path; return false to skip it (include/exclude/ignore files). */
  accept?: (relativePath: string) => boolean;
  /**
   * Absolute paths that discovery found not to be regular files (FIFOs, sockets, devices): refused from their
   * metadata and never opened (opening a FIFO would disturb its writer; a socket cannot be opened at all).
   */
  special?: ReadonlySet<string>;
}

export interface LoadResult {
  sources: SourceFile[];
  /** unreadable-file / invalid-encoding findings. */
  findings: FindingDraft[];
  /** Paths that could not be read at all (still listed in the report). */
  unreadable: string[];
}

export class UsageError extends Error {}

const toPosix = (p: string) => p.split(path.sep).join('/');

export function relativePath(cwd: string, absolute: string): string {
  // Fast path for the common case (a normalised absolute path under cwd): path.relative normalises both sides.
  if (
    absolute.length > cwd.length + 1 &&
    absolute.startsWith(cwd) &&
    absolute[cwd.length] === path.sep &&
    !absolute.includes(`${path.sep}.`)
  ) {
    return path.sep === '/' ? absolute.slice(cwd.length + 1) : toPosix(absolute.slice(cwd.length + 1));
  }
  const rel = toPosix(path.relative(cwd, absolute));
  return rel === '' ? '.' : rel;
}

function isArticleFile(name: string): boolean {
  const lower = name.toLowerCase();
  return ARTICLE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  // (A name that merely starts with two dots, like "..notes", is inside.)
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

function errorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'it disappeared before it could be read';
  if (code === 'ELOOP') return 'symbolic link loop';
  return code ?? String(error);
}

/** What discovery found: regular files by absolute path, plus the real path of each (for symlink de-duplication). */
interface Found {
  files: Set<string>;
  /** Files that are not regular files (passed on so the loader reports them). */
  special: Set<string>;
  /** real path → the discovered path that stands for it */
  real: Map<string, string>;
}

async function addSymlinkedFile(
  full: string,
  realRoot: string | null,
  found: Found,
  skipped: FindingDraft[],
  cwd: string,
  severity: FindingDraft['severity'],
): Promise<void> {
  let target: string;
  let info;
  try {
    target = await realpath(full);
    info = await stat(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    skipped.push(
      unreadableFinding(
        relativePath(cwd, full),
        code === 'ELOOP' ? 'symbolic link loops; not followed' : 'symbolic link is broken; not followed',
        severity,
      ),
    );
    return;
  }
  if (realRoot !== null && !isInside(realRoot, target)) {
    skipped.push(
      unreadableFinding(
        relativePath(cwd, full),
        'symbolic link points outside the audited folder; not followed',
        severity,
      ),
    );
  } else if (!info.isFile()) {
    skipped.push(
      unreadableFinding(
        relativePath(cwd, full),
        'symbolic link does not point to a regular file; not followed',
        severity,
      ),
    );
  } else if (found.real.has(target)) {
    skipped.push(
      unreadableFinding(
        relativePath(cwd, full),
        `symbolic link to ${relativePath(cwd, found.real.get(target)!)}, which is audited already`,
        'info',
      ),
    );
  } else {
    found.files.add(full);
    found.real.set(target, full);
  }
}

type EntryType = 'file' | 'directory' | 'symlink' | 'special' | 'unknown';

function entryType(entry: {
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
  isBlockDevice(): boolean;
  isCharacterDevice(): boolean;
}): EntryType {
  if (entry.isFile()) return 'file';
  if (entry.isDirectory()) return 'directory';
  if (entry.isSymbolicLink()) return 'symlink';
  if (entry.isFIFO() || entry.isSocket() || entry.isBlockDevice() || entry.isCharacterDevice()) return 'special';
  return 'unknown';
}

/**
 * Walk a directory without following symlinked directories (so symlink loops cannot recurse); symlinked files
 * count only if they resolve inside the root and are not another audited file under a second name.
 * Other non-regular entries with an article extension (FIFOs, sockets, devices) are passed on so that the
 * loader reports them as unreadable instead of dropping them silently.
 */
async function walk(root: string, realRoot: string, found: Found, skipped: FindingDraft[], cwd: string): Promise<void> {
  const stack = [root];
  const symlinks: string[] = [];
  while (stack.length) {
    const dir = stack.pop()!;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      skipped.push(unreadableFinding(relativePath(cwd, dir), `directory could not be read (${errorReason(error)})`));
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      let type: EntryType = entryType(entry);
      if (type === 'unknown') {
        // Some file systems do not report entry types (DT_UNKNOWN): ask.
        type = await lstat(full).then(entryType, () => 'unknown' as const);
      }
      if (type === 'directory') {
        if (!SKIPPED_DIRECTORIES.has(entry.name) && !entry.name.startsWith('.')) stack.push(full);
      } else if (!isArticleFile(entry.name)) {
      } else if (type === 'symlink') {
        symlinks.push(full);
      } else {
        found.files.add(full);
        if (type === 'file')
          found.real.set(root === realRoot ? full : path.join(realRoot, path.relative(root, full)), full);
        else found.special.add(full);
      }
    }
  }
  // Symlinks last, so a link to an audited file is recognised whatever the order of the walk.
  symlinks.sort();
  for (const link of symlinks) await addSymlinkedFile(link, realRoot, found, skipped, cwd, 'info');
}

export function unreadableFinding(
  relPath: string,
  reason: string,
  severity: FindingDraft['severity'] = 'error',
): FindingDraft {
  return {
    ruleId: 'unreadable-file',
    severity,
    path: relPath,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    message: `File not audited: ${reason}.`,
  };
}

/** Resolve CLI inputs (files, directories, globs) to absolute file paths, in a stable order. */
export async function discover(
  inputs: string[],
  options: LoadOptions,
): Promise<{ files: string[]; findings: FindingDraft[]; special: Set<string> }> {
  const found: Found = { files: new Set(), special: new Set(), real: new Map() };
  const findings: FindingDraft[] = [];
  let realCwd: string | null = null;
  for (const input of inputs) {
    const absolute = path.resolve(options.cwd, input);
    let info;
    try {
      info = await lstat(absolute);
    } catch {
      info = null;
    }
    if (info?.isSymbolicLink()) {
      // Named explicitly: follow it (a symlinked corpus folder is audited; a symlinked file is read).
      let target: string | null = null;
      try {
        target = await realpath(absolute);
      } catch (error) {
        findings.push(
          unreadableFinding(
            relativePath(options.cwd, absolute),
            (error as NodeJS.ErrnoException).code === 'ELOOP' ? 'symbolic link loops' : 'symbolic link is broken',
          ),
        );
        continue;
      }
      const targetInfo = await stat(target).catch(() => null);
      if (targetInfo?.isDirectory()) await walk(absolute, target, found, findings, options.cwd);
      else await addSymlinkedFile(absolute, null, found, findings, options.cwd, 'error');
    } else if (info?.isDirectory()) {
      await walk(absolute, await realpath(absolute), found, findings, options.cwd);
    } else if (info) {
      // A regular file (or a FIFO/device named explicitly: the loader reports it as unreadable).
      found.files.add(absolute);
      if (!info.isFile()) found.special.add(absolute);
    } else if (/[*?[\]{}]/.test(input)) {
      const matches = await glob(input, {
        cwd: options.cwd,
        absolute: true,
        followSymbolicLinks: false,
        onlyFiles: true,
        dot: false,
      });
      realCwd ??= await realpath(options.cwd);
      for (const match of matches.map((m) => path.normalize(m)).sort()) {
        if (!isArticleFile(match) || found.files.has(match)) continue;
        let matchInfo;
        try {
          matchInfo = await lstat(match);
        } catch (error) {
          findings.push(unreadableFinding(relativePath(options.cwd, match), errorReason(error)));
          continue;
        }
        // Symlinks matched by a glob get the same rule as in folders: only inside the working directory.
        if (matchInfo.isSymbolicLink()) await addSymlinkedFile(match, realCwd, found, findings, options.cwd, 'info');
        else {
          found.files.add(match);
          if (!matchInfo.isFile()) found.special.add(match);
          found.real.set(await realpath(match).catch(() => match), match);
        }
      }
    } else {
      throw new UsageError(`No such file, folder or glob match: ${input}`);
    }
  }
  // In the order of their relative paths (computed once per file, not per comparison).
  const keyed = [...found.files]
    .map((file) => ({ file, rel: relativePath(options.cwd, file) }))
    .filter(({ rel }) => !options.accept || options.accept(rel));
  keyed.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  return { files: keyed.map(({ file }) => file), findings, special: found.special };
}

export interface DecodeResult {
  text: string;
  encoding: SourceFile['encoding'];
  /** Byte offsets (in the file, BOM included) of invalid sequences: UTF-8 bytes that are not UTF-8, or broken UTF-16 units. */
  invalidOffsets: number[];
  binary: boolean;
  /** Why the file counts as binary (for the finding). */
  binaryReason?: string;
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
// Windows-1252's 0x80–0x9F block (WHATWG index; the five unassigned bytes map to the C1 control of the same value).
// Not TextDecoder('windows-1252'): Node 20 decodes that label as ISO-8859-1, turning “smart quotes” into C1 controls.
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  const chunks: string[] = [];
  const CHUNK = 8192;
  const codes = new Array<number>(CHUNK);
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(bytes.length, start + CHUNK);
    codes.length = end - start;
    for (let i = start; i < end; i++) {
      const b = bytes[i];
      codes[i - start] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : b;
    }
    chunks.push(String.fromCharCode(...codes));
  }
  return chunks.join('');
}

/** Decode bytes: BOM-sniffed UTF-16/UTF-8, else strict UTF-8, else Latin-1 (if it looks like it) or UTF-8 with replacements. */
export function decode(bytes: Uint8Array): DecodeResult {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return decodeUtf16(bytes, bytes[0] === 0xff ? 'utf-16le' : 'utf-16be');
  }
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  const binaryReason = binaryBytes(body, hasBom ? 3 : 0);
  if (binaryReason) return { text: '', encoding: 'utf-8', invalidOffsets: [], binary: true, binaryReason };
  try {
    return {
      text: utf8Strict.decode(body),
      encoding: hasBom ? 'utf-8-bom' : 'utf-8',
      invalidOffsets: [],
      binary: false,
    };
  } catch {
    const invalid = findInvalidUtf8(body);
    const invalidOffsets = invalid.offsets.map((offset) => offset + (hasBom ? 3 : 0));
    // Mostly invalid: a single-byte code page (Latin-1/Windows-1252). A Latin-1 file can contain a byte pair that
    // happens to be valid UTF-8 (the bytes of "Ã©" are UTF-8 "é"), so "no valid sequence at all" is too strict;
    // a UTF-8 file with a few corrupted bytes still has more valid sequences than invalid ones.
    if (!hasBom && invalid.offsets.length > invalid.validMultiByte) {
      return { text: decodeWindows1252(body), encoding: 'latin-1', invalidOffsets, binary: false };
    }
    return { text: utf8Lenient.decode(body), encoding: hasBom ? 'utf-8-bom' : 'utf-8', invalidOffsets, binary: false };
  }
}

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): DecodeResult {
  // The BOM is skipped here; a second BOM would be content (ignoreBOM keeps it).
  const body = bytes.subarray(2);
  const lenient = new TextDecoder(encoding, { ignoreBOM: true });
  const invalidOffsets: number[] = [];
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    text = lenient.decode(body);
    // Locate unpaired surrogates and a dangling odd byte (byte offsets in the file).
    const unit = (i: number) => (encoding === 'utf-16le' ? body[i] | (body[i + 1] << 8) : (body[i] << 8) | body[i + 1]);
    for (let i = 0; i + 1 < body.length && invalidOffsets.length < 1000; i += 2) {
      const u = unit(i);
      if (u >= 0xd800 && u <= 0xdbff) {
        const next = i + 3 < body.length ? unit(i + 2) : -1;
        if (next >= 0xdc00 && next <= 0xdfff) i += 2;
        else invalidOffsets.push(i + 2);
      } else if (u >= 0xdc00 && u <= 0xdfff) invalidOffsets.push(i + 2);
    }
    if (body.length % 2 === 1) invalidOffsets.push(bytes.length - 1);
  }
  const binaryReason = binaryText(text);
  if (binaryReason) return { text: '', encoding, invalidOffsets: [], binary: true, binaryReason };
  return { text, encoding, invalidOffsets, binary: false };
}

/** NUL anywhere, or many control characters in the first 8 KiB, means binary. */
function binaryBytes(bytes: Uint8Array, base: number): string | null {
  const nul = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(0);
  if (nul >= 0) return `it contains NUL bytes (first at byte ${nul + base}), so it looks like a binary file`;
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of sample) if (b < 9 || (b > 13 && b < 32 && b !== 27)) control++;
  if (sample.length > 0 && control / sample.length > 0.1) return 'it looks like a binary file (many control bytes)';
  return null;
}

function binaryText(text: string): string | null {
  const nul = text.indexOf('\0');
  if (nul >= 0) return `it contains NUL characters (first at character ${nul}), so it looks like a binary file`;
  const sample = text.slice(0, 8192);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c < 9 || (c > 13 && c < 32 && c !== 27)) control++;
  }
  if (sample.length > 0 && control / sample.length > 0.1)
    return 'it looks like a binary file (many control characters)';
  return null;
}

/**
 * At a byte ≥ 0x80: the length of the valid UTF-8 sequence starting there (WHATWG rules: no overlongs, surrogates
 * or code points above U+10FFFF), or minus the length of the invalid "maximal subpart" that the WHATWG decoder
 * replaces with one U+FFFD.
 */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i];
  let need: number;
  let lower = 0x80;
  let upper = 0xbf;
  if (b >= 0xc2 && b <= 0xdf) need = 1;
  else if (b >= 0xe0 && b <= 0xef) {
    need = 2;
    if (b === 0xe0) lower = 0xa0;
    if (b === 0xed) upper = 0x9f;
  } else if (b >= 0xf0 && b <= 0xf4) {
    need = 3;
    if (b === 0xf0) lower = 0x90;
    if (b === 0xf4) upper = 0x8f;
  } else return -1;
  for (let k = 1; k <= need; k++) {
    const c = bytes[i + k];
    const ok = i + k < bytes.length && (k === 1 ? c >= lower && c <= upper : (c & 0xc0) === 0x80);
    if (!ok) return -k;
  }
  return need + 1;
}

/** Offsets of invalid sequences (one per U+FFFD the lenient decoder emits), and the number of valid multi-byte sequences. */
function findInvalidUtf8(bytes: Uint8Array): { offsets: number[]; validMultiByte: number } {
  const offsets: number[] = [];
  let validMultiByte = 0;
  for (let i = 0; i < bytes.length; ) {
    if (bytes[i] < 0x80) {
      i++;
      continue;
    }
    const len = sequenceLength(bytes, i);
    if (len < 0) {
      offsets.push(i);
      i += -len;
    } else {
      validMultiByte++;
      i += len;
    }
  }
  return { offsets, validMultiByte };
}

function invalidEncodingFindings(
  relPath: string,
  decoded: DecodeResult,
  bytes: Uint8Array,
  source: Pick<SourceFile, 'text' | 'lineStarts'>,
): FindingDraft[] {
  const count = decoded.invalidOffsets.length;
  if (decoded.encoding === 'latin-1') {
    return [
      {
        ruleId: 'invalid-encoding',
        severity: 'warning',
        path: relPath,
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 1,
        message: `File is not valid UTF-8; decoded as Windows-1252/Latin-1 (${count} non-UTF-8 byte${count === 1 ? '' : 's'}).`,
        suggestion: 'Re-save the file as UTF-8.',
      },
    ];
  }
  if (count === 0) return [];
  // The first replacement character in the decoded text is where the first invalid sequence ended up
  // (unless the file already contained U+FFFD earlier; then the position is approximate but in bounds).
  const at = Math.max(0, source.text.indexOf('\uFFFD'));
  const { line, column } = positionAt(source, at);
  const utf16 = decoded.encoding === 'utf-16le' || decoded.encoding === 'utf-16be';
  const first = decoded.invalidOffsets[0];
  const kind = utf16 ? `invalid ${decoded.encoding.toUpperCase()} sequence` : 'invalid UTF-8 byte sequence';
  return [
    {
      ruleId: 'invalid-encoding',
      severity: 'error',
      path: relPath,
      line,
      column,
      endLine: line,
      endColumn: column + (at < source.text.length ? 1 : 0),
      message: `File contains ${count}${count >= 1000 && utf16 ? '+' : ''} ${kind}${count === 1 ? '' : 's'} (first at byte ${first}); replaced with U+FFFD for analysis.`,
      evidence: utf16 ? `bytes at ${first}` : `byte 0x${bytes[first].toString(16).padStart(2, '0')}`,
      suggestion: utf16 ? 'Re-save the file as UTF-8.' : 'Re-save the file as UTF-8, or fix the corrupted characters.',
    },
  ];
}

/** Read and decode one file; errors become findings. Never throws. */
export async function loadFile(
  absolute: string,
  options: LoadOptions,
): Promise<{ source?: SourceFile; findings: FindingDraft[] }> {
  const read = readBytes(absolute, options);
  return read.bytes ? sourceOf(read.rel, absolute, read.bytes, options) : { findings: read.findings };
}

/**
 * Loading in two steps, synchronously: the raw bytes and their SHA-256 first (all the incremental cache needs to
 * recognise an unchanged file), decoding only when the file has to be processed. Small files read faster without
 * the thread-pool round trip of fs/promises.
 */
/**
 * Files modified or changed this recently are never matched by metadata: an edit within the same clock tick as a read
 * would leave size and times unchanged (git's "racily clean" entries). Generous for file systems with coarse
 * timestamps. The change time counts too: tools that write content with an old modification time (cp -p, tar -x,
 * rsync -t) still move it, and it is part of the key, so putting the modification time back after an edit is noticed.
 */
export const RACY_MS = 2000;

/** What identifies an unchanged file without reading it (device, inode, size, modification and change times), or
 *  null when it is not a regular file within the size limit or was changed too recently to be trusted. */
export function statKey(info: Stats, maxFileBytes: number, now = Date.now()): string | null {
  if (!info.isFile() || info.size > maxFileBytes) return null;
  if (now - Math.max(info.mtimeMs, info.ctimeMs) < RACY_MS) return null;
  return `${info.dev}:${info.ino}:${info.size}:${info.mtimeMs}:${info.ctimeMs}`;
}

/** A path's stat, or null when it cannot be stat'ed (reading it reports why). */
function statOrNull(absolute: string): Stats | null {
  try {
    return statSync(absolute, { throwIfNoEntry: false }) ?? null;
  } catch {
    return null;
  }
}

/** statKey of a path (null when it cannot be stat'ed: reading it will report why). */
export function statKeyOf(absolute: string, maxFileBytes: number, now = Date.now()): string | null {
  const info = statOrNull(absolute);
  return info ? statKey(info, maxFileBytes, now) : null;
}

export function readBytes(
  absolute: string,
  options: LoadOptions,
): { rel: string; bytes?: Buffer; sha256?: string; stat?: string | null; findings: FindingDraft[] } {
  const rel = relativePath(options.cwd, absolute);
  // Not a regular file when it was discovered: judge it by its metadata alone.
  if (options.special?.has(absolute)) {
    const refused = refusalByStat(rel, absolute, options);
    if (refused) return { rel, findings: [refused] };
  }
  let fd: number | null = null;
  try {
    // One open and one fstat (not stat + readFileSync's own open and fstat). O_NONBLOCK: should the path have become
    // a FIFO since discovery, opening it must not wait for a writer; it is refused below like any non-regular file.
    fd = openSync(absolute, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
    const info = fstatSync(fd);
    const refused = refusal(rel, info, options);
    if (refused) return { rel, findings: [refused] };
    const bytes = readAll(fd, info.size, options.maxFileBytes);
    // The file may have grown between fstat and read.
    if (bytes.length > options.maxFileBytes) return { rel, findings: [tooBig(rel, bytes.length, options)] };
    // The metadata from before the read: if the file changes during the read, its times move on and the next run
    // does not match it.
    const stat = bytes.length === info.size ? statKey(info, options.maxFileBytes) : null;
    return { rel, bytes, sha256: createHash('sha256').update(bytes).digest('hex'), stat, findings: [] };
  } catch (error) {
    // A path that cannot be opened may still say why from its metadata (a socket: ENXIO).
    return { rel, findings: [(fd === null ? refusalByStat(rel, absolute, options) : null) ?? readFailure(rel, error)] };
  } finally {
    if (fd !== null) {
      try {
        closeSync(fd);
      } catch {
        // The bytes are read; a failing close (EIO on a network file system) must not abort the audit.
      }
    }
  }
}

/** The refusal of a path by its metadata (stat), or null when it is a regular file within the limit or cannot be stat'ed. */
function refusalByStat(rel: string, absolute: string, options: LoadOptions): FindingDraft | null {
  const info = statOrNull(absolute);
  return info ? refusal(rel, info, options) : null;
}

/** Read an open file to its end (or to one byte past `limit`), starting with the size fstat gave. */
function readAll(fd: number, size: number, limit: number): Buffer {
  let buffer = Buffer.allocUnsafe(Math.min(size, limit) + 1);
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > limit) break;
      const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, limit + 1));
      buffer.copy(grown, 0, 0, length);
      buffer = grown;
    }
    const read = readSync(fd, buffer, length, buffer.length - length, null);
    if (read === 0) break;
    length += read;
  }
  return buffer.subarray(0, length);
}

/** Second step of readBytes: decode (a decoding failure is a finding, never a throw). */
export function sourceOf(
  rel: string,
  absolute: string,
  bytes: Uint8Array,
  options: LoadOptions,
): { source?: SourceFile; findings: FindingDraft[] } {
  if (bytes.length > options.maxFileBytes) return { findings: [tooBig(rel, bytes.length, options)] };
  try {
    return buildSource(rel, absolute, bytes);
  } catch (error) {
    return { findings: [unreadableFinding(rel, `it could not be decoded (${(error as Error).message})`)] };
  }
}

const tooBig = (rel: string, size: number, options: LoadOptions) =>
  unreadableFinding(rel, `it is ${size} bytes, over the ${options.maxFileBytes}-byte limit (option maxFileBytes)`);

function refusal(
  rel: string,
  info: { isFile(): boolean; isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean; size: number },
  options: LoadOptions,
): FindingDraft | null {
  if (!info.isFile())
    return unreadableFinding(
      rel,
      `it is not a regular file (${info.isDirectory() ? 'a directory' : info.isFIFO() ? 'a FIFO' : info.isSocket() ? 'a socket' : 'a device or special file'})`,
    );
  if (info.size > options.maxFileBytes) return tooBig(rel, info.size, options);
  return null;
}

function readFailure(rel: string, error: unknown): FindingDraft {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOENT'
      ? 'it disappeared before it could be read'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : `read failed (${code ?? String(error)})`;
  return unreadableFinding(rel, reason);
}

/** Pure core of loading: bytes → SourceFile + findings. */
export function buildSource(
  rel: string,
  absolute: string,
  bytes: Uint8Array,
): { source?: SourceFile; findings: FindingDraft[] } {
  const decoded = decode(bytes);
  if (decoded.binary)
    return { findings: [unreadableFinding(rel, decoded.binaryReason ?? 'it looks like a binary file')] };
  const text = decoded.text;
  const lineStarts = computeLineStarts(text);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const source: SourceFile = {
    path: rel,
    absolutePath: absolute,
    text,
    encoding: decoded.encoding,
    byteLength: bytes.length,
    sha256,
    lineStarts,
  };
  return { source, findings: invalidEncodingFindings(rel, decoded, bytes, source) };
}
