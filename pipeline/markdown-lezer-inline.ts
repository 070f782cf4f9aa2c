// The inline content of one Lezer block (a Paragraph, an ATX or setext heading, a table cell, a task item's Task) as
// the mdast phrasing nodes remark-parse 11 + remark-gfm 4 give for it, positions included (docs/robustness.md, "Lezer
// inline content").
//
// Lezer (`@lezer/markdown` configured with GFM less its autolink literals) parses ~20× faster than micromark and
// marks every inline construct with exact offsets, so most of upstream's tree is a walk over Lezer's: text is the
// gaps between nodes (line endings kept, container prefixes and line-leading whitespace dropped, whitespace before a
// line ending dropped, adjacent text, escapes and character references merged as mdast merges them). Where the two
// parsers may disagree, the converter returns null and the caller parses the document with micromark instead; it never
// approximates:
// - references: Lezer marks `[x]`, `[x][]`, `[x][y]` as links without knowing the definitions; a defined one becomes a
//   linkReference, an undefined shortcut or collapsed one text, but only when nothing could pair across its brackets
//   (pipeline/markdown-lezer-inline-checks.ts);
// - GFM autolink literals (upstream's rules are not Lezer's), `~` that could pair as single-tilde strikethrough,
//   delimiter runs shared between marks or beside another marker (the two delimiter algorithms differ there), footnote
//   calls, constructs across line endings whose upstream value depends on how micromark slices lines, and the
//   other known differences listed in the docs.
import type { SyntaxNode } from '@lezer/common';
import { decodeEntity, decodeString, normalizeIdentifier } from './markdown-lezer-inline-decode.js';
import {
  hasFootnoteCall,
  isInlineHtml,
  mayHoldLiteral,
  sourceMayHoldLiteral,
  undefinedReferenceIsSafe,
} from './markdown-lezer-inline-checks.js';

export interface Point {
  line: number;
  column: number;
  offset: number;
}

export interface InlineContext {
  text: string;
  point: (offset: number) => Point;
  definitions: ReadonlySet<string>;
}

export interface MdastNode {
  type: string;
  value?: string;
  url?: string;
  title?: string | null;
  alt?: string;
  identifier?: string;
  label?: string;
  referenceType?: 'full' | 'collapsed' | 'shortcut';
  children?: MdastNode[];
  position: { start: Point; end: Point };
}

/** Deeper inline nesting than this is left to micromark (the walk is recursive). */
const MAX_DEPTH = 64;

const URI_AUTOLINK = /^[A-Za-z][-+.A-Za-z0-9]{1,31}:[^\x00-\x20<>\x7f]*$/;
const EMAIL_LABEL = '[A-Za-z0-9](?:[-A-Za-z0-9]{0,61}[A-Za-z0-9])?';
const EMAIL_AUTOLINK = new RegExp(`^[-A-Za-z0-9.!#$%&'*+/=?^_\`{|}~]+@${EMAIL_LABEL}(?:\\.${EMAIL_LABEL})*$`);

/** Thrown (and caught in convertInline) when the node cannot be converted exactly. */
class NotExact extends Error {}

const fail = (): never => {
  throw new NotExact();
};

const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;
const TILDE = 126;
const ASTERISK = 42;
const UNDERSCORE = 95;
const BACKSLASH = 92;
const BACKTICK = 96;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

/** The text node being built at one level: mdast merges data, escapes, references and line endings into one. */
interface PendingText {
  value: string;
  start: number;
  end: number;
}

/**
 * One level of phrasing content: its children, the text being built, and the whitespace run not yet known to be
 * content (kept before content or a node, dropped before a line ending or the end).
 */
class Level {
  readonly children: MdastNode[] = [];
  private pending: PendingText | null = null;
  private wsFrom = -1;
  private wsTo = -1;
  /** The pending text's end depends on a container prefix the converter does not measure. */
  private uncertainEnd = false;

  constructor(private readonly ctx: InlineContext) {}

  /** Append `value` as text covering source [from, to). */
  push(value: string, from: number, to: number): void {
    this.commitWhitespace();
    this.append(value, from, to);
  }

  private append(value: string, from: number, to: number): void {
    this.uncertainEnd = false;
    if (this.pending) {
      this.pending.value += value;
      this.pending.end = to;
    } else this.pending = { value, start: from, end: to };
  }

  /**
   * A container prefix (a quote marker, list indentation) after the pending text's line ending. Upstream's text ends
   * at the line ending, except after a construct micromark tried across the line ending and gave up (a backtick run
   * that opened no code span, a `](` that opened no resource…): then the end is past the prefix, by a width not
   * measured here.
   */
  prefixAfterLineEnding(strayOpener: boolean): void {
    const pending = this.pending;
    if (pending && strayOpener && this.wsFrom < 0 && /[\r\n]$/.test(pending.value)) this.uncertainEnd = true;
  }

  whitespace(from: number, to: number): void {
    if (this.wsFrom < 0) this.wsFrom = from;
    this.wsTo = to;
  }

  commitWhitespace(): void {
    if (this.wsFrom < 0) return;
    this.append(this.ctx.text.slice(this.wsFrom, this.wsTo), this.wsFrom, this.wsTo);
    this.wsFrom = -1;
  }

  dropWhitespace(): void {
    this.wsFrom = -1;
  }

  /** A non-text node: what precedes it is finished. */
  node(node: MdastNode): void {
    this.commitWhitespace();
    this.flush();
    this.children.push(node);
  }

  flush(): void {
    const pending = this.pending;
    if (!pending) return;
    if (this.uncertainEnd) fail();
    this.pending = null;
    this.children.push({ type: 'text', value: pending.value, position: this.span(pending.start, pending.end) });
  }

  /** The children; trailing whitespace is dropped at the end of the block, kept at the end of a link's text. */
  finish(blockEnd: boolean): MdastNode[] {
    if (blockEnd) this.dropWhitespace();
    else this.commitWhitespace();
    this.flush();
    return this.children;
  }

  span(from: number, to: number): MdastNode['position'] {
    return { start: this.ctx.point(from), end: this.ctx.point(to) };
  }
}

/** Walks Lezer's inline nodes of one block into mdast nodes. */
class Converter {
  /** After a line ending (or at the block's start): line-leading whitespace and quote marks are not content. */
  private atLineStart: boolean;
  /** `[`s of the text so far not closed by a later `]` of the text (an enclosing label upstream may complete). */
  private openBrackets = 0;
  /**
   * Has the text so far had a character where micromark may have tried a construct across a line ending and failed
   * (a backtick run that opened no code span, a `<`, a `](` or `][` that opened no link)? See
   * Level.prefixAfterLineEnding.
   */
  private strayOpener = false;
  /** Whether the block's `~`s cannot pair (found at the first one met). */
  private tildesSafe: boolean | null = null;

  constructor(
    private readonly ctx: InlineContext,
    private readonly inTable: boolean,
    private readonly blockFrom: number,
    private readonly blockTo: number,
    private readonly inList: boolean,
    private readonly inContainer: boolean,
    midLine: boolean,
  ) {
    this.atLineStart = !midLine;
  }

  /**
   * Can no `~` of the block pair with another as strikethrough upstream (Lezer reads only `~~`)? So when the block has
   * one run, or when no run can close (mayClose).
   */
  private tildesCannotPair(): boolean {
    if (this.tildesSafe === null) {
      const text = this.ctx.text;
      let runs = 0;
      let closer = false;
      for (let i = this.blockFrom; i < this.blockTo; i++) {
        if (text.charCodeAt(i) !== TILDE || (i > this.blockFrom && text.charCodeAt(i - 1) === TILDE)) continue;
        runs++;
        let end = i;
        while (text.charCodeAt(end) === TILDE) end++;
        if (mayClose(i > this.blockFrom ? text.charCodeAt(i - 1) : SPACE, text.charCodeAt(end))) closer = true;
      }
      this.tildesSafe = runs <= 1 || !closer;
    }
    return this.tildesSafe;
  }

  /** The phrasing children of `parent` between `from` and `to` (its marks outside that range). */
  children(parent: SyntaxNode, from: number, to: number, depth: number): MdastNode[] {
    if (depth > MAX_DEPTH) fail();
    const level = new Level(this.ctx);
    this.fill(level, parent, from, to, depth);
    return level.finish(depth === 0);
  }

  /** Convert the content of `parent` between `from` and `to` into `level`. */
  private fill(level: Level, parent: SyntaxNode, from: number, to: number, depth: number): void {
    let at = from;
    for (let child = parent.firstChild; child; child = child.nextSibling) {
      if (child.to <= from || child.from < from) continue;
      if (child.from >= to) break;
      if (child.to > to) fail();
      this.gap(level, at, child.from, true);
      this.inline(level, child, depth);
      at = child.to;
    }
    this.gap(level, at, to, true);
  }

  /** Source text between nodes: content, line endings, line-leading whitespace, trailing whitespace. */
  private gap(level: Level, from: number, to: number, countBrackets: boolean): void {
    const text = this.ctx.text;
    // The current run of content, [runFrom, runEnd), ends at a non-whitespace character: whitespace after it is kept
    // only if content or a node follows on the line.
    let runFrom = -1;
    let runEnd = -1;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c === SPACE || c === TAB) {
        if (this.atLineStart) {
          if (this.inList) level.prefixAfterLineEnding(this.strayOpener);
        } else if (runFrom < 0) level.whitespace(i, i + 1);
      } else if (c === LF || c === CR) {
        // Lezer breaks lines at LF only: a lone CR, or a hard break before CRLF, it reads as text.
        const before = text.charCodeAt(i - 1);
        if (c === CR && (text.charCodeAt(i + 1) !== LF || before === SPACE || before === BACKSLASH)) fail();
        if (runFrom >= 0) level.push(text.slice(runFrom, runEnd), runFrom, runEnd);
        runFrom = -1;
        level.dropWhitespace();
        const eol = c === CR && text.charCodeAt(i + 1) === LF && i + 1 < to ? 2 : 1;
        level.push(text.slice(i, i + eol), i, i + eol);
        i += eol - 1;
        this.atLineStart = true;
      } else {
        if (c < 128 && !isAsciiAlphanumeric(c)) this.punctuation(c, i, countBrackets);
        this.atLineStart = false;
        if (runFrom < 0) {
          level.commitWhitespace();
          runFrom = i;
        }
        runEnd = i + 1;
      }
    }
    if (runFrom >= 0) {
      level.push(text.slice(runFrom, runEnd), runFrom, runEnd);
      if (runEnd < to) level.whitespace(runEnd, to);
    }
  }

  /** The checks a punctuation (or control) character of the text needs. */
  private punctuation(c: number, i: number, countBrackets: boolean): void {
    const text = this.ctx.text;
    // A single `~` may be strikethrough upstream (Lezer reads only `~~`).
    if (c === 0 || (c === TILDE && !this.tildesCannotPair())) fail();
    // A marker beside a different one: micromark's flanking differs from Lezer's (see wholeRun).
    if (isMarker(c) && (mixedMarker(c, text.charCodeAt(i - 1)) || mixedMarker(c, text.charCodeAt(i + 1)))) fail();
    // A `<` Lezer read as text that micromark may read as HTML (a tag, comment, declaration, instruction or CDATA).
    if (c === 60 && /[A-Za-z/!?]/.test(text[i + 1] ?? '')) fail();
    if (c === BACKTICK || c === 60 || ((c === 40 || c === OPEN_BRACKET) && text.charCodeAt(i - 1) === CLOSE_BRACKET))
      this.strayOpener = true;
    if (countBrackets && c === OPEN_BRACKET) this.openBrackets++;
    else if (countBrackets && c === CLOSE_BRACKET && this.openBrackets > 0) this.openBrackets--;
  }

  private inline(level: Level, node: SyntaxNode, depth: number): void {
    const name = node.name;
    if (name === 'QuoteMark') {
      if (!this.atLineStart) fail();
      level.prefixAfterLineEnding(this.strayOpener);
      return;
    }
    this.atLineStart = false;
    const text = this.ctx.text;
    switch (name) {
      case 'Escape':
        // Lezer reads a backtick run right after an escaped backtick as part of it (it opens no code span).
        if (text.charCodeAt(node.from + 1) === BACKTICK && text.charCodeAt(node.to) === BACKTICK) fail();
        level.push(text.slice(node.from + 1, node.to), node.from, node.to);
        return;
      case 'Entity': {
        const raw = text.slice(node.from, node.to);
        const value = decodeEntity(raw);
        // Not a reference to micromark: its text, unless Lezer's name took a `_` micromark may read as emphasis.
        if (value === null && raw.includes('_')) fail();
        level.push(value ?? raw, node.from, node.to);
        return;
      }
      case 'HardBreak':
        this.hardBreak(level, node);
        return;
      case 'Emphasis':
      case 'StrongEmphasis':
      case 'Strikethrough': {
        const type = name === 'Emphasis' ? 'emphasis' : name === 'StrongEmphasis' ? 'strong' : 'delete';
        const open = node.firstChild;
        const close = node.lastChild;
        if (!open || !close || open.from === close.from) fail();
        if (!wholeRun(text, open!.from, open!.to) || !wholeRun(text, close!.from, close!.to)) fail();
        const children = this.children(node, open!.to, close!.from, depth + 1);
        this.atLineStart = false;
        level.node({ type, children, position: level.span(node.from, node.to) });
        return;
      }
      case 'InlineCode':
        level.node(this.inlineCode(node, level));
        return;
      case 'HTMLTag':
      case 'Comment':
      case 'ProcessingInstruction': {
        const value = text.slice(node.from, node.to);
        if (/[\r\n]/.test(value) || !isInlineHtml(value)) fail();
        level.node({ type: 'html', value, position: level.span(node.from, node.to) });
        return;
      }
      case 'Autolink':
        level.node(this.autolink(node, level));
        return;
      case 'Link':
      case 'Image':
        this.link(level, node, depth);
        return;
      // No 'URL' outside a link's destination: Lezer's GFM literals are not loaded (LEZER_GFM), upstream's are found
      // in text values (mayHoldLiteral).
      default:
        fail();
    }
  }

  private hardBreak(level: Level, node: SyntaxNode): void {
    const text = this.ctx.text;
    // After a failed construct, upstream's break may end past the next line's container prefix (as text does).
    if (this.strayOpener && this.inContainer) fail();
    // Trailing spaces before a line ending, or a backslash before one: the break spans them and the line ending.
    if (text.charCodeAt(node.from) === SPACE) {
      // micromark's trailing break is a run of spaces only: a tab before it makes it a plain line ending.
      const before = text.charCodeAt(node.from - 1);
      if (before === TAB || before === SPACE) fail();
      level.dropWhitespace();
    }
    level.node({ type: 'break', position: level.span(node.from, node.to) });
    this.atLineStart = true;
  }

  /**
   * A code span's value: its source, line endings kept, less the container prefixes of its continuation lines (a
   * quote's `>` and one space; line-leading whitespace is the code's own outside lists, where the item's indentation
   * would have to be measured: such a line is left to micromark), and one padding space or line ending each side.
   */
  private inlineCode(node: SyntaxNode, level: Level): MdastNode {
    const open = node.firstChild;
    const close = node.lastChild;
    if (!open || !close || open.from === close.from) fail();
    const text = this.ctx.text;
    let value = '';
    let at = open!.to;
    for (let child = open!.nextSibling; child && child.from < close!.from; child = child.nextSibling) {
      if (child.name !== 'QuoteMark') fail();
      value += text.slice(at, child.from);
      at = child.to;
      if (text.charCodeAt(at) === SPACE) at++;
    }
    value += text.slice(at, close!.from);
    if (/[\r\n]/.test(value)) {
      if (/[\r\n][ \t]/.test(value) && this.inList) fail();
      if (/\t|\r(?!\n)|\0/.test(value)) fail();
    }
    if (this.inTable) value = value.replace(/\\([\\|])/g, (all, c: string) => (c === '|' ? c : all));
    return { type: 'inlineCode', value: unpad(value), position: level.span(node.from, node.to) };
  }

  private autolink(node: SyntaxNode, level: Level): MdastNode {
    const text = this.ctx.text;
    const inner = text.slice(node.from + 1, node.to - 1);
    // Only what micromark reads as an autolink: a scheme of 2–32 characters, or an e-mail address.
    const email = !URI_AUTOLINK.test(inner);
    if (email && !EMAIL_AUTOLINK.test(inner)) fail();
    return {
      type: 'link',
      title: null,
      url: email ? `mailto:${inner}` : inner,
      children: [{ type: 'text', value: inner, position: level.span(node.from + 1, node.to - 1) }],
      position: level.span(node.from, node.to),
    };
  }

  private link(level: Level, node: SyntaxNode, depth: number): void {
    const parts = linkParts(node);
    if (!parts) fail();
    const { textFrom, textTo, url, title, label, resource } = parts!;
    const text = this.ctx.text;
    const image = node.name === 'Image';
    const position = level.span(node.from, node.to);
    if (resource) {
      const children = this.children(node, textFrom, textTo, depth + 1);
      this.atLineStart = false;
      const destination = url ? decodeString(unbracket(text.slice(url.from, url.to))) : '';
      const titleValue = title ? decodeString(text.slice(title.from + 1, title.to - 1)) : null;
      if (title && /[\r\n]/.test(text.slice(title.from, title.to))) fail();
      if (url && (/[\r\n]/.test(text.slice(url.from, url.to)) || !balancedDestination(text, url.from, url.to))) fail();
      level.node(
        image
          ? { type: 'image', title: titleValue, url: destination, alt: plain(children), position }
          : { type: 'link', title: titleValue, url: destination, children, position },
      );
      return;
    }
    // A reference: full `[text][label]`, collapsed `[text][]` or shortcut `[text]`.
    const raw = label && label.to - label.from > 2 ? text.slice(label.from + 1, label.to - 1) : null;
    const labelText = raw ?? text.slice(textFrom, textTo);
    // micromark reads a label followed by a `[` that opens no full or collapsed reference as no link at all.
    if (!label && text.charCodeAt(node.to) === OPEN_BRACKET) fail();
    if (/[\r\n]/.test(labelText) || labelText.length > 999) fail();
    const identifier = normalizeIdentifier(labelText);
    if (identifier === '' || !this.ctx.definitions.has(identifier)) {
      // Undefined: `[`, the content and `]` (and `[]`) are text, if nothing could have paired across them.
      // (A collapsed one's `[]` followed by `(` or `[` opens a link upstream.)
      if (raw !== null || this.openBrackets > 0 || !undefinedReferenceIsSafe(text, node.from, textTo)) fail();
      const next = text.charCodeAt(node.to);
      if (label && (next === 40 || next === OPEN_BRACKET)) fail();
      level.push(text.slice(node.from, textFrom), node.from, textFrom);
      this.fill(level, node, textFrom, textTo, depth + 1);
      level.push(text.slice(textTo, node.to), textTo, node.to);
      this.atLineStart = false;
      return;
    }
    const children = this.children(node, textFrom, textTo, depth + 1);
    this.atLineStart = false;
    // Keys in upstream's order (trees are compared as JSON).
    const reference = {
      label: decodeString(labelText),
      identifier: identifier.toLowerCase(),
      referenceType: raw !== null ? 'full' : label ? 'collapsed' : 'shortcut',
    } as const;
    level.node(
      image
        ? { type: 'imageReference', alt: plain(children), position, ...reference }
        : { type: 'linkReference', children, position, ...reference },
    );
  }
}

interface LinkParts {
  textFrom: number;
  textTo: number;
  url: SyntaxNode | null;
  title: SyntaxNode | null;
  label: SyntaxNode | null;
  resource: boolean;
}

/** The pieces of a Lezer Link or Image: its text's range, destination, title, reference label. */
function linkParts(node: SyntaxNode): LinkParts | null {
  const open = node.firstChild;
  if (open?.name !== 'LinkMark') return null;
  let close: SyntaxNode | null = null;
  let url: SyntaxNode | null = null;
  let title: SyntaxNode | null = null;
  let label: SyntaxNode | null = null;
  let resource = false;
  for (let child = open.nextSibling; child; child = child.nextSibling) {
    if (child.name === 'LinkMark') {
      if (!close) close = child;
      else if (child.to - child.from === 1 && child.from === close.to) resource = true;
    } else if (close && child.name === 'URL') url = child;
    else if (close && child.name === 'LinkTitle') title = child;
    else if (close && child.name === 'LinkLabel') label = child;
  }
  if (!close) return null;
  return { textFrom: open.to, textTo: close.from, url, title, label, resource };
}

/** `*`, `_`, `~`: micromark's attention markers with GFM. */
const isMarker = (c: number) => c === ASTERISK || c === UNDERSCORE || c === TILDE;

/**
 * Is the delimiter mark [from, to) its whole run, with no other marker character beside it? Where a run is shared
 * (`***`, `**a*`) the two parsers' delimiter algorithms may split it differently (the rule of three counts remaining
 * or whole lengths), and micromark lets a run beside another marker (`**~`, `*_`) open and close regardless of
 * flanking, where Lezer follows CommonMark's flanking rules.
 */
function wholeRun(text: string, from: number, to: number): boolean {
  return !isMarker(text.charCodeAt(from - 1)) && !isMarker(text.charCodeAt(to));
}

const isAsciiAlphanumeric = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isAsciiPunctuation = (c: number) =>
  (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);

/**
 * Could a `~` run between `before` and `after` close strikethrough in micromark? Not after whitespace; after
 * punctuation only before whitespace or punctuation. Doubtful characters (Unicode spaces and punctuation) count as
 * "could", so the answer errs towards leaving the block to micromark.
 */
function mayClose(before: number, after: number): boolean {
  if (before === SPACE || before === TAB || before === LF || before === CR) return false;
  if (isAsciiPunctuation(before)) return !isAsciiAlphanumeric(after);
  return true;
}

const mixedMarker = (c: number, beside: number) => beside !== c && isMarker(beside);

/** A code span's value less one padding space or line ending each side, when both sides have one. */
function unpad(value: string): string {
  const pad = (c: number) => c === SPACE || c === LF || c === CR;
  if (value.length < 2 || !pad(value.charCodeAt(0)) || !pad(value.charCodeAt(value.length - 1))) return value;
  if (!/[^ \r\n]/.test(value)) return value;
  const head = value.startsWith('\r\n') ? 2 : 1;
  const tail = value.endsWith('\r\n') ? 2 : 1;
  return value.slice(head, value.length - tail);
}

/**
 * Are the parentheses of a raw destination balanced (escapes aside), nested at most 32 deep? micromark requires it;
 * Lezer ends the destination at whitespace whatever the balance.
 */
function balancedDestination(text: string, from: number, to: number): boolean {
  if (text.charCodeAt(from) === 60) return true;
  let depth = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === 40 && ++depth > 32) return false;
    else if (c === 41 && --depth < 0) return false;
  }
  return depth === 0;
}

/** A destination in `<…>` without its brackets. */
function unbracket(value: string): string {
  return value.startsWith('<') && value.endsWith('>') ? value.slice(1, -1) : value;
}

/** mdast-util-to-string of phrasing nodes (an image's alt): values and alts, in order. */
function plain(nodes: MdastNode[]): string {
  let out = '';
  for (const node of nodes) {
    if (node.value !== undefined) out += node.value;
    else if (node.alt !== undefined) out += node.alt;
    else if (node.children) out += plain(node.children);
  }
  return out;
}

/** The content range of a block node: a heading without its marks and a Task without its marker. */
function contentRange(node: SyntaxNode, text: string): [number, number] | null {
  const name = node.name;
  if (name.startsWith('ATXHeading')) {
    const first = node.firstChild;
    const last = node.lastChild;
    const from = first && first.name === 'HeaderMark' ? first.to : node.from;
    const to = last && last.name === 'HeaderMark' && last.from > first!.from ? last.from : node.to;
    return [from, Math.max(from, to)];
  }
  if (name === 'Task') {
    // After the checkbox and the one space upstream's task item removes with it.
    // (Upstream's checkbox is only the list item's first content; Lezer finds one in later paragraphs too.)
    const marker = node.firstChild;
    if (marker?.name !== 'TaskMarker' || text.charCodeAt(marker.to) !== SPACE) return null;
    if (node.prevSibling?.name !== 'ListMark') return null;
    // Upstream's checkbox needs content after it on its line.
    let k = marker.to;
    while (k < node.to && (text.charCodeAt(k) === SPACE || text.charCodeAt(k) === TAB)) k++;
    if (k >= node.to || text.charCodeAt(k) === LF || text.charCodeAt(k) === CR) return null;
    return [marker.to + 1, node.to];
  }
  if (name.startsWith('SetextHeading')) {
    // The content ends at the line ending before the underline (whose line may start with quote markers).
    const last = node.lastChild;
    if (last?.name !== 'HeaderMark') return [node.from, node.to];
    const lineEnd = text.lastIndexOf('\n', last.from);
    return [node.from, lineEnd > node.from ? lineEnd : last.from];
  }
  return [node.from, node.to];
}

/** Is the block inside a node named `names` (list items: whose continuation lines' indentation is not measured)? */
function inside(node: SyntaxNode, names: RegExp): boolean {
  for (let up = node.parent; up; up = up.parent) if (names.test(up.name)) return true;
  return false;
}

/** A list item's paragraph starting `[ ]`, `[x]`: upstream may read a task checkbox where Lezer did not. */
function mayBeTask(node: SyntaxNode, text: string): boolean {
  return (
    node.name === 'Paragraph' &&
    node.parent?.name === 'ListItem' &&
    /^\[[ \txX]\]/.test(text.slice(node.from, node.from + 3))
  );
}

const CONTAINERS = /^(?:Paragraph|ATXHeading[1-6]|SetextHeading[12]|TableCell|Task)$/;

/**
 * mdast phrasing children of one Lezer Paragraph, ATXHeading1–6, SetextHeading1–2 or TableCell node (or a task item's
 * Task: the paragraph after its checkbox); null when it cannot be converted exactly (the caller then parses the whole
 * document with micromark).
 */
export function convertInline(node: SyntaxNode, ctx: InlineContext): MdastNode[] | null {
  if (!CONTAINERS.test(node.name)) return null;
  const range = contentRange(node, ctx.text);
  if (!range) return null;
  const [from, end] = range;
  let to = end;
  // Trailing whitespace and a setext heading's last line ending are not content (nor Lezer's CR of a CRLF).
  while (to > from && /[ \t\r\n]/.test(ctx.text[to - 1])) to--;
  if (hasFootnoteCall(ctx.text, from, to) || mayBeTask(node, ctx.text)) return null;
  if (sourceMayHoldLiteral(node, ctx.text, from, to)) return null;
  try {
    const converter = new Converter(
      ctx,
      node.name === 'TableCell',
      from,
      to,
      inside(node, /^ListItem$/),
      inside(node, /^(?:ListItem|Blockquote)$/),
      node.name === 'Task',
    );
    const children = converter.children(node, from, to, 0);
    return mayHoldLiteral(children) ? null : children;
  } catch (error) {
    if (error instanceof NotExact) return null;
    throw error;
  }
}
