// One block of a Lezer-parsed document read by micromark instead (issue #18): where the inline converter declines a
// paragraph or heading at the root (a bare URL or e-mail literal, a reference it cannot prove), only that block is
// parsed with the pipeline's micromark parser, not the whole document again.
//
// A root-level leaf block is read the same alone as in its document, except for references, which resolve against
// the document's definitions: the block's lines (from the start of its first line, so every column stays) are
// parsed followed by a blank line and the source of every definition of the document (each on one line; the block
// converter declines definitions over lines). The result must be exactly the expected block spanning the same text,
// followed by one definition per definition line, or the caller declines the document as before. Positions are then
// shifted into the document (offsets and lines; columns are unchanged).
import { createMarkdownParser } from './markdown.js';
import type { MdastNode } from './markdown-lezer.js';

/** The guarded micromark parser, made at first use (markdown.ts imports this module's importer). */
let micromark: { parse: (text: string) => unknown } | null = null;

export interface FallbackBlock {
  /** The block's expected mdast type and heading depth. */
  type: 'paragraph' | 'heading';
  depth?: number;
  /** The block's extent in the document, and the start and index of its first line and the end of its last. */
  from: number;
  to: number;
  lineStart: number;
  lineIndex: number;
  lineEnd: number;
}

/** The document's definitions, each on its own line, and how many there are. */
export interface DefinitionSource {
  text: string;
  count: number;
}

/** The mdast node of `block` as micromark reads it in `text` (with `definitions`), or null when not exactly one. */
export function blockWithMicromark(
  text: string,
  block: FallbackBlock,
  definitions: DefinitionSource,
): MdastNode | null {
  micromark ??= createMarkdownParser({ engine: 'micromark' });
  const lines = text.slice(block.lineStart, block.lineEnd);
  const source = definitions.count > 0 ? `${lines}\n\n${definitions.text}` : lines;
  const children = (micromark.parse(source) as MdastNode).children ?? [];
  const [node, ...rest] = children;
  if (!node || node.type !== block.type || (block.depth !== undefined && node.depth !== block.depth)) return null;
  if (rest.length !== definitions.count || rest.some((child) => child.type !== 'definition')) return null;
  if (node.position?.start.offset !== block.from - block.lineStart) return null;
  if (node.position.end.offset !== block.to - block.lineStart) return null;
  shift(node, block.lineStart, block.lineIndex);
  return node;
}

/** Move the positions of `node` and its descendants `offset` characters and `lines` lines on. */
function shift(node: MdastNode, offset: number, lines: number): void {
  const position = node.position;
  // New points: a tree may share one point object between two positions.
  if (position) {
    const { start, end } = position;
    node.position = {
      start: { line: start.line + lines, column: start.column, offset: start.offset + offset },
      end: { line: end.line + lines, column: end.column, offset: end.offset + offset },
    };
  }
  if (node.children) for (const child of node.children) shift(child, offset, lines);
}
