// Storage for blocks' offset maps (Block.sourceOffsets), shared so that a document of many small blocks does not
// allocate a typed array (and its separate backing store) per block. The maps are only ever read.

// Most blocks map one-to-one onto a contiguous stretch of the source (plain paragraphs, headings). Their offset
// maps are views into one shared ascending array instead of 4 bytes per character each — at 100,000 articles
// this is the difference between ~1 GB and almost nothing.
let IDENTITY = new Int32Array(0);

/** Grow the shared identity array to at least `size` entries (the entries it has are kept, not refilled). */
export function reserveIdentity(size: number): void {
  if (IDENTITY.length >= size) return;
  const grown = new Int32Array(size);
  grown.set(IDENTITY);
  for (let i = IDENTITY.length; i < size; i++) grown[i] = i;
  IDENTITY = grown;
}

export function identityView(start: number, length: number): Int32Array {
  if (IDENTITY.length < start + length) reserveIdentity(Math.max(start + length, IDENTITY.length * 2, 1 << 16));
  return IDENTITY.subarray(start, start + length);
}

/** Shorter maps are kept as they are (a view costs more than it saves). */
export const COMPACT_MIN = 16;

/** Replace a contiguous offset map (offsets[i] === offsets[0] + i) with a shared view. */
export function compactOffsets(offsets: Int32Array): Int32Array {
  const n = offsets.length;
  if (n < COMPACT_MIN) return offsets;
  const first = offsets[0];
  for (let i = 1; i < n; i++) if (offsets[i] !== first + i) return offsets;
  return identityView(first, n);
}

/**
 * Maps that are not contiguous (a list item's lines without their `>` and indentation, text around an escape) are
 * written into a shared chunk and handed out as views of it: one small view object per block, no backing store of its
 * own. A chunk lives as long as the blocks that point into it (an article's blocks live and die together).
 */
const CHUNK = 1 << 16;
/** A map longer than this gets an array of its own (it would waste too much of a chunk). */
const OWN_ARRAY_FROM = CHUNK >> 3;

let chunk = new Int32Array(CHUNK);
let chunkTop = 0;

/**
 * The array a map of `length` entries is written into (from mapSlotStart(slot) on) before keepMap keeps it. Writing
 * there and not keeping it (a contiguous map that becomes an identity view instead) costs nothing.
 */
export function mapSlot(length: number): Int32Array {
  if (length > OWN_ARRAY_FROM) return new Int32Array(length);
  if (chunkTop + length > chunk.length) {
    chunk = new Int32Array(CHUNK);
    chunkTop = 0;
  }
  return chunk;
}

/** The start in `slot` (from mapSlot) at which the map is written. */
export function mapSlotStart(slot: Int32Array): number {
  return slot === chunk ? chunkTop : 0;
}

/** Keep the map written at mapSlotStart(slot) (its `length` entries) and return it. */
export function keepMap(slot: Int32Array, length: number): Int32Array {
  if (slot !== chunk) return slot;
  const map = chunk.subarray(chunkTop, chunkTop + length);
  chunkTop += length;
  return map;
}
