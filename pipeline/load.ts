// Stage 1: find files, read bytes, decode. Every file either becomes a SourceFile or a finding — never silently lost.
import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { computeLineStarts } from './source-map.js';
import type { FindingDraft, SourceFile } from './types.js';

export const ARTICLE_EXTENSIONS = ['.md', '.markdown', '.mdx', '.txt'];
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn', '.content-audit-cache']);

export interface LoadOptions {
  cwd: string;
  /** Files larger than this are refused with an `unreadable-file` finding. */
  maxFileBytes: number;
  /** Called for every discovered path; return false to skip it (include/exclude/ignore files). */
  accept?: (relativePath: string) => boolean;
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
  const rel = toPosix(path.relative(cwd, absolute));
  return rel === '' ? '.' : rel;
}

function isArticleFile(name: string): boolean {
  const lower = name.toLowerCase();
  return ARTICLE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Walk a directory without following symlinked directories; symlinked files count only if they resolve inside the root. */
async function walk(root: string, realRoot: string, out: Set<string>, skipped: FindingDraft[], cwd: string): Promise<void> {
  const stack = [root];
  while (stack.length) {
    const dir = stack.pop()!;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      skipped.push(unreadableFinding(relativePath(cwd, dir), `directory could not be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`));
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name) && !entry.name.startsWith('.')) stack.push(full);
      } else if (entry.isFile()) {
        if (isArticleFile(entry.name)) out.add(full);
      } else if (entry.isSymbolicLink() && isArticleFile(entry.name)) {
        try {
          const target = await realpath(full);
          const info = await stat(target);
          if (info.isFile() && isInside(realRoot, target)) out.add(full);
          else skipped.push(unreadableFinding(relativePath(cwd, full), 'symbolic link points outside the audited folder or not to a file; not followed', 'info'));
        } catch {
          skipped.push(unreadableFinding(relativePath(cwd, full), 'symbolic link is broken or loops; not followed', 'info'));
        }
      }
    }
  }
}

export function unreadableFinding(relPath: string, reason: string, severity: FindingDraft['severity'] = 'error'): FindingDraft {
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
export async function discover(inputs: string[], options: LoadOptions): Promise<{ files: string[]; findings: FindingDraft[] }> {
  const found = new Set<string>();
  const findings: FindingDraft[] = [];
  for (const input of inputs) {
    const absolute = path.resolve(options.cwd, input);
    let info;
    try {
      info = await lstat(absolute);
    } catch {
      info = null;
    }
    if (info?.isDirectory()) {
      await walk(absolute, await realpath(absolute), found, findings, options.cwd);
    } else if (info?.isFile()) {
      found.add(absolute);
    } else if (info?.isSymbolicLink()) {
      try {
        const target = await realpath(absolute);
        if ((await stat(target)).isFile()) found.add(absolute);
        else findings.push(unreadableFinding(relativePath(options.cwd, absolute), 'symbolic link does not point to a file'));
      } catch {
        findings.push(unreadableFinding(relativePath(options.cwd, absolute), 'symbolic link is broken or loops'));
      }
    } else if (/[*?[\]{}]/.test(input)) {
      const matches = await glob(input, { cwd: options.cwd, absolute: true, followSymbolicLinks: false, onlyFiles: true, dot: false });
      for (const match of matches) if (isArticleFile(match)) found.add(path.normalize(match));
    } else {
      throw new UsageError(`No such file, folder or glob match: ${input}`);
    }
  }
  const files = [...found]
    .filter((file) => !options.accept || options.accept(relativePath(options.cwd, file)))
    .sort((a, b) => {
      const ra = relativePath(options.cwd, a);
      const rb = relativePath(options.cwd, b);
      return ra < rb ? -1 : ra > rb ? 1 : 0;
    });
  return { files, findings };
}

export interface DecodeResult {
  text: string;
  encoding: SourceFile['encoding'];
  /** Byte offsets of invalid UTF-8 sequences (only for utf-8 decoding). */
  invalidOffsets: number[];
  binary: boolean;
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
const windows1252 = new TextDecoder('windows-1252');

/** Decode bytes: BOM-sniffed UTF-16/UTF-8, else strict UTF-8, else Latin-1 (if it looks like it) or UTF-8 with replacements. */
export function decode(bytes: Uint8Array): DecodeResult {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', invalidOffsets: [], binary: false };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', invalidOffsets: [], binary: false };
  }
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  if (looksBinary(body)) return { text: '', encoding: 'utf-8', invalidOffsets: [], binary: true };
  try {
    return { text: utf8Strict.decode(body), encoding: hasBom ? 'utf-8-bom' : 'utf-8', invalidOffsets: [], binary: false };
  } catch {
    const invalidOffsets = findInvalidUtf8(body);
    const validMultiByte = countValidMultiByte(body);
    // No valid multi-byte sequence at all but high bytes present: a single-byte code page (Latin-1/Windows-1252).
    if (!hasBom && validMultiByte === 0) {
      return { text: windows1252.decode(body), encoding: 'latin-1', invalidOffsets, binary: false };
    }
    return { text: utf8Lenient.decode(body), encoding: hasBom ? 'utf-8-bom' : 'utf-8', invalidOffsets, binary: false };
  }
}

function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32 && b !== 27)) control++;
  }
  return sample.length > 0 && control / sample.length > 0.1;
}

function sequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i];
  const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
  if (need < 0 || i + need >= bytes.length) return 0;
  for (let k = 1; k <= need; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return 0;
  return need + 1;
}

function findInvalidUtf8(bytes: Uint8Array): number[] {
  const offsets: number[] = [];
  for (let i = 0; i < bytes.length; ) {
    if (bytes[i] < 0x80) {
      i++;
      continue;
    }
    const len = sequenceLength(bytes, i);
    if (len === 0) {
      offsets.push(i);
      i++;
    } else i += len;
  }
  return offsets;
}

function countValidMultiByte(bytes: Uint8Array): number {
  let count = 0;
  for (let i = 0; i < bytes.length; ) {
    if (bytes[i] < 0x80) {
      i++;
      continue;
    }
    const len = sequenceLength(bytes, i);
    if (len > 0) {
      count++;
      i += len;
    } else i++;
  }
  return count;
}

function invalidEncodingFindings(relPath: string, decoded: DecodeResult, bytes: Uint8Array, source: Pick<SourceFile, 'text' | 'lineStarts'>): FindingDraft[] {
  if (decoded.encoding === 'latin-1') {
    return [{
      ruleId: 'invalid-encoding', severity: 'warning', path: relPath, line: 1, column: 1, endLine: 1, endColumn: 1,
      message: `File is not valid UTF-8; decoded as Windows-1252/Latin-1 (${decoded.invalidOffsets.length} non-UTF-8 byte${decoded.invalidOffsets.length === 1 ? '' : 's'}).`,
      suggestion: 'Re-save the file as UTF-8.',
    }];
  }
  if (decoded.invalidOffsets.length === 0) return [];
  // Locate each replacement character in the decoded text (they appear in byte order).
  const findings: FindingDraft[] = [];
  let from = 0;
  const firstLines: number[] = [];
  for (let n = 0; n < decoded.invalidOffsets.length && firstLines.length < 1000; n++) {
    const at = source.text.indexOf('\uFFFD', from);
    if (at < 0) break;
    firstLines.push(at);
    from = at + 1;
  }
  const at = firstLines[0] ?? 0;
  let line = 1;
  while (line < source.lineStarts.length && source.lineStarts[line] <= at) line++;
  const column = at - source.lineStarts[line - 1] + 1;
  findings.push({
    ruleId: 'invalid-encoding', severity: 'error', path: relPath, line, column, endLine: line, endColumn: column + 1,
    message: `File contains ${decoded.invalidOffsets.length} invalid UTF-8 byte sequence${decoded.invalidOffsets.length === 1 ? '' : 's'} (first at byte ${decoded.invalidOffsets[0]}); replaced with U+FFFD for analysis.`,
    evidence: `byte 0x${bytes[decoded.invalidOffsets[0]].toString(16).padStart(2, '0')}`,
    suggestion: 'Re-save the file as UTF-8, or fix the corrupted characters.',
  });
  return findings;
}

/** Read and decode one file; errors become findings. */
export async function loadFile(absolute: string, options: LoadOptions): Promise<{ source?: SourceFile; findings: FindingDraft[] }> {
  const rel = relativePath(options.cwd, absolute);
  let bytes: Buffer;
  try {
    const info = await stat(absolute);
    if (info.size > options.maxFileBytes) {
      return { findings: [unreadableFinding(rel, `${info.size} bytes is over the ${options.maxFileBytes}-byte limit (option maxFileBytes)`)] };
    }
    bytes = await readFile(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'it disappeared before it could be read' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : `read failed (${code ?? String(error)})`;
    return { findings: [unreadableFinding(rel, reason)] };
  }
  return buildSource(rel, absolute, bytes);
}

/** Pure core of loading: bytes → SourceFile + findings. */
export function buildSource(rel: string, absolute: string, bytes: Uint8Array): { source?: SourceFile; findings: FindingDraft[] } {
  const decoded = decode(bytes);
  if (decoded.binary) return { findings: [unreadableFinding(rel, 'it looks like a binary file (NUL or control bytes)')] };
  const text = decoded.text;
  const lineStarts = computeLineStarts(text);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const source: SourceFile = { path: rel, absolutePath: absolute, text, encoding: decoded.encoding, byteLength: bytes.length, sha256, lineStarts };
  return { source, findings: invalidEncodingFindings(rel, decoded, bytes, source) };
}
