// What the documentation collectors decide a page on, read from the converted Markdown as a reader sees it: words of
// prose outside code, words in code blocks, words in short list entries (a table of contents), words in table cells
// (a listing), and letters of the Latin script (a translation's pointer page). Shared by collect-perl-docs.js,
// collect-git-docs.js and collect-postgres-docs.js.
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

/** A list entry of at most this many words (its own, not its nested lists') is an index line, not a paragraph. */
const SHORT_ENTRY = 20;

const countWords = (text) => text.split(/\s+/).filter(Boolean).length;

/** Words of a node's rendered text outside code blocks; `lists: false` leaves nested lists out. */
function textWords(node, lists = true) {
  if (node.type === 'code' || (!lists && node.type === 'list')) return 0;
  if (node.type === 'text' || node.type === 'inlineCode') return countWords(node.value);
  let sum = 0;
  for (const child of node.children ?? []) sum += textWords(child, lists);
  return sum;
}

/**
 * The measures of one page. `gfm` reads it as GitHub-flavoured Markdown (tables are tables); otherwise CommonMark.
 * @param {string} markdown
 * @param {{ gfm?: boolean }} [options]
 * @returns {{ prose: number, code: number, shortEntries: number, tableWords: number, letters: number, latin: number }}
 */
export function pageMeasures(markdown, { gfm = false } = {}) {
  const parser = gfm ? unified().use(remarkParse).use(remarkGfm) : unified().use(remarkParse);
  const tree = parser.parse(markdown);
  let code = 0;
  let shortEntries = 0;
  let tableWords = 0;
  const walk = (node) => {
    if (node.type === 'code') code += countWords(node.value);
    if (node.type === 'table') tableWords += textWords(node);
    if (node.type === 'listItem') {
      const own = textWords({ children: node.children }, false);
      if (own <= SHORT_ENTRY) shortEntries += own;
    }
    for (const child of node.children ?? []) walk(child);
  };
  walk(tree);
  return {
    prose: textWords(tree),
    code,
    shortEntries,
    tableWords,
    letters: (markdown.match(/\p{L}/gu) ?? []).length,
    latin: (markdown.match(/\p{Script=Latin}/gu) ?? []).length,
  };
}

/**
 * Why a converted page is left out of its set, or null to keep it: under `minWords` or over `maxWords` words of prose,
 * more words in code than outside, over half its words in short list entries (contents); with `listings`, over half in
 * table cells (a column or function listing); with `english`, under four letters in five of the Latin script.
 * @param {ReturnType<typeof pageMeasures>} m
 * @param {{ minWords: number, maxWords: number, listings?: boolean, english?: boolean }} limits
 */
export function skipReason(m, { minWords, maxWords, listings = false, english = false }) {
  if (m.prose < minWords) return 'short';
  if (m.prose > maxWords) return 'long';
  if (m.code > m.prose) return 'mostly code';
  if (m.shortEntries * 2 > m.prose) return 'contents';
  if (listings && m.tableWords * 2 > m.prose) return 'listing';
  if (english && m.latin * 5 < m.letters * 4) return 'not English';
  return null;
}
