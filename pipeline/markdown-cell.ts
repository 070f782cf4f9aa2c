// The inline content of a table cell read without micromark, for the markup real tables' cells mostly hold: code spans,
// backslash escapes, inline links `[text](destination)` and unambiguous `*`/`**` emphasis. The nodes are exactly the
// ones upstream's per-cell parse (micromark's text tokenizer, mdast-util-from-markdown and mdast-util-gfm-table)
// gives, positions included; a cell holding anything else (`_` or `~` emphasis, images, references, HTML, entities,
// autolinks, …) is not read here: pipeline/markdown-cell-extra.ts (a subclass, through `readOther`) reads some of it,
// and a table with anything left goes to upstream (docs/robustness.md, "Tables").
// test/markdown-cell.test.ts compares the trees on generated cells.
//
// What upstream does, and this file repeats:
// - A run of n backticks opens a code span when a run of exactly n backticks follows later in the cell (backslashes
//   do not escape inside code); otherwise the run is literal text. The code's value is its content, one space
//   stripped from each side when both sides are spaces and it holds something else; then, in a table, `\|` is `|`.
// - `\` before ASCII punctuation is that character (a character escape, part of the surrounding text node); any other
//   `\` is itself.
// - `[` opens a label that a `]` outside code spans and escapes closes; a `(`, a destination of no space, control
//   character, parenthesis, `<`, `\` or `&`, and a `)` right after it make an inline link (url = the destination as
//   written, title null, children the label's content read the same way, with no link inside).
// - Text runs between those are one text node each (escapes merged in). A text value must not hold `@`, `http://`,
//   `https://` or `www.` (any case): a bare URL or e-mail address could start there (micromark's autolink literals
//   and remark-gfm's transform, which the reader's tables skip) — such a cell is not read here.

interface Point {
  line: number;
  column: number;
  offset: number;
}
import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import { decodeNumericCharacterReference } from 'micromark-util-decode-numeric-character-reference';
import { isAsciiPunctuation } from './markdown-dense.js';

export interface PhrasingNode {
  type: string;
  value?: string;
  title?: null;
  url?: string;
  children?: PhrasingNode[];
  position: { start: Point; end: Point };
}

const BACKTICK = 96;
const BACKSLASH = 92;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const OPEN_PAREN = 40;
const CLOSE_PAREN = 41;
export const SPACE = 32;
export const ASTERISK = 42;

/** What `InlineReader.read` is reading: a cell, a paragraph's line, a link's label, or the content of emphasis. */
export enum Mode {
  Top,
  Line,
  Label,
  Emphasis,
}

/** Is the character at `at` Unicode whitespace (micromark's `unicodeWhitespace`, which classifies flanking)? */
export function isWhitespace(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  if (c < 0x80) return c === 32 || (c >= 9 && c <= 13);
  return /\s/.test(text[at]);
}

/** Can this code unit be a text character of a cell read here (nothing an inline construct could start on)? */
function isTextChar(c: number): boolean {
  if (c < 0x20) return false;
  switch (c) {
    case 38: // & (character reference)
    case 42: // * (emphasis, read apart)
    case 60: // < (HTML, autolink)
    case 64: // @ (e-mail autolink)
    case 93: // ] (outside a label)
    case 95: // _ (emphasis)
    case 126: // ~ (strikethrough)
      return false;
    default:
      return true;
  }
}

/** Can this code unit be part of an inline link's destination as read here (used as written, no escapes)? */
export function isDestinationChar(c: number): boolean {
  return c > SPACE && c !== 0x7f && c !== OPEN_PAREN && c !== CLOSE_PAREN && c !== 60 && c !== BACKSLASH && c !== 38;
}

/** Is the `[` at `at` followed by `]` and then by neither `(` nor `[` (which could make a link of them)? */
function emptyBrackets(text: string, at: number, to: number): boolean {
  if (at + 1 >= to || text.charCodeAt(at + 1) !== CLOSE_BRACKET) return false;
  const after = at + 2 < to ? text.charCodeAt(at + 2) : -1;
  return after !== OPEN_PAREN && after !== OPEN_BRACKET;
}

/** End of the run of backticks starting at `from` (before `to`). */
function backtickRunEnd(text: string, from: number, to: number): number {
  let k = from;
  while (k < to && text.charCodeAt(k) === BACKTICK) k++;
  return k;
}

/** Start of the first run of exactly `size` backticks in `text[from, to)`, or -1. */
function closingRun(text: string, from: number, to: number, size: number): number {
  let k = from;
  while (k < to) {
    if (text.charCodeAt(k) !== BACKTICK) {
      k++;
      continue;
    }
    const end = backtickRunEnd(text, k, to);
    if (end - k === size) return k;
    k = end;
  }
  return -1;
}

/** A code span's value from its content `text[from, to)` (in a table cell, `\|` is `|`). */
function codeValue(text: string, from: number, to: number, cell: boolean): string {
  let value = text.slice(from, to);
  if (value.length > 1 && value.charCodeAt(0) === SPACE && value.charCodeAt(value.length - 1) === SPACE) {
    if (/[^ ]/.test(value)) value = value.slice(1, -1);
  }
  if (!cell) return value;
  return value.includes('\\|') ? value.replace(/\\([\\|])/g, (all, c) => (c === '|' ? c : all)) : value;
}

/** Is this code unit an ASCII letter or digit? */
export const isAsciiAlphanumeric = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isAsciiDigit = (c: number) => c >= 48 && c <= 57;
const isAsciiHexDigit = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

/**
 * The character reference at `at` (a `&`), as micromark's tokenizer reads one: `&name;` (1–31 alphanumerics, a
 * name decode-named-character-reference knows), `&#digits;` (1–7) or `&#xhex;` (1–6); its end and decoded value
 * (mdast-util-from-markdown's decoding), or null when the `&` is literal.
 */
export function characterReference(text: string, at: number, to: number): { end: number; value: string } | null {
  let k = at + 1;
  let max = 31;
  let test = isAsciiAlphanumeric;
  let base = 0;
  if (text.charCodeAt(k) === 35) {
    k++;
    const x = text.charCodeAt(k);
    const hex = x === 88 || x === 120;
    if (hex) k++;
    max = hex ? 6 : 7;
    test = hex ? isAsciiHexDigit : isAsciiDigit;
    base = hex ? 16 : 10;
  }
  const start = k;
  while (k < to && k - start < max && test(text.charCodeAt(k))) k++;
  if (k === start || k >= to || text.charCodeAt(k) !== 59) return null;
  const name = text.slice(start, k);
  const value = base ? decodeNumericCharacterReference(name, base) : decodeNamedCharacterReference(name);
  return value === false ? null : { end: k + 1, value };
}

/**
 * The reader's state for one cell or paragraph: where it is, the nodes so far and the text node being built. A
 * paragraph (`paragraph: true`) is read line by line (`setLine`, `readLine`), its text nodes running on over line
 * endings; there character references are read too, code span values keep `\|`, and a text value must not hold `@`.
 */
export class InlineReader {
  protected readonly text: string;
  private column = 0;
  private line = 0;
  private readonly build: boolean;
  private readonly paragraph: boolean;
  private readonly literalRuns: boolean;
  /** The character that ends emphasis content (pipeline/markdown-cell-extra.ts reads `_` and `~` with it). */
  protected closer = ASTERISK;
  private textStart = -1;
  private textPoint: Point | null = null;
  private textEnd: Point | null = null;
  private lastPoint: Point | null = null;
  private textValue = '';

  /** `literalRuns: false` = a backtick run with no closing run in its line is not read here (it could close later). */
  constructor(text: string, line: number, lineStart: number, build: boolean, paragraph = false, literalRuns = true) {
    this.text = text;
    this.setLine(line, lineStart);
    this.build = build;
    this.paragraph = paragraph;
    this.literalRuns = literalRuns;
  }

  /** The line (1-based) that the next offsets read are on, and the offset where it starts. */
  setLine(line: number, lineStart: number): void {
    this.line = line;
    this.column = 1 - lineStart;
  }

  /**
   * Read one line of a paragraph, `text[from, to)`, into `out`; the text node at its end stays open (a soft line
   * break continues it). False = not a line read here.
   */
  readLine(from: number, to: number, out: PhrasingNode[]): boolean {
    return this.read(from, to, out, Mode.Line) >= 0;
  }

  /** A soft line break: the line ending `text[from, to)` joins the open text node (or starts one). */
  softBreak(from: number, to: number): void {
    this.addText(from, to);
    if (this.build) this.textEnd = { line: this.line + 1, column: 1, offset: to };
  }

  /** End the open text node at `to`; false when its value is one the bare-URL transform could read. */
  endText(to: number, out: PhrasingNode[]): boolean {
    return this.flushText(to, to, out);
  }

  /**
   * The point at `offset` on the line being read. Adjacent nodes share the point between them (one object where
   * micromark makes two, the same JSON): a dense paragraph has a node every few characters, and its points were most
   * of the objects the garbage collector had to mark. Nothing changes a point after the parse. (Cells keep their own:
   * the shortened parse moves the points of a table read from its text.)
   */
  point(offset: number): Point {
    if (!this.paragraph) return { line: this.line, column: offset + this.column, offset };
    const last = this.lastPoint;
    if (last !== null && last.offset === offset && last.line === this.line) return last;
    this.lastPoint = { line: this.line, column: offset + this.column, offset };
    return this.lastPoint;
  }

  /**
   * Read `text[from, to)` into `out` (when building). At the top, read to `to` and return it; inside a label, stop at
   * the first `]` outside code spans and escapes and return its offset; inside emphasis, likewise at the first `*`.
   * -1 = not a cell read here.
   */
  read(from: number, to: number, out: PhrasingNode[], mode: Mode): number {
    const text = this.text;
    let k = from;
    let plainFrom = from; // start of the characters not yet added to the text node
    while (k < to) {
      const c = text.charCodeAt(k);
      if (c === BACKTICK) {
        const runEnd = backtickRunEnd(text, k, to);
        const close = closingRun(text, runEnd, to, runEnd - k);
        if (close < 0) {
          if (!this.literalRuns) return -1;
          k = runEnd; // a literal run: text
          continue;
        }
        if (!this.flushText(plainFrom, k, out)) return -1;
        if (this.build) {
          const value = codeValue(text, runEnd, close, !this.paragraph);
          const position = { start: this.point(k), end: this.point(close + runEnd - k) };
          out.push({ type: 'inlineCode', value, position });
        }
        k = plainFrom = close + runEnd - k;
      } else if (c === BACKSLASH) {
        const next = k + 1 < to ? text.charCodeAt(k + 1) : -1;
        if (!isAsciiPunctuation(next)) {
          k++; // a literal backslash
          continue;
        }
        if (next === 64) return -1; // an escaped `@` in a text value: see the header
        this.addText(plainFrom, k);
        this.addEscaped(k, k + 2, String.fromCharCode(next));
        k = plainFrom = k + 2;
      } else if (c === OPEN_BRACKET && mode !== Mode.Label && emptyBrackets(text, k, to)) {
        k += 2; // `[]` before anything but `(` or `[`: text (no definition has an empty label)
      } else if (c === 38 && this.paragraph) {
        const reference = characterReference(text, k, to);
        if (!reference) {
          k++; // a literal `&`
          continue;
        }
        this.addText(plainFrom, k);
        this.addEscaped(k, reference.end, reference.value);
        k = plainFrom = reference.end;
      } else if (c === OPEN_BRACKET || (c === ASTERISK && (mode === Mode.Top || mode === Mode.Line))) {
        if (mode === Mode.Label || !this.flushText(plainFrom, k, out)) return -1; // (no link in a link)
        const end = c === ASTERISK ? this.readEmphasis(k, from, to, out) : this.readLink(k, to, out);
        if (end < 0) return -1;
        k = plainFrom = end;
      } else if ((c === CLOSE_BRACKET && mode === Mode.Label) || (c === this.closer && mode === Mode.Emphasis)) {
        return this.flushText(plainFrom, k, out) ? k : -1;
      } else if (isTextChar(c) && (c !== 33 || text.charCodeAt(k + 1) !== OPEN_BRACKET)) k++;
      else {
        const end = this.readOther(k, plainFrom, to, out, mode); // (`![`: an image)
        if (end < 0) return -1;
        k = plainFrom = end;
      }
    }
    if (mode === Mode.Line) {
      this.addText(plainFrom, to);
      return to;
    }
    if (mode !== Mode.Top) return -1; // a `[` or `*` that never closes
    return this.flushText(plainFrom, to, out) ? to : -1;
  }

  /**
   * The emphasis or strong emphasis opening at `open` (top level of the cell `text[cellStart, to)`); returns its end,
   * or -1 when it is not one as read here: a run of one or two `*` at the cell's start or after a space, not followed
   * by whitespace, content without `*` (links and code spans allowed), and a run of as many `*` not after whitespace,
   * at the cell's end or before a space. Then the opening run can only open and the closing one only close
   * (CommonMark's flanking rules), and they match each other.
   */
  private readEmphasis(open: number, cellStart: number, to: number, out: PhrasingNode[]): number {
    const text = this.text;
    let runEnd = open;
    while (runEnd < to && text.charCodeAt(runEnd) === ASTERISK) runEnd++;
    const size = runEnd - open;
    if (size > 2 || runEnd >= to || isWhitespace(text, runEnd)) return -1;
    if (open > cellStart && text.charCodeAt(open - 1) !== SPACE) return -1;
    const children: PhrasingNode[] = [];
    const close = this.read(runEnd, to, children, Mode.Emphasis);
    if (close < 0 || isWhitespace(text, close - 1)) return -1;
    let closeEnd = close;
    while (closeEnd < to && text.charCodeAt(closeEnd) === ASTERISK) closeEnd++;
    if (closeEnd - close !== size || (closeEnd < to && text.charCodeAt(closeEnd) !== SPACE)) return -1;
    if (this.build) {
      const position = { start: this.point(open), end: this.point(closeEnd) };
      out.push({ type: size === 2 ? 'strong' : 'emphasis', children, position });
    }
    return closeEnd;
  }

  /** The link whose label opens at `open`; returns its end, or -1 when it is not an inline link as read here. */
  private readLink(open: number, to: number, out: PhrasingNode[]): number {
    const text = this.text;
    if (text.charCodeAt(open + 1) === 94) return -1; // `[^`: a footnote call where a definition exists
    const children: PhrasingNode[] = [];
    const close = this.read(open + 1, to, children, Mode.Label);
    if (close < 0 || text.charCodeAt(close + 1) !== OPEN_PAREN) return -1;
    let k = close + 2;
    while (k < to && isDestinationChar(text.charCodeAt(k))) k++;
    if (k === close + 2 || k >= to || text.charCodeAt(k) !== CLOSE_PAREN) return -1;
    if (this.build) {
      const url = text.slice(close + 2, k);
      const position = { start: this.point(open), end: this.point(k + 1) };
      out.push({ type: 'link', title: null, url, children, position });
    }
    return k + 1;
  }

  /**
   * What starts at `at` that this reader does not read (plainFrom = the start of the text not yet added): its end,
   * with its node added; -1 = the cell is not read here (pipeline/markdown-cell-extra.ts reads more).
   */
  protected readOther(_at: number, _plainFrom: number, _to: number, _out: PhrasingNode[], _mode: Mode): number {
    return -1;
  }

  /** Add `text[from, to)` as written to the text node being built. */
  protected addText(from: number, to: number): void {
    if (to <= from) return;
    this.startText(from);
    if (!this.build) return;
    this.textValue += this.text.slice(from, to);
    this.textEnd = this.point(to);
  }

  /** Add the escape or character reference `text[at, end)` as `value`. */
  protected addEscaped(at: number, end: number, value: string): void {
    this.startText(at);
    if (!this.build) return;
    this.textValue += value;
    this.textEnd = this.point(end);
  }

  /** Start the text node at `at` when none is open (its start point is on the line being read). */
  private startText(at: number): void {
    if (this.textStart >= 0) return;
    this.textStart = at;
    if (this.build) this.textPoint = this.point(at);
  }

  /** End the text node at `to` (after adding `text[from, to)`); false when its value is one the transform reads. */
  protected flushText(from: number, to: number, out: PhrasingNode[]): boolean {
    this.addText(from, to);
    if (this.textStart < 0) return true;
    // The value: built, or (when only checking a cell) the source, whose escapes differ only by their backslashes.
    const value = this.build
      ? this.textValue
      : this.text.slice(this.textStart, to).replace(/\\([!-/:-@[-`{-~])/g, '$1');
    const position = { start: this.textPoint!, end: this.textEnd! };
    this.textStart = -1;
    this.textPoint = this.textEnd = null;
    this.textValue = '';
    // (The regular expression only where a `.` or `:` could complete a match.)
    if ((value.includes('.') || value.includes(':')) && /www\.|https?:\/\//i.test(value)) return false;
    if (this.paragraph && value.includes('@')) return false;
    if (this.build) out.push({ type: 'text', value, position });
    return true;
  }
}

/**
 * The nodes of the cell content `text[from, to)` on line `line` (which starts at `lineStart`), as upstream parses
 * them, or null when the content holds anything this file does not read. `build: false` only checks (returns [] or
 * null).
 */
export function readCellInline(
  text: string,
  from: number,
  to: number,
  line: number,
  lineStart: number,
  build = true,
): PhrasingNode[] | null {
  const out: PhrasingNode[] = [];
  const end = new InlineReader(text, line, lineStart, build).read(from, to, out, Mode.Top);
  return end < 0 ? null : out;
}
