// Lines that could be a GFM table's delimiter row, and where Lezer put them.
//
// micromark's GFM table starts a table wherever a line that could be a head row is followed by a delimiter row, with
// or without pipes ("a\n:--" is a one-column table); @lezer/markdown is stricter and reads some of these as paragraph
// text, or splits a paragraph before one ("text\n| - | - |"). A line made only of `|`, `:`, `-` and white space (after
// any container prefix), with a `-` and a `|` or `:`, is such a line. The Lezer path is exact only where every such
// line is the delimiter row of a table Lezer built; a document with any other one goes to micromark
// (test/markdown-engines.test.ts generates the near misses).
import type { Tree } from '@lezer/common';

/** The nodes of Lezer's tree that hold blocks (tables, link reference definitions): all others are leaves or inline. */
export const BLOCK_CONTAINERS = new Set(['Document', 'Blockquote', 'BulletList', 'OrderedList', 'ListItem']);

/** After container prefixes (`>`, list markers, indentation): only pipes, colons, hyphens and white space. */
const DELIMITER_LIKE = /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*[ \t>]*[|:\- \t]*$/;
const HAS_DASH = /-/;
const HAS_PIPE_OR_COLON = /[|:]/;

/** Does `text` hold between `start` and `end` only characters DELIMITER_LIKE allows (no letter, for one)? */
function onlyDelimiterCharacters(text: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    // White space, `>`, `|`, `:`, `-`, `*`, `+`, `.`, `)` and digits.
    if (c === 32 || c === 9 || c === 62 || c === 124 || c === 58 || c === 45 || c === 42 || c === 43) continue;
    if (c === 46 || c === 41 || (c >= 48 && c <= 57)) continue;
    return false;
  }
  return true;
}

/** Start offsets of the lines of `text` that could be a delimiter row. */
export function delimiterLikeLines(text: string): number[] {
  const starts: number[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    // Cheap first: a delimiter-like line holds only DELIMITER_LIKE's characters, a hyphen and a pipe or colon.
    if (end > start && onlyDelimiterCharacters(text, start, end)) {
      const line = text.slice(start, end);
      if (HAS_DASH.test(line) && HAS_PIPE_OR_COLON.test(line) && DELIMITER_LIKE.test(line)) starts.push(start);
    }
    start = end + 1;
  }
  return starts;
}

/**
 * Is every delimiter-like line of `text` (or every one of `lines`: those a tree of part of the text covers) the
 * delimiter row of a table in Lezer's `tree`?
 */
export function delimiterRowsAllInTables(text: string, tree: Tree, lines = delimiterLikeLines(text)): boolean {
  if (lines.length === 0) return true;
  const rows = new Set<number>();
  tree.iterate({
    enter(node) {
      // A table's delimiter row is a TableDelimiter node holding hyphens (the pipes of a row are one-character ones),
      // a child of its Table; tables are only in the container blocks, whose leaves are not entered.
      const name = node.name;
      if (name === 'TableDelimiter' && node.to - node.from >= 2) rows.add(text.lastIndexOf('\n', node.from - 1) + 1);
      return BLOCK_CONTAINERS.has(name) || name === 'Table';
    },
  });
  return lines.every((start) => rows.has(start));
}

/**
 * An ordered list item not numbered 1 on the line after a non-blank line that is not the list's item before it.
 * CommonMark lets only a list starting at 1 interrupt a paragraph; micromark and Lezer disagree on where that rule
 * applies (inside and across containers, with lazy lines), so such documents go to micromark; likewise an empty item
 * after a non-blank line.
 */
const LATER_NUMBER = /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*[ \t>]*(?:0*[02-9]|0*1\d|\d{2,9})[.)](?:[ \t]|$)/;
const BLANK = /^[ \t>]*$/;
/** A line that is only a list marker (an empty item, or a one-character setext underline): the same disagreement. */
const EMPTY_ITEM = /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*(?:[-*+]|\d{1,9}[.)])[ \t]*$/;

const ORDERED_ITEM = /^([ \t>]*)\d{1,9}([.)])/;
const INDENTED = /^(?:[ \t>]*[ \t]){2}/;

/** The next item of the same ordered list: the line before is an item of the same prefix and delimiter, or indented. */
function continuesList(previous: string, line: string): boolean {
  const here = ORDERED_ITEM.exec(line);
  const before = ORDERED_ITEM.exec(previous);
  if (here && before && here[1] === before[1] && here[2] === before[2]) return true;
  return INDENTED.test(previous) && !/^[ \t>]*$/.test(previous) && here !== null && here[1] === '';
}

/** A space, tab or `>`: what a container prefix starts with. */
function isPrefixCharacter(c: number): boolean {
  return c === 32 || c === 9 || c === 62;
}

export function laterNumberAfterText(text: string): boolean {
  let previousBlank = true;
  let previousStart = 0;
  let previousEnd = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    // Cheap first: LATER_NUMBER, EMPTY_ITEM and BLANK read past `[ \t>]*` only a list marker or the line's end.
    let k = start;
    while (k < end && isPrefixCharacter(text.charCodeAt(k))) k++;
    const c = text.charCodeAt(k);
    if (k === end) previousBlank = true;
    else if (!(c === 45 || c === 42 || c === 43 || (c >= 48 && c <= 57))) previousBlank = false;
    else {
      const line = text.slice(start, end);
      const previous = text.slice(previousStart, previousEnd);
      if (!previousBlank && LATER_NUMBER.test(line) && !continuesList(previous, line)) return true;
      if (!previousBlank && EMPTY_ITEM.test(line)) return true;
      previousBlank = BLANK.test(line);
    }
    previousStart = start;
    previousEnd = end;
    start = end + 1;
  }
  return false;
}
