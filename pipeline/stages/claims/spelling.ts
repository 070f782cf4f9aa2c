// Rule name-spelling: one person or organisation spelt two ways across the corpus ("Rick Wagoner" here, "Rick
// Waggoner" there). Read from the fact sentences' name values (facts.ts: key words without titles and initials, person
// evidence), so it costs one pass over the names plus a bucket per name with one word masked. See
// docs/rules/name-spelling.md.
import type { StageFindingDraft } from '../../stage.js';
import { z } from 'zod';
import type { RuleMeta } from '../../rule.js';
import { defaultsOf } from '../../rule-options.js';
import type { RelatedLocation } from '../../types.js';
import { boundPerArticle } from './bound.js';
import type { ArticleFacts } from './facts.js';

export const nameSpellingRule = {
  id: 'name-spelling',
  description: 'One person or organisation is spelt two ways across the corpus (one word differs by a letter or two).',
  defaultSeverity: 'warning',
  options: z.object({
    maxPerArticle: z.number().default(5).describe('Findings per article at most.'),
    minWordLength: z
      .number()
      .default(4)
      .describe('The differing word has at least this many letters (short words differ by one letter too often).'),
    minWordLengthForTwoEdits: z
      .number()
      .default(8)
      .describe('Two edits apart only in words at least this long ("Johnson"/"Jonsson" stays one edit too far).'),
  }),
} satisfies RuleMeta;

export const NAME_SPELLING_DEFAULTS = defaultsOf(nameSpellingRule.options);

export type NameSpellingOptions = typeof NAME_SPELLING_DEFAULTS;

export interface SpellingDocument {
  path: string;
  facts: ArticleFacts;
  /** Name keys the article mentions (its context: two spellings of one entity appear among the same other names). */
  mentions: readonly string[];
}

interface Occurrence {
  path: string;
  article: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

interface Spelling {
  key: string;
  words: string[];
  text: string;
  person: boolean;
  org: boolean;
  /** First occurrence per article, in corpus order. */
  occurrences: Occurrence[];
  /**
   * Articles using this spelling, in full or by its last word alone ("Mr Wagoner", "Wagoner's"): who is in the
   * minority.
   */
  support: Set<number>;
}

/** Edit distance with adjacent transpositions, stopped early above `max` (names are short). */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length];
}

/** Every multi-word name of the corpus with its spellings' first occurrence per article. */
function collectSpellings(documents: readonly SpellingDocument[], vocabulary: Set<string>): Map<string, Spelling> {
  const spellings = new Map<string, Spelling>();
  const lone = new Map<string, Set<number>>();
  documents.forEach((d, article) => {
    for (const s of d.facts.sentences) {
      for (const w of s.tokens) if (w[0] !== '#') vocabulary.add(w);
      for (const v of s.values) {
        if (v.cls === 'name' && v.words?.length === 1)
          (lone.get(v.words[0]) ?? lone.set(v.words[0], new Set()).get(v.words[0])!).add(article);
        if (v.cls !== 'name' || !v.words || v.words.length < 2 || v.words.length > 4) continue;
        const key = v.words.join(' ');
        let sp = spellings.get(key);
        if (!sp)
          spellings.set(
            key,
            (sp = {
              key,
              words: v.words,
              text: v.text.replace(/\s+/g, ' '),
              person: false,
              org: false,
              occurrences: [],
              support: new Set(),
            }),
          );
        sp.person ||= !!v.person;
        sp.org ||= !!v.org;
        const last = sp.occurrences[sp.occurrences.length - 1];
        if (last?.article !== article)
          sp.occurrences.push({
            path: d.path,
            article,
            line: v.line,
            column: v.column,
            endLine: v.endLine,
            endColumn: v.endColumn,
          });
        sp.support.add(article);
      }
    }
  });
  for (const sp of spellings.values()) for (const a of lone.get(sp.words[sp.words.length - 1]) ?? []) sp.support.add(a);
  return spellings;
}

/** `long` is `short` with a plural or demonym ending: "Williams"/"William", "African"/"Africa", "Chinese"/"China". */
function inflected(short: string, long: string): boolean {
  if (long.startsWith(short)) return /^(?:s|es|n|an|ian|ns|ese|ish|i)$/.test(long.slice(short.length));
  return short.endsWith('a') && long === `${short.slice(0, -1)}ese`;
}

/** Two spellings of one word: a typo's distance, not an inflection or an ordinary word written in lower case. */
function misspelt(a: string, b: string, options: NameSpellingOptions, vocabulary: Set<string>): boolean {
  if (a === b || a[0] !== b[0] || Math.min(a.length, b.length) < options.minWordLength) return false;
  if (/\d/.test(a + b) || inflected(a, b) || inflected(b, a)) return false;
  if (vocabulary.has(a) || vocabulary.has(b)) return false;
  const d = editDistance(a, b, 2);
  return d === 1 || (d === 2 && Math.min(a.length, b.length) >= options.minWordLengthForTwoEdits);
}

/** The `i`th word of a spelling as written (its key is lower-cased), or the key's word if the text splits otherwise. */
function writtenWord(sp: Spelling, i: number): string {
  const written = sp.text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return written.find((w) => w.toLowerCase() === sp.words[i]) ?? sp.words[i];
}

/**
 * Two camel-case names made of the same parts in another order ("getNameByQName" / "getQNameByName"): an API's two
 * names for two things, not a slip of the pen, which changes letters inside a part rather than moving whole parts.
 */
export function reorderedParts(a: string, b: string): boolean {
  const parts = (w: string) => w.split(/(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})/u);
  const pa = parts(a);
  const pb = parts(b);
  if (pa.length < 2 || pa.length !== pb.length || pa.join() === pb.join()) return false;
  return [...pa].sort().join() === [...pb].sort().join();
}

/** Pairs of spellings equal but for one word, found through buckets keyed by the name with that word masked. */
function candidatePairs(spellings: Map<string, Spelling>): [Spelling, Spelling, number][] {
  const buckets = new Map<string, Spelling[]>();
  for (const sp of spellings.values()) {
    sp.words.forEach((_, i) => {
      const k = `${i}\u0000${sp.words.length}\u0000${sp.words.map((w, j) => (j === i ? '' : w)).join(' ')}`;
      (buckets.get(k) ?? buckets.set(k, []).get(k)!).push(sp);
    });
  }
  const pairs: [Spelling, Spelling, number][] = [];
  for (const [k, list] of buckets) {
    if (list.length < 2 || list.length > 50) continue;
    const i = Number(k.slice(0, k.indexOf('\u0000')));
    for (let x = 0; x < list.length; x++) for (let y = x + 1; y < list.length; y++) pairs.push([list[x], list[y], i]);
  }
  return pairs;
}

/** Both spellings can be one entity: a person differs only in the surname, and the articles share a rare name. */
function sameEntity(
  a: Spelling,
  b: Spelling,
  position: number,
  documents: readonly SpellingDocument[],
  rareIn: (key: string) => boolean,
): boolean {
  const person = a.person || b.person;
  if (person && position !== a.words.length - 1) return false;
  if (!person && !(a.org || b.org)) return false;
  const differing = new Set([a.words[position], b.words[position]]);
  const own = (key: string) => key.split(' ').some((w) => differing.has(w));
  for (const x of a.occurrences.slice(0, 20)) {
    for (const y of b.occurrences.slice(0, 20)) {
      if (x.article === y.article) return true;
      const other = new Set(documents[y.article].mentions);
      if (documents[x.article].mentions.some((k) => other.has(k) && !own(k) && rareIn(k))) return true;
    }
  }
  return false;
}

/** Articles using a spelling (in full or by its last word) from which it is a convention of the corpus, not a slip. */
const ESTABLISHED_ARTICLES = 3;

/**
 * Two names a letter or two apart, each used in several articles, and side by side in one of them
 * ("WHATWG TextEncoder" and "WHATWG TextDecoder" in an API reference): a writer who uses both in one page
 * knows they differ, and a slip is not repeated across pages.
 */
function establishedApart(a: Spelling, b: Spelling): boolean {
  if (a.support.size < ESTABLISHED_ARTICLES || b.support.size < ESTABLISHED_ARTICLES) return false;
  const [few, many] = a.support.size <= b.support.size ? [a, b] : [b, a];
  for (const article of few.support) if (many.support.has(article)) return true;
  return false;
}

export function nameSpellings(
  documents: readonly SpellingDocument[],
  options: NameSpellingOptions = NAME_SPELLING_DEFAULTS,
  focus?: ReadonlySet<string> | null,
): StageFindingDraft[] {
  const vocabulary = new Set<string>();
  const spellings = collectSpellings(documents, vocabulary);
  const counts = new Map<string, number>();
  for (const d of documents) for (const k of d.mentions) counts.set(k, (counts.get(k) ?? 0) + 1);
  const rare = Math.max(3, documents.length * 0.05);
  const rareIn = (k: string) => (counts.get(k) ?? 0) <= rare;
  // Spellings of one entity: a union of the pairs that pass, so three spellings form one group.
  const parent = new Map<Spelling, Spelling>();
  const find = (s: Spelling): Spelling => {
    let r = s;
    while (parent.has(r)) r = parent.get(r)!;
    return r;
  };
  for (const [a, b, i] of candidatePairs(spellings)) {
    if (!misspelt(a.words[i], b.words[i], options, vocabulary) || establishedApart(a, b)) continue;
    if (reorderedParts(writtenWord(a, i), writtenWord(b, i))) continue;
    if (!sameEntity(a, b, i, documents, rareIn)) continue;
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra.key < rb.key ? rb : ra, ra.key < rb.key ? ra : rb);
  }
  const groups = new Map<Spelling, Spelling[]>();
  for (const s of parent.keys()) (groups.get(find(s)) ?? groups.set(find(s), [find(s)]).get(find(s))!).push(s);
  const findings: StageFindingDraft[] = [];
  for (const group of groups.values()) findings.push(...groupFindings(group, focus));
  return boundPerArticle(findings, options.maxPerArticle);
}

/** Findings on the spellings fewer articles use (all of them on a tie), each listing every spelling. */
function groupFindings(group: Spelling[], focus?: ReadonlySet<string> | null): StageFindingDraft[] {
  const sorted = [...group].sort(
    (a, b) =>
      b.support.size - a.support.size || b.occurrences.length - a.occurrences.length || (a.key < b.key ? -1 : 1),
  );
  const most = sorted[0].support.size;
  const shown = (s: Spelling) =>
    `"${s.text}" (${s.occurrences
      .slice(0, 3)
      .map((o) => `${o.path}:${o.line}`)
      .join(', ')}${s.occurrences.length > 3 ? ` and ${s.occurrences.length - 3} more` : ''})`;
  const findings: StageFindingDraft[] = [];
  for (const s of sorted) {
    if (s.support.size === most && sorted.some((o) => o.support.size < most)) continue;
    const others = sorted.filter((o) => o !== s);
    for (const { article: _article, ...at } of s.occurrences) {
      if (focus && !focus.has(at.path)) continue;
      const related: RelatedLocation[] = others.flatMap((o) =>
        o.occurrences
          .slice(0, 5)
          .map((r) => ({ path: r.path, line: r.line, column: r.column, message: `Spelt "${o.text}" here.` })),
      );
      findings.push({
        ruleId: 'name-spelling',
        ...at,
        message:
          `"${s.text}" here, but ${others.map(shown).join(' and ')} — one name spelt ${group.length} ways? ` +
          `Spellings: ${sorted.map((o) => `"${o.text}" in ${plural(o.support.size, 'article')}`).join(', ')}.`,
        evidence: sorted.map((o) => o.key).join(' / '),
        related,
      });
    }
  }
  return findings;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
