// keyword-density: keyphrase stuffing. With configured keywords: density = occurrences × words-in-phrase / article
// words (Yoast's measure), a warning above maxDensity (3%) and an error above errorDensity (4%, Yoast's "way over"),
// only for texts of at least minWords words; plus an info when the keyphrase is in neither the title nor the first
// paragraph. Without keywords: a repeated 2–4-word phrase is reported only when it alone makes up autoDensity (5%)
// of the text, occurs at least autoMinOccurrences times and is far more frequent than its words' own rates predict.
// The page's subject (a phrase from its title or headings) and a proper name the text keeps naming are judged against
// subjectDensity instead: what real news and documentation pages reach naturally (docs/rules/keyword-density.md).
import { z } from 'zod';
import { defineRule, type RuleFindingDraft } from '../../rule.js';
import { fraction, nonNegative, strings } from '../../rule-options.js';
import { blockRange } from '../../source-map.js';
import { fnv1a } from '../../stable-hash.js';
import { PROSE_KINDS, type Article, type Block, type Severity } from '../../types.js';
import { DENSITY_STOP_WORDS } from './density-stopwords.js';
import { wordEnd } from '../../text-words.js';

export interface KeywordDensityOptions {
  keywords: string[];
  maxDensity: number;
  errorDensity: number;
  minWords: number;
  /** Detect stuffing of unconfigured phrases when no keywords are configured. */
  autoDetect: boolean;
  autoDensity: number;
  autoMinOccurrences: number;
  /** Automatic limit for the page's subject (title/heading phrase) or a proper name the text keeps naming. */
  subjectDensity: number;
}

/**
 * The prose words of an article, token i at index i of each array (parallel arrays, not one object per word: a 5 MB
 * article has ~900,000 tokens, and objects made most of the rule's time and garbage).
 */
interface Tokens {
  length: number;
  /** Token i's word is words[id[i]]. */
  id: Int32Array;
  /** The distinct words (lower case, ’ written '), in order of first use, and how often each occurs. */
  words: string[];
  counts: number[];
  /** Index in article.blocks. */
  block: Int32Array;
  /** Offsets in the block's text. */
  start: Int32Array;
  end: Int32Array;
  /** Sentence/block boundary id: n-grams never cross it. */
  segment: Int32Array;
  /** 1 for part of code, not prose: inside inline code, or a piece of an identifier, path or call ("node.js", "@vue/x", "f()"). */
  code: Uint8Array;
}

/**
 * Code is no prose: a word inside an inline code span, or one glued by ".", "/", "@", ":" or "_" to another word or
 * followed by "(" (an import path, a file name, a qualified or snake_case identifier, a call). Such words never make
 * an automatic keyword phrase; a configured keyword still counts them.
 */
function isCodeWord(text: string, word: string, from: number, to: number, codeSpans: [number, number][]): boolean {
  for (const [s, e] of codeSpans) if (from >= s && from < e) return true;
  if (word.includes('_') && /\p{L}_\p{L}|_$/u.test(word)) return true;
  return glued(text, from - 1, -1) || glued(text, to, 1) || text[to] === '(';
}

/** `text[i]` is ".", "/", "@" or ":" and the character beyond it (`step`) a letter, digit or "@". */
function glued(text: string, i: number, step: number): boolean {
  const c = text.charCodeAt(i); // NaN outside the text
  if (c !== 0x2e && c !== 0x2f && c !== 0x40 && c !== 0x3a) return false;
  return /[\p{L}\p{N}@]/u.test(text[i + step] ?? '');
}

/** URLs and e-mail addresses (blanked before counting words); only looked for where the text can hold one. */
const LINK = /\b(?:https?:\/\/|www\.)\S+|\S+@\S+\.\w+/gi;
const mayHoldLink = (text: string) => text.includes('@') || /https?:\/\/|www\./i.test(text);

/** A word: `[\p{L}\p{N}][\p{L}\p{N}\p{M}'’_-]*` (read by wordEnd, the form used for configured keyphrases). */
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’_-]*/gu;

/** Invisible and no-break spaces: blanked before looking for links (they end a URL; they never are part of a word). */
const INVISIBLE = /[\u00a0\u200b-\u200d\u2060\ufeff]/g;

/** A growable column of integers (typed, so a token costs no object and no boxed number). */
class IntColumn<T extends Int32Array | Uint8Array> {
  length = 0;
  constructor(
    private data: T,
    private readonly make: (size: number) => T,
  ) {}
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = this.make(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
  view(): T {
    return this.data.subarray(0, this.length) as T;
  }
}

const int32Column = () => new IntColumn(new Int32Array(1024), (n) => new Int32Array(n));

interface TokenColumns {
  /** Lower-case form → word id, and each spelling as written → the id of its form. */
  ids: Map<string, number>;
  spellings: Map<string, number>;
  words: string[];
  counts: number[];
  id: IntColumn<Int32Array>;
  block: IntColumn<Int32Array>;
  start: IntColumn<Int32Array>;
  end: IntColumn<Int32Array>;
  segment: IntColumn<Int32Array>;
  code: IntColumn<Uint8Array>;
}

function tokens(article: Article): Tokens {
  const out: TokenColumns = {
    ids: new Map(),
    spellings: new Map(),
    words: [],
    counts: [],
    id: int32Column(),
    block: int32Column(),
    start: int32Column(),
    end: int32Column(),
    segment: int32Column(),
    code: new IntColumn(new Uint8Array(1024), (n) => new Uint8Array(n)),
  };
  let segment = 0;
  for (let b = 0; b < article.blocks.length; b++) {
    const block = article.blocks[b];
    if (!PROSE_KINDS.has(block.kind)) continue;
    const codeSpans = (block.inline ?? [])
      .filter((span) => span.kind === 'code')
      .map((span): [number, number] => [span.start, span.end]);
    const sentences = block.sentences.length
      ? block.sentences
      : [{ start: 0, end: block.text.length, text: block.text }];
    // Most blocks hold no URL or e-mail address: their words are read in place, no copy of each sentence.
    const linkFree = !mayHoldLink(block.text);
    for (const s of sentences) {
      segment++;
      if (linkFree) {
        pushWords(out, block, b, block.text, s.start, s.end, 0, segment, codeSpans);
        continue;
      }
      // URLs and e-mail addresses are not prose: blank them (same length, so offsets hold) before counting words.
      let text = block.text.slice(s.start, s.end).replace(INVISIBLE, ' ');
      if (mayHoldLink(text)) text = text.replace(LINK, (url) => ' '.repeat(url.length));
      pushWords(out, block, b, text, 0, text.length, s.start, segment, codeSpans);
    }
  }
  const code = out.code.view();
  markCommandNames(article, out.block.view(), out.start.view(), out.end.view(), out.segment.view(), code);
  return {
    length: out.id.length,
    id: out.id.view(),
    words: out.words,
    counts: out.counts,
    block: out.block.view(),
    start: out.start.view(),
    end: out.end.view(),
    segment: out.segment.view(),
    code,
  };
}

/** A word in capitals: at least two capital letters and no small letter ("ALTER", "CMP0082", not "AIs" or "A"). */
const CAPITALS = /^(?=(?:[^\p{Lu}]*\p{Lu}){2})[^\p{Ll}]+$/u;

/**
 * Command names in capitals are code: two or more words in capitals in a row, separated by spaces only, inside
 * mixed-case text ("ALTER OPERATOR CLASS — change the definition of an operator class", a link "[DROP MATERIALIZED
 * VIEW](…)"). SQL keywords, statement and macro names are written so in titles, synopsis lines and links, where no
 * code span marks them; a single acronym ("the AI industry") stays prose.
 */
function markCommandNames(
  article: Article,
  block: Int32Array,
  start: Int32Array,
  end: Int32Array,
  segment: Int32Array,
  code: Uint8Array,
): void {
  let previous = false; // token i - 1 is a word in capitals
  for (let i = 0; i < block.length; i++) {
    const text = article.blocks[block[i]].text;
    const capitals = /\p{Lu}/u.test(text[start[i]]) && CAPITALS.test(text.slice(start[i], end[i]));
    if (
      capitals &&
      previous &&
      segment[i - 1] === segment[i] &&
      block[i - 1] === block[i] &&
      /^[ \t\u00a0]+$/.test(text.slice(end[i - 1], start[i]))
    ) {
      code[i - 1] = 1;
      code[i] = 1;
    }
    previous = capitals;
  }
}

/** The words of `text` in [from, to) as tokens (a word running past `to` is cut there); `shift` maps to the block. */
function pushWords(
  out: TokenColumns,
  block: Block,
  blockIndex: number,
  text: string,
  from: number,
  to: number,
  shift: number,
  segment: number,
  codeSpans: [number, number][],
): void {
  for (let i = from; i < to; ) {
    const found = wordEnd(text, i);
    if (found === i) {
      i += text.codePointAt(i)! > 0xffff ? 2 : 1;
      continue;
    }
    const wordTo = Math.min(found, to);
    const word = text.slice(i, wordTo);
    const start = shift + i;
    const end = start + word.length;
    i = found;
    // The word as written in the block (blanking links never touches a word's own characters).
    const code = isCodeWord(block.text, word, start, end, codeSpans);
    // Looked up as written first: a text repeats its spellings, and lower-casing every word cost more than the look-up.
    let id = out.spellings.get(word);
    if (id === undefined) {
      const lower = word.toLowerCase();
      const form = lower.includes('’') ? lower.replace(/’/g, "'") : lower;
      id = out.ids.get(form);
      if (id === undefined) {
        id = out.words.length;
        out.ids.set(form, id);
        out.words.push(form);
        out.counts.push(0);
      }
      out.spellings.set(word, id);
    }
    out.counts[id]++;
    out.id.push(id);
    out.block.push(blockIndex);
    out.start.push(start);
    out.end.push(end);
    out.segment.push(segment);
    out.code.push(code ? 1 : 0);
  }
}

function phraseWords(phrase: string): string[] {
  return phrase.toLowerCase().replace(/’/g, "'").match(WORD) ?? [];
}

/** Non-overlapping token-level occurrences (case-insensitive, literal). */
function occurrences(toks: Tokens, words: string[]): number[] {
  const at: number[] = [];
  if (!words.length) return at;
  for (let i = 0; i + words.length <= toks.length; i++) {
    let ok = true;
    for (let k = 0; k < words.length; k++) {
      if (toks.words[toks.id[i + k]] !== words[k] || (k > 0 && toks.segment[i + k] !== toks.segment[i])) {
        ok = false;
        break;
      }
    }
    if (ok) {
      at.push(i);
      i += words.length - 1;
    }
  }
  return at;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function range(article: Article, toks: Tokens, i: number, n: number) {
  const last = i + n - 1;
  const block = article.blocks[toks.block[i]];
  if (toks.block[i] === toks.block[last]) return blockRange(article.source, block, toks.start[i], toks.end[last]);
  return blockRange(article.source, block, toks.start[i], toks.end[i]);
}

function firstParagraph(article: Article): Block | undefined {
  return article.blocks.find(
    (b, i) =>
      i !== article.titleBlockIndex && (b.kind === 'paragraph' || b.kind === 'listItem' || b.kind === 'blockquote'),
  );
}

function containsPhrase(text: string | null | undefined, words: string[]): boolean {
  if (!text) return false;
  const t = phraseWords(text.replace(/[\u00a0\u200b-\u200d\u2060\ufeff]/g, ' '));
  for (let i = 0; i + words.length <= t.length; i++) if (words.every((w, k) => t[i + k] === w)) return true;
  return false;
}

function configured(article: Article, toks: Tokens, options: KeywordDensityOptions): RuleFindingDraft[] {
  const findings: RuleFindingDraft[] = [];
  const total = article.words;
  for (const keyword of options.keywords) {
    if (typeof keyword !== 'string') continue;
    const words = phraseWords(keyword);
    if (!words.length) continue;
    const at = occurrences(toks, words);
    const density = total ? (at.length * words.length) / total : 0;
    if (total >= options.minWords && density > options.maxDensity && at.length >= 2) {
      const severity: Severity = density > options.errorDensity ? 'error' : 'warning';
      const allowed = Math.max(1, Math.floor((options.maxDensity * total) / words.length));
      findings.push({
        severity,
        ...range(article, toks, at[0], words.length),
        message: `Keyphrase "${keyword}" makes up ${pct(density)} of ${total} words (${at.length} uses; limit ${pct(options.maxDensity)}${severity === 'error' ? `, way over ${pct(options.errorDensity)}` : ''}).`,
        evidence: `${at.length} occurrences × ${words.length} word${words.length > 1 ? 's' : ''} / ${total} words`,
        suggestion: `Use "${keyword}" at most ${allowed} time${allowed > 1 ? 's' : ''}, or use synonyms and related phrases.`,
      });
    }
    const first = firstParagraph(article);
    const titleText =
      article.title ?? (article.titleBlockIndex !== null ? article.blocks[article.titleBlockIndex].text : null);
    if (!containsPhrase(titleText, words) && !containsPhrase(first?.text, words)) {
      const anchor =
        article.titleBlockIndex !== null ? article.blocks[article.titleBlockIndex] : (first ?? article.blocks[0]);
      if (!anchor) continue;
      findings.push({
        severity: 'info',
        ...blockRange(article.source, anchor, 0, anchor.text.length),
        message: `Keyphrase "${keyword}" appears in neither the title nor the first paragraph${at.length ? '' : ' (nor anywhere in the text)'}.`,
        evidence: anchor.text.slice(0, 160),
        suggestion: `Mention "${keyword}" in the title or the opening paragraph.`,
      });
    }
  }
  return findings;
}

interface AutoCandidate {
  key: string;
  at: number[];
  n: number;
  density: number;
  /** The limit it was judged against (autoDensity, or subjectDensity for the page's subject or a name). */
  limit: number;
}

export interface KeywordDensityPrepared {
  /** Phrase → uses (occurrences × words in the phrase) summed over the partials; only phrases that are candidates somewhere. */
  uses: Map<string, number>;
  /** Words of all articles. */
  words: number;
  articles: number;
}

/** What the corpus pass needs from one article (at most MAX_GRAMS + 3 entries). */
export interface KeywordDensityPartial {
  /** Article.words. */
  words: number;
  /** Phrase → uses in this article, for the phrases it uses densely (see collect). */
  grams: [string, number][];
  /** This article's automatic candidates (their uses are in grams): the only findings corpus data can drop. */
  candidates: string[];
}

const tokenCache = new WeakMap<Article, Tokens>();
function cachedTokens(article: Article): Tokens {
  let t = tokenCache.get(article);
  if (!t) tokenCache.set(article, (t = tokens(article)));
  return t;
}

/** English prose is roughly 40–50% function words (less when stuffed); below 10% the text is not English. */
const MIN_ENGLISH_STOP_SHARE = 0.1;

/** Per-token facts phraseGrams needs, as flat arrays (a 5 MB article has ~900,000 tokens, each tested 6 times). */
interface GramTokens {
  stop: Uint8Array;
  hash: Int32Array;
  segment: Int32Array;
  /** How often token i's word occurs in the article: no gram starting or ending with it occurs more often. */
  frequency: Int32Array;
  /** Prefix counts: code words, and words that are neither stop words nor numbers, before token i. */
  codeBefore: Int32Array;
  contentBefore: Int32Array;
}

const NUMBER = /^\p{N}+$/u;

function gramTokens(toks: Tokens): GramTokens {
  const length = toks.length;
  const facts: GramTokens = {
    stop: new Uint8Array(length),
    hash: new Int32Array(length),
    segment: new Int32Array(length),
    frequency: new Int32Array(length),
    codeBefore: new Int32Array(length + 1),
    contentBefore: new Int32Array(length + 1),
  };
  // Each distinct word is hashed and tested once.
  const wordHashes = toks.words.map((word) => fnv1a(word));
  const wordStop = toks.words.map((word) => DENSITY_STOP_WORDS.has(word));
  const wordContent = toks.words.map((word, id) => !wordStop[id] && !NUMBER.test(word));
  for (let i = 0; i < length; i++) {
    const id = toks.id[i];
    facts.stop[i] = wordStop[id] ? 1 : 0;
    facts.segment[i] = toks.segment[i];
    facts.codeBefore[i + 1] = facts.codeBefore[i] + (toks.code[i] ? 1 : 0);
    facts.contentBefore[i + 1] = facts.contentBefore[i] + (wordContent[id] ? 1 : 0);
    facts.hash[i] = wordHashes[id];
    facts.frequency[i] = toks.counts[id];
  }
  return facts;
}

/**
 * Hash of every eligible n-gram start (a phrase: one segment, no stop word at either end, no code word, not only
 * stop words/numbers) that may reach the floors (its first and last words occur at least minCount times and make at
 * least minUses uses), with `eligible[i]` = 1 where one starts. A gram occurs no more often than its first or last
 * word, so every start of a gram that reaches the floors is eligible.
 */
function gramHashes(
  facts: GramTokens,
  n: number,
  minCount: number,
  minUses: number,
): { hashes: Int32Array; eligible: Uint8Array } {
  const { stop, hash, segment, frequency, codeBefore, contentBefore } = facts;
  const starts = Math.max(0, stop.length - n + 1);
  const hashes = new Int32Array(starts);
  const eligible = new Uint8Array(starts);
  for (let i = 0; i < starts; i++) {
    const j = i + n;
    if (segment[j - 1] !== segment[i] || stop[i] || stop[j - 1]) continue;
    if (codeBefore[j] !== codeBefore[i] || contentBefore[j] === contentBefore[i]) continue;
    const rarer = Math.min(frequency[i], frequency[j - 1]);
    if (rarer < minCount || rarer * n < minUses) continue;
    let h = n;
    for (let k = i; k < j; k++) h = Math.imul(h ^ hash[k], 0x9e3779b1) ^ (h >>> 15);
    hashes[i] = h;
    eligible[i] = 1;
  }
  return { hashes, eligible };
}

/**
 * How many eligible starts share each hash: open addressing, [key, count] pairs in one array (count 0 = empty slot).
 * The table grows with the distinct hashes, not the starts: a repetitive text's few grams stay in cache.
 */
class HashCounts {
  private table = new Int32Array(2 * 1024);
  private mask = 1023;
  private used = 0;

  private slotOf(h: number): number {
    const { table, mask } = this;
    let slot = (Math.imul(h, 0x9e3779b1) >>> 0) & mask;
    while (table[2 * slot + 1] !== 0 && table[2 * slot] !== h) slot = (slot + 1) & mask;
    return slot;
  }

  add(h: number): void {
    let slot = this.slotOf(h);
    if (this.table[2 * slot + 1] === 0) {
      if (2 * (this.used + 1) > this.mask + 1) {
        this.grow();
        slot = this.slotOf(h);
      }
      this.used++;
      this.table[2 * slot] = h;
    }
    this.table[2 * slot + 1]++;
  }

  /** Starts counted with hash `h` (0 for a hash never added). */
  count(h: number): number {
    return this.table[2 * this.slotOf(h) + 1];
  }

  private grow(): void {
    const old = this.table;
    this.mask = this.mask * 2 + 1;
    this.table = new Int32Array(2 * (this.mask + 1));
    for (let i = 0; i < old.length; i += 2) {
      if (old[i + 1] === 0) continue;
      const slot = this.slotOf(old[i]);
      this.table[2 * slot] = old[i];
      this.table[2 * slot + 1] = old[i + 1];
    }
  }
}

function hashCounts(hashes: Int32Array, eligible: Uint8Array): HashCounts {
  const counts = new HashCounts();
  for (let i = 0; i < hashes.length; i++) if (eligible[i]) counts.add(hashes[i]);
  return counts;
}

/**
 * Candidate phrases (2–4 words, no stop word at either end, not only stop words/numbers) used at least `minCount`
 * times and making at least `minUses` uses (occurrences × words) → non-overlapping starts. Every consumer needs repeats only, so a hash pre-count decides which grams become
 * strings (a hash collision only builds a key that is then not repeated; a real repeat is never missed).
 */
function phraseGrams(toks: Tokens, minCount: number, minUses: number): Map<string, number[]> {
  const grams = new Map<string, number[]>();
  const facts = gramTokens(toks);
  for (let n = 2; n <= 4; n++) {
    const { hashes, eligible } = gramHashes(facts, n, minCount, minUses);
    const counts = minCount > 1 || minUses > 0 ? hashCounts(hashes, eligible) : null;
    // A key string is built once per distinct gram, not at every occurrence: an occurrence is matched word by word
    // against the first occurrence of each gram with its hash (same lists, same insertion order as building every key).
    const seen = new Map<number, { start: number; list: number[] }[]>();
    for (let i = 0; i < hashes.length; i++) {
      if (!eligible[i]) continue;
      const h = hashes[i];
      if (counts) {
        // The hash count bounds the gram's non-overlapping uses from above: below either floor, no consumer reads it.
        const count = counts.count(h);
        if (count < minCount || count * n < minUses) continue;
      }
      let entries = seen.get(h);
      if (!entries) seen.set(h, (entries = []));
      let list: number[] | undefined;
      for (const entry of entries) {
        let k = 0;
        while (k < n && toks.id[entry.start + k] === toks.id[i + k]) k++;
        if (k === n) {
          list = entry.list;
          break;
        }
      }
      if (!list) {
        let key = toks.words[toks.id[i]];
        for (let k = i + 1; k < i + n; k++) key += ` ${toks.words[toks.id[k]]}`;
        list = grams.get(key);
        if (!list) grams.set(key, (list = []));
        entries.push({ start: i, list });
      }
      if (!list.length || list[list.length - 1] + n <= i) list.push(i);
    }
  }
  return grams;
}

/** Words of a gram key (words joined by single spaces), without splitting it. */
function wordCount(key: string): number {
  let n = 1;
  for (let i = key.indexOf(' '); i !== -1; i = key.indexOf(' ', i + 1)) n++;
  return n;
}

/** Fewest uses a gram needs to matter to autoCandidates (autoMinOccurrences) or collect (twice): the smaller. */
const gramMinCount = (options: KeywordDensityOptions) => Math.max(1, Math.min(2, options.autoMinOccurrences));

/**
 * Fewest uses (occurrences × words) a gram needs to matter: collect's floor, θ × words. autoCandidates asks for more
 * (density above autoDensity = 4θ), so no gram either reads is left out; a 5 MB article has ~10^6 grams below it.
 */
const gramMinUses = (options: KeywordDensityOptions, words: number) => COLLECT_SHARE * options.autoDensity * words;

const gramCache = new WeakMap<Article, { minCount: number; minUses: number; grams: Map<string, number[]> }>();
function cachedGrams(article: Article, options: KeywordDensityOptions): Map<string, number[]> {
  const minCount = gramMinCount(options);
  const minUses = gramMinUses(options, article.words);
  let g = gramCache.get(article);
  if (!g || g.minCount !== minCount || !Object.is(g.minUses, minUses))
    gramCache.set(article, (g = { minCount, minUses, grams: phraseGrams(cachedTokens(article), minCount, minUses) }));
  return g.grams;
}

/** A word's form for comparing a phrase with the title: lower case, no possessive, singular, no "-ing" or "-er" ("banking" ~ "bank", "converter" ~ "convert"). */
function wordForm(word: string): string {
  return word
    .replace(/'s$/, '')
    .replace(/ies$/, 'y')
    .replace(/(?<=s|x|z|ch|sh)es$/, '')
    .replace(/(?<![su])s$/, '')
    .replace(/(?<=\p{L}{4})ing$/u, '')
    .replace(/(?<=\p{L}{4})er$/u, '');
}

interface SubjectWords {
  /** Word forms of the title and headings. */
  forms: Set<string>;
  /** Each title or heading as a sequence of word forms, identifiers split into their parts. */
  lines: string[][];
}
const subjectCache = new WeakMap<Article, SubjectWords>();
/** Word forms of the page's title and headings (front-matter title included). */
function subjectWords(article: Article): SubjectWords {
  let subject = subjectCache.get(article);
  if (subject) return subject;
  subject = { forms: new Set(), lines: [] };
  const texts = article.blocks.filter((b) => b.kind === 'heading').map((b) => b.text);
  if (article.title) texts.push(article.title);
  // A name written as one identifier ("convert-source-map", "vue_router") names its parts too.
  for (const text of texts) {
    const line: string[] = [];
    for (const w of phraseWords(text)) {
      const parts = w.split(/[-_]/).filter(Boolean);
      for (const part of [w, ...parts]) subject.forms.add(wordForm(part));
      line.push(...(parts.length > 1 ? parts : [w]).map(wordForm));
    }
    subject.lines.push(line);
  }
  subjectCache.set(article, subject);
  return subject;
}

/**
 * The phrase names the page's subject: every content word of it is in the title or a heading (in some form), or it is
 * a term the title or a heading names plus one word at either end — a kind or part of the subject ("shared memory
 * block" on a page titled "Shared memory for direct access", "event loop policy" under "Event loop"). Such a phrase
 * can never be denser than the term it extends allows: the term occurs at least as often.
 */
function isSubject(article: Article, key: string): boolean {
  const { forms, lines } = subjectWords(article);
  const words = key.split(' ');
  const content = words.filter((w) => !DENSITY_STOP_WORDS.has(w));
  if (content.length > 0 && content.every((w) => forms.has(wordForm(w)))) return true;
  if (words.length < 3) return false;
  // The term without its first or last word (the extra word, not a number): it starts and ends with a content word.
  const splits: [string[], string][] = [
    [words.slice(1), words[0]],
    [words.slice(0, -1), words[words.length - 1]],
  ];
  for (const [term, extra] of splits) {
    if (NUMBER.test(extra) || DENSITY_STOP_WORDS.has(term[0]) || DENSITY_STOP_WORDS.has(term[term.length - 1]))
      continue;
    const termForms = term.map(wordForm);
    for (const line of lines)
      for (let i = 0; i + termForms.length <= line.length; i++)
        if (termForms.every((f, k) => line[i + k] === f)) return true;
  }
  return false;
}

/**
 * Written as a proper name at every use: each content word capitalised, and at least one use inside a sentence (not
 * only where a capital is due anyway). News names its team, person or company again and again ("Republic of Ireland").
 */
function isProperName(article: Article, toks: Tokens, at: number[], n: number): boolean {
  let inside = false;
  for (const i of at) {
    for (let k = i; k < i + n; k++) {
      if (
        !DENSITY_STOP_WORDS.has(toks.words[toks.id[k]]) &&
        !/^\p{Lu}/u.test(article.blocks[toks.block[k]].text.slice(toks.start[k], toks.end[k]))
      )
        return false;
    }
    if (i > 0 && toks.segment[i - 1] === toks.segment[i]) inside = true;
  }
  return inside;
}

/**
 * The page's lead: the first sentence of its opening paragraph, list item or quotation, past a paragraph that is all
 * emphasis (a label such as "*New in version 3.8.*", "*Updated 3 May*", a byline in italics). Word forms, in order,
 * and whether each word is a content word (neither a stop word nor a number).
 */
interface Lead {
  forms: string[];
  content: boolean[];
}
const leadCache = new WeakMap<Article, Lead>();
function leadOf(article: Article): Lead {
  let lead = leadCache.get(article);
  if (lead) return lead;
  lead = { forms: [], content: [] };
  for (let i = 0; i < article.blocks.length; i++) {
    const b = article.blocks[i];
    if (i === article.titleBlockIndex || !(b.kind === 'paragraph' || b.kind === 'listItem' || b.kind === 'blockquote'))
      continue;
    if (wholeEmphasis(b)) continue;
    const first = b.sentences[0]?.text ?? b.text;
    const words = phraseWords(first.replace(/[\u00a0\u200b-\u200d\u2060\ufeff]/g, ' '));
    lead = { forms: words.map(wordForm), content: words.map((w) => !DENSITY_STOP_WORDS.has(w) && !NUMBER.test(w)) };
    break;
  }
  leadCache.set(article, lead);
  return lead;
}

function wholeEmphasis(block: Block): boolean {
  const text = block.text.trim();
  const offset = block.text.indexOf(text);
  return (block.inline ?? []).some(
    (span) => span.kind === 'emphasis' && span.start <= offset && span.end >= offset + text.length,
  );
}

/**
 * The lead names the phrase as its term: once, as a definition or summary does ("Install rules from
 * \`add_subdirectory\` calls are interleaved …" on a page about install rules), or several times, each use a different
 * name — the phrase with its own neighbouring content word ("set the session user identifier and the current user
 * identifier", "An event loop policy … the current event loop … new event loops"): a definition names the kinds of
 * its term. A stuffed opener repeats the same phrase ("Garden furniture sale: our garden furniture sale has the best
 * garden furniture sale prices"); a phrase planted later in the text is not in the lead at all.
 */
function namedInLead(article: Article, key: string): boolean {
  const { forms, content } = leadOf(article);
  const words = key.split(' ').map(wordForm);
  const n = words.length;
  const names = new Set<string>();
  // A neighbour is a content word that is not the phrase's own ("key signing key" is the phrase twice, not a name).
  const neighbour = (j: number) => (content[j] && !words.includes(forms[j]) ? forms[j] : '');
  for (let i = 0; i + n <= forms.length; i++) {
    if (!words.every((w, k) => forms[i + k] === w)) continue;
    const before = i > 0 ? neighbour(i - 1) : '';
    const after = i + n < forms.length ? neighbour(i + n) : '';
    const name = `${before} ${after}`;
    if (names.has(name)) return false;
    names.add(name);
    i += n - 1;
  }
  return names.size > 0;
}

/** Share of a phrase's uses that must follow a code name for the phrase to read as the kind of thing it names. */
const CODE_LABEL_SHARE = 0.5;

/**
 * The phrase labels code names: at least half of its uses follow a code word in the same sentence ("the
 * \`LINK_LIBRARIES\` target property", "the \`--force\` flag", "\`GENERATED\` source files"). Reference docs name the kind
 * of each entity they mention; stuffing is not attached to code.
 */
function labelsCode(toks: Tokens, at: number[]): boolean {
  let after = 0;
  for (const i of at) if (i > 0 && toks.code[i - 1] && toks.segment[i - 1] === toks.segment[i]) after++;
  return after >= CODE_LABEL_SHARE * at.length;
}

/** The limit a candidate is judged against: the subject limit for the page's subject or a name, else autoDensity. */
function limitFor(
  article: Article,
  toks: Tokens,
  key: string,
  at: number[],
  n: number,
  options: KeywordDensityOptions,
): number {
  const subjectLimit = Math.max(options.autoDensity, options.subjectDensity ?? 0);
  if (subjectLimit === options.autoDensity) return subjectLimit;
  return isSubject(article, key) ||
    isProperName(article, toks, at, n) ||
    namedInLead(article, key) ||
    labelsCode(toks, at)
    ? subjectLimit
    : options.autoDensity;
}

const stopCountCache = new WeakMap<Tokens, number>();
/** Stop words among the tokens (collect and check both ask: counted once per token list). */
function stopWordCount(toks: Tokens): number {
  let stop = stopCountCache.get(toks);
  if (stop === undefined) {
    let count = 0;
    for (let id = 0; id < toks.words.length; id++) if (DENSITY_STOP_WORDS.has(toks.words[id])) count += toks.counts[id];
    stopCountCache.set(toks, (stop = count));
  }
  return stop;
}

function autoCandidates(article: Article, toks: Tokens, options: KeywordDensityOptions): AutoCandidate[] {
  const total = article.words;
  if (total < options.minWords) return [];
  // Automatic detection relies on English stop words to find phrase boundaries; on other languages (Vietnamese
  // writes a space between syllables, so "cà phê" looks like a two-word phrase) it would misfire, so skip them.
  if (toks.length === 0 || stopWordCount(toks) / toks.length < MIN_ENGLISH_STOP_SHARE) return [];
  let unigram: Map<string, number> | null = null;
  const grams = cachedGrams(article, options);
  const flagged: AutoCandidate[] = [];
  /** Phrases above autoDensity that the page may repeat: its subject, a name, its template. */
  const cleared: { at: number[]; n: number }[] = [];
  for (const [key, at] of grams) {
    if (at.length < options.autoMinOccurrences) continue; // most grams: no need to count their words
    const n = wordCount(key);
    const density = (at.length * n) / total;
    if (density <= options.autoDensity) continue;
    if (!unigram) {
      unigram = new Map<string, number>();
      toks.words.forEach((word, id) => {
        unigram!.set(word, toks.counts[id]);
      });
    }
    // Far above what its words predict: the phrase must be a large share of its rarest word's uses AND that word
    // must itself be unusually frequent (a name used normally is frequent, but not at this density).
    const rarest = Math.min(
      ...key
        .split(' ')
        .filter((w) => !DENSITY_STOP_WORDS.has(w))
        .map((w) => unigram!.get(w) ?? 0),
    );
    if (at.length < 0.6 * rarest) continue;
    const limit = limitFor(article, toks, key, at, n, options);
    if (density <= limit || isTemplatePhrase(article, toks, at)) cleared.push({ at, n });
    else flagged.push({ key, at, n, density, limit });
  }
  return densestRegions(outsideCleared(flagged, cleared, total), 3);
}

/**
 * A phrase judged only by its uses outside the longer phrases the page may repeat: a use inside "page cache entry",
 * judged as the subject of a page titled "Page cache", is a use of that phrase, not of its fragment "cache entry".
 * `reach[s]` is the furthest end of a cleared use starting at token s; a use lies inside a longer one that starts at
 * most 3 tokens before it (phrases have at most 4 words), so each use costs 4 look-ups.
 */
function outsideCleared(
  flagged: AutoCandidate[],
  cleared: { at: number[]; n: number }[],
  total: number,
): AutoCandidate[] {
  if (!flagged.length || !cleared.length) return flagged;
  let end = 0;
  for (const c of cleared) for (const i of c.at) end = Math.max(end, i + 1);
  const reach = new Int32Array(end);
  const longest = new Int32Array(end);
  for (const c of cleared)
    for (const i of c.at)
      if (c.n > longest[i]) {
        longest[i] = c.n;
        reach[i] = i + c.n;
      }
  const inside = (i: number, n: number) => {
    for (let s = Math.max(0, i - 3); s <= i && s < end; s++) if (longest[s] > n && reach[s] >= i + n) return true;
    return false;
  };
  return flagged.filter((f) => {
    let free = 0;
    for (const i of f.at) if (!inside(i, f.n)) free++;
    return (free * f.n) / total > f.limit;
  });
}

/** Share of a phrase's uses that must open distinct blocks for it to read as the page's template. */
const TEMPLATE_SHARE = 0.8;

/**
 * The page's own template, not stuffing: the phrase opens the entries of a reference page, at most about one use per
 * block and in the block's first sentence ("Stability: 1 - Experimental" above every API, "When creating a token with
 * …" opening every option's description, a definition that starts each section). Stuffing is woven into running text,
 * several uses to a paragraph and anywhere in it.
 */
function isTemplatePhrase(article: Article, toks: Tokens, at: number[]): boolean {
  const blocks = new Set<number>();
  let leading = 0;
  for (const i of at) {
    const b = toks.block[i];
    blocks.add(b);
    const first = article.blocks[b].sentences[0];
    if (!first || toks.start[i] < first.end) leading++;
  }
  return blocks.size >= TEMPLATE_SHARE * at.length && leading >= TEMPLATE_SHARE * at.length;
}

/**
 * One finding per stuffed region: the densest phrase wins, phrases whose occurrences overlap a kept one's are dropped.
 * The kept phrases' word positions are marked in one array, so the check costs the candidate's own positions, not a
 * comparison with every occurrence of every kept phrase (quadratic on a page of one repeated phrase).
 */
function densestRegions(flagged: AutoCandidate[], limit: number): AutoCandidate[] {
  flagged.sort((a, b) => b.density - a.density || b.n - a.n);
  let end = 0;
  for (const f of flagged) for (const i of f.at) end = Math.max(end, i + f.n);
  const covered = new Uint8Array(end);
  const kept: AutoCandidate[] = [];
  for (const f of flagged) {
    if (kept.length === limit) break;
    if (f.at.some((i) => covered.subarray(i, i + f.n).includes(1))) continue;
    for (const i of f.at) covered.fill(1, i, i + f.n);
    kept.push(f);
  }
  return kept;
}

/**
 * Expected rate: the phrase's density in the rest of the corpus. A phrase the whole corpus uses at this rate is its
 * topic, not stuffing; with fewer than 3 other articles there is no expectation and only the absolute limit applies.
 * (uses / words is the candidate's density, computed exactly as autoCandidates does.)
 */
function keepAgainstCorpus(
  key: string,
  uses: number,
  words: number,
  prepared: KeywordDensityPrepared | undefined,
): boolean {
  if (!prepared || prepared.articles < 4) return true;
  const restWords = prepared.words - words;
  if (restWords <= 0) return true;
  const rest = ((prepared.uses.get(key) ?? 0) - uses) / restWords;
  return uses / words >= 2 * rest;
}

/*
 * Corpus rate in one pass. The exact rate counts every candidate phrase in every article, but the candidates are known
 * only once all articles were seen. Instead each article reports the phrases it uses at least twice and at ≥ θ =
 * COLLECT_SHARE × autoDensity (1.25%) of its words (at most MAX_GRAMS), and the rate sums those. This cannot change a
 * decision in practice:
 * - leaving uses out only lowers the rate: a phrase may be kept (reported) where the exact rate drops it, never the
 *   reverse;
 * - a phrase is dropped only when the rest of the corpus uses it at over half its density here, i.e. above
 *   autoDensity/2 = 2θ on average; articles under θ add less than θ to that average, so they never reach the bar on
 *   their own and decide only when the recorded articles alone are already within θ of it;
 * - a single use is at ≥ θ only in articles under n/θ words (160 for two-word phrases): it matters only in a corpus of
 *   short notes that each name the phrase once.
 * A smaller θ narrows that band but records more phrases per article (partials are held for every article).
 */
const COLLECT_SHARE = 1 / 4;
/** Bounds the partial; articles reach it only by repeating long passages (each repeat adds its sub-phrases). */
const MAX_GRAMS = 64;

const autoActive = (options: KeywordDensityOptions) =>
  !!options.autoDetect &&
  !(Array.isArray(options.keywords) && options.keywords.some((k) => typeof k === 'string' && k.trim()));

function collectGrams(article: Article, options: KeywordDensityOptions): KeywordDensityPartial {
  const words = article.words;
  if (!autoActive(options)) return { words, grams: [], candidates: [] };
  const grams = cachedGrams(article, options);
  const minUses = gramMinUses(options, words);
  // Never above autoMinOccurrences, so an article's own candidates always qualify.
  const minCount = gramMinCount(options);
  const dense: [string, number][] = [];
  for (const [key, at] of grams) {
    if (at.length < minCount) continue;
    const uses = at.length * wordCount(key);
    if (uses >= minUses) dense.push([key, uses]);
  }
  dense.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const kept = dense.slice(0, MAX_GRAMS);
  const candidates = autoCandidates(article, cachedTokens(article), options).map((c) => c.key);
  for (const key of candidates)
    if (!kept.some(([k]) => k === key)) kept.push([key, grams.get(key)!.length * key.split(' ').length]);
  return { words, grams: kept, candidates };
}

function automatic(
  article: Article,
  toks: Tokens,
  options: KeywordDensityOptions,
  prepared: KeywordDensityPrepared | undefined,
): RuleFindingDraft[] {
  const total = article.words;
  const kept = autoCandidates(article, toks, options).filter((f) =>
    keepAgainstCorpus(f.key, f.at.length * f.n, total, prepared),
  );
  return kept.map((f) => ({
    ...range(article, toks, f.at[0], f.n),
    message: `The phrase "${f.key}" is repeated ${f.at.length} times and makes up ${pct(f.density)} of ${total} words (automatic limit ${pct(f.limit)}${f.limit > options.autoDensity ? " for the page's subject or a name" : ''}): looks like keyword stuffing.`,
    evidence: `${f.at.length} occurrences × ${f.n} words / ${total} words`,
    suggestion: `Cut most repetitions of "${f.key}" or configure it as a keyword to check it against maxDensity.`,
  }));
}

export const keywordDensityRule = defineRule<
  KeywordDensityOptions,
  KeywordDensityPrepared | undefined,
  KeywordDensityPartial
>({
  id: 'keyword-density',
  description:
    'Keyphrase stuffing: a keyphrase (configured, or detected automatically) makes up too large a share of the text; configured keyphrases missing from the title and first paragraph.',
  defaultSeverity: 'warning',
  options: z.object({
    keywords: strings().default([]).describe('Keyphrases to check (matched literally, case-insensitively).'),
    maxDensity: fraction().default(0.03).describe("A keyphrase's share of the words above which it is reported."),
    errorDensity: fraction().default(0.04).describe('Above this share the finding is an error.'),
    minWords: nonNegative().default(100).describe('Articles with fewer words are not checked against maxDensity.'),
    autoDetect: z
      .boolean()
      .default(true)
      .describe('Detect stuffing of unconfigured phrases when no keywords are configured.'),
    autoDensity: fraction().default(0.05).describe('Automatic limit: share of the words a repeated phrase may take.'),
    autoMinOccurrences: nonNegative()
      .default(6)
      .describe('Automatic detection: a phrase is repeated at least this many times.'),
    subjectDensity: fraction()
      .default(0.15)
      .describe("Automatic limit for the page's subject (title or heading phrase) or a name the text keeps naming."),
  }),
  collect: collectGrams,
  combine(partials, options) {
    if (!autoActive(options)) return undefined;
    // Only phrases that are a candidate somewhere are ever looked up.
    const uses = new Map<string, number>();
    for (const { partial } of partials) for (const key of partial.candidates) uses.set(key, 0);
    let words = 0;
    for (const { partial } of partials) {
      words += partial.words;
      for (const [key, n] of partial.grams) {
        const sum = uses.get(key);
        if (sum !== undefined) uses.set(key, sum + n);
      }
    }
    return { uses, words, articles: partials.length };
  },
  dependsOnCorpus(partial, prepared) {
    // Exact: the same test check applies, on the same numbers.
    return partial.candidates.some(
      (key) => !keepAgainstCorpus(key, partial.grams.find(([k]) => k === key)?.[1] ?? 0, partial.words, prepared),
    );
  },
  check(article, { options, prepared }) {
    const toks = cachedTokens(article);
    const keywords = Array.isArray(options.keywords)
      ? options.keywords.filter((k) => typeof k === 'string' && k.trim())
      : [];
    if (keywords.length) return configured(article, toks, { ...options, keywords });
    return options.autoDetect ? automatic(article, toks, options, prepared) : [];
  },
});
