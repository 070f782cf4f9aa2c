// Storage for blocks' offset maps (Block.sourceOffsets), shared so that a document of many small blocks does not
// allocate a typed array (and its separate backing store) per block. The maps are only ever read.

// Most blocks map one-to-one onto a contiguous stretch of the source (plain paragraphs, headings). Their offset
// maps are views into one shared ascending array instead of 4 bytes per character each — at 100,000 articles
// this is the difference between ~1 GB and almost nothing.
//
// The module keeps that array between documents only up to KEPT_IDENTITY entries (4 MB). A larger document (up to
// maxFileBytes, 20 MB by default) gets a larger array held weakly: its blocks' views keep it alive while they live,
// and a worker that met one large file does not hold an array of that file's size for the rest of its run.
export const KEPT_IDENTITY = 1 << 20;
let IDENTITY: Int32Array = new Int32Array(0);
let largeIdentity: WeakRef<Int32Array> | null = null;

/** An ascending array of `size` entries (i at index i), its first entries copied from `from`. */
function ascending(size: number, from: Int32Array): Int32Array {
  const grown = new Int32Array(size);
  grown.set(from.subarray(0, Math.min(from.length, size)));
  for (let i = Math.min(from.length, size); i < size; i++) grown[i] = i;
  return grown;
}

/** The large identity array while it is alive, else the kept one. */
function longestIdentity(): Int32Array {
  const large = largeIdentity?.deref();
  return large && large.length > IDENTITY.length ? large : IDENTITY;
}

/** An identity array of at least `size` entries (grown to exactly `size` when none is that long). */
export function reserveIdentity(size: number): Int32Array {
  if (IDENTITY.length >= size) return IDENTITY;
  if (size <= KEPT_IDENTITY) {
    IDENTITY = ascending(size, IDENTITY);
    return IDENTITY;
  }
  const longest = longestIdentity();
  if (longest.length >= size) return longest;
  const grown = ascending(size, longest);
  largeIdentity = new WeakRef(grown);
  return grown;
}

export function identityView(start: number, length: number): Int32Array {
  const end = start + length;
  let identity = IDENTITY.length >= end ? IDENTITY : longestIdentity();
  if (identity.length < end) {
    // Grown by doubling (a text file is not reserved for up front), the kept array not past its bound.
    const doubled = Math.max(end, identity.length * 2, 1 << 16);
    identity = reserveIdentity(end <= KEPT_IDENTITY ? Math.min(doubled, KEPT_IDENTITY) : doubled);
  }
  return identity.subarray(start, end);
}

/** Entries of the identity array the module holds between documents (for the test that it stays bounded). */
export function keptIdentityLength(): number {
  return IDENTITY.length;
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
 * own. A chunk is shared by the articles normalised one after another and lives as long as any block that points into
 * it: a block kept after its article (a cache of blocks) keeps its whole chunk (256 KB) alive.
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
