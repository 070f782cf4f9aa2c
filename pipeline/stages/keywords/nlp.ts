// Lazy wink-nlp part-of-speech tagging for a few candidate sentences. The model is loaded on first use only
// (≈0.2 s) and never for articles that have no candidate sentence.
import { createRequire } from 'node:module';

export interface PosToken {
  text: string;
  /** Offsets into the tagged string. */
  start: number;
  end: number;
  pos: string;
}

interface WinkDoc {
  tokens(): { out(f?: unknown): string[]; each(cb: (t: { out(f?: unknown): string }) => void): void };
}
interface Wink {
  readDoc(text: string): WinkDoc;
  its: { pos: unknown; value: unknown };
}

let nlp: Wink | null = null;
let loadFailed = false;
/** Counters for the benchmark / report: how many sentences were tagged and how long it took. */
export const nlpStats = { sentences: 0, chars: 0, ms: 0, loadMs: 0 };

function load(): Wink | null {
  if (nlp || loadFailed) return nlp;
  const t0 = performance.now();
  try {
    const require = createRequire(import.meta.url);
    const winkNLP = require('wink-nlp') as (model: unknown) => Wink;
    const model = require('wink-eng-lite-web-model') as unknown;
    nlp = winkNLP(model);
  } catch {
    loadFailed = true;
  }
  nlpStats.loadMs = performance.now() - t0;
  return nlp;
}

/** True when POS tagging is available (the optional model could be loaded). */
export function nlpAvailable(): boolean {
  return load() !== null;
}

const cache = new Map<string, PosToken[]>();

/** Tag one sentence. Joiners and no-break spaces should be replaced by spaces by the caller (same length). */
export function tagSentence(text: string): PosToken[] | null {
  const hit = cache.get(text);
  if (hit) return hit;
  const engine = load();
  if (!engine) return null;
  const t0 = performance.now();
  const doc = engine.readDoc(text);
  const tokens: PosToken[] = [];
  let cursor = 0;
  doc.tokens().each((t) => {
    const value = t.out();
    const pos = t.out(engine.its.pos);
    const at = text.indexOf(value, cursor);
    if (at < 0) return; // normalised token (rare): skip, neighbours still align
    tokens.push({ text: value, start: at, end: at + value.length, pos });
    cursor = at + value.length;
  });
  nlpStats.sentences++;
  nlpStats.chars += text.length;
  nlpStats.ms += performance.now() - t0;
  if (cache.size > 5000) cache.clear();
  cache.set(text, tokens);
  return tokens;
}
