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
import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';

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
}
interface Construct {
  name?: string;
  tokenize: (this: TokenizeContext, ...args: unknown[]) => unknown;
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

const AUTOLINK_LITERALS = new Set(['wwwAutolink', 'protocolAutolink', 'emailAutolink']);
const POTENTIAL_FOOTNOTE_CALL = 'gfmPotentialFootnoteCall';

/** The linear replacement of one upstream construct, or the construct itself. */
function guarded(construct: Construct): Construct {
  if (construct.name && AUTOLINK_LITERALS.has(construct.name)) {
    return withEvents(construct, (context) => (labelStillOpen(context) ? OPEN_LABEL : NO_EVENTS));
  }
  if (construct.name === POTENTIAL_FOOTNOTE_CALL) {
    return withEvents(construct, (context) => (context.parser.gfmFootnotes?.length ? context.events : NO_EVENTS));
  }
  return construct;
}

/** Replace the quadratic constructs in the text constructs of every micromark extension. Returns how many. */
export function guardExtensions(extensions: { text?: ConstructMap }[]): number {
  const replaced = new Map<Construct, Construct>();
  const swap = (construct: Construct) => {
    if (!replaced.has(construct)) replaced.set(construct, guarded(construct));
    return replaced.get(construct)!;
  };
  for (const extension of extensions) {
    const text = extension.text;
    if (!text) continue;
    for (const code of Object.keys(text)) {
      const value = text[code];
      if (value) text[code] = Array.isArray(value) ? value.map(swap) : swap(value);
    }
  }
  return [...replaced].filter(([from, to]) => from !== to).length;
}

/** unified plugin (after remark-gfm): guard the GFM constructs registered so far. */
function remarkLinearGfm(this: Processor) {
  const extensions = (this.data('micromarkExtensions') ?? []) as { text?: ConstructMap }[];
  // Three autolink literals and the potential footnote call: if an upstream update renames them, fail loudly
  // instead of silently parsing quadratically again.
  const count = guardExtensions(extensions);
  if (count !== 4)
    throw new Error(
      `markdown guard: expected 4 GFM constructs to replace, found ${count} (did micromark-extension-gfm change?)`,
    );
}

/** The parser as the pipeline uses it; `guard: false` gives the upstream behaviour (tests compare the two). */
export function createMarkdownParser(options: { guard?: boolean } = {}): { parse: (text: string) => unknown } {
  const parser = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']);
  return options.guard === false ? parser : parser.use(remarkLinearGfm);
}
