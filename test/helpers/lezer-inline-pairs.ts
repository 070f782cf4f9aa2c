// Upstream's inline containers (paragraph, heading, tableCell) paired with Lezer's (Paragraph, ATX and setext
// headings, TableCell) in document order, and the converter's children compared with upstream's: the proof that
// pipeline/markdown-lezer-inline.ts gives upstream's nodes, on generated and real Markdown.
import { parser } from '@lezer/markdown';
import type { SyntaxNode } from '@lezer/common';
import { createMarkdownParser } from '../../pipeline/markdown.js';
import { LEZER_GFM } from '../../pipeline/markdown-lezer.js';
import { convertInline, type InlineContext, type Point } from '../../pipeline/markdown-lezer-inline.js';
import { normalizeIdentifier } from '../../pipeline/markdown-lezer-inline-decode.js';
import { linesOf } from '../../pipeline/markdown-lezer-lines.js';

const lezer = parser.configure(LEZER_GFM);
const upstream = createMarkdownParser({ guard: false });

interface UpstreamNode {
  type: string;
  children?: UpstreamNode[];
  identifier?: string;
  label?: string;
  position?: { start: Point; end: Point };
}

const UPSTREAM_CONTAINERS = new Set(['paragraph', 'heading', 'tableCell']);
const LEZER_CONTAINERS = /^(?:Paragraph|ATXHeading[1-6]|SetextHeading[12]|TableCell|Task)$/;
/** Lezer blocks whose content is not inline (a definition's paragraph-like lines are not in upstream's list). */
const LEZER_OPAQUE = /^(?:FencedCode|CodeBlock|HTMLBlock|CommentBlock|ProcessingInstructionBlock|LinkReference)$/;

/** The point of every offset of `text`, as micromark counts lines and columns. */
export function pointsOf(text: string): (offset: number) => Point {
  return linesOf(text).point;
}

function upstreamContainers(root: UpstreamNode, definitions: Set<string>): UpstreamNode[] {
  const out: UpstreamNode[] = [];
  const stack = [root];
  while (stack.length) {
    const node = stack.pop()!;
    // Definitions by the identifier micromark keeps (from the label's source, not its decoded text).
    if (node.type === 'definition' && node.identifier !== undefined)
      definitions.add(normalizeIdentifier(node.identifier));
    if (UPSTREAM_CONTAINERS.has(node.type)) out.push(node);
    else if (node.children) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
  return out;
}

function lezerContainers(text: string): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const cursor = lezer.parse(text).cursor();
  for (;;) {
    const name = cursor.name;
    let descend = true;
    if (LEZER_CONTAINERS.test(name)) {
      out.push(cursor.node);
      descend = false;
    } else if (LEZER_OPAQUE.test(name)) descend = false;
    if (descend && cursor.firstChild()) continue;
    while (!cursor.nextSibling()) if (!cursor.parent()) return out;
  }
}

export interface Tally {
  identical: number;
  nulls: number;
  different: number;
  /** Lezer containers with no upstream one at their start (the block structures differ there: not compared). */
  unpaired: number;
  differences: { at: string; upstream: string; lezer: string }[];
}

export const newTally = (): Tally => ({ identical: 0, nulls: 0, different: 0, unpaired: 0, differences: [] });

/** Definitions as the upstream tree has them (label → normalised identifier). */
function strip(nodes: unknown): string {
  return JSON.stringify(nodes, (key, value) => (key === 'data' ? undefined : value));
}

/** Compare the converter's children with upstream's for every inline container of `text`; adds to `tally`. */
export function compareInline(text: string, tally: Tally, name = ''): void {
  const definitions = new Set<string>();
  const theirs = upstreamContainers(upstream.parse(text) as UpstreamNode, definitions);
  const ours = lezerContainers(text);
  // Pair by start offset: where the block structures disagree (front matter, HTML blocks) the rest still pairs.
  const byStart = new Map<number, UpstreamNode>();
  for (const node of theirs) byStart.set(startOf(node), node);
  const ctx: InlineContext = { text, point: pointsOf(text), definitions };
  for (let i = 0; i < ours.length; i++) {
    const match = byStart.get(expectedStart(ours[i], text));
    if (!match || match.type !== UPSTREAM_TYPE(ours[i].name) || !sameEnd(match, ours[i], text)) {
      tally.unpaired++;
      if (process.env.LEZER_INLINE_SHOW_UNPAIRED)
        console.log(
          `unpaired ${name}@${ours[i].from} ${ours[i].name} ${JSON.stringify(text.slice(ours[i].from).slice(0, 80))}`,
        );
      continue;
    }
    const converted = convertInline(ours[i], ctx);
    if (converted === null) {
      tally.nulls++;
      continue;
    }
    const expected = strip(match.children ?? []);
    const actual = strip(converted);
    if (expected === actual) tally.identical++;
    else {
      tally.different++;
      if (tally.differences.length < 50)
        tally.differences.push({ at: `${name}@${ours[i].from}`, upstream: expected, lezer: actual });
    }
  }
}

const UPSTREAM_TYPE = (name: string) =>
  name === 'TableCell' ? 'tableCell' : name === 'Paragraph' || name === 'Task' ? 'paragraph' : 'heading';

/** Does a paragraph end where upstream's does (Lezer lets an empty list item interrupt a paragraph, micromark not)? */
function sameEnd(node: UpstreamNode, ours: SyntaxNode, text: string): boolean {
  if (ours.name !== 'Paragraph') return true;
  let end = ours.to;
  while (end > ours.from && /[ \t\r\n]/.test(text[end - 1])) end--;
  const theirs = node.position?.end.offset ?? -1;
  // (Upstream's paragraph may end after trailing whitespace.)
  return theirs >= end && theirs <= ours.to;
}

const startOf = (node: UpstreamNode) => node.position?.start.offset ?? -1;

/** Where upstream's node for a Lezer container starts: a table cell at its leading pipe or whitespace. */
function expectedStart(node: SyntaxNode, text: string): number {
  if (node.name !== 'TableCell') return node.from;
  let k = node.from;
  while (k > 0 && (text[k - 1] === ' ' || text[k - 1] === '\t')) k--;
  return k > 0 && text[k - 1] === '|' ? k - 1 : k;
}
