// Lines that could be a GFM table's delimiter row, and where Lezer put them.
//
// micromark's GFM table starts a table wherever a line that could be a head row is followed by a delimiter row, with
// or without pipes ("a\n:--" is a one-column table); @lezer/markdown is stricter and reads some of these as paragraph
// text, or splits a paragraph before one ("text\n| - | - |"). A line made only of `|`, `:`, `-` and white space (after
// any container prefix), with a `-` and a `|` or `:`, is such a line. The Lezer path is exact only where every such
// line is the delimiter row of a table Lezer built; a document with any other one goes to micromark
// (test/markdown-engines.test.ts generates the near misses).
import type { Tree } from '@lezer/common';

/** After container prefixes (`>`, list markers, indentation): only pipes, colons, hyphens and white space. */
const DELIMITER_LIKE = /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*[ \t>]*[|:\- \t]*$/;
const HAS_DASH = /-/;
const HAS_PIPE_OR_COLON = /[|:]/;

/** Start offsets of the lines of `text` that could be a delimiter row. */
function delimiterLikeLines(text: string): number[] {
  const starts: number[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    // Cheap first: a delimiter-like line holds a hyphen and a pipe or colon.
    if (end > start) {
      const line = text.slice(start, end);
      if (HAS_DASH.test(line) && HAS_PIPE_OR_COLON.test(line) && DELIMITER_LIKE.test(line)) starts.push(start);
    }
    start = end + 1;
  }
  return starts;
}

/** Is every delimiter-like line of `text` the delimiter row of a table in Lezer's `tree`? */
export function delimiterRowsAllInTables(text: string, tree: Tree): boolean {
  const lines = delimiterLikeLines(text);
  if (lines.length === 0) return true;
  const rows = new Set<number>();
  tree.iterate({
    enter(node) {
      // A table's delimiter row is a TableDelimiter node holding hyphens (the pipes of a row are one-character ones).
      if (node.name !== 'TableDelimiter' || node.to - node.from < 2) return;
      const lineStart = text.lastIndexOf('\n', node.from - 1) + 1;
      rows.add(lineStart);
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

export function laterNumberAfterText(text: string): boolean {
  let previousBlank = true;
  let previous = '';
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    if (!previousBlank && LATER_NUMBER.test(line) && !continuesList(previous, line)) return true;
    if (!previousBlank && EMPTY_ITEM.test(line)) return true;
    previousBlank = BLANK.test(line);
    previous = line;
    start = end + 1;
  }
  return false;
}
