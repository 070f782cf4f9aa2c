// Seeded synthetic corpus for the duplication benchmark and the LSH recall test.
// ~500-word news-like articles: a Zipf-distributed general vocabulary mixed with a per-topic vocabulary, in
// sentences and paragraphs. Planted near-duplicates (word substitutions at graded rates, so Jaccard spans
// roughly 0.3–1), excerpts (containment) and exact copies.

export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = (
  'ba be bi bo bu ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru sa se si so su ta te ti ' +
  'to tu va ve vi vo vu dra tre pli sto gru fen mor tal vin cas'
).split(' ');

function makeWords(rand, count) {
  const seen = new Set();
  const out = [];
  while (out.length < count) {
    const n = 2 + Math.floor(rand() * 3);
    let w = '';
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(rand() * SYLLABLES.length)];
    if (!seen.has(w)) {
      seen.add(w);
      out.push(w);
    }
  }
  return out;
}

/** Zipf sampler over [0, n) via a precomputed cumulative table. */
function zipf(rand, n, s = 1.05) {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) cdf[i] = sum += 1 / (i + 1) ** s;
  return () => {
    const x = rand() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** mulberry32 with its state exposed, so a document's text can be generated again from where it started. */
function seeded(seed) {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  rand.state = () => a;
  rand.restore = (state) => {
    a = state;
  };
  return rand;
}

const ORIGINAL = 0;
const NEAR = 1;
const EXCERPT = 2;

/**
 * The synthetic corpus one document at a time, without keeping the texts: each document records the generator state
 * it started from (and its source document), so `textOf(i)` generates an earlier text again, exactly. `next()` returns
 * { index, path, text, planted } (planted: the pair it plants, or null) and null after the last document. The sequence
 * is the same as generateCorpus's.
 * @param {{ n: number, seed?: number, words?: number, dupShare?: number }} options
 */
export function corpusStream({ n, seed = 42, words = 500, dupShare = 0.02 }) {
  const rand = seeded(seed);
  const general = makeWords(rand, 40000);
  const pickGeneral = zipf(rand, general.length);
  const topics = [];
  const topicCount = Math.max(50, Math.round(n / 25)); // about 25 articles per topic at every size
  for (let t = 0; t < topicCount; t++) topics.push(makeWords(rand, 150).map((w) => w + 'x'));
  const pickTopic = zipf(rand, 150, 0.9);
  const pad = String(n).length;
  const name = (i) => `synthetic/${String(i).padStart(pad, '0')}.txt`;
  const sentence = (topic) => {
    const len = 8 + Math.floor(rand() * 14);
    const parts = [];
    for (let i = 0; i < len; i++) parts.push(rand() < 0.15 ? topic[pickTopic()] : general[pickGeneral()]);
    parts[0] = parts[0][0].toUpperCase() + parts[0].slice(1);
    return parts.join(' ') + '.';
  };
  const original = (topic) => {
    const paragraphs = [];
    let count = 0;
    while (count < words) {
      const sentences = [];
      const k = 3 + Math.floor(rand() * 3);
      for (let s = 0; s < k && count < words; s++) {
        const text = sentence(topic);
        count += text.split(' ').length;
        sentences.push(text);
      }
      paragraphs.push(sentences.join(' '));
    }
    const title = sentence(topic).slice(0, -1).split(' ').slice(0, 6).join(' ');
    return `${title}\n\n${paragraphs.join('\n\n')}\n`;
  };
  const kind = new Uint8Array(n);
  const source = new Int32Array(n); // topic index of an original, source document of a copy
  const start = new Uint32Array(n); // generator state where the document's text starts
  const rates = new Float64Array(n);
  // The text of document i from its source's text, with the generator at state start[i].
  const body = (i, base) => {
    if (kind[i] === NEAR) return base.replace(/[a-z]+/g, (w) => (rand() < rates[i] ? general[pickGeneral()] : w));
    const paragraphs = base.split('\n\n');
    const at = 1 + Math.floor(rand() * Math.max(1, paragraphs.length - 3));
    return `Excerpt\n\n${paragraphs.slice(at, at + 3).join('\n\n')}\n`;
  };
  let done = 0;
  let earlier = null;
  const textOf = (i) => {
    if (i >= done) throw new Error(`document ${i} not generated yet`);
    if (earlier) return earlier(i);
    const resume = rand.state();
    const base = kind[i] === ORIGINAL ? null : textOf(source[i]);
    rand.restore(start[i]);
    const text = base === null ? original(topics[source[i]]) : body(i, base);
    rand.restore(resume);
    return text;
  };
  const next = () => {
    if (done === n) return null;
    const i = done;
    const r = rand();
    let text;
    let planted = null;
    if (i > 10 && r < dupShare) {
      // Near-duplicate of an earlier document: substitute words at a graded rate.
      kind[i] = NEAR;
      source[i] = Math.floor(rand() * i);
      rates[i] = 0.01 + rand() * 0.14;
      const base = textOf(source[i]);
      start[i] = rand.state();
      text = body(i, base);
      planted = { a: name(source[i]), b: name(i), kind: 'near', rate: rates[i] };
    } else if (i > 10 && r < dupShare * 1.25) {
      // Excerpt: two consecutive paragraphs of an earlier document.
      kind[i] = EXCERPT;
      source[i] = Math.floor(rand() * i);
      const base = textOf(source[i]);
      start[i] = rand.state();
      text = body(i, base);
      planted = { a: name(source[i]), b: name(i), kind: 'excerpt', rate: 0 };
    } else {
      kind[i] = ORIGINAL;
      source[i] = Math.floor(rand() * topics.length);
      start[i] = rand.state();
      text = original(topics[source[i]]);
    }
    done++;
    return { index: i, path: name(i), text, planted };
  };
  return {
    size: n,
    name,
    next,
    textOf,
    /** Serve earlier texts from a lookup instead of generating them again (generateCorpus keeps them anyway). */
    useLookup(lookup) {
      earlier = lookup;
    },
  };
}

/** @typedef {{ a: string, b: string, kind: string, rate: number }} Planted */

/**
 * The whole corpus in memory (the LSH test, bench/audit.js).
 * @param {{ n: number, seed?: number, words?: number, dupShare?: number }} options
 * @returns {{ docs: { path: string, text: string }[], planted: Planted[] }}
 */
export function generateCorpus(options) {
  const stream = corpusStream(options);
  const docs = [];
  const planted = [];
  stream.useLookup((i) => docs[i].text);
  for (let d = stream.next(); d; d = stream.next()) {
    docs.push({ path: d.path, text: d.text });
    if (d.planted) planted.push(d.planted);
  }
  return { docs, planted };
}

let IDENTITY = new Int32Array(0);

/**
 * Cheap Article builder for plain text (one block per paragraph, title first), equivalent in what the
 * duplication stage reads to articleFromText but ~50× faster and lighter: block texts are slices of the source
 * and sourceOffsets are views of one shared identity array. `deps` = { splitSentences, computeLineStarts }.
 */
export function fastArticle(path, text, deps) {
  if (IDENTITY.length < text.length + 2) {
    IDENTITY = new Int32Array(Math.max(text.length + 2, IDENTITY.length * 2, 65536));
    for (let i = 0; i < IDENTITY.length; i++) IDENTITY[i] = i;
  }
  const blocks = [];
  let words = 0;
  const re = /[^\n]+(?:\n[^\n]+)*/g;
  let m;
  while ((m = re.exec(text))) {
    const start = m.index;
    const end = start + m[0].length;
    const blockText = m[0];
    const heading = blocks.length === 0;
    blocks.push({
      kind: heading ? 'heading' : 'paragraph',
      ...(heading ? { depth: 1 } : {}),
      inList: false,
      text: blockText,
      sourceOffsets: IDENTITY.subarray(start, end + 1),
      sentences: heading ? [{ start: 0, end: blockText.length, text: blockText }] : deps.splitSentences(blockText),
    });
    words += blockText.split(' ').length;
  }
  return {
    path,
    source: {
      path,
      absolutePath: path,
      text,
      encoding: 'utf-8',
      byteLength: text.length,
      sha256: '',
      lineStarts: deps.computeLineStarts(text),
    },
    format: 'text',
    title: blocks[0]?.text ?? null,
    titleBlockIndex: blocks.length ? 0 : null,
    blocks,
    words,
    frontMatter: null,
    issues: [],
  };
}

/** Exact all-pairs shingle-set overlaps via an inverted index (pairs with no shared shingle have Jaccard 0). */
export function exactPairsAtLeast(sets, threshold) {
  const postings = new Map();
  sets.forEach((set, d) => {
    for (const h of set) {
      let list = postings.get(h);
      if (!list) postings.set(h, (list = []));
      list.push(d);
    }
  });
  const counts = new Map();
  for (const list of postings.values()) {
    if (list.length < 2) continue;
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) {
        const key = list[i] * sets.length + list[j];
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
  }
  const out = [];
  for (const [key, inter] of counts) {
    const a = Math.floor(key / sets.length);
    const b = key - a * sets.length;
    const jaccard = inter / (sets[a].length + sets[b].length - inter);
    if (jaccard >= threshold) out.push({ a, b, jaccard });
  }
  return out;
}
