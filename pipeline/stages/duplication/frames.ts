// Frame wording: the reference pages of one manual on two sibling subjects are written to one template, and the
// template's sentences are filled with each page's subject ("The new owner of the schema." / "The new owner of the
// tablespace.", "These key words do not have any effect, since there are no dependencies on casts." / "... on
// conversions."). Aligned, such sentences share long runs of wording that lead up to the subject or go on from it: the
// template's text around its slot. What marks the slot is that the same two words fill it sentence after sentence,
// each a word of its own page that the other page never uses. A spinner keeps its source's subject and rewords around
// it, replacing different words in different sentences; where it does replace the subject word everywhere ("teardown
// job" → "cleanup job") only the kept stretches right next to it are taken for frame wording, and the stretches it
// kept elsewhere still count. Used by similar-content on the pairs its outline would report.
import type { AlignedPair, DocSentences } from './align.js';
import { phraseTokens, type SharedRun } from './phrasing.js';
import { stemWord } from './text.js';

/** The same two words fill one slot in at least this many aligned sentence pairs. */
export const MIN_SWAP_PAIRS = 3;

interface Word {
  stem: string;
  /** An ordinary content word (phraseTokens): only those open a slot; a name or a stop word around it can fill it. */
  content: boolean;
}

/** A sentence's words, lowercased as phraseTokens reads them, and stemmed ("schemas" and "schema" are one word). */
function wordsOf(text: string): Word[] {
  return phraseTokens(text).map(({ word, content }) => ({ stem: stemWord(word), content }));
}

/** Every word a page's sentences use (stemmed). */
const vocabularyByPage = new WeakMap<DocSentences, Set<string>>();

function vocabulary(doc: DocSentences): Set<string> {
  let words = vocabularyByPage.get(doc);
  if (words === undefined) {
    words = new Set<string>();
    for (const sentence of doc.sentences) for (const w of wordsOf(sentence.text)) words.add(w.stem);
    vocabularyByPage.set(doc, words);
  }
  return words;
}

type Vocabulary = ReadonlySet<string>;

/**
 * A word of its own page's subject: an ordinary content word the other page never uses. (A spinner that replaces a
 * word in some sentences leaves it in others; a page on a sibling subject has no use for it.)
 */
const subjectOf = (w: Word, other: Vocabulary) => w.content && !other.has(w.stem);

/**
 * The slot fillings of one aligned sentence pair: a subject word of A (subjectOf) in the place of a subject word of
 * B — the same word just before both, or just after both. As "x\u0000y" keys, each once. B's subject words are
 * indexed by their neighbours, so the work follows the fillings, not every pair of words.
 */
function fillings(ta: readonly Word[], tb: readonly Word[], inA: Vocabulary, inB: Vocabulary): Set<string> {
  const byBefore = new Map<string, string[]>();
  const byAfter = new Map<string, string[]>();
  const add = (index: Map<string, string[]>, neighbour: string, stem: string) =>
    (index.get(neighbour) ?? index.set(neighbour, []).get(neighbour)!).push(stem);
  for (let j = 0; j < tb.length; j++) {
    if (!subjectOf(tb[j], inA)) continue;
    if (j > 0) add(byBefore, tb[j - 1].stem, tb[j].stem);
    if (j + 1 < tb.length) add(byAfter, tb[j + 1].stem, tb[j].stem);
  }
  const keys = new Set<string>();
  for (let i = 0; i < ta.length; i++) {
    if (!subjectOf(ta[i], inB)) continue;
    const before = i > 0 ? (byBefore.get(ta[i - 1].stem) ?? []) : [];
    const after = i + 1 < ta.length ? (byAfter.get(ta[i + 1].stem) ?? []) : [];
    for (const y of [...before, ...after]) keys.add(`${ta[i].stem}\u0000${y}`);
  }
  return keys;
}

/** The words that fill the template's slot on each page (stems). */
export interface Slots {
  a: ReadonlySet<string>;
  b: ReadonlySet<string>;
}

/**
 * The pair's slot words: words that fill one slot against the same word of the other page in at least
 * MIN_SWAP_PAIRS aligned sentence pairs (a subject of several words, "operator class" against "text search
 * configuration", gives several); null when there are none. `skip(pair)`: pairs that count for neither (the verbatim
 * ones). The work is in the aligned sentences (the pages' vocabularies are read once per page).
 */
export function slotWords(
  pairs: readonly AlignedPair[],
  A: DocSentences,
  B: DocSentences,
  skip: (p: AlignedPair) => boolean,
): Slots | null {
  const inA = vocabulary(A);
  const inB = vocabulary(B);
  const count = new Map<string, number>();
  for (const p of pairs) {
    if (skip(p)) continue;
    const keys = fillings(wordsOf(A.sentences[p.a].text), wordsOf(B.sentences[p.b].text), inA, inB);
    for (const key of keys) count.set(key, (count.get(key) ?? 0) + 1);
  }
  const a = new Set<string>();
  const b = new Set<string>();
  for (const [key, n] of count) {
    if (n < MIN_SWAP_PAIRS) continue;
    const [x, y] = key.split('\u0000');
    a.add(x);
    b.add(y);
  }
  return a.size > 0 ? { a, b } : null;
}

/** Is a shared run the template's text around its slot: the two sentences part at it into their own slot words? */
export function bordersSlot(run: SharedRun, slots: Slots): boolean {
  const at = ([x, y]: [string, string]) => x !== '' && y !== '' && slots.a.has(stemWord(x)) && slots.b.has(stemWord(y));
  return at(run.before) || at(run.after);
}
