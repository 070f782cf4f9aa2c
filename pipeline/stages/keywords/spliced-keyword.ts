// spliced-keyword: a phrase pasted into a sentence where it does not belong ("like many Hong Kong AI other regions",
// "transform 香港AI industries"). Signals (see splice-signals.ts): a run of another script, words bound by
// no-break spaces / zero-width joiners, an acronym followed by its own expansion, and part-of-speech slots.
// prepare() collects phrases caught by strong signals anywhere in the corpus; their other occurrences in weak
// (grammatical but typical) modifier slots are then reported too, as are configured keywords in such slots.
import { defineRule } from '../../rule.js';
import { blockRange } from '../../source-map.js';
import { PROSE_KINDS, type Article, type Block, type FindingDraft, type Sentence } from '../../types.js';
import { repairText } from './mojibake-codec.js';
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
  /** Target keyphrases (matched literally, case-insensitively; never as regular expressions). */
  keywords: string[];
  /** Articles in which a phrase must be caught by a strong signal before its weak-slot uses elsewhere are reported. */
  minRecurrence: number;
}

export interface SplicedKeywordPrepared {
  /** Phrase key → paths of the articles where a strong signal caught it. */
  strongPhrases: Map<string, Set<string>>;
}

/** Canonical form of a phrase for recurrence: mojibake repaired, joiners folded, lower case. */
export function phraseKey(text: string): string {
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

function strongCandidates(article: Article, block: Block, sentence: Sentence): SpliceCandidate[] {
  return [
    ...scriptRunCandidates(article, block, sentence),
    ...joinerCandidates(block, sentence),
    ...expansionCandidates(block, sentence),
    ...posCandidates(block, sentence),
  ];
}

/** Literal, case-insensitive occurrences of the configured keywords (spaces match any run of spaces/NBSP/joiners). */
function keywordOccurrences(text: string, from: number, to: number, keywords: string[]): { start: number; end: number }[] {
  const hay = text.slice(from, to).replace(/[\u00a0\u200b-\u200d\u2060\ufeff]/g, ' ').toLowerCase();
  const out: { start: number; end: number }[] = [];
  for (const raw of keywords) {
    const kw = raw.trim().replace(/\s+/g, ' ').toLowerCase();
    if (!kw) continue;
    let at = hay.indexOf(kw);
    while (at >= 0) {
      const before = hay[at - 1];
      const after = hay[at + kw.length];
      if (!(before && /[\p{L}\p{N}]/u.test(before)) && !(after && /[\p{L}\p{N}]/u.test(after))) out.push({ start: from + at, end: from + at + kw.length });
      at = hay.indexOf(kw, at + 1);
    }
  }
  return out;
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
      if (last.signal !== c.signal && !last.signal.includes(c.signal)) last.signal = `${last.signal}+${c.signal}` as SpliceCandidate['signal'];
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

function analyse(article: Article, options: SplicedKeywordOptions, prepared: SplicedKeywordPrepared | undefined): { block: Block; sentence: Sentence; candidate: SpliceCandidate; corroboration?: string }[] {
  const results: { block: Block; sentence: Sentence; candidate: SpliceCandidate; corroboration?: string }[] = [];
  const strongKeys = prepared?.strongPhrases ?? new Map<string, Set<string>>();
  const keywords = (options.keywords ?? []).filter((k) => typeof k === 'string' && k.trim());
  const keywordKeys = new Set(keywords.map(phraseKey));
  const corroborated = (key: string): string | null => {
    if (keywordKeys.has(key)) return 'a configured keyword';
    const paths = strongKeys.get(key);
    if (paths && paths.size >= Math.max(1, options.minRecurrence - 1) && [...paths].some((p) => p !== article.path)) {
      return `caught as a splice in ${paths.size} other article${paths.size === 1 ? '' : 's'}`;
    }
    return null;
  };
  for (const { block, sentence } of proseSentences(article)) {
    const found = strongCandidates(article, block, sentence);
    // Weak slots of corroborated phrases (recurring splices and configured keywords).
    if (strongKeys.size || keywordKeys.size) {
      const weak = posCandidates(block, sentence, (s, e) => corroborated(phraseKey(block.text.slice(s, e))) !== null);
      for (const w of weak) if (!w.strong) found.push(w);
      if (keywords.length) {
        const tokens = tokenize(block.text, sentence.start, sentence.end);
        for (const occ of keywordOccurrences(block.text, sentence.start, sentence.end, keywords)) {
          if (found.some((f) => f.start < occ.end && occ.start < f.end)) continue;
          const slot = slotFor(block, sentence, occ.start, occ.end, tokens, true);
          if (slot) found.push({ start: occ.start, end: occ.end, signal: slot.strong ? 'pos-slot' : 'weak-slot', strong: slot.strong, detail: slot.detail });
        }
      }
    }
    for (const candidate of merge(found)) {
      if (candidate.strong) {
        results.push({ block, sentence, candidate });
        continue;
      }
      const why = corroborated(phraseKey(block.text.slice(candidate.start, candidate.end)));
      if (why) results.push({ block, sentence, candidate, corroboration: why });
    }
  }
  return results;
}

export const splicedKeywordRule = defineRule<SplicedKeywordOptions, SplicedKeywordPrepared>({
  id: 'spliced-keyword',
  description: 'A phrase inserted into a sentence where it does not belong (broken grammar, repeated meaning, another script, invisible joiners).',
  defaultSeverity: 'error',
  defaults: { keywords: [], minRecurrence: 2 },
  prepare(articles, options) {
    const strongPhrases = new Map<string, Set<string>>();
    for (const article of articles) {
      for (const { block, sentence } of proseSentences(article)) {
        for (const c of strongCandidates(article, block, sentence)) {
          const key = phraseKey(block.text.slice(c.start, c.end));
          // Only multi-token phrases recur meaningfully (a lone word in another script is not a "phrase").
          if (!key || (key.split(' ').length < 2 && !/[^\x00-\x7f]/.test(key))) continue;
          let set = strongPhrases.get(key);
          if (!set) strongPhrases.set(key, (set = new Set()));
          set.add(article.path);
        }
      }
    }
    void options;
    return { strongPhrases };
  },
  check(article, { options, prepared }) {
    const findings: FindingDraft[] = [];
    for (const { block, sentence, candidate, corroboration } of analyse(article, options, prepared)) {
      const phrase = block.text.slice(candidate.start, candidate.end);
      const shown = phrase.replace(/[\u00a0\u200b-\u200d\u2060\ufeff]/g, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`);
      const evidence = block.text.slice(sentence.start, sentence.end);
      findings.push({
        ruleId: 'spliced-keyword',
        severity: 'error',
        path: article.path,
        ...blockRange(article.source, block, candidate.start, candidate.end),
        message: `Spliced phrase "${shown}" does not fit the sentence (${candidate.detail}${corroboration ? `; ${corroboration}` : ''}).`,
        evidence,
        suggestion: removePhrase(evidence, candidate.start - sentence.start, candidate.end - sentence.start),
      });
    }
    return findings;
  },
});
