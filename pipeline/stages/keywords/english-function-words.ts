// Small, hand-curated English word classes shared by the text-glitch rules (truncated-ending, dropped-words).
// All entries are lowercase. Lists are deliberately narrow: each one is used to claim "this word cannot be
// here", so a word that often legitimately appears in that position (stranded prepositions such as "to",
// "for", "with"; elliptical auxiliaries such as "is", "can") is kept out of the strict sets.

export const ARTICLES: ReadonlySet<string> = new Set(['a', 'an', 'the']);

/** Possessive determiners that always need a noun after them ("his"/"her" are excluded: also pronouns). */
export const POSSESSIVE_DETERMINERS: ReadonlySet<string> = new Set(['my', 'your', 'our', 'their', 'its', 'whose']);

export const COORDINATING_CONJUNCTIONS: ReadonlySet<string> = new Set(['and', 'or', 'nor', 'but']);

/** Subordinators that open a clause and cannot close a sentence ("though", "since", "while", "when" can). */
export const SUBORDINATORS: ReadonlySet<string> = new Set([
  'because',
  'although',
  'whether',
  'unless',
  'whereas',
  'if',
  'than',
  'whilst',
]);

/** Prepositions that are (almost) never stranded at the end of an English sentence. */
export const UNSTRANDABLE_PREPOSITIONS: ReadonlySet<string> = new Set([
  'of',
  'onto',
  'upon',
  'via',
  'among',
  'amongst',
  'despite',
  'toward',
  'towards',
  'per',
  'amid',
  'amidst',
  'unto',
  'versus',
  'regarding',
]);

/** Prepositions and particles that can be stranded ("what it is made from") — weak evidence of a cut on their own. */
export const STRANDABLE_PREPOSITIONS: ReadonlySet<string> = new Set([
  'to',
  'in',
  'on',
  'at',
  'for',
  'with',
  'from',
  'by',
  'about',
  'as',
  'over',
  'under',
  'through',
  'between',
  'within',
  'without',
  'across',
  'against',
  'during',
  'after',
  'before',
  'behind',
  'beyond',
  'into',
  'around',
  'along',
  'throughout',
]);

/** Auxiliaries and modals: they can end elliptical sentences ("as it always has"), so they are weak evidence. */
export const AUXILIARIES: ReadonlySet<string> = new Set([
  'is',
  'are',
  'was',
  'were',
  'be',
  'been',
  'being',
  'am',
  'has',
  'have',
  'had',
  'do',
  'does',
  'did',
  'will',
  'would',
  'shall',
  'should',
  'can',
  'could',
  'may',
  'might',
  'must',
]);

/** Other determiners and quantifiers that need a noun ("every", "each other" aside). */
export const OTHER_DETERMINERS: ReadonlySet<string> = new Set(['every', 'several', 'various', 'numerous']);

/** Strict set: an English sentence cannot end on any of these words. */
export const CANNOT_END_SENTENCE: ReadonlySet<string> = new Set([
  ...ARTICLES,
  ...POSSESSIVE_DETERMINERS,
  ...COORDINATING_CONJUNCTIONS,
  ...SUBORDINATORS,
  ...UNSTRANDABLE_PREPOSITIONS,
  ...OTHER_DETERMINERS,
]);

/** Weak set: these words rarely end a sentence, but can. */
export const RARELY_ENDS_SENTENCE: ReadonlySet<string> = new Set([
  ...STRANDABLE_PREPOSITIONS,
  ...AUXILIARIES,
  'that',
  'which',
  'who',
  'where',
  'when',
  'while',
  'so',
  'very',
  'more',
  'most',
  'also',
  'not',
]);

/** Determiners that must be followed by a noun phrase, never directly by a preposition (used by dropped-words). */
export const NOUN_DETERMINERS: ReadonlySet<string> = new Set([
  'the',
  'a',
  'an',
  'its',
  'their',
  'our',
  'my',
  'your',
  'every',
]);

/** Prepositions/conjunctions that cannot directly follow a NOUN_DETERMINERS word. */
export const CANNOT_FOLLOW_DETERMINER: ReadonlySet<string> = new Set([
  'of',
  'in',
  'on',
  'at',
  'for',
  'with',
  'from',
  'by',
  'to',
  'into',
  'onto',
  'upon',
  'about',
  'than',
  'and',
  'or',
  'but',
  'is',
  'are',
  'was',
  'were',
  'via',
  'among',
  'between',
  'during',
  'through',
  'across',
  'within',
]);

/** Very common English words used to decide whether a text is English at all (no overlap with German/Dutch/French/Spanish function words). */
export const ENGLISH_MARKERS: ReadonlySet<string> = new Set([
  'the',
  'of',
  'and',
  'to',
  'is',
  'that',
  'for',
  'with',
  'was',
  'are',
  'this',
  'it',
  'on',
  'be',
  'by',
  'have',
  'from',
  'or',
  'at',
  'which',
  'not',
  'but',
  'they',
  'their',
  'has',
  'were',
  'will',
  'would',
  'been',
  'can',
  'more',
  'you',
  'we',
  'he',
  'she',
  'its',
  'our',
  'your',
  'into',
  'than',
  'these',
  'those',
  'there',
  'what',
  'when',
  'who',
]);

/** Share of Latin-script word tokens of `text` that are English markers (0 when there are too few words to tell). */
export function englishScore(text: string): number {
  let total = 0;
  let hits = 0;
  for (const match of text.matchAll(/\p{L}[\p{L}'’]*/gu)) {
    total++;
    if (ENGLISH_MARKERS.has(match[0].toLowerCase())) hits++;
  }
  return total < 8 ? 0 : hits / total;
}

/** True when the text reads as English (typical English prose scores 0.25–0.45; other languages stay under 0.08). */
export function looksEnglish(text: string): boolean {
  return englishScore(text) >= 0.14;
}
