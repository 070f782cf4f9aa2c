// A large document parsed by Lezer in parts (issue #18): Lezer's tree of a whole document is ~80 bytes per input byte
// (400 MB for 5 MB of tiny nested blocks), and it all lived until the whole mdast was built, so a 20 MB file peaked at
// ~3 GB and the garbage collector copied the growing tree again and again. Parsed part by part, each part's tree (and
// the mdast built from it, when the caller walks each block as it comes) dies young.
//
// A part ends only where no block can stay open across the cut: after a blank line, before a line that starts at
// column 0 with a character that cannot continue a list (no space, tab, list marker or digit), or with a list item of
// another kind than the last top-level item (another bullet or delimiter starts a new list). A blank line ends
// paragraphs, block quotes, tables and HTML blocks of kinds 6–7; a line at column 0 that is not a list item ends every
// list and indented code. What can still be open is a fenced code block or an HTML block of kinds 1–5 (they run over
// blank lines until their end string), at the top or inside a container: the scan below skips the top-level fences and
// HTML blocks it sees, and `endsOpen` checks the part's tree — a part whose last block is still open is not used, and
// the rest of the document is parsed as one part. Definitions are document-wide (a reference may come before its
// definition): a document that may hold one is parsed whole. test/markdown-lezer-chunks.test.ts checks that the
// parts' trees are the whole tree's.
import type { SyntaxNode, Tree } from '@lezer/common';
import { BLOCK_CONTAINERS } from './markdown-lezer-tables.js';

/**
 * A part may end once it holds LEZER_PART characters or LEZER_PART / LINE_RATIO lines, whichever comes first. Its tree
 * (and mdast) must die in V8's young generation, and the tree grows with the blocks more than with the characters:
 * on 5 MB of tiny nested blocks (~25 characters a line), parts of 2–8 KB spent ~0.5 s in scavenges, 32 KB ~1.5 s, the
 * whole document 2.5 s. Each part costs a Lezer parse of its own, ~0.4 ms more on a first reading: 8 KB parts of news
 * prose (long lines) made its first parse ~20 % slower, 64 KB ones none.
 */
export const LEZER_PART = 64 * 1024;
const LINE_RATIO = 128;

/** Is the document read in parts (see LEZER_PART)? Not under 16 KB (its tree is small), nor with a definition. */
export function readInParts(text: string, part: number): boolean {
  return part > 0 && text.length >= Math.min(2 * part, 16 * 1024) && !text.includes(']:');
}

/** A line opening a fenced code block (at most three spaces, then three backticks or tildes): its fence, or null. */
function fenceOpening(text: string, start: number, end: number): { char: number; length: number } | null {
  let i = start;
  while (i < end && i - start < 3 && text.charCodeAt(i) === 32) i++;
  const char = text.charCodeAt(i);
  if (char !== 96 && char !== 126) return null;
  let k = i;
  while (k < end && text.charCodeAt(k) === char) k++;
  if (k - i < 3) return null;
  // A backtick fence's info string holds no backtick (else the line is inline code).
  if (char === 96 && text.slice(k, end).includes('`')) return null;
  return { char, length: k - i };
}

/** Does the line close a fence of `char` × `length` (at most three spaces, the fence or longer, then white space)? */
function closesFence(text: string, start: number, end: number, fence: { char: number; length: number }): boolean {
  let i = start;
  while (i < end && i - start < 3 && text.charCodeAt(i) === 32) i++;
  let k = i;
  while (k < end && text.charCodeAt(k) === fence.char) k++;
  if (k - i < fence.length) return false;
  for (; k < end; k++) if (text.charCodeAt(k) !== 32 && text.charCodeAt(k) !== 9) return false;
  return true;
}

function blankLine(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) !== 32 && text.charCodeAt(i) !== 9) return false;
  return true;
}

/** A character at column 0 after a blank line that no open list or indented code can take as its own line. */
function endsContainers(c: number): boolean {
  // Space, tab, `*`, `+`, `-`, digits (list markers, thematic breaks that might be list items) and line endings.
  return !(c === 32 || c === 9 || c === 10 || c === 13 || c === 42 || c === 43 || c === 45 || (c >= 48 && c <= 57));
}

/**
 * The kind of list item a line at column 0 to 3 starts: its bullet (`-`, `+`, `*`) or its number's delimiter (`.`,
 * `)`), or 0 for none. A thematic break like `* * *` counts as an item: it ends a list of another kind all the same.
 */
function itemKind(text: string, start: number, end: number): number {
  let i = start;
  while (i < end && i - start < 3 && text.charCodeAt(i) === 32) i++;
  let c = text.charCodeAt(i);
  if (c === 45 || c === 43 || c === 42) {
    const after = text.charCodeAt(i + 1);
    return i + 1 === end || after === 32 || after === 9 ? c : 0;
  }
  const digits = i;
  while (i < end && i - digits < 9 && c >= 48 && c <= 57) c = text.charCodeAt(++i);
  if (i === digits || (c !== 46 && c !== 41)) return 0;
  const after = text.charCodeAt(i + 1);
  return i + 1 === end || after === 32 || after === 9 ? c : 0;
}

const HTML_BLOCKS = new Set(['HTMLBlock', 'CommentBlock', 'ProcessingInstructionBlock']);
/** HTML blocks of kinds 1–5 (`<script`, `<pre`, `<style`, `<textarea`, `<!`, `<?`) end at a string. */
const HTML_TO_A_STRING = /^<(?:script|pre|style|textarea|!|\?)/i;
/** Each such kind's start and the string that ends it (CommonMark 4.6), the last one (`>`) only on the block's line. */
const HTML_ENDS: readonly (readonly [RegExp, RegExp])[] = [
  [/^<(?:script|pre|style|textarea)(?:[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^<!--/, /-->/],
  [/^<\?/, /\?>/],
  [/^<!\[CDATA\[/, /\]\]>/],
  [/^<![A-Za-z]/, />/],
];

/** A line (at most three spaces in) opening an HTML block of kinds 1–5 that it does not also end: its end, or null. */
function htmlOpening(text: string, start: number, end: number): RegExp | null {
  let i = start;
  while (i < end && i - start < 3 && text.charCodeAt(i) === 32) i++;
  if (text.charCodeAt(i) !== 60) return null;
  const head = text.slice(i, i + 10);
  const kind = HTML_ENDS.find(([opening]) => opening.test(head));
  return kind && !kind[1].test(text.slice(i, end)) ? kind[1] : null;
}

/** The ends of the parts of `text`, in order, found by one scan over its lines. */
export class PartCutter {
  private at: number;
  private fence: { char: number; length: number } | null = null;
  /** The string that ends the HTML block (kinds 1–5) the scan is in, which may run over blank lines. */
  private html: RegExp | null = null;
  private afterBlank = false;
  /** Lines read since the part began. */
  private lines = 0;
  private readonly partLines: number;
  /**
   * The kind (itemKind) of the last top-level list item, when the scan is sure of it (the item started at column 0). An
   * item of another kind at column 0 after a blank line starts a new list (CommonMark), whether or not the list was
   * still open, so a part may end before it. 0 = not sure.
   */
  private list = 0;

  constructor(
    private readonly text: string,
    from: number,
    private readonly part: number,
  ) {
    this.at = from;
    this.partLines = Math.max(1, Math.floor(part / LINE_RATIO));
  }

  /**
   * The end of the part starting at `from` (a line start at least `part` characters or `part / LINE_RATIO` lines on),
   * or the text's length.
   */
  next(from: number): number {
    const text = this.text;
    while (this.at < text.length) {
      const start = this.at;
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      this.at = end + 1;
      this.lines++;
      if (this.fence) {
        if (closesFence(text, start, end, this.fence)) this.fence = null;
        this.afterBlank = false;
        continue;
      }
      if (this.html) {
        if (this.html.test(text.slice(start, end))) this.html = null;
        this.afterBlank = false;
        continue;
      }
      const full = start - from >= this.part || this.lines > this.partLines;
      const first = text.charCodeAt(start);
      const kind = itemKind(text, start, end);
      const newList = kind !== 0 && first !== 32 && this.list !== 0 && kind !== this.list;
      if (this.afterBlank && full && (endsContainers(first) || newList)) {
        // The line is read again as the first of the next part.
        this.at = start;
        this.afterBlank = false;
        this.lines = 0;
        this.list = 0;
        return start;
      }
      this.afterBlank = blankLine(text, start, end);
      if (this.afterBlank) continue;
      this.fence = fenceOpening(text, start, end);
      if (!this.fence) this.html = htmlOpening(text, start, end);
      // An item at column 1–3 may be nested or a new top-level list: not sure. Other lines leave the kind: they are in
      // the list (or lazy), or they ended it, and after them an item of another kind starts a new list all the same.
      if (kind !== 0) this.list = first === 32 ? 0 : kind;
    }
    return text.length;
  }
}

/** Lezer's tree of `input`'s characters [from, to), its positions those of the whole input. */
export function parsePart(
  parser: { parse: (input: string, fragments?: undefined, ranges?: { from: number; to: number }[]) => Tree },
  input: string,
  from: number,
  to: number,
): Tree {
  if (from === 0) return to === input.length ? parser.parse(input) : parser.parse(input, undefined, [{ from, to }]);
  // A single range would give positions relative to its start; an empty first range makes Lezer add the gap back.
  return parser.parse(input, undefined, [
    { from: 0, to: 0 },
    { from, to },
  ]);
}

/**
 * Does the HTML block starting at `from` (ending at `to`) of kinds 1–5 still run? It does unless the string that ends
 * its kind is in it. Inside a container a later line starts with the container's `>`, so a kind whose end is `>`
 * counts only its first line there; a start this does not know is taken as open.
 */
function htmlBlockOpen(text: string, from: number, to: number, nested: boolean): boolean {
  const head = text.slice(from, from + 10);
  if (!HTML_TO_A_STRING.test(head)) return false;
  for (const [start, end] of HTML_ENDS) {
    if (!start.test(head)) continue;
    const lineEnd = text.indexOf('\n', from);
    const stop = nested && end.source === '>' && lineEnd >= 0 && lineEnd < to ? lineEnd : to;
    return !end.test(text.slice(from, stop));
  }
  return true;
}

/**
 * Does the part's last block, or a last block inside it, possibly still run at the part's end (a fence not closed, an
 * HTML block whose end string has not come)? Such a part is not used as it is.
 */
export function endsOpen(tree: Tree, text: string): boolean {
  let node: SyntaxNode | null = tree.topNode.lastChild;
  let nested = false;
  while (node) {
    if (HTML_BLOCKS.has(node.name)) return htmlBlockOpen(text, node.from, node.to, nested);
    if (node.name === 'FencedCode') {
      let marks = 0;
      for (let child = node.firstChild; child; child = child.nextSibling) if (child.name === 'CodeMark') marks++;
      return marks < 2;
    }
    if (!BLOCK_CONTAINERS.has(node.name)) return false;
    node = node.lastChild;
    nested = true;
  }
  return false;
}
