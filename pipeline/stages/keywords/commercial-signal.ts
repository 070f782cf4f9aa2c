// Commercial-intent spans woven in with ordinary spaces ("…the company said best online casino it would…", "…a Cheap
// Car Insurance bid…"). A span is built around a lexicon vertical (commercial-lexicon.ts) and judged by general
// signals, never by the phrase itself:
//   - foreign to the article: its content words occur nowhere else in the article (a page about betting says
//     "betting" more than once; a pasted query does not);
//   - at a grammatical break: the words around it do not take a noun phrase there, or the sentence reads on without it;
//   - Title Case out of place: a capitalised run of common words mid-sentence.
import type { Article, Block, Sentence } from '../../types.js';
import { articleWordCounts, articleWords, scanWords, type SignalWord, wordsBetween } from './article-words.js';
import { foldWord, type Lexicon } from './commercial-lexicon.js';
import { deletionTest, type DeletionVerdict } from './english-bigrams.js';
import { inSpan, isCode } from './inline-spans.js';
import { breaksAtBothEdges, foreignWithStems, splitsAPair } from './weak-span-vote.js';

export type Token = SignalWord;

export interface CommercialSpan {
  start: number;
  end: number;
  /** Which signals fired, for the message. */
  reasons: string[];
  /** Reported without corpus corroboration. */
  strong: boolean;
  titleCase: boolean;
  /**
   * The spans (longest first) whose recurrence in other articles would corroborate it: for weak spans the only way to
   * be reported; for strong ones the second vote the combined mode asks for (spliced-keyword.ts).
   */
  variants: { start: number; end: number; context: string; readsOn: boolean }[];
  /**
   * A weak lower-case span only: its longest extent that breaks the sentence by local evidence (weak-span-vote.ts),
   * the second vote for a phrase used once, and why.
   */
  usedOnce?: { start: number; end: number; why: string };
}

/** The words of text[from, to) as articleWordCounts reads them (signalWordEnd, in place). */
const words = scanWords;

/** Folded word → occurrences in the article's prose (computed once per article, only when a sentence needs it). */
const articleCounts = new WeakMap<Article, Map<string, number>>();
export function wordCounts(article: Article): Map<string, number> {
  return articleWordCounts(article, articleCounts, foldWord);
}

/** Words with no content of their own: they say nothing about whether a span belongs to the article. */
const FUNCTION = new Set(
  (
    'a an the of for in on at to with from by and or near me my your our their its his her this that these those is are be ' +
    'it as into about than per via no not you we they he she i all any some more most very so was were been has have had ' +
    'him them us who which what whom there here then also just only such will would can could should may might must ' +
    'shall do does did'
  )
    .split(' ')
    // Looked up folded too ("this" folds to "thi", "does" to "doe").
    .flatMap((w) => [w, foldWord(w)]),
);

/** Words after which a noun phrase is expected: a span there fills a slot instead of breaking the sentence. */
const NP_OPENERS = new Set(
  (
    'a an the this that these those its their our your his her my whose of for on in at to with from by about into onto ' +
    'like as than via per over under between among against during without within through across toward towards ' +
    'some any no many much more most several few each every all both other another such own new best cheap and or ' +
    'nor but including includes include offers offer offering sells sell selling buy bought buying about around ' +
    'cheaper better bigger larger top free online local two three four five'
  ).split(' '),
);

/** Words that open a new clause or noun phrase: after a finished noun phrase they mark the end of a pasted span. */
const CLAUSE_OPENERS = new Set(
  (
    'it he she they we i you there this these those the a an his her their its our my your that which who whose ' +
    'said says will would could should can may might must has have had is was are were did does do been being'
  ).split(' '),
);

interface Match {
  from: number;
  to: number;
  vertical: boolean;
}

/** Longest lexicon entry starting at token k (folded words), or null. */
function matchAt(folded: string[], k: number, lexicon: Lexicon): Match | null {
  for (const entry of lexicon.byFirst.get(folded[k]) ?? []) {
    const n = entry.words.length;
    if (k + n > folded.length) continue;
    let ok = true;
    for (let i = 1; i < n && ok; i++) ok = folded[k + i] === entry.words[i];
    if (ok) return { from: k, to: k + n, vertical: entry.vertical };
  }
  return null;
}

/** One or two spaces: all that may stand between two words of a phrase. */
const SPACE_ONLY = /^[ \u00a0]{1,2}$/;
const spaceOnly = (text: string, a: Token, b: Token) => SPACE_ONLY.test(text.slice(a.end, b.start));
const isCapitalised = (t: Token) => /^\p{Lu}/u.test(t.text);
const isAcronymToken = (t: Token) => /^\p{Lu}{2,5}s?$/u.test(t.text);

interface LexiconRun {
  from: number;
  to: number;
  verticals: number;
  intents: number;
}

/** Lexicon matches grouped into maximal runs of adjacent tokens (spaces only between them). */
function lexiconRuns(text: string, tokens: Token[], folded: string[], lexicon: Lexicon): LexiconRun[] {
  const runs: LexiconRun[] = [];
  let k = 0;
  while (k < tokens.length) {
    const m = matchAt(folded, k, lexicon);
    if (!m) {
      k++;
      continue;
    }
    const last = runs[runs.length - 1];
    if (last && last.to === m.from && spaceOnly(text, tokens[m.from - 1], tokens[m.from])) last.to = m.to;
    else runs.push({ from: m.from, to: m.to, verticals: 0, intents: 0 });
    const run = runs[runs.length - 1];
    if (m.vertical) run.verticals++;
    else run.intents++;
    k = m.to;
  }
  return runs;
}

/**
 * Widens a run over one unlisted word between lexicon words ("cheap [car] insurance") and over a place written as a
 * query suffix: an acronym or a single capitalised word right after a lower-case run ("payday loans UK").
 */
function widen(
  text: string,
  tokens: Token[],
  folded: string[],
  lexicon: Lexicon,
  run: LexiconRun,
): { from: number; to: number; suffix: boolean } {
  let { from, to } = run;
  if (
    from >= 2 &&
    !FUNCTION.has(folded[from - 1]) &&
    matchAt(folded, from - 2, lexicon) &&
    spaceOnly(text, tokens[from - 2], tokens[from - 1]) &&
    spaceOnly(text, tokens[from - 1], tokens[from])
  ) {
    from -= 2;
  }
  let suffix = false;
  const lower = tokens.slice(from, to).every((t) => !isCapitalised(t));
  const next = tokens[to];
  if (
    lower &&
    next &&
    spaceOnly(text, tokens[to - 1], next) &&
    isCapitalised(next) &&
    !(tokens[to + 1] && isCapitalised(tokens[to + 1]) && spaceOnly(text, next, tokens[to + 1]))
  ) {
    to++;
    suffix = true;
  }
  return { from, to, suffix };
}

/**
 * Is the run's casing Title Case out of place: every word capitalised, mid-sentence, in lower-case running text? Words
 * in inline code spans of `block` are not the prose's casing ("the additional types `Info`, `Matter`") and do not count.
 */
function titleCaseOutOfPlace(tokens: Token[], from: number, to: number, block?: Block): boolean {
  if (from === 0) return false;
  for (let k = from; k < to; k++) if (!isCapitalised(tokens[k])) return false;
  // Capitalised context (a heading, a title, a list of names): capitalisation says nothing there. The whole
  // sentence is the context: a name or two near the run does not make running text Title Case.
  const prose = (t: Token) => !FUNCTION.has(t.text.toLowerCase()) && !(block && inSpan(block, t.start, isCode));
  const context = [...tokens.slice(1, from), ...tokens.slice(to)].filter(prose);
  const capitalised = context.filter(isCapitalised).length;
  if (context.length && capitalised / context.length >= 0.5) return false;
  // Part of a longer name: a capitalised word right before or after.
  if (isCapitalised(tokens[from - 1])) return false;
  if (to < tokens.length && isCapitalised(tokens[to]) && !isAcronymToken(tokens[to])) return false;
  return true;
}

/** The span's content words used nowhere else in the article (counts include this occurrence). */
function foreignToArticle(
  folded: string[],
  from: number,
  to: number,
  counts: Map<string, number>,
  lexicon: Lexicon,
): boolean {
  const uses = new Map<string, number>();
  for (let k = from; k < to; k++) uses.set(folded[k], (uses.get(folded[k]) ?? 0) + 1);
  for (const [w, n] of uses) {
    if (FUNCTION.has(w) || /^\d/.test(w)) continue;
    // Intent words ("best", "online") are common everywhere; only the topic words must be foreign.
    const entry = lexicon.byFirst.get(w)?.find((e) => e.words.length === 1);
    if (entry && !entry.vertical) continue;
    if ((counts.get(w) ?? 0) > n) return false;
  }
  return true;
}

/** Does the sentence break around the span? Left: no word that takes a noun phrase; right: a new clause starts. */
/** Does a new clause or noun phrase start right after token `to - 1` (only spaces between)? */
function clauseStartsAfter(tokens: Token[], to: number, text: string): boolean {
  return (
    to < tokens.length &&
    CLAUSE_OPENERS.has(tokens[to].text.toLowerCase()) &&
    spaceOnly(text, tokens[to - 1], tokens[to])
  );
}

function atBreak(tokens: Token[], folded: string[], from: number, to: number, text: string): string | null {
  const prev = from > 0 ? folded[from - 1] : null;
  const next = to < tokens.length ? folded[to] : null;
  const leftOpen = prev !== null && !NP_OPENERS.has(prev) && spaceOnly(text, tokens[from - 1], tokens[from]);
  const rightBreak = next !== null && clauseStartsAfter(tokens, to, text);
  if (leftOpen && rightBreak) return `"${tokens[from - 1].text} … ${tokens[to].text}" reads on without it`;
  if (rightBreak && prev === null) return null;
  if (rightBreak) return `a new clause starts right after it ("${tokens[to].text}")`;
  if (leftOpen) return `nothing before it takes a noun phrase ("${tokens[from - 1].text}")`;
  return null;
}

/** A lower-case word with content of its own (not a function word, not a bare number). */
const contentWord = (t: Token, w: string) => !FUNCTION.has(w) && !isCapitalised(t) && /\p{L}/u.test(w);

/**
 * Sub-spans of a lexicon run widened over up to two lower-case content words on each side ("buy [tiktok] [likes]",
 * "[business] [class] flights"), of three to five words, most of whose topic words the article uses nowhere else: a
 * weak candidate, reported only when the same words recur in other sentences of the corpus (spammers weave one
 * phrase into many pages). Longest first.
 */
function weakVariants(
  text: string,
  tokens: Token[],
  folded: string[],
  run: LexiconRun,
  counts: Map<string, number>,
  lexicon: Lexicon,
  natural?: { from: number; to: number }[],
): { from: number; to: number }[] {
  let left = run.from;
  while (
    left > 0 &&
    run.from - left < 2 &&
    spaceOnly(text, tokens[left - 1], tokens[left]) &&
    contentWord(tokens[left - 1], folded[left - 1])
  )
    left--;
  let right = run.to;
  while (
    right < tokens.length &&
    right - run.to < 2 &&
    spaceOnly(text, tokens[right - 1], tokens[right]) &&
    contentWord(tokens[right], folded[right])
  )
    right++;
  const out: { from: number; to: number }[] = [];
  for (let a = left; a <= run.from; a++) {
    for (let b = right; b >= run.to; b--) {
      // Two-word collocations recur naturally ("best known", "credit card"); a pasted query is longer.
      if (b - a < 3 || b - a > 5) continue;
      const topic = topicOf(tokens, folded, a, b, counts, lexicon);
      if (topicForeign(run, topic)) out.push({ from: a, to: b });
      else if (explainedByArticle(topic)) natural?.push({ from: a, to: b });
    }
  }
  return out.sort((x, y) => y.to - y.from - (x.to - x.from));
}

/** The topic words of [a, b) (neither function nor intent words): how many, and how many the article uses only here. */
interface TopicWords {
  topic: number;
  foreign: number;
}

function topicOf(
  tokens: Token[],
  folded: string[],
  a: number,
  b: number,
  counts: Map<string, number>,
  lexicon: Lexicon,
): TopicWords {
  const isIntent = (w: string) => !!lexicon.byFirst.get(w)?.some((e) => e.words.length === 1 && !e.vertical);
  let topic = 0;
  let foreign = 0;
  for (let k = a; k < b; k++) {
    if (FUNCTION.has(folded[k]) || !/\p{L}/u.test(folded[k]) || isIntent(folded[k])) continue;
    topic++;
    if ((counts.get(folded[k]) ?? 0) <= 1) foreign++;
  }
  return { topic, foreign };
}

/**
 * Is the topic of a window foreign to the article? Around a vertical at most one of its words is used elsewhere
 * ("[life] insurance"); around an intent word alone ("best", "buy") every one of at least two ("best original
 * screenplay" is not enough).
 */
function topicForeign(run: LexiconRun, { topic, foreign }: TopicWords): boolean {
  return run.verticals ? foreign >= 1 && topic - foreign <= 1 : topic >= 2 && foreign === topic;
}

/**
 * Does the article's own vocabulary explain the window (a natural use, which vetoes the phrase's recurrence elsewhere)?
 * Every one of its topic words is used elsewhere in the article, or at least two are ("an estate agent" in a piece
 * about estate agents). A window with a word the article uses only here and at most one it uses again is not explained
 * by the article, whatever its lexicon run: around an intent word alone ("buy [word] likes" on a page that says
 * "like" often) it is neither foreign enough to be a candidate nor natural.
 */
function explainedByArticle({ topic, foreign }: TopicWords): boolean {
  return foreign === 0 || topic - foreign >= 2;
}

/** The lexicon run itself when it is 2–5 capitalised words with no capitalised word right before or after. */
function titleRunAround(text: string, tokens: Token[], run: LexiconRun): { from: number; to: number } | null {
  const { from, to } = run;
  if (from === 0 || to - from < 2 || to - from > 5) return null;
  if (
    isCapitalised(tokens[from - 1]) ||
    (to < tokens.length && isCapitalised(tokens[to]) && spaceOnly(text, tokens[to - 1], tokens[to]))
  )
    return null;
  for (let k = from; k < to; k++) if (!isCapitalised(tokens[k])) return null;
  return { from, to };
}

/** Runs of two or more capitalised words inside [from, to). */
function capitalisedRuns(tokens: Token[], from: number, to: number): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  let k = from;
  while (k < to) {
    let end = k;
    while (end < to && isCapitalised(tokens[end])) end++;
    if (end - k >= 2) out.push({ from: k, to: end });
    k = end + 1;
  }
  return out;
}

/** Every content word of [from, to) is used only here in the article. */
function allForeign(tokens: Token[], folded: string[], from: number, to: number, counts: Map<string, number>): boolean {
  for (let k = from; k < to; k++) if (!FUNCTION.has(folded[k]) && (counts.get(folded[k]) ?? 0) > 1) return false;
  return true;
}

/** The span's topic words (not function or intent words) that the article uses only here, in order. */
function foreignTopicWords(
  tokens: Token[],
  folded: string[],
  from: number,
  to: number,
  counts: Map<string, number>,
  lexicon: Lexicon,
): string[] {
  const out: string[] = [];
  for (let k = from; k < to; k++) {
    const w = folded[k];
    if (
      FUNCTION.has(w) ||
      !/\p{L}/u.test(w) ||
      lexicon.byFirst.get(w)?.some((e) => e.words.length === 1 && !e.vertical)
    )
      continue;
    if ((counts.get(w) ?? 0) <= 1 && !out.includes(tokens[k].text.toLowerCase()))
      out.push(tokens[k].text.toLowerCase());
  }
  return out;
}

/** The topic words of [start, end) of a block that its article uses nowhere else (for the message). */
export function foreignWordsIn(article: Article, text: string, start: number, end: number, lexicon: Lexicon): string[] {
  const tokens = words(text, start, end);
  return foreignTopicWords(
    tokens,
    tokens.map((t) => foldWord(t.text)),
    0,
    tokens.length,
    wordCounts(article),
    lexicon,
  );
}

/** Commercial spans of one sentence: strong ones (query-like, foreign to the article) and weak ones (need recurrence). */
export function commercialCandidates(
  article: Article,
  block: Block,
  sentence: Sentence,
  lexicon: Lexicon,
  natural?: (start: number, end: number) => void,
): CommercialSpan[] {
  const text = block.text;
  if (!lexicon.anyFirst.test(sentence.text)) return []; // most sentences hold no lexicon word at all
  const tokens = wordsBetween(article, block, sentence.start, sentence.end);
  if (tokens.length < 5) return [];
  const folded = tokens.map((t) => foldWord(t.text));
  const out: CommercialSpan[] = [];
  // The words around a span: the same story filed twice repeats them, unrelated pages do not.
  const around = (from: number, to: number) => `${folded[from - 1] ?? ''}|${folded[to] ?? ''}`;
  const offsets = (v: { from: number; to: number }) => ({
    start: tokens[v.from].start,
    end: tokens[v.to - 1].end,
    context: around(v.from, v.to),
    readsOn: readsOnWithout(sentenceWords, v.from, v.to),
  });
  const sentenceWords: SentenceWords = { article, block, sentence, lexicon, text, tokens, folded, offsets };
  for (const run of lexiconRuns(text, tokens, folded, lexicon)) {
    const span = runCandidate(sentenceWords, run, natural);
    if (span) out.push(span);
  }
  return out;
}

/** One sentence's words, as every judgement of a lexicon run in it needs them. */
interface SentenceWords {
  article: Article;
  block: Block;
  sentence: Sentence;
  lexicon: Lexicon;
  text: string;
  tokens: Token[];
  folded: string[];
  /** A token range as a span's variant: its offsets, neighbouring words and whether the sentence reads on without it. */
  offsets: (v: { from: number; to: number }) => CommercialSpan['variants'][number];
}

/** The span a lexicon run makes, if any: strong by itself, a Title Case name that needs recurrence, or a weak span. */
function runCandidate(
  s: SentenceWords,
  run: LexiconRun,
  natural: ((start: number, end: number) => void) | undefined,
): CommercialSpan | null {
  const { text, tokens, folded, lexicon } = s;
  const counts = wordCounts(s.article);
  // The lower-case paths: a capitalised lexicon word here is a sentence start or a name, not a pasted query.
  const lowerRun = !tokens.slice(run.from, run.to).some((t) => isCapitalised(t) && !isAcronymToken(t));
  // Windows around the run that the article's own topic explains ("an estate agent" in a piece on estate agents):
  // the phrase is used naturally there, which vetoes its recurrence elsewhere (spliced-keyword.ts).
  const naturalWindows: { from: number; to: number }[] = [];
  const variants = lowerRun ? weakVariants(text, tokens, folded, run, counts, lexicon, natural && naturalWindows) : [];
  for (const w of naturalWindows) natural?.(tokens[w.from].start, tokens[w.to - 1].end);
  const strong = run.verticals ? strongSpan(s, run, counts) : titleAnchor(s, run, counts);
  if (strong) return withStrongVariants(s, strong, variants);
  if (!lowerRun) return titleCaseRunSpan(s, run, counts);
  if (!variants.length) return null;
  return weakRunSpan(s, run, variants, counts);
}

/** A strong span with the extents whose recurrence elsewhere would corroborate it (the combined mode's second vote). */
function withStrongVariants(
  s: SentenceWords,
  strong: CommercialSpan,
  variants: { from: number; to: number }[],
): CommercialSpan {
  const { tokens, offsets } = s;
  const from = tokens.findIndex((t) => t.start === strong.start);
  const to = tokens.findIndex((t) => t.end === strong.end) + 1;
  // The span itself recurs as a phrase when it is in Title Case or long enough not to be a common collocation.
  const titleForm = tokens.slice(from, to).every(isCapitalised);
  const own = titleForm || to - from >= 3 ? [offsets({ from, to })] : [];
  // A Title Case part of it recurs on its own ("[Online Pharmacy] best idea").
  if (!titleForm) own.push(...capitalisedRuns(tokens, from, to).map(offsets));
  // Longest first: the widest corroborated extent is the one reported ("cheap dental implants [turkey]").
  strong.variants = [...own, ...variants.map(offsets)].sort((x, y) => y.end - y.start - (x.end - x.start));
  return strong;
}

/**
 * A Title Case lexicon run that casing alone does not place ("the Cheap Hotel final of the SAP Open"): reported only
 * when the same words recur in unrelated articles. Lexicon words only, not part of a longer name: a capitalised run
 * with other words around its vertical is a name more often than not ("New Jersey", "National Lottery" recur across
 * unrelated articles).
 */
function titleCaseRunSpan(s: SentenceWords, run: LexiconRun, counts: Map<string, number>): CommercialSpan | null {
  const { text, tokens, folded, lexicon, offsets } = s;
  const name = titleRunAround(text, tokens, run);
  if (!name || !topicForeign(run, topicOf(tokens, folded, name.from, name.to, counts, lexicon))) return null;
  return {
    ...offsets(name),
    reasons: ['a commercial phrase in Title Case whose words the article uses nowhere else'],
    strong: false,
    titleCase: false,
    variants: [offsets(name)],
  };
}

/** A lower-case run's weak span: strong alone where it plainly breaks the clause, else with its once-vote if any. */
function weakRunSpan(
  s: SentenceWords,
  run: LexiconRun,
  variants: { from: number; to: number }[],
  counts: Map<string, number>,
): CommercialSpan {
  const { article, sentence, text, tokens, folded, offsets } = s;
  const reasons = ['a commercial phrase whose words the article uses nowhere else'];
  // A vertical inside three or more words none of which the article uses elsewhere, with nothing before it that
  // takes a noun phrase and a new clause right after it ("…said cheap hotel deals it would…"): strong alone.
  const breaks = (v: { from: number; to: number }) =>
    v.from > 0 && !NP_OPENERS.has(folded[v.from - 1]) && clauseStartsAfter(tokens, v.to, text);
  const alone = run.verticals
    ? variants.find((v) => breaks(v) && allForeign(tokens, folded, v.from, v.to, counts))
    : undefined;
  if (alone) {
    const readsOn = `"${tokens[alone.from - 1].text} … ${tokens[alone.to].text}" reads on without it`;
    return {
      ...offsets(alone),
      reasons: [reasons[0], readsOn],
      strong: true,
      titleCase: false,
      variants: variants.map(offsets),
    };
  }
  // An inverted question puts its subject between the auxiliary and the verb ("why should car insurance firms be
  // allowed…?"): the auxiliary frame below says nothing there.
  const question = text.slice(sentence.start, sentence.end).includes('?');
  const usedOnce = question ? null : weakOnceVote(article, text, sentence, tokens, folded, variants);
  return {
    start: tokens[variants[0].from].start,
    end: tokens[variants[0].to - 1].end,
    reasons,
    strong: false,
    titleCase: false,
    variants: variants.map(offsets),
    ...(usedOnce ? { usedOnce } : {}),
  };
}

/**
 * The longest extent of a weak lower-case span (variants, longest first) that interrupts the sentence by evidence of
 * the article and the sentence alone: the word before it opens no noun phrase, the deletion test breaks at both edges,
 * and no word of it shares a stem with a word used elsewhere in the article (weak-span-vote.ts). Null when none does.
 */
function weakOnceVote(
  article: Article,
  text: string,
  sentence: Sentence,
  tokens: Token[],
  folded: string[],
  variants: { from: number; to: number }[],
): { start: number; end: number; why: string } | null {
  for (const { from, to } of variants) {
    if (from < 1 || NP_OPENERS.has(folded[from - 1]) || NP_OPENERS.has(tokens[from - 1].text.toLowerCase())) continue;
    if (!breaksAtBothEdges(deletionOf(text, tokens, from, to))) continue;
    const spanWords = tokens.slice(from, to).map((t) => t.text);
    if (!foreignWithStems(article, spanWords, (w) => FUNCTION.has(w))) continue;
    // Last (it may load the tagger): the neighbours by part of speech.
    const own = text.slice(sentence.start, sentence.end);
    if (!splitsAPair(own, tokens[from - 1].start - sentence.start, tokens[to].start - sentence.start)) continue;
    const [before, after] = [tokens[from - 1].text, tokens[to].text];
    const [first, last] = [spanWords[0], spanWords[spanWords.length - 1]];
    return {
      start: tokens[from].start,
      end: tokens[to - 1].end,
      why:
        `"${before} … ${after}" reads on without it, "${before} ${first}" and "${last} ${after}" are not ` +
        '(deletion test); no word of it, nor one of the same stem, is used elsewhere in the article',
    };
  }
  return null;
}

/** Head nouns of names of institutions, events, laws and award categories (folded): a Title Case run ending in one is a name. */
const NAME_HEADS = new Set(
  (
    'agreement act bill treaty law foundation association society institute council committee commission party union ' +
    'league cup award prize festival day week month show game championship trophy conference summit fund trust group ' +
    'club school college university hospital church museum gallery theatre centre center park street road square ' +
    'station airport bridge tower programme program project plan initiative scheme campaign service ministry department ' +
    // award categories ("won Best Supporting Actress")
    'actor actress director film picture album single song newcomer artist band act video screenplay documentary'
  ).split(' '),
);

/** Is [start, end) inside an open parenthesis of the same block? */
function inParentheses(text: string, start: number, end: number): boolean {
  const open = text.lastIndexOf('(', start);
  if (open < 0 || text.lastIndexOf(')', start) > open) return false;
  const close = text.indexOf(')', end);
  return close >= 0 && (text.indexOf('(', end) < 0 || text.indexOf('(', end) > close);
}

/**
 * An intent word inside a Title Case run out of place ("a Luxury Garden Rooms bid"): the whole capitalised run, when
 * every other word of it is foreign to the article. Event and award names lack the intent word ("World Music Day").
 */
function titleAnchor(s: SentenceWords, run: LexiconRun, counts: Map<string, number>): CommercialSpan | null {
  const { block, text, tokens, folded, lexicon } = s;
  let from = run.from;
  while (from > 0 && isCapitalised(tokens[from - 1]) && spaceOnly(text, tokens[from - 1], tokens[from])) from--;
  let to = run.to;
  while (to < tokens.length && isCapitalised(tokens[to]) && spaceOnly(text, tokens[to - 1], tokens[to])) to++;
  // Anchors open with their intent word and have at least three words; shorter or differently built capitalised
  // runs are names ("BBC News Online", "Quick Start", "Fast Forward").
  if (from !== run.from || to - from < 3 || to - from > 5 || !titleCaseOutOfPlace(tokens, from, to, block)) return null;
  if (inParentheses(text, tokens[from].start, tokens[to - 1].end)) return null; // "(for Best Directorial Debut)"
  // Institutions, events and laws end in a head noun of their own ("Free Trade Agreement", "Best Picture Award").
  if (NAME_HEADS.has(folded[to - 1])) return null;
  // An acronym opening the run ("UK Independence Party") or a possessive closing it names an organisation.
  if (isAcronymToken(tokens[from]) || /['’]s$/.test(tokens[to - 1].text)) return null;
  const isIntent = (w: string) => !!lexicon.byFirst.get(w)?.some((e) => !e.vertical);
  let topic = 0;
  for (let k = from; k < to; k++) {
    if (FUNCTION.has(folded[k]) || isIntent(folded[k])) continue;
    if ((counts.get(folded[k]) ?? 0) > 1) return null;
    topic++;
  }
  if (!topic) return null;
  const reasons = ['a commercial anchor in Title Case whose words the article uses nowhere else'];
  const breakWhy = atBreak(tokens, folded, from, to, text);
  if (breakWhy) reasons.push(breakWhy);
  return { start: tokens[from].start, end: tokens[to - 1].end, reasons, strong: true, titleCase: true, variants: [] };
}

/** A lexicon run with a vertical that reads as a search query and is foreign to the article, or null. */
function strongSpan(s: SentenceWords, run: LexiconRun, counts: Map<string, number>): CommercialSpan | null {
  const { block, text, tokens, folded, lexicon } = s;
  const { from, to, suffix } = widen(text, tokens, folded, lexicon, run);
  const span = to - from;
  if (span < 2 || span > 6) return null;
  const title = titleCaseOutOfPlace(tokens, from, to, block);
  // A vertical alone is a topic; with an intent word, a place suffix or Title Case it is a search query.
  if (!run.intents && !suffix && !title) return null;
  if (!foreignToArticle(folded, from, to, counts, lexicon)) return null;
  const reasons = ['a commercial query whose topic the article mentions nowhere else'];
  if (title) reasons.push('Title Case in lower-case running text');
  const breakWhy = atBreak(tokens, folded, from, to, text);
  if (breakWhy) reasons.push(breakWhy);
  return { start: tokens[from].start, end: tokens[to - 1].end, reasons, strong: true, titleCase: title, variants: [] };
}

/**
 * Why a declared keyword at [start, end) of the sentence does not fit there (the sentence reads on without it, a new
 * clause starts right after it, nothing before it takes a noun phrase, or Title Case out of place), or null.
 */
export function breakAround(block: Block, sentence: Sentence, start: number, end: number): string | null {
  const tokens = words(block.text, sentence.start, sentence.end);
  const from = tokens.findIndex((t) => t.start === start);
  const to = tokens.findIndex((t) => t.end === end) + 1;
  if (from < 0 || to <= from) return null;
  const folded = tokens.map((t) => foldWord(t.text));
  const why = atBreak(tokens, folded, from, to, block.text);
  if (why) return why;
  return titleCaseOutOfPlace(tokens, from, to, block) ? 'Title Case in lower-case running text' : null;
}

/** Words that open a new noun phrase: right after a finished one, the sentence has started over. */
const NEW_NOUN_PHRASE = new Set(
  'it he she they we i you there this these those the a an his her their its our my your'.split(' '),
);

/**
 * Why a declared keyword at [start, end) of the sentence breaks it, or null where it reads as part of the sentence:
 * - both sides break: nothing before it takes a noun phrase and a new clause starts right after it ("said … it");
 * - a new noun phrase starts right after it ("the [best online casino] it would"): a keyword followed by a verb is
 *   the sentence's subject ("the best online casino said"), not a splice;
 * - Title Case out of place;
 * - the deletion test, from Brown alone: the sentence reads on without it and its right edge is rarer than chance.
 * An open left side alone proves nothing: verbs take a noun phrase too ("we compare best online casino sites").
 */
export function declaredKeywordBreak(block: Block, sentence: Sentence, start: number, end: number): string | null {
  const tokens = words(block.text, sentence.start, sentence.end);
  const from = tokens.findIndex((t) => t.start === start);
  const to = tokens.findIndex((t) => t.end === end) + 1;
  if (from < 0 || to <= from) return null;
  const text = block.text;
  const folded = tokens.map((t) => foldWord(t.text));
  const prev = from > 0 ? folded[from - 1] : null;
  const leftOpen = prev !== null && !NP_OPENERS.has(prev) && spaceOnly(text, tokens[from - 1], tokens[from]);
  const rightBreak = clauseStartsAfter(tokens, to, text);
  if (leftOpen && rightBreak) return `"${tokens[from - 1].text} … ${tokens[to].text}" reads on without it`;
  if (rightBreak && prev !== null && NEW_NOUN_PHRASE.has(tokens[to].text.toLowerCase()))
    return `a new clause starts right after it ("${tokens[to].text}")`;
  if (titleCaseOutOfPlace(tokens, from, to, block)) return 'Title Case in lower-case running text';
  return from > 0 ? deletionVote(block, sentence, start, end, () => 0) : null;
}

/** The deletion test (english-bigrams.ts) for tokens [from, to): null at a sentence edge or next to punctuation. */
function deletionOf(text: string, tokens: Token[], from: number, to: number): DeletionVerdict | null {
  if (from < 1 || to >= tokens.length) return null;
  if (!spaceOnly(text, tokens[from - 1], tokens[from]) || !spaceOnly(text, tokens[to - 1], tokens[to])) return null;
  return deletionTest(tokens[from - 1].text, tokens[from].text, tokens[to - 1].text, tokens[to].text);
}

/**
 * Does this occurrence read on without the span, by the deletion test: the bridging bigram is ordinary English and the
 * one at the right edge is rare or missing from Brown. A pasted phrase does somewhere; a natural collocation fills a
 * noun phrase and, deleted, leaves "Britain's … said". Where Brown cannot tell (its bridge is neither attested nor
 * expected: "package … exports" in reference docs), an edge Brown finds rare or never uses and the sentence's syntax
 * decide (interruptsSyntax). True when the test has no data (it never vetoes then).
 */
function readsOnWithout(s: SentenceWords, from: number, to: number): boolean {
  const { text, tokens } = s;
  const verdict = deletionOf(text, tokens, from, to);
  if (!verdict) return from >= 1 && to < tokens.length && !loadedBigrams();
  if (verdict.readsOn) return verdict.rightRare || verdict.rightUnattested;
  // Brown cannot tell (the bridge's words are too rare there to expect it): an edge it finds rare or never uses, and
  // the sentence's syntax, decide.
  const edgeBreaks = verdict.rightRare || verdict.rightUnattested || verdict.leftRare || verdict.leftUnattested;
  if (verdict.breaksWithout || !edgeBreaks) return false;
  return interruptsSyntax(s, from, to);
}

/**
 * Where Brown cannot tell whether the sentence reads on without [from, to) (the bridge's words are too rare there:
 * "package … exports", "callback … in"), its syntax can: the word before opens no noun phrase (a determiner, a
 * preposition, a modifier, a possessive) and, by part of speech, the words around it are a pair the span splits (an
 * auxiliary and its verb, or a noun glued to the span: weak-span-vote.ts).
 */
function interruptsSyntax(s: SentenceWords, from: number, to: number): boolean {
  const { text, sentence, tokens, folded } = s;
  const before = tokens[from - 1];
  if (NP_OPENERS.has(folded[from - 1]) || NP_OPENERS.has(before.text.toLowerCase())) return false;
  if (/['’]s?$/.test(before.text)) return false;
  const own = text.slice(sentence.start, sentence.end);
  return splitsAPair(own, before.start - sentence.start, tokens[to].start - sentence.start);
}

const loadedBigrams = () => deletionTest('a', 'a', 'a', 'a') !== null;

/** A left-edge bigram keyed from its second word ("#casino to"), so that "#casino " counts the words before it. */
const leftKey = (before: string, first: string) => `#${first} ${before}`.toLowerCase();

/** The bigram at the left edge of [start, end) of a sentence, keyed as leftKey; null at an edge. */
export function leftEdgeOf(block: Block, sentence: Sentence, start: number): string | null {
  const tokens = words(block.text, sentence.start, sentence.end);
  const from = tokens.findIndex((t) => t.start === start);
  if (from < 1 || !spaceOnly(block.text, tokens[from - 1], tokens[from])) return null;
  return leftKey(tokens[from - 1].text, tokens[from].text);
}

/** The bigram at the right edge of [start, end) of a sentence ("insurance good"), lower case; null at an edge. */
export function rightEdgeOf(block: Block, sentence: Sentence, end: number): string | null {
  const tokens = words(block.text, sentence.start, sentence.end);
  const to = tokens.findIndex((t) => t.end === end) + 1;
  if (to < 1 || to >= tokens.length || !spaceOnly(block.text, tokens[to - 1], tokens[to])) return null;
  return `${tokens[to - 1].text} ${tokens[to].text}`.toLowerCase();
}

/**
 * Bigrams of an article that start with a single-word lexicon entry ("insurance premiums", "casino bonus"), and those
 * that end with one, keyed by leftKey ("#casino the"): the audited corpus's own evidence that a commercial word is
 * followed (preceded) by a word in ordinary use, where Brown (1961, 1 M words) has too few commercial words to tell.
 */
export function lexiconEdges(article: Article, lexicon: Lexicon): string[] {
  const out: string[] = [];
  const { spellings, ids, starts, ends, firstWord } = articleWords(article);
  // Per spelling: is it a one-word lexicon entry (folded)? 0 = not looked up yet, 1 = no, 2 = yes.
  const single = new Uint8Array(spellings.length);
  const isSingle = (id: number) => {
    if (single[id] === 0)
      single[id] = lexicon.byFirst.get(foldWord(spellings[id]))?.some((e) => e.words.length === 1) ? 2 : 1;
    return single[id] === 2;
  };
  article.blocks.forEach((block, b) => {
    const text = block.text;
    if (!lexicon.anyFirst.test(text)) return;
    // Each word is looked up once per spelling, and the space between two words is only read when one of them is a
    // lexicon word.
    for (let k = firstWord[b] + 1; k < firstWord[b + 1]; k++) {
      const left = isSingle(ids[k - 1]);
      const right = isSingle(ids[k]);
      if (!left && !right) continue;
      if (!SPACE_ONLY.test(text.slice(ends[k - 1], starts[k]))) continue;
      const before = spellings[ids[k - 1]];
      const word = spellings[ids[k]];
      if (left) out.push(`${before} ${word}`.toLowerCase());
      if (right) out.push(leftKey(before, word));
    }
  });
  return out;
}

/** Different words the corpus must use after a word before its never using one there means anything. */
const CORPUS_EVIDENCE = 3;

/**
 * Is the bigram unused elsewhere in the audited corpus, though the corpus uses its first word before enough different
 * words to have shown it? ("insurance good": the corpus says "insurance premiums", "insurance firms", "insurance
 * claims", never "insurance good"). A word the corpus uses in one collocation only ("mortgage lender") gives no
 * evidence: it cannot vouch against "mortgage rates".
 */
function corpusRare(edge: string, edgeUses: (key: string) => number, evidence = CORPUS_EVIDENCE): boolean {
  const first = edge.slice(0, edge.indexOf(' ') + 1);
  const uses = edgeUses(edge);
  return uses <= 1 && edgeUses(first) >= 1 && edgeUses(first) - (uses > 0 ? 1 : 0) >= evidence;
}

/**
 * The deletion test as a vote for the span [start, end) of a sentence: why the sentence reads on without it (the
 * bridging bigram is ordinary English, the one at one of the span's edges is not), or null. The right edge first: a
 * query opening with an adjective fits after a determiner ("a [cheap pet insurance] good response"); its head noun
 * against the sentence's next word is what breaks. Then the left edge, where the word before does not fit the
 * query's first word ("yet to [casino bonus codes] come"). `edgeUses` counts an edge bigram in the audited corpus
 * (this use included; left edges keyed by leftKey) and, keyed "first ", how many different words follow (or, for
 * left edges, precede) its lexicon word there: when Brown cannot tell (its words too rare there), the corpus decides
 * (corpusRare). The left edge is asked about only with `leftEdge` (the caller asks it on the extents that start where
 * the query does: one widened to the left would judge a word before the query instead).
 */
export function deletionVote(
  block: Block,
  sentence: Sentence,
  start: number,
  end: number,
  edgeUses: (edge: string) => number,
  leftEdge = false,
): string | null {
  const tokens = words(block.text, sentence.start, sentence.end);
  const from = tokens.findIndex((t) => t.start === start);
  const to = tokens.findIndex((t) => t.end === end) + 1;
  if (from < 1 || to <= from) return null;
  const verdict = deletionOf(block.text, tokens, from, to);
  if (!verdict?.readsOn) return null;
  const edge = `${tokens[to - 1].text} ${tokens[to].text}`;
  const rare = verdict.rightRare || (verdict.rightUnattested && corpusRare(edge.toLowerCase(), edgeUses));
  const [before, after] = [tokens[from - 1].text, tokens[to].text];
  if (rare) return `"${before} ${after}" is ordinary English, "${edge}" is not (deletion test)`;
  if (!leftEdge) return null;
  // The left edge: rarer than chance in Brown, or never in Brown and nowhere else in the audited corpus. No follower
  // evidence is asked for here (unlike the right edge): a natural modifier sits after a determiner or a preposition,
  // whose bigram with it is common ("the lowest", "a cheap"); a pasted phrase often does not ("said best", "to casino").
  const leftRare =
    verdict.leftRare || (verdict.leftUnattested && corpusRare(leftKey(before, tokens[from].text), edgeUses, 0));
  return leftRare
    ? `"${before} ${after}" is ordinary English, "${before} ${tokens[from].text}" is not (deletion test)`
    : null;
}
