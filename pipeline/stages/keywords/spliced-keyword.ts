// spliced-keyword: a phrase pasted into a sentence where it does not belong ("like many Hong Kong AI other regions",
// "transform 香港AI industries"). Signals (see splice-signals.ts): a run of another script, words bound by
// no-break spaces / zero-width joiners, an acronym followed by its own expansion, and part-of-speech slots.
// Phrases caught by strong signals anywhere in the corpus (collect → combine) make their other occurrences in weak
// (grammatical but typical) modifier slots reportable too, as are configured keywords in such slots.
import { z } from 'zod';
import { defineRule, type RuleFindingDraft } from '../../rule.js';
import { nonNegative, strings } from '../../rule-options.js';
import { blockRange } from '../../source-map.js';
import { PROSE_KINDS, type Article, type Block, type Sentence } from '../../types.js';
import { repairText } from './mojibake-codec.js';
import { lexiconFor, type CommercialTerms, type Lexicon } from './commercial-lexicon.js';
import {
  breakAround,
  commercialCandidates,
  type CommercialSpan,
  declaredKeywordBreak,
  deletionVote,
  foreignWordsIn,
  leftEdgeOf,
  lexiconEdges,
  rightEdgeOf,
} from './commercial-signal.js';
import {
  expansionCandidates,
  joinerCandidates,
  posCandidates,
  scriptRunCandidates,
  slotFor,
  tokenize,
  type SpliceCandidate,
} from './splice-signals.js';

export interface SplicedKeywordOptions {
  /**
   * Declared target keyphrases (matched literally, case-insensitively; never as regular expressions). keyword-density's
   * `keywords` are joined in by the pipeline (sharedOptions below): a phrase is declared once, for both rules.
   */
  keywords: string[];
  /** Articles in which a phrase must be caught by a strong signal before its weak-slot uses elsewhere are reported. */
  minRecurrence: number;
  /** Additions to the shipped commercial-intent lexicon (commercial-lexicon.ts). */
  commercialTerms: CommercialTerms;
  /**
   * Look for commercial phrases woven in with ordinary spaces (the lexicon signal). Off by default: on the real-prose
   * evaluation's test half it found most such insertions but also flagged finance news ("lowest mortgage",
   * "emergency loan") — 1.4 false findings per 50 untouched articles (docs/rules/spliced-keyword.md).
   */
  commercialSignal: boolean;
  /**
   * Plain lower-case and Title Case insertions by combined signals: a commercial-lexicon span whose topic the article
   * uses nowhere else is reported only when a second, independent signal agrees — Title Case out of place, the same
   * words repeated in unrelated articles of the corpus, (a query used once) the deletion test, or (a weak span used
   * once) local evidence alone (weak-span-vote.ts). On by default since
   * 2026-12-07 (docs/rules/spliced-keyword.md). `commercialSignal` includes these.
   */
  plainInsertions: boolean;
}

export interface SplicedKeywordPrepared {
  /**
   * Phrase key → in how many articles a strong signal caught it, and one of them (enough to tell whether an article
   * other than the one checked caught it: paths are distinct). Only phrases caught often enough to corroborate.
   */
  strongPhrases: Map<string, { articles: number; path: string }>;
  /** Phrase key → distinct sentence contexts (neighbouring words) it was a weak commercial span in, when enough. */
  weakPhrases: Map<string, number>;
  /**
   * Edge bigrams some article's deletion test asked about → their uses in the corpus, and their lexicon words
   * ("insurance ", "#casino ") → how many different words follow (precede) it in the corpus (plainInsertions).
   */
  edges?: Map<string, number>;
}

/** What the corpus pass needs from one article. */
export interface SplicedKeywordPartial {
  /** Keys of the phrases strong signals caught here (recurrence-worthy ones only). */
  strong: string[];
  /**
   * Keys whose corroboration by other articles the check would ask about (weak-slot runs, keyword occurrences): the
   * check with a corpus differs from the one without only if one of them is corroborated.
   */
  asked: string[];
  /**
   * Weak commercial spans found here as `key\tcontext\treadsOn` (corroborated when they recur in enough other contexts
   * and the sentence reads on without them in at least one: readsOn is 1 or 0, by the deletion test).
   */
  weak: string[];
  /** Keys of lexicon phrases used here by an article that talks about their topic: natural language, never a splice. */
  natural?: string[];
  /**
   * Bigrams here that start with a lexicon word, and (keyed "#word before") that end with one, one entry per use
   * (plainInsertions: the corpus's edge counts).
   */
  edges?: string[];
  /**
   * Edge bigrams (right, and left keyed as in `edges`) of this article's queries used once, whose corpus counts the
   * deletion test needs.
   */
  edgeAsked?: string[];
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Canonical form of a phrase for recurrence: mojibake repaired, joiners folded, lower case. */
export function phraseKey(text: string): string {
  // Printable ASCII has no mojibake, no joiners and nothing NFKC changes: the same key without the slow path (the
  // combined signals key every window around a lexicon word).
  if (PRINTABLE_ASCII.test(text))
    return text
      .replace(/ +/g, ' ')
      .replace(/[^A-Za-z0-9 ]/g, '')
      .trim()
      .toLowerCase();
  return repairText(text)
    .normalize('NFKC')
    .replace(/[\s\u00a0\u200b-\u200d\u2060\ufeff]+/g, ' ')
    .replace(/[^\p{L}\p{N} ]/gu, '')
    .trim()
    .toLowerCase();
}

function proseSentences(article: Article): { block: Block; sentence: Sentence }[] {
  const out: { block: Block; sentence: Sentence }[] = [];
  for (const block of article.blocks) {
    if (!PROSE_KINDS.has(block.kind)) continue;
    for (const sentence of block.sentences) out.push({ block, sentence });
  }
  return out;
}

/** `ask` sees every run a weak-slot filter would be asked about; it must return false (then the results are the same as without it). */
function strongCandidates(
  article: Article,
  block: Block,
  sentence: Sentence,
  ask?: (start: number, end: number) => false,
): SpliceCandidate[] {
  return [
    ...scriptRunCandidates(article, block, sentence),
    ...joinerCandidates(block, sentence),
    ...expansionCandidates(block, sentence),
    ...posCandidates(block, sentence, ask),
  ];
}

/** Only multi-token phrases recur meaningfully (a lone word in another script is not a "phrase"). */
const recurrable = (key: string) => !!key && (key.split(' ').length >= 2 || /[^\x00-\x7f]/.test(key));

function strongCorroboration(
  prepared: SplicedKeywordPrepared | undefined,
  key: string,
  path: string,
  options: SplicedKeywordOptions,
): string | null {
  const hit = prepared?.strongPhrases.get(key);
  if (hit && hit.articles >= Math.max(1, options.minRecurrence - 1) && (hit.articles > 1 || hit.path !== path)) {
    // The count includes this article when it caught the phrase itself (as it always did).
    return `caught as a splice in ${hit.articles} other article${hit.articles === 1 ? '' : 's'}`;
  }
  return null;
}

/** Distinct contexts (this one included) a weak commercial span must recur in before it is reported. */
const weakRecurrence = (options: SplicedKeywordOptions) => Math.max(2, options.minRecurrence);

/** Corroboration from the corpus: caught strongly elsewhere, or pasted in enough articles. */
function corpusCorroboration(
  prepared: SplicedKeywordPrepared | undefined,
  key: string,
  path: string,
  options: SplicedKeywordOptions,
): string | null {
  const strong = strongCorroboration(prepared, key, path, options);
  if (strong) return strong;
  const weak = prepared?.weakPhrases.get(key) ?? 0;
  return weak >= weakRecurrence(options)
    ? `repeated in ${weak} unrelated articles of the corpus (different neighbouring words, none of them using its words elsewhere)`
    : null;
}

/** Literal, case-insensitive occurrences of the configured keywords (spaces match any run of spaces/NBSP/joiners). */
function keywordOccurrences(
  text: string,
  from: number,
  to: number,
  keywords: string[],
): { start: number; end: number }[] {
  const hay = text
    .slice(from, to)
    .replace(/[\u00a0\u200b-\u200d\u2060\ufeff]/g, ' ')
    .toLowerCase();
  const out: { start: number; end: number }[] = [];
  for (const raw of keywords) {
    const kw = raw.trim().replace(/\s+/g, ' ').toLowerCase();
    if (!kw) continue;
    let at = hay.indexOf(kw);
    while (at >= 0) {
      const before = hay[at - 1];
      const after = hay[at + kw.length];
      if (!(before && /[\p{L}\p{N}]/u.test(before)) && !(after && /[\p{L}\p{N}]/u.test(after)))
        out.push({ start: from + at, end: from + at + kw.length });
      at = hay.indexOf(kw, at + 1);
    }
  }
  return out;
}

/** Which topic words the article uses nowhere else, for the message ("'casino' appears nowhere else in the article"). */
function foreignReason(foreignWords: string[]): string {
  const quoted = foreignWords.map((w) => `'${w}'`);
  return quoted.length
    ? `${quoted.join(', ')} appear${quoted.length === 1 ? 's' : ''} nowhere else in the article`
    : 'a commercial phrase whose words the article uses nowhere else';
}

/** The longest of a lexicon query's extents (itself, then its wider variants) that the sentence reads on without. */
function deletionSpan(
  block: Block,
  sentence: Sentence,
  c: { start: number; end: number; variants: { start: number; end: number }[] },
  edgeUses: (edge: string) => number,
): { start: number; end: number; why: string } | null {
  const spans = [c, ...c.variants].sort((x, y) => y.end - y.start - (x.end - x.start));
  for (const v of spans) {
    const why = deletionVote(block, sentence, v.start, v.end, edgeUses);
    if (why) return { start: v.start, end: v.end, why };
  }
  // Then the left edge, on the extents that start where the query does: the shortest the sentence reads on without.
  for (const v of spans.filter((x) => x.start === c.start).reverse()) {
    const why = deletionVote(block, sentence, v.start, v.end, edgeUses, true);
    if (why) return { start: v.start, end: v.end, why };
  }
  return null;
}

function merge(candidates: SpliceCandidate[]): SpliceCandidate[] {
  const sorted = [...candidates].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: SpliceCandidate[] = [];
  for (const c of sorted) {
    const last = out[out.length - 1];
    if (last && c.start < last.end) {
      last.end = Math.max(last.end, c.end);
      last.strong = last.strong || c.strong;
      if (!last.detail.includes(c.detail)) last.detail += `; ${c.detail}`;
      if (last.signal !== c.signal && !last.signal.includes(c.signal))
        last.signal = `${last.signal}+${c.signal}` as SpliceCandidate['signal'];
    } else out.push({ ...c });
  }
  return out;
}

function removePhrase(sentence: string, start: number, end: number): string {
  return (sentence.slice(0, start) + sentence.slice(end))
    .replace(/[ \u00a0]{2,}/g, ' ')
    .replace(/ ([,.;:!?])/g, '$1')
    .replace(/^[ \u00a0]+/, '')
    .trim();
}

interface Analysis {
  results: { block: Block; sentence: Sentence; candidate: SpliceCandidate; corroboration?: string }[];
  /** Only when recording (no corpus data): see SplicedKeywordPartial. */
  strong: Set<string>;
  asked: Set<string>;
  weak: Set<string>;
  natural: Set<string>;
  edgeAsked: Set<string>;
}

/** One article's analysis in progress: its settings, how it asks the corpus, and what it has found and recorded. */
interface AnalysisContext {
  article: Article;
  prepared: SplicedKeywordPrepared | undefined;
  /** No corpus data (the first pass): record what the corpus pass needs (SplicedKeywordPartial). */
  record: boolean;
  lexicon: Lexicon;
  /** The lexicon signal on its own (commercialSignal), or combined with a second vote (plainInsertions). */
  lexiconAlone: boolean;
  combined: boolean;
  strongKeys: Map<string, unknown>;
  keywords: string[];
  keywordKeys: Set<string>;
  analysis: Analysis;
  /** Corroboration by the corpus only (recorded as asked when recording). */
  corroboratedByCorpus: (key: string) => string | null;
  /** A configured keyword, or else corroborated by the corpus. */
  corroborated: (key: string) => string | null;
}

function analysisContext(
  article: Article,
  options: SplicedKeywordOptions,
  prepared: SplicedKeywordPrepared | undefined,
): AnalysisContext {
  const record = !prepared;
  const analysis: Analysis = {
    results: [],
    strong: new Set(),
    asked: new Set(),
    weak: new Set(),
    natural: new Set(),
    edgeAsked: new Set(),
  };
  const keywords = (options.keywords ?? []).filter((k) => typeof k === 'string' && k.trim());
  const keywordKeys = new Set(keywords.map(phraseKey));
  const corroboratedByCorpus = (key: string): string | null => {
    if (record && recurrable(key)) analysis.asked.add(key);
    return corpusCorroboration(prepared, key, article.path, options);
  };
  const lexiconAlone = options.commercialSignal === true;
  return {
    article,
    prepared,
    record,
    lexicon: lexiconFor(options.commercialTerms),
    lexiconAlone,
    combined: !lexiconAlone && options.plainInsertions === true,
    strongKeys: prepared?.strongPhrases ?? new Map<string, unknown>(),
    keywords,
    keywordKeys,
    analysis,
    corroboratedByCorpus,
    corroborated: (key) => (keywordKeys.has(key) ? 'a configured keyword' : corroboratedByCorpus(key)),
  };
}

function analyse(
  article: Article,
  options: SplicedKeywordOptions,
  prepared: SplicedKeywordPrepared | undefined,
): Analysis {
  const ctx = analysisContext(article, options, prepared);
  for (const { block, sentence } of proseSentences(article)) {
    // Without corpus data the weak-slot pass below may not run: record what it would ask about here.
    const ask = ctx.record
      ? (s: number, e: number) => (ctx.corroborated(phraseKey(block.text.slice(s, e))), false as const)
      : undefined;
    const found = strongCandidates(article, block, sentence, ask);
    // Indexes in `found` of spans reported on a once-vote: never recorded as caught strongly.
    const usedOnceFound = new Set<number>();
    if (ctx.lexiconAlone || ctx.combined) lexiconCandidates(ctx, block, sentence, found, usedOnceFound);
    if (ctx.record) recordStrong(ctx, block, found, usedOnceFound);
    // Weak slots of corroborated phrases (recurring splices and configured keywords).
    if (ctx.strongKeys.size || ctx.keywordKeys.size) corroboratedSlotCandidates(ctx, block, sentence, found);
    reportMerged(ctx, block, sentence, found);
  }
  return ctx.analysis;
}

/** The commercial-lexicon spans of a sentence, each judged alone (commercialSignal) or by combined votes. */
function lexiconCandidates(
  ctx: AnalysisContext,
  block: Block,
  sentence: Sentence,
  found: SpliceCandidate[],
  usedOnceFound: Set<number>,
): void {
  const natural = ctx.analysis.natural;
  const spans = commercialCandidates(
    ctx.article,
    block,
    sentence,
    ctx.lexicon,
    ctx.record ? (s, e) => natural.add(phraseKey(block.text.slice(s, e))) : undefined,
  );
  for (const c of spans) {
    const chosen = corroboratedVariant(ctx, block, c);
    if (ctx.lexiconAlone) lexiconAloneVote(c, chosen, found, usedOnceFound);
    else combinedVote(ctx, block, sentence, c, chosen, found, usedOnceFound);
  }
}

/** Every variant is recorded and asked about (so the collect/check contract holds); the longest corroborated wins. */
function corroboratedVariant(
  ctx: AnalysisContext,
  block: Block,
  c: CommercialSpan,
): { start: number; end: number; why: string } | null {
  let chosen: { start: number; end: number; why: string } | null = null;
  for (const v of c.variants) {
    const key = phraseKey(block.text.slice(v.start, v.end));
    if (ctx.record) ctx.analysis.weak.add(`${key}\t${v.context}\t${v.readsOn ? 1 : 0}`);
    // Being declared is not a second vote: a declared keyword is judged by where it sits (corroboratedSlotCandidates).
    const why = ctx.corroboratedByCorpus(key);
    if (why && !chosen) chosen = { ...v, why };
  }
  return chosen;
}

/** The lexicon alone: a strong span, else a corroborated variant, else a weak span's once-vote. */
function lexiconAloneVote(
  c: CommercialSpan,
  chosen: { start: number; end: number; why: string } | null,
  found: SpliceCandidate[],
  usedOnceFound: Set<number>,
): void {
  if (c.strong)
    found.push({ start: c.start, end: c.end, signal: 'commercial', strong: true, detail: c.reasons.join('; ') });
  else if (chosen)
    found.push({
      start: chosen.start,
      end: chosen.end,
      signal: 'commercial',
      strong: true,
      detail: `${c.reasons.join('; ')}; ${chosen.why}`,
    });
  else if (c.usedOnce) {
    usedOnceFound.add(found.length);
    const { start, end, why } = c.usedOnce;
    found.push({ start, end, signal: 'commercial', strong: true, detail: `${c.reasons.join('; ')}; ${why}` });
  }
}

/**
 * Combined: the lexicon is one vote; Title Case out of place, recurrence in unrelated articles or the deletion test
 * (a query used once) is the second.
 */
function combinedVote(
  ctx: AnalysisContext,
  block: Block,
  sentence: Sentence,
  c: CommercialSpan,
  chosen: { start: number; end: number; why: string } | null,
  found: SpliceCandidate[],
  usedOnceFound: Set<number>,
): void {
  const once = c.strong && !c.titleCase && !chosen;
  if (once && ctx.record) recordEdgesAsked(ctx, block, sentence, c);
  // The deletion test needs the corpus's edge counts: only in the corpus pass.
  const edges = ctx.prepared?.edges;
  const deletion = once && edges ? deletionSpan(block, sentence, c, (e) => edges.get(e) ?? 0) : null;
  // A weak span (a vertical with words of its own, no intent word) used once: local evidence is the second vote.
  const weakOnce = !c.strong && !chosen ? (c.usedOnce ?? null) : null;
  const span = c.strong && c.titleCase ? c : (chosen ?? deletion ?? weakOnce);
  if (!span) return;
  const breakWhy = breakAround(block, sentence, span.start, span.end);
  const reasons = [
    foreignReason(foreignWordsIn(ctx.article, block.text, span.start, span.end, ctx.lexicon)),
    ...(c.titleCase ? ['Title Case in lower-case running text'] : []),
    ...(breakWhy && !breakWhy.startsWith('Title') ? [breakWhy] : []),
    ...(chosen ? [chosen.why] : []),
    ...(deletion && !chosen ? [deletion.why] : []),
    ...(weakOnce && span === weakOnce ? [weakOnce.why] : []),
  ];
  // Not recorded as caught strongly (recordStrong): a once-vote must not corroborate other articles' uses.
  if (span === weakOnce) usedOnceFound.add(found.length);
  found.push({ start: span.start, end: span.end, signal: 'commercial', strong: true, detail: reasons.join('; ') });
}

/** The edge bigrams a query used once would ask the corpus about in the deletion test (the corpus pass counts them). */
function recordEdgesAsked(ctx: AnalysisContext, block: Block, sentence: Sentence, c: CommercialSpan): void {
  const leftEdge = leftEdgeOf(block, sentence, c.start);
  if (leftEdge) ctx.analysis.edgeAsked.add(leftEdge);
  for (const v of [c, ...c.variants]) {
    const edge = rightEdgeOf(block, sentence, v.end);
    if (edge) ctx.analysis.edgeAsked.add(edge);
  }
}

/** The phrases strong signals caught here, so that their weak-slot uses elsewhere in the corpus become reportable. */
function recordStrong(ctx: AnalysisContext, block: Block, found: SpliceCandidate[], usedOnceFound: Set<number>): void {
  for (const [i, c] of found.entries()) {
    if (!c.strong || usedOnceFound.has(i)) continue;
    const key = phraseKey(block.text.slice(c.start, c.end));
    if (recurrable(key)) ctx.analysis.strong.add(key);
  }
}

/** Weak part-of-speech slots whose phrase is corroborated, then the declared keywords' occurrences. */
function corroboratedSlotCandidates(
  ctx: AnalysisContext,
  block: Block,
  sentence: Sentence,
  found: SpliceCandidate[],
): void {
  const weak = posCandidates(block, sentence, (s, e) => ctx.corroborated(phraseKey(block.text.slice(s, e))) !== null);
  for (const w of weak) if (!w.strong) found.push(w);
  if (ctx.keywords.length) declaredKeywordCandidates(ctx, block, sentence, found);
}

/** A declared keyword not already found: reported by its part-of-speech slot, or where the sentence breaks around it. */
function declaredKeywordCandidates(
  ctx: AnalysisContext,
  block: Block,
  sentence: Sentence,
  found: SpliceCandidate[],
): void {
  const tokens = tokenize(block.text, sentence.start, sentence.end);
  for (const occ of keywordOccurrences(block.text, sentence.start, sentence.end, ctx.keywords)) {
    if (found.some((f) => f.start < occ.end && occ.start < f.end)) continue;
    const slot = slotFor(block, sentence, occ.start, occ.end, tokens, true);
    if (slot) {
      found.push({
        start: occ.start,
        end: occ.end,
        signal: slot.strong ? 'pos-slot' : 'weak-slot',
        strong: slot.strong,
        detail: slot.detail,
      });
      continue;
    }
    // A declared keyword where the sentence breaks around it, whatever its casing.
    const why = declaredKeywordBreak(block, sentence, occ.start, occ.end);
    if (why)
      found.push({
        start: occ.start,
        end: occ.end,
        signal: 'weak-slot',
        strong: true,
        detail: `a declared keyword; ${why}`,
      });
  }
}

/** Overlapping candidates merged; strong ones are reported, weak ones only when corroborated. */
function reportMerged(ctx: AnalysisContext, block: Block, sentence: Sentence, found: SpliceCandidate[]): void {
  for (const candidate of merge(found)) {
    if (candidate.strong) {
      ctx.analysis.results.push({ block, sentence, candidate });
      continue;
    }
    const why = ctx.corroborated(phraseKey(block.text.slice(candidate.start, candidate.end)));
    if (why) ctx.analysis.results.push({ block, sentence, candidate, corroboration: why });
  }
}

/**
 * Path → a representative of its versions (connected by the related pairs: near-duplicates and spun rewrites of one
 * article, and chains of them); undefined when no stage related documents (the duplication stage is off).
 */
function versionGroups(pairs: readonly { a: string; b: string }[] | undefined): ((path: string) => string) | undefined {
  if (!pairs) return undefined;
  const parent = new Map<string, string>();
  const root = (p: string): string => {
    let r = p;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
    // Path compression keeps chains short.
    let q = p;
    while (q !== r) {
      const next = parent.get(q)!;
      parent.set(q, r);
      q = next;
    }
    return r;
  };
  for (const { a, b } of pairs) {
    const [ra, rb] = [root(a), root(b)];
    // The smaller path is the representative: the same groups whatever the pairs' order.
    if (ra < rb) parent.set(rb, ra);
    else if (rb < ra) parent.set(ra, rb);
  }
  return root;
}

type Partials = readonly { path: string; partial: SplicedKeywordPartial }[];

/** Phrase key → in how many articles strong signals caught it (and one of them), when often enough to corroborate. */
function strongPhrasesOf(partials: Partials, options: SplicedKeywordOptions): SplicedKeywordPrepared['strongPhrases'] {
  const strongPhrases = new Map<string, { articles: number; path: string }>();
  for (const { path, partial } of partials) {
    for (const key of partial.strong) {
      const hit = strongPhrases.get(key);
      if (hit) hit.articles++;
      else strongPhrases.set(key, { articles: 1, path });
    }
  }
  // Phrases caught too rarely can never corroborate: do not carry them.
  const min = Math.max(1, options.minRecurrence - 1);
  for (const [key, hit] of strongPhrases) if (hit.articles < min) strongPhrases.delete(key);
  return strongPhrases;
}

/** Phrase key → the unrelated contexts a weak commercial span recurs in, when enough and never used naturally. */
function weakPhrasesOf(
  partials: Partials,
  options: SplicedKeywordOptions,
  versionOf: ((path: string) => string) | undefined,
): Map<string, number> {
  // A phrase counts once per article and once per context: the same story filed twice repeats its neighbours.
  const contexts = new Map<string, { contexts: Set<string>; articles: Set<string>; readsOn: boolean }>();
  for (const { path, partial } of partials) {
    for (const entry of partial.weak ?? []) {
      const [key, context, readsOn] = entry.split('\t');
      const seen = contexts.get(key) ?? { contexts: new Set<string>(), articles: new Set<string>(), readsOn: false };
      seen.contexts.add(context);
      seen.articles.add(path);
      seen.readsOn ||= readsOn !== '0';
      contexts.set(key, seen);
    }
  }
  // A phrase some article uses naturally (its topic words recur there) is language, not a pasted query.
  const natural = new Set<string>();
  for (const { partial } of partials) for (const key of partial.natural ?? []) natural.add(key);
  const weakPhrases = new Map<string, number>();
  for (const [key, seen] of contexts) {
    // A phrase that fills its noun phrase everywhere (deleting it breaks every sentence) is language, not a paste.
    if (natural.has(key) || !seen.readsOn) continue;
    // Versions of one article (the duplication stage's pairs: copies, spun rewrites) are one use, whatever their
    // neighbouring words.
    const articles = versionOf ? new Set([...seen.articles].map(versionOf)).size : seen.articles.size;
    const unrelated = Math.min(seen.contexts.size, articles);
    if (unrelated >= weakRecurrence(options)) weakPhrases.set(key, unrelated);
  }
  return weakPhrases;
}

/**
 * Edge counts only for the bigrams some article's deletion test asks about (undefined when none does). Keyed
 * "first second" for a bigram's uses and "first " for the number of different bigrams opened by that word.
 */
function edgeCounts(partials: Partials): Map<string, number> | undefined {
  const asked = new Set(partials.flatMap(({ partial }) => partial.edgeAsked ?? []));
  if (!asked.size) return undefined;
  for (const edge of [...asked]) asked.add(edge.slice(0, edge.indexOf(' ') + 1));
  const edges = new Map<string, number>();
  const followers = new Map<string, Set<string>>();
  for (const { partial } of partials) {
    for (const edge of partial.edges ?? []) {
      const first = edge.slice(0, edge.indexOf(' ') + 1);
      if (asked.has(edge)) edges.set(edge, (edges.get(edge) ?? 0) + 1);
      if (asked.has(first)) followers.set(first, (followers.get(first) ?? new Set()).add(edge));
    }
  }
  for (const [first, seen] of followers) edges.set(first, seen.size);
  return edges;
}

// check (first pass) and collect analyse the same article with the same options: do it once.
const firstPass = new WeakMap<Article, { options: SplicedKeywordOptions; analysis: Analysis }>();
function analyseFirst(article: Article, options: SplicedKeywordOptions): Analysis {
  const hit = firstPass.get(article);
  if (hit && hit.options === options) return hit.analysis;
  const analysis = analyse(article, options, undefined);
  firstPass.set(article, { options, analysis });
  return analysis;
}

export const splicedKeywordRule = defineRule<SplicedKeywordOptions, SplicedKeywordPrepared, SplicedKeywordPartial>({
  id: 'spliced-keyword',
  description:
    'A phrase inserted into a sentence where it does not belong (broken grammar, repeated meaning, another script, invisible joiners).',
  defaultSeverity: 'error',
  // One list of declared keyphrases: those configured for keyword-density are this rule's too.
  sharedOptions: { keywords: 'keyword-density' },
  options: z.object({
    keywords: strings()
      .default([])
      .describe(
        "Target keyphrases (matched literally, case-insensitively; never as regular expressions). keyword-density's keywords count too.",
      ),
    minRecurrence: nonNegative()
      .default(2)
      .describe('Articles in which a strong signal must catch a phrase before its weak-slot uses elsewhere count.'),
    commercialTerms: z
      .object({ verticals: strings().optional(), intent: strings().optional() })
      .strict()
      .default({})
      .describe('Additions to the shipped commercial-intent lexicon: { verticals: [...], intent: [...] }.'),
    commercialSignal: z
      .boolean()
      .default(false)
      .describe('Look for commercial phrases woven in with ordinary spaces (the lexicon signal).'),
    plainInsertions: z
      .boolean()
      .default(true)
      .describe('Report plain lower-case and Title Case insertions when a second, independent signal agrees.'),
  }),
  collect(article, options) {
    const { strong, asked, weak, natural, edgeAsked } = analyseFirst(article, options);
    const partial: SplicedKeywordPartial = {
      strong: [...strong],
      asked: [...asked],
      weak: [...weak],
      natural: [...natural],
    };
    if (options.plainInsertions === true && options.commercialSignal !== true) {
      partial.edges = lexiconEdges(article, lexiconFor(options.commercialTerms));
      partial.edgeAsked = [...edgeAsked];
    }
    return partial;
  },
  combine(partials, options, context) {
    const strongPhrases = strongPhrasesOf(partials, options);
    const weakPhrases = weakPhrasesOf(partials, options, versionGroups(context?.relatedPairs));
    const edges = edgeCounts(partials);
    return edges ? { strongPhrases, weakPhrases, edges } : { strongPhrases, weakPhrases };
  },
  dependsOnCorpus(partial, prepared, path, options) {
    if (partial.edgeAsked?.length) return true; // the deletion test reads the corpus's edge counts
    return partial.asked.some((key) => corpusCorroboration(prepared, key, path, options) !== null);
  },
  check(article, { options, prepared }) {
    const findings: RuleFindingDraft[] = [];
    const { results } = prepared ? analyse(article, options, prepared) : analyseFirst(article, options);
    for (const { block, sentence, candidate, corroboration } of results) {
      const phrase = block.text.slice(candidate.start, candidate.end);
      const shown = phrase.replace(
        /[\u00a0\u200b-\u200d\u2060\ufeff]/g,
        (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`,
      );
      const evidence = block.text.slice(sentence.start, sentence.end);
      findings.push({
        ...blockRange(article.source, block, candidate.start, candidate.end),
        message: `Spliced phrase "${shown}" does not fit the sentence (${candidate.detail}${corroboration ? `; ${corroboration}` : ''}).`,
        evidence,
        suggestion: removePhrase(evidence, candidate.start - sentence.start, candidate.end - sentence.start),
      });
    }
    return findings;
  },
});
