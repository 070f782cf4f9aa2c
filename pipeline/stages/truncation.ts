// truncated-ending: the article stops mid-sentence (a generator or copy/paste cut it off).
// Looks only at the final block of the article. Legitimate unpunctuated endings (headings, lists, tables, code,
// HTML, link-only lines, sign-offs, bylines, credits) are recognised first; then signals are tried strongest first
// and the first that fires becomes the (single) finding. See docs/rules/truncated-ending.md.
import { z } from 'zod';
import { defineRule, type RuleFindingDraft } from '../rule.js';
import { nonNegative, regExpSource } from '../rule-options.js';
import { blockRange, lineText, positionAt, rangeOfOffsets } from '../source-map.js';
import { countWords, foldWhitespace } from '../normalise.js';
import type { Article, Block, Range } from '../types.js';
import { joinedPrefix } from '../text-words.js';
import { CANNOT_END_SENTENCE, RARELY_ENDS_SENTENCE, englishScore } from './keywords/english-function-words.js';
import {
  CLOSER_CLASS,
  LAST_WORD,
  MID_WORD,
  RESTORE,
  TERMINAL,
  TERMINATED,
  TRAILING_SEPARATOR,
  isStrictFinalWord,
  separatorName,
  tailWords,
  unbalanced,
  wordStartBefore,
  type Signal,
} from './truncation/signals.js';
import { isDictionaryWord } from './truncation/lexicon.js';
import {
  listItemSignal,
  startsOtherArticleWord,
  tableRowSignal,
  unclosedFenceSignal,
  unclosedInlineSignal,
  wordFragmentSignal,
} from './truncation/markdown.js';

export interface TruncatedEndingOptions {
  /** Report a final ellipsis ("…", "...") as a warning. */
  ellipsis: boolean;
  /**
   * A final single-sentence paragraph with no terminal punctuation and no other signal is reported (as a warning)
   * only when it has at least this many words; shorter ones read as captions, taglines or calls to action.
   */
  minUnpunctuatedWords: number;
  /** A last sentence shorter than this share of the article's median sentence length counts as a fragment. */
  fragmentRatio: number;
  /** Extra regular expressions (source strings, case-insensitive) for house-style endings that are legitimate. */
  allowEndings: string[];
}

const ID = 'truncated-ending';

const ELLIPSIS_END = new RegExp(`(?:…|\\.\\s?\\.\\s?\\.|⋯|……)${CLOSER_CLASS}*\\s*$`, 'u');
// An ellipsis the writer closed: a full stop after it ("… when in Rome ... ."), or the quotation it trails off in
// ("'…when in Rome…'"). A cut leaves neither.
const CLOSED_ELLIPSIS = /(?:…|\.\s?\.\s?\.)(?:\s?[.!?][\p{Pe}\p{Pf}"']*|\s?[\p{Pf}"'][\p{Pe}]?\.?)\s*$/u;
const TRAILING_DASH = new RegExp(`(?:\\s[-–—]{1,2}|[—–]|--)${CLOSER_CLASS}*\\s*$`, 'u');

const NO_PUNCTUATION_SCRIPTS = /[\p{Script=Thai}\p{Script=Lao}]/u;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const EMOJI_END = /\p{Extended_Pictographic}[\u{FE0F}\u{200D}\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\s]*$/u;
const URL_END =
  /(?:https?:\/\/|www\.)\S+$|[\w.+-]+@[\w-]+(?:\.[\w-]+)+$|(?:^|\s)[@#][\p{L}\p{N}_]+$|(?:^|\s)[\w-]+\.(?:com|org|net|io|dev|co|gov|edu|info|ai|app)(?:\/\S*)?$/iu;

// Lines that legitimately end an article without sentence punctuation.
const SIGN_OFF_PATTERNS: RegExp[] = [
  /^(?:[—–―~]|--)\s*\S/u, // — Jane Doe
  /^(?:posted|written|published|reported|edited|compiled|produced|photographed|illustrated|filed|shared|submitted|reviewed|translated|curated|sponsored|presented)\b[^.!?]{0,80}?\b(?:by|in|on|under)\b/iu,
  /^by\s+\p{Lu}/u,
  /^(?:sources?|via|credits?|photos?|images?|pictures?|illustrations?|videos?|tags?|categor(?:y|ies)|filed under|topics?|keywords|contact|e-?mail|phone|tel|fax|web(?:site)?|disclaimer|notes?|update[ds]?|editor['’]s note|published|last (?:updated|modified|reviewed)|read more|related(?: \p{L}+)?|see also|share(?: this)?|follow(?: us)?|references?|further reading|about the author|authors?|reporting|additional reporting|editing|(?:[\p{L}'’]+ ){0,2}by)\s*:/iu,
  /©|\(c\)\s*\d|copyright|all rights reserved/iu,
  /^(?:thanks|thank you|many thanks|cheers|regards|best(?: wishes| regards)?|kind regards|warm(?:est)? regards|sincerely|yours(?: truly| sincerely| faithfully)?|love|with love|xoxo|until next time|see you(?: next time| soon| there)?|stay tuned|happy [\p{L}-]+|bon appétit|enjoy|take care|peace)\b[^.!?]{0,40}$/iu,
  /^(?:-\s?30\s?-|#{3}|# # #|-?ends?-?|end|fin|the end|\[?end\]?)$/iu,
];

const MONTHS =
  /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b/i;

/** The verdict shared by every "stops mid-sentence" signal. */
function endsMidSentence(sentence: { text: string; start: number; end: number }): Signal {
  return {
    severity: 'error',
    message: `Article ends after "${tailWords(sentence.text)}" with no sentence end.`,
    start: sentence.start,
    end: sentence.end,
    suggestion: RESTORE,
  };
}

export const truncatedEndingRule = defineRule<TruncatedEndingOptions>({
  id: ID,
  description:
    'The article stops mid-sentence: its final paragraph has no sentence end (cut mid-word, after a comma, or on a word that cannot end a sentence).',
  defaultSeverity: 'error',
  options: z.object({
    ellipsis: z.boolean().default(true).describe('Report a final ellipsis ("…", "...") as a warning.'),
    minUnpunctuatedWords: nonNegative()
      .default(8)
      .describe('A final sentence with no end punctuation and no other signal is reported from this many words on.'),
    fragmentRatio: nonNegative()
      .default(0.5)
      .describe("A last sentence shorter than this share of the article's median sentence counts as a fragment."),
    allowEndings: z
      .array(regExpSource())
      .default([])
      .describe('Regular expressions (case-insensitive) of house-style endings that are legitimate.'),
  }),
  check(article, { options }) {
    const found = findTruncation(article, options);
    if (!found) return [];
    const { block, signal } = found;
    const range: Range = signal.sourceRange
      ? rangeOfOffsets(article.source, signal.sourceRange[0], signal.sourceRange[1])
      : blockRange(article.source, block, signal.start, signal.end);
    const finding: RuleFindingDraft = {
      severity: signal.severity,
      ...range,
      message: signal.message,
      evidence: tailText(
        signal.sourceRange ? article.source.text.slice(signal.sourceRange[0], signal.sourceRange[1]) : block.text,
        80,
      ),
      suggestion: signal.suggestion,
    };
    return [finding];
  },
});

/** Exported for unit tests: the final block and the strongest signal, or null when the ending is fine. */
export function findTruncation(
  article: Article,
  options: TruncatedEndingOptions,
): { block: Block; signal: Signal } | null {
  const index = finalBlockIndex(article);
  if (index < 0) return null;
  const block = article.blocks[index];
  if (article.format === 'markdown') {
    // A fence never closed swallows the rest of the file: the file was cut inside the code block.
    const fence = unclosedFenceSignal(article);
    if (fence) return { block, signal: fence };
    // Markdown content the normaliser keeps no text for (images, badges, image links) after the block is the real ending.
    if (hasInvisibleTail(article, block)) return null;
  }
  if (index === article.titleBlockIndex && article.blocks.length === 1) return null;
  const signal = examine(article, block, index, options);
  return signal ? { block, signal } : null;
}

function finalBlockIndex(article: Article): number {
  for (let i = article.blocks.length - 1; i >= 0; i--) {
    const block = article.blocks[i];
    if (block.kind === 'thematicBreak') continue;
    if (block.kind === 'html' && /^<!--[\s\S]*-->$/.test(block.text.trim())) continue;
    if (!/[\p{L}\p{N}]/u.test(block.text)) continue; // decorative lines ("* * *", "~~~")
    return i;
  }
  return -1;
}

function hasInvisibleTail(article: Article, block: Block): boolean {
  const src = article.source.text;
  const lastOffset = block.sourceOffsets[block.text.length - 1];
  const lineEnd = src.indexOf('\n', lastOffset);
  if (lineEnd < 0) return false;
  const tail = src
    .slice(lineEnd + 1)
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/^ {0,3}\[[^\]]+\]:\s*\S.*$/gm, '') // link reference definitions
    .replace(/^ {0,3}(?:[-*_] *){3,}$/gm, '') // thematic breaks
    .trim();
  return tail.length > 0;
}

/** The final block as the checks below read it: its text without trailing space, and what kind of ending it is. */
interface FinalBlock {
  article: Article;
  block: Block;
  index: number;
  options: TruncatedEndingOptions;
  text: string;
  script: Script;
  english: boolean;
  /** Plain text's one-line last paragraph, which the normaliser took for a heading. */
  textHeading: boolean;
  /** The block's kind, with such a heading read as a paragraph when it holds sentences. */
  kind: Block['kind'];
  isParagraph: boolean;
  lastLine: string;
  /** The block's last sentence (the whole text when it has none). */
  sentence: { start: number; end: number; text: string };
}

function examine(article: Article, block: Block, index: number, options: TruncatedEndingOptions): Signal | null {
  if (block.kind === 'code' || block.kind === 'html' || block.kind === 'thematicBreak') return null;
  const text = block.text.replace(/\s+$/u, '');
  if (!text) return null;
  // The file stops inside a link, a web address, inline code or emphasis: whatever the words, it was cut.
  const inline = article.format === 'markdown' ? unclosedInlineSignal(article, block) : null;
  if (inline) return inline;
  const script = scriptOf(text);
  if (script === 'no-punctuation') return null;
  const english = script === 'latin' && (englishScore(proseText(article)) >= 0.14 || englishScore(text) >= 0.14);
  if (block.kind === 'table') return tableRowSignal(article, block, english);
  const allow = options.allowEndings.map((source) => safeRegExp(source)).filter((r): r is RegExp => r !== null);
  const lastLine = text.slice(text.lastIndexOf('\n') + 1).trim();
  if (allow.some((r) => r.test(lastLine) || r.test(text))) return null;

  // Plain text: a one-line last paragraph is taken for a heading by the normaliser; if it holds several sentences
  // or reads like a sentence, it is a paragraph for this rule.
  const textHeading = block.kind === 'heading' && article.format === 'text' && index !== article.titleBlockIndex;
  const kind = textHeading && (block.sentences.length >= 2 || isSentenceLike(text)) ? 'paragraph' : block.kind;

  const greekTerminal = script === 'greek' && /;[\p{Pe}\p{Pf}"']*$/u.test(text);
  const terminated = TERMINATED.test(text) || greekTerminal;
  const isParagraph = kind === 'paragraph' || kind === 'blockquote';
  const sentence = block.sentences[block.sentences.length - 1] ?? { start: 0, end: text.length, text };
  const final: FinalBlock = {
    article,
    block,
    index,
    options,
    text,
    script,
    english,
    textHeading,
    kind,
    isParagraph,
    lastLine,
    sentence,
  };
  return terminated ? terminatedEnding(final) : unterminatedEnding(final);
}

/** The text ends on a sentence end: only a bare ellipsis, or a full stop that belongs to an abbreviation, is news. */
function terminatedEnding(final: FinalBlock): Signal | null {
  const { text, sentence, isParagraph } = final;
  // Ellipsis and dash are deliberate as often as not: warn only, and only on prose paragraphs.
  if (
    (isParagraph || final.textHeading) &&
    final.options.ellipsis &&
    ELLIPSIS_END.test(text) &&
    !CLOSED_ELLIPSIS.test(text)
  ) {
    return {
      severity: 'warning',
      message: `Article ends with an ellipsis ("${tailWords(sentence.text)}").`,
      start: sentence.start,
      end: text.length,
      suggestion:
        'If the ellipsis is a deliberate ending, suppress this warning; if the text was cut off, restore the missing end.',
    };
  }
  if (final.english && isParagraph) return danglingAbbreviation(text, sentence);
  return null;
}

/** The last word of the text: the word, where it starts, and what follows it. */
interface LastWord {
  word: string;
  start: number;
  after: string;
}

/** No sentence end: the cuts every block can show first, then by kind of block. */
function unterminatedEnding(final: FinalBlock): Signal | null {
  const { article, block, text, english, isParagraph, sentence, lastLine } = final;
  const source = markdownSource(article, block);
  const wordMatch = LAST_WORD.exec(text);
  const lastWord = wordMatch ? wordMatch[1] : '';
  const last: LastWord = {
    word: lastWord,
    start: wordMatch ? wordMatch.index : text.length,
    after: wordMatch ? text.slice(wordMatch.index + lastWord.length) : '',
  };

  // 1. Cut mid-word: "have far-". Language-independent and strong in every kind of block.
  const midWord = midWordSignal(text);
  if (midWord) return midWord;

  // Links, URLs, handles, inline code and emoji make a fine last line without punctuation.
  const bareUrl = isParagraph ? urlEndingProse(block, sentence.text) : null;
  if (bareUrl) return bareUrl;
  if (endsWithLinkOrCode(source) || endsInInlineCode(block, text) || URL_END.test(lastLine) || EMOJI_END.test(lastLine))
    return null;
  if (source !== null && isLinkOnly(source)) return null;

  // 2. A word that cannot end an English sentence ("the", "of", "and", "their").
  const strictWord =
    english && last.word && isStrictFinalWord(last.word, text, last.start) && !/[-'’]$/.test(last.after.trim());
  if (strictWord) {
    return {
      severity: 'error',
      message: `Article ends after "${tailWords(sentence.text)}" with no sentence end ("${last.word}" cannot end a sentence).`,
      start: last.start,
      end: last.start + last.word.length,
      suggestion: RESTORE,
    };
  }

  if (!isParagraph) return nonParagraphEnding(final, last.word);
  if (isLegitimateEnding(text, lastLine, sentence.text, source)) return null;
  return paragraphEnding(final, source, last);
}

/** "have far-": a word broken by a hyphen at the very end (not a path, address or spaced dash). */
export function midWordSignal(text: string): Signal | null {
  const midWord = MID_WORD.exec(text);
  if (!midWord || /[/.@]\S*$/.test(text.slice(Math.max(0, midWord.index - 40), midWord.index)) || /\s[-‐]$/.test(text))
    return null;
  const start = text.lastIndexOf(midWord[1], midWord.index + midWord[1].length);
  const wordStart = wordStartBefore(text, start);
  return {
    severity: 'error',
    message: `Article ends mid-word ("${text.slice(wordStart)}").`,
    start: wordStart,
    end: text.length,
    suggestion: 'Restore the missing end of the word and sentence, or remove the fragment.',
  };
}

/**
 * Headings and list items legitimately end without punctuation; beyond the cuts above, only a plain-text
 * "heading" that is really a dangling clause at the very end ("As the city") is suspicious.
 */
function nonParagraphEnding(final: FinalBlock, lastWord: string): Signal | null {
  const { article, block, text, english, textHeading } = final;
  if (final.kind === 'listItem') return listItemSignal(article, final.index, english);
  // A heading that ends on a fragment of a word ("The figures sup" as the last line of a plain-text article).
  const fragment = english
    ? wordFragmentSignal(article, block, '', textHeading && otherParagraphsTerminated(article, block) >= 0.75)
    : null;
  if (fragment) return fragment;
  // A plain-text "heading" that is a sentence broken off on a word that rarely ends one ("… has praised his").
  if (textHeading && english && endsOnWeakWord(text, lastWord))
    return endsMidSentence({ text, start: 0, end: text.length });
  if (textHeading && english && isDanglingClause(text)) {
    return {
      severity: 'error',
      message: `Article ends after "${tailWords(text)}" with no sentence end.`,
      start: 0,
      end: text.length,
      suggestion: RESTORE,
    };
  }
  return null;
}

/** A prose paragraph without a sentence end: separators, dashes, word fragments, unclosed quotes, then the sentence. */
function paragraphEnding(final: FinalBlock, source: string | null, last: LastWord): Signal | null {
  const { article, block, text, english, sentence } = final;
  // 3. Trailing comma / semicolon / colon.
  const separator = TRAILING_SEPARATOR.exec(text);
  if (separator && !(final.script === 'greek' && separator[1] === ';')) {
    const name = separatorName(separator[1]);
    return {
      severity: 'error',
      message: `Article ends with a trailing ${name} after "${tailWords(sentence.text.replace(/[,;:，、；：]\s*$/u, ''))}" with no sentence end.`,
      start: last.start,
      end: text.length,
      suggestion: RESTORE,
    };
  }
  if (TRAILING_DASH.test(text)) {
    return {
      severity: 'warning',
      message: `Article ends with a dash ("${tailWords(sentence.text)}"), as if the sentence was interrupted.`,
      start: sentence.start,
      end: text.length,
      suggestion: 'If the interruption is deliberate, suppress this warning; otherwise ' + RESTORE.toLowerCase(),
    };
  }

  // 3b. The last word is a fragment of a word ("the original captu").
  const fragment = english
    ? wordFragmentSignal(article, block, '', otherParagraphsTerminated(article, block) >= 0.75)
    : null;
  if (fragment) return fragment;

  // 4. Quotes or brackets opened in the last sentence and never closed.
  const unclosed = unbalanced(sentence.text);
  if (unclosed) {
    return {
      severity: 'error',
      message: `Article ends inside an unclosed ${unclosed} ("${tailWords(sentence.text)}").`,
      start: sentence.start,
      end: sentence.end,
      suggestion: RESTORE,
    };
  }
  return unfinishedSentence(final, source, last.word);
}

/** The last sentence of a prose paragraph stops short: after finished ones, on a weak word, or unpunctuated. */
function unfinishedSentence(final: FinalBlock, source: string | null, lastWord: string): Signal | null {
  const { article, block, english, sentence, options } = final;
  const wholeIsNote = source !== null && /^[*_]{1,3}[\s\S]*[*_]{1,3}$/.test(source.trim());
  const multiSentence = block.sentences.length >= 2;
  const lastWords = countWords(sentence.text);
  const median = medianSentenceWords(article, block);

  // 5. The paragraph ends its earlier sentences properly and then stops mid-sentence — unless the last sentence is a
  // short call to action or sign-off ("Ready to try it? Book a demo").
  if (multiSentence && !wholeIsNote && !isCallToAction(block, sentence.text)) {
    if (readsComplete(article, sentence.text, lastWord, median)) return missingFullStop(sentence);
    return endsMidSentence(sentence);
  }
  if (wholeIsNote) return null;

  // 6. A word that rarely ends a sentence ("to", "with", "would"), or a fragment far shorter than usual.
  if (english && lastWord && RARELY_ENDS_SENTENCE.has(lastWord.toLowerCase()) && lastWords >= 3) {
    return endsMidSentence(sentence);
  }
  // 6b. A demonstrative that is a determiner as often as a pronoun ("`stream.clear()` clears this"), with no full stop
  // in a page whose paragraphs end properly: its noun was cut off.
  if (
    english &&
    DEMONSTRATIVES.has(lastWord) &&
    lastWords >= 3 &&
    !CTA_OPENERS.test(foldWhitespace(sentence.text)) &&
    otherParagraphsTerminated(article, block) >= 0.75
  ) {
    return endsMidSentence(sentence);
  }
  const spaced = final.script === 'latin' || final.script === 'other';
  if (
    spaced &&
    english &&
    median >= 10 &&
    lastWords <= Math.max(3, options.fragmentRatio * median) &&
    isDanglingClause(sentence.text)
  ) {
    return endsMidSentence(sentence);
  }

  // 7. No sentence end at all on a full-length sentence, in an article that otherwise punctuates its paragraphs.
  if (
    spaced &&
    lastWords >= options.minUnpunctuatedWords &&
    !CTA_OPENERS.test(foldWhitespace(sentence.text)) &&
    otherParagraphsTerminated(article, block) >= 0.75
  ) {
    // Information only: nothing says the sentence was cut (real articles drop a final full stop now and then).
    return {
      severity: 'info',
      message: `Article ends without sentence-ending punctuation ("${tailWords(sentence.text)}").`,
      start: sentence.start,
      end: sentence.end,
      suggestion: 'Add the missing sentence end, or restore the rest of the sentence if it was cut off.',
    };
  }
  return null;
}

/**
 * A sentence of running prose that ends in a bare web address with no full stop, after earlier sentences that have
 * one ("… The full report can be read at https://example.org/press/full-r"): the address was cut, or the sentence was.
 * A label line ("Docs: https://…") or an address on its own is a legitimate ending.
 */
function urlEndingProse(block: Block, last: string): Signal | null {
  const m = /(?:^|\s)((?:https?:\/\/|www\.)\S+)$/u.exec(last);
  if (!m || block.sentences.length < 2 || /[.!?]$/.test(m[1])) return null;
  const before = last.slice(0, m.index).trim();
  if (countWords(before) < 4 || /[:：]$/.test(before)) return null;
  const at = block.sentences[block.sentences.length - 1].start;
  return {
    severity: 'error',
    message: `Article ends on a bare web address with no sentence end ("${tailWords(last)}"): the address or the sentence was cut.`,
    start: at + m.index + (m[0].length - m[1].length),
    end: at + last.length,
    suggestion: 'Restore the full address and the end of the sentence, or remove the fragment.',
  };
}

/**
 * The last sentence reads as complete and only its full stop is missing: it is as long as a usual sentence and ends
 * on a name (a capitalised word after the first, which sentences end on far more often than a cut lands on one) that
 * is no fragment of a longer word of the article, or on a whole dictionary word after a full-length sentence (BBC
 * readers' comments drop full stops). A cut after a short or unknown lowercase word stays an error.
 */
function readsComplete(article: Article, last: string, lastWord: string, median: number): boolean {
  if (!lastWord || !/[\p{L}\p{N}]$/u.test(last.trimEnd())) return false;
  if (foldWhitespace(last).indexOf(' ') < 0) return false;
  const lower = lastWord.toLowerCase();
  if (CANNOT_END_SENTENCE.has(lower) || RARELY_ENDS_SENTENCE.has(lower)) return false;
  if (startsOtherArticleWord(article, lastWord)) return false;
  const words = countWords(last);
  if (/^\p{Lu}/u.test(lastWord)) return words >= Math.max(8, 0.6 * median);
  // A lowercase word: only a whole dictionary word of some length (a cut leaves short stubs: "man", "app") at the end
  // of a sentence at least as long as the article's usual one (a cut sentence is a part of one).
  return lastWord === lower && lower.length >= 4 && words >= Math.max(12, median) && isDictionaryWord(lower) === true;
}

/** A complete sentence without its final full stop: information, not a truncation. */
function missingFullStop(sentence: { text: string; start: number; end: number }): Signal {
  return {
    severity: 'info',
    message: `Article ends without sentence-ending punctuation ("${tailWords(sentence.text)}"); the sentence reads complete.`,
    start: sentence.start,
    end: sentence.end,
    suggestion: 'Add the missing sentence end, or restore the rest of the sentence if it was cut off.',
  };
}

/**
 * A line in sentence case (at least two lowercase words besides the last) that ends on a preposition, an auxiliary or
 * "his": a clause waiting for its object. Title Case lines ("What To Look Out For") are headings and stay unflagged.
 */
function endsOnWeakWord(text: string, lastWord: string): boolean {
  const lower = lastWord.toLowerCase();
  if (lastWord !== lower || !(RARELY_ENDS_SENTENCE.has(lower) || lower === 'his')) return false;
  const words = foldWhitespace(text).split(' ');
  return words.length >= 4 && words.slice(1, -1).filter((w) => /^\p{Ll}/u.test(w)).length >= 2;
}

/** "… handed over to Mr." — an abbreviation that needs a name after it. */
function danglingAbbreviation(text: string, sentence: { start: number; end: number; text: string }): Signal | null {
  const m = /(?:^|[\s([“"‘'])(Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Rep|Gov|Capt|Lt|Sgt|Rev|St|e\.g|i\.e|cf|vs|viz)\.$/u.exec(text);
  if (!m) return null;
  // "… vs." can close a line legitimately; so can "St." after a name ("Main St."), but not after a lowercase word,
  // where it is "Saint" waiting for its name ("return to St.").
  if (m[1] === 'vs') return null;
  if (m[1] === 'St' && !/(?:^|\s)\p{Ll}[\p{L}'’]*\s+St\.$/u.test(text)) return null;
  const start = text.length - m[1].length - 1;
  return {
    severity: 'error',
    message: `Article ends after "${tailWords(sentence.text)}": the abbreviation "${m[1]}." needs something after it.`,
    start,
    end: text.length,
    suggestion: RESTORE,
  };
}

/** Lowercase demonstratives that also stand before a noun ("this", "these", "those"; "that" is judged above). */
const DEMONSTRATIVES: ReadonlySet<string> = new Set(['this', 'these', 'those']);

// Openers of a dependent clause that needs a main clause after it. ("While supplies last", "If in doubt" and
// "With love" are common complete sign-offs, so "while", "if" and "with" are left out.)
const SUBORDINATE_OPENERS =
  /^(?:as|when|whenever|because|although|though|since|after|before|once|until|unless|whereas)\s/i;

/** A short clause that opens like a sentence part but has no main clause: "As the city", "With the new". */
function isDanglingClause(text: string): boolean {
  const t = foldWhitespace(text);
  if (t.includes(',') || t.includes(':')) return false;
  const words = t.split(' ');
  if (words.length > 8 || words.length < 2) return false;
  if (!SUBORDINATE_OPENERS.test(t)) return false;
  // Title Case lines ("As Good As It Gets") are headings, not fragments.
  const content = words.slice(1).filter((w) => /^\p{L}/u.test(w) && w.length > 3);
  const capitalised = content.filter((w) => /^\p{Lu}/u.test(w)).length;
  return content.length === 0 || capitalised < content.length;
}

// Imperative openers of calls to action and sign-offs that are often left without a full stop.
const CTA_OPENERS =
  /^(?:sign|join|get|try|start|book|call|contact|visit|download|subscribe|follow|read|learn|see|find|share|order|shop|discover|explore|register|apply|email|reach|click|tap|watch|listen|stay|enjoy|happy|thanks|thank|cheers|good luck|have|let['’]s|come|meet|grab|claim|save|buy|check|give|ask|tell|talk|chat|write|drop|leave|don['’]t miss)\b/i;

function isCallToAction(block: Block, last: string): boolean {
  const words = foldWhitespace(last).split(' ');
  if (words.length > 6) return false;
  if (CTA_OPENERS.test(words.join(' '))) return true;
  const previous = block.sentences[block.sentences.length - 2];
  return (
    previous !== undefined &&
    /[?!]["'”’)]*$/u.test(previous.text) &&
    /^\p{Lu}/u.test(words[0]) &&
    !SUBORDINATE_OPENERS.test(words.join(' '))
  );
}

/** Sentence case with several lowercase content words: "Scientists say the recovery will", not "Further Reading". */
function isSentenceLike(text: string): boolean {
  const words = foldWhitespace(text).split(' ');
  if (words.length < 6) return false;
  if (words.length >= 10 && /\s\p{Ll}/u.test(text)) return true; // headings are rarely ten words long
  const content = words.slice(1).filter((w) => /^\p{L}/u.test(w) && w.length > 3);
  const lower = content.filter((w) => /^\p{Ll}/u.test(w)).length;
  return content.length > 0 && lower / content.length >= 0.6;
}

function isLegitimateEnding(text: string, lastLine: string, lastSentence: string, source: string | null): boolean {
  const folded = foldWhitespace(lastLine);
  const sentence = foldWhitespace(lastSentence);
  if (SIGN_OFF_PATTERNS.some((r) => r.test(folded) || r.test(sentence))) return true;
  // A line or last sentence in parentheses or brackets: wire credits, photo credits, "[Updated 3 May]".
  for (const candidate of [foldWhitespace(text), sentence]) {
    if (/^\([^()]*\)$|^\[[^[\]]*\]$/u.test(candidate)) return true;
  }
  // A date or a dateline on its own.
  const words = folded.split(' ');
  if (words.length <= 6 && /\d/.test(folded) && (MONTHS.test(folded) || NUMERIC_DATE.test(folded))) return true;
  // Phone numbers, prices, versions and other data lines.
  if (/^[^\p{L}]*$/u.test(folded)) return true;
  // A sign-off block: several short lines, none punctuated (address, signature, credits, verse) — unless the last
  // line breaks off on a comma or semicolon, which no signature or stanza ends with.
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const lastBreaksOff = /[,;，、；]$/u.test(lines[lines.length - 1] ?? '');
  if (
    lines.length >= 2 &&
    !lastBreaksOff &&
    lines.every((l) => countWords(l) <= 10 && !new RegExp(`[${TERMINAL}]`, 'u').test(l)) &&
    !wrappedProse(lines)
  )
    return true;
  // After a finished sentence, a last line that is only a name or a short Title Case sign-off.
  if (
    lines.length >= 2 &&
    (TERMINATED.test(lines[lines.length - 2]) || /,$/.test(lines[lines.length - 2])) &&
    words.length <= 5 &&
    words.every((w) => !/^\p{Ll}/u.test(w) || /^(?:of|and|the|de|van|von|da|di|le|la)$/.test(w))
  )
    return true;
  // Pipe tables in Markdown without GFM (parsed as paragraphs) and aligned plain-text tables.
  if (looksTabular(source ?? text)) return true;
  return false;
}

/**
 * A numeric date: day, month and a year of two or four digits in some order ("3/5/2021", "2021-05-03", "03.05.21").
 * A version number ("3.25.1", "2.6.0") has no year: it is part of a sentence, not a dateline.
 */
const NUMERIC_DATE =
  /(?<![\d.])(?:\d{4}[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])|(?:0?[1-9]|[12]\d|3[01])[-/.](?:0?[1-9]|[12]\d|3[01])[-/.](?:\d{2}|\d{4}))(?![\d.]\d)/u;

/**
 * Hard-wrapped prose, not a block of short lines: an inner line ends on a word that cannot end a sentence or a line
 * of an address, a signature or a verse ("… by the value of the" / "variable if it is"), or the last line ends on one
 * that rarely ends a sentence ("… if it is", "… if the module was"). The sentence runs on, or was cut.
 */
function wrappedProse(lines: string[]): boolean {
  const endWord = (line: string) => (/\p{L}$/u.test(line) ? (LAST_WORD.exec(line)?.[1] ?? '') : '');
  for (let i = 0; i < lines.length - 1; i++) if (CANNOT_END_SENTENCE.has(endWord(lines[i]))) return true;
  const last = endWord(lines[lines.length - 1]);
  return CANNOT_END_SENTENCE.has(last) || RARELY_ENDS_SENTENCE.has(last);
}

function looksTabular(text: string): boolean {
  const lines = text.split('\n').filter((l) => l.trim());
  if (lines.length < 2) return /^\s*\|.*\|\s*$/.test(lines[0] ?? '');
  // Rows closed by a pipe and a last row that is not: the table was cut inside its last row.
  const closed = (l: string) => /\|\s*$/.test(l);
  if (lines.slice(0, -1).every(closed) && /^\s*\|/.test(lines[lines.length - 1]) && !closed(lines[lines.length - 1]))
    return false;
  const piped = lines.filter((l) => (l.match(/\|/g) ?? []).length >= 2).length;
  const aligned = lines.filter((l) => /\S(?: {2,}|\t)\S/.test(l.trim())).length;
  return piped >= lines.length - 1 || aligned >= Math.max(2, lines.length - 1);
}

/** For Markdown, the raw source lines of the block (to see links, code and emphasis that the block text drops). */
function markdownSource(article: Article, block: Block): string | null {
  if (article.format !== 'markdown' || !block.text.length) return null;
  const first = positionAt(article.source, block.sourceOffsets[0]).line;
  const last = positionAt(article.source, block.sourceOffsets[block.text.length - 1]).line;
  const lines: string[] = [];
  for (let line = first; line <= last; line++) lines.push(lineText(article.source, line));
  return lines.join('\n').trim();
}

function endsWithLinkOrCode(source: string | null): boolean {
  if (source === null) return false;
  const s = source.replace(/[*_~\s]+$/u, '');
  return /\]\([^)]*\)$|\]\[[^\]]*\]$|\]$|<[^>\s]+>$|`$/u.test(s);
}

/**
 * The block's text ends inside inline code, an HTML element or a component (Markdown): code is no prose, so its last
 * word says nothing about a cut sentence ("## `v-if` {#v-if}" — the heading anchor is not in the text).
 */
function endsInInlineCode(block: Block, text: string): boolean {
  const end = text.replace(/[\s)\]"'”’]+$/u, '').length;
  return (block.inline ?? []).some(
    (span) => span.kind !== 'link' && span.kind !== 'emphasis' && span.start < end && span.end >= end,
  );
}

function isLinkOnly(source: string): boolean {
  let hasLink = false;
  const rest = source
    .replace(/!?\[[^\]]*\]\([^)]*\)|!?\[[^\]]*\]\[[^\]]*\]|<(?:https?:|mailto:)[^>]*>|https?:\/\/\S+/gu, () => {
      hasLink = true;
      return ' ';
    })
    .replace(/[*_~|·•,/\-–—()[\]\s]+/gu, ' ')
    .trim();
  if (!hasLink) return false;
  // Words after the last link that wait for more ("[Transition modes](…) are") are a cut sentence, not a label.
  const trailing = /(\p{L}+)$/u.exec(source.trimEnd())?.[1]?.toLowerCase();
  if (trailing && (CANNOT_END_SENTENCE.has(trailing) || RARELY_ENDS_SENTENCE.has(trailing))) return false;
  return rest === '' || (countWords(rest) <= 4 && !/[.!?]$/.test(rest));
}

function medianSentenceWords(article: Article, exclude: Block): number {
  const counts: number[] = [];
  for (const block of article.blocks) {
    if (block.kind !== 'paragraph' && block.kind !== 'blockquote' && block.kind !== 'listItem') continue;
    const sentences = block === exclude ? block.sentences.slice(0, -1) : block.sentences;
    for (const s of sentences) counts.push(countWords(s.text));
  }
  if (!counts.length) return 0;
  counts.sort((a, b) => a - b);
  return counts[counts.length >> 1];
}

function otherParagraphsTerminated(article: Article, exclude: Block): number {
  let total = 0;
  let ended = 0;
  for (const block of article.blocks) {
    if (block === exclude || block.kind !== 'paragraph') continue;
    total++;
    // A colon introducing a list or code block is a proper paragraph end too.
    if (TERMINATED.test(block.text.trimEnd()) || /[:：]$/u.test(block.text.trimEnd())) ended++;
  }
  return total ? ended / total : 0;
}

/** The first 20,000 characters of the article's prose blocks, joined by line breaks. */
function proseText(article: Article): string {
  return joinedPrefix(proseBlockTexts(article), 20_000);
}

function* proseBlockTexts(article: Article): Generator<string> {
  for (const b of article.blocks)
    if (b.kind === 'paragraph' || b.kind === 'listItem' || b.kind === 'blockquote' || b.kind === 'heading')
      yield b.text;
}

type Script = 'latin' | 'cjk' | 'greek' | 'no-punctuation' | 'other';

function scriptOf(text: string): Script {
  let latin = 0;
  let cjk = 0;
  let greek = 0;
  let none = 0;
  let other = 0;
  for (const ch of text.slice(-600)) {
    if (!/\p{L}/u.test(ch)) continue;
    if (/\p{Script=Latin}/u.test(ch)) latin++;
    else if (CJK.test(ch) || /\p{Script=Hangul}/u.test(ch)) cjk++;
    else if (/\p{Script=Greek}/u.test(ch)) greek++;
    else if (NO_PUNCTUATION_SCRIPTS.test(ch)) none++;
    else other++;
  }
  const max = Math.max(latin, cjk, greek, none, other);
  if (max === 0) return 'other';
  if (max === none) return 'no-punctuation';
  if (max === cjk) return 'cjk';
  if (max === greek) return 'greek';
  if (max === latin) return 'latin';
  return 'other';
}

function tailText(text: string, max: number): string {
  const folded = foldWhitespace(text);
  if (folded.length <= max) return folded;
  const cut = folded.slice(-max);
  const space = cut.indexOf(' ');
  return `…${space >= 0 && space < 20 ? cut.slice(space + 1) : cut}`;
}

function safeRegExp(source: string): RegExp | null {
  try {
    return new RegExp(source, 'iu');
  } catch {
    return null;
  }
}
