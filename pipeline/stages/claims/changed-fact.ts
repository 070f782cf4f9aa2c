// Rule changed-fact as the claims stage runs it: the versions the duplication stage relates (context.relatedPairs)
// compared fact by fact (versions.ts). See docs/rules/changed-fact.md.
import type { CorpusStageContext, StageDocument } from '../../stage.js';
import type { FactSentence } from './facts.js';
import type { ClaimFeatures } from './features.js';
import { optionsOf } from './options.js';
import { CHANGED_FACT_DEFAULTS, changedFacts, reportChangedFacts, type VersionDocument } from './versions.js';

/** Changed facts between the versions the duplication stage relates. */
export function analyseVersions(
  documents: readonly StageDocument<ClaimFeatures>[],
  context: Pick<CorpusStageContext, 'options' | 'focus' | 'relatedPairs'>,
) {
  const options = optionsOf(CHANGED_FACT_DEFAULTS, context.options, 'changed-fact');
  const pairs = context.relatedPairs ?? [];
  if (pairs.length === 0) return { findings: [], conflicts: [] };
  const wanted = new Set(pairs.flatMap((p) => [p.a, p.b]));
  const docs = new Map<string, VersionDocument>();
  for (const d of documents) {
    if (wanted.has(d.path))
      docs.set(d.path, {
        path: d.path,
        title: d.features.facts.title,
        subject: d.features.facts.subject,
        sentences: d.features.facts.sentences,
      });
  }
  // Words the corpus writes in lower case (plain tokens of its fact sentences), built only when asked (a name changed,
  // or two titles differ in a capitalised word).
  let vocabulary: Set<string> | null = null;
  const isWord = (word: string) => {
    if (!vocabulary) {
      vocabulary = new Set();
      for (const d of documents)
        for (const s of d.features.facts.sentences) for (const t of lowerCaseWords(s)) vocabulary.add(t);
    }
    return writtenInflected(vocabulary, word);
  };
  const facts = changedFacts(docs, pairs, options.minSentenceSimilarity, isWord);
  return reportChangedFacts(facts, context.focus, options.maxPerArticle);
}

/**
 * The corpus writes `word` in lower case, as it is or inflected ("reach" when only "reaches", "reached" or "reaching"
 * occur): a rewording tool picks an ordinary word's base form whether or not the corpus happens to use that form.
 */
function writtenInflected(vocabulary: ReadonlySet<string>, word: string): boolean {
  if (vocabulary.has(word)) return true;
  if (['s', 'es', 'ed', 'ing'].some((ending) => vocabulary.has(word + ending))) return true;
  // "use" → "used", "using".
  return word.endsWith('e') && (vocabulary.has(`${word}d`) || vocabulary.has(`${word.slice(0, -1)}ing`));
}

/** Tokens of a fact sentence written in lower case in the text (not placeholders, not the capitalised first word). */
function* lowerCaseWords(s: FactSentence): Generator<string> {
  for (let k = 1; k < s.tokens.length; k++) if (s.tokens[k][0] !== '#') yield s.tokens[k];
}
