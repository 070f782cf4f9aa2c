// Parse less text, get the same tree: long stretches of inert words are stood in for by a two-character marker before
// micromark runs, and put back into the tree afterwards (values, positions). docs/robustness.md, "Markdown parsing
// cost".
//
// micromark spends ~1 µs per character of ordinary prose (document, flow, content and text tokenizers each step over
// it, with GC for their tokens). Most of that prose is words and single spaces, which no Markdown construct can start,
// end or look into. In a run `w1 w2 … wn` (words of letters, digits, `,` and non-ASCII characters, single spaces or
// more between them), the middle `w2 … wn-1` is replaced by a marker of 4 or 2 characters: `w1 ⟨marker⟩ wn`. What
// micromark sees around every construct is unchanged: the first and last words stay, the marker has a space on both
// sides (so it is never part of a URL, an e-mail literal or a delimiter's flank), and the middle holds no character
// that starts or ends anything (no ASCII punctuation but `,`, no tab, no line ending; nothing after a `<` up to the
// next blank line, since a tag's attributes must be names). The marker then comes back as
// the middle in every string of the tree, and every point after a marker moves by the characters it stood for.
//
// Not used (the whole text is parsed as it is) when the text has a character of the marker range of its own or a `]:`
// (a definition: reference labels are matched by content, and a label's length is limited). Lines with a tab keep
// their words (a tab's width depends on the column). test/markdown-skeleton.test.ts compares the trees with the
// plain parser's on generated inputs, positions included.

import { type BlockRun, findBlockRuns, runNodes } from './markdown-blocks.js';
import { degradedMiddle, denseBlocks } from './markdown-dense.js';

/** Shortest middle worth a marker (the marker costs 2 characters and the restore a little work). */
export const MIN_MIDDLE = 24;

/**
 * The characters markers are made of. V8 stores a text of Latin-1 characters one byte per character, and every string
 * sliced from it too; a single Private Use Area character in the skeleton would make every value of the tree two-byte,
 * and the rules that read them slower (measured: +40 % for the rules on the reference shape). So a Latin-1 text gets
 * markers of four C1 control characters (U+0080–U+009F: no Markdown role, "other" to micromark like a letter), any
 * other text markers of two Private Use Area characters. Either range must be absent from the text.
 */
interface Alphabet {
  first: number;
  size: number;
  width: number;
  any: RegExp;
  marker: RegExp;
}
const C1: Alphabet = { first: 0x80, size: 32, width: 4, any: /[\x80-\x9f]/, marker: /[\x80-\x9f]{4}/g };
const PUA: Alphabet = {
  first: 0xe000,
  size: 0x1900, // U+E000–U+F8FF
  width: 2,
  any: /[\uE000-\uF8FF]/,
  marker: /[\uE000-\uF8FF]{2}/g,
};
const BEYOND_LATIN1 = /[^\x00-\xff]/;

export interface Skeleton {
  text: string;
  alphabet: Alphabet;
  /** Skeleton offset of marker k's first character. */
  at: Int32Array;
  /** Original offset where marker k's middle starts, and its length. */
  from: Int32Array;
  length: Int32Array;
  /** Characters removed by markers 0…k-1 (length markers + 1). */
  removedBefore: Float64Array;
  /** Line (1-based, micromark's count) of marker k, and the characters removed before marker k on earlier lines. */
  line: Int32Array;
  removedBeforeLine: Float64Array;
  /** Line breaks in the middles of markers 0…k-1 (a run of blocks stands for many lines). */
  linesBefore: Float64Array;
  /** For a run's marker: the original column after the run's last character; 0 for any other marker. */
  endColumn: Int32Array;
  /** The runs of simple blocks stood in for (pipeline/markdown-blocks.ts), and each one's marker. */
  runs: BlockRun[];
  runMarkers: Int32Array;
}

/** A character of a word in a run: ASCII letter or digit, `,`, or any non-ASCII character outside the marker range. */
function isWordChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 44 ||
    (c >= 0xa0 && !(c >= PUA.first && c < PUA.first + PUA.size))
  );
}

function markerText(k: number, alphabet: Alphabet): string {
  const codes: number[] = [];
  for (let i = 0; i < alphabet.width; i++, k = Math.floor(k / alphabet.size))
    codes.unshift(alphabet.first + (k % alphabet.size));
  return String.fromCharCode(...codes);
}

function markerIndex(marker: string, alphabet: Alphabet): number {
  let k = 0;
  for (let i = 0; i < alphabet.width; i++) k = k * alphabet.size + (marker.charCodeAt(i) - alphabet.first);
  return k;
}

/**
 * The shortened text and its markers, or null when nothing is shortened (or the text must be parsed as it is).
 * `blocks`: stand in for runs of simple blocks too (pipeline/markdown-blocks.ts), each by one marker on one line.
 */
export function shorten(text: string, minMiddle = MIN_MIDDLE, degrade = true, blocks = false): Skeleton | null {
  if (text.length < minMiddle) return null;
  const dense = degrade ? denseBlocks(text) : [];
  // Word runs are not shortened when the text has a definition; dense blocks are degraded whatever the text has, and
  // runs of blocks (plain text: no label to match) are read whatever it has.
  const words = !text.includes(']:');
  const runs = blocks ? findBlockRuns(text, dense) : [];
  if (!words && dense.length === 0 && runs.length === 0) return null;
  const alphabet = BEYOND_LATIN1.test(text) ? PUA : C1;
  if (alphabet.any.test(text)) return null;
  const width = alphabet.width;
  const pieces: string[] = [];
  const at: number[] = [];
  const from: number[] = [];
  const length: number[] = [];
  const lines: number[] = [];
  const breaks: number[] = [];
  const endColumns: number[] = [];
  const runMarkers: number[] = [];
  let copied = 0; // original offset copied up to
  let removed = 0;
  let line = 1; // in the skeleton (a run's lines are one)
  /** Stand in for original[start, end) by the next marker (`run`: a run of blocks, `lineBreaks` lines long). */
  const mark = (start: number, end: number, run?: BlockRun) => {
    pieces.push(text.slice(copied, start), markerText(at.length, alphabet));
    at.push(start - removed);
    from.push(start);
    length.push(end - start);
    lines.push(line);
    breaks.push(run ? run.endLine - run.line : 0);
    endColumns.push(run ? run.endColumn : 0);
    removed += end - start - width;
    copied = end;
  };
  let runAt = 0;
  // An HTML tag's attributes are words too, and a marker is not a valid attribute: after a `<`, nothing is shortened
  // until a blank line (a tag never spans one).
  let inTag = false;
  let denseAt = 0; // the first dense block that does not end before this line
  for (let lineStart = 0; lineStart < text.length; ) {
    if (runAt < runs.length && runs[runAt].start === lineStart) {
      // A run of simple blocks: one marker for all its lines (it starts at a line's start and ends at one's end).
      const run = runs[runAt++];
      runMarkers.push(at.length);
      mark(run.start, run.end, run);
      if (run.end >= text.length) break;
      lineStart = run.end + (text.charCodeAt(run.end) === 13 && text.charCodeAt(run.end + 1) === 10 ? 2 : 1);
      line++;
      continue;
    }
    let lineEnd = lineStart;
    let tab = false;
    let blank = true;
    let angle = -1;
    for (; lineEnd < text.length; lineEnd++) {
      const c = text.charCodeAt(lineEnd);
      if (c === 10 || c === 13) break;
      if (c === 9) tab = true;
      else if (c !== 32) blank = false;
      if (c === 60 && angle < 0) angle = lineEnd;
    }
    while (denseAt < dense.length && dense[denseAt].end <= lineStart) denseAt++;
    const inDense = denseAt < dense.length && dense[denseAt].start <= lineStart;
    if (inDense) {
      // Everything after the line's first word stands for itself as inert text (docs/robustness.md).
      const middle = degradedMiddle(text, lineStart, lineEnd);
      if (middle) mark(middle.start, middle.end);
    } else if (words && !tab && !inTag) {
      const stop = angle < 0 ? lineEnd : angle;
      for (let i = lineStart; i < stop; ) {
        if (!isWordChar(text.charCodeAt(i))) {
          i++;
          continue;
        }
        // A run from i: words and spaces. firstSpace ends the first word; lastSpace starts the last one.
        let firstSpace = -1;
        let lastSpace = -1;
        let j = i;
        for (; j < stop; j++) {
          const c = text.charCodeAt(j);
          if (c === 32) {
            if (firstSpace < 0) firstSpace = j;
          } else if (isWordChar(c)) {
            if (j > i && text.charCodeAt(j - 1) === 32) lastSpace = j - 1;
          } else break;
        }
        // Middle: after the first word's space, up to the last word's space (both spaces stay).
        if (firstSpace >= 0 && lastSpace > firstSpace && lastSpace - firstSpace - 1 >= Math.max(minMiddle, 1))
          mark(firstSpace + 1, lastSpace);
        i = j;
      }
    }
    if (blank) inTag = false;
    else if (angle >= 0) inTag = true;
    if (lineEnd >= text.length) break;
    lineStart = lineEnd + (text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10 ? 2 : 1);
    line++;
  }
  if (!at.length || at.length > alphabet.size ** width) return null;
  pieces.push(text.slice(copied));
  const removedBefore = new Float64Array(at.length + 1);
  const removedBeforeLine = new Float64Array(at.length);
  const linesBefore = new Float64Array(at.length + 1);
  for (let k = 0; k < at.length; k++) {
    removedBefore[k + 1] = removedBefore[k] + length[k] - width;
    removedBeforeLine[k] = k > 0 && lines[k - 1] === lines[k] ? removedBeforeLine[k - 1] : removedBefore[k];
    linesBefore[k + 1] = linesBefore[k] + breaks[k];
  }
  return {
    text: pieces.join(''),
    alphabet,
    at: Int32Array.from(at),
    from: Int32Array.from(from),
    length: Int32Array.from(length),
    removedBefore,
    line: Int32Array.from(lines),
    removedBeforeLine,
    linesBefore,
    endColumn: Int32Array.from(endColumns),
    runs,
    runMarkers: Int32Array.from(runMarkers),
  };
}

interface Point {
  line: number;
  column: number;
  offset?: number;
}
interface Node {
  position?: { start: Point; end: Point };
  children?: Node[];
  [key: string]: unknown;
}

/** Markers that end at or before skeleton offset `offset`. */
function markersBefore(skeleton: Skeleton, offset: number): number {
  let lo = 0;
  let hi = skeleton.at.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (skeleton.at[mid] + skeleton.alphabet.width <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function movePoint(point: Point, skeleton: Skeleton): void {
  if (point.offset === undefined) return;
  const k = markersBefore(skeleton, point.offset);
  if (k === 0) return;
  const offset = point.offset;
  point.offset += skeleton.removedBefore[k];
  // Only markers on the point's own line move its column (no tabs on such lines: a column is a character count). After
  // a run's marker (alone on its line), the column counts from the run's last line.
  if (skeleton.line[k - 1] === point.line) {
    const endColumn = skeleton.endColumn[k - 1];
    if (endColumn > 0) point.column = endColumn + offset - (skeleton.at[k - 1] + skeleton.alphabet.width);
    else point.column += skeleton.removedBefore[k] - skeleton.removedBeforeLine[k - 1];
  }
  point.line += skeleton.linesBefore[k];
}

/** Put the original text back into a tree parsed from `skeleton.text`: every string and every point. */
export function restore(tree: Node, skeleton: Skeleton, original: string): void {
  const middle = (marker: string) => {
    const k = markerIndex(marker, skeleton.alphabet);
    return original.slice(skeleton.from[k], skeleton.from[k] + skeleton.length[k]);
  };
  const moved = new Set<Point>();
  const stack: Node[] = [tree];
  while (stack.length) {
    const node = stack.pop()!;
    for (const key in node) {
      const value = node[key];
      if (typeof value === 'string' && skeleton.alphabet.any.test(value))
        node[key] = value.replace(skeleton.alphabet.marker, middle);
    }
    const position = node.position;
    if (position) {
      for (const point of [position.start, position.end]) {
        if (moved.has(point)) continue;
        moved.add(point);
        movePoint(point, skeleton);
      }
    }
    if (node.children) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
}

/** Is `node` a paragraph holding only the marker of a run? Returns the run's index, or -1. */
function standInRun(node: Node, skeleton: Skeleton, runOfMarker: Map<number, number>): number {
  if (node.type !== 'paragraph' || node.children?.length !== 1) return -1;
  const text = node.children[0];
  const value = text.value;
  if (text.type !== 'text' || typeof value !== 'string' || value.length !== skeleton.alphabet.width) return -1;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i) - skeleton.alphabet.first;
    if (c < 0 || c >= skeleton.alphabet.size) return -1;
  }
  return runOfMarker.get(markerIndex(value, skeleton.alphabet)) ?? -1;
}

/**
 * restore, with the runs of blocks put back: every run's marker must have come out as a paragraph of the root holding
 * only it (then the run's blocks were at the root too, in a fresh context), and is replaced by the run's nodes, built
 * from the original text. Returns false, changing nothing, when one did not (parse again without runs).
 */
export function restoreWithRuns(tree: Node, skeleton: Skeleton, original: string): boolean {
  if (skeleton.runs.length === 0) {
    restore(tree, skeleton, original);
    return true;
  }
  const runOfMarker = new Map<number, number>();
  skeleton.runMarkers.forEach((marker, run) => {
    runOfMarker.set(marker, run);
  });
  const children = tree.children ?? [];
  const found = children.map((child) => standInRun(child, skeleton, runOfMarker));
  if (found.filter((run) => run >= 0).length !== skeleton.runs.length) return false;
  tree.children = children.filter((_, i) => found[i] < 0);
  restore(tree, skeleton, original);
  const rebuilt: Node[] = [];
  children.forEach((child, i) => {
    if (found[i] < 0) rebuilt.push(child);
    else for (const node of runNodes(original, skeleton.runs[found[i]])) rebuilt.push(node as Node);
  });
  tree.children = rebuilt;
  return true;
}
