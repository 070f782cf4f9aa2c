// A Lezer block parser for the one HTML block start that @lezer/markdown 1.8 misses: a line holding only a
// self-closing tag (`<Home />`, `<VueSchoolLink href="…"/>`: CommonMark's kind 7, whose open tag may end in `/>`).
// Documentation sites built on Vue or MDX are full of them; without this, Lezer reads them as paragraphs.
// Like Lezer's own HTMLBlock (and micromark), the block runs to the first blank line or the end of its container,
// and it does not interrupt a paragraph (no `endLeaf`).
import type { BlockContext, Line, MarkdownConfig } from '@lezer/markdown';

/** A complete self-closing open tag, alone on its line (CommonMark's tag name and attribute grammar). */
const SELF_CLOSING =
  /^<[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*\s*\/>\s*$/;

/** Lezer's runtime line state (`depth` is not in its declared types). */
interface LineState extends Line {
  depth: number;
}

export const selfClosingHtmlBlock: MarkdownConfig = {
  parseBlock: [
    {
      name: 'SelfClosingHTMLBlock',
      before: 'HTMLBlock',
      parse(cx: BlockContext, line: Line) {
        if (line.next !== 60 || !SELF_CLOSING.test(line.text.slice(line.pos))) return false;
        const state = line as LineState;
        const from = cx.lineStart + line.pos;
        const marks = [];
        // To the first line that is blank inside the containers, or that leaves one of them.
        while (cx.nextLine()) {
          if (state.depth < cx.depth || /^[ \t]*$/.test(line.text.slice(line.pos))) break;
          marks.push(...line.markers);
        }
        cx.addElement(cx.elt('HTMLBlock', from, cx.prevLineEnd(), marks));
        return true;
      },
    },
  ],
};
