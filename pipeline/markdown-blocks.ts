// Runs of simple blocks read without micromark, with upstream's exact tree (docs/robustness.md, "Markdown parsing
// cost", "Many small blocks").
//
// micromark's cost is per block more than per character: each block quote opens a flow tokenizer, each paragraph a
// content and a text tokenizer, each list item its container events, all kept alive (with their closures and chunks)
// until the tree is built; a file of thousands of two-line block quotes, list items or tiny paragraphs parsed at
// ~0.2–0.4 MB/s, most of it micromark and the garbage collection of its tokens. Here the blocks whose tree is known
// from their text alone are recognised:
// - a paragraph of plain lines;
// - a block quote whose every line is `>` (and one optional space) followed by a plain line: one paragraph;
// - a list of items whose first line is a marker (`-`, `*`, `+`, `1.`, `1)`), one space and a plain line, and whose
//   other lines are exactly as many spaces as the marker and its space, followed by a plain line (one paragraph per
//   item; the list is loose when a blank line separates two items);
// - an ATX heading (`#` to `######`, one space, a plain line that does not end with `#`), and a setext heading
//   (plain lines, then a line of only `=` or only `-`).
// A plain line starts (after that prefix) with an ASCII letter or a non-ASCII character, has no tab, control
// character, trailing space, `www.`, nor any of ``! & * : < > @ [ \ ] _ ` ~`` (nothing an inline construct can start
// or end on, so its content is one text node), and is not in a dense block (pipeline/markdown-dense.ts).
//
// A *run* is a sequence of such blocks, each a group of lines between blank lines, that starts after a blank line (or
// at the start) and ends before one (or at the end). pipeline/markdown-skeleton.ts stands in for the whole run by one
// marker on one line: micromark parses it as a one-line paragraph, and that paragraph is replaced by the run's nodes,
// built here from the original text (values and positions). The skeleton's restore moves every later point by the
// characters and lines the run stood for. A run's context must be the root: the parser checks that every stand-in
// came out as a paragraph of the root holding only its marker (so no fenced code, HTML block or container was open
// there), and parses again without runs when one did not. A list cannot start a run where an earlier root list could
// still be open (a later item of the same kind, or an indented line, would continue it), nor end one where the next
// group would continue it. test/markdown-blocks.test.ts compares the trees with the upstream parser's.

import type { Block as DenseBlock } from './markdown-dense.js';

interface Point {
  line: number;
  column: number;
  offset: number;
}
export interface MdastNode {
  type: string;
  [key: string]: unknown;
}

/** One line of a group: its start, where its content starts (after a prefix), its end and its number (1-based). */
interface Line {
  start: number;
  content: number;
  end: number;
  line: number;
}

interface ListBlock {
  kind: 'list';
  /** The marker's kind (`-`, `*`, `+`, `.`, `)`): an item of another kind starts another list. */
  key: string;
  ordered: boolean;
  start: number | null;
  spread: boolean;
  items: Line[][];
}

type SimpleBlock =
  | { kind: 'paragraph' | 'quote'; lines: Line[] }
  | { kind: 'heading'; depth: number; lines: Line[]; underline: Line | null }
  | { kind: 'code'; lang: string | null; lines: Line[] }
  | ListBlock;

/** A run: original offsets of its first line's start and last line's end, its first line, and its blocks. */
export interface BlockRun {
  start: number;
  end: number;
  line: number;
  /** The line of the run's end, and the column after its last character. */
  endLine: number;
  endColumn: number;
  blocks: SimpleBlock[];
}

/** Can an inline construct start or end on this code unit (or is it a control character)? */
function isInert(c: number): boolean {
  if (c < 0x20 || c === 0x7f) return false;
  switch (c) {
    case 33: // !
    case 38: // &
    case 42: // *
    case 58: // :
    case 60: // <
    case 62: // >
    case 64: // @
    case 91: // [
    case 92: // \
    case 93: // ]
    case 95: // _
    case 96: // `
    case 126: // ~
      return false;
    default:
      return true;
  }
}

/** A letter or a non-ASCII character: starts no block. */
function startsNothing(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c >= 0x80;
}

/** Is `text[from, to)` a plain line (see the file's comment)? `noHash`: nor ending with `#` (an ATX heading). */
export function isPlainLine(text: string, from: number, to: number, noHash = false): boolean {
  if (to <= from || !startsNothing(text.charCodeAt(from))) return false;
  const last = text.charCodeAt(to - 1);
  if (last === 32 || (noHash && last === 35)) return false;
  let dot = false;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (!isInert(c)) return false;
    if (c === 46) dot = true;
  }
  return !dot || !/www\./i.test(text.slice(from, to));
}

/** A list item's marker at `start`: its kind (`-`, `*`, `+`, `.`, `)`), width and value; null when there is none. */
function listMarker(text: string, start: number, end: number): { kind: string; width: number; value: number } | null {
  const c = text.charCodeAt(start);
  if (c === 45 || c === 42 || c === 43) {
    return text.charCodeAt(start + 1) === 32 ? { kind: text[start], width: 2, value: 0 } : null;
  }
  let k = start;
  while (k < end && k - start < 10 && text.charCodeAt(k) >= 48 && text.charCodeAt(k) <= 57) k++;
  if (k === start || k - start > 9) return null;
  const d = text.charCodeAt(k);
  if ((d !== 46 && d !== 41) || text.charCodeAt(k + 1) !== 32) return null;
  return { kind: text[k], width: k - start + 2, value: Number.parseInt(text.slice(start, k), 10) };
}

/** Could this line start or continue a list item at the root (0–3 spaces, a marker, then a space, a tab or its end)? */
const ROOT_ITEM = /^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;

/** A group of lines as simple blocks (one, or lists of items of different kinds); null when it is not. */
function classify(text: string, lines: Line[]): SimpleBlock[] | null {
  const first = lines[0];
  const c = text.charCodeAt(first.start);
  const one = (block: SimpleBlock | null) => (block ? [block] : null);
  if (c === 62) return one(quoteBlock(text, lines));
  if (c === 35) return lines.length === 1 ? one(atxHeading(text, first)) : null;
  if (startsNothing(c)) return one(paragraphOrSetext(text, lines));
  if (c === 96 || c === 126) return one(fencedCode(text, lines));
  return listBlocks(text, lines);
}

const FENCE_OPEN = /^(`{3,}|~{3,})([A-Za-z0-9_+-]*)$/;
const FENCE_LIKE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

/**
 * Fenced code at column 1 with no blank line inside: an opening fence with an info string of one word (letters,
 * digits, `_`, `+`, `-`) or none, content lines with no tab or control character and none that could close the fence,
 * and a closing fence the same as the opening one.
 */
function fencedCode(text: string, lines: Line[]): SimpleBlock | null {
  if (lines.length < 2) return null;
  const first = lines[0];
  const last = lines[lines.length - 1];
  const open = FENCE_OPEN.exec(text.slice(first.start, first.end));
  if (!open || text.slice(last.start, last.end) !== open[1]) return null;
  for (let i = 1; i < lines.length - 1; i++) {
    const { start, end } = lines[i];
    for (let k = start; k < end; k++) {
      const c = text.charCodeAt(k);
      if (c < 0x20 || c === 0x7f) return null;
    }
    const fence = FENCE_LIKE.exec(text.slice(start, Math.min(end, start + 200)));
    if (fence && fence[1][0] === open[1][0] && fence[1].length >= open[1].length) return null;
  }
  return { kind: 'code', lang: open[2] || null, lines };
}

function quoteBlock(text: string, lines: Line[]): SimpleBlock | null {
  for (const line of lines) {
    if (text.charCodeAt(line.start) !== 62) return null;
    line.content = line.start + (text.charCodeAt(line.start + 1) === 32 ? 2 : 1);
    if (!isPlainLine(text, line.content, line.end)) return null;
  }
  return { kind: 'quote', lines };
}

function atxHeading(text: string, line: Line): SimpleBlock | null {
  let depth = 0;
  while (depth < 7 && text.charCodeAt(line.start + depth) === 35) depth++;
  if (depth > 6 || text.charCodeAt(line.start + depth) !== 32) return null;
  line.content = line.start + depth + 1;
  if (!isPlainLine(text, line.content, line.end, true)) return null;
  return { kind: 'heading', depth, lines: [line], underline: null };
}

/** Is the line only `=` or only `-` (1 or more)? Returns the heading depth, or 0. */
function setextDepth(text: string, line: Line): number {
  const c = text.charCodeAt(line.start);
  if (c !== 61 && c !== 45) return 0;
  for (let k = line.start; k < line.end; k++) if (text.charCodeAt(k) !== c) return 0;
  return c === 61 ? 1 : 2;
}

function paragraphOrSetext(text: string, lines: Line[]): SimpleBlock | null {
  const last = lines[lines.length - 1];
  const depth = lines.length > 1 ? setextDepth(text, last) : 0;
  const content = depth ? lines.slice(0, -1) : lines;
  for (const line of content) if (!isPlainLine(text, line.start, line.end)) return null;
  return depth ? { kind: 'heading', depth, lines: content, underline: last } : { kind: 'paragraph', lines };
}

/**
 * A group of list items: one list per run of items of one kind (an item of another kind starts a new list there; an
 * ordered one must then start at 1, or it could not interrupt the item before). Null when a line is not simple.
 */
function listBlocks(text: string, lines: Line[]): ListBlock[] | null {
  const lists: ListBlock[] = [];
  let list: ListBlock | null = null;
  let width = 0;
  for (const line of lines) {
    const marker = listMarker(text, line.start, line.end);
    if (marker) {
      if (!list || marker.kind !== list.key) {
        const ordered = marker.kind === '.' || marker.kind === ')';
        if (list && ordered && marker.value !== 1) return null;
        list = {
          kind: 'list',
          key: marker.kind,
          ordered,
          start: ordered ? marker.value : null,
          spread: false,
          items: [],
        };
        lists.push(list);
      }
      width = marker.width;
      line.content = line.start + width;
      list.items.push([line]);
    } else {
      if (!list) return null;
      for (let k = line.start; k < line.start + width; k++) if (text.charCodeAt(k) !== 32) return null;
      line.content = line.start + width;
      list.items[list.items.length - 1].push(line);
    }
    if (!isPlainLine(text, line.content, line.end)) return null;
  }
  return lists;
}

/** The last line of a block. */
function lastLine(block: SimpleBlock): Line {
  if (block.kind === 'list') return block.items[block.items.length - 1].at(-1)!;
  if (block.kind === 'heading' && block.underline) return block.underline;
  return block.lines[block.lines.length - 1];
}

/** Is `text[from, to)` only spaces and tabs? */
function isBlankLine(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** The groups of the text: maximal runs of non-blank lines (a blank line, or the start or end, around each). */
function* groups(text: string): Generator<Line[]> {
  let group: Line[] = [];
  let line = 1;
  for (let start = 0; start <= text.length; line++) {
    let end = start;
    while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    if (isBlankLine(text, start, end)) {
      if (group.length) yield group;
      group = [];
    } else group.push({ start, content: start, end, line });
    if (end >= text.length) break;
    start = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
  }
  if (group.length) yield group;
}

/**
 * Where runs may start: 0, or after the closing fence when the first line opens front matter (`---` or `+++`); -1
 * when that front matter is never closed (upstream then reads no container in the whole text: the front matter
 * construct holds every line until the end, where it fails).
 */
export function afterFrontMatter(text: string): number {
  const open = /^(---|\+\+\+)[ \t]*(?:\r\n|\r|\n)/.exec(text);
  if (!open) return 0;
  const fence = open[1] === '---' ? '---' : '\\+\\+\\+';
  const close = new RegExp(`(?:\\r\\n|\\r|\\n)${fence}[ \\t]*(?=\\r|\\n|$)`, 'g');
  close.lastIndex = open[0].length - 1;
  const found = close.exec(text);
  return found ? found.index + found[0].length : -1;
}

/** A fence run (3+ backticks or tildes) starting a line after spaces, tabs, `>` and list markers. */
const FENCE_RUN = /^(?:[ \t>]|[-*+][ \t]|\d{1,9}[.)][ \t])*(`{3,}|~{3,})(.*)$/;
/** The start of an HTML block that ends at a string (CommonMark kinds 1–5), and that string. */
const RAW_HTML = /^ {0,3}<(?:(script|pre|style|textarea)(?=[\s>]|$)|(!--)|(\?)|(!\[CDATA\[)|(![A-Za-z]))/i;

function rawHtmlEnd(found: RegExpExecArray): string {
  if (found[1]) return `</${found[1].toLowerCase()}>`;
  return found[2] ? '-->' : found[3] ? '?>' : found[4] ? ']]>' : '>';
}

/**
 * The fenced code or raw HTML (`<script>`, `<!--`, …) still open after the lines of a group that is not simple: the
 * fence's run, or the string that ends the HTML; null when none. Only a guess (containers are not followed): it keeps
 * runs from starting inside fenced code or HTML with blank lines, where their stand-ins would not come out at the root
 * and the text would be parsed twice; a wrong guess costs speed, never the tree.
 */
function openFenceAfter(text: string, lines: Line[], open: string | null): string | null {
  let state = open;
  for (const line of lines) {
    const content = text.slice(line.start, line.end);
    let from = 0;
    if (state === null) {
      const html = RAW_HTML.exec(content);
      if (html) {
        state = rawHtmlEnd(html);
        from = html[0].length;
      } else {
        const found = FENCE_RUN.exec(content.slice(0, 200));
        if (found && (found[1][0] === '~' || !found[2].includes('`'))) state = found[1];
        continue;
      }
    }
    if (state[0] === '`' || state[0] === '~') {
      const found = FENCE_RUN.exec(content.slice(0, 200));
      if (found && found[1][0] === state[0] && found[1].length >= state.length && /^[ \t]*$/.test(found[2]))
        state = null;
    } else if (content.toLowerCase().includes(state, from)) state = null;
  }
  return state;
}

/** Runs of simple blocks in `text` (see the file's comment). Groups overlapping a dense block are not simple. */
export function findBlockRuns(text: string, dense: DenseBlock[] = []): BlockRun[] {
  const from = afterFrontMatter(text);
  if (from < 0) return [];
  const runs: BlockRun[] = [];
  let run: BlockRun | null = null;
  let list: ListBlock | null = null; // the run's last list, while a later group could still continue it
  let runEnd: Line | null = null; // the last line of the run's last committed block
  /** A root list that is not ours may still be open: a list group must not start a run. */
  let foreignList = false;
  let denseAt = 0;
  const close = () => {
    if (run && run.blocks.length && runEnd)
      runs.push({ ...run, end: runEnd.end, endLine: runEnd.line, endColumn: runEnd.end - runEnd.start + 1 });
    run = null;
  };
  const commit = (block: SimpleBlock) => {
    run!.blocks.push(block);
    runEnd = lastLine(block);
  };
  const rootItems = (lines: Line[]) => lines.some((line) => ROOT_ITEM.test(text.slice(line.start, line.end)));
  let fence: string | null = null; // fenced code left open by a group that is not simple
  for (const lines of groups(text)) {
    const first = lines[0];
    const last = lines[lines.length - 1];
    if (first.start < from) {
      // The front matter's group: lines after its closing fence (no blank line between) may open a root list, fenced
      // code or HTML that later groups continue.
      const after = lines.filter((line) => line.start >= from);
      fence = openFenceAfter(text, after, null);
      foreignList = rootItems(after);
      continue;
    }
    if (fence !== null) {
      fence = openFenceAfter(text, lines, fence);
      // The lines after a closing fence may open a root list that a later group's items continue (a guess that costs
      // speed when it is wrong: a list-like line in the code).
      if (rootItems(lines)) foreignList = true;
      continue;
    }
    while (denseAt < dense.length && dense[denseAt].end < first.start) denseAt++;
    const inDense = denseAt < dense.length && dense[denseAt].start <= last.end;
    const blocks = inDense ? null : classify(text, lines);
    const indented = text.charCodeAt(first.start) === 32 || text.charCodeAt(first.start) === 9;
    if (list) {
      const head = blocks?.[0];
      if (head?.kind === 'list' && head.key === list.key) {
        // More items of our list after a blank line: the list is loose.
        list.items.push(...head.items);
        list.spread = true;
        blocks!.shift();
        if (blocks!.length === 0) continue;
      } else if (indented || (!blocks && rootItems(lines.slice(0, 1)))) {
        // The group would continue our list (an indented line, or an item of any kind we could not read): the list
        // is not ours after all.
        list = null;
        close();
        foreignList = true;
        fence = openFenceAfter(text, lines, null);
        continue;
      }
      commit(list);
      list = null;
    }
    // An ordered list that does not start at 1 cannot interrupt: where a run starts, an earlier construct (indented
    // code looking past blank lines) may still be open, and upstream then reads the line as a paragraph.
    const head = blocks?.[0];
    const interrupts = !run && head?.kind === 'list' && head.start !== null && head.start !== 1;
    if (!blocks || interrupts || (head?.kind === 'list' && foreignList)) {
      close();
      fence = openFenceAfter(text, lines, null);
      foreignList = indented ? foreignList || rootItems(lines) : rootItems(lines);
      continue;
    }
    foreignList = false;
    run ??= { start: first.start, end: -1, line: first.line, endLine: 0, endColumn: 0, blocks: [] };
    const tail = blocks[blocks.length - 1];
    for (let i = 0; i < blocks.length - 1; i++) commit(blocks[i]);
    if (tail.kind === 'list') list = tail;
    else commit(tail);
  }
  if (list) commit(list);
  close();
  return runs;
}

// ---- Building the nodes (what mdast-util-from-markdown makes of the same text) ----

function point(line: Line, offset: number): Point {
  return { line: line.line, column: offset - line.start + 1, offset };
}

/** The paragraph (or heading text) of lines: one text node, the lines' contents joined by their own line endings. */
function textOf(text: string, lines: Line[]): { value: string; start: Point; end: Point } {
  const first = lines[0];
  const last = lines[lines.length - 1];
  let value: string;
  if (lines.every((line) => line.content === line.start)) value = text.slice(first.content, last.end);
  else {
    const parts: string[] = [];
    for (let i = 0; i < lines.length; i++) {
      parts.push(text.slice(lines[i].content, lines[i].end));
      if (i + 1 < lines.length) parts.push(text.slice(lines[i].end, lines[i + 1].start));
    }
    value = parts.join('');
  }
  return { value, start: point(first, first.content), end: point(last, last.end) };
}

function paragraph(text: string, lines: Line[]): MdastNode {
  const { value, start, end } = textOf(text, lines);
  return {
    type: 'paragraph',
    children: [{ type: 'text', value, position: { start, end } }],
    position: { start: { ...start }, end: { ...end } },
  };
}

function blockNode(text: string, block: SimpleBlock): MdastNode {
  const first = block.kind === 'list' ? block.items[0][0] : block.lines[0];
  switch (block.kind) {
    case 'paragraph':
      return paragraph(text, block.lines);
    case 'quote': {
      const last = block.lines[block.lines.length - 1];
      return {
        type: 'blockquote',
        children: [paragraph(text, block.lines)],
        position: { start: point(first, first.start), end: point(last, last.end) },
      };
    }
    case 'heading': {
      const { value, start, end } = textOf(text, block.lines);
      const last = block.underline ?? block.lines[block.lines.length - 1];
      return {
        type: 'heading',
        depth: block.depth,
        children: [{ type: 'text', value, position: { start, end } }],
        position: { start: point(first, first.start), end: point(last, last.end) },
      };
    }
    case 'code': {
      const last = block.lines[block.lines.length - 1];
      const content =
        block.lines.length > 2 ? text.slice(block.lines[1].start, block.lines[block.lines.length - 2].end) : '';
      return {
        type: 'code',
        lang: block.lang,
        meta: null,
        value: content,
        position: { start: point(first, first.start), end: point(last, last.end) },
      };
    }
    case 'list': {
      const children = block.items.map((lines) => {
        const last = lines[lines.length - 1];
        return {
          type: 'listItem',
          spread: false,
          checked: null,
          children: [paragraph(text, lines)],
          position: { start: point(lines[0], lines[0].start), end: point(last, last.end) },
        };
      });
      const last = block.items[block.items.length - 1].at(-1)!;
      return {
        type: 'list',
        ordered: block.ordered,
        start: block.start,
        spread: block.spread,
        children,
        position: { start: point(first, first.start), end: point(last, last.end) },
      };
    }
  }
}

/** The root's children for a run, in original offsets (the text the run was found in). */
export function runNodes(text: string, run: BlockRun): MdastNode[] {
  return run.blocks.map((block) => blockNode(text, block));
}
