// Dense blocks: the documented degradation of the Markdown parse (docs/robustness.md, "Markdown parsing cost").
//
// micromark's inline parse of a run of text (a paragraph, a heading) costs a few microseconds per delimiter, and more
// than linear in the run's length for some constructs: a link title that never closes (`[a](b (` repeated) re-scans
// the rest of the run at each try, and unmatched `*`/`_` runs are matched against every earlier opener. splitLongRuns
// (pipeline/normalise.ts) bounds a run at 16 KB, which keeps the whole parse linear, but a 16 KB run of delimiter soup
// still parses at 0.05–0.3 MB/s. No real document has one: prose and documentation have at most ~10 % ASCII
// punctuation in a block of 4 KB or more (measured on the repository's Markdown, its fixtures and the real-prose
// documentation set; tested), the adversarial shapes 20–40 %.
//
// So a block (a run of lines without a blank line) of at least DENSE_MIN_BLOCK characters of which at least
// DENSE_RATIO are ASCII punctuation, outside fenced code, and with no line that could be a table's delimiter row or
// start raw HTML (`<script`, `<pre`, `<style`, `<textarea`, `<!`, `<?`: HTML that ends at a string, which a marker
// could hide), is parsed cheaply: on each of its lines everything after the first word (up to trailing white space)
// is stood in for by an inert marker, the way pipeline/markdown-skeleton.ts stands in for word runs, and comes back
// as literal text. The block structure (the first word of each line: list markers, `#`, `>`, fences, indentation) is
// kept; inline constructs after the first word (links, emphasis, code spans, autolinks, character references, HTML)
// are read as the characters they are written with. Every value and every position still comes from the original
// text.

/** The smallest block that is looked at: below it, even delimiter soup parses in a few milliseconds. */
export const DENSE_MIN_BLOCK = 4096;
/** The share of ASCII punctuation from which a block is dense (real blocks of 4 KB or more: ≤ 0.1). */
export const DENSE_RATIO = 0.2;

export interface Block {
  /** Offset of the block's first line, and of the end of its last line (before its line ending). */
  start: number;
  end: number;
}

/** `!`…`/`, `:`…`@`, `[`…`` ` ``, `{`…`~`: ASCII punctuation (what a backslash escapes). */
export function isAsciiPunctuation(c: number): boolean {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}

/** Could this line be a GFM table's delimiter row (`|`, `:`, `-`, spaces, `>`, with a `-`)? Such blocks are kept. */
function delimiterRowLike(text: string, start: number, end: number): boolean {
  let dash = false;
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c === 45) dash = true;
    else if (c !== 124 && c !== 58 && c !== 32 && c !== 9 && c !== 62) return false;
  }
  return dash;
}

/** The fence a line opens or closes (its run of 3+ backticks or tildes after spaces, tabs and `>`), or null. */
export function fenceOf(text: string, start: number, end: number): string | null {
  let k = start;
  while (k < end && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9 || text.charCodeAt(k) === 62)) k++;
  const c = text.charCodeAt(k);
  if (c !== 96 && c !== 126) return null;
  let run = k;
  while (run < end && text.charCodeAt(run) === c) run++;
  return run - k >= 3 ? text.slice(k, run) : null;
}

/**
 * Does the line start an HTML block that ends at a string (`<script`, `<pre`, `<style`, `<textarea`, `<!`, `<?`)?
 * Its end could be hidden by a marker, so a block with such a line is never degraded.
 */
function opensRawHtml(text: string, start: number, end: number): boolean {
  let k = start;
  while (k < end && text.charCodeAt(k) === 32) k++;
  if (text.charCodeAt(k) !== 60) return false;
  const next = text.charCodeAt(k + 1);
  return next === 33 || next === 63 || /^(?:script|pre|style|textarea)/i.test(text.slice(k + 1, k + 9));
}

/** What a line is to the block scanners: in fenced code (its closing fence too), opening a fence, blank, or content. */
export enum LineKind {
  Fenced,
  Fence,
  Blank,
  Content,
}

/**
 * Visit each line of `text` in order (one linear pass): what it is, where it starts, where it ends (before its line
 * ending), where the next one starts, its number (1-based) and how many ASCII punctuation characters it holds.
 */
export function forEachBlockLine(
  text: string,
  visit: (kind: LineKind, lineStart: number, lineEnd: number, next: number, line: number, punctuation: number) => void,
): void {
  let fence: string | null = null;
  for (let lineStart = 0, line = 1; lineStart <= text.length; line++) {
    let lineEnd = lineStart;
    let blank = true;
    let count = 0;
    for (; lineEnd < text.length; lineEnd++) {
      const c = text.charCodeAt(lineEnd);
      if (c === 10 || c === 13) break;
      if (c !== 32 && c !== 9) blank = false;
      if (isAsciiPunctuation(c)) count++;
    }
    const next = lineEnd + (text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10 ? 2 : 1);
    const fenceHere = count >= 3 ? fenceOf(text, lineStart, lineEnd) : null;
    let kind: LineKind;
    if (fence !== null) {
      // Inside fenced code: a fence of the same character, at least as long, closes it.
      if (fenceHere && fenceHere[0] === fence[0] && fenceHere.length >= fence.length) fence = null;
      kind = LineKind.Fenced;
    } else if (fenceHere) {
      fence = fenceHere;
      kind = LineKind.Fence;
    } else kind = blank ? LineKind.Blank : LineKind.Content;
    visit(kind, lineStart, lineEnd, next, line, count);
    if (lineEnd >= text.length) break;
    lineStart = next;
  }
}

/** The dense blocks of `text`, in order (one linear pass). Fenced code is never in one (it has no inline parse). */
export function denseBlocks(text: string, minBlock = DENSE_MIN_BLOCK, ratio = DENSE_RATIO): Block[] {
  const blocks: Block[] = [];
  if (text.length < minBlock) return blocks;
  let blockStart = -1;
  let blockEnd = -1;
  let punctuation = 0;
  let kept = false; // a line that keeps the block whole: a possible table delimiter row, or raw HTML
  const close = () => {
    if (blockStart >= 0 && !kept && blockEnd - blockStart >= minBlock && punctuation >= ratio * (blockEnd - blockStart))
      blocks.push({ start: blockStart, end: blockEnd });
    blockStart = -1;
    punctuation = 0;
    kept = false;
  };
  forEachBlockLine(text, (kind, lineStart, lineEnd, _next, _line, count) => {
    if (kind === LineKind.Fence || kind === LineKind.Blank) close();
    else if (kind === LineKind.Content) {
      if (blockStart < 0) blockStart = lineStart;
      blockEnd = lineEnd;
      punctuation += count;
      if (!kept && (delimiterRowLike(text, lineStart, lineEnd) || opensRawHtml(text, lineStart, lineEnd))) kept = true;
    }
  });
  close();
  return blocks;
}

/**
 * The part of a dense block's line that is stood in for: from the character after the space that ends the first
 * word, up to the last character that is not a space; null when there is none, or when a tab follows (a tab's width
 * depends on its column, which the marker changes).
 */
export function degradedMiddle(
  text: string,
  lineStart: number,
  lineEnd: number,
): { start: number; end: number } | null {
  let k = lineStart;
  while (k < lineEnd && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
  while (k < lineEnd && text.charCodeAt(k) !== 32 && text.charCodeAt(k) !== 9) k++;
  if (k >= lineEnd || text.charCodeAt(k) === 9) return null;
  const start = k + 1;
  let end = lineEnd;
  while (end > start && text.charCodeAt(end - 1) === 32) end--;
  if (end <= start) return null;
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === 9) return null;
  return { start, end };
}
