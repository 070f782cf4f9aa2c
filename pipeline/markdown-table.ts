// GFM tables without the per-cell parse: a table whose cells are plain text is read here, in one pass over its lines,
// and its mdast built directly (docs/robustness.md, "Markdown parsing cost").
//
// micromark-extension-gfm-table tokenizes every row character by character, then its resolver rewrites the events of
// every cell and hands each cell's content to a new text tokenizer (with subtokenize, the edit map and the mdast
// compiler around it): ~35 µs per cell, so a table of short cells is parsed at ~0.03 MB/s. Here a flow construct is
// registered on `|` ahead of the upstream table (constructs on a character are tried before the catch-all ones):
// where the upstream table would start, and every line of the table is one this file reads exactly as upstream does,
// it consumes the whole table as one token, and the mdast handler makes the table node, whose rows are built from the
// text when first read (the normaliser reads the cells' offsets instead: `forEachPlainCell`). Everything
// else (the block context, paragraph interruption, what follows the table) is still micromark's: the construct only
// starts at the places micromark's flow tokenizer tries constructs, so a table inside fenced code or HTML stays text.
//
// The fast path is taken only when all of these hold (anything else is left to the upstream table, unchanged):
// - the head row starts at column 1 of a line that is not a lazy continuation (so no container is open: block quotes
//   and list items would put their prefix or indentation before it);
// - the head and delimiter rows start with `|`; every line after them up to the next blank line (or the end) starts
//   with `|` or a letter, and none has a tab or NUL: such a line can start no other block, so upstream reads each
//   one as a body row;
// - the head and delimiter rows are valid and have the same number of cells;
// - every cell's content is plain: no character that could start or end an inline construct (see `isPlainCell`), so
//   the cell is exactly one text node (or none when empty) — or the table is big (below), or every cell is one the
//   cell readers read with upstream's exact nodes (pipeline/markdown-cell.ts, pipeline/markdown-cell-extra.ts).
// test/markdown-table.test.ts compares the trees with the upstream parser's, positions included.
//
// Big tables, a documented degradation (docs/robustness.md, "Tables"): a table of at least BIG_TABLE_MIN characters
// (head row's start to last row's end) is read here even when its cells hold markup. Cells split where upstream
// splits them (at every `|` not escaped by `\`), and each cell's content is one text node holding its source text:
// no code spans, links or emphasis there. Upstream's per-cell parse costs ~20 s for 1 MB of such cells; the largest
// real table measured (the repository's Markdown, its fixtures, the real documentation set) is ~5 KB.

import type { Processor } from 'unified';
import { canReadCell, readCell } from './markdown-cell-extra.js';

// Minimal structural views of micromark's and mdast-util-from-markdown's types (not direct dependencies).
type Code = number | null;
type State = (code: Code) => State | undefined;
interface Point {
  line: number;
  column: number;
  offset: number;
}
interface Token {
  type: string;
  start: Point;
  end: Point;
  _fastTable?: TableModel;
}
interface Effects {
  enter: (type: string) => Token;
  exit: (type: string) => Token;
  consume: (code: Code) => void;
}
interface TokenizeContext {
  events: [string, { type: string }, unknown][];
  now: () => Point;
  parser: { lazy: Record<number, boolean> };
}
interface MdastPoint {
  line: number;
  column: number;
  offset: number;
}
interface MdastNode {
  type: string;
  children?: MdastNode[];
  value?: string;
  align?: (string | null)[];
  position?: { start: MdastPoint; end: MdastPoint | undefined };
}
interface CompileContext {
  enter: (node: MdastNode, token: Token) => void;
  exit: (token: Token) => void;
}

const PIPE = 124;
const SPACE = 32;
const BACKSLASH = 92;

/** The size (characters) from which a table's cells are read as literal text even when they hold markup. */
export const BIG_TABLE_MIN = 65_536;

/**
 * A table read from the text. Offsets index the parsed text. `rows[3r…3r+2]` = start, end and line of row r (the
 * delimiter row is not one). Cells are found again when the tree is built (keeping them would cost more memory).
 */
export interface TableModel {
  end: number;
  align: (string | null)[];
  rows: number[];
  /** The cells hold markup that pipeline/markdown-cell.ts reads (code spans, escapes, links): upstream's nodes. */
  inline: boolean;
  /** The characters before each row on its line (a container's prefix: `> `, a list item's indentation). */
  indent: number;
}

/** Can this code unit be part of a plain cell (one text node, nothing for any inline construct to start on)? */
function isPlainChar(c: number): boolean {
  if (c < 0x20) return false;
  switch (c) {
    case 33: // ! (image)
    case 38: // & (character reference)
    case 42: // * (emphasis)
    case 58: // : (protocol autolink)
    case 60: // < (HTML, autolink)
    case 62: // >
    case 64: // @ (e-mail autolink)
    case 91: // [ (link, footnote call)
    case 92: // \ (escape, hard break)
    case 93: // ]
    case 95: // _ (emphasis)
    case 96: // ` (code)
    case 126: // ~ (strikethrough)
      return false;
    default:
      return true;
  }
}

/** Is `text[from, to)` plain cell content? A `www.` would start a bare URL, so it is not. */
function isPlainCell(text: string, from: number, to: number): boolean {
  let dot = false;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (!isPlainChar(c)) return false;
    if (c === 46) dot = true;
  }
  return !dot || !/www\./i.test(text.slice(from, to));
}

/** End of the line starting at `from` (the offset of its line ending, or the text's length). */
function lineEndOf(text: string, from: number): number {
  let k = from;
  while (k < text.length && text.charCodeAt(k) !== 10 && text.charCodeAt(k) !== 13) k++;
  return k;
}

/** Is this code unit `\n` or `\r`? */
function isLineEnd(c: number): boolean {
  return c === 10 || c === 13;
}

/** Start of the line after the line ending at `end` (`\r\n`, `\r` or `\n`). */
function nextLineStart(text: string, end: number): number {
  return end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
}

/** Does `text[from, to)` hold a tab or a NUL (which this reader leaves to upstream)? */
function hasAwkwardChar(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 9 || c === 0) return true;
  }
  return false;
}

const DELIMITER_ROW = /^\|(?: *:?-+:? *\|)* *(?::?-+:? *)?$/;

/** The alignment of each cell of a delimiter row, or null when it is not one (`row` starts with `|`). */
function delimiterAlign(row: string): (string | null)[] | null {
  if (!DELIMITER_ROW.test(row)) return null;
  const align: (string | null)[] = [];
  for (const [cell] of row.matchAll(/:?-+:?/g)) {
    const left = cell.charCodeAt(0) === 58;
    const right = cell.charCodeAt(cell.length - 1) === 58;
    align.push(left && right ? 'center' : left ? 'left' : right ? 'right' : null);
  }
  return align;
}

/** Set by splitRow when `check` is given and a cell is not plain. */
interface PlainCheck {
  markup: boolean;
}

/**
 * Split the row `text[start, end)` into cells as the upstream resolver does, appending [start, end, contentStart,
 * contentEnd] per cell to `cells`. Cells run from one unescaped `|` to the next (the first from the row's start; a
 * `\` escapes the `|` or `\` after it, as upstream's row tokenizer does); the last cell runs to the row's end; a part
 * after the last `|` is a cell only when it holds more than spaces; a row of one `|` is one empty cell. Returns the
 * number of cells; sets `check.markup` when a cell is not plain (or has an escape).
 */
function splitRow(text: string, start: number, end: number, cells: number[] | null, check?: PlainCheck): number {
  let count = 0;
  let cellStart = start;
  let contentStart = -1;
  let contentEnd = -1;
  for (let k = text.charCodeAt(start) === PIPE ? start + 1 : start; k <= end; k++) {
    const c = k < end ? text.charCodeAt(k) : PIPE;
    if (c === PIPE) {
      if (k === end && contentStart < 0) break; // spaces (or nothing) after the last `|`: no cell
      if (check && !check.markup && contentStart >= 0 && !isPlainCell(text, contentStart, contentEnd))
        check.markup = true;
      if (contentStart < 0) contentStart = contentEnd = k;
      cells?.push(cellStart, k, contentStart, contentEnd);
      count++;
      cellStart = k;
      contentStart = -1;
    } else if (c !== SPACE) {
      if (contentStart < 0) contentStart = k;
      if (c === BACKSLASH && k + 1 < end && (text.charCodeAt(k + 1) === PIPE || text.charCodeAt(k + 1) === BACKSLASH))
        k++;
      contentEnd = k + 1;
    }
  }
  if (count === 0) {
    cells?.push(start, end, end, end);
    return 1;
  }
  // The last cell ends where the row does (its closing `|` and trailing spaces included).
  if (cells) cells[cells.length - 3] = end;
  return count;
}

/**
 * Can the line at `from` only be a body row after a table row? `|` and letters start no other block (digits,
 * `-`, `+`, `*`, `>`, `#`, `<`, `~`, `=`, `_` and spaces could: lists, quotes, headings, …); nor do `[` when not `[^`
 * (a footnote definition) and a backtick when not two (a fence), which make the cell markup (a big table's only).
 */
function startsBodyRowOnly(text: string, from: number): boolean {
  const c = text.charCodeAt(from);
  if (c === 91) return text.charCodeAt(from + 1) !== 94;
  if (c === 96) return text.charCodeAt(from + 1) !== 96;
  return c === PIPE || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c >= 0x80;
}

/** Is `text[from, to)` only spaces? */
function isBlank(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (text.charCodeAt(k) !== SPACE) return false;
  return true;
}

/**
 * The prefix every line after the head row must have (`continuation`), from the head row's own (`text[lineStart,
 * start)`): none at column 1; the same spaces after an indentation; the same `>` markers in block quotes (`> `, `> > `,
 * no other spaces); as many spaces as a list item's marker and its spaces (`- `, `1. `) on the item's first line; for
 * a list item opening in a block quote (`> - `), the `> ` markers and then those spaces; for a block quote opening in a
 * list item (`- > `), those spaces and then the `> ` markers. Null for any other prefix (a list in a list, `>- `, a
 * tab, …): the table is left to upstream.
 */
export function continuationPrefix(text: string, lineStart: number, start: number): string | null {
  const prefix = text.slice(lineStart, start);
  if (prefix === '' || /^ {1,3}$/.test(prefix) || /^(?: {0,3}> ?)+$/.test(prefix)) return prefix;
  if (/^ {0,3}(?:[-+*]|\d{1,9}[.)]) {1,4}$/.test(prefix)) return ' '.repeat(prefix.length);
  // A list item opening in a block quote (`> - `), a block quote opening in a list item (`- > `).
  const quoteThenItem = /^((?:> )+)((?:[-+*]|\d{1,9}[.)]) {1,4})$/.exec(prefix);
  if (quoteThenItem) return quoteThenItem[1] + ' '.repeat(quoteThenItem[2].length);
  const itemThenQuote = /^((?:[-+*]|\d{1,9}[.)]) {1,4})((?:> )+)$/.exec(prefix);
  if (itemThenQuote) return ' '.repeat(itemThenQuote[1].length) + itemThenQuote[2];
  return null;
}

/**
 * The table whose head row starts at `start` (a `|` after the prefix of its line, see continuationPrefix), when every
 * line of it is one this file reads exactly as upstream does and its cells are plain, read by pipeline/markdown-cell.ts
 * or it is big (BIG_TABLE_MIN); null otherwise. Every later line must start with `continuation` (the container's
 * prefix); the table ends before the next line blank after it (or blank) or at the end.
 */
export function readTable(text: string, start: number, firstLine: number, continuation = ''): TableModel | null {
  const headEnd = lineEndOf(text, start);
  if (headEnd >= text.length) return null;
  const delimiterLine = nextLineStart(text, headEnd);
  if (!text.startsWith(continuation, delimiterLine)) return null;
  const delimiterStart = delimiterLine + continuation.length;
  const delimiterEnd = lineEndOf(text, delimiterStart);
  if (text.charCodeAt(delimiterStart) !== PIPE || hasAwkwardChar(text, start, delimiterEnd)) return null;
  const align = delimiterAlign(text.slice(delimiterStart, delimiterEnd));
  if (!align) return null;
  const rows: number[] = [];
  const check: PlainCheck = { markup: false };
  const head = splitRow(text, start, headEnd, null, check);
  // Upstream needs more than one `|` or word in the head row (a lone `|` is not a head).
  if (head !== align.length || /^\| *$/.test(text.slice(start, headEnd))) return null;
  rows.push(start, headEnd, firstLine);
  let end = delimiterEnd;
  let line = firstLine + 2;
  for (let lineStart = nextLineStart(text, delimiterEnd); lineStart < text.length; line++) {
    const rowEnd = lineEndOf(text, lineStart);
    if (isBlank(text, lineStart, rowEnd)) break; // a blank line ends the table (and closes a quote)
    if (!text.startsWith(continuation, lineStart)) return null; // lazy, or the container ends: left to upstream
    const from = lineStart + continuation.length;
    if (isBlank(text, from, rowEnd)) break; // a blank line in the container
    if (text.charCodeAt(from) === SPACE || !startsBodyRowOnly(text, from) || hasAwkwardChar(text, from, rowEnd))
      return null;
    splitRow(text, from, rowEnd, null, check);
    rows.push(from, rowEnd, line);
    end = rowEnd;
    lineStart = nextLineStart(text, rowEnd);
  }
  const inline = check.markup && end - start < BIG_TABLE_MIN;
  if (inline && !everyCellInline(text, rows)) return null;
  return { end, align, rows, inline, indent: continuation.length };
}

/** Can pipeline/markdown-cell.ts read the content of every cell of these rows (`rows` as in TableModel)? */
function everyCellInline(text: string, rows: number[]): boolean {
  const cells: number[] = [];
  for (let r = 0; r < rows.length; r += 3) {
    cells.length = 0;
    splitRow(text, rows[r], rows[r + 1], cells);
    for (let i = 0; i < cells.length; i += 4) {
      if (cells[i + 3] > cells[i + 2] && !canReadCell(text, cells[i + 2], cells[i + 3], rows[r + 2], rows[r]))
        return false;
    }
  }
  return true;
}

/** The last table read (a construct is tried twice where it interrupts a paragraph: once to check, once for real). */
let lastRead: { text: string; start: number; model: TableModel | null } | null = null;

function readTableCached(text: string, start: number, firstLine: number, continuation: string): TableModel | null {
  if (lastRead && lastRead.text === text && lastRead.start === start) return lastRead.model;
  const model = readTable(text, start, firstLine, continuation);
  lastRead = { text, start, model };
  return model;
}

/** Does an upstream table continue here (the last event before line endings and prefixes is a head or a row)? */
function afterTableRow(events: TokenizeContext['events']): boolean {
  let index = events.length - 1;
  while (index > -1 && (events[index][1].type === 'lineEnding' || events[index][1].type === 'linePrefix')) index--;
  const tail = index > -1 ? events[index][1].type : null;
  return tail === 'tableHead' || tail === 'tableRow';
}

/** The flow construct: the whole table as one `fastTable` token, or nok (and the upstream table is tried next). */
function fastTableConstruct(getText: () => string | null) {
  return {
    name: 'fastTable',
    tokenize(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
      const self = this;
      let end = 0;
      return function start(code: Code) {
        const text = getText();
        const point = self.now();
        if (text === null || code !== PIPE || self.parser.lazy[point.line]) return nok(code);
        if (afterTableRow(self.events)) return nok(code); // a body row of an upstream table, not a head
        if (text.charCodeAt(point.offset) !== PIPE) return nok(code);
        const lineStart = point.offset - (point.column - 1);
        if (lineStart < 0 || (lineStart > 0 && !isLineEnd(text.charCodeAt(lineStart - 1)))) return nok(code);
        const continuation = continuationPrefix(text, lineStart, point.offset);
        if (continuation === null) return nok(code);
        const model = readTableCached(text, point.offset, point.line, continuation);
        if (!model) return nok(code);
        end = model.end;
        effects.enter('fastTable')._fastTable = model;
        effects.enter('fastTableLine');
        return inside(code);
      };
      // One token per line and a lineEnding between lines, as every flow construct does: micromark's subtokenize
      // finds the document's line chunks again by the void tokens that span a line break.
      // (micromark's codes for line endings are -5…-3.)
      function inside(code: Code): State | undefined {
        if (self.now().offset >= end) {
          effects.exit('fastTableLine');
          effects.exit('fastTable');
          return ok(code);
        }
        if (code !== null && code < -2) {
          effects.exit('fastTableLine');
          effects.enter('lineEnding');
          effects.consume(code);
          effects.exit('lineEnding');
          effects.enter('fastTableLine');
          return inside;
        }
        effects.consume(code);
        return inside;
      }
    },
  };
}

/** The micromark extension of the construct (remarkFastTables registers it; exported for the work counts in tests). */
export function fastTableExtension(getText: () => string | null) {
  return { flow: { [PIPE]: [fastTableConstruct(getText)] } };
}

/** The rows of a table read from `text` (what mdast-util-gfm-table builds from the upstream events). */
export function buildRows(model: TableModel, text: string): MdastNode[] {
  const rows: MdastNode[] = new Array(model.rows.length / 3);
  const cells: number[] = [];
  for (let r = 0; r < model.rows.length; r += 3) {
    const rowStart = model.rows[r];
    cells.length = 0;
    splitRow(text, rowStart, model.rows[r + 1], cells);
    rows[r / 3] = buildRow(text, cells, model.rows[r + 2], rowStart - model.indent, model.inline);
  }
  return rows;
}

/** Set while the parser's transforms run: an unread table then shows no rows (see remarkFastTables). */
let transforming = false;

/** The model and text of a table node whose rows have not been built yet. */
const unread = new WeakMap<object, { model: TableModel; text: string }>();

/**
 * The table node. Its rows are built when `children` is first read (and kept from then on): a table of short cells
 * is mostly nodes and points (~330 bytes a cell), and the normaliser can read the cells without them
 * (`forEachPlainCell`), so a table of millions of cells never has its rows in memory at all.
 */
export function lazyTable(model: TableModel, text: string): MdastNode {
  const table: MdastNode = { type: 'table', align: model.align, children: undefined, position: undefined };
  unread.set(table, { model, text });
  const keep = (rows: MdastNode[]) => {
    unread.delete(table);
    Object.defineProperty(table, 'children', { value: rows, writable: true, enumerable: true, configurable: true });
  };
  Object.defineProperty(table, 'children', {
    enumerable: true,
    configurable: true,
    get() {
      if (transforming) return [];
      const rows = buildRows(model, text);
      keep(rows);
      return rows;
    },
    set: keep,
  });
  return table;
}

/**
 * Call `cell(contentStart, contentEnd)` for every cell of a table node whose rows have not been built (offsets in the
 * parsed text; start = end for an empty cell), in reading order, and return true; return false (calling nothing)
 * when the node is any other table.
 */
export function forEachPlainCell(table: object, cell: (contentStart: number, contentEnd: number) => void): boolean {
  const found = unread.get(table);
  if (!found || found.model.inline) return false;
  const { model, text } = found;
  const cells: number[] = [];
  for (let r = 0; r < model.rows.length; r += 3) {
    cells.length = 0;
    splitRow(text, model.rows[r], model.rows[r + 1], cells);
    for (let i = 0; i < cells.length; i += 4) cell(cells[i + 2], cells[i + 3]);
  }
  return true;
}

/**
 * One row's node from its cells ([start, end, contentStart, contentEnd] each). A cell's end point is the next cell's
 * start point, one object for both, and a text's end point is its cell's when they are at the same place (nothing
 * changes points in place but the skeleton's restore, which moves each point object once): a table of short cells
 * is mostly points, and the whole tree stays in memory while the article is normalised, so every object counts.
 */
function buildRow(text: string, cells: number[], line: number, lineStart: number, inline: boolean): MdastNode {
  const children: MdastNode[] = new Array(cells.length / 4);
  const column = 1 - lineStart;
  let start: MdastPoint = { line, column: cells[0] + column, offset: cells[0] };
  for (let i = 0; i < cells.length; i += 4) {
    const endOffset = cells[i + 1];
    const end: MdastPoint = { line, column: endOffset + column, offset: endOffset };
    const contentStart = cells[i + 2];
    const contentEnd = cells[i + 3];
    // Array literals of the final length: an empty array grown by a push reserves room for 17 elements.
    let content: MdastNode[];
    if (inline && contentEnd > contentStart) {
      content = readCell(text, contentStart, contentEnd, line, lineStart) as MdastNode[];
    } else if (contentEnd > contentStart) {
      const contentEndPoint =
        contentEnd === endOffset ? end : { line, column: contentEnd + column, offset: contentEnd };
      content = [
        {
          type: 'text',
          value: text.slice(contentStart, contentEnd),
          position: { start: { line, column: contentStart + column, offset: contentStart }, end: contentEndPoint },
        },
      ];
    } else content = [];
    children[i / 4] = { type: 'tableCell', children: content, position: { start, end } };
    start = end;
  }
  const first = children[0].position!.start;
  const last = children[children.length - 1].position!.end;
  return { type: 'tableRow', children, position: { start: first, end: last } };
}

/**
 * unified plugin: the fast table construct and its mdast handler. `getText` returns the text being parsed (the
 * pipeline's parser knows it; without it every table goes to upstream).
 *
 * remark-gfm's bare-URL transform then visits every node of the tree (unist-util-visit-parents names a function per
 * node: ~1 µs each, more than the rest of a table of short cells). A plain cell holds no `:`, `@` or `www.`, so the
 * transform can change nothing in a table read here (and a big table's cells are literal text, links or not):
 * between the first transform and the last one, an unread table shows no rows (and its rows are not built).
 */
export function remarkFastTables(this: Processor, getText: () => string | null): void {
  const data = this.data() as Record<string, unknown[] | undefined>;
  const micromark = data.micromarkExtensions ?? (data.micromarkExtensions = []);
  const fromMarkdown = data.fromMarkdownExtensions ?? (data.fromMarkdownExtensions = []);
  micromark.push(fastTableExtension(getText));
  fromMarkdown.unshift({
    transforms: [
      () => {
        transforming = true;
      },
    ],
  });
  fromMarkdown.push({
    enter: {
      fastTable(this: CompileContext, token: Token) {
        const text = getText();
        if (!token._fastTable || text === null) throw new Error('markdown table: no table read for this token');
        transforming = false; // (in case a parse failed during its transforms)
        lastRead = null; // tokenizing is over: the text need not be kept
        this.enter(lazyTable(token._fastTable, text), token);
      },
    },
    exit: {
      fastTable(this: CompileContext, token: Token) {
        this.exit(token);
      },
    },
    transforms: [
      () => {
        transforming = false;
      },
    ],
  });
}
