// The second vote for a weak lower-case commercial span used once: a lexicon vertical with words of its own and no
// intent word ("[vertical] [noun] [place]"), which reads as a topic, not a query, so neither the query votes nor
// recurrence judge it. Its evidence must be local to the article and the sentence (never how many articles of the corpus
// use a word: that depends on the corpus's make-up):
//   - no word of the span, nor a word of the same stem, occurs anywhere else in the article ("insurers" and "insured"
//     count against "insurance"): a piece that mentions a topic once in passing usually says more about it;
//   - the sentence reads on without it and breaks at both of its edges (the deletion test from Brown): the bigram
//     bridging the gap is ordinary English, the two at the span's edges are not ("should … be" / "should van",
//     "quote be");
//   - the word before it does not open a noun phrase (a determiner, a preposition, a modifier): there a noun pile
//     fills the slot ("a [winning lottery ticket] in") instead of interrupting the sentence;
//   - by part of speech (wink-nlp), the words around it are a pair the span splits: an auxiliary and the verb that
//     completes it ("should … be", "has … suggested"), or a noun and a word that follows a noun phrase ("rupees …
//     in"). A verb, a pronoun or an adjective before it takes a noun phrase ("has [payday lending rules] under
//     review": "has" owns the span), and so does an auxiliary not followed by a verb;
//   - the sentence is not a question (an inverted question puts its subject between the auxiliary and the verb:
//     "why should car insurance firms be allowed…?").
// Each of these alone fires on natural text; together they did not on the evaluation's tuning articles
// (docs/evaluation.md, branch splice8).
import type { Article } from '../../types.js';
import { articleWordCounts } from './article-words.js';
import type { DeletionVerdict } from './english-bigrams.js';
import { tagSentence } from './nlp.js';

/**
 * A crude stem: lower case, possessive and plural -s dropped, long words cut to five letters ("insurance",
 * "insurers", "insured" → "insur"). Over-merging only makes the vote more cautious (a word seems used elsewhere).
 */
export function stemOf(word: string): string {
  const w = word.toLowerCase().replace(/’/g, "'").replace(/'s?$/, '');
  if (w.length >= 6) return w.slice(0, 5);
  return w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w;
}

/** Stem → occurrences in the article's text (computed once per article, only when a weak span asks). */
const articleStems = new WeakMap<Article, Map<string, number>>();
function stemCounts(article: Article): Map<string, number> {
  return articleWordCounts(article, articleStems, stemOf);
}

/**
 * Does no content word of the span (function words and numbers aside) share its stem with a word used elsewhere in
 * the article? `words` are the span's words.
 */
export function foreignWithStems(article: Article, words: string[], isFunction: (word: string) => boolean): boolean {
  const counts = stemCounts(article);
  const own = new Map<string, number>();
  for (const w of words) own.set(stemOf(w), (own.get(stemOf(w)) ?? 0) + 1);
  for (const w of words) {
    if (isFunction(w.toLowerCase()) || /^\d/.test(w)) continue;
    const k = stemOf(w);
    if ((counts.get(k) ?? 0) > (own.get(k) ?? 0)) return false;
  }
  return true;
}

/** The deletion test's verdict on both edges: the bridge reads on, the bigrams at both edges are rare or unattested. */
export function breaksAtBothEdges(verdict: DeletionVerdict | null): boolean {
  return (
    !!verdict?.readsOn && (verdict.leftRare || verdict.leftUnattested) && (verdict.rightRare || verdict.rightUnattested)
  );
}

/** Parts of speech (wink-nlp, universal tags) of a verb group's two halves. */
const AUXILIARY = 'AUX';
const VERBS = new Set(['VERB', 'AUX']);
const NOUNS = new Set(['NOUN', 'PROPN']);

/**
 * Do the words around the span (offsets into the sentence `sentence`) form a pair it interrupts: an auxiliary and a
 * verb, or a noun before it (a noun pile glued to a noun: "1.4bn rupees [van insurance quote] in")? False when
 * tagging is unavailable.
 */
export function splitsAPair(sentence: string, beforeAt: number, afterAt: number): boolean {
  const tags = tagSentence(sentence.replace(/[\u00a0\u200b-\u200d\u2060\ufeff]/g, ' '));
  if (!tags) return false;
  const before = tags.find((t) => t.start <= beforeAt && beforeAt < t.end)?.pos;
  const after = tags.find((t) => t.start <= afterAt && afterAt < t.end)?.pos;
  if (!before || !after) return false;
  if (before === AUXILIARY) return VERBS.has(after);
  return NOUNS.has(before);
}
