// Stand-in for pipeline/markdown-lezer-inline.ts (another branch) until the two are merged: the block converter's
// tests compare trees with phrasing content removed, so this gives no children. Deleted at the merge.
import type { SyntaxNode } from '@lezer/common';
import type { Point } from './markdown-lezer-lines.js';

export interface MdastNode {
  type: string;
  position?: { start: Point; end: Point };
  children?: MdastNode[];
  [key: string]: unknown;
}

export interface InlineContext {
  text: string;
  point: (offset: number) => Point;
  definitions: ReadonlySet<string>;
}

export function convertInline(_node: SyntaxNode, _ctx: InlineContext): MdastNode[] | null {
  return [];
}
