// Convenience for tests, the API and benchmarks: text in memory → Article (load + normalise, no file system).
import { buildSource } from './load.js';
import { normalise } from './normalise.js';
import type { Article } from './types.js';

export function articleFromText(path: string, text: string | Uint8Array): Article {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const { source } = buildSource(path, path, bytes);
  if (!source) throw new Error(`${path}: not decodable as text`);
  return normalise(source);
}
