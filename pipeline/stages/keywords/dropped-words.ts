// dropped-words: holes where a template, spinner or find-and-replace removed a word and left the spacing behind
// ("Power\u00a0 AI in Hong Kong", "The  of the city", "including , and"), plus cheap grammatical holes that such
// tools leave in English ("the of", "a in"). Conservative by design: typing-style double spaces after a sentence,
// Markdown hard breaks, indentation and column alignment are never findings. See docs/rules/dropped-words.md.
import { z } from 'zod';
import { defineRule, type RuleFindingDraft } from '../../rule.js';
import { fraction, nonNegative } from '../../rule-options.js';
import { blockRange } from '../../source-map.js';
import { joinedPrefix } from '../../text-words.js';
import type { Article, Block, InlineSpan } from '../../types.js';
import { deletionTest } from './english-bigrams.js';
import { inSpan, isCode } from './inline-spans.js';
import {
  CANNOT_END_SENTENCE,
  CANNOT_FOLLOW_DETERMINER,
  NOUN_DETERMINERS,
  STRANDABLE_PREPOSITIONS,
  englishScore,
} from './english-function-words.js';

export interface DroppedWordsOptions {
  /** Longest whitespace run (in characters) still read as a hole; longer runs are layout. */
  maxGap: number;
  /** Report a double space after a colon or semicolon in running prose (always reported in headings and titles). */
  gapAfterColonInProse: boolean;
  /** Report two plain spaces after a comma in running prose (a no-break space there, and titles, are always checked). */
  gapAfterCommaInProse: boolean;
  /** English-only grammar checks: a determiner directly followed by a preposition or punctuation ("the of", "the ,"). */
  grammarChecks: boolean;
  /** Check the front-matter `title` too. */
  frontMatterTitle: boolean;
  /** At most this many findings per article (the first ones in reading order). */
  maxPerArticle: number;
  /**
   * Fewest plain double spaces between words (each closing to ordinary English, the one judged included) that, on a page
   * which also types two spaces after its sentences, make them the author's spacing habit: reported at info. 0: off.
   */
  habitMinGaps: number;
  /** Share of a page's sentence gaps typed with two spaces or more, at or above which the page types double spaces. */
  habitSentenceShare: number;
  /** Fewest sentence gaps typed with two spaces that count (a share of one or two gaps says little). */
  habitMinSentenceGaps: number;
}

const ID = 'dropped-words';

const PROSE = new Set(['heading', 'paragraph', 'listItem', 'blockquote', 'tableCell']);
// Horizontal spaces that can make a hole: space, NBSP, figure/thin/narrow no-break space. Tabs and the ideographic
// space are layout, not holes.
const SPACE = '[ \\u00a0\\u2007\\u2009\\u202f]';
const GAP = new RegExp(`${SPACE}{2,}`, 'gu');
const SPACE_BEFORE_PUNCT = new RegExp(`(?<=[\\p{L}\\p{N}])(${SPACE}+)([,.])(?=\\s|$)`, 'gu');
const EMPTY_PAIR = new RegExp(`(?<=${SPACE})(\\(${SPACE}*\\)|""|“”)(?=${SPACE}|[,.;:]|$)`, 'gu');
// What each pattern above cannot match without (no look-arounds, so no test at every position): most blocks hold none,
// and the look-behind patterns cost several times these.
const MAY_SPACE_BEFORE_PUNCT = new RegExp(`${SPACE}[,.]`);
const MAY_EMPTY_PAIR = new RegExp(`""|“”|\\(${SPACE}*\\)`);
const NO_SPACE_SCRIPTS =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const TERMINAL = /[.!?…。！？]/u;
const CLOSER = /["'”’»)\]]/u;
const LEFT_OK = /[\p{L}\p{N}\p{M},)\]"'”’»%]/u;
const RIGHT_OK = /[\p{L}\p{N}("'“‘«[$€£#]/u;
// Lines of code pasted into prose blocks (plain-text files have no code blocks).
const CODE_LINE =
  /=>|[{}]|\(\)\s*[;{]|;\s*$|(?:^|\s)\/\/|^\s*(?:const|let|var|import|export|return|def|class|function)\s|\w\(['"`]/u;
const ENTITY_OR_SPACE = /^(?:[ \u00a0\u2007\u2009\u202f]|&nbsp;|&#160;|&#x0*a0;|&thinsp;|&#8201;)+$/i;

// Words after "the <preposition>" that make it a legitimate noun use ("the in crowd", "the for loop", "the about page").
const NOUN_USE_AFTER =
  /^(?:crowd|thing|joke|loop|keyword|operator|statement|clause|function|method|command|tag|element|attribute|button|key|prefix|suffix|word|words|particle|preposition|conjunction|page|section|box|dialog|screen|tab|menu|link|field|flag|option|switch|position|state|side|list|sale|rent|hire|do|dos|show)$/i;

export const droppedWordsRule = defineRule<DroppedWordsOptions>({
  id: ID,
  description:
    'A word was removed and left a hole: a double space (often NBSP + space) or a space before punctuation inside a sentence or title, or a determiner followed directly by a preposition.',
  defaultSeverity: 'warning',
  options: z.object({
    maxGap: nonNegative()
      .default(3)
      .describe('Longest whitespace run (in characters) still read as a hole; longer runs are layout.'),
    gapAfterColonInProse: z
      .boolean()
      .default(false)
      .describe('Report a double space after a colon or semicolon in running prose (always in headings and titles).'),
    gapAfterCommaInProse: z
      .boolean()
      .default(false)
      .describe('Report two plain spaces after a comma in running prose (a no-break space there is always checked).'),
    grammarChecks: z
      .boolean()
      .default(true)
      .describe('English only: a determiner directly followed by a preposition or punctuation ("the of", "the ,").'),
    frontMatterTitle: z.boolean().default(true).describe('Check the front-matter `title` too.'),
    maxPerArticle: nonNegative().default(20).describe('At most this many findings per article.'),
    habitMinGaps: nonNegative()
      .default(3)
      .describe(
        'Plain double spaces between words that close to ordinary English (the one judged included) a page needs before they count as its spacing habit and are reported at info; 0 turns the habit off.',
      ),
    habitSentenceShare: fraction()
      .default(0.5)
      .describe(
        "Share of a page's sentence gaps typed with two spaces or more for the page to show a double-space habit.",
      ),
    habitMinSentenceGaps: nonNegative()
      .default(2)
      .describe('Fewest sentence gaps typed with two spaces a page needs for the habit.'),
  }),
  check(article, { options }) {
    const english = englishScore(articleText(article)) >= 0.14;
    const findings: RuleFindingDraft[] = [];
    const blocks: Block[] = [];
    const titleBlock = options.frontMatterTitle ? frontMatterTitleBlock(article) : null;
    if (titleBlock) blocks.push(titleBlock);
    for (const block of article.blocks) if (PROSE.has(block.kind)) blocks.push(block);
    // Every hole of the page first: whether its double spaces are a habit is a property of the whole page.
    const found: BlockHole[] = [];
    for (const block of blocks)
      for (const hole of findHoles(article, block, options, english)) found.push({ block, hole });
    const habit = english ? spacingHabit(article, found, options) : null;
    for (const { block, hole } of found) {
      const typed = habit?.holes.has(hole);
      findings.push({
        ...blockRange(article.source, block, hole.start, hole.end),
        ...(typed ? { severity: 'info' as const } : {}),
        message: typed ? habitMessage(block.text, hole, habit as SpacingHabit) : hole.message,
        evidence: phraseAround(block.text, hole.start, hole.end),
        suggestion: typed ? HABIT_SUGGESTION : hole.suggestion,
      });
      if (findings.length >= options.maxPerArticle) return findings;
    }
    return findings;
  },
});

export interface Hole {
  /** Offsets into block.text of the gap itself. */
  start: number;
  end: number;
  kind: 'gap' | 'space-before-punctuation' | 'empty-pair' | 'determiner-preposition' | 'determiner-punctuation';
  message: string;
  suggestion: string;
}

const RESTORE =
  'A word seems to have been removed here. Restore the missing word; if nothing is missing, use a single space.';

/** Exported for unit tests. */
export function findHoles(article: Article, block: Block, options: DroppedWordsOptions, english: boolean): Hole[] {
  const text = block.text;
  const holes: Hole[] = [];
  // The block's lines are only read around a candidate hole, which most blocks have none of: split on first use.
  let lineStarts: LineStarts | null = null;
  let layout: Set<number> | null = null;
  const lineIndexAt = (index: number) => (lineStarts ??= new LineStarts(text)).indexAt(index);
  const isLayoutLine = (index: number) => (layout ??= tabularLines(text)).has(lineIndexAt(index));
  // Judged once per line, on the line with its inline code blanked: braces or a call inside a code span
  // ("\`$ENV{<variable>}\` will  this") are the span's own, and the span is already known to be code.
  const codeLines = new Map<number, boolean>();
  const codeLike = (index: number) => {
    const starts = (lineStarts ??= new LineStarts(text));
    const line = starts.indexAt(index);
    let known = codeLines.get(line);
    if (known === undefined) codeLines.set(line, (known = CODE_LINE.test(withoutCode(block, starts, index))));
    return known;
  };
  const heading = block.kind === 'heading' || block === article.blocks[article.titleBlockIndex ?? -1];

  // 1. Whitespace runs between words.
  for (const m of text.matchAll(GAP)) {
    const start = m.index;
    const end = start + m[0].length;
    if (m[0].length > options.maxGap) continue;
    const left = text[start - 1];
    const right = text[end];
    if (left === undefined || right === undefined) continue;
    if (NO_SPACE_SCRIPTS.test(left) || NO_SPACE_SCRIPTS.test(right)) continue;
    if (!RIGHT_OK.test(right)) continue;
    // Two spaces after a sentence (".  Next", '."  Next') is a typing style, not a hole.
    if (TERMINAL.test(left) || (CLOSER.test(left) && TERMINAL.test(text[start - 2] ?? ''))) continue;
    const plain = /^ +$/.test(m[0]);
    if (plain && isLayoutLine(start)) continue;
    if (codeLike(start)) continue;
    if (left === ':' || left === ';') {
      if (!heading && !options.gapAfterColonInProse) continue;
      if (!/[\p{L}\p{N}]/u.test(right)) continue;
    } else if (!LEFT_OK.test(left)) continue;
    // Two typed spaces after a comma are the after-sentence typing habit again (real docs: "namespace,  you can").
    else if (left === ',' && plain && !heading && !options.gapAfterCommaInProse) continue;
    if (!realWhitespace(article, block, start, end)) continue;
    // Inside code, or beside a code name ("`NODE_ICU_DATA`  environment", "with  `async_hooks`", "[`NO_COLOR`][]  is"):
    // the neighbour is no English word, so the gap says nothing of a missing one; it is the spacing a hand edit of the
    // markup left.
    if (inSpan(block, start, isCode) || besideCode(block, start, end)) continue;
    // A closing quotation or bracket and a capital after it: a sentence break typed without its full stop
    // ('"Compatible with version"  See semver').
    if (CLOSER.test(left) && /\p{Lu}/u.test(right)) continue;
    holes.push({
      start,
      end,
      kind: 'gap',
      message: `Possible dropped word: ${describeRun(m[0])} between "${wordBefore(text, start)}" and "${wordAfter(text, end)}".`,
      suggestion: RESTORE,
    });
  }

  // 2. A space before a comma or full stop inside a sentence: "including , and", "located in .".
  for (const m of MAY_SPACE_BEFORE_PUNCT.test(text) ? text.matchAll(SPACE_BEFORE_PUNCT) : []) {
    const start = m.index;
    const end = start + m[1].length;
    const punct = m[2];
    if (overlaps(holes, start, end)) continue;
    if (NO_SPACE_SCRIPTS.test(text[start - 1] ?? '')) continue;
    // A full stop after a hole ends the sentence: end of block/line, or a new sentence starts. A lone "." followed
    // by lowercase is a literal ("the pattern . or ..").
    if (punct === '.' && (!english || !/^\.(?:\s*$|\n|\s+["“‘'(\p{Lu}\d])/u.test(text.slice(end)))) continue;
    if (codeLike(start)) continue;
    if (m[1].length > options.maxGap) continue;
    // Code on either side ("`x` .", "the `,` separator") is a name or a literal, not a word that went missing.
    if (!realWhitespace(article, block, start, end) || inSpan(block, start - 1, isCode) || inSpan(block, end)) continue;
    if (isLayoutLine(start)) continue;
    if (!holeBeforePunctuation(m[1], wordBefore(text, start), english)) continue;
    holes.push({
      start,
      end,
      kind: 'space-before-punctuation',
      message: `Possible dropped word: a space before "${punct}" after "${wordBefore(text, start)}".`,
      suggestion: RESTORE,
    });
  }

  // 3. An empty pair of brackets or quotes between words: "known as "" in", "the ( ) budget".
  for (const m of MAY_EMPTY_PAIR.test(text) ? text.matchAll(EMPTY_PAIR) : []) {
    const start = m.index;
    const end = start + m[0].length;
    if (overlaps(holes, start, end) || inSpan(block, start, isCode) || codeLike(start)) continue;
    if (/^\(/.test(m[0]) && /\bfunction\s*$/.test(text.slice(Math.max(0, start - 12), start))) continue;
    if (m[0] !== '“”' && emptyLiteral(article, text, end)) continue;
    holes.push({
      start,
      end,
      kind: 'empty-pair',
      message: `Possible dropped word: empty ${m[0].startsWith('(') ? 'parentheses' : 'quotation marks'} after "${wordBefore(text, start - 1)}".`,
      suggestion: RESTORE,
    });
  }

  if (english && options.grammarChecks) holes.push(...grammarHoles(article, block, holes));
  return holes.sort((a, b) => a.start - b.start);
}

/**
 * A determiner word, the space after it and the next word. The determiners are spelled out in every ASCII case (the
 * words whose lower case is one: no other character lower-cases to one of their letters) instead of matching every
 * pair of words and looking the first up: most word pairs of a text do not open with a determiner. No `i` flag: it
 * would also change what `\p{L}` and the look-arounds match (U+0345 case-folds to a letter). Exported for the test
 * that compares it with the every-pair pattern.
 */
const anyCase = (word: string) => [...word].map((c) => `[${c}${c.toUpperCase()}]`).join('');
export const DET_NEXT = new RegExp(
  `(?<![\\p{L}\\p{N}\\-'’#@/_.\`])(${[...NOUN_DETERMINERS]
    .sort((a, b) => b.length - a.length)
    .map(anyCase)
    .join('|')})(\\s+)(\\p{L}+)(?![\\p{L}\\p{N}\\-'’/_\`])`,
  'gu',
);
// The mark ends a phrase: a space or the end after it. A mark glued to what follows is part of a token (a role or
// directive such as ":ref:", a pseudo-class ":hover"), not punctuation after a missing noun.
const DET_PUNCT = /(?<![\p{L}\p{N}\-'’#@/_.`])(the|an|its|their|our|your|every)(\s*)([,;:.])(?=\s|$)/gu;
/** DET_PUNCT's necessary condition: the determiner starts a word (\b: no ASCII letter, digit or _ before it). */
const MAY_DET_PUNCT = /\b(?:the|an|its|their|our|your|every)\s*[,;:.]/;

/** Each look-around pattern with the cheap test run before it (exported for the test that they agree). */
export const PRE_CHECKED: readonly (readonly [RegExp, RegExp])[] = [
  [SPACE_BEFORE_PUNCT, MAY_SPACE_BEFORE_PUNCT],
  [EMPTY_PAIR, MAY_EMPTY_PAIR],
  [DET_PUNCT, MAY_DET_PUNCT],
];

function grammarHoles(article: Article, block: Block, existing: Hole[]): Hole[] {
  const text = block.text;
  const holes: Hole[] = [];
  DET_NEXT.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DET_NEXT.exec(text))) {
    const [, det, space, next] = m;
    // Continue scanning from the second word so overlapping pairs ("of the of") are seen.
    DET_NEXT.lastIndex = m.index + det.length + space.length;
    const detLower = det.toLowerCase();
    if (!NOUN_DETERMINERS.has(detLower)) continue;
    if (next !== next.toLowerCase() || !CANNOT_FOLLOW_DETERMINER.has(next)) continue;
    // Lowercase determiner, or a capitalised one at the start of the block/sentence ("The of the city").
    const atSentenceStart = m.index === 0 || /[.!?:]\s+$|^\s*$/u.test(text.slice(Math.max(0, m.index - 3), m.index));
    if (det !== detLower && !(atSentenceStart && det === det[0] + det.slice(1).toLowerCase() && det !== 'A')) continue;
    if (detLower === 'a' && det === 'A' && !atSentenceStart) continue;
    const rest = text.slice(m.index + m[0].length, m.index + m[0].length + 40);
    const after = /^\s*([\p{L}]+)/u.exec(rest);
    if (after && NOUN_USE_AFTER.test(after[1])) continue;
    if (namedNotUsed(article, next, rest)) continue;
    if (coordinatedPossessive(detLower, next, rest)) continue;
    // Letters as names ("maps a to b", "choose a or b", "from a to z").
    if (detLower === 'a' && ((after && after[1].length === 1) || /^(?:to|or|and|but|is|are|was|were)$/.test(next)))
      continue;
    const gapStart = m.index + det.length;
    const gapEnd = gapStart + space.length;
    if (overlaps(existing, gapStart, gapEnd) || overlaps(holes, gapStart, gapEnd)) continue;
    // Markup after the determiner is a mention ("the `in` operator", "the *of* keyword"): a noun, not a hole.
    if (inSpan(block, gapEnd) || inSpan(block, m.index, isCode)) continue;
    if (!onlySpaceInSource(article, block, gapStart, gapEnd)) continue;
    holes.push({
      start: gapStart,
      end: gapEnd,
      kind: 'determiner-preposition',
      message: `Possible dropped word between "${det}" and "${next}": a determiner is not followed directly by "${next}".`,
      suggestion: `A noun (or adjective and noun) seems to be missing after "${det}". Restore the missing word or rephrase.`,
    });
  }
  for (const d of MAY_DET_PUNCT.test(text) ? text.matchAll(DET_PUNCT) : []) {
    const [, det, space, punct] = d;
    const gapStart = d.index + det.length;
    const gapEnd = gapStart + space.length + punct.length;
    if (overlaps(existing, gapStart, gapEnd) || overlaps(holes, gapStart, gapEnd)) continue;
    // "the `:class` directive": the code span is the noun the determiner needs.
    if (inSpan(block, gapEnd - 1) || inSpan(block, d.index, isCode)) continue;
    if (!onlySpaceInSource(article, block, gapStart, gapEnd - punct.length)) continue;
    holes.push({
      start: gapStart,
      end: gapEnd,
      kind: 'determiner-punctuation',
      message: `Possible dropped word after "${det}": a determiner is not followed directly by "${punct}".`,
      suggestion: `A noun seems to be missing after "${det}". Restore the missing word or rephrase.`,
    });
  }
  return holes;
}

interface BlockHole {
  block: Block;
  hole: Hole;
}

/** A page that types double spaces: its plain mid-sentence double spaces that close to ordinary English. */
interface SpacingHabit {
  holes: Set<Hole>;
  /** Share of the page's sentence gaps typed with two spaces or more. */
  share: number;
}

const HABIT_SUGGESTION =
  'Use a single space. If a word is missing here after all, restore it; to hear of every double space as a warning, set habitMinGaps to 0.';

/**
 * A human's typing habit, not a machine's deletions: the page types two spaces after its sentences (at least
 * `habitSentenceShare` of its sentence gaps, and `habitMinSentenceGaps` of them), and holds at least `habitMinGaps`
 * plain double spaces between words in its prose whose closing leaves ordinary English. Those are the habit. A hole
 * that is a hole for other reasons too stays a warning: a determiner before a preposition once closed ("the  on"), a
 * pair of words Brown's bigrams say English does not put together ("with  of"), a no-break space, a space before
 * punctuation, any gap in a heading or title. Null when the page shows no habit.
 */
function spacingHabit(
  article: Article,
  found: readonly BlockHole[],
  options: DroppedWordsOptions,
): SpacingHabit | null {
  if (options.habitMinGaps <= 0) return null;
  const plain = found.filter(
    ({ block, hole }) =>
      hole.kind === 'gap' && !isHeading(article, block) && /^ +$/.test(block.text.slice(hole.start, hole.end)),
  );
  // Most pages hold no double space, or one: nothing more to read.
  if (plain.length < options.habitMinGaps) return null;
  const grammar = new Map<Block, Hole[]>();
  const holes = new Set<Hole>();
  for (const { block, hole } of plain) {
    let known = grammar.get(block);
    if (!known) grammar.set(block, (known = grammarHoles(article, block, [])));
    if (closesCleanly(block.text, hole, known)) holes.add(hole);
  }
  if (holes.size < options.habitMinGaps) return null;
  const { single, double } = sentenceGaps(article);
  const share = double / Math.max(1, single + double);
  if (double < options.habitMinSentenceGaps || share < options.habitSentenceShare) return null;
  return { holes, share };
}

const isHeading = (article: Article, block: Block) =>
  block.kind === 'heading' || block === article.blocks[article.titleBlockIndex ?? -1];

/** Closing the gap leaves ordinary English: no determiner + preposition, and no word pair that Brown says breaks. */
function closesCleanly(text: string, hole: Hole, grammar: readonly Hole[]): boolean {
  if (grammar.some((g) => g.start === hole.start && g.end === hole.end)) return false;
  const before = /(\p{L}+)$/u.exec(text.slice(Math.max(0, hole.start - 40), hole.start))?.[1];
  const after = /^(\p{L}+)/u.exec(text.slice(hole.end, hole.end + 40))?.[1];
  if (!before || !after) return true;
  return !deletionTest(before, before, after, after)?.breaksWithout;
}

/** Where a sentence ends inside a line and the next starts: the spaces between (". Next", '."  Next'). */
const SENTENCE_GAP = /[\p{Ll}\p{N})\]][.!?]["'”’)\]]?( +)(?=["“‘'([]?\p{Lu})/gu;

/** How many sentence gaps in the page's prose (headings aside) are typed with one space, and how many with more. */
function sentenceGaps(article: Article): { single: number; double: number } {
  let single = 0;
  let double = 0;
  for (const block of article.blocks) {
    if (!PROSE.has(block.kind) || isHeading(article, block)) continue;
    for (const m of block.text.matchAll(SENTENCE_GAP)) {
      if (m[1].length === 1) single++;
      else double++;
    }
  }
  return { single, double };
}

function habitMessage(text: string, hole: Hole, habit: SpacingHabit): string {
  const others = habit.holes.size - 1;
  return (
    `Double space between "${wordBefore(text, hole.start)}" and "${wordAfter(text, hole.end)}": this page types double ` +
    `spaces elsewhere (${others} more between words, two spaces after ${Math.round(habit.share * 100)}% of its ` +
    "sentences), so this is more likely the writer's spacing than a dropped word."
  );
}

/** The prepositions of CANNOT_FOLLOW_DETERMINER (its conjunctions and verbs aside). */
const PREPOSITIONS: ReadonlySet<string> = new Set(
  [...CANNOT_FOLLOW_DETERMINER].filter((w) => !/^(?:and|or|but|is|are|was|were)$/.test(w)),
);
/** Words that open the noun phrase a preposition governs ("the [man] with the hat", "the [list] of all files"). */
const PHRASE_OPENERS: ReadonlySet<string> = new Set([
  ...NOUN_DETERMINERS,
  ...['this', 'that', 'these', 'those', 'each', 'all', 'some', 'any', 'no', 'his', 'her', 'him', 'them', 'it', 'me'],
  ...['us', 'you', 'one', 'which', 'whom', 'what', 'whose', 'such', 'other', 'another', 'many', 'more', 'most'],
]);
const COORDINATED = /^\s+(?:and|or)\s+(\p{L}+)\s+(\p{L}+)/u;

/**
 * A preposition after a determiner that is named, not used (prose naming code keywords without backticks): two
 * coordinated prepositions before a noun ("the from and to addresses" — a deletion leaves one preposition, and English
 * does not coordinate two before a noun; "the [road] to and from the station" governs a noun phrase), or a word the
 * page writes as inline code elsewhere, followed here by a word that opens no noun phrase and that Brown's bigrams do
 * not read on from the preposition ("the with block" on a page that writes `with`; not "the with new values"). `rest`
 * is the text after `next`.
 */
function namedNotUsed(article: Article, next: string, rest: string): boolean {
  const pair = COORDINATED.exec(rest);
  if (pair && PREPOSITIONS.has(pair[1]) && pair[1] !== next && !PHRASE_OPENERS.has(pair[2].toLowerCase())) return true;
  const following = /^\s+(\p{L}+)/u.exec(rest)?.[1];
  if (following === undefined || PHRASE_OPENERS.has(following.toLowerCase()) || !codeWords(article).has(next))
    return false;
  // "with new values", "in place": Brown reads the preposition and the next word on as English, so it governs them.
  return !deletionTest(next, next, following, following)?.readsOn;
}

/** Possessive determiners: two of them joined by "or"/"and" share one noun. */
const POSSESSIVES = new Set(['my', 'your', 'his', 'her', 'its', 'our', 'their', 'whose']);

/**
 * "your or others' review", "my and your roles", "their or Sam's car": a possessive determiner coordinated with
 * another possessive (a determiner, or a name in the possessive) shares its noun. `rest` is the text after `next`. "the
 * or the pear" and "your or the car" are still holes: an article is not coordinated that way.
 */
function coordinatedPossessive(det: string, next: string, rest: string): boolean {
  if ((next !== 'or' && next !== 'and') || !POSSESSIVES.has(det)) return false;
  const m = /^\s+(\p{L}+)(['’]s\b|['’](?!\p{L}))?/u.exec(rest);
  if (!m) return false;
  const word = m[1].toLowerCase();
  return word !== det && (m[2] !== undefined || POSSESSIVES.has(word));
}

const pageCodeWords = new WeakMap<Article, Set<string>>();
/** Lower-case words the page writes alone as inline code (`with`, `from`), across its blocks. */
function codeWords(article: Article): Set<string> {
  let words = pageCodeWords.get(article);
  if (!words) {
    words = new Set();
    for (const block of article.blocks)
      for (const span of block.inline ?? []) {
        if (!isCode(span) || span.end - span.start > 12) continue;
        const word = block.text.slice(span.start, span.end);
        if (/^\p{Ll}+$/u.test(word)) words.add(word);
      }
    pageCodeWords.set(article, words);
  }
  return words;
}

// What may follow a value in a list of values or alternatives: the end of the line, a separator, "or"/"and", or a
// gloss saying what the value means ("\"\" (empty string)", "() i.e. an empty list").
const VALUE_END = /^(?:\s*$|\s*\n|[,;.)]|\s+(?:or|and)\b|\s+(?:\(|i\.e\.|e\.g\.))/u;

/**
 * `""` as the empty string and `()` as the empty list: on a page that writes code (code blocks or several code spans),
 * a pair standing where a value stands, ended by the line, a separator or a gloss ("Default: \"\"", "Type: \"\" or
 * URL", "set to \"\" (empty string)", "any \"\", \".\", \"..\"") is a literal. A pair inside a phrase ('called ""
 * employment') is still a hole, and so is any pair in prose without code.
 */
function emptyLiteral(article: Article, text: string, end: number): boolean {
  return VALUE_END.test(text.slice(end, end + 8)) && writesCode(article);
}

/** How many code spans make a page one that writes code (one code block is enough). */
const CODE_PAGE_SPANS = 3;
const codePages = new WeakMap<Article, boolean>();
function writesCode(article: Article): boolean {
  let known = codePages.get(article);
  if (known === undefined) {
    let spans = 0;
    for (const b of article.blocks) {
      if (b.kind === 'code') spans += CODE_PAGE_SPANS;
      else for (const span of b.inline ?? []) if (span.kind === 'code') spans++;
      if (spans >= CODE_PAGE_SPANS) break;
    }
    codePages.set(article, (known = spans >= CODE_PAGE_SPANS));
  }
  return known;
}

/** How far a neighbouring word is searched for code: a code name with its punctuation ("[`x`][]", "`f()`,"). */
const NEIGHBOUR_REACH = 40;

/** The word touching the gap [start, end) on either side (its run of non-space characters) holds inline code. */
function besideCode(block: Block, start: number, end: number): boolean {
  if (!block.inline) return false;
  const text = block.text;
  for (let i = start - 1; i >= 0 && i >= start - NEIGHBOUR_REACH && !/\s/u.test(text[i]); i--)
    if (inSpan(block, i, isCode)) return true;
  for (let i = end; i < text.length && i < end + NEIGHBOUR_REACH && !/\s/u.test(text[i]); i++)
    if (inSpan(block, i, isCode)) return true;
  return false;
}

/** The block characters [start, end) come from consecutive whitespace (or &nbsp; entities) in the source. */
function realWhitespace(article: Article, block: Block, start: number, end: number): boolean {
  const from = block.sourceOffsets[start];
  const to = block.sourceOffsets[end - 1] + 1;
  if (to - from > 40) return false;
  return ENTITY_OR_SPACE.test(article.source.text.slice(from, to));
}

/**
 * Nothing but whitespace stands in the source between block.text[from - 1] and block.text[to]: markup the text does
 * not keep (an HTML-like tag such as "<PackageName>" that the page hides, a comment) was there, not a missing word.
 */
function onlySpaceInSource(article: Article, block: Block, from: number, to: number): boolean {
  const start = block.sourceOffsets[from - 1] + 1;
  const end = block.sourceOffsets[to];
  if (end - start > 40) return false;
  return /^\s*$/u.test(article.source.text.slice(start, end));
}

// Words that need something after them: a space then "," or "." after one of these is a hole ("including , and",
// "located in ."). After any other word a single space before punctuation is a typing slip that edited prose has
// (news: "three years ago , only one") — nothing is missing, so it is not reported.
const NEEDS_COMPLEMENT: ReadonlySet<string> = new Set([
  ...CANNOT_END_SENTENCE,
  ...STRANDABLE_PREPOSITIONS,
  'including',
  'excluding',
  'such',
]);

/** A space run before "," or "." is a hole when it is wider than one plain space, or follows a word that needs a complement. */
function holeBeforePunctuation(run: string, before: string, english: boolean): boolean {
  if (run !== ' ') return true;
  return english && NEEDS_COMPLEMENT.has(before.toLowerCase().replace(/^\P{L}+|\P{L}+$/gu, ''));
}

/**
 * Lines of a block laid out as columns: pipes, tabs, or cells separated by runs of spaces where every cell is short
 * ("Name    Age    City"); and blocks where several lines share "key  value" alignment.
 */
function tabularLines(text: string): Set<number> {
  const result = new Set<number>();
  const lines = text.split('\n');
  let keyValue = 0;
  lines.forEach((line, i) => {
    if ((line.match(/\|/g) ?? []).length >= 2 || line.includes('\t')) {
      result.add(i);
      return;
    }
    const cells = line.trim().split(/(?<![.!?:;]["'”’)]?) {2,}/u);
    if (cells.length < 2) return;
    const short = cells.every((cell) => cell.split(' ').length <= 5);
    if (short && cells.length >= 3) result.add(i);
    if (short && cells.length === 2) keyValue++;
  });
  // Several aligned "key  value" lines: a plain-text table or aligned list.
  if (keyValue >= 2) lines.forEach((line, i) => (/\S {2,}\S/.test(line.trim()) ? result.add(i) : undefined));
  return result;
}

/** The line holding block.text[index], with the characters of inline code spans replaced by "x". */
function withoutCode(block: Block, starts: LineStarts, index: number): string {
  const [from, to] = starts.rangeAt(index);
  const spans = codeSpansIn(block.inline ?? [], from, to);
  if (!spans.length) return block.text.slice(from, to);
  let line = '';
  let at = from;
  for (const span of spans) {
    const start = Math.max(from, span.start);
    if (start > at) line += block.text.slice(at, start);
    const end = Math.min(to, span.end);
    if (end > Math.max(at, start)) line += 'x'.repeat(end - Math.max(at, start));
    at = Math.max(at, end);
  }
  return line + block.text.slice(at, to);
}

/** Code spans overlapping [from, to), in order: found by binary search (spans are ordered by start), not a scan. */
function codeSpansIn(spans: readonly InlineSpan[], from: number, to: number): InlineSpan[] {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].start < from) lo = mid + 1;
    else hi = mid;
  }
  // A span opened on an earlier line may reach into this one (nesting is shallow: a few spans back suffice).
  const out: InlineSpan[] = [];
  for (let k = Math.max(0, lo - 4); k < lo; k++) if (isCode(spans[k]) && spans[k].end > from) out.push(spans[k]);
  for (let k = lo; k < spans.length && spans[k].start < to; k++) if (isCode(spans[k])) out.push(spans[k]);
  return out;
}

/** Line starts of a text, for the line holding an offset (the lines themselves are sliced on demand). */
class LineStarts {
  private readonly newlines: number[] = [];
  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.newlines.push(i);
  }
  /** Index of the line holding text[index] (a newline belongs to the line it ends). */
  indexAt(index: number): number {
    const newlines = this.newlines;
    let lo = 0;
    let hi = newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (newlines[mid] < index) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  /** Start and end offsets of the line holding text[index] (as `text.split('\n')[indexAt(index)]`). */
  rangeAt(index: number): [number, number] {
    const line = this.indexAt(index);
    if (line > this.newlines.length) return [this.text.length, this.text.length];
    const from = line === 0 ? 0 : this.newlines[line - 1] + 1;
    const to = line < this.newlines.length ? this.newlines[line] : this.text.length;
    return [from, to];
  }
}

function overlaps(holes: Hole[], start: number, end: number): boolean {
  return holes.some((h) => h.start < end + 1 && start < h.end + 1);
}

function describeRun(run: string): string {
  const names = [...run].map((c) => (c === ' ' ? 'space' : c === '\u00a0' ? 'no-break space' : 'thin space'));
  if (names.every((n) => n === 'space')) return names.length === 2 ? 'a double space' : `${names.length} spaces`;
  return names.join(' + ');
}

function wordBefore(text: string, index: number): string {
  const m = /([^\s]+)\s*$/u.exec(text.slice(Math.max(0, index - 40), index));
  return m ? m[1] : '';
}

function wordAfter(text: string, index: number): string {
  const m = /^\s*([^\s]+)/u.exec(text.slice(index, index + 40));
  return m ? m[1] : '';
}

/** About three words either side of the hole, raw (the evidence keeps the NBSP so it can be searched for). */
function phraseAround(text: string, start: number, end: number): string {
  const before = text.slice(Math.max(0, start - 40), start).replace(/\n/g, ' ');
  const after = text.slice(end, end + 40).replace(/\n/g, ' ');
  const left = before
    .split(/ (?=\S)/u)
    .slice(-3)
    .join(' ');
  const right = after
    .split(/(?<=\S) /u)
    .slice(0, 3)
    .join(' ');
  return `${left}${text.slice(start, end)}${right}`.trim();
}

function* proseTexts(article: Article): Generator<string> {
  for (const b of article.blocks) if (PROSE.has(b.kind)) yield b.text;
}

/** The first 20,000 characters of the article's prose, for the language guess. */
function articleText(article: Article): string {
  return joinedPrefix(proseTexts(article), 20_000);
}

/** The front-matter title as a pseudo heading block mapped onto its source text, when it can be found verbatim. */
function frontMatterTitleBlock(article: Article): Block | null {
  const title = article.frontMatter?.title;
  if (typeof title !== 'string' || !title.trim()) return null;
  const src = article.source.text;
  const fmEnd = article.blocks.length ? article.blocks[0].sourceOffsets[0] : src.length;
  const at = src.slice(0, fmEnd).search(/^title\s*:/m);
  if (at < 0) return null;
  const index = src.indexOf(title, at);
  if (index < 0 || index > fmEnd) return null;
  const offsets = new Int32Array(title.length + 1);
  for (let i = 0; i <= title.length; i++) offsets[i] = index + i;
  return {
    kind: 'heading',
    depth: 1,
    inList: false,
    text: title,
    sourceOffsets: offsets,
    sentences: [{ start: 0, end: title.length, text: title }],
  };
}
