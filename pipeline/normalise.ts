// Step 2 (normalise): SourceFile → Article. Markdown goes through unified + remark-parse; plain text through a small block splitter.
// Every character of every block keeps its offset in the original text, so findings point at the original line/column.
//
// Robustness notes (docs/robustness.md):
// - Both tree walks are iterative: no input nesting depth can overflow the stack.
// - Pathologically nested containers (a line whose leading `>`/list-marker/indent prefix is longer than
//   MAX_CONTAINER_PREFIX) make remark super-linear (1,000 nested list levels took ~90 s). Such prefixes are shortened
//   before parsing and parse offsets are mapped back through an offset table, so positions stay exact.
// - Alignment of node values against their source is bounded (no quadratic scans on long lines).
// - Line endings inside block text are normalised to LF (CRLF and lone CR become one `\n` mapped to the CR).
import { createMarkdownParser } from './markdown.js';
import { forEachPlainCell } from './markdown-table.js';
import { parseDocument } from 'yaml';
import { splitSentences } from './sentences.js';
import { countWords } from './text-words.js';
import {
  INLINE_PLACEHOLDER,
  type Article,
  type Block,
  type BlockKind,
  type FindingDraft,
  type InlineSpan,
  type SourceFile,
} from './types.js';
import { rangeOfOffsets } from './source-map.js';
import {
  COMPACT_MIN,
  compactOffsets,
  identityView,
  keepMap,
  mapSlot,
  mapSlotStart,
  reserveIdentity,
} from './offset-maps.js';

// Minimal structural view of mdast nodes (avoids depending on @types/mdast).
interface MdNode {
  type: string;
  value?: string;
  depth?: number;
  alt?: string;
  children?: MdNode[];
  position?: { start: { offset?: number }; end: { offset?: number } };
}

// GFM: pipe tables become table blocks (not prose paragraphs), footnote definitions read like list items.
// (pipeline/markdown.ts: remark + GFM + front matter, with the upstream quadratic walks removed.)
const markdownParser = createMarkdownParser();

export function isMarkdownPath(p: string): boolean {
  return /\.(md|markdown|mdx)$/i.test(p);
}

/** How far ahead the aligner looks for a node's next character in its source slice (near and far windows). */
const ALIGN_WINDOW = 12;
const ALIGN_FAR_WINDOW = 256;

/** First k in [from, to) where source[k…] starts with value[i…] for min(run, rest of value) characters, or -1. */
function findAhead(
  value: string,
  i: number,
  source: string,
  from: number,
  to: number,
  run: number,
  end: number,
): number {
  const c = value.charCodeAt(i);
  const need = Math.min(run, value.length - i);
  for (let k = from; k < to; k++) {
    if (source.charCodeAt(k) !== c) continue;
    let t = 1;
    while (t < need && k + t < end && source.charCodeAt(k + t) === value.charCodeAt(i + t)) t++;
    if (t >= need) return k;
  }
  return -1;
}

/** Longest first piece whose offset list is allocated at its size (a longer one grows as before). */
const PRESIZE_MAX = 4096;

/** Accumulates text with a per-character source offset (offsets in the coordinates of the text being parsed). */
class MappedText {
  /** The text so far when it is one piece (most blocks), else null and the pieces are in `parts`. */
  private single: string | null = null;
  private parts: string[] | null = null;
  /**
   * One offset per character. A plain array of small integers: a block's map lives only until makeBlock copies it, and
   * such arrays are allocated in the young generation, where an Int32Array per block costs a separate backing store.
   */
  private offsetList: number[] = [];
  length = 0;
  /** Inline constructs, as offsets into this text (end -1 while the construct is still open). */
  spans: InlineSpan[] = [];

  /** Start a span at the current end; close it with closeSpan. */
  openSpan(kind: InlineSpan['kind'], pos: InlineSpan['pos']): number {
    this.spans.push({ start: this.length, end: -1, kind, pos });
    return this.spans.length - 1;
  }

  closeSpan(index: number): void {
    const span = this.spans[index];
    span.end = this.length;
    // A link whose whole text is one code span reads as that code: a name. That code span is the last one opened.
    const last = this.spans[this.spans.length - 1];
    if (last !== span && last.kind === 'code' && last.start === span.start && last.end === span.end) span.pos = 'noun';
  }

  /** A copy of [from, to) with its offsets and the spans clipped to it. */
  slice(from: number, to: number): MappedText {
    const next = new MappedText();
    next.push(this.text().slice(from, to), this.offsetList.slice(from, to));
    for (const span of this.spans) {
      const a = Math.max(from, span.start);
      const b = Math.min(to, span.end);
      if (a < b) next.spans.push({ ...span, start: a - from, end: b - from });
    }
    return next;
  }

  /**
   * The offset list, with room for `count` more entries when it is still empty: most blocks are one piece, whose list
   * is then allocated at its size instead of grown by copies. (Entries are written at index length + i.)
   */
  private room(count: number): number[] {
    if (this.length === 0 && count > 0 && count <= PRESIZE_MAX) this.offsetList = new Array<number>(count);
    return this.offsetList;
  }

  /** Append `value` with explicit offsets (offsets.length >= value.length). */
  push(value: string, offsets: ArrayLike<number>): void {
    const list = this.room(value.length);
    const base = this.length;
    for (let i = 0; i < value.length; i++) list[base + i] = offsets[i];
    this.addPiece(value);
    this.length += value.length;
  }

  /** Append a verbatim slice of the source that starts at `start`. */
  pushRun(value: string, start: number): void {
    const list = this.room(value.length);
    const base = this.length;
    for (let i = 0; i < value.length; i++) list[base + i] = start + i;
    this.addPiece(value);
    this.length += value.length;
  }

  /** Append `value`, every character mapped to one offset (separators, synthetic text). */
  pushAt(value: string, offset: number): void {
    const list = this.room(value.length);
    const base = this.length;
    for (let i = 0; i < value.length; i++) list[base + i] = offset;
    this.addPiece(value);
    this.length += value.length;
  }

  pushAligned(value: string, source: string, start: number, end: number): void {
    // Align a node value against its source slice: exact when the value is a substring (plain text); otherwise a
    // greedy two-pointer walk tolerant of escapes, entities, tab expansion and stripped continuation indentation.
    // Most values start where their node starts: startsWith answers that without slicing and searching.
    const exact =
      value.length > end - start ? -1 : source.startsWith(value, start) ? 0 : source.slice(start, end).indexOf(value);
    if (exact >= 0) {
      this.pushRun(value, start + exact);
      return;
    }
    const last = Math.max(start, end - 1);
    const list = this.room(value.length);
    const base = this.length;
    let j = start;
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      let found = -1;
      if (j < end && source.charCodeAt(j) === c) found = j;
      else {
        // Skip ahead only where the next characters agree too: a virtual space from tab expansion must not jump to
        // the space inside the following words. Near window first, then a wider one (both bounded: no quadratic scan).
        found = findAhead(value, i, source, j + 1, Math.min(end, j + ALIGN_WINDOW), 2, end);
        if (found < 0)
          found = findAhead(value, i, source, j + ALIGN_WINDOW, Math.min(end, j + ALIGN_FAR_WINDOW), 3, end);
      }
      if (found >= 0) {
        list[base + i] = found;
        j = found + 1;
      } else list[base + i] = Math.min(j, last); // synthetic (entity result, virtual space)
    }
    this.addPiece(value);
    this.length += value.length;
  }

  private addPiece(value: string): void {
    if (this.parts) this.parts.push(value);
    else if (this.single === null) this.single = value;
    else this.parts = [this.single, value];
  }

  text(): string {
    if (this.parts) {
      this.single = this.parts.join('');
      this.parts = null;
    }
    return this.single ?? '';
  }

  offsets(): readonly number[] {
    return this.offsetList;
  }
}

/** Maps offsets in the text given to remark back to SourceFile.text (identity unless the nesting guard rewrote lines). */
interface ParseInput {
  text: string;
  /** toSource[i] = offset in SourceFile.text of parse-text offset i (length text.length + 1); null = identity. */
  toSource: Int32Array | null;
}

/** Longest leading container prefix (indentation, `>`, list markers) a line may have before it is shortened. */
export const MAX_CONTAINER_PREFIX = 64;
const CONTAINER_PREFIX = /(?:[ \t]|>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))*/y;

/**
 * Prepare the text for remark, with a map back to the source when it had to change (toSource null otherwise):
 * a leading U+FEFF is removed (micromark would drop it and shift every offset), and pathological container
 * prefixes (thousands of nested quotes/lists) are shortened so remark stays linear.
 * The first part of the prefix and its last marker are kept, so the line stays a list item / quote at a
 * capped depth. Returns the text unchanged (toSource null) for every ordinary document.
 */
export function tameNesting(text: string): ParseInput {
  /** Ranges [from, to) of the text that are cut out before parsing. */
  const cuts: [number, number][] = [];
  let lineStart = 0;
  // micromark drops a leading U+FEFF (a second BOM: our decoder already removed the first) and then counts offsets
  // from after it, which shifted every position in the document by one. Cut it here so the map accounts for it.
  if (text.charCodeAt(0) === 0xfeff) {
    cuts.push([0, 1]);
    lineStart = 1;
  }
  // The next CR at or after the current line (-1: none left); most documents have none, so lines end at indexOf('\n').
  let nextCr = text.indexOf('\r');
  for (;;) {
    CONTAINER_PREFIX.lastIndex = lineStart;
    CONTAINER_PREFIX.test(text); // sets lastIndex to the prefix's end (the pattern also matches the empty prefix)
    const prefixEnd = Math.max(lineStart, CONTAINER_PREFIX.lastIndex);
    if (prefixEnd - lineStart > MAX_CONTAINER_PREFIX) {
      // Tail: the last marker and one whitespace character after it (empty when the prefix is only indentation).
      let m = prefixEnd;
      while (m > lineStart && (text[m - 1] === ' ' || text[m - 1] === '\t')) m--;
      let tailStart = m;
      if (m > lineStart && /[>\-*+.)]/.test(text[m - 1])) {
        tailStart = m - 1;
        while (tailStart > lineStart && /\d/.test(text[tailStart - 1]) && m - tailStart < 10) tailStart--;
      }
      const tailEnd = tailStart < m ? Math.min(prefixEnd, m + 1) : tailStart;
      const headEnd = lineStart + Math.max(0, MAX_CONTAINER_PREFIX - (tailEnd - tailStart));
      if (tailStart > headEnd) cuts.push([headEnd, tailStart]);
      if (prefixEnd > tailEnd) cuts.push([Math.max(headEnd, tailEnd), prefixEnd]);
    }
    // Next line (LF, CRLF or lone CR).
    if (nextCr >= 0 && nextCr < prefixEnd) nextCr = text.indexOf('\r', prefixEnd);
    const nextLf = text.indexOf('\n', prefixEnd);
    let i = nextLf < 0 ? text.length : nextLf;
    if (nextCr >= 0 && nextCr < i) i = nextCr;
    if (i >= text.length) break;
    i += text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
    lineStart = i;
  }
  if (!cuts.length) return { text, toSource: null };
  const removed = cuts.reduce((sum, [from, to]) => sum + (to - from), 0);
  const pieces: string[] = [];
  const toSource = new Int32Array(text.length - removed + 1);
  let out = 0;
  let at = 0;
  const copy = (from: number, to: number) => {
    pieces.push(text.slice(from, to));
    for (let k = from; k < to; k++) toSource[out++] = k;
  };
  for (const [from, to] of cuts) {
    copy(at, from);
    at = to;
  }
  copy(at, text.length);
  toSource[out] = text.length;
  return { text: pieces.join(''), toSource };
}

/**
 * Longest run of text without a blank line (a paragraph, a tight list, a quote) that is parsed in one piece. micromark
 * is super-linear inside one such run on some shapes (link titles and destinations that never close, undefined
 * references inside an open `[`, e-mail look-alikes, unclosed emphasis: each construct re-scans the rest of the run)
 * and merges adjacent text tokens with Array#splice; cutting a longer run into pieces of at most this many characters
 * bounds that work per piece, so the whole parse stays linear (docs/robustness.md, "Markdown parsing cost"). Ordinary
 * articles never have a run this long outside a code block, so their parse is untouched.
 */
export const MAX_RUN = 16 * 1024;

const FENCE = /^[ \t>]*(`{3,}|~{3,})/;

/** Can FENCE match `head`: is its first character after spaces, tabs and `>` a backtick or a tilde? (Cheap pre-test.) */
function mayOpenFence(head: string): boolean {
  let k = 0;
  let c = head.charCodeAt(0);
  while (c === 32 || c === 9 || c === 62) c = head.charCodeAt(++k);
  return c === 96 || c === 126;
}
const BLANK = /^[ \t]*$/;
const SETEXT = /^ {0,3}(?:=+|-+)[ \t]*$/;

/**
 * Cut runs longer than `maxRun` characters with no blank line into pieces, by inserting a blank line before parsing
 * (offsets of the inserted characters map to the insertion point, so positions stay exact). Preferred cut: between
 * two lines, the earlier one ending a sentence, the later one not indented (it would become code), not a table row
 * after a table row and not a setext underline; else after the last sentence end or space inside the line; else at
 * `maxRun` (never inside a surrogate pair). Fenced code is never cut. Returns `input` itself when nothing is cut.
 */
export function splitLongRuns(input: ParseInput, maxRun = MAX_RUN): ParseInput {
  const { text } = input;
  if (text.length <= maxRun) return input;
  const inserts: { at: number; value: string }[] = [];
  let runStart = 0; // where the current piece of the current run starts
  let fence: string | null = null;
  // Line starts where a blank line may go in the current run: after a sentence end (strong), or any (weak); -1 = none.
  let strongBoundary = -1;
  let weakBoundary = -1;
  let previousLine = '';
  for (let lineStart = 0; lineStart < text.length; ) {
    let lineEnd = lineStart;
    while (lineEnd < text.length && text.charCodeAt(lineEnd) !== 10 && text.charCodeAt(lineEnd) !== 13) lineEnd++;
    const next =
      lineEnd < text.length
        ? lineEnd + (text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10 ? 2 : 1)
        : lineEnd;
    // Only the start of a long line is looked at: a line is a fence or blank within its first few characters.
    const head = text.slice(lineStart, Math.min(lineEnd, lineStart + 200));
    const opens = mayOpenFence(head) ? FENCE.exec(head) : null;
    if (fence !== null) {
      if (opens && opens[1][0] === fence[0] && opens[1].length >= fence.length) fence = null;
      runStart = next;
    } else if (opens) {
      fence = opens[1];
      runStart = next;
    } else if (lineEnd - lineStart < 200 && BLANK.test(head)) {
      runStart = next;
    } else {
      if (
        lineStart > runStart &&
        !/^[ \t]/.test(head) &&
        !SETEXT.test(head) &&
        !(previousLine.includes('|') && head.includes('|'))
      ) {
        weakBoundary = lineStart;
        if (/[.!?:;]["'”’)\]]*[ \t]*$/.test(previousLine)) strongBoundary = lineStart;
      }
      // Cut while the piece is too long: at the last line boundary after a sentence end, else inside this line when
      // the line alone is too long, else at the last acceptable line boundary; a run with none (a table) stays whole.
      while (lineEnd - runStart > maxRun) {
        const from = Math.max(runStart, lineStart);
        const boundary =
          strongBoundary > runStart + maxRun / 4
            ? strongBoundary
            : lineEnd - from <= maxRun && weakBoundary > runStart
              ? weakBoundary
              : -1;
        if (boundary > 0) {
          inserts.push({ at: boundary, value: text.charCodeAt(boundary - 1) === 13 ? '\n\n' : '\n' });
          runStart = boundary;
          continue;
        }
        if (lineEnd - from <= maxRun) break;
        const windowStart = from + (maxRun >> 1);
        const window = text.slice(windowStart, from + maxRun);
        let cut = -1;
        // The last sentence end in the window, else the last space or tab, else a hard cut.
        let last: RegExpExecArray | null = null;
        for (const match of window.matchAll(/[.!?]["'”’)\]]*[ \t]/g)) last = match as RegExpExecArray;
        if (last) cut = windowStart + last.index + last[0].length;
        else {
          const space = Math.max(window.lastIndexOf(' '), window.lastIndexOf('\t'));
          if (space >= 0) cut = windowStart + space + 1;
        }
        if (cut <= from) {
          cut = from + maxRun;
          const code = text.charCodeAt(cut);
          if (code >= 0xdc00 && code <= 0xdfff) cut--;
        }
        inserts.push({ at: cut, value: '\n\n' });
        runStart = cut;
      }
    }
    previousLine = text.slice(Math.max(lineStart, lineEnd - 200), lineEnd);
    lineStart = next;
  }
  if (!inserts.length) return input;
  const added = inserts.reduce((sum, insert) => sum + insert.value.length, 0);
  const pieces: string[] = [];
  const toSource = new Int32Array(text.length + added + 1);
  const source = (offset: number) => (input.toSource ? input.toSource[offset] : offset);
  let out = 0;
  let at = 0;
  const copy = (from: number, to: number) => {
    pieces.push(text.slice(from, to));
    for (let k = from; k < to; k++) toSource[out++] = source(k);
  };
  for (const insert of inserts) {
    copy(at, insert.at);
    pieces.push(insert.value);
    for (let k = 0; k < insert.value.length; k++) toSource[out++] = source(insert.at);
    at = insert.at;
  }
  copy(at, text.length);
  toSource[out] = source(text.length);
  return { text: pieces.join(''), toSource };
}

/** True when `c` can join the preceding NFC segment (Hangul V/T jamo and anything else that composes backwards). */
function composesBackwards(segment: string, segmentNfc: string, cluster: string): boolean {
  const first = cluster.charCodeAt(0);
  if (first < 0x0300) return false;
  return (segment + cluster).normalize('NFC') !== segmentNfc + cluster.normalize('NFC');
}

/** Code units below U+0300 are NFC on their own and never compose with a neighbour: such text is NFC as it is. */
const MAY_NEED_NFC = /[^\u0000-\u02ff]/;

function nfcWithMap(text: string, offsets: Int32Array, endOffset: number): { text: string; sourceOffsets: Int32Array } {
  const normalised = MAY_NEED_NFC.test(text) ? text.normalize('NFC') : text;
  if (normalised === text) {
    const map = new Int32Array(text.length + 1);
    map.set(offsets.subarray(0, text.length));
    map[text.length] = endOffset;
    return { text, sourceOffsets: map };
  }
  // Normalise per segment (a base character, its combining marks, and anything that composes with it) so that
  // each output character maps into its segment.
  const out: string[] = [];
  const map: number[] = [];
  const clusters = text.match(/[\s\S]\p{M}*/gu) ?? [];
  let segment = '';
  let segmentNfc = '';
  let segmentStart = 0;
  const flush = () => {
    if (!segment) return;
    out.push(segmentNfc);
    for (let k = 0; k < segmentNfc.length; k++) map.push(offsets[segmentStart + Math.min(k, segment.length - 1)]);
    segmentStart += segment.length;
  };
  for (const cluster of clusters) {
    if (segment && composesBackwards(segment, segmentNfc, cluster)) {
      segment += cluster;
      segmentNfc = segment.normalize('NFC');
      continue;
    }
    flush();
    segment = cluster;
    segmentNfc = cluster.normalize('NFC');
  }
  flush();
  let result = out.join('');
  let mapArray = map;
  if (result !== normalised) {
    // Should not happen; stay correct (NFC text) with an approximate map.
    result = normalised;
    mapArray = Array.from({ length: normalised.length }, (_, k) => offsets[Math.min(k, text.length - 1)]);
  }
  const sourceOffsets = new Int32Array(mapArray.length + 1);
  sourceOffsets.set(mapArray);
  sourceOffsets[mapArray.length] = endOffset;
  return { text: result, sourceOffsets };
}

const WHITESPACE = /\s/;
/** Block edges shed whitespace and placeholders: a component before or after a sentence is not part of it. */
const trimmable = (c: string) => c === INLINE_PLACEHOLDER || WHITESPACE.test(c);

/** First index in [0, n) whose offset is >= target (offsets are non-decreasing within a prose block). */
function lowerBound(offsets: Int32Array, n: number, target: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The spans of the parse-time text, moved onto the finished block through their source offsets. */
function placeSpans(
  spans: InlineSpan[],
  parseOffsets: readonly number[],
  table: Int32Array | null,
  block: Block,
): InlineSpan[] {
  const placed: InlineSpan[] = [];
  const n = block.text.length;
  for (const span of spans) {
    if (span.end <= span.start || span.end > parseOffsets.length) continue;
    const start = lowerBound(block.sourceOffsets, n, throughTable(table, parseOffsets[span.start]));
    const end = lowerBound(block.sourceOffsets, n, throughTable(table, parseOffsets[span.end - 1]) + 1);
    if (start < end) placed.push({ ...span, start, end });
  }
  return placed;
}

interface BlockContext {
  source: SourceFile;
  toSource: Int32Array | null;
}

/** Source offsets of parse offsets [s, e) (through the parse → source table when there is one), within the text. */
function sourceOffsetsOf(
  parseOffsets: readonly number[],
  s: number,
  e: number,
  table: Int32Array | null,
  textLength: number,
): Int32Array {
  const offsets = new Int32Array(e - s);
  const last = table ? table.length - 1 : 0;
  for (let i = 0; i < offsets.length; i++) {
    let offset = parseOffsets[s + i];
    if (table) offset = table[Math.max(0, Math.min(offset, last))];
    offsets[i] = Math.max(0, Math.min(textLength, offset));
  }
  return offsets;
}

/**
 * Parse offsets [s, e) as the shared identity view when they are one ascending run inside the text (what
 * sourceOffsetsOf would copy out unchanged when there is no table), without a copy; null otherwise.
 */
function contiguousRun(parseOffsets: readonly number[], s: number, e: number, textLength: number): Int32Array | null {
  const first = parseOffsets[s];
  if (first < 0 || first + (e - s) > textLength + 1) return null;
  for (let i = s + 1; i < e; i++) if (parseOffsets[i] !== first + i - s) return null;
  return identityView(first, e - s);
}

/** Parse offset → source offset through the table (identity without one). */
function throughTable(table: Int32Array | null, offset: number): number {
  return table ? table[Math.max(0, Math.min(offset, table.length - 1))] : offset;
}

/**
 * The common block: no CR and text that is NFC as it is (every code unit below U+0300, or checked). Its offset map
 * (the trimmed parse offsets through the table, then `end`) is written once, straight into its final place: the shared
 * identity view when it is one ascending run (what compactOffsets would make of it), else a slot of the shared chunk.
 */
function directMap(parseOffsets: readonly number[], s: number, e: number, endParse: number, context: BlockContext) {
  const n = e - s;
  const table = context.toSource;
  const textLength = context.source.text.length;
  const slot = mapSlot(n + 1);
  const at = mapSlotStart(slot);
  for (let i = 0; i < n; i++) {
    const offset = throughTable(table, parseOffsets[s + i]);
    slot[at + i] = Math.max(0, Math.min(textLength, offset));
  }
  slot[at + n] = Math.min(textLength, Math.max(endParse, slot[at + n - 1] + 1));
  const first = slot[at];
  let contiguous = n + 1 >= COMPACT_MIN;
  for (let i = 1; contiguous && i <= n; i++) contiguous = slot[at + i] === first + i;
  return contiguous ? identityView(first, n + 1) : keepMap(slot, n + 1);
}

/** Any other block: line endings inside it become a single LF mapped to the CR (or LF) that starts them; NFC text. */
function convertedMap(
  raw: string,
  parseOffsets: readonly number[],
  s: number,
  e: number,
  endParse: number,
  context: BlockContext,
): { text: string; sourceOffsets: Int32Array } {
  const textLength = context.source.text.length;
  let offsets =
    (context.toSource === null && contiguousRun(parseOffsets, s, e, textLength)) ||
    sourceOffsetsOf(parseOffsets, s, e, context.toSource, textLength);
  let text = raw;
  if (raw.includes('\r')) {
    const chars: string[] = [];
    const kept: number[] = [];
    for (let i = 0; i < raw.length; i++) {
      if (raw[i] === '\r') {
        chars.push('\n');
        kept.push(offsets[i]);
        if (raw[i + 1] === '\n') i++;
      } else {
        chars.push(raw[i]);
        kept.push(offsets[i]);
      }
    }
    text = chars.join('');
    offsets = Int32Array.from(kept);
  }
  const end = Math.min(textLength, Math.max(endParse, offsets[offsets.length - 1] + 1));
  const result = nfcWithMap(text, offsets, end);
  return { text: result.text, sourceOffsets: compactOffsets(result.sourceOffsets) };
}

function makeBlock(
  kind: BlockKind,
  mapped: MappedText,
  context: BlockContext,
  inList: boolean,
  depth?: number,
): Block | null {
  const all = mapped.text();
  const parseOffsets = mapped.offsets();
  // Trim surrounding whitespace while keeping the map aligned.
  let s = 0;
  let e = all.length;
  while (s < e && trimmable(all[s])) s++;
  while (e > s && trimmable(all[e - 1])) e--;
  if (s === e) return null;
  const table = context.toSource;
  const endParse = e < all.length ? throughTable(table, parseOffsets[e]) : throughTable(table, parseOffsets[e - 1]) + 1;
  const raw = all.slice(s, e);
  const direct = !raw.includes('\r') && (!MAY_NEED_NFC.test(raw) || raw.normalize('NFC') === raw);
  const { text, sourceOffsets } = direct
    ? { text: raw, sourceOffsets: directMap(parseOffsets, s, e, endParse, context) }
    : convertedMap(raw, parseOffsets, s, e, endParse, context);
  const block: Block = { kind, inList, text, sourceOffsets, sentences: [] };
  if (depth !== undefined) block.depth = depth;
  // Tables interleave cell separators out of source order; their spans are not needed (not prose).
  if (mapped.spans.length && kind !== 'table') {
    const inline = placeSpans(mapped.spans, parseOffsets, table, block);
    if (inline.length) block.inline = inline;
  }
  block.sentences =
    kind === 'code' || kind === 'html' || kind === 'table' || kind === 'thematicBreak' ? [] : splitSentences(text);
  return block;
}

/** Inline nodes whose text stays in the sentence, marked as a span of this kind. */
const TEXT_SPANS: Record<string, InlineSpan['kind']> = {
  link: 'link',
  linkReference: 'link',
  emphasis: 'emphasis',
  strong: 'emphasis',
  delete: 'emphasis',
};
const LINE_BREAK_TAG = /^<br\s*\/?>$/i;
// Elements that have no words of their own: a void element or a self-closing tag (`<Badge text="new" />`).
const OBJECT_TAG = /^<(?:img|input|embed|video|audio|iframe|object|hr)\b|\/>$/i;

// Inline elements whose words are code (a name, like a code span); other elements' words read as prose.
const CODE_ELEMENT = /^(?:code|kbd|samp|var|tt)$/i;
const OPENING_TAG = /^<([A-Za-z][\w-]*)(?:\s[^>]*)?>$/;
const CLOSING_TAG = /^<\/([A-Za-z][\w-]*)\s*>$/;
/** How far down the open-element stack a closing tag looks for its opening tag (unbalanced HTML stays bounded). */
const MAX_OPEN_LOOKUP = 8;

/** Inline HTML: a span from an opening tag to its closing tag, a line break, or a placeholder for a wordless element. */
function inlineHtml(tag: string, at: number, out: MappedText, open: { name: string; span: number }[]): void {
  if (tag.startsWith('<!--')) return;
  if (LINE_BREAK_TAG.test(tag)) out.pushAt('\n', at);
  else if (OBJECT_TAG.test(tag)) pushPlaceholder(out, 'html', at);
  else if (OPENING_TAG.test(tag)) {
    const name = OPENING_TAG.exec(tag)![1].toLowerCase();
    open.push({
      name,
      span: out.openSpan(CODE_ELEMENT.test(name) ? 'code' : 'html', CODE_ELEMENT.test(name) ? 'noun' : 'text'),
    });
  } else if (CLOSING_TAG.test(tag)) {
    const name = CLOSING_TAG.exec(tag)![1].toLowerCase();
    for (let k = open.length - 1; k >= 0 && k >= open.length - MAX_OPEN_LOOKUP; k--) {
      if (open[k].name !== name) continue;
      out.closeSpan(open[k].span);
      open.length = k;
      break;
    }
  }
}

/** An inline component, element or image with no words of its own: one placeholder character, a noun. */
function pushPlaceholder(out: MappedText, kind: InlineSpan['kind'], at: number): void {
  const index = out.openSpan(kind, 'noun');
  out.pushAt(INLINE_PLACEHOLDER, at);
  out.closeSpan(index);
}

/**
 * The inline content of a paragraph or heading whose children are all plain text nodes, appended to `out` (what
 * collectInline's walk would do, without its stacks); false, with nothing appended, for any other node.
 */
function collectPlainText(root: MdNode, source: string, out: MappedText): boolean {
  if (root.type !== 'paragraph' && root.type !== 'heading') return false;
  const children = root.children;
  if (!children) return false;
  for (const child of children) if (child.type !== 'text' || child.value === undefined || !child.position) return false;
  for (const child of children) {
    const { start, end } = child.position!;
    if (start.offset !== undefined && end.offset !== undefined)
      out.pushAligned(child.value!, source, start.offset, end.offset);
  }
  return true;
}

/**
 * A GFM autolink literal right after a bracket ("see [https://example.org]") is found by mdast-util-gfm-autolink-literal's
 * find-and-replace, which gives the nodes it makes (the link, and the text split around it) no position; the walk
 * below places text by position, so the whole paragraph's words were lost. Each such node is placed where its text
 * stands in the source, at or just after the end of the node before it (a literal link where its one text child is).
 * Iterative, and each search looks at most PLACE_SLACK characters ahead: linear in the paragraph.
 */
function placeUnplaced(root: MdNode, source: string): void {
  const parents: MdNode[] = [root];
  while (parents.length) {
    const parent = parents.pop()!;
    const to = parent.position?.end.offset;
    let cursor = parent.position?.start.offset;
    if (cursor === undefined || to === undefined) continue;
    for (const child of parent.children ?? []) {
      if (!offsetsOf(child)) placeAt(child, source, cursor, to);
      const placed = offsetsOf(child);
      if (!placed) continue;
      cursor = placed[1];
      if (child.children?.length) parents.push(child);
    }
  }
}

const PLACE_SLACK = 8;

function offsetsOf(node: MdNode): [number, number] | null {
  const from = node.position?.start.offset;
  const to = node.position?.end.offset;
  return from === undefined || to === undefined ? null : [from, to];
}

function placeAt(node: MdNode, source: string, cursor: number, limit: number): void {
  const text = node.value ?? (node.children?.length === 1 ? node.children[0].value : undefined);
  if (text === undefined || text === '') return;
  let at = -1;
  for (let p = cursor; p <= Math.min(cursor + PLACE_SLACK, limit - text.length); p++)
    if (source.startsWith(text, p)) {
      at = p;
      break;
    }
  if (at < 0) return;
  const position = () => ({ start: { offset: at }, end: { offset: at + text.length } });
  node.position = position();
  if (node.value === undefined && node.children && !offsetsOf(node.children[0])) node.children[0].position = position();
}

/** Inline content of a node in reading order (iterative: inline nesting can be arbitrarily deep). */
function collectInline(root: MdNode, source: string, out: MappedText): void {
  if (collectPlainText(root, source, out)) return;
  placeUnplaced(root, source);
  const stack: (MdNode | { closeSpan: number })[] = [root];
  const openElements: { name: string; span: number }[] = [];
  while (stack.length) {
    const item = stack.pop()!;
    if ('closeSpan' in item) {
      out.closeSpan(item.closeSpan);
      continue;
    }
    const node = item;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    switch (node.type) {
      case 'text':
        if (node.value !== undefined && start !== undefined && end !== undefined)
          out.pushAligned(node.value, source, start, end);
        break;
      case 'inlineCode':
        if (node.value !== undefined && start !== undefined && end !== undefined) {
          const index = out.openSpan('code', 'noun');
          out.pushAligned(node.value, source, start, end);
          out.closeSpan(index);
        }
        break;
      case 'break':
        if (start !== undefined) out.pushAt('\n', start);
        break;
      case 'html':
        // Tags and comments are markup, not words: an element's words follow as text (a span from its opening to its
        // closing tag); a line break tag breaks the line; an element without words stands as a placeholder noun.
        if (start !== undefined) inlineHtml((node.value ?? '').trim(), start, out, openElements);
        break;
      case 'image':
      case 'imageReference':
        if (start !== undefined) pushPlaceholder(out, 'image', start);
        break;
      default: {
        const kind = node === root ? undefined : TEXT_SPANS[node.type];
        if (kind) stack.push({ closeSpan: out.openSpan(kind, 'text') });
        const children = node.children ?? [];
        for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
      }
    }
  }
}

// Lines that are Markdown-extension structure, not prose: VitePress/markdown-it and Docusaurus containers (`::: tip
// Title`, `:::note[Title]`, `::: code-group`, closing `:::`), Python-Markdown/MkDocs admonitions (`!!! note "Title"`,
// `??? tip`) and GitHub alerts (`> [!NOTE]`). remark reads them as paragraph text.
const CONTAINER_FENCE = /^([ \t]*:{3,}[ \t]*)([A-Za-z][\w-]*)?[ \t]*(.*?)[ \t]*$/;
const ADMONITION = /^([ \t]*(?:!!!|\?\?\?\+?)[ \t]+)([A-Za-z][\w-]*)(?:[ \t]+"([^"\n]*)")?[ \t]*$/;
const GITHUB_ALERT = /^[ \t]*\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\][ \t]*$/i;
// MDX: ES module lines and comment expressions between paragraphs.
const MDX_STRUCTURE = /^[ \t]*(?:(?:import|export)[ \t{*]|\{\/\*.*\*\/\}[ \t]*$)/;

/** A structure line: null when the line is prose; else the [from, to) of its title within `line` (empty when none). */
function structureLine(line: string, mdx: boolean): [number, number] | null {
  const fence = CONTAINER_FENCE.exec(line);
  if (fence) {
    let rest = fence[3].replace(/\{[^{}]*\}$/, '').trimEnd();
    const bracket = /^\[(.*)\]$/.exec(rest);
    if (bracket) rest = bracket[1];
    const from = line.indexOf(rest, fence[1].length + (fence[2]?.length ?? 0));
    return rest && from >= 0 ? [from, from + rest.length] : [0, 0];
  }
  const admonition = ADMONITION.exec(line);
  if (admonition) {
    const title = admonition[3];
    if (!title) return [0, 0];
    const from = line.indexOf(`"${title}"`, admonition[1].length) + 1;
    return [from, from + title.length];
  }
  if (GITHUB_ALERT.test(line) || (mdx && MDX_STRUCTURE.test(line))) return [0, 0];
  return null;
}

/** Can `text` hold a structure line (or an admonition)? Every pattern above needs one of these (MDX's only in MDX). */
const MAY_HAVE_STRUCTURE = /:::|!!!|\?\?\?|\[!/;
const MAY_HAVE_MDX_STRUCTURE = /:::|!!!|\?\?\?|\[!|import|export|\{\/\*/;

function mayHaveStructure(text: string, mdx: boolean): boolean {
  return (mdx ? MAY_HAVE_MDX_STRUCTURE : MAY_HAVE_STRUCTURE).test(text);
}

interface ProsePart {
  text: MappedText;
  /** The title of a container or admonition (a heading-like label, never the article's title). */
  label: boolean;
}

/** Split a paragraph's text at structure lines: prose parts and container titles, the fences themselves dropped. */
function splitStructure(mapped: MappedText, mdx: boolean): ProsePart[] {
  const text = mapped.text();
  if (!mayHaveStructure(text, mdx)) return [{ text: mapped, label: false }];
  // Code spans never nest or overlap and come in order: one pointer answers "is this line start inside code?".
  const code = mapped.spans.filter((s) => s.kind === 'code');
  let next = 0;
  const inCode = (index: number) => {
    while (next < code.length && code[next].end <= index) next++;
    return next < code.length && code[next].start <= index;
  };
  const parts: ProsePart[] = [];
  let segment = 0;
  for (let lineStart = 0; lineStart <= text.length; ) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    const title = inCode(lineStart + line.search(/\S|$/)) ? null : structureLine(line, mdx);
    if (title) {
      if (lineStart > segment) parts.push({ text: mapped.slice(segment, lineStart), label: false });
      if (title[1] > title[0])
        parts.push({ text: mapped.slice(lineStart + title[0], lineStart + title[1]), label: true });
      segment = lineEnd + 1;
    }
    lineStart = lineEnd + 1;
  }
  if (segment === 0) return [{ text: mapped, label: false }];
  if (segment < text.length) parts.push({ text: mapped.slice(segment, text.length), label: false });
  return parts;
}

// Heading attributes (`## Title {#anchor}`, `{.class}`: markdown-it-attrs, VitePress, Docusaurus, Pandoc) are markup.
const HEADING_ATTRIBUTES = /[ \t]+\{[ \t]*[#.][^{}\n]*\}[ \t]*$/;

function withoutHeadingAttributes(mapped: MappedText): MappedText {
  const m = HEADING_ATTRIBUTES.exec(mapped.text());
  if (!m || mapped.spans.some((s) => s.kind === 'code' && s.end > m.index)) return mapped;
  return mapped.slice(0, m.index);
}

interface WalkState {
  blocks: Block[];
  /** Container and admonition titles: heading-like, but never the article's title. */
  labels: Set<Block>;
  frontMatter: Record<string, unknown> | null;
  drafts: FindingDraft[];
}

function emptyWalkState(): WalkState {
  return { blocks: [], labels: new Set(), frontMatter: null, drafts: [] };
}

function frontMatterIssue(source: SourceFile, start: number, end: number, message: string): FindingDraft {
  const range = rangeOfOffsets(source, start, Math.max(start, end));
  return {
    ruleId: 'invalid-front-matter',
    severity: 'warning',
    path: source.path,
    ...range,
    message,
    suggestion: 'Fix the YAML between the --- lines; the rest of the article was still audited.',
  };
}

function readYamlFrontMatter(node: MdNode, context: BlockContext, state: WalkState, parseText: string): void {
  const toSource = (offset: number) => (context.toSource ? context.toSource[offset] : offset);
  const start = node.position?.start.offset ?? 0;
  const end = node.position?.end.offset ?? start;
  const value = node.value ?? '';
  // The value starts after the opening fence's line ending.
  const fenceEnd = parseText.slice(start, end).search(/\r\n|\r|\n/);
  const valueStart = fenceEnd < 0 ? start : start + fenceEnd + (parseText.startsWith('\r\n', start + fenceEnd) ? 2 : 1);
  const issue = (message: string, from = start, to = end) =>
    state.drafts.push(frontMatterIssue(context.source, toSource(from), toSource(to), message));
  let data: unknown;
  try {
    // The YAML parser does not treat a lone CR as a line break; LF has the same length, so error offsets stay valid.
    const doc = parseDocument(value.replace(/\r(?!\n)/g, '\n'), { prettyErrors: false, uniqueKeys: true });
    if (doc.errors.length) {
      const error = doc.errors[0];
      const [from, to] = error.pos ?? [0, value.length];
      const a = Math.min(end, valueStart + Math.max(0, from));
      const b = Math.min(end, Math.max(a, valueStart + Math.max(from, to)));
      issue(`Front matter is not valid YAML: ${error.message.split('\n')[0]}`, a, b);
      return;
    }
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    issue(`Front matter is not valid YAML: ${String((error as Error).message).split('\n')[0]}`);
    return;
  }
  if (data === null || data === undefined) return; // empty front matter
  if (typeof data === 'object' && !Array.isArray(data)) state.frontMatter = data as Record<string, unknown>;
  else issue('Front matter is not a YAML mapping (key: value lines); it was ignored.');
}

/** Admonition bodies inside admonition bodies are read as prose this many levels deep (then they stay code). */
const MAX_ADMONITION_DEPTH = 3;

/** An indented code block right after a `!!! note` line is the admonition's body (Python-Markdown/MkDocs): prose. */
function isAdmonitionBody(
  node: MdNode,
  parseText: string,
  start: number,
  afterAdmonition: boolean,
  depth: number,
): boolean {
  if (!afterAdmonition || node.type !== 'code' || depth >= MAX_ADMONITION_DEPTH) return false;
  return !/^[ \t]*(?:```|~~~)/.test(parseText.slice(start, start + 64));
}

/** Parse an admonition body (the indented block's dedented value) as Markdown, mapped back to the source. */
function walkAdmonitionBody(
  node: MdNode,
  context: BlockContext,
  state: WalkState,
  parseText: string,
  depth: number,
): void {
  const start = node.position?.start.offset ?? 0;
  const end = node.position?.end.offset ?? start;
  const value = node.value ?? '';
  const aligned = new MappedText();
  aligned.pushAligned(value, parseText, start, end);
  const toParse = aligned.offsets();
  const toSource = (offset: number) =>
    context.toSource ? context.toSource[Math.min(offset, context.toSource.length - 1)] : offset;
  const map = new Int32Array(value.length + 1);
  for (let i = 0; i < value.length; i++) map[i] = toSource(toParse[i]);
  map[value.length] = toSource(end);
  const tree = markdownParser.parse(value) as unknown as MdNode;
  walkMarkdown(tree, { source: context.source, toSource: map }, state, value, depth + 1);
}

/** Flags of a node on the walk's stack: inside a list item (or footnote), inside a blockquote. */
const IN_LIST = 1;
const IN_QUOTE = 2;

/**
 * A paragraph's blocks (container titles split off as labels). Returns whether its last line is an admonition line
 * (`!!! note`): an indented block right after it is the admonition's body.
 */
function paragraphBlocks(
  node: MdNode,
  kind: BlockKind,
  inList: boolean,
  mdx: boolean,
  context: BlockContext,
  state: WalkState,
  parseText: string,
): boolean {
  const mapped = new MappedText();
  collectInline(node, parseText, mapped);
  const text = mapped.text();
  if (!mayHaveStructure(text, mdx)) {
    // The common paragraph: one block, no split (the same as splitStructure's single part).
    const block = makeBlock(kind, mapped, context, inList);
    if (block) state.blocks.push(block);
    return false;
  }
  for (const part of splitStructure(mapped, mdx)) {
    const block = makeBlock(part.label ? 'heading' : kind, part.text, context, inList, part.label ? 6 : undefined);
    if (!block) continue;
    state.blocks.push(block);
    if (part.label) state.labels.add(block);
  }
  return ADMONITION.test(text.slice(text.lastIndexOf('\n') + 1));
}

/**
 * Walk `root` and everything under it, pre-order. `afterAdmonition`: the node before `root` (in the walk of the whole
 * tree) is an admonition line; returns the same for the node after the walk (the walk of a document's top-level nodes
 * one by one, threading it through, is the walk of its root).
 */
function walkMarkdown(
  root: MdNode,
  context: BlockContext,
  state: WalkState,
  parseText: string,
  depth = 0,
  afterAdmonitionLine = false,
): boolean {
  // Iterative pre-order walk: deeply nested input (thousands of levels) must not blow the stack. Nodes and their
  // flags sit on two parallel stacks (no object per node).
  const nodes: MdNode[] = [root];
  const flags: number[] = [0];
  const mdx = /\.mdx$/i.test(context.source.path);
  let afterAdmonition = afterAdmonitionLine;
  while (nodes.length) {
    const node = nodes.pop()!;
    const flag = flags.pop()!;
    const inList = (flag & IN_LIST) !== 0;
    const inQuote = (flag & IN_QUOTE) !== 0;
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? start;
    const admonitionBody = isAdmonitionBody(node, parseText, start, afterAdmonition, depth);
    afterAdmonition = false;
    if (admonitionBody) {
      walkAdmonitionBody(node, context, state, parseText, depth);
      continue;
    }
    switch (node.type) {
      case 'yaml':
        readYamlFrontMatter(node, context, state, parseText);
        break;
      case 'toml':
        break;
      case 'heading': {
        const mapped = new MappedText();
        collectInline(node, parseText, mapped);
        const block = makeBlock('heading', withoutHeadingAttributes(mapped), context, inList, node.depth);
        if (block) state.blocks.push(block);
        break;
      }
      case 'paragraph': {
        const kind: BlockKind = inQuote ? 'blockquote' : inList ? 'listItem' : 'paragraph';
        afterAdmonition = paragraphBlocks(node, kind, inList, mdx, context, state, parseText);
        break;
      }
      case 'code':
      case 'html': {
        const mapped = new MappedText();
        if (node.value !== undefined) mapped.pushAligned(node.value, parseText, start, end);
        const block = makeBlock(node.type === 'code' ? 'code' : 'html', mapped, context, inList);
        if (block) state.blocks.push(block);
        break;
      }
      case 'thematicBreak': {
        const mapped = new MappedText();
        mapped.pushRun(parseText.slice(start, end), start);
        const block = makeBlock('thematicBreak', mapped, context, inList);
        if (block) state.blocks.push(block);
        break;
      }
      case 'table': {
        const mapped = new MappedText();
        const separator = Math.max(start, end - 1);
        // A table of plain cells is read from its cells' offsets, without building its rows (markdown-table.ts).
        const plain = forEachPlainCell(node, (from, to) => {
          if (to > from) mapped.pushRun(parseText.slice(from, to), from);
          mapped.pushAt(' | ', separator);
        });
        for (const row of plain ? [] : (node.children ?? [])) {
          for (const cell of row.children ?? []) {
            collectInline(cell, parseText, mapped);
            mapped.pushAt(' | ', separator);
          }
        }
        const block = makeBlock('table', mapped, context, inList);
        if (block) state.blocks.push(block);
        break;
      }
      default: {
        let next = flag;
        if (node.type === 'listItem' || node.type === 'footnoteDefinition') next |= IN_LIST;
        else if (node.type === 'blockquote') next |= IN_QUOTE;
        const children = node.children ?? [];
        for (let i = children.length - 1; i >= 0; i--) {
          nodes.push(children[i]);
          flags.push(next);
        }
      }
    }
  }
  return afterAdmonition;
}

/**
 * A document that opens with a `---` line followed by `key: value` lines but never closes the fence is not front
 * matter to remark (it reads as a thematic break and paragraphs). Report it: the metadata was silently lost otherwise.
 */
function unclosedFrontMatter(source: SourceFile): FindingDraft | null {
  const text = source.text;
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const open = /^---[ \t]*(?:\r\n|\r|\n)/.exec(text.slice(bom, bom + 16));
  if (!open) return null;
  const after = bom + open[0].length;
  const next = /^[ \t]*([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]|\r|\n|$)/.exec(text.slice(after, after + 200));
  if (!next) return null;
  return {
    ...frontMatterIssue(
      source,
      bom,
      bom + 3,
      'Front matter is not closed: the opening --- line has no closing --- line, so it was read as article text.',
    ),
    suggestion: 'Add a closing --- line after the front matter (or remove the opening ---).',
  };
}

const LIST_MARKER = /^[ \t]*(?:\d{1,3}[.)]|[-*+•·–])[ \t]+/;

/** Plain text: blocks separated by blank lines; list-marker lines start list items; short unpunctuated lines are headings. */
function plainTextBlocks(source: SourceFile): Block[] {
  const text = source.text;
  const context: BlockContext = { source, toSource: null };
  const blocks: Block[] = [];
  const lines = source.lineStarts.map((start, i) => {
    const next = source.lineStarts[i + 1] ?? text.length;
    let end = next;
    while (end > start && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
    return { start, end };
  });
  let current: { start: number; end: number; list: boolean }[] = [];
  const flush = () => {
    if (!current.length) return;
    const mapped = new MappedText();
    const isList = current[0].list;
    current.forEach((line, i) => {
      if (i > 0) mapped.pushAt('\n', current[i - 1].end);
      mapped.pushRun(text.slice(line.start, line.end), line.start);
    });
    const single = current.length === 1;
    const content = single ? mapped.text().trim() : '';
    const headingLike =
      single && !isList && content.split(/\s+/, 15).length <= 14 && !/[.!?。！？,;]["'”’)]?$/.test(content);
    const kind: BlockKind = isList ? 'listItem' : headingLike ? 'heading' : 'paragraph';
    const block = makeBlock(kind, mapped, context, isList, kind === 'heading' ? 2 : undefined);
    if (block) blocks.push(block);
    current = [];
  };
  for (const line of lines) {
    const content = text.slice(line.start, line.end);
    if (content.trim() === '') {
      flush();
      continue;
    }
    const marker = LIST_MARKER.exec(content);
    if (marker) {
      flush();
      current.push({ start: line.start + marker[0].length, end: line.end, list: true });
      continue;
    }
    if (current.length && current[0].list) flush();
    current.push({ start: line.start, end: line.end, list: false });
  }
  flush();
  // The first line of a plain-text file is its title.
  if (blocks.length && blocks[0].kind !== 'listItem') {
    const first = blocks[0];
    const newline = first.text.indexOf('\n');
    if (newline < 0) {
      // A one-line first block is the title; it reads as a heading only when it looks like one.
      if (first.kind === 'heading') first.depth = 1;
    } else {
      const head = new MappedText();
      head.push(first.text.slice(0, newline), first.sourceOffsets.subarray(0, newline));
      const rest = new MappedText();
      rest.push(first.text.slice(newline + 1), first.sourceOffsets.subarray(newline + 1, first.text.length));
      const titleBlock = makeBlock('heading', head, context, false, 1);
      const restBlock = makeBlock('paragraph', rest, context, false);
      blocks.splice(0, 1, ...[titleBlock, restBlock].filter((b): b is Block => b !== null));
    }
  }
  return blocks;
}

// A word is a run of letters/digits (with marks, apostrophes, hyphens); each Han/Hiragana/Katakana character counts
// as one word (CJK has no spaces — the old pattern counted a whole CJK sentence as a single word). text-words.ts.
export { countWords };

const PROSE: ReadonlySet<BlockKind> = new Set(['heading', 'paragraph', 'listItem', 'blockquote', 'tableCell']);

/** Pure core of normalisation. */
export function normalise(source: SourceFile): Article {
  const format = isMarkdownPath(source.path) ? 'markdown' : 'text';
  const state = emptyWalkState();
  if (format === 'markdown') {
    // Block offsets are source offsets (end included): one allocation at the source's size, not a doubling series
    // that zeroes and fills ~2.7 times as much for a large file.
    reserveIdentity(source.text.length + 1);
    const input = splitLongRuns(tameNesting(source.text));
    const context: BlockContext = { source, toSource: input.toSource };
    // The root's children are walked one by one as the parser builds them: a large document's tree is never whole.
    let afterAdmonition = false;
    let frontMatter = false;
    markdownParser.parseEach(
      input.text,
      (child) => {
        const node = child as MdNode;
        if (node.type === 'yaml' || node.type === 'toml') frontMatter = true;
        afterAdmonition = walkMarkdown(node, context, state, input.text, 0, afterAdmonition);
      },
      () => {
        // The parse starts again with another parser: what the walk made of the first one's nodes goes.
        Object.assign(state, emptyWalkState());
        afterAdmonition = false;
        frontMatter = false;
      },
    );
    if (!frontMatter) {
      const unclosed = unclosedFrontMatter(source);
      if (unclosed) state.drafts.push(unclosed);
    }
  } else {
    state.blocks = plainTextBlocks(source);
  }
  const titleBlockIndex =
    format === 'text'
      ? state.blocks.length && state.blocks[0].kind !== 'listItem'
        ? 0
        : -1
      : state.blocks.findIndex((b) => b.kind === 'heading' && !state.labels.has(b));
  const fmTitle = state.frontMatter && typeof state.frontMatter.title === 'string' ? state.frontMatter.title : null;
  const title = fmTitle ?? (titleBlockIndex >= 0 ? state.blocks[titleBlockIndex].text : null);
  let words = 0;
  for (const block of state.blocks) if (PROSE.has(block.kind)) words += countWords(block.text);
  return {
    path: source.path,
    source,
    format,
    title,
    titleBlockIndex: titleBlockIndex >= 0 ? titleBlockIndex : null,
    blocks: state.blocks,
    words,
    frontMatter: state.frontMatter,
    drafts: state.drafts,
  };
}

/** Whitespace folding for analysis only (never for positions). */
export function foldWhitespace(text: string): string {
  return text.replace(/[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+/g, ' ').trim();
}
