// The focus scope: for a few documents in focus (a pull request against its corpus), the documents that can pair with
// them, and the corpus-wide quantities every decision about such a pair needs.
import type { StageDocument } from '../../stage.js';
import { boilerplateShingles } from './boilerplate.js';
import { layoutOf, type DuplicationFeatures, type Layout } from './features.js';
import { difference } from './minhash.js';
import type { CopiedPassageOptions, NearDuplicateOptions, SimilarContentOptions } from './options.js';
import { sentenceIndex, type SentenceCorpus } from './passages.js';
import { boilerplateSentences, type SentenceBoilerplate } from './sentence-boilerplate.js';
import { Store, StemIds } from './store.js';
import { fmix32 } from './text.js';
import { blendedIdf, postingCap, topTerms, vectorOf } from './vectors.js';

type Doc = StageDocument<DuplicationFeatures>;

/** Shingles in more than this many documents are boilerplate. */
export const boilerplateCut = (near: NearDuplicateOptions, corpusSize: number) =>
  Math.max(near.boilerplateMinDocs, near.boilerplateShare * corpusSize);

/**
 * Corpus-wide quantities for `compare` when it sees only part of the corpus (the focus scope): every document's
 * share of them is counted, so the part compares exactly as it would inside the whole.
 */
export interface CorpusGlobals {
  /** Documents in the whole corpus (idf, boilerplate cut, posting cap). */
  n: number;
  /** Stem ids assigned over the whole corpus in path order (the same ids, tie-breaks and summation order). */
  ids: StemIds;
  /** Document frequency per stem id over the whole corpus. */
  df: Int32Array;
  /** Boilerplate shingles of the whole corpus. */
  frequent: Uint32Array;
  /** Boilerplate sentences of the whole corpus. */
  frequentSentences: SentenceBoilerplate;
}

/**
 * Stem hash or shingle hash → small int, for the few thousand keys of focus documents, probed with every key of the
 * corpus (millions): a bit filter (~3 % false positives) answers most probes before the table is touched.
 */
class HashSlots {
  private readonly keys: Uint32Array;
  private readonly values: Int32Array;
  private readonly mask: number;
  private readonly bits: Uint32Array;
  private readonly shift: number;
  constructor(expected: number) {
    let size = 16;
    while (size < expected * 2) size <<= 1;
    this.keys = new Uint32Array(size);
    this.values = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    let logBits = 10;
    while (1 << logBits < expected * 32 && logBits < 22) logBits++;
    this.bits = new Uint32Array(1 << (logBits - 5));
    this.shift = 32 - logBits;
  }
  set(key: number, value: number): void {
    const bit = Math.imul(key, 0x9e3779b1) >>> this.shift;
    this.bits[bit >>> 5] |= 1 << (bit & 31);
    let slot = fmix32(key) & this.mask;
    while (this.values[slot] !== -1 && this.keys[slot] !== key) slot = (slot + 1) & this.mask;
    this.keys[slot] = key;
    this.values[slot] = value;
  }
  /** The value of `key`, or -1. */
  get(key: number): number {
    const bit = Math.imul(key, 0x9e3779b1) >>> this.shift;
    if ((this.bits[bit >>> 5] & (1 << (bit & 31))) === 0) return -1;
    let slot = fmix32(key) & this.mask;
    for (;;) {
      const v = this.values[slot];
      if (v === -1 || this.keys[slot] === key) return v;
      slot = (slot + 1) & this.mask;
    }
  }
}

/**
 * The focus scope: the corpus-wide quantities from every document's features (stem ids in path order, document
 * frequencies, boilerplate), and the documents that can form a reported pair with a focus document:
 *  - tier 1: those sharing a shingle (boilerplate aside) with one — a MinHash bin or band matches only on a shared
 *    shingle (or on one of the 2^31 hash values two shingles share, which is ignored), containment needs shared ones;
 *  - tier 2: those containing `minSharedTerms` of one's top terms (candidates share that many top terms), and every
 *    document containing a top term of one that is in more than `maxPostings` documents (the cap on a term's postings
 *    then needs its exact count).
 * Within the scope, every decision about a pair with a focus document uses the same inputs as over the whole corpus.
 */
export function focusScope(
  docs: readonly Doc[],
  focus: ReadonlySet<string>,
  near: NearDuplicateOptions,
  similar: SimilarContentOptions,
  copied: CopiedPassageOptions,
): { docs: Doc[]; globals: CorpusGlobals } {
  const n = docs.length;
  const { ids, df, sets, layouts } = corpusStems(docs, near);
  const frequent = boilerplateShingles(sets, boilerplateCut(near, n));
  const sentences = sentenceCorpusOf(
    docs.map((d) => d.features),
    layouts,
  );
  const frequentSentences = boilerplateSentences(
    sentences,
    sentenceIndex(sentences, copied.minSentenceWords),
    boilerplateCut(near, n),
  );
  const focusIndices: number[] = [];
  for (let i = 0; i < n; i++) if (focus.has(docs[i].path)) focusIndices.push(i);
  const keep = new Uint8Array(n);
  for (const i of focusIndices) keep[i] = 1;

  keepSharingShingle(sets, frequent, focusIndices, keep);
  // Tier 2: the focus documents' top terms, as compare() will compute them.
  const idf = blendedIdf(df, ids.background, ids.count, n, similar);
  const eligible = focusIndices.filter((i) => docs[i].features[2] >= similar.minWords);
  const terms = focusTopTerms(docs, eligible, ids, df, idf, near, similar);
  keepSharingTopTerms(docs, layouts, keep, terms, eligible.length, similar);

  const scoped: Doc[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) scoped.push(docs[i]);
  return { docs: scoped, globals: { n, ids, df, frequent, frequentSentences } };
}

/** The whole-corpus pass: stem ids in path order with their document frequencies, and each document's shingles. */
function corpusStems(
  docs: readonly Doc[],
  near: NearDuplicateOptions,
): { ids: StemIds; df: Int32Array; sets: Uint32Array[]; layouts: Layout[] } {
  const n = docs.length;
  const ids = new StemIds();
  let df = new Int32Array(1 << 16);
  const sets: Uint32Array[] = new Array(n);
  const layouts: Layout[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const f = docs[i].features;
    const l = (layouts[i] = layoutOf(f, docs[i].path, near.shingleSize));
    sets[i] = f.subarray(l.shingles, l.shingles + l.shingleCount);
    for (let x = l.stems; x < l.stems + l.stemCount; x++) {
      const id = ids.id(f[x]);
      if (id === df.length) {
        const grown = new Int32Array(df.length * 2);
        grown.set(df);
        df = grown;
      }
      df[id]++;
    }
  }
  return { ids, df, sets, layouts };
}

/** Tier 1: keeps every document sharing a shingle (boilerplate aside) with a focus document. */
function keepSharingShingle(
  sets: Uint32Array[],
  frequent: Uint32Array,
  focusIndices: number[],
  keep: Uint8Array,
): void {
  const focusShingles = focusIndices.map((i) => difference(sets[i], frequent));
  const shingleSlots = new HashSlots(focusShingles.reduce((sum, set) => sum + set.length, 0));
  for (const set of focusShingles) for (let x = 0; x < set.length; x++) shingleSlots.set(set[x], 1);
  for (let i = 0; i < sets.length; i++) {
    if (keep[i]) continue;
    const set = sets[i];
    for (let x = 0; x < set.length; x++) {
      if (shingleSlots.get(set[x]) !== -1) {
        keep[i] = 1;
        break;
      }
    }
  }
}

/** An owner of a top term that is in more than maxPostings documents: any document containing it is kept. */
const HEAVY_TERM = -2;

/**
 * Per top term of the eligible focus documents (by stem hash, through `slots`): the focus documents (ordinals into
 * `eligible`) that have it, or HEAVY_TERM for a term in more than maxPostings documents.
 */
interface FocusTerms {
  slots: HashSlots;
  owners: number[][];
}

function focusTopTerms(
  docs: readonly Doc[],
  eligible: number[],
  ids: StemIds,
  df: Int32Array,
  idf: Float32Array,
  near: NearDuplicateOptions,
  similar: SimilarContentOptions,
): FocusTerms {
  const mini = new Store(
    eligible.map((i) => docs[i].features),
    eligible.map((i) => docs[i].path),
    near.shingleSize,
    ids,
  );
  const topK = similar.topTerms;
  const maxPostings = postingCap(similar, docs.length);
  let maxTerms = 0;
  for (let k = 0; k < eligible.length; k++) maxTerms = Math.max(maxTerms, mini.termStart[k + 1] - mini.termStart[k]);
  const counts = new Int32Array(maxTerms);
  const top = new Int32Array(topK);
  const scratch = new Int32Array(topK);
  const owners: number[][] = [];
  const slots = new HashSlots(eligible.length * topK);
  for (let k = 0; k < eligible.length; k++) {
    const m = topTerms(vectorOf(mini.view(k), idf, null, counts), topK, scratch, top, 0);
    for (let x = 0; x < m; x++) {
      const hash = ids.hashes[top[x]] >>> 0;
      let e = slots.get(hash);
      if (e === -1) {
        e = owners.length;
        owners.push([]);
        slots.set(hash, e);
      }
      owners[e].push(df[top[x]] > maxPostings ? HEAVY_TERM : k);
    }
  }
  return { slots, owners };
}

/**
 * Tier 2: keeps every document (long enough to compare) containing `minSharedTerms` of one focus document's top
 * terms, or any heavy top term.
 */
function keepSharingTopTerms(
  docs: readonly Doc[],
  layouts: readonly Layout[],
  keep: Uint8Array,
  terms: FocusTerms,
  eligibleCount: number,
  similar: SimilarContentOptions,
): void {
  const { slots, owners } = terms;
  const shared = new Int32Array(eligibleCount);
  const touched: number[] = [];
  for (let i = 0; i < docs.length; i++) {
    if (keep[i] || docs[i].features[2] < similar.minWords) continue;
    const f = docs[i].features;
    const l = layouts[i];
    for (let x = l.stems; x < l.stems + l.stemCount && !keep[i]; x++) {
      const e = slots.get(f[x]);
      if (e === -1) continue;
      for (const owner of owners[e]) {
        if (owner === HEAVY_TERM) {
          keep[i] = 1;
          break;
        }
        if (shared[owner]++ === 0) touched.push(owner);
        if (shared[owner] >= similar.minSharedTerms) {
          keep[i] = 1;
          break;
        }
      }
    }
    for (const owner of touched) shared[owner] = 0;
    touched.length = 0;
  }
}

/** Sentence hashes and word counts of every document, read from the features (the focus scope's whole-corpus pass). */
export function sentenceCorpusOf(features: readonly Uint32Array[], layouts: readonly Layout[]): SentenceCorpus {
  const n = features.length;
  const words = new Int32Array(n);
  const sentenceStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) sentenceStart[i + 1] = sentenceStart[i] + layouts[i].sentenceCount;
  const sentenceWords = new Int32Array(sentenceStart[n]);
  const sentenceHashes = new Uint32Array(sentenceStart[n]);
  const sentenceHeadings = new Uint32Array(sentenceStart[n]);
  for (let i = 0; i < n; i++) {
    const f = features[i];
    const l = layouts[i];
    words[i] = l.words;
    for (let x = 0; x < l.sentenceCount; x++) {
      sentenceWords[sentenceStart[i] + x] = l.wideSentences ? f[l.sentences + 2 * x + 1] : f[l.sentences + x] >>> 16;
      sentenceHashes[sentenceStart[i] + x] = f[l.hashes + x];
      sentenceHeadings[sentenceStart[i] + x] = f[l.headings + x];
    }
  }
  return { words, sentenceStart, sentenceWords, sentenceHashes, sentenceHeadings };
}
