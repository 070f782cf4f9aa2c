// The Markdown parser (unified + remark-parse + GFM + front matter), with two upstream quadratic walks removed.
//
// micromark-extension-gfm-autolink-literal 2.1.0 asks "is a `[` or `![` still open before this point?" at every
// word that could start a bare URL or e-mail address, by walking back over every event of the paragraph
// (`previousUnbalanced`). It caches only the answer "no": once one `[` stays open, every later word walks back to
// it, so a one-line or one-paragraph document costs O(n²) (283 KB on one line: 16 s). micromark-extension-gfm-footnote
// 2.1.0 walks back the same way at every `]` (`tokenizePotentialGfmFootnoteCall`), so stray `]`s are quadratic too.
//
// Both answers are available without walking, so the constructs are wrapped and the upstream tokenizers are handed a
// one-event view with the same answer (docs/robustness.md, "Markdown parsing cost"):
// - An open label is exactly an unbalanced entry of micromark's own label-start stack (`_labelStarts`): every
//   `[`/`![` token is pushed there when it is created, leaves it when it becomes a link (and then leaves the events
//   too), and is only ever marked balanced, never unmarked. Balanced entries on top of the stack are dropped, as
//   micromark's label end does itself at the next `]`, so the check is O(1) amortised.
// - A potential footnote call (`![^id]`) can only succeed when the document defines footnotes; without definitions
//   the walk's result cannot matter and is skipped. (With definitions the upstream walk runs; the per-file time
//   budget is the safety net for that rare shape.)
// test/markdown-guard.test.ts checks that the trees are identical to the unguarded parser's on generated inputs and
// that the work per byte stays bounded. Remove this file when upstream ships a linear previousUnbalanced.
//
// A third, constant-factor cost: the e-mail literal is registered on every letter, digit and `+-._`, so micromark's
// text tokenizer stops its data run at every word start to try it (and `www.`/`http` at every w and h), scanning the
// word, failing and restoring its state: about a third of the parse of ordinary prose. Each construct's `previous`
// (the check micromark makes before stopping) also looks ahead in the text being parsed, and says no where the
// construct cannot match: an e-mail needs its run of `[-+._A-Za-z0-9]` to end at `@`, the others need `www.` or
// `http://`/`https://` (any case) right here. The tokenizers themselves are unchanged, so every tree is the same.
// Likewise the GFM table reads every line as a possible head row; it is only started where the next line could be a
// delimiter row.
//
// Blocks of 4 KB or more that are delimiter soup (pipeline/markdown-dense.ts) are the one place where the tree is not
// upstream's: after each line's first word they are read as literal text (a documented degradation; no real document
// has one).
import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import { MIN_MIDDLE, restoreWithRuns, shorten } from './markdown-skeleton.js';
import { withLinearEditMap } from './markdown-edit-map.js';
import { remarkFastTables } from './markdown-table.js';
import { restoreParagraphs, standInParagraphs } from './markdown-paragraph.js';
import { type ConvertInline, parseWithLezer } from './markdown-lezer.js';
import { lezerIneligibility } from './markdown-lezer-eligible.js';

/**
 * Which parser reads a document: `micromark` (remark-parse, guarded as above), `auto` (@lezer/markdown where
 * pipeline/markdown-lezer-eligible.ts says it is linear and pipeline/markdown-lezer.ts converts its tree exactly,
 * micromark otherwise), `lezer` (Lezer wherever the conversion is exact, without the linearity bounds: for
 * measurements only).
 */
export type MarkdownEngine = 'micromark' | 'lezer' | 'auto';

/**
 * The shortest text in which runs of simple blocks are read without micromark (pipeline/markdown-blocks.ts): they
 * cost ~0.1 ms a block in micromark, which only matters in big files; an ordinary article is parsed as before.
 */
export const BLOCK_RUNS_FROM = 16 * 1024;

// Minimal structural views of micromark's types (micromark-util-types is not a direct dependency).
interface Token {
  type: string;
  _balanced?: boolean;
}
type Event = [string, Token, unknown];
interface TokenizeContext {
  events: Event[];
  _labelStarts?: Token[];
  parser: { gfmFootnotes?: string[] };
  now: () => { offset: number };
}
type Code = number | null;
interface Construct {
  name?: string;
  tokenize: (this: TokenizeContext, ...args: unknown[]) => unknown;
  previous?: (this: TokenizeContext, code: Code) => boolean;
}
type ConstructMap = Record<string, Construct | Construct[] | undefined>;

const OPEN_LABEL: Event[] = [['enter', { type: 'labelLink', _balanced: false }, undefined]];
const NO_EVENTS: Event[] = [];

/** Is a `[` or `![` still open at this point of the paragraph? (What previousUnbalanced finds by walking.) */
export function labelStillOpen(context: TokenizeContext): boolean {
  const starts = context._labelStarts;
  if (!starts) return false;
  // Balanced starts are never needed again: micromark's label end discards them from the top the same way.
  while (starts.length > 0 && starts[starts.length - 1]._balanced) starts.pop();
  return starts.length > 0;
}

/** `tokenize` called on a view of the context whose `events` is the one-event (or empty) answer of `events()`. */
function withEvents(construct: Construct, events: (context: TokenizeContext) => Event[]): Construct {
  const tokenize = construct.tokenize;
  // One view per tokenizer context, made at its first use: these constructs are tried at every word of the text, and
  // a fresh Object.create with a property descriptor per try was a tenth of the parse time of ordinary prose.
  const views = new WeakMap<TokenizeContext, TokenizeContext>();
  return {
    ...construct,
    tokenize(this: TokenizeContext, ...args: unknown[]) {
      let view = views.get(this);
      if (!view) {
        // Computed only when the upstream tokenizer asks (after its cheaper checks); everything else reads through.
        view = Object.create(this, { events: { get: () => events(this) } }) as TokenizeContext;
        views.set(this, view);
      }
      return tokenize.apply(view, args);
    },
  };
}

/** The text being parsed (offsets of micromark's points index it), set by `withParseText`; null = not known. */
let parseText: string | null = null;

/** Run `parse` with `text` known to the autolink look-ahead (the pipeline's parser does this for every parse). */
export function withParseText<T>(text: string, parse: () => T): T {
  const outer = parseText;
  parseText = text;
  try {
    return parse();
  } finally {
    parseText = outer;
  }
}

/** `[-+._A-Za-z0-9]`: the characters of an e-mail literal's local part (micromark's gfmAtext). */
function isAtext(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 43 ||
    c === 45 ||
    c === 46 ||
    c === 95
  );
}

/** Can an e-mail literal start at `at`? Only when the run of atext characters from there ends at `@`. */
function emailAhead(text: string, at: number): boolean {
  let k = at;
  while (k < text.length && isAtext(text.charCodeAt(k))) k++;
  return k > at && text.charCodeAt(k) === 64;
}

/** Does `text` have `word` (lower-case ASCII letters and punctuation) at `at`, letters in any case? */
function startsWithFolded(text: string, at: number, word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = text.charCodeAt(at + i);
    const w = word.charCodeAt(i);
    if (c !== w && !(w >= 97 && w <= 122 && c === w - 32)) return false;
  }
  return true;
}

const LOOK_AHEAD: Record<string, (text: string, at: number) => boolean> = {
  emailAutolink: emailAhead,
  wwwAutolink: (text, at) => startsWithFolded(text, at, 'www.'),
  protocolAutolink: (text, at) => startsWithFolded(text, at, 'http://') || startsWithFolded(text, at, 'https://'),
};

/** The construct's `previous`, narrowed by a look-ahead that is necessary for the construct to match. */
function withLookAhead(construct: Construct, ahead: (text: string, at: number) => boolean): Construct {
  const previous = construct.previous;
  if (!previous) return construct;
  return {
    ...construct,
    previous(this: TokenizeContext, code: Code) {
      if (!previous.call(this, code)) return false;
      const text = parseText;
      if (text === null) return true;
      const at = this.now().offset;
      // The point must be where we think it is (the previous character matches); otherwise let micromark try.
      if (code !== null && code >= 0 && text.charCodeAt(at - 1) !== code) return true;
      return ahead(text, at);
    },
  };
}

const POTENTIAL_FOOTNOTE_CALL = 'gfmPotentialFootnoteCall';

/** Could the line after the one at `at` be a table's delimiter row (`|`, `:`, `-`, spaces, and quote markers)? */
export function delimiterRowAhead(text: string, at: number): boolean {
  let k = at;
  while (k < text.length && text.charCodeAt(k) !== 10 && text.charCodeAt(k) !== 13) k++;
  if (k >= text.length) return false;
  k += text.charCodeAt(k) === 13 && text.charCodeAt(k + 1) === 10 ? 2 : 1;
  let dash = false;
  for (; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || c === 13) break;
    if (c === 45) dash = true;
    else if (c !== 124 && c !== 58 && c !== 32 && c !== 9 && c !== 62) return false;
  }
  return dash;
}

/**
 * The GFM table, tried at the start of every line, reads the whole line as a head row (a token per word) before it
 * looks at the next line for the delimiter row. A head row is only tried when that next line could be one; body rows
 * (after a head or a row, which micromark finds at the end of its events) go through unchanged.
 */
function withDelimiterLookAhead(construct: Construct): Construct {
  const tokenize = construct.tokenize;
  return {
    ...construct,
    tokenize(this: TokenizeContext, ...args: unknown[]) {
      const start = tokenize.apply(this, args) as (code: Code) => unknown;
      const nok = args[2] as (code: Code) => unknown;
      return (code: Code) => {
        const text = parseText;
        if (text === null || afterTableRow(this.events)) return start(code);
        const at = this.now().offset;
        if (code !== null && code >= 0 && text.charCodeAt(at) !== code) return start(code);
        return delimiterRowAhead(text, at) ? start(code) : nok(code);
      };
    },
  };
}

/** Does the table continue here (the last event before line endings and prefixes is a head or a row)? */
function afterTableRow(events: Event[]): boolean {
  let index = events.length - 1;
  while (index > -1 && (events[index][1].type === 'lineEnding' || events[index][1].type === 'linePrefix')) index--;
  const tail = index > -1 ? events[index][1].type : null;
  return tail === 'tableHead' || tail === 'tableRow';
}

/** The linear replacement of one upstream construct, or the construct itself. */
function guarded(construct: Construct): Construct {
  const ahead = construct.name ? LOOK_AHEAD[construct.name] : undefined;
  if (ahead) {
    return withEvents(withLookAhead(construct, ahead), (context) => (labelStillOpen(context) ? OPEN_LABEL : NO_EVENTS));
  }
  if (construct.name === 'table') return withDelimiterLookAhead(construct);
  if (construct.name === POTENTIAL_FOOTNOTE_CALL) {
    return withEvents(construct, (context) => (context.parser.gfmFootnotes?.length ? context.events : NO_EVENTS));
  }
  return construct;
}

/** Replace the quadratic constructs in the text constructs of every micromark extension. Returns how many. */
export function guardExtensions(extensions: { text?: ConstructMap; flow?: ConstructMap }[]): number {
  const replaced = new Map<Construct, Construct>();
  const swap = (construct: Construct) => {
    if (!replaced.has(construct)) replaced.set(construct, guarded(construct));
    return replaced.get(construct)!;
  };
  for (const extension of extensions) {
    for (const map of [extension.text, extension.flow]) {
      if (!map) continue;
      for (const code of Object.keys(map)) {
        const value = map[code];
        if (value) map[code] = Array.isArray(value) ? value.map(swap) : swap(value);
      }
    }
  }
  return [...replaced].filter(([from, to]) => from !== to).length;
}

/** unified plugin (after remark-gfm): guard the GFM constructs registered so far. */
function remarkLinearGfm(this: Processor) {
  const extensions = (this.data('micromarkExtensions') ?? []) as { text?: ConstructMap; flow?: ConstructMap }[];
  // Three autolink literals, the potential footnote call and the table: if an upstream update renames them, fail
  // loudly instead of silently parsing quadratically (or slowly) again.
  const count = guardExtensions(extensions);
  if (count !== 5)
    throw new Error(
      `markdown guard: expected 5 GFM constructs to replace, found ${count} (did micromark-extension-gfm change?)`,
    );
}

export interface MarkdownParser {
  parse: (text: string) => unknown;
  /**
   * The root's children of `parse(text)`, each handed to `visit` in order; with Lezer each is built and handed over
   * as it comes (a large document's trees die young). Where the Lezer conversion gives up after some nodes were
   * handed over, `restart` is called and the children of the micromark tree follow: discard what the first ones made.
   */
  parseEach: (text: string, visit: (node: unknown) => void, restart: () => void) => void;
}

/**
 * The parser as the pipeline uses it; `guard: false` gives the upstream behaviour (tests compare the two).
 * `minMiddle`: the shortest run of words stood in for by a marker (pipeline/markdown-skeleton.ts); false = never.
 * `exactParagraphs`: which paragraphs are read without micromark's inline parse (pipeline/markdown-paragraph.ts).
 * `blockRunsFrom`: the shortest text in which runs of simple blocks are read without micromark
 * (pipeline/markdown-blocks.ts; default BLOCK_RUNS_FROM); false = never.
 * `engine`: see MarkdownEngine (default `auto`); `inline`: the Lezer path's phrasing converter; `lezerPart`: the size of
 * the parts a large document is parsed in by Lezer (pipeline/markdown-lezer-chunks.ts; 0 = whole).
 */
export function createMarkdownParser(
  options: {
    guard?: boolean;
    minMiddle?: number | false;
    exactParagraphs?: false | { minBlock?: number; ratio?: number };
    blockRunsFrom?: number | false;
    engine?: MarkdownEngine;
    inline?: ConvertInline;
    lezerPart?: number;
  } = {},
): MarkdownParser {
  const parser = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']);
  if (options.guard === false) return withParseEach(parser);
  // Tables of plain cells are read without micromark's per-cell parse (pipeline/markdown-table.ts).
  const guarded = parser.use(remarkLinearGfm).use(remarkFastTables, () => parseText);
  const minMiddle = options.minMiddle ?? MIN_MIDDLE;
  const parseShortened = (text: string, blocks: boolean) => {
    const skeleton = minMiddle === false ? null : shorten(text, minMiddle, true, blocks);
    if (!skeleton) return withParseText(text, () => withLinearEditMap(() => guarded.parse(text)));
    const tree = withParseText(skeleton.text, () => withLinearEditMap(() => guarded.parse(skeleton.text)));
    // A run of blocks whose stand-in did not come out at the root (inside fenced code, HTML, a container): parse again
    // without runs (pipeline/markdown-blocks.ts).
    return restoreWithRuns(tree as never, skeleton, text) ? tree : null;
  };
  const from = options.blockRunsFrom ?? BLOCK_RUNS_FROM;
  const parseWithRuns = (text: string) =>
    (from !== false && text.length >= from && parseShortened(text, true)) || parseShortened(text, false)!;
  const engine = options.engine ?? 'auto';
  const parseWithMicromark = (text: string) => {
    // Dense paragraphs are read without micromark's inline parse (pipeline/markdown-paragraph.ts).
    const exact = options.exactParagraphs;
    const standIn = exact === false ? null : standInParagraphs(text, exact?.minBlock, exact?.ratio);
    if (!standIn) return parseWithRuns(text);
    const tree = parseWithRuns(standIn.text);
    // A failed restore parses the text as written, without runs: at most three parses in all.
    return restoreParagraphs(tree as never, standIn.paragraphs) ? tree : parseShortened(text, false)!;
  };
  const withLezer = (text: string) =>
    engine !== 'micromark' && (engine !== 'auto' || lezerIneligibility(text) === null);
  const parts = { part: options.lezerPart };
  return {
    parse(text: string) {
      if (!withLezer(text)) return parseWithMicromark(text);
      // A conversion that would not be exact gives null: the document is parsed with micromark as before.
      return parseWithLezer(text, options.inline, undefined, parts) ?? parseWithMicromark(text);
    },
    parseEach(text, visit, restart) {
      if (withLezer(text)) {
        let visited = false;
        const emit = (node: unknown) => {
          visited = true;
          visit(node);
        };
        if (parseWithLezer(text, options.inline, undefined, { ...parts, emit })) return;
        if (visited) restart();
      }
      for (const child of childrenOf(parseWithMicromark(text))) visit(child);
    },
  };
}

function childrenOf(tree: unknown): unknown[] {
  return (tree as { children?: unknown[] }).children ?? [];
}

/** A parser whose parseEach hands over the children of its whole tree. */
function withParseEach(parser: { parse: (text: string) => unknown }): MarkdownParser {
  return {
    parse: (text) => parser.parse(text),
    parseEach: (text, visit) => {
      for (const child of childrenOf(parser.parse(text))) visit(child);
    },
  };
}
