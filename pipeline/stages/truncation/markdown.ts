// Truncation inside Markdown structure: the file stops inside a code fence, a link, a URL, inline code or emphasis,
// in the middle of the last list item, or in the middle of the last table row. A complete list, table or code block
// is a legitimate ending; these checks look for what a complete one never has (an unclosed construct, a row with
// fewer cells than the header, an item that breaks off where its siblings end properly).
import type { Article, Block } from '../../types.js';
import { RESTORE, TERMINATED, TRAILING_COMMA, cutSignal, tailWords, type Signal } from './signals.js';
import { isWordFragment, wordCounts } from './lexicon.js';
import {
  AUXILIARIES,
  CANNOT_END_SENTENCE,
  RARELY_ENDS_SENTENCE,
  STRANDABLE_PREPOSITIONS,
} from '../keywords/english-function-words.js';
import { tagSentence } from '../keywords/nlp.js';

/** The raw source lines a block spans, with the offset of their first character (exact, CRLF kept). */
export function blockSource(article: Article, block: Block): { text: string; start: number } {
  const src = article.source.text;
  const first = block.sourceOffsets[0];
  const last = block.sourceOffsets[Math.max(0, block.text.length - 1)];
  const start = Math.max(src.lastIndexOf('\n', first - 1), src.lastIndexOf('\r', first - 1)) + 1;
  let end = src.slice(last).search(/[\r\n]/);
  end = end < 0 ? src.length : last + end;
  return { text: src.slice(start, end), start };
}

// The whitespace after a list or quote marker belongs to the marker's group: two adjacent `[ \t]*` would try every
// split of a long indentation (quadratic in the line's leading whitespace).
const FENCE = /^( {0,3}|[ \t]*(?:(?:[>*+-]|\d{1,9}[.)])[ \t]*)?)(`{3,}|~{3,})(.*)$/;

/**
 * The opening line of a fenced code block that is never closed, as a source offset range, or null. A line scan
 * (linear): an opener is a run of ≥ 3 backticks or tildes; its closer a run of the same character at least as long
 * with nothing after it.
 */
export function unclosedFence(text: string): [number, number] | null {
  // Only a line holding a run of three fence characters can open a fence.
  if (!text.includes('```') && !text.includes('~~~')) return null;
  let open: { char: string; length: number; start: number; end: number } | null = null;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
    const m = line.includes('```') || line.includes('~~~') ? FENCE.exec(line) : null;
    if (m) {
      const run = m[2];
      if (!open) {
        // A backtick fence's info string cannot contain backticks (that is inline code on one line).
        if (!(run[0] === '`' && m[3].includes('`')))
          open = { char: run[0], length: run.length, start: lineStart, end: lineStart + line.length };
      } else if (run[0] === open.char && run.length >= open.length && m[3].trim() === '') open = null;
    }
    if (lineEnd >= text.length) break;
    lineStart = lineEnd + 1;
  }
  if (!open) return null;
  // A bare "~~~" or "```" on the last line with nothing after it is a decorative line, not a cut code sample.
  const info = text
    .slice(open.start, open.end)
    .replace(/^[\s>*+\-\d.)]*[`~]+/, '')
    .trim();
  if (!info && !text.slice(open.end).trim()) return null;
  return [open.start, open.end];
}

// Sticky scanners (no slicing: a line full of "<" stays linear). An autolink ends at ">" or whitespace; an HTML tag
// is a name and attributes up to ">" on the same line, with no "<" in between.
const AUTOLINK_END = /[^>\s]*[>\s]/y;
const HTML_TAG = /<[^<>\n]*>/y;

export interface UnclosedInline {
  what: 'link' | 'link text' | 'web address' | 'inline code' | 'emphasis';
  /** Offset of the opener in the scanned text. */
  at: number;
}

/**
 * The inline construct the text ends inside, or null: a link destination `](…` or `<https://…` with no closer, link
 * text `[…` with no `]`, a code span with no closing backticks, emphasis `*…`/`**…`/`_…` with no closer. One pass,
 * with backslash escapes honoured. Only openers on the last line count (a stray bracket earlier is not an ending).
 */
export function unclosedInline(text: string): UnclosedInline | null {
  const lastLineStart = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r')) + 1;
  const brackets: number[] = [];
  const emphasis: { char: string; length: number; at: number }[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '`') {
      let run = 1;
      while (text[i + run] === '`') run++;
      const close = findBacktickRun(text, i + run, run);
      if (close < 0) return i >= lastLineStart ? { what: 'inline code', at: i } : null;
      i = close + run;
      continue;
    }
    if (c === '[') brackets.push(i);
    else if (c === ']') {
      brackets.pop();
      if (text[i + 1] === '(') {
        const close = findDestinationEnd(text, i + 2);
        if (close < 0) return i >= lastLineStart || text.indexOf('\n', i) < 0 ? { what: 'link', at: i } : null;
        i = close + 1;
        continue;
      }
    } else if (c === '<' && /^<(?:https?:|mailto:|www\.)/i.test(text.slice(i, i + 9))) {
      AUTOLINK_END.lastIndex = i;
      if (!AUTOLINK_END.test(text)) return { what: 'web address', at: i };
      i = AUTOLINK_END.lastIndex;
      continue;
    } else if (c === '<' && /[A-Za-z/!]/.test(text[i + 1] ?? '')) {
      // An HTML tag on one line: its attributes (target="_blank", class="a*b") are not Markdown.
      HTML_TAG.lastIndex = i;
      if (HTML_TAG.test(text)) {
        i = HTML_TAG.lastIndex;
        continue;
      }
    } else if (c === '*' || c === '_') {
      let run = 1;
      while (text[i + run] === c) run++;
      trackEmphasis(text, i, run, emphasis);
      i += run;
      continue;
    }
    i++;
  }
  const bracket = brackets[brackets.length - 1];
  if (bracket !== undefined && bracket >= lastLineStart) return { what: 'link text', at: bracket };
  const opener = emphasis[emphasis.length - 1];
  if (opener && opener.at >= lastLineStart) return { what: 'emphasis', at: opener.at };
  return null;
}

function findBacktickRun(text: string, from: number, length: number): number {
  for (let k = text.indexOf('`', from); k >= 0; k = text.indexOf('`', k)) {
    let run = 1;
    while (text[k + run] === '`') run++;
    if (run === length) return k;
    k += run;
  }
  return -1;
}

/** The `)` that closes a link destination starting at `from` (nested parentheses balanced), or -1. */
function findDestinationEnd(text: string, from: number): number {
  let depth = 0;
  for (let k = from; k < text.length; k++) {
    const c = text[k];
    if (c === '\\') k++;
    else if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) return k;
      depth--;
    } else if (c === '\n' && text[k + 1] === '\n') return -1;
  }
  return -1;
}

/** CommonMark flanking rules, simplified: a run opens when a word follows it and closes when a word precedes it. */
function trackEmphasis(
  text: string,
  at: number,
  run: number,
  stack: { char: string; length: number; at: number }[],
): void {
  const c = text[at];
  const before = text[at - 1] ?? ' ';
  const after = text[at + run] ?? ' ';
  const leftFlanking = !/\s/u.test(after) && !(/[\p{P}\p{S}]/u.test(after) && !/[\s\p{P}\p{S}]/u.test(before));
  const rightFlanking = !/\s/u.test(before) && !(/[\p{P}\p{S}]/u.test(before) && !/[\s\p{P}\p{S}]/u.test(after));
  // Underscores inside words (snake_case) are never emphasis.
  if (c === '_' && /[\p{L}\p{N}]/u.test(before) && /[\p{L}\p{N}]/u.test(after)) return;
  const top = stack[stack.length - 1];
  if (rightFlanking && top && top.char === c) {
    stack.pop();
    return;
  }
  if (leftFlanking && !(c === '_' && /[\p{L}\p{N}]/u.test(before))) stack.push({ char: c, length: run, at });
}

/** The text ends on a bare web address (scheme or www., a dotted host), after a space or a colon. */
const ADDRESS_LINE_END = /(?:^|[\s:])(?:https?:\/\/|www\.)[\w-]+(?:\.[\w-]+)+(?:[/?#]\S*)?\s*$/iu;

const INLINE_NAMES: Record<UnclosedInline['what'], string> = {
  link: 'inside a link address',
  'link text': 'inside the text of a link',
  'web address': 'inside a web address',
  'inline code': 'inside inline code (no closing backtick)',
  emphasis: 'inside emphasis (no closing * or _)',
};

/** The final block's source ends inside an unclosed inline construct. Emphasis and link text only when unpunctuated. */
export function unclosedInlineSignal(article: Article, block: Block): Signal | null {
  const source = blockSource(article, block);
  const found = unclosedInline(source.text);
  if (!found) return null;
  if ((found.what === 'emphasis' || found.what === 'link text') && TERMINATED.test(block.text)) return null;
  // A line that ends on a whole web address is a reference line ("_\`Name\`: https://example.org", the label marks of
  // a source format left as text): it ends where its writer ended it. A cut inside emphasis stops in running words.
  if (found.what === 'emphasis' && ADDRESS_LINE_END.test(source.text)) return null;
  const lineEnd = source.start + source.text.length;
  return {
    severity: 'error',
    message: `Article ends ${INLINE_NAMES[found.what]} ("${tailWords(source.text.slice(source.text.lastIndexOf('\n') + 1))}").`,
    start: 0,
    end: block.text.length,
    sourceRange: [source.start + found.at, lineEnd],
    suggestion: RESTORE,
  };
}

/** The file ends inside a fenced code block that was never closed. */
export function unclosedFenceSignal(article: Article): Signal | null {
  const fence = unclosedFence(article.source.text);
  if (!fence) return null;
  const opener = article.source.text.slice(fence[0], fence[1]).trim();
  return {
    severity: 'error',
    message: `Article ends inside a code block that is never closed (opened by "${opener.slice(0, 40)}").`,
    start: 0,
    end: 0,
    sourceRange: [fence[0], article.source.text.replace(/\s+$/u, '').length],
    suggestion: 'Restore the rest of the code block and its closing fence, or remove the fragment.',
  };
}

/** Cells of one pipe-table row (pipes inside code spans and escaped pipes do not split; cells keep their code). */
function tableCells(line: string): { cells: string[]; closed: boolean; opened: boolean } {
  const row = line.trim();
  // Same length as the row, with code spans and escaped pipes blanked: only real separators remain.
  const masked = row.replace(/\\\|/g, '  ').replace(/`[^`]*`/g, (m) => ' '.repeat(m.length));
  const opened = masked.startsWith('|');
  const closed = masked.length > 1 && masked.endsWith('|');
  const cells: string[] = [];
  let from = opened ? 1 : 0;
  const end = closed ? masked.length - 1 : masked.length;
  for (let k = masked.indexOf('|', from); k >= 0 && k < end; k = masked.indexOf('|', k + 1)) {
    cells.push(row.slice(from, k).trim());
    from = k + 1;
  }
  cells.push(row.slice(from, end).trim());
  return { cells, opened, closed };
}

/**
 * A table that ends in a row cut short: the row stops before its closing pipe where the header has one, or has
 * fewer cells than the header; or its last cell stops mid-word, on a comma, or on a word that cannot end a phrase.
 */
export function tableRowSignal(article: Article, block: Block, english: boolean): Signal | null {
  const source = blockSource(article, block);
  const lines = source.text.split(/\r?\n|\r/).filter((l) => l.trim());
  if (lines.length < 2) return null;
  const header = tableCells(lines[0]);
  const lastLine = lines[lines.length - 1];
  if (/^\s*\|?[\s:|-]+\|?\s*$/.test(lastLine)) return null; // only the delimiter row: nothing was cut mid-cell
  const last = tableCells(lastLine);
  const lastCell = last.cells[last.cells.length - 1] ?? '';
  const lineStart = source.start + source.text.lastIndexOf(lastLine);
  const range: [number, number] = [lineStart, lineStart + lastLine.length];
  const rowCut =
    (header.closed && !last.closed) || (last.cells.length < header.cells.length && !(last.closed && lastCell === ''));
  if (rowCut) {
    return {
      severity: 'error',
      message: `Article ends in a table row cut short ("${tailWords(lastLine.trim())}": ${last.cells.length} of ${header.cells.length} cells${header.closed && !last.closed ? ', no closing |' : ''}).`,
      start: 0,
      end: 0,
      sourceRange: range,
      suggestion: 'Restore the rest of the table row, or remove the fragment.',
    };
  }
  const cut = cutSignal(lastCell, 'table cell', english);
  return cut ? { ...cut, start: 0, end: 0, sourceRange: range } : null;
}

/**
 * The last list item: the same signals that judge a last sentence, plus consistency with its siblings — when every
 * earlier item of the list ends with a sentence end, a last item without one was cut off.
 */
export function listItemSignal(article: Article, index: number, english: boolean): Signal | null {
  const block = article.blocks[index];
  const text = block.text.replace(/\s+$/u, '');
  const cut = cutSignal(text, 'list item', english, TRAILING_COMMA);
  if (cut) return cut;
  if (TERMINATED.test(text)) return null;
  const fragment = english ? wordFragmentSignal(article, block, 'list item', false) : null;
  if (fragment) return fragment;
  const brokenOff = english ? lastSentenceBrokenOff(block) : null;
  if (brokenOff) return brokenOff;
  const siblings: Block[] = [];
  for (let i = index - 1; i >= 0 && article.blocks[i].kind === 'listItem'; i--) siblings.push(article.blocks[i]);
  const weak = english ? (weakWordEnding(text, siblings) ?? headlessNounPhrase(text)) : null;
  if (weak) return weak;
  const terminated = siblings.filter((s) => TERMINATED.test(s.text.replace(/\s+$/u, ''))).length;
  // A colon introduces what follows (code, a sub-list): not a broken-off item.
  if (terminated === siblings.length && siblingsOutvote(siblings.length, block, text) && !/[:：]$/u.test(text)) {
    return {
      severity: 'error',
      message: `Article ends after "${tailWords(text)}" in its last list item, with no sentence end where the other items have one.`,
      start: 0,
      end: text.length,
      suggestion: RESTORE,
    };
  }
  return null;
}

// Words a list item (a phrase or a sentence) ends on only when it was cut: a preposition waiting for its object,
// an auxiliary for its verb, a relative word for its clause.
const ITEM_WEAK_WORDS: ReadonlySet<string> = new Set([
  ...STRANDABLE_PREPOSITIONS,
  ...AUXILIARIES,
  'which',
  'who',
  'where',
  'when',
]);
// Prepositions that are verb particles as often ("Log in", "Sign up for updates", "built in").
const PARTICLES: ReadonlySet<string> = new Set([
  'in',
  'on',
  'over',
  'through',
  'along',
  'around',
  'by',
  'about',
  'across',
  'after',
  'before',
  'behind',
]);
// Pronouns that "that" follows only as a relative pronoun opening a clause: "those that", "anything that".
const RELATIVE_HEADS: ReadonlySet<string> = new Set([
  'those',
  'ones',
  'anything',
  'everything',
  'something',
  'nothing',
  'anyone',
  'everyone',
  'someone',
  'anybody',
  'everybody',
  'somebody',
]);
// Words that license an ending on a stranded preposition or a bare auxiliary close before it: "what it is for",
// "as it should be", "than they did", "if you can".
const ELLIPSIS_LICENSORS =
  /(?:^|\s)(?:what|which|who|whom|whose|where|when|why|how|as|than|if|unless|because|whether|though|although|once)\s/iu;

// A preposition stranded by an infinitive or a clause with a pronoun subject: "the character to look for", "the
// tools we rely on".
const STRANDED = /(?:^|\s)(?:to|i|you|we|they|he|she|it|one)\s+\p{L}+\s+\p{L}+$/iu;
const MAIN_VERB_BEFORE = /(?:^|\s)(?:to|it|them|me|us|him|her|you)\s+\p{L}+$/iu;

/**
 * The last item ends on a word that waits for more ("… can refer to", "These images will", "… logo placement in"):
 * an item of three words or more, in sentence case, with no clause opener in its last words that would let the word
 * end it, no sibling ending the same way (a list of phrasal verbs), and no verb before a particle ("Log in").
 */
function weakWordEnding(text: string, siblings: readonly Block[]): Signal | null {
  const m = /(?:^|\s)(\p{Ll}+)$/u.exec(text);
  if (!m) return null;
  const word = m[1];
  const words = foldWords(text);
  const relative = word === 'that' && RELATIVE_HEADS.has((words[words.length - 2] ?? '').toLowerCase());
  if (!relative && !ITEM_WEAK_WORDS.has(word)) return null;
  if (words.length < 3) return null;
  // A relative "that" after its pronoun waits for its clause whatever comes before ("other than those that").
  if (!relative && ELLIPSIS_LICENSORS.test(` ${words.slice(-6, -1).join(' ')} `)) return null;
  if (siblings.some((s) => ITEM_WEAK_WORDS.has(/(?:^|\s)(\p{Ll}+)[.!?;:,]*$/u.exec(s.text.trimEnd())?.[1] ?? '')))
    return null;
  if (STRANDABLE_PREPOSITIONS.has(word) && STRANDED.test(words.slice(-4).join(' '))) return null;
  // An auxiliary as a main verb after "to" or an object: "Nice to have", "Things to do", "Let it be".
  if (AUXILIARIES.has(word) && MAIN_VERB_BEFORE.test(words.slice(-3).join(' '))) return null;
  if (PARTICLES.has(word) && particleOfVerb(text, words.length, word)) return null;
  return {
    severity: 'error',
    message: `Article ends after "${tailWords(text)}" in its last list item ("${word}" rarely ends one).`,
    start: text.length - word.length,
    end: text.length,
    suggestion: RESTORE,
  };
}

const DETERMINER = /^(?:a|an|the|my|your|our|their|its)$/;
const ADJECTIVE_ENDING = /(?:al|ic|ive|ous|ful|less|able|ible|ary|ant|ent|ed|ing|ish)$/;
// Quantifiers that stand for a noun after "a": "just a few", "a little".
const FUSED_HEADS = /^(?:few|little|many|lot|bit)$/;

/**
 * The last item stops inside a noun phrase before its noun: an article or possessive and only modifiers after it,
 * the last one an adjective or participle by its form ("or the actual imported", "an ever-growing"). After "a"/"an"
 * one modifier is enough; after "the" or a possessive two ("the elderly", "your own" are complete). Needs the
 * part-of-speech tagger.
 */
function headlessNounPhrase(text: string): Signal | null {
  if (!/\p{Ll}$/u.test(text) || foldWords(text).length < 3) return null;
  const tokens = tagSentence(text.replace(/\s+/gu, ' ').slice(-200));
  if (!tokens || tokens.length < 3) return null;
  let k = tokens.length - 1;
  const modifiers: string[] = [];
  while (k > 0 && /^(?:ADJ|ADV|VERB|PUNCT)$/.test(tokens[k].pos) && !DETERMINER.test(tokens[k].text.toLowerCase())) {
    if (tokens[k].pos === 'PUNCT' && tokens[k].text !== '-') return null;
    if (tokens[k].pos !== 'PUNCT') modifiers.push(tokens[k].pos);
    k--;
  }
  // The tagger takes unknown nouns for adjectives or verbs ("the new key", "have a go"): the last word must look
  // like an adjective or a participle.
  const last = tokens[tokens.length - 1];
  if (last.pos === 'ADV' || !ADJECTIVE_ENDING.test(last.text)) return null;
  const determiner = tokens[k].text.toLowerCase();
  if (!modifiers.length || !DETERMINER.test(determiner) || FUSED_HEADS.test(tokens[tokens.length - 1].text))
    return null;
  const indefinite = determiner === 'a' || determiner === 'an';
  if (!indefinite && modifiers.length < 2) return null;
  const phrase = tokens
    .slice(k)
    .map((t) => t.text)
    .join(' ')
    .replace(/ - /g, '-');
  return {
    severity: 'error',
    message: `Article ends after "${tailWords(text)}" in its last list item: "${phrase}" has no noun.`,
    start: 0,
    end: text.length,
    suggestion: RESTORE,
  };
}

function foldWords(text: string): string[] {
  return text.trim().split(/\s+/u);
}

/**
 * The final particle belongs to its verb and may end the item: a short command ("Log in", "Sign in") or a participle
 * ("built in", "switched on"). A clause that stops after a prepositional verb ("will now focus on") still waits for
 * its object, and so does "by" after a participle: it names the agent of a passive ("superseded by", "replaced by").
 * Without a tagger: assumed so.
 */
function particleOfVerb(text: string, words: number, particle: string): boolean {
  const tokens = tagSentence(text.replace(/\s+/gu, ' ').slice(-200));
  if (!tokens || tokens.length < 2) return true;
  const before = tokens[tokens.length - 2];
  // After a form of "be" the particle is a predicate: "the match is over", "the lights are on".
  if (before.pos === 'AUX') return true;
  if (before.pos !== 'VERB') return false;
  const participle = /(?:ed|en|t)$/i.test(before.text);
  if (particle === 'by' && participle && words > 3) return false;
  return words <= 3 || participle;
}

/**
 * An item of several sentences whose last one, after a finished sentence, stops on a word that rarely ends one
 * ("… in its template. This has"): the paragraph rule, narrowed to the words that say so (items legitimately end on
 * parentheticals, names and code after a finished sentence).
 */
function lastSentenceBrokenOff(block: Block): Signal | null {
  const sentences = block.sentences;
  if (sentences.length < 2 || !TERMINATED.test(sentences[sentences.length - 2].text.trimEnd())) return null;
  const last = sentences[sentences.length - 1];
  const word = /(\p{Ll}+)$/u.exec(last.text.trimEnd())?.[1];
  if (!word || !RARELY_ENDS_SENTENCE.has(word)) return null;
  return {
    severity: 'error',
    message: `Article ends after "${tailWords(last.text)}" in its last list item ("${word}" rarely ends a sentence).`,
    start: last.start,
    end: last.end,
    suggestion: RESTORE,
  };
}

/**
 * Enough punctuated siblings to say the last item should have been punctuated too: two, or a single one when the
 * last item is a longer phrase ending on a plain lowercase word — not a name, a link or code, which complete
 * unpunctuated items end on ("See also [Dynamic Components]", "`str`").
 */
function siblingsOutvote(siblings: number, block: Block, text: string): boolean {
  const words = countWordsRough(text);
  if (siblings >= 2) return words >= 3;
  if (siblings !== 1 || words < 4 || !/(?:^|\s)\p{Ll}+$/u.test(text)) return false;
  return !(block.inline ?? []).some((span) => span.end >= text.length);
}

function countWordsRough(text: string): number {
  return (text.match(/[\p{L}\p{N}]+/gu) ?? []).length;
}

const countsCache = new WeakMap<Article, Map<string, number>>();

/** Lowercase word counts of the article's text blocks (computed once per article). */
function articleWordCounts(article: Article): Map<string, number> {
  let counts = countsCache.get(article);
  if (!counts) {
    counts = wordCounts(article.blocks.filter((b) => b.kind !== 'code' && b.kind !== 'html').map((b) => b.text));
    countsCache.set(article, counts);
  }
  return counts;
}

/** `word` occurs only once in the article (here, at the end) and a longer word of the article starts with it. */
export function startsOtherArticleWord(article: Article, word: string): boolean {
  const lower = word.toLowerCase();
  if (!/^[a-z]{2,}$/.test(lower)) return false;
  const counts = articleWordCounts(article);
  if ((counts.get(lower) ?? 0) > 1) return false;
  for (const other of counts.keys()) if (other.length > lower.length && other.startsWith(lower)) return true;
  return false;
}

/** Characters after which a final word may start: whitespace, "(", and opening or straight quotes. */
const BEFORE_WORD = /[\s(“‘"']/;

/**
 * The final word of `text` when it is 2+ ASCII letters after the text's start or a BEFORE_WORD character (what
 * `/(?:^|[\s(“‘"'])([A-Za-z]{2,})$/` captures), else null. Read from the end: the text may be a whole article.
 */
export function lastAsciiWord(text: string): string | null {
  let start = text.length;
  while (start > 0) {
    const c = text.charCodeAt(start - 1) | 0x20;
    if (c < 0x61 || c > 0x7a) break;
    start--;
  }
  if (text.length - start < 2) return null;
  if (start > 0 && !BEFORE_WORD.test(text[start - 1])) return null;
  return text.slice(start);
}

/**
 * The text ends on a fragment of a word ("the original captu"): a last word, straight after a space, that no
 * dictionary lists but that starts a longer word, or (`echoes`: in an article that punctuates its paragraphs) a word
 * used nowhere else that starts a longer word of the same article ("… the prop is expo" where "exposed" appears).
 * English articles only; for Markdown the source must end with the same word (not code, a link address or markup).
 */
export function wordFragmentSignal(article: Article, block: Block, what: string, echoes: boolean): Signal | null {
  const text = block.text.trimEnd(); // trimEnd strips what \s matches
  const word = lastAsciiWord(text);
  if (!word) return null;
  const lower = word.toLowerCase();
  if (CANNOT_END_SENTENCE.has(lower) || RARELY_ENDS_SENTENCE.has(lower)) return null; // judged by other signals
  if (article.format === 'markdown' && lastAsciiWord(blockSource(article, block).text.trimEnd()) !== word) return null;
  const unknown = word === lower && isWordFragment(word, articleWordCounts(article)) === true;
  if (!unknown && !(echoes && startsOtherArticleWord(article, word))) return null;
  const start = text.length - word.length;
  return {
    severity: 'error',
    message: `Article ends mid-word${what ? ` in its last ${what}` : ''} ("${word}" ${unknown ? 'is not a word; it starts one' : 'starts a longer word of the article'}).`,
    start,
    end: text.length,
    suggestion: 'Restore the missing end of the word and sentence, or remove the fragment.',
  };
}
