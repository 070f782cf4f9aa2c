// Which documents the Lezer parse path (pipeline/markdown-lezer.ts) may read: those on which @lezer/markdown is
// linear and its tree can be converted exactly. Decided in one linear pass before parsing.
//
// Lezer is not linear on every shape (measured with bench/shapes.js: bare URLs and e-mail look-alikes in one long
// paragraph, bracket soup, deep block quotes and lists grow super-linearly), but every one of those costs needs a
// long block (a run of lines without a blank line), a long line or deep nesting. Bounding all three bounds the
// non-linear part per block, so the parse is linear in the number of blocks. Documents with GFM footnote syntax
// (`[^`; Lezer has no footnotes), a carriage return (Lezer ends lines at \n only), a byte order mark or NUL
// (micromark rewrites them) and dense blocks (delimiter soup, pipeline/markdown-dense.ts, which the micromark path
// degrades on purpose) are left to micromark too.
import { DENSE_MIN_BLOCK, denseBlocks } from './markdown-dense.js';

/** The longest run of non-blank lines Lezer reads (tuning-half real pages: ≤ 2.6 KB; splitLongRuns cuts at 16 KB). */
export const LEZER_MAX_BLOCK = 16 * 1024;
/** The longest line read by Lezer. */
export const LEZER_MAX_LINE = 4 * 1024;
/** The most container markers (`>`, list markers) at the start of a line, and the widest leading white space. */
export const LEZER_MAX_MARKERS = 8;
export const LEZER_MAX_INDENT = 64;

export type Ineligible =
  | 'carriage-return'
  | 'footnote'
  | 'bom-or-nul'
  | 'long-block'
  | 'long-line'
  | 'deep-nesting'
  | 'dense-block';

/** Why Lezer may not read `text` (the first reason found), or null when it may. */
export function lezerIneligibility(text: string): Ineligible | null {
  if (text.includes('\r')) return 'carriage-return';
  if (text.includes('[^')) return 'footnote';
  if (text.charCodeAt(0) === 0xfeff || text.includes('\0')) return 'bom-or-nul';
  const shape = lineShape(text);
  if (typeof shape === 'string') return shape;
  // A dense block is a run of non-blank lines of DENSE_MIN_BLOCK or more: without such a run, no scan for one.
  if (shape >= DENSE_MIN_BLOCK && denseBlocks(text).length > 0) return 'dense-block';
  return null;
}

/**
 * The line, block and nesting bounds, in one pass over the lines of `text` (which has no carriage return): the first
 * bound broken, or (none broken) the length of the longest run of non-blank lines. Line ends are found by indexOf and
 * only a line's leading white space is read here, so the pass is mostly native even before the code is optimised.
 */
function lineShape(text: string): Ineligible | number {
  let longestBlock = 0;
  let blockStart = -1;
  for (let lineStart = 0; lineStart <= text.length; ) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    let first = lineStart;
    while (first < lineEnd && (text.charCodeAt(first) === 32 || text.charCodeAt(first) === 9)) first++;
    const blank = first === lineEnd;
    if (lineEnd - lineStart > LEZER_MAX_LINE) return 'long-line';
    if (blank) blockStart = -1;
    else {
      if (blockStart < 0) blockStart = lineStart;
      if (lineEnd - blockStart > LEZER_MAX_BLOCK) return 'long-block';
      if (lineEnd - blockStart > longestBlock) longestBlock = lineEnd - blockStart;
      if (tooDeep(text, lineStart, lineEnd)) return 'deep-nesting';
    }
    if (lineEnd >= text.length) break;
    lineStart = lineEnd + 1;
  }
  return longestBlock;
}

/** Does the line start with more container markers or more white space than the bounds allow? */
function tooDeep(text: string, from: number, to: number): boolean {
  let markers = 0;
  let space = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 32 || c === 9) {
      if (++space > LEZER_MAX_INDENT) return true;
      continue;
    }
    let after = k;
    if (c === 62) after = k + 1;
    else if (c === 45 || c === 42 || c === 43) after = k + 1;
    else if (c >= 48 && c <= 57) {
      while (after < to && after - k < 9 && text.charCodeAt(after) >= 48 && text.charCodeAt(after) <= 57) after++;
      const d = text.charCodeAt(after);
      after = d === 46 || d === 41 ? after + 1 : k;
    }
    const next = text.charCodeAt(after);
    // A marker: `>` anywhere, a list marker before white space or the end of the line.
    if (after === k || (c !== 62 && after < to && next !== 32 && next !== 9)) return false;
    if (++markers > LEZER_MAX_MARKERS) return true;
    k = after - 1;
  }
  return false;
}
