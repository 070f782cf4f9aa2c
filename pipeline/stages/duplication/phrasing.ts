// Phrasing in aligned sentences: a spun version rewords its source a few words at a time, so most of its sentences
// keep a run of the source's own wording ("in the bustling metropolis of", "witnessed a surge in"). Two stories
// about one event share the event's names ("Kostas Kenteris and Katerina Thanou", "the Court of Arbitration for
// Sport") and its topic words, each in sentences of their own. Used by similar-content on the pairs its alignment
// would report.
import type { AlignedPair, DocSentences } from './align.js';
import { OWN, type RunVerdict, STOCK } from './family.js';
import { STOP_WORDS } from './lexicon.js';

/** A shared run must hold at least this many ordinary content words (not names, not stop words)… */
const PHRASE_CONTENT_WORDS = 2;
/** …and be at least this many words long. */
const PHRASE_WORDS = 3;

interface Token {
  word: string;
  /** An ordinary content word: lowercase in the text (or sentence-initial) and no stop word. */
  content: boolean;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** Words of a sentence, lowercased, each marked as an ordinary content word or not. */
export function phraseTokens(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const raw = m[0];
    const word = raw.toLowerCase().replace(/['’]/g, '');
    // A capitalised word after the first is a name (or Title Case): shared names are the topic, not the wording.
    const capitalised = tokens.length > 0 && raw !== word && /^\p{Lu}/u.test(raw);
    // So is a part of a code identifier (words joined by underscores: find_package, set_property).
    const at = m.index ?? 0;
    const identifier = text[at - 1] === '_' || text[at + raw.length] === '_';
    tokens.push({
      word,
      content: !capitalised && !identifier && !STOP_WORDS.has(word) && !/^\p{N}+$/u.test(word),
    });
  }
  return tokens;
}

/** Three consecutive words as one key. */
const trigram = (t: readonly Token[], i: number) => `${t[i].word} ${t[i + 1].word} ${t[i + 2].word}`;

/** A run of wording two sentences share: its ordinary content words outside the pair's stock phrases. */
export interface SharedRun {
  /** Those content words (at least PHRASE_CONTENT_WORDS of them). */
  words: string[];
  /** All the words of the run. */
  text: string;
  /** The words just outside it, in A's sentence then B's ('' at a sentence's edge): where the two sentences part. */
  before: [string, string];
  after: [string, string];
}

/**
 * The runs of at least PHRASE_WORDS consecutive words that both sentences hold (each maximal on the left) with at
 * least PHRASE_CONTENT_WORDS ordinary content words; words inside a `stock` three-word phrase of the run do not
 * count. Sentences are short: the quadratic scan is a few hundred steps.
 */
export function sharedRuns(a: readonly Token[], b: readonly Token[], stock?: ReadonlySet<string>): SharedRun[] {
  const runs: SharedRun[] = [];
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      if (a[i].word !== b[j].word || (i > 0 && j > 0 && a[i - 1].word === b[j - 1].word)) continue;
      // The longest common run starting here (maximal on the left), and its content words.
      let length = 0;
      while (i + length < a.length && j + length < b.length && a[i + length].word === b[j + length].word) length++;
      if (length < PHRASE_WORDS) continue;
      const words = runContentWords(a, b, i, j, length, stock);
      if (words.length < PHRASE_CONTENT_WORDS) continue;
      const text = a
        .slice(i, i + length)
        .map((t) => t.word)
        .join(' ');
      const word = (t: readonly Token[], k: number) => (k >= 0 && k < t.length ? t[k].word : '');
      runs.push({
        words,
        text,
        before: [word(a, i - 1), word(b, j - 1)],
        after: [word(a, i + length), word(b, j + length)],
      });
    }
  }
  return runs;
}

/** The most ordinary content words in one shared run (sharedRuns), or 0 when the sentences share none. */
export function sharedPhraseContentWords(
  a: readonly Token[],
  b: readonly Token[],
  stock?: ReadonlySet<string>,
): number {
  let best = 0;
  for (const run of sharedRuns(a, b, stock)) best = Math.max(best, run.words.length);
  return best;
}

/** Ordinary content words of the shared run a[i, i + length) = b[j, j + length), outside its stock phrases. */
function runContentWords(
  a: readonly Token[],
  b: readonly Token[],
  i: number,
  j: number,
  length: number,
  stock: ReadonlySet<string> | undefined,
): string[] {
  let stockUntil = 0; // words of the run before this offset are inside a stock phrase
  const content: string[] = [];
  for (let k = 0; k < length; k++) {
    if (stock && k + 2 < length && stock.has(trigram(a, i + k))) stockUntil = k + 3;
    if (k >= stockUntil && a[i + k].content && b[j + k].content) content.push(a[i + k].word);
  }
  return content;
}

/** A run of at least PHRASE_WORDS consecutive words that both sentences hold, PHRASE_CONTENT_WORDS of them content. */
export function sharesPhrase(a: readonly Token[], b: readonly Token[]): boolean {
  return sharedPhraseContentWords(a, b) > 0;
}

/**
 * The two pages' stock phrases: three words that *both* pages use in more than one of their own sentences ("the
 * returned object", "made available to", "in the child component") are how the subject is talked about, not a trace
 * of copying. A spinner's kept stretch is in the one sentence it reworded ("has emerged as a significant player in"),
 * and a rewrite keeps many such stretches. (Phrases only one page repeats still count: AI rewrites repeat their own
 * phrasing, "a pivotal role in", and two of the demo corpus's spun pairs would go.)
 */
export function stockPhrases(A: DocSentences, B: DocSentences): Set<string> {
  const inB = recurringTrigrams(B);
  const stock = new Set<string>();
  for (const key of recurringTrigrams(A)) if (inB.has(key)) stock.add(key);
  return stock;
}

/** recurringTrigrams per page: a page is in many candidate pairs, and its phrases do not depend on the other page. */
const recurringByPage = new WeakMap<DocSentences, Set<string>>();

/** Three-word phrases a page uses in more than one of its sentences. */
function recurringTrigrams(doc: DocSentences): Set<string> {
  let recurring = recurringByPage.get(doc);
  if (recurring === undefined) recurringByPage.set(doc, (recurring = readRecurringTrigrams(doc)));
  return recurring;
}

function readRecurringTrigrams(doc: DocSentences): Set<string> {
  const recurring = new Set<string>();
  const seen = new Set<string>();
  for (const sentence of doc.sentences) {
    const tokens = phraseTokens(sentence.text);
    const inSentence = new Set<string>();
    for (let i = 0; i + 2 < tokens.length; i++) inSentence.add(trigram(tokens, i));
    for (const key of inSentence) {
      if (seen.has(key)) recurring.add(key);
      else seen.add(key);
    }
  }
  return recurring;
}

export interface Phrasing {
  /** Aligned sentence pairs that share a phrase. */
  phrased: number;
  /** The most content words in one shared run over those pairs (0 when none shares a phrase). */
  longest: number;
  /** Aligned sentence pairs that share a run no third text holds (all of `phrased` without a `judge`). */
  own: number;
}

/** What the corpus says about a shared run (family.ts); without one, every run is the pair's own. */
export type RunJudge = (run: SharedRun) => RunVerdict;

/**
 * The shared runs of each aligned sentence pair (`skip(pair)`: pairs that count for neither, e.g. verbatim ones; they
 * get none). The words inside a three-word phrase both pages use in more than one sentence (stockPhrases) do not count.
 */
export function pairRuns(
  pairs: readonly AlignedPair[],
  A: DocSentences,
  B: DocSentences,
  skip: (p: AlignedPair) => boolean,
): SharedRun[][] {
  const stock = stockPhrases(A, B);
  return pairs.map((p) =>
    skip(p) ? [] : sharedRuns(phraseTokens(A.sentences[p.a].text), phraseTokens(B.sentences[p.b].text), stock),
  );
}

/** How aligned sentence pairs with these runs share wording; runs the `judge` calls stock wording do not count. */
export function phrasingOf(runsPerPair: readonly SharedRun[][], judge?: RunJudge): Phrasing {
  let phrased = 0;
  let longest = 0;
  let own = 0;
  for (const runs of runsPerPair) {
    let run = 0;
    let owned = false;
    for (const r of runs) {
      const verdict = judge ? judge(r) : OWN;
      if (verdict === STOCK) continue;
      if (verdict === OWN) owned = true;
      run = Math.max(run, r.words.length);
    }
    if (run === 0) continue;
    phrased++;
    if (owned) own++;
    if (run > longest) longest = run;
  }
  return { phrased, longest, own };
}

/** pairRuns then phrasingOf: how the aligned sentence pairs share wording. */
export function phrasedPairs(
  pairs: readonly AlignedPair[],
  A: DocSentences,
  B: DocSentences,
  skip: (p: AlignedPair) => boolean,
  judge?: RunJudge,
): Phrasing {
  return phrasingOf(pairRuns(pairs, A, B, skip), judge);
}
