// More of a table cell's inline content read without micromark (docs/robustness.md, "Markdown parsing cost"): what
// pipeline/markdown-cell.ts leaves to upstream and real tables' cells still hold — character references, simple inline
// HTML tags, `_`/`__` emphasis, `~`/`~~` strikethrough and images — each where upstream has only one reading, with
// upstream's exact nodes, positions included. Anything else still returns null, and the table goes to upstream.
// test/markdown-cell-extra.test.ts compares the trees on generated cells and near misses in many block contexts.
//
// What upstream does, and this file repeats:
// - `&name;` (1–31 ASCII letters and digits, a name HTML knows), `&#` 1–7 digits `;` and `&#x` 1–6 hex digits `;` are
//   character references: their decoded value (decode-named-character-reference and
//   micromark-util-decode-numeric-character-reference, what micromark and mdast-util-from-markdown use) joins the
//   surrounding text node; any other `&` is itself. A value holding `@` is left to upstream (remark-gfm's e-mail
//   transform reads text values, and the table reader's tables skip it).
// - `<tag>`, `<tag/>`, `<tag />` and `</tag>` (an ASCII letter, then letters, digits and `-`; spaces before the end)
//   are an `html` node holding the source; no attributes. Such a tag has no `:` and no `@`, so it is not an autolink.
// - A run of one or two `_` or `~` at the cell's start or after a space or ASCII punctuation (not `*`, `_`, `~`), not
//   followed by whitespace, opens; its content holds no `*`, `_` or `~` (code spans, escapes, character references,
//   links and tags allowed); a run of as many of the same character, not after whitespace, at the cell's end, before
//   a space or before such punctuation after an ASCII letter or digit, closes: CommonMark's flanking rules (and
//   micromark-extension-gfm-strikethrough's, alike) then leave one reading (`emphasis`, `strong`, `delete`). A run
//   with no run of its character after it in the cell is text (nothing can close it; every earlier run was matched or
//   text), and so is a `_` run between two ASCII letters or digits (it can neither open nor close) and a run of three
//   or more `~`; any other `_` or `~` (a `~` between letters can open and close) is left to upstream.
// - `![alt](destination)`: an image, its label read like a link's and its alt the label's text (mdast-util-to-string),
//   its destination as a link's (no whitespace, parenthesis, `<`, `\` or `&`).
import {
  characterReference,
  InlineReader,
  isAsciiAlphanumeric,
  isWhitespace,
  ASTERISK,
  isDestinationChar,
  Mode,
  type PhrasingNode,
  readCellInline,
  SPACE,
} from './markdown-cell.js';
import { isAsciiPunctuation } from './markdown-dense.js';

const AMPERSAND = 38;
const LESS_THAN = 60;
const UNDERSCORE = 95;
const TILDE = 126;
const EXCLAMATION = 33;

const HTML_TAG = /<(?:[A-Za-z][A-Za-z0-9-]* *\/?|\/[A-Za-z][A-Za-z0-9-]* *)>/y;

/** ASCII punctuation but the delimiters `*`, `_` and `~` (whose runs count as attention markers in flanking). */
function isPlainPunctuation(c: number): boolean {
  return isAsciiPunctuation(c) && c !== ASTERISK && c !== UNDERSCORE && c !== TILDE;
}

/** Can a run of `_` or `~` after `before` (and before a non-space) only open? After a space or punctuation. */
function opensAfter(before: number): boolean {
  return before === SPACE || isPlainPunctuation(before);
}

/**
 * Can a run of `_` or `~` between `before` (not whitespace) and `after` only close? Before a space, or before
 * punctuation after a letter or digit (after punctuation, it could open too).
 */
function closesBefore(before: number, after: number): boolean {
  return after === SPACE || (isPlainPunctuation(after) && isAsciiAlphanumeric(before));
}

/** The text of a label's nodes, as mdast-util-to-string gives an image's alt. */
function altText(nodes: PhrasingNode[]): string {
  let alt = '';
  for (const node of nodes) alt += node.value ?? '';
  return alt;
}

/** pipeline/markdown-cell.ts's reader, reading the constructs above too. Always builds (the values are checked). */
class ExtendedCellReader extends InlineReader {
  private readonly cellStart: number;

  constructor(text: string, line: number, lineStart: number, cellStart: number) {
    super(text, line, lineStart, true);
    this.cellStart = cellStart;
  }

  protected override readOther(at: number, plainFrom: number, to: number, out: PhrasingNode[], mode: Mode): number {
    const c = this.text.charCodeAt(at);
    if (c === AMPERSAND) return this.readReference(at, plainFrom, to);
    if (c === LESS_THAN) return this.readTag(at, plainFrom, to, out);
    if (c === UNDERSCORE || c === TILDE) return this.readDelimiterRun(c, at, plainFrom, to, out, mode);
    if (c === EXCLAMATION) return this.readImage(at, plainFrom, to, out);
    return -1;
  }

  /** A character reference (its value joins the text node) or a literal `&`. */
  private readReference(at: number, plainFrom: number, to: number): number {
    const reference = characterReference(this.text, at, to);
    if (reference === null) {
      this.addText(plainFrom, at + 1); // not a reference: `&` is text
      return at + 1;
    }
    if (reference.value.includes('@')) return -1; // see the header
    this.addText(plainFrom, at);
    this.addEscaped(at, reference.end, reference.value);
    return reference.end;
  }

  /** A simple HTML tag: an `html` node. */
  private readTag(at: number, plainFrom: number, to: number, out: PhrasingNode[]): number {
    HTML_TAG.lastIndex = at;
    const match = HTML_TAG.exec(this.text);
    if (!match) return -1;
    const end = at + match[0].length;
    if (end > to || !this.flushText(plainFrom, at, out)) return -1;
    out.push({ type: 'html', value: match[0], position: { start: this.point(at), end: this.point(end) } });
    return end;
  }

  /** A run of `_` or `~`: text between letters (`_`) or of three `~` or more, else emphasis or strikethrough. */
  private readDelimiterRun(
    c: number,
    at: number,
    plainFrom: number,
    to: number,
    out: PhrasingNode[],
    mode: Mode,
  ): number {
    const text = this.text;
    let runEnd = at;
    while (runEnd < to && text.charCodeAt(runEnd) === c) runEnd++;
    const size = runEnd - at;
    const intraword =
      c === UNDERSCORE &&
      at > this.cellStart &&
      runEnd < to &&
      isAsciiAlphanumeric(text.charCodeAt(at - 1)) &&
      isAsciiAlphanumeric(text.charCodeAt(runEnd));
    // Nothing can close it (earlier runs were matched or are text). (Each scan stops at the next run: linear.)
    let next = runEnd;
    while (next < to && text.charCodeAt(next) !== c) next++;
    const unmatched = next === to;
    if (intraword || unmatched || (c === TILDE && size > 2)) {
      this.addText(plainFrom, runEnd);
      return runEnd;
    }
    if (mode !== Mode.Top || size > 2 || runEnd >= to || isWhitespace(text, runEnd)) return -1;
    if (at > this.cellStart && !opensAfter(text.charCodeAt(at - 1))) return -1;
    if (!this.flushText(plainFrom, at, out)) return -1;
    const children: PhrasingNode[] = [];
    this.closer = c;
    const close = this.read(runEnd, to, children, Mode.Emphasis);
    this.closer = ASTERISK;
    if (close < 0 || text.charCodeAt(close) !== c || isWhitespace(text, close - 1)) return -1;
    let closeEnd = close;
    while (closeEnd < to && text.charCodeAt(closeEnd) === c) closeEnd++;
    if (closeEnd - close !== size) return -1;
    if (closeEnd < to && !closesBefore(text.charCodeAt(close - 1), text.charCodeAt(closeEnd))) return -1;
    const type = c === TILDE ? 'delete' : size === 2 ? 'strong' : 'emphasis';
    out.push({ type, children, position: { start: this.point(at), end: this.point(closeEnd) } });
    return closeEnd;
  }

  /** An image `![label](destination)`, or -1. */
  private readImage(at: number, plainFrom: number, to: number, out: PhrasingNode[]): number {
    const text = this.text;
    if (text.charCodeAt(at + 2) === 94 || !this.flushText(plainFrom, at, out)) return -1; // `![^`: left alone
    const children: PhrasingNode[] = [];
    const close = this.read(at + 2, to, children, Mode.Label);
    if (close < 0 || text.charCodeAt(close + 1) !== 40) return -1;
    let k = close + 2;
    while (k < to && isDestinationChar(text.charCodeAt(k))) k++;
    if (k === close + 2 || k >= to || text.charCodeAt(k) !== 41) return -1;
    // An image in an image's label (upstream's alt then holds its alt too) is left to upstream.
    if (children.some((node) => node.children || node.type === 'image')) return -1;
    const url = text.slice(close + 2, k);
    const position = { start: this.point(at), end: this.point(k + 1) };
    out.push({ type: 'image', title: null, url, alt: altText(children), position } as PhrasingNode);
    return k + 1;
  }
}

/**
 * The nodes of the cell content `text[from, to)` on line `line` (which starts at `lineStart`), as upstream parses
 * them, or null when the content holds anything neither this file nor pipeline/markdown-cell.ts reads.
 */
export function readCellExtended(
  text: string,
  from: number,
  to: number,
  line: number,
  lineStart: number,
): PhrasingNode[] | null {
  const out: PhrasingNode[] = [];
  const end = new ExtendedCellReader(text, line, lineStart, from).read(from, to, out, Mode.Top);
  return end < 0 ? null : out;
}

/** Can the cell content `text[from, to)` be read (by pipeline/markdown-cell.ts, or else here)? */
export function canReadCell(text: string, from: number, to: number, line: number, lineStart: number): boolean {
  return (
    readCellInline(text, from, to, line, lineStart, false) !== null ||
    readCellExtended(text, from, to, line, lineStart) !== null
  );
}

/** The nodes of a cell that canReadCell accepted (this reader reads all that pipeline/markdown-cell.ts reads). */
export function readCell(text: string, from: number, to: number, line: number, lineStart: number): PhrasingNode[] {
  return readCellExtended(text, from, to, line, lineStart)!;
}
