// Phrasing in aligned sentences: a spun version rewords its source a few words at a time, so most of its sentences
// keep a run of the source's own wording ("in the bustling metropolis of", "witnessed a surge in"). Two stories
// about one event share the event's names ("Kostas Kenteris and Katerina Thanou", "the Court of Arbitration for
// Sport") and its topic words, each in sentences of their own. Used by similar-content on the pairs its alignment
// would report.
import type { AlignedPair, DocSentences } from './align.js';
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
    tokens.push({ word, content: !capitalised && !STOP_WORDS.has(word) && !/^\p{N}+$/u.test(word) });
  }
  return tokens;
}

/**
 * The most ordinary content words in one run of at least PHRASE_WORDS consecutive words that both sentences hold, or
 * 0 when no such run has PHRASE_CONTENT_WORDS of them. Sentences are short: the quadratic scan is a few hundred steps.
 */
export function sharedPhraseContentWords(a: readonly Token[], b: readonly Token[]): number {
  let best = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      if (a[i].word !== b[j].word || (i > 0 && j > 0 && a[i - 1].word === b[j - 1].word)) continue;
      // The longest common run starting here (maximal on the left), and its content words.
      let length = 0;
      let content = 0;
      while (i + length < a.length && j + length < b.length && a[i + length].word === b[j + length].word) {
        if (a[i + length].content && b[j + length].content) content++;
        length++;
      }
      if (length >= PHRASE_WORDS && content >= PHRASE_CONTENT_WORDS && content > best) best = content;
    }
  }
  return best;
}

/** A run of at least PHRASE_WORDS consecutive words that both sentences hold, PHRASE_CONTENT_WORDS of them content. */
export function sharesPhrase(a: readonly Token[], b: readonly Token[]): boolean {
  return sharedPhraseContentWords(a, b) > 0;
}

export interface Phrasing {
  /** Aligned sentence pairs that share a phrase. */
  phrased: number;
  /** The most content words in one shared run over those pairs (0 when none shares a phrase). */
  longest: number;
}

/** How the aligned sentence pairs share wording (`skip(pair)`: pairs that count for neither, e.g. verbatim ones). */
export function phrasedPairs(
  pairs: readonly AlignedPair[],
  A: DocSentences,
  B: DocSentences,
  skip: (p: AlignedPair) => boolean,
): Phrasing {
  let phrased = 0;
  let longest = 0;
  for (const p of pairs) {
    if (skip(p)) continue;
    const run = sharedPhraseContentWords(phraseTokens(A.sentences[p.a].text), phraseTokens(B.sentences[p.b].text));
    if (run === 0) continue;
    phrased++;
    if (run > longest) longest = run;
  }
  return { phrased, longest };
}
