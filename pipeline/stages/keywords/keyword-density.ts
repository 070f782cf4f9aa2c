// keyword-density: keyphrase stuffing. With configured keywords: density = occurrences × words-in-phrase / article
// words (Yoast's measure), a warning above maxDensity (3%) and an error above errorDensity (4%, Yoast's "way over"),
// only for texts of at least minWords words; plus an info when the keyphrase is in neither the title nor the first
// paragraph. Without keywords: a repeated 2–4-word phrase is reported only when it alone makes up autoDensity (5%)
// of the text, occurs at least autoMinOccurrences times and is far more frequent than its words' own rates predict.
import { defineRule } from '../../rule.js';
import { blockRange } from '../../source-map.js';
import { PROSE_KINDS, type Article, type Block, type FindingDraft, type Severity } from '../../types.js';
import { DENSITY_STOP_WORDS } from './density-stopwords.js';

export interface KeywordDensityOptions {
  keywords: string[];
  maxDensity: number;
  errorDensity: number;
  minWords: number;
  /** Detect stuffing of unconfigured phrases when no keywords are configured. */
  autoDetect: boolean;
  autoDensity: number;
  autoMinOccurrences: number;
}

interface Tok {
  word: string;
  block: Block;
  start: number;
  end: number;
  /** Sentence/block boundary id: n-grams never cross it. */
  segment: number;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’_-]*/gu;

function tokens(article: Article): Tok[] {
  const out: Tok[] = [];
  let segment = 0;
  for (const block of article.blocks) {
    if (!PROSE_KINDS.has(block.kind)) continue;
    const sentences = block.sentences.length ? block.sentences : [{ start: 0, end: block.text.length, text: block.text }];
    for (const s of sentences) {
      segment++;
      // URLs and e-mail addresses are not prose: blank them (same length, so offsets hold) before counting words.
      const text = block.text
        .slice(s.start, s.end)
        .replace(/[\u00a0\u200b-\u200d\u2060\ufeff]/g, ' ')
        .replace(/\b(?:https?:\/\/|www\.)\S+|\S+@\S+\.\w+/gi, (url) => ' '.repeat(url.length));
      WORD.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = WORD.exec(text))) {
        out.push({ word: m[0].toLowerCase().replace(/’/g, "'"), block, start: s.start + m.index, end: s.start + m.index + m[0].length, segment });
      }
    }
  }
  return out;
}

function phraseWords(phrase: string): string[] {
  return (phrase.toLowerCase().replace(/’/g, "'").match(WORD) ?? []);
}

/** Non-overlapping token-level occurrences (case-insensitive, literal). */
function occurrences(toks: Tok[], words: string[]): number[] {
  const at: number[] = [];
  if (!words.length) return at;
  for (let i = 0; i + words.length <= toks.length; i++) {
    let ok = true;
    for (let k = 0; k < words.length; k++) {
      if (toks[i + k].word !== words[k] || (k > 0 && toks[i + k].segment !== toks[i].segment)) {
        ok = false;
        break;
      }
    }
    if (ok) {
      at.push(i);
      i += words.length - 1;
    }
  }
  return at;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function range(article: Article, toks: Tok[], i: number, n: number) {
  const first = toks[i];
  const last = toks[i + n - 1];
  if (first.block === last.block) return blockRange(article.source, first.block, first.start, last.end);
  return blockRange(article.source, first.block, first.start, first.end);
}

function firstParagraph(article: Article): Block | undefined {
  return article.blocks.find((b, i) => i !== article.titleBlockIndex && (b.kind === 'paragraph' || b.kind === 'listItem' || b.kind === 'blockquote'));
}

function containsPhrase(text: string | null | undefined, words: string[]): boolean {
  if (!text) return false;
  const t = phraseWords(text.replace(/[\u00a0\u200b-\u200d\u2060\ufeff]/g, ' '));
  for (let i = 0; i + words.length <= t.length; i++) if (words.every((w, k) => t[i + k] === w)) return true;
  return false;
}

function configured(article: Article, toks: Tok[], options: KeywordDensityOptions): FindingDraft[] {
  const findings: FindingDraft[] = [];
  const total = article.words;
  for (const keyword of options.keywords) {
    if (typeof keyword !== 'string') continue;
    const words = phraseWords(keyword);
    if (!words.length) continue;
    const at = occurrences(toks, words);
    const density = total ? (at.length * words.length) / total : 0;
    if (total >= options.minWords && density > options.maxDensity && at.length >= 2) {
      const severity: Severity = density > options.errorDensity ? 'error' : 'warning';
      const allowed = Math.max(1, Math.floor((options.maxDensity * total) / words.length));
      findings.push({
        ruleId: 'keyword-density',
        severity,
        path: article.path,
        ...range(article, toks, at[0], words.length),
        message: `Keyphrase "${keyword}" makes up ${pct(density)} of ${total} words (${at.length} uses; limit ${pct(options.maxDensity)}${severity === 'error' ? `, way over ${pct(options.errorDensity)}` : ''}).`,
        evidence: `${at.length} occurrences × ${words.length} word${words.length > 1 ? 's' : ''} / ${total} words`,
        suggestion: `Use "${keyword}" at most ${allowed} time${allowed > 1 ? 's' : ''}, or use synonyms and related phrases.`,
      });
    }
    const first = firstParagraph(article);
    const titleText = article.title ?? (article.titleBlockIndex !== null ? article.blocks[article.titleBlockIndex].text : null);
    if (!containsPhrase(titleText, words) && !containsPhrase(first?.text, words)) {
      const anchor = article.titleBlockIndex !== null ? article.blocks[article.titleBlockIndex] : first ?? article.blocks[0];
      if (!anchor) continue;
      findings.push({
        ruleId: 'keyword-density',
        severity: 'info',
        path: article.path,
        ...blockRange(article.source, anchor, 0, anchor.text.length),
        message: `Keyphrase "${keyword}" appears in neither the title nor the first paragraph${at.length ? '' : ' (nor anywhere in the text)'}.`,
        evidence: anchor.text.slice(0, 160),
        suggestion: `Mention "${keyword}" in the title or the opening paragraph.`,
      });
    }
  }
  return findings;
}

interface AutoCandidate {
  key: string;
  at: number[];
  n: number;
  density: number;
}

export interface KeywordDensityPrepared {
  /** Phrase → [occurrences × words, total words] summed over the corpus (only for phrases that are candidates somewhere). */
  corpus: Map<string, [number, number]>;
  articles: number;
}

const tokenCache = new WeakMap<Article, Tok[]>();
function cachedTokens(article: Article): Tok[] {
  let t = tokenCache.get(article);
  if (!t) tokenCache.set(article, (t = tokens(article)));
  return t;
}

/** English prose is roughly 40–50% function words (less when stuffed); below 10% the text is not English. */
const MIN_ENGLISH_STOP_SHARE = 0.1;

function autoCandidates(article: Article, toks: Tok[], options: KeywordDensityOptions): AutoCandidate[] {
  const total = article.words;
  if (total < options.minWords) return [];
  // Automatic detection relies on English stop words to find phrase boundaries; on other languages (Vietnamese
  // writes a space between syllables, so "cà phê" looks like a two-word phrase) it would misfire, so skip them.
  let stop = 0;
  for (const t of toks) if (DENSITY_STOP_WORDS.has(t.word)) stop++;
  if (toks.length === 0 || stop / toks.length < MIN_ENGLISH_STOP_SHARE) return [];
  const unigram = new Map<string, number>();
  for (const t of toks) unigram.set(t.word, (unigram.get(t.word) ?? 0) + 1);
  const grams = new Map<string, number[]>();
  for (let n = 2; n <= 4; n++) {
    for (let i = 0; i + n <= toks.length; i++) {
      if (toks[i + n - 1].segment !== toks[i].segment) continue;
      const ws = toks.slice(i, i + n).map((t) => t.word);
      if (DENSITY_STOP_WORDS.has(ws[0]) || DENSITY_STOP_WORDS.has(ws[n - 1])) continue;
      if (ws.every((w) => DENSITY_STOP_WORDS.has(w) || /^\p{N}+$/u.test(w))) continue;
      const key = ws.join(' ');
      let list = grams.get(key);
      if (!list) grams.set(key, (list = []));
      if (!list.length || list[list.length - 1] + n <= i) list.push(i);
    }
  }
  const flagged: AutoCandidate[] = [];
  for (const [key, at] of grams) {
    const n = key.split(' ').length;
    const density = (at.length * n) / total;
    if (at.length < options.autoMinOccurrences || density <= options.autoDensity) continue;
    // Far above what its words predict: the phrase must be a large share of its rarest word's uses AND that word
    // must itself be unusually frequent (a name used normally is frequent, but not at this density).
    const rarest = Math.min(...key.split(' ').filter((w) => !DENSITY_STOP_WORDS.has(w)).map((w) => unigram.get(w) ?? 0));
    if (at.length < 0.6 * rarest) continue;
    flagged.push({ key, at, n, density });
  }
  // One finding per stuffed region: the densest phrase wins, phrases whose occurrences overlap it are dropped.
  flagged.sort((a, b) => b.density - a.density || b.n - a.n);
  const kept: typeof flagged = [];
  const overlaps = (a: AutoCandidate, b: AutoCandidate) => a.at.some((i) => b.at.some((j) => i < j + b.n && j < i + a.n));
  for (const f of flagged) if (!kept.some((k) => overlaps(k, f))) kept.push(f);
  return kept.slice(0, 3);
}

function countKeys(toks: Tok[], keys: Set<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (let n = 2; n <= 4; n++) {
    const last = new Map<string, number>();
    for (let i = 0; i + n <= toks.length; i++) {
      if (toks[i + n - 1].segment !== toks[i].segment) continue;
      const key = toks.slice(i, i + n).map((t) => t.word).join(' ');
      if (!keys.has(key)) continue;
      const prev = last.get(key);
      if (prev !== undefined && prev + n > i) continue;
      last.set(key, i);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

function automatic(article: Article, toks: Tok[], options: KeywordDensityOptions, prepared: KeywordDensityPrepared | undefined): FindingDraft[] {
  const total = article.words;
  const kept = autoCandidates(article, toks, options).filter((f) => {
    // Expected rate: the phrase's density in the rest of the corpus. A phrase the whole corpus uses at this rate is its
    // topic, not stuffing; with fewer than 3 other articles there is no expectation and only the absolute limit applies.
    if (!prepared || prepared.articles < 4) return true;
    const [uses, words] = prepared.corpus.get(f.key) ?? [0, 0];
    const restWords = words - total;
    if (restWords <= 0) return true;
    const rest = (uses - f.at.length * f.n) / restWords;
    return f.density >= 2 * rest;
  });
  return kept.map((f) => ({
    ruleId: 'keyword-density',
    severity: 'warning' as Severity,
    path: article.path,
    ...range(article, toks, f.at[0], f.n),
    message: `The phrase "${f.key}" is repeated ${f.at.length} times and makes up ${pct(f.density)} of ${total} words (automatic limit ${pct(options.autoDensity)}): looks like keyword stuffing.`,
    evidence: `${f.at.length} occurrences × ${f.n} words / ${total} words`,
    suggestion: `Cut most repetitions of "${f.key}" or configure it as a keyword to check it against maxDensity.`,
  }));
}

export const keywordDensityRule = defineRule<KeywordDensityOptions, KeywordDensityPrepared | undefined>({
  id: 'keyword-density',
  description: 'Keyphrase stuffing: a keyphrase (configured, or detected automatically) makes up too large a share of the text; configured keyphrases missing from the title and first paragraph.',
  defaultSeverity: 'warning',
  defaults: { keywords: [], maxDensity: 0.03, errorDensity: 0.04, minWords: 100, autoDetect: true, autoDensity: 0.05, autoMinOccurrences: 6 },
  prepare(articles, options) {
    const keywords = Array.isArray(options.keywords) ? options.keywords.filter((k) => typeof k === 'string' && k.trim()) : [];
    if (keywords.length || !options.autoDetect) return undefined;
    const keys = new Set<string>();
    for (const a of articles) for (const c of autoCandidates(a, cachedTokens(a), options)) keys.add(c.key);
    const corpus = new Map<string, [number, number]>();
    if (keys.size) {
      for (const a of articles) {
        const counts = countKeys(cachedTokens(a), keys);
        for (const key of keys) {
          const entry = corpus.get(key) ?? [0, 0];
          entry[0] += (counts.get(key) ?? 0) * key.split(' ').length;
          entry[1] += a.words;
          corpus.set(key, entry);
        }
      }
    }
    return { corpus, articles: articles.length };
  },
  check(article, { options, prepared }) {
    const toks = cachedTokens(article);
    const keywords = Array.isArray(options.keywords) ? options.keywords.filter((k) => typeof k === 'string' && k.trim()) : [];
    if (keywords.length) return configured(article, toks, { ...options, keywords });
    return options.autoDetect ? automatic(article, toks, options, prepared) : [];
  },
});
