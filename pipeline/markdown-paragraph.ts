// Dense paragraphs read exactly without micromark's inline parse (docs/robustness.md, "Markdown parsing cost",
// "Dense paragraphs").
//
// micromark costs ~10 µs per inline construct (a code span, a link, emphasis, a character reference: tokens, the
// resolvers, subtokenize, the mdast compiler), so a file of thousands of short paragraphs dense with them parses at
// ~0.1 MB/s — linear, but ten times too slow. Such a paragraph is read here instead, with upstream's exact nodes
// (positions included), by the inline reader of table cells (pipeline/markdown-cell.ts) in its paragraph mode: code
// spans, backslash escapes, inline links, unambiguous `*` emphasis, character references, soft and hard line breaks.
// Anything else (`_`/`~`, HTML, autolinks, images, references, bare URLs and e-mail look-alikes, a construct spanning
// a line ending) leaves the paragraph to micromark, unchanged.
//
// A paragraph is taken when it is a block (lines with no blank line, outside fenced code) whose first line is, after
// a prefix of `> ` markers and list markers (`-`, `+`, `*`, `1.`, `1)`, each with one space), content that can only
// start a paragraph, and whose every later line is the same containers' continuation (`> ` for a quote, the marker's
// width in spaces for a list item) followed by such content: then micromark reads the block as one paragraph in
// those containers. Before parsing, the content of each line is stood in for by inert letters of the same length (so
// no offset moves); after parsing, the paragraph micromark found there gets the nodes read here. If micromark did not
// find exactly that paragraph (an HTML block or code the scan did not see), the file is parsed again as it is.
// test/markdown-paragraph.test.ts compares the trees with the upstream parser's on generated paragraphs and every
// real Markdown file.

import { InlineReader, type PhrasingNode } from './markdown-cell.js';
import { DENSE_MIN_BLOCK, DENSE_RATIO, forEachBlockLine, LineKind } from './markdown-dense.js';

/** The smallest block read here: below it micromark's cost does not matter. */
export const EXACT_MIN_BLOCK = 64;

/** One line of a paragraph read here (offsets into the text). */
interface ParagraphLine {
  /** micromark's line number (1-based), and the offset where the line starts. */
  line: number;
  start: number;
  /** Where the paragraph's content starts on this line, and where it ends (before trailing spaces). */
  content: number;
  end: number;
  /** The line's end (before its line ending), and the next line's start. */
  lineEnd: number;
  next: number;
}

export interface ExactParagraph {
  /** Offsets of the paragraph as micromark positions it: its first content character, its last line's end. */
  start: number;
  end: number;
  lines: ParagraphLine[];
  children: PhrasingNode[];
  /** The containers it is in: none (`''`), one block quote (`'> '`), or others (their continuation prefix). */
  containers: string;
  /** Not parsed at all (blank in the text parsed): a follower of an earlier one (see standInParagraphs). */
  hidden?: boolean;
  /** The paragraphs (in the same containers) hidden after this one. */
  followers?: ExactParagraph[];
}

/**
 * The prefix of a block's first line (`> ` markers and list markers with one space, in any order) and the
 * continuation later lines of the paragraph must start with; null when the line starts otherwise (indented, tabs…).
 */
function firstLinePrefix(text: string, start: number, end: number): { content: number; continuation: string } | null {
  let k = start;
  let continuation = '';
  for (;;) {
    const c = text.charCodeAt(k);
    if (c === 62 && text.charCodeAt(k + 1) === 32) {
      continuation += '> ';
      k += 2;
      continue;
    }
    let marker = k;
    if (c === 45 || c === 43 || c === 42) marker++;
    else {
      while (marker < end && marker - k < 9 && text.charCodeAt(marker) >= 48 && text.charCodeAt(marker) <= 57) marker++;
      const delimiter = text.charCodeAt(marker);
      marker = marker > k && (delimiter === 46 || delimiter === 41) ? marker + 1 : k;
    }
    if (marker === k || text.charCodeAt(marker) !== 32) return { content: k, continuation };
    continuation += ' '.repeat(marker + 1 - k);
    k = marker + 1;
  }
}

/**
 * Can a paragraph's line start with the character at `at`, such that the line can neither start nor interrupt any
 * other block (heading, list, quote, fence, HTML, table row, setext underline, thematic break, definition is left to
 * the reader, which takes no `[x]` without `(`)?
 */
function startsParagraphOnly(text: string, at: number, end: number): boolean {
  const c = text.charCodeAt(at);
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) return true;
  if (c >= 48 && c <= 57) {
    let k = at;
    while (k < end && text.charCodeAt(k) >= 48 && text.charCodeAt(k) <= 57) k++;
    return text.charCodeAt(k) !== 46 && text.charCodeAt(k) !== 41; // not `1.` / `1)`
  }
  if (c === 96) return text.charCodeAt(at + 1) !== 96 || text.charCodeAt(at + 2) !== 96; // not a fence
  if (c === 42) {
    // Not a list marker (`*` and a space), not a thematic break (only `*` and spaces).
    if (at + 1 >= end || text.charCodeAt(at + 1) === 32) return false;
    for (let k = at; k < end; k++) if (text.charCodeAt(k) !== 42 && text.charCodeAt(k) !== 32) return true;
    return false;
  }
  if (c === 91 || c === 92 || c === 38 || c === 40 || c === 34 || c === 39) return at + 1 < end; // [ \ & ( " '
  return c >= 0xa0 && c !== 0xfeff;
}

/** The lines of the block `lines` as one paragraph read here and its containers' continuation prefix, or null. */
function paragraphLines(text: string, lines: ParagraphLine[]): { lines: ParagraphLine[]; containers: string } | null {
  const first = lines[0];
  const prefix = firstLinePrefix(text, first.start, first.lineEnd);
  if (!prefix) return null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (i > 0 && !text.startsWith(prefix.continuation, line.start)) return null;
    line.content = i > 0 ? line.start + prefix.continuation.length : prefix.content;
    let end = line.lineEnd;
    while (end > line.content && text.charCodeAt(end - 1) === 32) end--;
    line.end = end;
    if (end <= line.content || !startsParagraphOnly(text, line.content, end)) return null;
    for (let k = line.content; k < line.lineEnd; k++) if (text.charCodeAt(k) === 9) return null;
  }
  return { lines, containers: prefix.continuation };
}

/** Is the character before `at` an unescaped backslash (the last of an odd run)? */
function oddBackslashes(text: string, at: number, from: number): boolean {
  let k = at;
  while (k > from && text.charCodeAt(k - 1) === 92) k--;
  return (at - k) % 2 === 1;
}

/** The nodes of the paragraph on `lines`, as upstream parses them, or null when it holds anything not read here. */
export function readParagraph(text: string, lines: ParagraphLine[]): PhrasingNode[] | null {
  const out: PhrasingNode[] = [];
  const reader = new InlineReader(text, lines[0].line, lines[0].start, true, true, lines.length === 1);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    reader.setLine(line.line, line.start);
    const last = i === lines.length - 1;
    // A hard break: two or more trailing spaces, or a backslash right before the line ending.
    const escapeBreak = !last && line.end === line.lineEnd && oddBackslashes(text, line.end, line.content);
    const hardBreak = !last && (escapeBreak || line.lineEnd - line.end >= 2);
    const readEnd = escapeBreak ? line.end - 1 : line.end;
    if (!reader.readLine(line.content, readEnd, out)) return null;
    if (last || hardBreak) {
      if (!reader.endText(readEnd, out)) return null;
    }
    if (hardBreak) {
      const end = { line: line.line + 1, column: 1, offset: line.next };
      out.push({ type: 'break', position: { start: reader.point(readEnd), end } });
    } else if (!last) reader.softBreak(line.lineEnd, line.next);
  }
  return out;
}

/**
 * The paragraphs of `text` read here: blocks of at least `minBlock` characters, `ratio` of them ASCII punctuation,
 * that are not dense blocks of the degraded parse (pipeline/markdown-dense.ts keeps those), in order.
 */
export function exactParagraphs(text: string, minBlock = EXACT_MIN_BLOCK, ratio = DENSE_RATIO): ExactParagraph[] {
  const paragraphs: ExactParagraph[] = [];
  if (text.length < minBlock) return paragraphs;
  let block: ParagraphLine[] = [];
  let punctuation = 0;
  // A block ended by a fence line is not taken: the line may be no fence (`` ````a` ``); the paragraph goes on then.
  const close = (atFence = false) => {
    if (block.length > 0 && !atFence) {
      const first = block[0];
      const last = block[block.length - 1];
      const size = last.lineEnd - first.start;
      // A dense block of DENSE_MIN_BLOCK or more is degraded (denseBlocks), unless it has a line that could be a
      // table's delimiter row or open raw HTML — and then it is no paragraph read here either.
      const degraded = size >= DENSE_MIN_BLOCK && punctuation >= DENSE_RATIO * size;
      if (size >= minBlock && punctuation >= ratio * size && !degraded) {
        const found = paragraphLines(text, block);
        const children = found && readParagraph(text, found.lines);
        if (found && children) {
          const { lines, containers } = found;
          paragraphs.push({ start: lines[0].content, end: last.lineEnd, lines, children, containers });
        }
      }
    }
    block = [];
    punctuation = 0;
  };
  forEachBlockLine(text, (kind, lineStart, lineEnd, next, line, count) => {
    if (kind === LineKind.Fence) close(true);
    else if (kind === LineKind.Blank) close();
    else if (kind === LineKind.Content) {
      block.push({ line, start: lineStart, content: lineStart, end: lineEnd, lineEnd, next });
      punctuation += count;
    }
  });
  close();
  return paragraphs;
}

/** Inert letters standing in for `length` characters of content (a word run the shortened parse shortens). */
function filler(length: number): string {
  return length < 5 ? 'é'.repeat(length) : `é ${'é'.repeat(length - 4)} é`;
}

export interface StandIn {
  /** The text to parse: the paragraphs' content stood in for, every offset unchanged. */
  text: string;
  paragraphs: ExactParagraph[];
}

/** Is `text[from, to)` only blank lines (spaces, tabs, line endings)? */
function onlyBlank(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return false;
  }
  return true;
}

type RunKind = 'top' | 'quote' | `list${string}` | null;

/** What a run of hidden blocks can be made of: top-level paragraphs and quotes, or items of one top-level list. */
function runKind(text: string, paragraph: ExactParagraph): RunKind {
  if (paragraph.containers === '') return 'top';
  if (paragraph.containers === '> ') return 'quote';
  const start = paragraph.lines[0].start;
  const width = paragraph.containers.length;
  if (!/^ +$/.test(paragraph.containers) || paragraph.lines[0].content !== start + width) return null;
  // One list marker and a space: a bullet (its character), or digits and a delimiter (the delimiter).
  const marker = /^(?:([-+*])|\d{1,9}([.)])) $/.exec(text.slice(start, start + width));
  return marker ? `list${marker[1] ?? marker[2]}` : null;
}

function sameRun(head: RunKind, kind: RunKind): boolean {
  if (!head || !kind) return false;
  const flat = (k: RunKind) => k === 'top' || k === 'quote';
  return flat(head) ? flat(kind) : head === kind;
}

const isSpace = (c: number) => c === 32 || c === 9;

/** The offset of the first character that is not blank (space, tab, line ending) from `from`, or the text's end. */
function nextContent(text: string, from: number): number {
  let k = from;
  while (k < text.length && (isSpace(text.charCodeAt(k)) || text.charCodeAt(k) === 10 || text.charCodeAt(k) === 13))
    k++;
  return k;
}

/**
 * The text with the content of the paragraphs read here stood in for, or null when there is none.
 *
 * micromark still costs ~70 µs per paragraph and more per block quote or list item, however short their content. So
 * a paragraph or a block quote holding one paragraph at the top level, or an item of a top-level list holding one
 * paragraph, that comes right after another of its kind (only blank lines between) and before more content is not
 * given to micromark at all: its lines are blanked (spaces, line endings kept). Blank lines after a closed paragraph
 * or quote change nothing: no container is open there, so what follows is read the same; after a list item they
 * change nothing either when the next line is at column 1 (it then closes the list, or is an item of it, both
 * times). The hidden ones are put back into the tree after the first of their run (restoreParagraphs): items into
 * that list, which is then loose (blank lines separate its items).
 */
export function standInParagraphs(text: string, minBlock?: number, ratio?: number): StandIn | null {
  const paragraphs = exactParagraphs(text, minBlock, ratio);
  if (paragraphs.length === 0) return null;
  const pieces: string[] = [];
  let copied = 0;
  let head: ExactParagraph | null = null; // the first of the current run of hideable ones
  for (let i = 0; i < paragraphs.length; i++) {
    const paragraph = paragraphs[i];
    const first = paragraph.lines[0];
    const last = paragraph.lines[paragraph.lines.length - 1];
    const kind = runKind(text, paragraph);
    const previous = paragraphs[i - 1];
    const follows =
      head !== null &&
      sameRun(runKind(text, head), kind) &&
      onlyBlank(text, previous.lines[previous.lines.length - 1].lineEnd, first.start);
    // After a list item, a following indented line would belong to the item before it: only a line at column 1.
    const next = nextContent(text, last.lineEnd);
    const closed = next < text.length && (kind === 'top' || kind === 'quote' || !isSpace(text.charCodeAt(next)));
    if (follows && closed) {
      paragraph.hidden = true;
      (head!.followers ??= []).push(paragraph);
      pieces.push(text.slice(copied, first.start));
      for (const line of paragraph.lines)
        pieces.push(' '.repeat(line.lineEnd - line.start), text.slice(line.lineEnd, line.next));
      copied = Math.min(last.next, text.length);
      continue;
    }
    head = kind ? paragraph : null;
    for (const line of paragraph.lines) {
      pieces.push(text.slice(copied, line.content), filler(line.end - line.content));
      copied = line.end;
    }
  }
  pieces.push(text.slice(copied));
  return { text: pieces.join(''), paragraphs };
}

interface TreeNode {
  type: string;
  position?: { start: { offset?: number }; end: { offset?: number } };
  children?: TreeNode[];
}

/**
 * Give each paragraph of `tree` (parsed from the stood-in text) that is one read here the nodes read here. False
 * when some paragraph read here is not a paragraph of the tree: the tree is not the original's then.
 */
export function restoreParagraphs(tree: TreeNode, paragraphs: ExactParagraph[]): boolean {
  const byStart = new Map(paragraphs.filter((p) => !p.hidden).map((p) => [p.start, p]));
  let found = 0;
  const stack: TreeNode[] = [tree];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'paragraph') {
      const paragraph = byStart.get(node.position?.start.offset ?? -1);
      if (paragraph && node.position?.end.offset === paragraph.end) {
        node.children = paragraph.children as TreeNode[];
        found++;
      }
      continue;
    }
    if (node.children) for (const child of node.children) stack.push(child);
  }
  return found === byStart.size && restoreHidden(tree, byStart);
}

/** Put the hidden paragraphs back after the first of their run (a top-level paragraph or quote); false if missing. */
function restoreHidden(tree: TreeNode, byStart: Map<number, ExactParagraph>): boolean {
  if (![...byStart.values()].some((p) => p.followers)) return true;
  let placed = 0;
  let expected = 0;
  for (const p of byStart.values()) if (p.followers) expected++;
  const children: TreeNode[] = [];
  for (const node of tree.children ?? []) {
    children.push(node);
    if (node.type === 'list') {
      placed += restoreHiddenItems(node, byStart);
      continue;
    }
    const inner = node.type === 'blockquote' && node.children?.length === 1 ? node.children[0] : node;
    if (inner.type !== 'paragraph') continue;
    const head = byStart.get(inner.position?.start.offset ?? -1);
    if (!head?.followers || (inner !== node) !== (head.containers === '> ')) continue;
    for (const follower of head.followers) children.push(hiddenNode(follower));
    placed++;
  }
  tree.children = children;
  return placed === expected;
}

/** Put hidden list items back into `list` after the first of their run; how many runs were put back. */
function restoreHiddenItems(list: TreeNode, byStart: Map<number, ExactParagraph>): number {
  let placed = 0;
  const items: TreeNode[] = [];
  for (const item of list.children ?? []) {
    items.push(item);
    const inner = item.children?.length === 1 ? item.children[0] : null;
    const head = inner?.type === 'paragraph' ? byStart.get(inner.position?.start.offset ?? -1) : undefined;
    if (!head?.followers || !head.containers.startsWith(' ')) continue;
    for (const follower of head.followers) items.push(hiddenNode(follower));
    placed++;
  }
  if (placed > 0) {
    list.children = items;
    (list as { spread?: boolean }).spread = true;
    const lastEnd = items[items.length - 1].position!.end;
    if ((lastEnd.offset ?? 0) > (list.position!.end.offset ?? 0)) list.position!.end = { ...lastEnd };
  }
  return placed;
}

/** The tree node of a hidden paragraph: the paragraph, in a block quote when it is in one. */
function hiddenNode(paragraph: ExactParagraph): TreeNode {
  const first = paragraph.lines[0];
  const last = paragraph.lines[paragraph.lines.length - 1];
  const point = (line: ParagraphLine, offset: number) => ({ line: line.line, column: offset - line.start + 1, offset });
  const end = point(last, last.lineEnd);
  const node = {
    type: 'paragraph',
    children: paragraph.children,
    position: { start: point(first, first.content), end },
  } as TreeNode;
  if (paragraph.containers === '') return node;
  const position = { start: point(first, first.start), end: { ...end } };
  if (paragraph.containers === '> ') return { type: 'blockquote', children: [node], position };
  return { type: 'listItem', spread: false, checked: null, children: [node], position } as TreeNode;
}
