// Line arithmetic for the Lezer parse path (pipeline/markdown-lezer.ts): offsets to remark's points, line starts and
// ends, and the text of a leaf block's lines with the prefixes of its containers (block quotes, list items) removed,
// as micromark hands that text to mdast (code and HTML values).
import type { SyntaxNode } from '@lezer/common';
import { computeLineStarts } from './source-map.js';

export interface Point {
  line: number;
  column: number;
  offset: number;
}

export interface Lines {
  text: string;
  /** Offset of the first character of each line (a line ends at \n, \r\n or \r). */
  starts: number[];
  point: (offset: number) => Point;
}

export function linesOf(text: string): Lines {
  const starts = computeLineStarts(text);
  // The conversion asks for offsets mostly in order: the line of the last answer, or the next one, is tried first.
  let last = 0;
  const lineIndex = (offset: number) => {
    if (starts[last] <= offset) {
      if (last + 1 === starts.length || offset < starts[last + 1]) return last;
      if (last + 2 === starts.length || offset < starts[last + 2]) return ++last;
    } else if (last > 0 && starts[last - 1] <= offset) {
      // A node's start after its previous sibling's end, a line back.
      return --last;
    }
    last = search(offset);
    return last;
  };
  const search = (offset: number) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  };
  // micromark counts a column per character (a tab is one column; documents with tabs in prefixes are not converted).
  const point = (offset: number): Point => {
    const index = lineIndex(offset);
    return { line: index + 1, column: offset - starts[index] + 1, offset };
  };
  return { text, starts, point: Object.assign(point, { lineIndex }) };
}

/** The index of the line holding `offset`. */
export function lineIndexOf(lines: Lines, offset: number): number {
  return (lines.point as unknown as { lineIndex: (o: number) => number }).lineIndex(offset);
}

/** The offset of the end of line `index`, before its line ending. */
export function lineEnd(lines: Lines, index: number): number {
  const next = index + 1 < lines.starts.length ? lines.starts[index + 1] : lines.text.length + 1;
  if (next > lines.text.length) return lines.text.length;
  let end = next - 1;
  if (lines.text.charCodeAt(end) === 10 && end > 0 && lines.text.charCodeAt(end - 1) === 13) end--;
  return end;
}

/** The line ending after line `index` ('' for the last line). */
export function lineEnding(lines: Lines, index: number): string {
  return lines.text.slice(lineEnd(lines, index), index + 1 < lines.starts.length ? lines.starts[index + 1] : undefined);
}

/** Is line `index` empty or only spaces and tabs (from `from` on)? */
export function blankFrom(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** A container of a leaf block: a block quote, or a list item whose content starts `width` columns in. */
export interface Container {
  quote: boolean;
  firstLine: number;
  /** Where the content starts on the container's first line. */
  contentStart: number;
  /** List items: the columns a continuation line is indented by (relative to the outer containers' content). */
  width: number;
}

/** Thrown (and caught by the converter) where the conversion would not be exact: the caller falls back. */
export class NotExact extends Error {}

/**
 * Where the content of line `index` starts inside `containers` (outermost first); null when a block quote's marker
 * is missing (a lazy line; `strict`: or a list item's indent). A tab in a prefix is not converted (micromark splits
 * tabs into virtual spaces).
 */
export function contentStart(lines: Lines, index: number, containers: Container[], strict = false): number | null {
  const text = lines.text;
  const end = lineEnd(lines, index);
  let pos = lines.starts[index];
  for (const container of containers) {
    if (container.firstLine === index) {
      pos = container.contentStart;
      continue;
    }
    if (container.quote) {
      let spaces = 0;
      for (; spaces < 3 && text.charCodeAt(pos) === 32; spaces++) pos++;
      if (text.charCodeAt(pos) === 9) throw new NotExact('tab in a prefix');
      if (text.charCodeAt(pos) !== 62) return null;
      pos++;
      if (text.charCodeAt(pos) === 9) throw new NotExact('tab in a prefix');
      if (text.charCodeAt(pos) === 32) pos++;
    } else {
      let spaces = 0;
      for (; spaces < container.width && pos < end && text.charCodeAt(pos) === 32; spaces++) pos++;
      if (pos < end && spaces < container.width && text.charCodeAt(pos) === 9) throw new NotExact('tab in a prefix');
      // Strict: a non-blank line not indented to the item's content is lazy.
      if (strict && spaces < container.width && pos < end) return null;
    }
  }
  return pos;
}

/** The containers (block quotes, list items) around `node`, outermost first. */
export function containersOf(node: SyntaxNode, lines: Lines): Container[] {
  const chain: SyntaxNode[] = [];
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (parent.name === 'Blockquote' || parent.name === 'ListItem') chain.unshift(parent);
  }
  const containers: Container[] = [];
  for (const parent of chain) containers.push(containerOf(parent, containers, lines));
  return containers;
}

/** The container that block quote or list item `node` opens, inside `outer` (its own containers, outermost first). */
export function containerOf(
  node: SyntaxNode,
  outer: Container[],
  lines: Lines,
  /** A list item's first ListMark, when the caller has it (undefined: looked up). */
  mark?: SyntaxNode | null,
): Container {
  const firstLine = lineIndexOf(lines, node.from);
  if (node.name === 'Blockquote') {
    const after = node.from + 1;
    const c = lines.text.charCodeAt(after);
    if (c === 9) throw new NotExact('tab after a quote marker');
    return { quote: true, firstLine, contentStart: c === 32 ? after + 1 : after, width: 0 };
  }
  const outerStart = contentStart(lines, firstLine, outer);
  if (outerStart === null) throw new NotExact('list item on a lazy line');
  const start = itemContentStart(lines, mark === undefined ? childNamed(node, 'ListMark') : mark, firstLine);
  return { quote: false, firstLine, contentStart: start, width: start - outerStart };
}

/** Where a list item's content starts on its first line: after the marker and 1–4 spaces (1 when more or none). */
function itemContentStart(lines: Lines, mark: SyntaxNode | null, firstLine: number): number {
  if (!mark) throw new NotExact('list item without a marker');
  const text = lines.text;
  const end = lineEnd(lines, firstLine);
  let pos = mark.to;
  while (pos < end && text.charCodeAt(pos) === 32) pos++;
  if (pos < end && text.charCodeAt(pos) === 9) throw new NotExact('tab after a list marker');
  const spaces = pos - mark.to;
  if (pos === end) return mark.to + 1;
  return spaces >= 5 ? mark.to + 1 : pos;
}

/**
 * The first child of `node` named `name`. Lezer's getChild walks every child (and matches node groups, which no
 * name asked for here is): on a list item, that is all of its blocks each time.
 */
export function childNamed(node: SyntaxNode, name: string): SyntaxNode | null {
  for (let child = node.firstChild; child; child = child.nextSibling) if (child.name === name) return child;
  return null;
}

/** The children of `node` named `name`, in order (Lezer's getChildren without the node groups). */
export function childrenNamed(node: SyntaxNode, name: string): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) if (child.name === name) out.push(child);
  return out;
}
