// Boilerplate shingles: text shared by many documents that is a *minority* of the documents sharing it (a footer, a
// disclaimer, a navigation line). A whole article copied into six or six thousand files is shared by as many
// documents, but it is all (or most) of each of them: that is content, and the copies must pair up. Counted in
// distinct texts, as sentence boilerplate is: identical copies of one article are one text, so a farm of copies can
// neither make a shared section frequent nor tip its "most of the page" vote.

import { frequentShingles } from './minhash.js';
import { combine, fmix32 } from './text.js';

/**
 * Shingles in more than `cut` distinct texts (frequentShingles, sampled above `sampleLimit` texts), less those that
 * make up at least half of the shingles of most texts containing them. Sorted ascending.
 */
export function boilerplateShingles(all: readonly Uint32Array[], cut: number, sampleLimit = 20000): Uint32Array {
  const sets = distinctSets(all);
  const frequent = frequentShingles(sets, cut, sampleLimit);
  if (frequent.length === 0) return frequent;
  const slot = new Map<number, number>();
  for (let k = 0; k < frequent.length; k++) slot.set(frequent[k], k);
  // A bit filter over the low hash bits answers most lookups (shingle hashes are fmix32 outputs: uniform bits).
  const bits = new Uint32Array(1 << 15);
  const mask = (1 << 20) - 1;
  for (let k = 0; k < frequent.length; k++) {
    const b = frequent[k] & mask;
    bits[b >>> 5] |= 1 << (b & 31);
  }
  const documents = new Int32Array(frequent.length);
  const mostly = new Int32Array(frequent.length);
  const hits: number[] = [];
  const n = sets.length;
  const step = Math.max(1, Math.ceil(n / sampleLimit));
  for (let i = 0; i < n; i += step) {
    const set = sets[i];
    hits.length = 0;
    for (let x = 0; x < set.length; x++) {
      const h = set[x];
      const b = h & mask;
      if ((bits[b >>> 5] & (1 << (b & 31))) === 0) continue;
      const k = slot.get(h);
      if (k !== undefined) hits.push(k);
    }
    if (hits.length === 0) continue;
    const majority = hits.length * 2 >= set.length;
    for (const k of hits) {
      documents[k]++;
      if (majority) mostly[k]++;
    }
  }
  const out: number[] = [];
  for (let k = 0; k < frequent.length; k++) if (mostly[k] * 2 < documents[k]) out.push(frequent[k]);
  return Uint32Array.from(out);
}

/** The sets with every set identical to an earlier one left out (empty sets too: they hold nothing to count). */
export function distinctSets(sets: readonly Uint32Array[]): Uint32Array[] {
  const out: Uint32Array[] = [];
  const byHash = new Map<number, Uint32Array[]>();
  for (const set of sets) {
    if (set.length === 0) continue;
    let h = fmix32(set.length);
    for (let x = 0; x < set.length; x++) h = fmix32(combine(h, set[x]));
    const earlier = byHash.get(h);
    if (earlier?.some((e) => sameSet(e, set))) continue;
    if (earlier) earlier.push(set);
    else byHash.set(h, [set]);
    out.push(set);
  }
  return out;
}

function sameSet(a: Uint32Array, b: Uint32Array): boolean {
  if (a.length !== b.length) return false;
  for (let x = 0; x < a.length; x++) if (a[x] !== b[x]) return false;
  return true;
}
