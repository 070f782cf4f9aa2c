// A second Markdown parse path (issue #18): @lezer/markdown (CodeMirror's parser, with its GFM extensions) parses
// ordinary documents ~5–20× faster than micromark, and this file builds from its tree the mdast that remark-parse
// (+ GFM + front matter) gives: the same node types, fields and `{line, column, offset}` positions. Phrasing content
// (the children of paragraphs, headings and table cells) comes from `convertInline`.
//
// Lezer is not linear on every shape (bare URLs, e-mails, deep nesting, bracket soup), so it is only used on
// documents that pipeline/markdown-lezer-eligible.ts passes; and wherever a construct cannot be converted exactly
// (a tab in a container prefix, an escape or entity in a definition, …) the conversion gives up
// (null) and the caller parses with micromark. A paragraph or heading at the root whose inline content is declined
// is read alone by micromark instead (pipeline/markdown-lezer-fallback.ts). test/markdown-lezer.test.ts compares the
// trees with upstream's.
import type { SyntaxNode } from '@lezer/common';
import { parser as baseParser, type MarkdownConfig, Strikethrough, Table, TaskList } from '@lezer/markdown';
import { blockWithMicromark, type DefinitionSource } from './markdown-lezer-fallback.js';
import { frontMatterOf, masked } from './markdown-lezer-front.js';
import { selfClosingHtmlBlock } from './markdown-lezer-html.js';
import {
  BLOCK_CONTAINERS,
  delimiterLikeLines,
  delimiterRowsAllInTables,
  laterNumberAfterText,
} from './markdown-lezer-tables.js';
import { endsOpen, LEZER_PART, PartCutter, parsePart, readInParts } from './markdown-lezer-chunks.js';
import {
  blankFrom,
  type Container,
  childNamed,
  childrenNamed,
  containerOf,
  contentStart,
  type Lines,
  lineEnd,
  lineEnding,
  lineIndexOf,
  linesOf,
  NotExact,
  type Point,
} from './markdown-lezer-lines.js';
import { convertInline, type InlineContext, type MdastNode as PhrasingNode } from './markdown-lezer-inline.js';
import { normalizeIdentifier } from './markdown-lezer-inline-decode.js';

/** A loose view of an mdast node: the block converter builds every node type, the inline converter phrasing ones. */
export interface MdastNode {
  type: string;
  position?: { start: Point; end: Point };
  children?: MdastNode[];
  [key: string]: unknown;
}

/**
 * Lezer's GFM extensions less its autolink literals: upstream finds no literal after an unclosed `[` (in a link's
 * text), and a text value that could hold one leaves the block to micromark anyway (markdown-lezer-inline-checks.ts),
 * so Lezer's literals only ever made link text differ (`[www.a.com/*b*](u)`: emphasis upstream). Without them, Lezer
 * also parses ~10 % faster (a pattern tried at every word start).
 */
export const LEZER_GFM: MarkdownConfig[] = [Table, TaskList, Strikethrough];

/** Lezer with LEZER_GFM and the self-closing HTML block start it misses. */
export const lezerParser = baseParser.configure([...LEZER_GFM, selfClosingHtmlBlock]);

export type ConvertInline = (node: SyntaxNode, ctx: InlineContext) => PhrasingNode[] | null;

const HEADING_DEPTH: Record<string, number> = {
  ATXHeading1: 1,
  ATXHeading2: 2,
  ATXHeading3: 3,
  ATXHeading4: 4,
  ATXHeading5: 5,
  ATXHeading6: 6,
  SetextHeading1: 1,
  SetextHeading2: 2,
};

/** Nodes of the Lezer tree that are marks inside a block, not blocks. */
const MARKS = new Set(['ListMark', 'QuoteMark', 'HeaderMark', 'CodeMark', 'CodeInfo', 'CodeText', 'LinkMark']);

/** The blocks whose mdast position is their Lezer node's range. */
const HAS_NODE_POSITION = new Set(['Paragraph', ...Object.keys(HEADING_DEPTH), 'Blockquote', 'HorizontalRule']);

/** How parseWithLezer reads a large document (pipeline/markdown-lezer-chunks.ts). */
export interface LezerParts {
  /** The size of a part (default LEZER_PART); 0 = the whole document in one parse. */
  part?: number;
  /**
   * Each top-level node in turn, as soon as it is built, instead of the root's children (so a caller that walks each
   * one as it comes lets it die young). When the conversion then gives up (null), the nodes already handed over are
   * not the document's: the caller discards what it made of them.
   */
  emit?: (node: MdastNode) => void;
}

/**
 * The mdast root of `text` parsed by Lezer, or null where the conversion would not be exact (`declined` is told
 * why). `inline` converts the phrasing content (default: pipeline/markdown-lezer-inline.ts).
 */
export function parseWithLezer(
  text: string,
  inline: ConvertInline = convertInline,
  declined?: (reason: string) => void,
  parts: LezerParts = {},
): MdastNode | null {
  // Lezer ends lines at \n only (a \r would be part of the line), has no footnotes; micromark rewrites a byte order
  // mark and NUL.
  if (/[\r\0]|\[\^/.test(text) || text.charCodeAt(0) === 0xfeff) return null;
  const front = frontMatterOf(text);
  // An opening fence never closed: upstream then opens no container in the whole document (a micromark quirk).
  if (!front && /^(?:---|\+\+\+)[ \t]*(?:\n|$)/.test(text)) return null;
  // A text-only check: before the parse, so a declined document costs no Lezer parse.
  if (laterNumberAfterText(text)) {
    declined?.('list numbered past 1 after text');
    return null;
  }
  const lines = linesOf(text);
  const children: MdastNode[] = [];
  const emit = parts.emit ?? ((node: MdastNode) => children.push(node));
  try {
    if (front) {
      emit({
        type: front.type,
        value: front.value,
        position: { start: lines.point(0), end: lines.point(front.end) },
      });
    }
    if (
      !convertParts(
        text,
        front ? masked(text, front.end) : text,
        front?.end ?? 0,
        new BlockConverter(lines, inline),
        parts.part ?? LEZER_PART,
        emit,
      )
    ) {
      declined?.('delimiter-like line outside a table');
      return null;
    }
    return { type: 'root', children, position: { start: lines.point(0), end: lines.point(text.length) } };
  } catch (error) {
    if (error instanceof NotExact) {
      declined?.(error.message);
      return null;
    }
    throw error;
  }
}

/**
 * Parse `input` (the text, its front matter masked) part by part and convert each part's blocks (emitted in order);
 * false where a delimiter-like line is not a table's delimiter row.
 */
function convertParts(
  text: string,
  input: string,
  bodyStart: number,
  converter: BlockConverter,
  part: number,
  emit: (node: MdastNode) => void,
): boolean {
  let cutter = readInParts(text, part) ? new PartCutter(input, bodyStart, part) : null;
  const delimiterLines = delimiterLikeLines(text);
  let line = 0;
  let from = 0;
  do {
    let to = cutter ? cutter.next(from) : text.length;
    let tree = parsePart(lezerParser, input, from, to);
    if (to < text.length && endsOpen(tree, input)) {
      // A block may run on past the cut: the rest is read in one part.
      cutter = null;
      to = text.length;
      tree = parsePart(lezerParser, input, from, to);
    }
    const first = line;
    while (line < delimiterLines.length && delimiterLines[line] < to) line++;
    if (!delimiterRowsAllInTables(text, tree, delimiterLines.slice(first, line))) return false;
    // Definitions are only collected from a document read whole (readInParts).
    if (from === 0) converter.collectDefinitions(tree.topNode);
    converter.topBlocks(tree.topNode, emit);
    from = to;
  } while (from < text.length);
  return true;
}

/** The blocks a table may directly follow (on the next line) when they are its siblings. */
const LEAVES_BEFORE_TABLE =
  /^(?:Paragraph|ATXHeading\d|HTMLBlock|CommentBlock|ProcessingInstructionBlock|HorizontalRule|FencedCode)$/;

/** Does `line` hold the end of the HTML block (kinds 1–5) that `opening` starts? */
function closesHtml(opening: string, line: string): boolean {
  if (opening.startsWith('<!--')) return line.includes('-->');
  if (opening.startsWith('<?')) return line.includes('?>');
  if (opening.startsWith('<![CDATA[')) return line.includes(']]>');
  if (opening.startsWith('<!')) return line.includes('>');
  return /<\/(?:script|pre|style|textarea)>/i.test(line);
}

/** Does every `(` of `value` close, and no `)` close nothing? */
function parenthesesBalance(value: string): boolean {
  let depth = 0;
  for (const c of value) {
    if (c === '(') depth++;
    else if (c === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

/**
 * A container block (block quote, list item) the walk is in, or the document. Its containers (outermost first) are
 * worked out when a leaf in it first asks, once for all its leaves.
 */
interface Frame {
  node: SyntaxNode | null;
  outer: Frame | null;
  /** Is this frame, or one around it, a block quote? */
  inQuote: boolean;
  /** A list item's first ListMark (undefined for a block quote). */
  mark?: SyntaxNode | null;
  containers?: Container[];
}

class BlockConverter {
  readonly definitions = new Set<string>();
  /** The source of every definition, one a line, for blocks read by micromark (blockWithMicromark). */
  private readonly definitionSource: DefinitionSource = { text: '', count: 0 };
  /**
   * Characters left to read with micromark block by block (the definitions are read again with each block): past
   * the document's length (and a little, for small documents), reading the whole document is as cheap.
   */
  private micromarkBudget: number;
  private readonly context: InlineContext;
  /** The container the walk is in (block() is called with the frame of the node's parent containers). */
  private frame: Frame = { node: null, outer: null, inQuote: false, containers: [] };
  /** The block before the one block() converts among its container's children (marks skipped), or null. */
  private previous: SyntaxNode | null = null;

  constructor(
    private readonly lines: Lines,
    private readonly inline: ConvertInline,
  ) {
    this.context = { text: lines.text, point: lines.point, definitions: this.definitions };
    this.micromarkBudget = lines.text.length + 4096;
  }

  /** The labels of every link reference definition (the inline converter resolves references with them). */
  collectDefinitions(top: SyntaxNode): void {
    // A definition's label ends with `]:`: a document without one has none, and needs no walk.
    if (!this.lines.text.includes(']:')) return;
    const cursor = top.cursor();
    // Definitions are blocks: the walk enters only the container blocks.
    do {
      if (cursor.name === 'LinkReference') {
        const label = childNamed(cursor.node, 'LinkLabel');
        if (label) this.definitions.add(normalizeIdentifier(this.lines.text.slice(label.from + 1, label.to - 1)));
        const source = this.definitionSource;
        source.text += `${source.count > 0 ? '\n' : ''}${this.lines.text.slice(cursor.from, cursor.to)}`;
        source.count++;
      }
    } while (cursor.next(BLOCK_CONTAINERS.has(cursor.name)));
  }

  /** The last top-level block converted (of this part or the one before), the block before the next one. */
  private topPrevious: SyntaxNode | null = null;

  /** The top-level blocks of a part, each handed to `emit` as soon as it is converted. */
  topBlocks(top: SyntaxNode, emit: (node: MdastNode) => void): void {
    this.topPrevious = this.eachBlock(top, this.topPrevious, emit);
  }

  blocks(parent: SyntaxNode): MdastNode[] {
    const out: MdastNode[] = [];
    this.eachBlock(parent, null, (node) => out.push(node));
    return out;
  }

  /** Each block child of `parent` converted and handed to `emit`; `previous` is the block before the first. */
  private eachBlock(
    parent: SyntaxNode,
    previous: SyntaxNode | null,
    emit: (node: MdastNode) => void,
  ): SyntaxNode | null {
    // A cursor moves over the marks (a quote's `>` on every line) without a node object for each.
    const cursor = parent.cursor();
    if (!cursor.firstChild()) return previous;
    do {
      if (MARKS.has(cursor.name)) continue;
      const node = cursor.node;
      emit(this.blockAfter(node, previous));
      previous = node;
    } while (cursor.nextSibling());
    return previous;
  }

  /** block(node) where `previous` is the block before it (the walk has it: no walk back over the marks). */
  private blockAfter(node: SyntaxNode, previous: SyntaxNode | null): MdastNode {
    this.previous = previous;
    return this.block(node);
  }

  /** `convert` run with the walk inside container `node` (a block quote or a list item). */
  private within<T>(node: SyntaxNode, convert: () => T, mark?: SyntaxNode | null): T {
    const outer = this.frame;
    this.frame = { node, outer, inQuote: outer.inQuote || node.name === 'Blockquote', mark };
    try {
      return convert();
    } finally {
      this.frame = outer;
    }
  }

  /** The containers of the blocks the walk is at, outermost first (containersOf without the walk up the tree). */
  private containers(frame: Frame = this.frame): Container[] {
    if (frame.containers) return frame.containers;
    const outer = frame.outer ? this.containers(frame.outer) : [];
    frame.containers = [...outer, containerOf(frame.node as SyntaxNode, outer, this.lines, frame.mark)];
    return frame.containers;
  }

  private position(from: number, to: number) {
    return { start: this.lines.point(from), end: this.lines.point(to) };
  }

  private phrasing(node: SyntaxNode): MdastNode[] {
    const children = this.inline(node, this.context);
    if (!children) throw new NotExact('inline content');
    // Phrasing nodes are mdast nodes; the inline converter types their fields, this side only reads them as nodes.
    return children as unknown as MdastNode[];
  }

  /**
   * A paragraph or heading at the root whose inline content the converter declines: that block alone read by
   * micromark (pipeline/markdown-lezer-fallback.ts), within a budget of the document's length.
   */
  private leafWithMicromark(node: SyntaxNode, type: 'paragraph' | 'heading', depth?: number): MdastNode {
    if (node.parent?.name !== 'Document') throw new NotExact('inline content');
    const lineIndex = lineIndexOf(this.lines, node.from);
    const lineStart = this.lines.starts[lineIndex];
    const end = lineEnd(this.lines, lineIndexOf(this.lines, node.to));
    this.micromarkBudget -= end - lineStart + this.definitionSource.text.length;
    if (this.micromarkBudget < 0) throw new NotExact('inline content (budget)');
    const block = { type, depth, from: node.from, to: node.to, lineStart, lineIndex, lineEnd: end };
    const converted = blockWithMicromark(this.lines.text, block, this.definitionSource);
    if (!converted) throw new NotExact('inline content (micromark block)');
    return converted;
  }

  private block(node: SyntaxNode): MdastNode {
    const name = node.name;
    // Lists, items and most leaves start elsewhere (at a marker, a container's content): their own positions.
    const position = HAS_NODE_POSITION.has(name) ? this.position(node.from, node.to) : undefined;
    if (name === 'Paragraph') {
      this.checkLazyLines(node);
      // A table under a paragraph's line (its head row, then the delimiter row): micromark starts the table there
      // (`a | b\n| c | d |\n|---|---|`, `:--\n:--`); Lezer may keep all the lines in the paragraph.
      const newline = this.lines.text.indexOf('\n', node.from);
      const source = newline >= 0 && newline < node.to ? this.lines.text.slice(node.from, node.to) : '';
      if (/\n[ \t>]*\|?[ \t]*:?-+:?[ \t]*\|/.test(source) || /\n[ \t>]*(?::-+:?|-+:)[ \t]*(?:\n|$)/.test(source))
        throw new NotExact('delimiter row in a paragraph');
      const children = this.inline(node, this.context) as unknown as MdastNode[] | null;
      return children ? { type: 'paragraph', children, position } : this.leafWithMicromark(node, 'paragraph');
    }
    const depth = HEADING_DEPTH[name];
    if (depth) {
      // A setext underline under a table: micromark ends the table first; Lezer underlines the table's lines.
      if (
        name.startsWith('Setext') &&
        /\n[ \t>]*\|?[ \t]*:?-+:?[ \t]*\|/.test(this.lines.text.slice(node.from, node.to))
      )
        throw new NotExact('setext underline under a table');
      const children = this.inline(node, this.context) as unknown as MdastNode[] | null;
      return children ? { type: 'heading', depth, children, position } : this.leafWithMicromark(node, 'heading', depth);
    }
    if ((name === 'Blockquote' || name.endsWith('List')) && this.beforeQuotePrefixLine(node))
      throw new NotExact('container before a line of quote prefixes');
    switch (name) {
      case 'Blockquote':
        return { type: 'blockquote', children: this.within(node, () => this.blocks(node)), position };
      case 'BulletList':
      case 'OrderedList':
        return this.list(node);
      case 'ListItem':
        return this.listItem(node);
      case 'Task':
        return this.taskParagraph(node);
      case 'FencedCode':
        return this.fencedCode(node);
      case 'CodeBlock':
        return this.indentedCode(node);
      case 'HTMLBlock':
      case 'CommentBlock':
      case 'ProcessingInstructionBlock':
        return this.html(node);
      case 'HorizontalRule':
        return { type: 'thematicBreak', position };
      case 'LinkReference':
        return this.definition(node);
      case 'Table':
        return this.table(node);
      default:
        throw new NotExact(`no conversion for ${name}`);
    }
  }

  /** Is there a blank line between `a` and `b` (two line endings or more in the text between them)? */
  private blankBetween(a: SyntaxNode, b: SyntaxNode): boolean {
    return lineIndexOf(this.lines, b.from) - lineIndexOf(this.lines, a.to) >= 2;
  }

  private list(node: SyntaxNode): MdastNode {
    const before = this.previous;
    const items = childrenNamed(node, 'ListItem');
    let spread = false;
    for (let i = 1; i < items.length; i++) if (this.blankBetween(items[i - 1], items[i])) spread = true;
    // Lezer extends a list over a blank line that only has container prefixes; micromark does not.
    if (items.length > 0 && items[items.length - 1].to !== node.to) throw new NotExact('list end');
    const ordered = node.name === 'OrderedList';
    const mark = items.length > 0 ? childNamed(items[0], 'ListMark') : null;
    const start = ordered && mark ? Number.parseInt(this.lines.text.slice(mark.from, mark.to - 1), 10) : null;
    if (this.interruptsWrongly(node, before, items[0], start)) throw new NotExact('list interrupting a paragraph');
    return {
      type: 'list',
      ordered,
      start,
      spread,
      children: items.map((item) => this.listItem(item)),
      position: this.position(mark ? mark.from : node.from, node.to),
    };
  }

  private listItem(node: SyntaxNode): MdastNode {
    // One walk over the children: the item's marker, its task and its blocks.
    let mark: SyntaxNode | null = null;
    let task: SyntaxNode | null = null;
    const blocks: SyntaxNode[] = [];
    const cursor = node.cursor();
    if (cursor.firstChild()) {
      do {
        const name = cursor.name;
        if (name === 'ListMark') mark ??= cursor.node;
        else if (!MARKS.has(name)) {
          const child = cursor.node;
          if (name === 'Task') task ??= child;
          blocks.push(child);
        }
      } while (cursor.nextSibling());
    }
    const marker = task ? childNamed(task, 'TaskMarker') : null;
    if (task && !marker) throw new NotExact('task without a marker');
    let spread = false;
    for (let i = 1; i < blocks.length; i++) if (this.blankBetween(blocks[i - 1], blocks[i])) spread = true;
    if (blocks.length > 0 && !this.endsWithContent(node, blocks[blocks.length - 1])) throw new NotExact('item end');
    // An item starting with a blank line: where blank lines end it differs too.
    if (blocks.length > 0 && mark && lineIndexOf(this.lines, blocks[0].from) !== lineIndexOf(this.lines, mark.from))
      throw new NotExact('item starting with a blank line');
    // An empty item: micromark reads one in ways of its own (after a paragraph, even outside the item's container).
    if (blocks.length === 0) throw new NotExact('empty item');
    // An item opening with a list on its marker's line ("1. 2) w"): where a paragraph before it ends differs too.
    if (blocks.length > 0 && /^(?:BulletList|OrderedList)$/.test(blocks[0].name))
      throw new NotExact('item opening a list');
    // After an empty item and a blank line, micromark reads indented lines in ways of its own.
    if (blocks.length === 0 && /^\n*\n[ \t>]*[ \t]/.test(this.lines.text.slice(node.to, node.to + 256)))
      throw new NotExact('indented line after an empty item');
    return {
      type: 'listItem',
      spread,
      checked: marker ? this.lines.text.charCodeAt(marker.from + 1) !== 32 : null,
      children: this.within(
        node,
        () => blocks.map((child, i) => this.blockAfter(child, i > 0 ? blocks[i - 1] : null)),
        mark,
      ),
      // mdast starts an item at its marker; Lezer at the container's indent before it.
      position: this.position(mark?.from ?? node.from, node.to),
    };
  }

  /**
   * A task item's first paragraph, after its checkbox (the inline converter reads the Task node). Upstream removes the
   * space after the checkbox from the first text node and starts the paragraph there; when that text was only the
   * space (a node follows it), the paragraph keeps its start at the checkbox.
   */
  private taskParagraph(task: SyntaxNode): MdastNode {
    this.checkLazyLines(task);
    const children = this.phrasing(task);
    const head = children[0];
    const start = head?.type === 'text' && head.position ? head.position.start : this.lines.point(task.from);
    return { type: 'paragraph', children, position: { start: { ...start }, end: this.lines.point(task.to) } };
  }

  /**
   * An empty item, or an ordered list not starting at 1, cannot interrupt a paragraph (CommonMark); Lezer lets them
   * inside another list.
   */
  private interruptsWrongly(
    list: SyntaxNode,
    before: SyntaxNode | null,
    first: SyntaxNode | undefined,
    start: number | null,
  ): boolean {
    if (!first || !before) return false;
    const empty = !childNamed(first, 'Paragraph') && first.lastChild?.name === 'ListMark';
    const cannotInterrupt = empty || (start !== null && start !== 1);
    // After indented code (blank lines between or not), upstream reads such a list as a paragraph.
    if (before.name === 'CodeBlock') return cannotInterrupt;
    if (before.name !== 'Paragraph') return false;
    return lineIndexOf(this.lines, list.from) === lineIndexOf(this.lines, before.to) + 1 && cannotInterrupt;
  }

  /** Does the container end where its last child's content ends (not on a later line of prefixes only)? */
  private endsWithContent(container: SyntaxNode, last: SyntaxNode): boolean {
    return lineIndexOf(this.lines, container.to) === lineIndexOf(this.lines, last.to);
  }

  /** Lines `first`..`last` of a leaf inside its containers, each from `strip` columns of indent on, joined. */
  private leafText(node: SyntaxNode, first: number, last: number, strip: number): string {
    const containers = this.containers();
    const text = this.lines.text;
    let out = '';
    for (let index = first; index <= last; index++) {
      let pos = contentStart(this.lines, index, containers);
      if (pos === null) throw new NotExact('lazy line in a leaf');
      const end = lineEnd(this.lines, index);
      let n = 0;
      for (; n < strip && pos < end && text.charCodeAt(pos) === 32; n++) pos++;
      // A tab inside the stripped indent, even on a line of white space only: micromark strips its columns (what is
      // left of it becomes spaces), Lezer keeps it.
      if (pos < end && text.charCodeAt(pos) === 9 && strip > 0 && (n < strip || !blankFrom(text, pos, end)))
        throw new NotExact('tab in an indent');
      out += text.slice(Math.min(pos, end), end);
      if (index < last) out += lineEnding(this.lines, index);
    }
    return out;
  }

  private fencedCode(node: SyntaxNode): MdastNode {
    const text = this.lines.text;
    const marks = childrenNamed(node, 'CodeMark');
    const info = childNamed(node, 'CodeInfo');
    const open = lineIndexOf(this.lines, node.from);
    const closed = marks.length > 1;
    const close = closed ? lineIndexOf(this.lines, marks[marks.length - 1].from) : lineIndexOf(this.lines, node.to) + 1;
    const containers = this.containers();
    const lineStart = contentStart(this.lines, open, containers);
    if (lineStart === null) throw new NotExact('fence on a lazy line');
    if (text.slice(lineStart, node.from).includes('\t')) throw new NotExact('tab before a fence');
    // micromark's meta runs to the end of the line (trailing white space kept); Lezer's CodeInfo is trimmed.
    const infoText = info ? text.slice(info.from, lineEnd(this.lines, open)) : '';
    if (/[\\&]/.test(infoText)) throw new NotExact('escape or entity in an info string');
    const lang = infoText.match(/^[^ \t]+/);
    const meta = lang ? infoText.slice(lang[0].length).replace(/^[ \t]+/, '') : '';
    let value = close - 1 >= open + 1 ? this.leafText(node, open + 1, close - 1, node.from - lineStart) : '';
    // mdast drops the line ending before the closing fence, and an unclosed fence's last line ending.
    if (!closed) value = value.replace(/(\r?\n|\r)$/, '');
    // Where micromark ends an unclosed fence in a container (before or after a last line of prefixes) is not
    // Lezer's: only a top-level one running to the end of the document is converted.
    if (!closed && (containers.length > 0 || node.to !== text.length)) throw new NotExact('unclosed fence');
    const end = closed ? lineEnd(this.lines, close) : node.to;
    return {
      type: 'code',
      lang: lang ? lang[0] : null,
      meta: meta === '' ? null : meta,
      value,
      position: this.position(node.from, end),
    };
  }

  private indentedCode(node: SyntaxNode): MdastNode {
    const first = lineIndexOf(this.lines, node.from);
    const last = lineIndexOf(this.lines, node.to);
    const containers = this.containers();
    // micromark splits and ends indented code in list items (and after them) in ways of its own.
    let before = node.prevSibling;
    while (before && MARKS.has(before.name)) before = before.prevSibling;
    if (containers.some((container) => !container.quote) || before?.name.endsWith('List'))
      throw new NotExact('indented code in or after a list');
    const start = contentStart(this.lines, first, containers);
    if (start === null || this.lines.text.slice(start, node.from).includes('\t'))
      throw new NotExact('tab in an indent');
    this.checkAfterIndentedCode(last);
    return {
      type: 'code',
      lang: null,
      meta: null,
      value: this.leafText(node, first, last, 4),
      position: this.position(start, node.to),
    };
  }

  /**
   * Blank lines of white space after indented code: micromark may keep them in it, or read the next line differently;
   * so may it a block right after the code (no blank line: a list not starting at 1 becomes a paragraph).
   */
  private checkAfterIndentedCode(last: number): void {
    const text = this.lines.text;
    for (let index = last + 1; index < this.lines.starts.length; index++) {
      const line = text.slice(this.lines.starts[index], lineEnd(this.lines, index));
      if (!/^[ \t>]*$/.test(line)) {
        if (index === last + 1) throw new NotExact('block right after indented code');
        return;
      }
      if (/[ \t]/.test(line)) throw new NotExact('white space after indented code');
    }
  }

  private html(node: SyntaxNode): MdastNode {
    const first = lineIndexOf(this.lines, node.from);
    let last = lineIndexOf(this.lines, node.to);
    const containers = this.containers();
    const start = contentStart(this.lines, first, containers);
    if (start === null) throw new NotExact('html on a lazy line');
    const blankLine = (index: number) => {
      const from = contentStart(this.lines, index, containers);
      return from === null || blankFrom(this.lines.text, from, lineEnd(this.lines, index));
    };
    // Kinds 1–5 (`<script`, `<pre`, `<style`, `<textarea`, `<!`, `<?`) end at a string: where one is left open in a
    // container, the two parsers end it differently.
    const opening = this.lines.text.slice(node.from, node.from + 10);
    if (/^<(?:script|pre|style|textarea|!|\?)/i.test(opening)) {
      const closing = this.lines.text.slice(this.lines.starts[last], lineEnd(this.lines, last));
      if (containers.length > 0 && !closesHtml(opening, closing)) throw new NotExact('open html in a container');
    } else {
      // Kinds 6 and 7 end at a blank line: Lezer keeps one that has container prefixes, or misses it altogether.
      while (last > first && blankLine(last)) last--;
      for (let index = first + 1; index <= last; index++) if (blankLine(index)) throw new NotExact('blank in html');
    }
    const end = Math.min(node.to, lineEnd(this.lines, last));
    return { type: 'html', value: this.leafText(node, first, last, 0), position: this.position(start, end) };
  }

  private definition(node: SyntaxNode): MdastNode {
    const text = this.lines.text;
    const label = childNamed(node, 'LinkLabel');
    const url = childNamed(node, 'URL');
    const title = childNamed(node, 'LinkTitle');
    if (!label) throw new NotExact('definition without a label');
    const raw = text.slice(node.from, node.to);
    // Escapes and entities are decoded in labels, destinations and titles; line endings keep container prefixes.
    if (/[\\&]/.test(raw)) throw new NotExact('escape or entity in a definition');
    // Lezer reads titles over several lines differently (it ends the definition before them).
    if (raw.includes('\n')) throw new NotExact('definition over lines');
    // micromark reads the line after a definition as part of the same paragraph (a title, or text that an indented
    // line or a setext underline cannot interrupt); Lezer starts a new block. Only blank lines and definitions follow.
    const nextLine = lineIndexOf(this.lines, node.to) + 1;
    if (nextLine < this.lines.starts.length) {
      const from = contentStart(this.lines, nextLine, this.containers(), true);
      const end = lineEnd(this.lines, nextLine);
      if (from === null || (!blankFrom(text, from, end) && text[from] !== '['))
        throw new NotExact('text after a definition');
    }
    const labelText = text.slice(label.from + 1, label.to - 1);
    let destination = url ? text.slice(url.from, url.to) : '';
    // micromark needs a bare destination's parentheses balanced (`[x]: /u(` is a paragraph); Lezer does not.
    if (!destination.startsWith('<') && !parenthesesBalance(destination))
      throw new NotExact('unbalanced parentheses in a destination');
    if (destination.startsWith('<')) destination = destination.slice(1, -1);
    return {
      type: 'definition',
      identifier: normalizeIdentifier(labelText).toLowerCase(),
      label: labelText,
      title: title ? text.slice(title.from + 1, title.to - 1) : null,
      url: destination,
      position: this.position(node.from, node.to),
    };
  }

  private table(node: SyntaxNode): MdastNode {
    const text = this.lines.text;
    const delimiter = childrenNamed(node, 'TableDelimiter')[0];
    if (!delimiter) throw new NotExact('table without a delimiter row');
    const align = text
      .slice(delimiter.from, delimiter.to)
      .replace(/^[ \t]*\|/, '')
      .replace(/\|[ \t]*$/, '')
      .split('|')
      .map((cell) => {
        const spec = cell.trim();
        const left = spec.startsWith(':');
        const right = spec.endsWith(':');
        return left && right ? 'center' : left ? 'left' : right ? 'right' : null;
      });
    this.checkTableStart(node);
    const rows: MdastNode[] = [];
    const containers = this.containers();
    if (contentStart(this.lines, lineIndexOf(this.lines, delimiter.from), containers, true) === null)
      throw new NotExact('lazy delimiter row');
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.name !== 'TableHeader' && child.name !== 'TableRow') continue;
      // Lezer continues a table on a lazy line (as a paragraph), and on lines that start other blocks in micromark.
      const from = contentStart(this.lines, lineIndexOf(this.lines, child.from), containers, true);
      if (from === null) throw new NotExact('lazy table row');
      if (child.name === 'TableRow' && /^(?: {0,3}\t| {4}| {0,3}[!-{}~0-9])/.test(text.slice(from, from + 8)))
        throw new NotExact('table row that may start a block');
      rows.push(this.tableRow(child));
    }
    // The table ends with its last line (the delimiter row when there is no body), trailing white space included.
    const end = lineEnd(this.lines, lineIndexOf(this.lines, node.to));
    return { type: 'table', align, children: rows, position: this.position(node.from, end) };
  }

  /**
   * A table directly after a non-blank line: micromark starts it there only when that line ends a sibling leaf (a
   * lazy line of a paragraph in a container stays in that paragraph).
   */
  private checkTableStart(table: SyntaxNode): void {
    const first = lineIndexOf(this.lines, table.from);
    if (first === 0) return;
    const previous = this.lines.text.slice(this.lines.starts[first - 1], lineEnd(this.lines, first - 1));
    if (/^[ \t>]*$/.test(previous)) return;
    let before = table.prevSibling;
    while (before && MARKS.has(before.name)) before = before.prevSibling;
    if (before && LEAVES_BEFORE_TABLE.test(before.name) && lineIndexOf(this.lines, before.to) === first - 1) return;
    throw new NotExact('table after a lazy line');
  }

  /**
   * micromark starts a block on some lazy lines where CommonMark (and Lezer) continue the paragraph (a list not
   * starting at 1, HTML): lazy lines starting with a digit, `<`, or a character of list markers, setext underlines,
   * thematic breaks or tables are not converted.
   */
  private checkLazyLines(paragraph: SyntaxNode): void {
    const first = lineIndexOf(this.lines, paragraph.from);
    const last = lineIndexOf(this.lines, paragraph.to);
    if (first === last || !paragraph.parent || paragraph.parent.name === 'Document') return;
    const containers = this.containers();
    for (let index = first + 1; index <= last; index++) {
      if (contentStart(this.lines, index, containers, true) !== null) continue;
      const line = this.lines.text.slice(this.lines.starts[index], lineEnd(this.lines, index));
      if (/^[ \t>]*[-+*0-9<=|_]/.test(line)) throw new NotExact('lazy line that may start a block');
    }
  }

  /**
   * Where a list or a nested quote inside a block quote is followed by a line of quote markers only, micromark may
   * end it after that line (always for lists; for quotes at the end of the document); Lezer ends it before.
   */
  private beforeQuotePrefixLine(node: SyntaxNode): boolean {
    if (!this.frame.inQuote) return false;
    // Lezer's node may itself end with such lines (a leaf that keeps them).
    const last = lineIndexOf(this.lines, node.to);
    if (this.quotePrefixesOnly(last)) return true;
    if (last + 1 >= this.lines.starts.length) return false;
    // A container ended by a block on the next line: micromark may end it after that line's prefix.
    const nextStart = this.lines.starts[last + 1];
    return this.quotePrefixesOnly(last + 1) || !blankFrom(this.lines.text, nextStart, lineEnd(this.lines, last + 1));
  }

  /** Is line `index` only spaces, tabs and `>`, one `>` at least? */
  private quotePrefixesOnly(index: number): boolean {
    const text = this.lines.text;
    const end = lineEnd(this.lines, index);
    let quote = false;
    for (let i = this.lines.starts[index]; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 62) quote = true;
      else if (c !== 32 && c !== 9) return false;
    }
    return quote;
  }

  /** A row's cells run from a pipe (or the row's start) to the next pipe; the last one to the end of the line. */
  private tableRow(row: SyntaxNode): MdastNode {
    const text = this.lines.text;
    const end = lineEnd(this.lines, lineIndexOf(this.lines, row.from));
    const pipes = childrenNamed(row, 'TableDelimiter').map((pipe) => pipe.from);
    const cellNodes = childrenNamed(row, 'TableCell');
    const starts = pipes[0] === row.from ? [...pipes] : [row.from, ...pipes];
    // A last pipe followed only by whitespace closes the last cell instead of opening one.
    if (starts.length > 1 && blankFrom(text, starts[starts.length - 1] + 1, end)) starts.pop();
    const cells: MdastNode[] = starts.map((from, i) => {
      const to = i + 1 < starts.length ? starts[i + 1] : end;
      const content = cellNodes.find((cell) => cell.from >= from && cell.to <= to);
      return { type: 'tableCell', children: content ? this.phrasing(content) : [], position: this.position(from, to) };
    });
    return { type: 'tableRow', children: cells, position: this.position(row.from, end) };
  }
}
