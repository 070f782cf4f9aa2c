// The one place that turns offsets into original line/column. No stage counts lines itself.
import type { Block, Range, SourceFile } from './types.js';

/** Offsets at which each line starts, treating LF, CRLF and lone CR as line endings. */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  if (text.indexOf('\r') < 0) {
    // Most texts end lines with LF only: a native search per line instead of a look at every character.
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** 1-based line and column (UTF-16 code units) of an offset in SourceFile.text. */
export function positionAt(
  source: Pick<SourceFile, 'lineStarts' | 'text'>,
  offset: number,
): { line: number; column: number } {
  const starts = source.lineStarts;
  const clamped = Math.max(0, Math.min(offset, source.text.length));
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= clamped) lo = mid;
    else hi = mid - 1;
  }
  // Never point past the end of the line's content: an offset on the LF of a CRLF pair (or beyond the text)
  // is clamped to the column just after the line's last character.
  const lineStart = starts[lo];
  let lineEnd = lo + 1 < starts.length ? starts[lo + 1] : source.text.length;
  if (lo + 1 < starts.length) {
    if (lineEnd > lineStart && source.text.charCodeAt(lineEnd - 1) === 10) lineEnd--;
    if (lineEnd > lineStart && source.text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
  }
  return { line: lo + 1, column: Math.min(clamped, lineEnd) - lineStart + 1 };
}

/** Range in the original file of source offsets [start, end). */
export function rangeOfOffsets(source: Pick<SourceFile, 'lineStarts' | 'text'>, start: number, end: number): Range {
  const s = positionAt(source, start);
  const e = positionAt(source, Math.max(start, end));
  return { line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
}

/** Source offset of a character offset inside a block's text (end offsets allowed). */
export function sourceOffsetInBlock(block: Block, index: number): number {
  const i = Math.max(0, Math.min(index, block.text.length));
  return block.sourceOffsets[i];
}

/** Range in the original file of block.text[start, end). */
export function blockRange(source: SourceFile, block: Block, start: number, end: number): Range {
  const s = sourceOffsetInBlock(block, start);
  // Map the end through the last covered character so that escapes/entities do not stretch the range.
  const e = end > start ? sourceOffsetInBlock(block, end - 1) + 1 : s;
  return rangeOfOffsets(source, s, Math.max(s, e));
}

/** The text of one original line (without its line ending). */
export function lineText(source: SourceFile, line: number): string {
  const start = source.lineStarts[line - 1] ?? source.text.length;
  const next = source.lineStarts[line] ?? source.text.length;
  return source.text.slice(start, next).replace(/\r?\n$|\r$/, '');
}
