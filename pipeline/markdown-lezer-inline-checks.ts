// Where Lezer's inline parse and micromark's may part ways, so the converter (pipeline/markdown-lezer-inline.ts)
// leaves the block to micromark: footnote calls, GFM autolink literals, undefined references near brackets or
// emphasis delimiters.
import type { SyntaxNode } from '@lezer/common';
import type { MdastNode } from './markdown-lezer-inline.js';

/** Does [from, to) hold a possible footnote call (`[^`)? Footnotes need the document's footnote definitions. */
export function hasFootnoteCall(text: string, from: number, to: number): boolean {
  for (let i = from; i + 1 < to; i++) if (text.charCodeAt(i) === 91 && text.charCodeAt(i + 1) === 94) return true;
  return false;
}

// Upstream finds literals twice: micromark's tokenizer on the source, and mdast-util-gfm-autolink-literal's
// find-and-replace on the merged text values (outside links). Any text value these could match is left to micromark.
const URL_LIKE = /https?:\/\/|www\./i;
const EMAIL_LIKE = /[-.+\w]@[-.\w]/;

/**
 * URL_LIKE.test(value), without running the pattern over every text value that has a full stop: an `http://` needs a
 * `://`, and a `www.` (any case) is looked for at each `.` (`c | 32` is 119 for `w` and `W` only).
 */
function urlLike(value: string): boolean {
  if (value.includes('://') && URL_LIKE.test(value)) return true;
  for (let i = value.indexOf('.', 3); i >= 0; i = value.indexOf('.', i + 1)) {
    if (
      (value.charCodeAt(i - 1) | 32) === 119 &&
      (value.charCodeAt(i - 2) | 32) === 119 &&
      (value.charCodeAt(i - 3) | 32) === 119
    )
      return true;
  }
  return false;
}

/** Could upstream find a GFM autolink literal in a text value of `nodes` (outside links, where it looks)? */
export function mayHoldLiteral(nodes: readonly MdastNode[]): boolean {
  for (const node of nodes) {
    if (node.type === 'text') {
      const value = node.value ?? '';
      if (value.includes('@') && EMAIL_LIKE.test(value)) return true;
      if (urlLike(value)) return true;
    } else if (node.children && node.type !== 'link' && node.type !== 'linkReference' && mayHoldLiteral(node.children))
      return true;
  }
  return false;
}

/**
 * Nodes whose source micromark's literal tokenizer never reads as part of a literal: code, HTML, autolinks, and links
 * and images (inside a label no literal starts; one starting before the `[` is found in the text before it).
 */
const OPAQUE = new Set(['InlineCode', 'Autolink', 'HTMLTag', 'Comment', 'ProcessingInstruction', 'Link', 'Image']);

/**
 * Could micromark's literal tokenizer find a GFM autolink literal in the source of [from, to)? It reads the source,
 * across emphasis marks (`_@_.a` is an e-mail address to it), so the text values alone do not tell.
 */
export function sourceMayHoldLiteral(node: SyntaxNode, text: string, from: number, to: number): boolean {
  const raw = text.slice(from, to);
  if (!(raw.includes('@') && EMAIL_LIKE.test(raw)) && !urlLike(raw)) return false;
  let visible = '';
  let at = from;
  const cursor = node.cursor();
  const walk = (): void => {
    if (!cursor.firstChild()) return;
    do {
      const opaque = OPAQUE.has(cursor.name);
      if (opaque && cursor.from >= at) {
        visible += `${text.slice(at, cursor.from)} `;
        at = cursor.to;
      } else if (!opaque) walk();
    } while (cursor.nextSibling());
    cursor.parent();
  };
  walk();
  visible += text.slice(at, to);
  return (visible.includes('@') && EMAIL_LIKE.test(visible)) || urlLike(visible);
}

const DELIMITERS = /[*_~[\]]/;

/**
 * Can an undefined shortcut or collapsed reference spanning [nodeFrom, textTo + 1) be read as the text of its brackets
 * and content? Lezer closed its brackets as a link, so emphasis inside could not pair with delimiters outside, and
 * nested brackets were read as links; upstream reads the brackets as text. The same only when its content has no
 * emphasis or strikethrough delimiter and no bracket (the caller checks that no `[` of the text before is still open).
 */
export function undefinedReferenceIsSafe(text: string, nodeFrom: number, textTo: number): boolean {
  const open = text.charCodeAt(nodeFrom) === 33 ? nodeFrom + 2 : nodeFrom + 1;
  return !DELIMITERS.test(text.slice(open, textTo));
}

const ATTRIBUTE = `[ \\t]+[A-Za-z_:][A-Za-z0-9_.:-]*(?:[ \\t]*=[ \\t]*(?:[^ \\t"'=<>\`]+|'[^']*'|"[^"]*"))?`;
const OPEN_TAG = new RegExp(`^<[A-Za-z][A-Za-z0-9-]*(?:${ATTRIBUTE})*[ \\t]*/?>$`);
const CLOSING_TAG = /^<\/[A-Za-z][A-Za-z0-9-]*[ \t]*>$/;

/**
 * Is `value` (one line) inline HTML as CommonMark 0.31 and micromark read it? Lezer is laxer (`<a_>` is a tag to it).
 */
export function isInlineHtml(value: string): boolean {
  if (value.startsWith('<!--')) {
    return value === '<!-->' || value === '<!--->' || (value.endsWith('-->') && !value.slice(4, -3).includes('-->'));
  }
  if (value.startsWith('<?')) return value.endsWith('?>') && value.length >= 4;
  return OPEN_TAG.test(value) || CLOSING_TAG.test(value);
}
