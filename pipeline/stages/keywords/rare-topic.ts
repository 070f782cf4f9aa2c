// The rare-topic vote of spliced-keyword's combined mode, for a lower-case lexicon query used once that the deletion
// test leaves undecided: a topic word of the query (a vertical: "casino", "insurance", "vpn"; never an intent word such
// as "best" or "online", which any corpus may use) is used by at most two articles of a large audited corpus, its own
// article uses neither the word nor its stem anywhere else, and one edge of the span breaks the sentence. Such a
// phrase is foreign to its article and to the corpus's topics; a natural mention ("approved plans for cheap pet
// insurance and a new bridge") fits both of its edges.
import type { Article, Block, Sentence } from '../../types.js';
import { foldWord, type Lexicon } from './commercial-lexicon.js';
import { edgeBreak, lexiconWordsIn, wordCounts } from './commercial-signal.js';

/** Articles a corpus must hold before a word's rarity in it means anything. */
export const RARE_MIN_ARTICLES = 50;
/** Articles that may use a rare word: the query's own and one more (the same paste, or one natural use). */
const RARE_MAX_ARTICLES = 2;
/** Corpus-count key of the number of articles audited, and of the articles using a topic word ("@casino"). */
export const ARTICLES_KEY = '@';
export const topicKey = (word: string) => `@${word}`;

/** Endings a stem drops, longest first among those sharing a tail. */
const ENDINGS = 'ations ation ances ences ance ence ings ing ers er ed es e y'.split(' ');

/**
 * A crude stem, so that "insurer", "insured" and "insurance" count as one word: the first of ENDINGS the word ends
 * with is dropped while at least four letters remain.
 */
export function stemOf(word: string): string {
  const w = foldWord(word);
  for (const ending of ENDINGS)
    if (w.endsWith(ending) && w.length - ending.length >= 4) return w.slice(0, -ending.length);
  return w;
}

/** Does the article use `word` (folded) or a word of the same stem more than `here` times? */
function usedElsewhere(article: Article, word: string, here: number): boolean {
  const stem = stemOf(word);
  let uses = 0;
  for (const [w, n] of wordCounts(article)) if (w === word || (w.startsWith(stem) && stemOf(w) === stem)) uses += n;
  return uses > here;
}

/** The topic words of a query to count across the corpus (recorded in the first pass). */
export function topicWordsOf(text: string, start: number, end: number, lexicon: Lexicon): string[] {
  return lexiconWordsIn(text, start, end, lexicon, true);
}

/** The topic words (folded) an article's lexicon edge bigrams (lexiconEdges) hold: the article uses each of them. */
export function topicWordsOfEdges(edges: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const edge of edges)
    out.add(foldWord(edge.startsWith('#') ? edge.slice(1, edge.indexOf(' ')) : edge.slice(0, edge.indexOf(' '))));
  return out;
}

/** The vote for [start, end) of a sentence: why the query is foreign to its article and its corpus, or null. */
export function rareTopicVote(
  article: Article,
  block: Block,
  sentence: Sentence,
  span: { start: number; end: number },
  lexicon: Lexicon,
  corpusCount: (key: string) => number,
): { start: number; end: number; why: string } | null {
  if (corpusCount(ARTICLES_KEY) < RARE_MIN_ARTICLES) return null;
  const phrase = block.text.slice(span.start, span.end).split(/\s+/).map(foldWord);
  const rare = topicWordsOf(block.text, span.start, span.end, lexicon).filter((w) => {
    // An article using a topic word has an edge bigram with it: 0 means the corpus gave no count, not rarity.
    const articles = corpusCount(topicKey(w));
    return (
      articles >= 1 && articles <= RARE_MAX_ARTICLES && !usedElsewhere(article, w, phrase.filter((p) => p === w).length)
    );
  });
  if (!rare.length) return null;
  const edge = edgeBreak(block, sentence, span.start, span.end, corpusCount);
  if (!edge) return null;
  const quoted = rare.map((w) => `"${w}"`).join(', ');
  return { ...span, why: `few articles of the audited corpus use ${quoted}, nor does the article elsewhere; ${edge}` };
}
