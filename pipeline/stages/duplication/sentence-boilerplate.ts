// Boilerplate sentences of the copied-passage search: text that many different pages carry — a footer, a disclaimer,
// a generated include such as the options a reference site repeats on every command page. It is the site's template,
// not a passage copied between two of its pages. Counted in distinct texts (identical copies of an article are one
// text, so copies elsewhere in the corpus cannot flip the verdict on a shared section), and then either of two
// signs: the text sits under one named heading in most pages that carry it (an include), or it is a minority of most
// of them (a footer). Text many pages carry without either — a pool of paragraphs that a content farm's articles are
// made of — is content: those pages share passages.
import type { SentenceCorpus, SentenceIndex } from './passages.js';
import { combine, fmix32 } from './text.js';

export interface SentenceBoilerplate {
  /** Hashes of sentences in more than `cut` distinct texts. */
  hashes: Set<number>;
  /**
   * For those of them that sit under one named heading in most of the texts that carry them (an include): that
   * heading, and any other under which two or more texts carry them (a second include that reuses the text). The
   * same sentence under any other heading was pasted there: it is no boilerplate at that place.
   */
  homes: Map<number, number[]>;
}

/** Is sentence s (global index) boilerplate where it stands? */
export function isBoilerplate(b: SentenceBoilerplate, c: SentenceCorpus, s: number): boolean {
  const h = c.sentenceHashes[s];
  if (!b.hashes.has(h)) return false;
  const homes = b.homes.get(h);
  return homes === undefined || homes.includes(c.sentenceHeadings[s]);
}

/**
 * Per document, the first document with the same sentences in the same order (itself when none before it): identical
 * copies of one article are one text however many files hold it.
 */
export function copyFamilies(c: SentenceCorpus): Int32Array {
  const n = c.words.length;
  const first = new Int32Array(n);
  const byHash = new Map<number, number[]>();
  for (let d = 0; d < n; d++) {
    const from = c.sentenceStart[d];
    const to = c.sentenceStart[d + 1];
    let h = fmix32(to - from);
    for (let s = from; s < to; s++) h = fmix32(combine(h, c.sentenceHashes[s]));
    first[d] = d;
    const earlier = byHash.get(h);
    if (!earlier) {
      byHash.set(h, [d]);
      continue;
    }
    const same = earlier.find((e) => sameSentences(c, e, d));
    if (same === undefined) earlier.push(d);
    else first[d] = same;
  }
  return first;
}

function sameSentences(c: SentenceCorpus, a: number, b: number): boolean {
  const fromA = c.sentenceStart[a];
  const fromB = c.sentenceStart[b];
  const count = c.sentenceStart[a + 1] - fromA;
  if (count !== c.sentenceStart[b + 1] - fromB || c.words[a] !== c.words[b]) return false;
  for (let k = 0; k < count; k++) {
    if (c.sentenceHashes[fromA + k] !== c.sentenceHashes[fromB + k]) return false;
    if (c.sentenceWords[fromA + k] !== c.sentenceWords[fromB + k]) return false;
  }
  return true;
}

/**
 * Sentences in more than `cut` distinct texts (identical copies of one article count once: six copies of an article
 * are one text, and their sentences stay content) that are an include (most places that carry it put it under one
 * named heading: that heading is its home) or a footer (a minority of most of the distinct texts that carry it).
 */
export function boilerplateSentences(c: SentenceCorpus, index: SentenceIndex, cut: number): SentenceBoilerplate {
  const { docOf, groups } = index;
  const family = copyFamilies(c);
  const frequent = frequentGroups(groups, docOf, family, cut);
  const hashes = new Set<number>();
  const homes = new Map<number, number[]>();
  if (!frequent.length) return { hashes, homes };
  const share = frequentShare(c, docOf, new Set(frequent.map(([h]) => h)));
  for (const [h, g, texts] of frequent) {
    const home = homeHeadings(c, g, docOf, family);
    if (home) homes.set(h, home);
    let minority = 0;
    for (const d of texts) if (share[d] * 2 < Math.max(1, c.words[d])) minority++;
    if (home || minority * 2 >= texts.length) hashes.add(h);
  }
  return { hashes, homes };
}

/** Groups of sentences in more than `cut` distinct texts, each with those texts (one document per text). */
function frequentGroups(
  groups: Map<number, number[]>,
  docOf: Int32Array,
  family: Int32Array,
  cut: number,
): [number, number[], number[]][] {
  const seen = new Int32Array(family.length).fill(-1);
  const frequent: [number, number[], number[]][] = [];
  let stamp = 0;
  for (const [h, g] of groups) {
    if (g.length <= cut) continue;
    stamp++;
    const texts: number[] = [];
    for (const s of g) {
      const f = family[docOf[s]];
      if (seen[f] === stamp) continue;
      seen[f] = stamp;
      texts.push(f);
    }
    if (texts.length > cut) frequent.push([h, g, texts]);
  }
  return frequent;
}

/** Words of each document inside the given sentences. */
function frequentShare(c: SentenceCorpus, docOf: Int32Array, frequent: Set<number>): Float64Array {
  const words = new Float64Array(c.words.length);
  for (let s = 0; s < c.sentenceHashes.length; s++)
    if (frequent.has(c.sentenceHashes[s])) words[docOf[s]] += c.sentenceWords[s];
  return words;
}

/**
 * The named heading under which most (distinct text, heading) places of a group stand, with every other heading that
 * two or more texts put it under; null when no named heading holds most of them.
 */
function homeHeadings(c: SentenceCorpus, group: number[], docOf: Int32Array, family: Int32Array): number[] | null {
  const places = new Map<number, Set<number>>();
  let total = 0;
  for (const s of group) {
    const heading = c.sentenceHeadings[s];
    let texts = places.get(heading);
    if (!texts) places.set(heading, (texts = new Set()));
    const before = texts.size;
    texts.add(family[docOf[s]]);
    total += texts.size - before;
  }
  let best = 0;
  let bestCount = 0;
  for (const [heading, texts] of places)
    if (texts.size > bestCount || (texts.size === bestCount && heading < best)) {
      best = heading;
      bestCount = texts.size;
    }
  if (best === 0 || bestCount * 2 <= total) return null;
  const homes = [best];
  for (const [heading, texts] of places) if (heading !== best && texts.size >= 2) homes.push(heading);
  return homes.sort((x, y) => x - y);
}
