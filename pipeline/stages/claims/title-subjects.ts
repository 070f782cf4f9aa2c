// Two pages whose titles name two different things are two pages of one family (the reference pages of two commands,
// two products, two releases), not two versions of one article: what differs between their sentences is each
// page's own value. Used by changed-fact (versions.ts) before a related pair's sentences are compared.
//
// A title names its subject with an identifier ("HIP_STANDARD", "CMP0090", "Node.js") or a number inside a name
// ("Visual Studio 16 2019", "CMake 3.1"); a headline states something in ordinary words ("Death toll rises to 62").
// Only a swap — a name in each title that the other title lacks — says "another subject": a version that rewords
// its headline or adds a name to it keeps its subject.
//
// A page's first heading is not always its title: converted manual pages open with a section label ("NAME",
// "Overview") followed by sections of the same rank, and name their subject in the line under it ("perlfoo - what
// is new for release 2.4"). There the subject is that line (`subjectLine`).
import type { Article } from '../../types.js';

/**
 * What names the page's subject: its title, or — when the title is a heading that a later heading of the same or a
 * higher rank follows (a section label, not the heading of the whole page) — the first sentence of the paragraph
 * right under it. A title from front matter, or a label with no paragraph under it, stays the subject.
 */
export function subjectLine(article: Article): string {
  const title = article.title ?? '';
  const k = article.titleBlockIndex;
  if (k === null || article.blocks[k]?.text !== title) return title;
  const depth = article.blocks[k].depth ?? 1;
  let section = false;
  for (let i = k + 1; i < article.blocks.length && !section; i++) {
    const b = article.blocks[i];
    section = b.kind === 'heading' && (b.depth ?? 1) <= depth;
  }
  const next = article.blocks[k + 1];
  if (!section || next?.kind !== 'paragraph') return title;
  return (next.sentences[0]?.text ?? next.text).trim() || title;
}

/** Title words: split at spaces, with a heading id (`{#id}`), enclosing quotes and trailing punctuation removed. */
function titleTokens(title: string): string[] {
  return title
    .replace(/\{#[^}]*\}/g, ' ')
    .split(/\s+/)
    .map((t) => t.replace(/^["'“‘[]+/, '').replace(/["'”’\],:;!?.]+$/, ''))
    .map((t) => t.replace(/['’]s$/, ''))
    .filter((t) => t.length > 0);
}

/** A quantity, not a name: "2004", "3.1", "£484bn", "12%", "1990s", "5th". */
const QUANTITY = /^[£$€¥]?\d[\d.,]*(?:bn|m|k|s|st|nd|rd|th|%)?$/i;
const NUMBER = /^\d[\d.,]*$/;

/**
 * An identifier names one thing whatever the corpus: an underscore ("set_property"), letters and digits together
 * ("CMP0090", "C++17"), a dot or a capital inside letters ("Node.js", "iPhone"), a manual section ("cmake(1)"), or an
 * acronym of two capitals or more ("HIP", "EU").
 */
function identifier(token: string): boolean {
  if (QUANTITY.test(token)) return false;
  return (
    token.includes('_') ||
    (/\d/.test(token) && /[A-Za-z]/.test(token)) ||
    /[A-Za-z]\.[A-Za-z]/.test(token) ||
    /[a-z][A-Z]/.test(token) ||
    /\w\(\w*\)$/.test(token) ||
    /^[A-Z]{2,}$/.test(token)
  );
}

/** Words of a title-case headline that are never part of a name ("Death Toll Rises To 62"). */
const FUNCTION_WORDS = new Set([
  ...'a an the and or but nor of to in on at by for from with'.split(' '),
  ...'into onto over under about after before since until than as per via vs'.split(' '),
]);

/** A capitalised word that names something: not one the corpus writes in lower case (`isWord`), not a function word. */
function nameWord(token: string, isWord: (word: string) => boolean): boolean {
  const lower = token.toLowerCase();
  return /^\p{Lu}\p{Ll}/u.test(token) && !FUNCTION_WORDS.has(lower) && !isWord(lower);
}

/**
 * The title word at `k` names the page's subject: an identifier, or a number right after a name word or another such
 * number ("Studio 16", "16 2019", "CMake 3.1"; not "to 62", "Rises 62"). A capitalised word alone is not enough: a
 * version may reword a title-case headline with words the corpus happens not to write in lower case.
 */
function nameAt(tokens: readonly string[], k: number, isWord: (word: string) => boolean): boolean {
  const t = tokens[k];
  if (!NUMBER.test(t)) return identifier(t);
  return k > 0 && (nameAt(tokens, k - 1, isWord) || nameWord(tokens[k - 1], isWord));
}

/** Names in one title that the other title lacks (compared case-insensitively). */
function namesOnlyIn(tokens: readonly string[], other: ReadonlySet<string>, isWord: (word: string) => boolean) {
  return tokens.filter((t, k) => !other.has(t.toLowerCase()) && nameAt(tokens, k, isWord));
}

/**
 * The two titles name two different subjects: each has a name the other lacks ("Visual Studio 16 2019" / "Visual
 * Studio 17 2022", "define_property" / "set_property"). False when a title is missing or the same.
 */
export function differentSubjects(titleA: string, titleB: string, isWord: (word: string) => boolean): boolean {
  const a = titleTokens(titleA);
  const b = titleTokens(titleB);
  if (a.length === 0 || b.length === 0) return false;
  const lowerA = new Set(a.map((t) => t.toLowerCase()));
  const lowerB = new Set(b.map((t) => t.toLowerCase()));
  return namesOnlyIn(a, lowerB, isWord).length > 0 && namesOnlyIn(b, lowerA, isWord).length > 0;
}
