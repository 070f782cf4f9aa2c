// Content hashes of plain values (config options, rule data) for cache keys: stable across key order and runs; and
// FNV-1a, the fast 32-bit string hash of the rules' hash tables and of the shipped bigram table.
import { createHash } from 'node:crypto';

/** Deterministic serialisation for hashing: sorted object keys, Maps and Sets by sorted entries, typed arrays. */
function feed(hash: ReturnType<typeof createHash>, value: unknown, seen: Set<object>): void {
  if (value === null) return void hash.update('n;');
  switch (typeof value) {
    case 'undefined':
      return void hash.update('u;');
    case 'string':
      return void hash.update(`s${value.length}:`).update(value);
    case 'number':
      return void hash.update(`d${Object.is(value, -0) ? '-0' : String(value)};`);
    case 'boolean':
      return void hash.update(value ? 't;' : 'f;');
    case 'bigint':
      return void hash.update(`b${value};`);
    case 'object':
      break;
    default:
      throw new TypeError(`cannot hash a ${typeof value}`);
  }
  const object = value as object;
  if (seen.has(object)) throw new TypeError('cannot hash a cyclic structure');
  seen.add(object);
  if (ArrayBuffer.isView(object)) {
    hash
      .update(`v${object.constructor.name}${object.byteLength}:`)
      .update(new Uint8Array(object.buffer, object.byteOffset, object.byteLength));
  } else if (Array.isArray(object)) {
    hash.update(`a${object.length}[`);
    for (const item of object) feed(hash, item, seen);
    hash.update(']');
  } else if (object instanceof Map) {
    const entries = [...object.entries()]
      .map(([k, v]) => [stableHash(k), v] as const)
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    hash.update(`m${entries.length}{`);
    for (const [k, v] of entries) {
      hash.update(k);
      feed(hash, v, seen);
    }
    hash.update('}');
  } else if (object instanceof Set) {
    const items = [...object].map((item) => stableHash(item)).sort();
    hash.update(`e${items.length}{${items.join(',')}}`);
  } else if (object instanceof RegExp) {
    hash.update(`r${object.source}/${object.flags};`);
  } else if (object instanceof Date) {
    hash.update(`t${object.getTime()};`);
  } else {
    const keys = Object.keys(object).sort();
    hash.update(`o${keys.length}{`);
    for (const key of keys) {
      hash.update(`${key.length}:${key}`);
      feed(hash, (object as Record<string, unknown>)[key], seen);
    }
    hash.update('}');
  }
  seen.delete(object);
}

/** Hash of a value's content (throws on functions, symbols and cycles). */
export function stableHash(value: unknown): string {
  const hash = createHash('sha256');
  feed(hash, value, new Set());
  return hash.digest('hex');
}

/** FNV-1a, 32 bits, over UTF-16 code units (unsigned). Fast, not collision-safe: hash tables and pre-filters only. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
