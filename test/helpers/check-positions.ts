// Checks every position in a report against the ORIGINAL texts: line ≤ number of lines and
// column ≤ line length + 1 (UTF-16 code units, line endings LF / CRLF / lone CR), start ≤ end.
// Independent of pipeline/source-map.ts on purpose: lines are computed here with a plain split.
import { readFileSync } from 'node:fs';
import type { Report } from '../../pipeline/types.js';

export interface Lines {
  count: number;
  /** Length of line n (1-based) without its line ending. */
  length(line: number): number;
}

export function linesOf(text: string): Lines {
  const lines = text.split(/\r\n|\r|\n/);
  return { count: lines.length, length: (line) => lines[line - 1]?.length ?? -1 };
}

/**
 * Decode bytes the way a reader would (independently of pipeline/load.ts): BOMs for UTF-16/UTF-8,
 * else UTF-8 if valid, else Windows-1252 when invalid sequences outnumber valid multi-byte ones, else UTF-8 with
 * U+FFFD.
 */
export function decodeOriginal(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return new TextDecoder('utf-16le', { ignoreBOM: true }).decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return new TextDecoder('utf-16be', { ignoreBOM: true }).decode(bytes.subarray(2));
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    const lenient = new TextDecoder('utf-8', { ignoreBOM: true }).decode(body);
    // Valid multi-byte sequences vs invalid ones (each invalid sequence is one U+FFFD; a literal U+FFFD is valid).
    const literalReplacement = Buffer.from(body).toString('latin1').split('\u00ef\u00bf\u00bd').length - 1;
    let valid = literalReplacement;
    let invalid = -literalReplacement;
    for (const c of lenient) {
      if (c === '\uFFFD') invalid++;
      else if (c.codePointAt(0)! >= 0x80) valid++;
    }
    if (bom || invalid <= valid) return lenient;
    // Windows-1252 by hand (Node 20's TextDecoder('windows-1252') is really ISO-8859-1); line structure is what matters
    // here.
    return Buffer.from(body).toString('latin1');
  }
}

export function readOriginal(file: string): string {
  return decodeOriginal(readFileSync(file));
}

/**
 * All position violations in a report. `original(path)` returns the original text of a document
 * (undefined = unknown: only line/column ≥ 1 is checked, e.g. for unreadable files, which must point at 1:1).
 */
export function positionViolations(report: Report, original: (path: string) => string | undefined): string[] {
  const problems: string[] = [];
  const cache = new Map<string, Lines | null>();
  const lines = (path: string) => {
    if (!cache.has(path)) {
      const text = original(path);
      cache.set(path, text === undefined ? null : linesOf(text));
    }
    return cache.get(path)!;
  };
  const point = (where: string, path: string, line: number, column: number | undefined) => {
    if (!Number.isInteger(line) || line < 1) return problems.push(`${where}: line ${line} is not a positive integer`);
    if (column !== undefined && (!Number.isInteger(column) || column < 1))
      return problems.push(`${where}: column ${column} is not a positive integer`);
    const l = lines(path);
    if (!l) return;
    if (line > l.count) return problems.push(`${where}: line ${line} > ${l.count} lines in ${path}`);
    if (column !== undefined && column > l.length(line) + 1)
      problems.push(`${where}: column ${column} > line ${line} length ${l.length(line)} + 1 in ${path}`);
  };
  report.findings.forEach((f, i) => {
    const where = `finding #${i} ${f.ruleId} ${f.path}:${f.line}:${f.column}-${f.endLine}:${f.endColumn}`;
    point(`${where} (start)`, f.path, f.line, f.column);
    point(`${where} (end)`, f.path, f.endLine, f.endColumn);
    if (f.endLine < f.line || (f.endLine === f.line && f.endColumn < f.column))
      problems.push(`${where}: end before start`);
    for (const r of f.related ?? [])
      point(`${where} related ${r.path}:${r.line}:${r.column}`, r.path, r.line, r.column);
  });
  for (const pair of report.duplicates.pairs) {
    for (const passage of pair.shared) {
      point(`duplicate ${pair.a} passage`, pair.a, passage.a.line, undefined);
      point(`duplicate ${pair.a} passage end`, pair.a, passage.a.endLine, undefined);
      point(`duplicate ${pair.b} passage`, pair.b, passage.b.line, undefined);
      point(`duplicate ${pair.b} passage end`, pair.b, passage.b.endLine, undefined);
    }
  }
  for (const conflict of report.claims.conflicts) {
    for (const value of conflict.values)
      point(`claim ${conflict.subject} ${value.path}`, value.path, value.line, value.column);
  }
  for (const entity of report.claims.entities) {
    for (const fact of entity.facts)
      for (const source of fact.sources)
        point(`entity ${entity.name} ${source.path}`, source.path, source.line, undefined);
  }
  return problems;
}
