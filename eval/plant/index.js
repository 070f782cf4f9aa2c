// Glitch-planting generator for the real-prose evaluation. Written from the evaluation brief only (see README.md).
// plantCorpus({ sources, genre, seed, naturalOverlaps }) → { files, labels, relations, untouched }
import { Rng, hash32 } from './prng.js';
import { misdecode, doubleMisdecode, hasC1 } from './codepages.js';
import { parseSource, protectedRanges, inRanges, sentenceSpans, sentenceTokens, FUNCTION_WORDS } from './text.js';
import * as L from './lexicon.js';

const NBSP = '\u00A0';
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const QUOTES_NEWS = ['One official put it bluntly: "We have been waiting for this decision for far too long and nobody here is surprised."'];
const QUOTES_DOCS = [
  'As one maintainer summed it up, "keep the template declarative and move anything clever into a computed property or a composable."',
  'The core team\'s advice is simple: "reach for the simplest tool that works, and only add abstractions when the repetition actually hurts."',
  'A common rule of thumb is "if you need to explain the expression, it probably belongs in the script rather than the template."',
];
const NUMBER_WORDS = ['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

/** Minimum counts for the news genre; docs use max(2, ceil(n / 2)). */
const NEWS_COUNTS = {
  truncation: { 'mid-word': 4, 'after-function-word': 4, 'after-comma': 4, 'dangling-clause': 4, 'inside-quotation': 4,
    'final-list-item': 4, 'inside-link': 4, 'inside-table-row': 4, 'after-abbreviation': 4 },
  splice: { 'script-space': 6, 'script-nbsp': 6, 'nbsp-joined': 6, 'misdecoded-nbsp': 6, 'lowercase-commercial': 6, 'titlecase-anchor': 6 },
  mojibake: { cp1252: 4, cp1257: 4, 'latin1-c1': 4, macroman: 4, 'double-utf8': 4, 'quotes-dashes': 4, 'mixed-line': 4 },
  'dropped-word': { 'double-space': 16, 'nbsp-space': 4 },
  duplicate: { 'exact-copy': 4, 'light-edit': 4, 'heavy-spin': 4, excerpt: 4, 'reused-paragraph': 4 },
  claim: { 'changed-fact': 24, 'independent-conflict': 20 },
  compatible: { 'money-scale': 4, rounding: 4, 'name-variant': 4, hedge: 4, 'two-subjects': 4 },
  lookalike: { 'quoted-foreign': 4, 'parenthesised-script': 4, 'nbsp-unit': 4, 'list-ending': 4, 'table-ending': 4, acronyms: 4, 'event-name': 4 },
};

export function countsFor(genre) {
  const out = {};
  for (const [k, vs] of Object.entries(NEWS_COUNTS)) {
    out[k] = {};
    for (const [v, n] of Object.entries(vs)) out[k][v] = genre === 'news' ? n : Math.max(2, Math.ceil(n / 2));
  }
  if (genre !== 'news') out['dropped-word'] = { 'double-space': 8, 'nbsp-space': 2 };
  return out;
}

const cap = (w) => w[0].toUpperCase() + w.slice(1);
const ext = (p) => p.slice(p.lastIndexOf('.'));
const stem = (p) => p.slice(0, p.lastIndexOf('.'));
const category = (name) => name.split(/[-_]/)[0];

export function plantCorpus({ sources, genre, seed, naturalOverlaps = [] }) {
  const P = new Planter(sources, genre, seed, naturalOverlaps);
  return P.run();
}

class Planter {
  constructor(sources, genre, seed, naturalOverlaps) {
    this.genre = genre;
    this.docs = genre === 'docs';
    this.rng = new Rng((hash32(`${genre}:${seed}`) ^ Math.imul(seed | 0, 2654435761)) >>> 0);
    this.counts = countsFor(genre);
    const sorted = sources.slice().sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const natural = new Set(naturalOverlaps.flat());
    this.naturalPairs = naturalOverlaps;
    this.files = sorted.map((s) => {
      const parsed = parseSource(s.text, genre);
      return {
        name: s.name, path: s.name, source: s.text, blocks: parsed.blocks, trailing: parsed.trailing,
        natural: natural.has(s.name), plants: 0, origin: false, reservedAll: false, exclusive: false, truncated: false,
        md: s.name.endsWith('.md'), derived: false, wantsMd: false,
      };
    });
    this.byName = new Map(this.files.map((f) => [f.name, f]));
    this.derived = [];
    this.labels = [];
    this.relations = [];
    this.usedPaths = new Set(this.files.map((f) => f.name));
    this.nTouched = 0;
    this.maxTouched = Math.floor(this.files.length * 0.6) - 1;
    this.maxPlants = this.docs ? 6 : 2;
    this.warnings = [];
  }

  // ---------------------------------------------------------------- host selection
  touchedCount() { return this.nTouched; }
  proseBlocks(f) { return f.blocks.filter((b) => b.kind === 'para' && !b.used && !b.reserved); }
  canHost(f, opts = {}) {
    if (f.natural || f.reservedAll || f.derived) return false;
    if (f.exclusive) return false;
    if (opts.fresh && f.plants > 0) return false;
    if (opts.noOrigin && f.origin) return false;
    if (opts.notTruncated && f.truncated) return false;
    if (opts.category && category(f.name) === opts.category) return false;
    if (opts.avoid && opts.avoid.has(f.name)) return false;
    if (f.plants >= this.maxPlants) return false;
    if (f.plants === 0 && this.touchedCount() >= this.maxTouched) return false;
    return true;
  }
  /** Try hosts in random order; `fn(file)` returns a result (truthy) when it planted. Prefers fresh files if asked. */
  withHost(fn, opts = {}) {
    const order = this.rng.shuffle(this.files);
    const tiers = opts.preferFresh ? [{ ...opts, fresh: true }, opts] : [opts];
    for (const o of tiers) {
      for (const f of order) {
        if (!this.canHost(f, o)) continue;
        const snap = { blocks: f.blocks.slice(), texts: f.blocks.map((b) => [b.text, b.used, b.kind]), wantsMd: f.wantsMd, truncated: f.truncated, nl: this.labels.length };
        const r = fn(f);
        if (r) {
          if (f.plants++ === 0) this.nTouched++;
          if (o.exclusive) f.exclusive = true;
          return r;
        }
        // roll back any partial edit
        f.blocks = snap.blocks;
        snap.blocks.forEach((b, i) => { [b.text, b.used, b.kind] = snap.texts[i]; });
        f.wantsMd = snap.wantsMd;
        f.truncated = snap.truncated;
        this.labels.length = snap.nl;
      }
    }
    return null;
  }
  pickBlock(f, pred = () => true) {
    const c = this.proseBlocks(f).filter((b) => pred(b));
    return c.length ? this.rng.pick(c) : null;
  }
  /** Pick an origin file (kept byte-identical) for a derived file. */
  pickOrigin(pred, { full = false } = {}) {
    const order = this.rng.shuffle(this.files);
    for (const f of order) {
      if (f.natural || f.origin || f.derived || f.plants > 0 || f.exclusive) continue;
      if (!pred(f)) continue;
      f.origin = true;
      if (full || !this.docs) f.reservedAll = true;
      return f;
    }
    return null;
  }
  newPath(base, e) {
    for (let i = 2; ; i++) {
      const p = `${stem(base)}-v${i}${e}`;
      if (!this.usedPaths.has(p)) { this.usedPaths.add(p); return p; }
    }
  }
  addDerived(origin, blocks, how) {
    const d = { name: origin.name, path: this.newPath(origin.name, ext(origin.name)), blocks, trailing: origin.trailing,
      derived: true, originFile: origin, plants: 0 };
    this.derived.push(d);
    this.relations.push({ a: origin, b: d, how });
    return d;
  }
  label(o) { this.labels.push(o); return o; }

  // ---------------------------------------------------------------- main
  run() {
    this.planDuplicates();
    this.reserveExcerptOrigins();
    this.planClaims();
    this.planCompatible();
    this.planTruncations();
    this.planLookalikes();
    this.planConflictPairs();
    this.planExcerpts();
    this.planSplices();
    this.planMojibake();
    this.planDropped();
    this.planMarkdown();
    return this.finalize();
  }

  // ================================================================ duplicates
  planDuplicates() {
    const C = this.counts.duplicate;
    const enoughParas = (f) => f.blocks.filter((b) => b.kind === 'para').length >= 3;
    const copy = (f) => f.blocks.map((b) => ({ ...b }));
    for (let i = 0; i < C['exact-copy']; i++) {
      const A = this.pickOrigin(enoughParas, { full: true });
      if (!A) break;
      const d = this.addDerived(A, copy(A), 'exact-copy');
      this.label({ kind: 'duplicate', variant: 'exact-copy', file: d, whole: true, other: { file: A, whole: true } });
    }
    { // many copies: the origin plus five derived copies = six identical files
      const A = this.pickOrigin(enoughParas, { full: true });
      if (A) {
        const copies = [];
        for (let i = 0; i < 5; i++) copies.push(this.addDerived(A, copy(A), 'exact-copy'));
        for (let i = 0; i < copies.length; i++) for (let j = i + 1; j < copies.length; j++) this.relations.push({ a: copies[i], b: copies[j], how: 'exact-copy' });
        for (const d of copies) this.label({ kind: 'duplicate', variant: 'many-copies', file: d, whole: true, other: { file: A, whole: true }, note: '6 identical files' });
      }
    }
    for (let i = 0; i < C['light-edit']; i++) {
      const A = this.pickOrigin(enoughParas, { full: true });
      if (!A) break;
      const blocks = copy(A);
      const paras = blocks.filter((b) => b.kind === 'para');
      let changes = 0;
      for (const b of this.rng.shuffle(paras).slice(0, 4)) { const r = this.synonymize(b.text, 1); if (r.n) { b.text = r.text; changes++; } }
      // drop one sentence from a paragraph with several sentences
      const multi = paras.filter((b) => sentenceSpans(b.text).length >= 3);
      if (multi.length) {
        const b = this.rng.pick(multi);
        const sp = sentenceSpans(b.text);
        const k = this.rng.int(1, sp.length - 1);
        b.text = (b.text.slice(0, sp[k].s) + b.text.slice(k + 1 < sp.length ? sp[k + 1].s : sp[k].e)).trimEnd();
      }
      const d = this.addDerived(A, blocks, 'light-edit');
      this.label({ kind: 'duplicate', variant: 'light-edit', file: d, whole: true, other: { file: A, whole: true }, note: `${changes} words changed, 1 sentence dropped` });
    }
    for (let i = 0; i < C['heavy-spin']; i++) {
      const A = this.pickOrigin((f) => enoughParas(f) && f.blocks.filter((b) => b.kind === 'para').length >= 4, { full: true });
      if (!A) break;
      const d = this.addDerived(A, this.spin(A), 'heavy-spin');
      this.label({ kind: 'duplicate', variant: 'heavy-spin', file: d, whole: true, other: { file: A, whole: true } });
    }
  }

  /** Replace up to `n` words having synonyms. Never touches digits, protected spans or capitalised proper nouns. */
  synonymize(text, n) {
    const prot = this.docs ? protectedRanges(text) : [];
    const cands = [];
    for (const m of text.matchAll(/\b[A-Za-z]+\b/g)) {
      const w = m[0];
      const key = w.toLowerCase();
      if (!L.SYNONYMS[key]) continue;
      if (w !== key && w !== cap(key)) continue;
      if (inRanges(prot, m.index, m.index + w.length)) continue;
      if (text[m.index - 1] === "'" || text[m.index + w.length] === "'") continue;
      cands.push({ s: m.index, w, key });
    }
    const chosen = this.rng.shuffle(cands).slice(0, n).sort((a, b) => b.s - a.s);
    for (const c of chosen) {
      let rep = this.rng.pick(L.SYNONYMS[c.key]);
      if (c.w[0] !== c.key[0]) rep = cap(rep);
      text = text.slice(0, c.s) + rep + text.slice(c.s + c.w.length);
    }
    return { text, n: chosen.length };
  }

  spin(A) {
    const blocks = A.blocks.map((b) => ({ ...b }));
    for (const b of blocks) {
      if (b.kind !== 'para' && b.kind !== 'title') continue;
      const sp = sentenceSpans(b.text);
      let sents = sp.map((s) => this.synonymize(b.text.slice(s.s, s.e), 2).text);
      if (sents.length >= 3) { // move the first sentence later, swap a pair
        const first = sents.shift();
        sents.splice(this.rng.int(1, sents.length), 0, first);
      } else if (sents.length === 2 && this.rng.chance(0.5)) sents.reverse();
      b.text = sents.join(' ');
    }
    if (!this.docs) { // reorder paragraphs (title stays first)
      const head = blocks[0];
      const rest = blocks.slice(1);
      const k = Math.max(1, Math.floor(rest.length / 2));
      return [head, ...rest.slice(k), ...rest.slice(0, k).reverse()];
    }
    // docs: swap adjacent prose paragraphs
    for (let i = 0; i + 1 < blocks.length; i++) {
      if (blocks[i].kind === 'para' && blocks[i + 1].kind === 'para') { [blocks[i], blocks[i + 1]] = [blocks[i + 1], blocks[i]]; i++; }
    }
    return blocks;
  }

  // excerpt + reused paragraph: run after truncations so receivers are not cut later
  excerptRuns(f) {
    const runs = [];
    for (let i = 0; i < f.blocks.length; i++) {
      let j = i;
      while (j < f.blocks.length && f.blocks[j].kind === 'para' && !f.blocks[j].reserved && !f.blocks[j].used) j++;
      if (j - i >= 2) runs.push([i, j]);
      if (j > i) i = j;
    }
    return runs;
  }
  /** Choose excerpt / reused-paragraph origins early, while clean pages are still available. */
  reserveExcerptOrigins() {
    const C = this.counts.duplicate;
    this.excerptOrigins = [];
    for (let n = 0; n < C.excerpt; n++) {
      const A = this.pickOrigin((f) => this.excerptRuns(f).length > 0);
      if (A) this.excerptOrigins.push(A);
    }
    this.reusedOrigins = [];
    for (let g = 0; g < Math.max(1, Math.ceil(C['reused-paragraph'] / 3)); g++) {
      const A = this.pickOrigin((f) => f.blocks.some((b) => b.kind === 'para' && !b.reserved && b.text.length > 150));
      if (A) this.reusedOrigins.push(A);
    }
  }

  /**
   * Where to paste after one of `candidates` (block indexes) without splitting a run another label anchors (an
   * excerpt's source blocks, or blocks pasted together): such a split made the label's range mismatch and the eval
   * stop. The first pick is kept when it splits nothing, so every corpus that planted before plants the same.
   */
  insertionPoint(B, candidates) {
    const splits = (k) => {
      const [here, next] = [B.blocks[k], B.blocks[k + 1]];
      return !!next && ((here.reserved && next.reserved) || (here.kind === 'pasted' && next.kind === 'pasted'));
    };
    const first = this.rng.pick(candidates);
    if (!splits(first)) return first;
    const safe = candidates.filter((k) => !splits(k));
    return safe.length ? this.rng.pick(safe) : -1;
  }

  planExcerpts() {
    const C = this.counts.duplicate;
    const consecutive = (f) => {
      const runs = [];
      for (let i = 0; i < f.blocks.length; i++) {
        let j = i;
        while (j < f.blocks.length && f.blocks[j].kind === 'para' && !f.blocks[j].reserved && !f.blocks[j].used) j++;
        if (j - i >= 2) runs.push([i, j]);
        if (j > i) i = j;
      }
      return runs;
    };
    for (let n = 0; n < C.excerpt; n++) {
      const A = this.excerptOrigins[n];
      if (!A || !consecutive(A).length) { this.warnings.push('excerpt: no origin'); continue; }
      const [i, j] = this.rng.pick(consecutive(A));
      const len = Math.min(j - i, this.rng.int(2, 4));
      const start = this.rng.int(i, j - len);
      const src = A.blocks.slice(start, start + len);
      for (const b of src) b.reserved = true;
      const r = this.withHost((B) => {
        if (category(B.name) === category(A.name) && !this.docs) return null;
        if (B === A) return null;
        const paraIdx = B.blocks.map((b, k) => (b.kind === 'para' ? k : -1)).filter((k) => k >= 0);
        if (paraIdx.length < 2) return null;
        const at = this.insertionPoint(B, paraIdx.slice(0, -1)); // after a paragraph that is not the last one
        if (at < 0) return null;
        const pasted = src.map((b) => ({ text: b.text, kind: 'pasted', used: true }));
        B.blocks.splice(at + 1, 0, ...pasted);
        return { B, pasted };
      }, { exclusive: !this.docs, preferFresh: true, notTruncated: true });
      if (!r) { this.warnings.push('excerpt: no host'); continue; }
      this.relations.push({ a: A, b: r.B, how: 'excerpt' });
      this.label({ kind: 'duplicate', variant: 'excerpt', file: r.B, blocks: r.pasted, other: { file: A, blocks: src } });
    }
    const reusedGroups = Math.max(1, Math.ceil(C['reused-paragraph'] / 3));
    for (let g = 0; g < reusedGroups; g++) {
      const A = this.reusedOrigins[g];
      if (!A || !A.blocks.some((b) => b.kind === 'para' && !b.reserved && b.text.length > 150)) { this.warnings.push('reused: no origin'); continue; }
      const src = this.rng.pick(A.blocks.filter((b) => b.kind === 'para' && !b.reserved && b.text.length > 150));
      src.reserved = true;
      const receivers = [];
      const avoid = new Set([A.name]);
      for (let k = 0; k < 3; k++) {
        const r = this.withHost((B) => {
          if (!this.docs && category(B.name) === category(A.name)) return null;
          const paraIdx = B.blocks.map((b, k2) => (b.kind === 'para' ? k2 : -1)).filter((k2) => k2 >= 0);
          if (paraIdx.length < 2) return null;
          const at = this.insertionPoint(B, paraIdx.slice(0, -1));
          if (at < 0) return null;
          const blk = { text: src.text, kind: 'pasted', used: true };
          B.blocks.splice(at + 1, 0, blk);
          avoid.add(B.name);
          return { B, blk };
        }, { exclusive: !this.docs, preferFresh: true, notTruncated: true, avoid });
        if (!r) break;
        receivers.push(r);
        this.relations.push({ a: A, b: r.B, how: 'reused-paragraph' });
        this.label({ kind: 'duplicate', variant: 'reused-paragraph', file: r.B, blocks: [r.blk], other: { file: A, blocks: [src] } });
      }
      for (let i = 0; i < receivers.length; i++) for (let j = i + 1; j < receivers.length; j++) this.relations.push({ a: receivers[i].B, b: receivers[j].B, how: 'reused-paragraph' });
    }
  }

  // ================================================================ claims: changed-fact rewrites
  /** Find a value of the given sub-type in a sentence. Returns [{s, e, v, make(rng)}]. */
  findValues(text, type, prot) {
    const out = [];
    const ok = (s, e) => !inRanges(prot, s, e);
    const push = (m, s, v, make) => { const e = s + v.length; if (ok(s, e)) out.push({ s, e, v, make }); };
    if (type === 'money') {
      for (const m of text.matchAll(/[£$€](\d+(?:\.\d+)?)(bn|m)\b/g)) push(m, m.index, m[0], (r) => {
        const x = parseFloat(m[1]); const dec = (m[1].split('.')[1] || '').length;
        let y = x * r.pick([1.5, 2, 0.6, 2.5, 0.4]); y = Number(y.toFixed(dec)); if (y === x || y <= 0) y = x + 1;
        return m[0][0] + y.toFixed(dec) + m[2];
      });
      for (const m of text.matchAll(/[£$€](\d{1,3}(?:,\d{3})+|\d+)(?![\d.,]*\s?(?:bn|m)\b)(?!\.\d)/g)) push(m, m.index, m[0], (r) => {
        const x = parseInt(m[1].replace(/,/g, ''), 10); let y = Math.round(x * r.pick([1.5, 2, 0.5, 3])); if (y === x) y = x + 10;
        return m[0][0] + (m[1].includes(',') ? y.toLocaleString('en-GB') : String(y));
      });
    } else if (type === 'percentage') {
      for (const m of text.matchAll(/\b(\d+(?:\.\d+)?)(%| per ?cent)/g)) push(m, m.index, m[0], (r) => {
        const x = parseFloat(m[1]); const dec = (m[1].split('.')[1] || '').length;
        let y = x + r.pick([1, 2, 3, 5, -1, -2]) * (dec ? 1.3 : 1); if (y <= 0) y = x + 2;
        return y.toFixed(dec) + m[2];
      });
    } else if (type === 'year') {
      for (const m of text.matchAll(/\b(19[5-9]\d|20[0-2]\d)\b/g)) {
        if (/[£$€.,\d]/.test(text[m.index - 1] || '') || /^[\d,%]/.test(text.slice(m.index + 4, m.index + 5))) continue;
        push(m, m.index, m[0], (r) => String(parseInt(m[0], 10) + r.pick([-3, -2, -1, 1, 2, 4])));
      }
    } else if (type === 'date') {
      for (const m of text.matchAll(new RegExp(`\\b(\\d{1,2}) (${MONTHS.join('|')})\\b`, 'g'))) push(m, m.index, m[0], (r) => {
        const d = parseInt(m[1], 10); let y = d + r.pick([-5, -3, 2, 4, 7]); if (y < 1 || y > 28) y = d > 14 ? d - 9 : d + 9;
        return `${y} ${m[2]}`;
      });
      for (const m of text.matchAll(new RegExp(`\\b(${WEEKDAYS.join('|')})\\b`, 'g'))) push(m, m.index, m[0], (r) => {
        const i = WEEKDAYS.indexOf(m[0]); return WEEKDAYS[(i + r.int(1, 4)) % 7];
      });
      for (const m of text.matchAll(new RegExp(`\\b(?:in|since|until|by|from) (${MONTHS.join('|')})\\b`, 'g'))) {
        const s = m.index + m[0].length - m[1].length;
        push(m, s, m[1], (r) => { const i = MONTHS.indexOf(m[1]); return MONTHS[(i + r.int(2, 9)) % 12]; });
      }
    } else if (type === 'number') {
      for (const m of text.matchAll(/\b\d{1,3}(?:,\d{3})+\b|\b\d+(?:\.\d+)?\b/g)) {
        const before = text[m.index - 1] || ''; const after = text.slice(m.index + m[0].length, m.index + m[0].length + 9);
        if (/[£$€.,\d\-/:#v]/.test(before) || /^(%| ?per ?cent|bn|m\b|[.,]\d|\w|-|:)/.test(after)) continue;
        if (/^(19|20)\d\d$/.test(m[0])) continue;
        if (new RegExp(`^ (${MONTHS.join('|')})`).test(after)) continue;
        push(m, m.index, m[0], (r) => {
          const dec = (m[0].split('.')[1] || '').length; const x = parseFloat(m[0].replace(/,/g, ''));
          if (dec) return (x + r.pick([1, 2, -1]) * Math.pow(10, -dec) * r.int(1, 5)).toFixed(dec).replace(/^-/, '');
          let y = Math.round(x * r.pick([1.5, 2, 0.5, 3])) + r.int(1, 3); if (y === x) y = x + 2;
          return m[0].includes(',') ? y.toLocaleString('en-GB') : String(y);
        });
      }
      for (const m of text.matchAll(new RegExp(`\\b(${NUMBER_WORDS.join('|')})\\b`, 'g'))) push(m, m.index, m[0], (r) => {
        const i = NUMBER_WORDS.indexOf(m[0]); return NUMBER_WORDS[(i + r.int(1, 5)) % NUMBER_WORDS.length];
      });
    } else if (type === 'name') {
      const first = [...L.MALE_FIRST, ...L.FEMALE_FIRST].join('|');
      for (const m of text.matchAll(new RegExp(`\\b(?:${first}|[A-Z][a-z]+) ([A-Z][a-z]{2,})\\b`, 'g'))) {
        const fn = m[0].split(' ')[0];
        if (![...L.MALE_FIRST, ...L.FEMALE_FIRST].includes(fn) && fn !== 'Evan') continue;
        const s = m.index + m[0].length - m[1].length;
        push(m, s, m[1], (r) => { let y = r.pick(L.SURNAMES); if (y === m[1]) y = 'Whitcombe'; return y; });
      }
    }
    return out.filter((o) => o.v && o.v.length);
  }

  /** Light rewrite of A into a derived copy where one sentence's value is replaced by `transform`. */
  rewriteWith(kind, variant, transformFinder, { negative = false, how, note } = {}) {
    // search origins for a suitable sentence
    const order = this.rng.shuffle(this.files);
    for (const A of order) {
      if (A.natural || A.origin || A.derived || A.plants > 0 || A.exclusive) continue;
      const paras = A.blocks.map((b, i) => [b, i]).filter(([b]) => b.kind === 'para' && !b.reserved && !b.used);
      const cands = [];
      for (const [b, bi] of paras) {
        const prot = this.docs ? protectedRanges(b.text) : [];
        for (const sp of sentenceSpans(b.text)) {
          const r = transformFinder(b.text.slice(sp.s, sp.e), prot.map(([x, y]) => [x - sp.s, y - sp.s]));
          if (r) cands.push({ b, bi, sp, r });
        }
      }
      if (!cands.length) continue;
      const c = this.rng.pick(cands);
      A.origin = true;
      if (!this.docs) A.reservedAll = true;
      c.b.reserved = true;
      const blocks = A.blocks.map((b) => ({ ...b, reserved: false }));
      // light rewording of 2–3 other paragraphs
      const others = blocks.filter((b, i) => b.kind === 'para' && i !== c.bi);
      for (const b of this.rng.shuffle(others).slice(0, this.rng.int(2, 3))) b.text = this.synonymize(b.text, 1).text;
      const tb = blocks[c.bi];
      const { rs, re, newText } = c.r; // relative to sentence
      tb.text = tb.text.slice(0, c.sp.s + rs) + newText + tb.text.slice(c.sp.s + re);
      const d = this.addDerived(A, blocks, how);
      this.label({ kind, variant, file: d, block: tb, offset: c.sp.s + rs, planted: newText, original: c.r.oldText,
        other: { file: A, block: c.b, offset: c.sp.s + rs, text: c.r.oldText }, negative: negative || undefined, note: note || c.r.note });
      return d;
    }
    return null;
  }

  planClaims() {
    const n = this.counts.claim['changed-fact'];
    const types = ['number', 'money', 'percentage', 'year', 'date', 'name'];
    let made = 0;
    const exhausted = new Set();
    for (let i = 0; made < n && exhausted.size < types.length; i++) {
      const type = types[i % types.length];
      if (exhausted.has(type)) continue;
      const d = this.rewriteWith('claim', 'changed-fact', (sent, prot) => {
        const vals = this.findValues(sent, type, prot);
        if (!vals.length) return null;
        const v = this.rng.pick(vals);
        const nv = v.make(this.rng);
        if (!nv || nv === v.v) return null;
        return { rs: v.s, re: v.e, newText: nv, oldText: v.v, note: type };
      }, { how: 'claim-rewrite' });
      if (d) made++;
      else exhausted.add(type);
    }
    if (made < n) this.warnings.push(`changed-fact: ${made}/${n}`);
  }

  // ================================================================ compatible (negatives)
  compatibleFinder(variant) {
    return (sent, prot) => {
      const ok = (s, e) => !inRanges(prot, s, e);
      if (variant === 'money-scale') {
        for (const m of sent.matchAll(/([£$€])(\d+(?:\.\d+)?)(bn|m)\b/g)) {
          if (!ok(m.index, m.index + m[0].length)) continue;
          const x = parseFloat(m[2]);
          let nv;
          if (m[3] === 'bn' && x < 100) nv = `${m[1]}${Math.round(x * 1000).toLocaleString('en-GB')}m`;
          else if (m[3] === 'm' && x >= 100 && Number.isInteger(x)) nv = `${m[1]}${(x / 1000).toString()}bn`;
          else continue;
          return { rs: m.index, re: m.index + m[0].length, newText: nv, oldText: m[0] };
        }
      } else if (variant === 'rounding') {
        for (const m of sent.matchAll(/([£$€]?)(\d+)\.(\d{2,})(bn|m|%)?/g)) {
          if (!ok(m.index, m.index + m[0].length)) continue;
          const x = parseFloat(`${m[2]}.${m[3]}`);
          const dec = Math.max(0, m[3].length - (m[3].length >= 3 ? 2 : 1));
          const y = x.toFixed(dec);
          if (parseFloat(y) === x) continue;
          return { rs: m.index, re: m.index + m[0].length, newText: `${m[1]}${y}${m[4] || ''}`, oldText: m[0] };
        }
      } else if (variant === 'hedge') {
        for (const m of sent.matchAll(/\b(\d{1,3}(?:,\d{3})+|\d{2,})\b(?![.,]\d|%|bn|m\b|-| per ?cent)/g)) {
          const before = sent[m.index - 1] || '';
          if (/[£$€.\-/]/.test(before) || !ok(m.index, m.index + m[0].length)) continue;
          if (/^(19|20)\d\d$/.test(m[0])) continue;
          const x = parseInt(m[1].replace(/,/g, ''), 10);
          const mag = Math.pow(10, Math.max(1, String(x).length - 2));
          const y = Math.round(x / mag) * mag;
          if (y === x || /\b(about|around|nearly|almost|some|over|more than)\s$/.test(sent.slice(0, m.index))) continue;
          const word = y > x ? this.rng.pick(['nearly', 'almost', 'about']) : this.rng.pick(['about', 'around', 'more than']);
          const ny = m[1].includes(',') || y >= 10000 ? y.toLocaleString('en-GB') : String(y);
          return { rs: m.index, re: m.index + m[0].length, newText: `${word} ${ny}`, oldText: m[0] };
        }
      } else if (variant === 'name-variant') {
        let m = sent.match(/\b([A-Z][a-z]+) ([A-Z]) ([A-Z][a-z]+)\b/);
        if (m && ok(m.index, m.index + m[0].length) && !/^(The|A|In|At|On|But|And)$/.test(m[1])) return { rs: m.index, re: m.index + m[0].length, newText: `${m[1]} ${m[3]}`, oldText: m[0], note: 'middle initial dropped' };
        m = sent.match(/\b(?:the )?(US|UK|British|American|European) ((?:[A-Z][a-z]+ ){1,3}(?:Commission|Reserve|Bank|Agency|Association|Department|Office|Council|Authority|Institute|Union|Federation))\b/);
        if (m && ok(m.index, m.index + m[0].length)) {
          const pre = m[0].startsWith('the ') ? 'the ' : '';
          return { rs: m.index, re: m.index + m[0].length, newText: `${pre}${m[2]}`, oldText: m[0], note: 'country prefix dropped' };
        }
        const first = [...L.MALE_FIRST, ...L.FEMALE_FIRST];
        for (const mm of sent.matchAll(/\b([A-Z][a-z]+) ([A-Z][a-z]{2,})\b/g)) {
          if (!first.includes(mm[1]) || !ok(mm.index, mm.index + mm[0].length) || mm.index === 0) continue;
          const hon = L.FEMALE_FIRST.includes(mm[1]) ? 'Ms' : 'Mr';
          return { rs: mm.index, re: mm.index + mm[0].length, newText: `${hon} ${mm[2]}`, oldText: mm[0], note: 'first name replaced by honorific' };
        }
      } else if (variant === 'two-subjects') {
        const figs = [...sent.matchAll(/[£$€]\d+(?:\.\d+)?(?:bn|m\b)?|\b\d+(?:\.\d+)?(?:%| per ?cent)/g)];
        if (figs.length !== 2 || figs[0][0] === figs[1][0]) return null;
        if (!ok(figs[0].index, figs[1].index + figs[1][0].length)) return null;
        const between = sent.slice(figs[0].index + figs[0][0].length, figs[1].index);
        // two subjects: a contrast/conjunction and a second noun between the figures, not a currency conversion
        if (/^\s*[(;]/.test(between) || !/\b(while|whereas|compared with|against|but|and)\b/.test(between) || !/\b[A-Za-z]{4,}\b.*\b[A-Za-z]{3,}\b/.test(between)) return null;
        const w = sent.match(/^(.*?),? (while|whereas) (.*?)([.!?])$/);
        if (w && !/"/.test(sent) && w[3].length > 10) {
          const left = w[1];
          const right = w[3];
          const nt = `${cap(right)}, ${w[2]} ${left[0].toLowerCase() + left.slice(1)}${w[4]}`;
          if (/^[A-Z][a-z]+ [a-z]/.test(left) && /^(I|The|A|An|It|This|That|There|Shares|Sales|Profits?|Prices?)\b/.test(left)) {
            return { rs: 0, re: sent.length, newText: nt, oldText: sent, note: 'clauses swapped, both figures kept' };
          }
        }
        return { rs: 0, re: sent.length, newText: sent, oldText: sent, note: 'sentence kept verbatim with both figures' };
      }
      return null;
    };
  }

  planCompatible() {
    const C = this.counts.compatible;
    for (const [variant, n] of Object.entries(C)) {
      let made = 0;
      // native rewrites for at most half (docs: where found), invented pairs for the rest
      const rewrites = this.docs ? Math.floor(n / 2) : n;
      for (let i = 0; i < rewrites; i++) {
        const d = this.rewriteWith('compatible', variant, this.compatibleFinder(variant), { negative: true, how: 'compatible-rewrite' });
        if (!d) break;
        made++;
      }
      this.pendingCompatPairs = this.pendingCompatPairs || [];
      for (; made < n; made++) this.pendingCompatPairs.push(variant);
    }
  }

  // ================================================================ truncation
  planTruncations() {
    const C = this.counts.truncation;
    const variants = Object.entries(C).flatMap(([v, n]) => Array(n).fill(v));
    for (const v of variants) {
      this.allowFallback = false; // natural material first, synthetic material only if nothing fits
      let r = this.withHost((f) => this.truncate(f, v), { noOrigin: true, preferFresh: true });
      this.allowFallback = true;
      if (!r) r = this.withHost((f) => this.truncate(f, v), { noOrigin: true, preferFresh: true });
      if (!r) this.warnings.push(`truncation ${v}: no host`);
    }
  }

  /** Late prose blocks (index within last 60% of prose blocks). */
  lateBlocks(f) {
    const paras = f.blocks.filter((b) => b.kind === 'para' && !b.used && !b.reserved);
    return paras.slice(Math.floor(paras.length * 0.4));
  }

  cutAt(f, block, cut, suffix, variant, extra = {}) {
    const idx = f.blocks.indexOf(block);
    const removed = (block.text.slice(cut) + '\n\n' + f.blocks.slice(idx + 1).map((b) => b.text).join('\n\n')).trim();
    if (f.blocks.slice(idx + 1).some((b) => b.reserved || b.used)) return null;
    block.text = block.text.slice(0, cut).replace(/[ \u00A0]+$/, '') + (suffix || '');
    block.used = true;
    f.blocks.length = idx + 1;
    f.truncated = true;
    this.label({ kind: 'truncation', variant, file: f, tail: true, original: removed.slice(0, 80), ...extra });
    return true;
  }

  truncate(f, v) {
    if (f.truncated || f.origin) return null;
    const late = this.lateBlocks(f);
    if (!late.length) return null;
    const rng = this.rng;
    const tryBlocks = (fn) => {
      for (const b of rng.shuffle(late)) {
        const prot = this.docs ? protectedRanges(b.text) : [];
        const r = fn(b.text, prot);
        if (r) return this.cutAt(f, b, r.cut, r.suffix, v);
      }
      return null;
    };
    const words = (text, prot) => [...text.matchAll(/\S+/g)].filter((m) => !inRanges(prot, m.index, m.index + m[0].length) && m.index > 20);
    switch (v) {
      case 'mid-word': return tryBlocks((t, prot) => {
        const w = words(t, prot).filter((m) => /^[a-z]{7,}$/.test(m[0]) && m.index < t.length - 40);
        if (!w.length) return null;
        const m = rng.pick(w);
        return { cut: m.index + rng.int(2, m[0].length - 3) };
      });
      case 'after-function-word': return tryBlocks((t, prot) => {
        const w = words(t, prot).filter((m) => FUNCTION_WORDS.has(m[0]) && m.index < t.length - 30 && /[a-z]$/.test(t.slice(0, m.index).trim()));
        if (!w.length) return null;
        const m = rng.pick(w);
        return { cut: m.index + m[0].length };
      });
      case 'after-comma': return tryBlocks((t, prot) => {
        const c = [...t.matchAll(/[a-z], [a-z]/g)].filter((m) => !inRanges(prot, m.index, m.index + 3) && m.index < t.length - 30);
        if (!c.length) return null;
        return { cut: rng.pick(c).index + 2 };
      });
      case 'dangling-clause': return tryBlocks((t, prot) => {
        const re = /\b(because|although|though|while|after|before|if|when|since|unless|whereas|once) (?:the [a-z]+|it|he|she|they|we|you|this|there|its [a-z]+|their [a-z]+) (had|was|were|would|could|will|has|have|is|are|did|should|might|can|must)\b/g;
        const c = [...t.matchAll(re)].filter((m) => !inRanges(prot, m.index, m.index + m[0].length) && m.index + m[0].length < t.length - 10);
        if (!c.length) return null;
        const m = rng.pick(c);
        return { cut: m.index + m[0].length };
      });
      case 'inside-quotation': return this.truncQuote(f, late, tryBlocks, (fn) => {
        for (const b of rng.shuffle(late)) {
          const q = rng.pick(this.docs ? QUOTES_DOCS : QUOTES_NEWS);
          const off = this.insertSentence(b, q);
          const inner = [...q.slice(q.indexOf('"') + 1).matchAll(/\S+/g)];
          const k = rng.int(2, Math.min(5, inner.length - 2));
          return this.cutAt(f, b, off + q.indexOf('"') + 1 + inner[k - 1].index + inner[k - 1][0].length, '', v, { note: 'quotation put in, then cut' });
        }
        return null;
      }, (t, prot) => {
        const c = [...t.matchAll(/(^|[\s(:,])"([A-Za-z][^"]{25,})"/g)].filter((m) => !inRanges(prot, m.index, m.index + m[0].length));
        if (!c.length) return null;
        const m = rng.pick(c);
        const q = m.index + m[1].length + 1;
        const inner = [...m[2].matchAll(/\S+/g)];
        if (inner.length < 4) return null;
        const k = rng.int(2, Math.min(5, inner.length - 2));
        return { cut: q + inner[k - 1].index + inner[k - 1][0].length };
      }, v);
      case 'after-abbreviation': return tryBlocks((t, prot) => {
        if (!this.docs) {
          const c = [...t.matchAll(/\b(Mr|Mrs|Dr|Ms|Prof|St) [A-Z][a-z]+/g)].filter((m) => m.index > 15);
          if (!c.length) return null;
          const m = rng.pick(c);
          return { cut: m.index + m[1].length, suffix: '.' };
        }
        const c = [...t.matchAll(/\b(e\.g\.|i\.e\.|vs\.|etc\.)(?= )/g)].filter((m) => !inRanges(prot, m.index, m.index + 4) && m.index > 15);
        if (!c.length) return null;
        const m = rng.pick(c);
        return { cut: m.index + m[0].length };
      }) || (this.docs && this.allowFallback ? this.abbrevFallback(f, late, v) : null);
      case 'final-list-item': return this.truncList(f, late);
      case 'inside-link': return this.truncLink(f, late);
      case 'inside-table-row': return this.truncTable(f, late);
    }
    return null;
  }

  abbrevFallback(f, late, v) {
    const b = this.rng.pick(late);
    const s = this.rng.pick([
      'This works for most kinds of values, e.g. strings, numbers, arrays and plain objects.',
      'Keep the handler small, i.e. move anything non-trivial into a method.',
      'Prefer explicit names for events, e.g. `update:title` rather than a generic `change`.',
    ]);
    const off = this.insertSentence(b, s);
    const m = s.match(/\b(e\.g\.|i\.e\.)/);
    return this.cutAt(f, b, off + m.index + m[0].length, '', v, { note: 'sentence put in, then cut after the abbreviation' });
  }

  truncQuote(f, late, tryBlocks, fallback, finder) {
    const r = tryBlocks(finder);
    if (r) return r;
    return this.docs && this.allowFallback ? fallback() : null;
  }

  /** Turn the sentences of a news paragraph into intro + bulleted list; returns the list block. */
  paragraphToList(f, b, minSentences = 4) {
    const sp = sentenceSpans(b.text);
    if (sp.length < minSentences || b.text.includes('"') || b.text.includes('\n')) return null;
    const sents = sp.map((s) => b.text.slice(s.s, s.e));
    if (sents.slice(1).some((s) => s.length < 30 || !/\.$/.test(s))) return null;
    const idx = f.blocks.indexOf(b);
    b.text = sents[0];
    const list = { text: sents.slice(1).map((s) => `- ${s}`).join('\n'), kind: 'list', used: true };
    f.blocks.splice(idx + 1, 0, list);
    f.wantsMd = true;
    b.used = true;
    return list;
  }

  truncList(f, late) {
    if (!this.docs) {
      const paras = f.blocks.filter((b) => b.kind === 'para');
      const b = paras[paras.length - 1];
      if (!b || b.used || b.reserved || late.indexOf(b) < 0) return null;
      if (sentenceSpans(b.text).length < 4 || b.text.includes('"')) return null;
      const list = this.paragraphToList(f, b);
      if (!list) return null;
      return this.cutListItem(f, list);
    }
    // docs: a prose-like list in the later part of the page
    const idx0 = Math.floor(f.blocks.length * 0.3);
    const lists = f.blocks.filter((b, i) => b.kind === 'list' && i >= idx0 && !b.used && b.text.split('\n').length >= 2
      && /^[-*] [A-Za-z*`[]/.test(b.text.split('\n').at(-1)) && b.text.split('\n').at(-1).length > 30);
    if (lists.length) { const r = this.cutListItem(f, this.rng.pick(lists)); if (r) return r; }
    if (!this.allowFallback) return null;
    for (const b of this.rng.shuffle(late)) { // fall back: turn a late paragraph into intro + list
      const list = this.paragraphToList(f, b, 3);
      if (list) return this.cutListItem(f, list);
    }
    return null;
  }
  cutListItem(f, list) {
    const lines = list.text.split('\n');
    const last = lines[lines.length - 1];
    const lastStart = list.text.length - last.length;
    const prot = protectedRanges(last);
    const c = [...last.matchAll(/ (?=\S)/g)].map((m) => m.index).filter((i) => i > last.length * 0.35 && i < last.length * 0.8 && !inRanges(prot, i - 1, i + 1) && /[a-z]$/.test(last.slice(0, i)));
    if (!c.length) return null;
    return this.cutAt(f, list, lastStart + this.rng.pick(c), '', 'final-list-item');
  }

  truncLink(f, late) {
    const rng = this.rng;
    if (this.docs) {
      for (const b of rng.shuffle(late)) {
        const links = [...b.text.matchAll(/\[([^\]]{3,})\]\(([^)\s]{8,})\)/g)];
        if (!links.length) continue;
        const m = rng.pick(links);
        const inUrl = rng.chance(0.6);
        const cut = inUrl ? m.index + m[1].length + 3 + rng.int(3, m[2].length - 2) : m.index + 1 + rng.int(2, m[1].length - 1);
        return this.cutAt(f, b, cut, '', 'inside-link', { note: inUrl ? 'cut inside the URL' : 'cut inside the link text' });
      }
      return null;
    }
    const paras = f.blocks.filter((b) => b.kind === 'para');
    const b = paras[paras.length - 1];
    if (!b || b.used || b.reserved) return null;
    const orgs = [...b.text.matchAll(/\b(?:the )?((?:[A-Z][a-z]+ )(?:(?:of|for|and) )?(?:[A-Z][a-z]+ ?){1,3})/g)]
      .filter((m) => m.index > 10 && m[1].trim().split(' ').length >= 2 && !/^(But|And|The|In|On|At|He|She|It|A|However|Mr|Ms|Mrs|Dr|This|That|If|When|After|Last|Next)\b/.test(m[1]) && /[\s,]$/.test(b.text.slice(0, m.index + m[0].length - m[1].length) || ' '));
    f.wantsMd = true;
    if (orgs.length && rng.chance(0.6)) {
      const m = rng.pick(orgs);
      const name = m[1].trim();
      const start = m.index + m[0].length - m[1].length;
      const slug = name.toLowerCase().replace(/[^a-z]+/g, '-');
      const url = `https://www.${slug.split('-').slice(0, 2).join('')}.co.uk/news/${slug}`;
      const linked = `[${name}](${url})`;
      b.text = b.text.slice(0, start) + linked + b.text.slice(start + name.length);
      const inUrl = rng.chance(0.6);
      const cut = inUrl ? start + name.length + 3 + rng.int(8, url.length - 3) : start + 1 + rng.int(2, name.length - 2);
      return this.cutAt(f, b, cut, '', 'inside-link', { note: inUrl ? 'cut inside the URL' : 'cut inside the link text' });
    }
    // bare URL appended as a new sentence
    const topic = rng.pick(['figures', 'full report', 'consultation', 'results', 'transcript']);
    const url = `https://www.${rng.pick(['statistics.gov.uk', 'parliament.uk', 'ofcom.org.uk', 'fsa.gov.uk', 'thefa.com', 'bfi.org.uk'])}/${rng.pick(['news', 'publications', 'press', 'releases'])}/${2004 + rng.int(0, 1)}/${topic.replace(/ /g, '-')}-${rng.int(10, 99)}.htm`;
    const add = ` The ${topic} can be read at ${url}`;
    const base = b.text.length;
    b.text += add + '.';
    const cut = base + add.length - url.length + rng.int(14, url.length - 4);
    return this.cutAt(f, b, cut, '', 'inside-link', { note: 'cut inside a bare URL' });
  }

  /** Build a small "key figures" table from numbers in the article. */
  figuresTable(f) {
    const rows = [];
    const seen = new Set();
    for (const b of f.blocks) {
      if (b.kind !== 'para') continue;
      for (const m of b.text.matchAll(/((?:[A-Za-z']+ ){2,4})(?:of |at |to |by |was |is |were )?((?:[£$€]\d[\d,.]*(?:bn|m)?)|(?:\d[\d,.]*(?:%| per cent| million| billion| people| jobs| votes| fans| years)))/g)) {
        const label = m[1].trim().replace(/^(?:(?:the|a|an|and|but|of|to|in|on|by|at|with|for|from|that|which|who)\s)+/i, '').replace(/(?:\s(?:the|a|an|and|but|of|to|in|on|by|at|with|for|from|that|which|who|was|is|were|had|has|have|almost|about|nearly|some|around|just|than|more|less))+$/i, '');
        if (label.split(' ').length < 2) continue;
        const val = m[2].replace(/[.,]$/, '');
        if (!/\d/.test(val) || seen.has(val) || label.length < 6 || /^(19|20)\d\d$/.test(val)) continue;
        seen.add(val);
        rows.push([cap(label), val]);
        if (rows.length >= 5) break;
      }
      if (rows.length >= 5) break;
    }
    if (rows.length < 3) return null;
    return [`| ${this.rng.pick(['Measure', 'Item', 'Figure'])} | ${this.rng.pick(['Value', 'Amount', 'Number'])} |`, '| --- | --- |', ...rows.map(([a, b]) => `| ${a} | ${b} |`)];
  }
  docsTable(f) {
    const rows = [];
    let heading = null;
    const seen = new Set();
    for (const b of f.blocks) {
      if (b.kind === 'heading') heading = b.text.replace(/^#+\s*/, '').replace(/\s*\{#.*\}\s*$/, '');
      if (b.kind !== 'para' || !heading) continue;
      for (const m of b.text.matchAll(/`([^`\n|]{2,30})`/g)) {
        if (seen.has(m[1]) || heading.includes('|')) continue;
        seen.add(m[1]);
        rows.push([`\`${m[1]}\``, heading]);
        break;
      }
      if (rows.length >= 5) break;
    }
    if (rows.length < 3) return null;
    return ['| API | Covered in |', '| --- | --- |', ...rows.map(([a, b]) => `| ${a} | ${b} |`)];
  }

  truncTable(f, late) {
    const rng = this.rng;
    let block;
    if (this.docs) {
      const idx0 = f.blocks.indexOf(late[0]);
      const tables = f.blocks.filter((b, i) => b.kind === 'table' && i >= idx0 && b.text.split('\n').length >= 4);
      if (tables.length) block = rng.pick(tables);
      else {
        const rows = this.docsTable(f);
        if (!rows) return null;
        block = { text: rows.join('\n'), kind: 'table' };
        f.blocks.splice(f.blocks.indexOf(late[late.length - 1]) + 1, 0, block);
      }
    } else {
      const rows = this.figuresTable(f);
      if (!rows) return null;
      const last = f.blocks.filter((b) => b.kind === 'para').at(-1);
      if (last.used || last.reserved) return null;
      block = { text: rows.join('\n'), kind: 'table' };
      f.blocks.push(block);
      f.wantsMd = true;
    }
    const lines = block.text.split('\n');
    const lastRow = lines[lines.length - 1];
    const start = block.text.length - lastRow.length;
    // cut inside a cell (not right after a pipe)
    const cells = [...lastRow.matchAll(/\| ([^|]+?) (?=\|)/g)];
    // A last row written without spaced cells ("|a|b|") has no cell to cut inside: another host takes the kind.
    if (!cells.length) return null;
    const cell = cells[cells.length - 1][1].length >= 3 && rng.chance(0.6) ? cells[cells.length - 1] : cells[0];
    const inner = cell.index + 2;
    const cut = start + inner + rng.int(Math.ceil(cell[1].length / 3), Math.max(1, cell[1].length - 1));
    return this.cutAt(f, block, cut, '', 'inside-table-row');
  }

  // ================================================================ lookalikes (negatives)
  insertSentence(block, sentence) {
    const sp = sentenceSpans(block.text).filter((s) => /[.!?]["')]?$/.test(block.text.slice(s.s, s.e)));
    const choices = sp.map((s) => s.e);
    const at = choices.length ? this.rng.pick(choices) : block.text.length;
    block.text = block.text.slice(0, at) + ' ' + sentence + block.text.slice(at);
    block.used = true;
    return at + 1;
  }

  planLookalikes() {
    const C = this.counts.lookalike;
    const D = this.docs;
    const rng = this.rng;
    const opts = D ? { preferFresh: true, notTruncated: true } : { fresh: true, exclusive: true };
    const plantSentence = (variant, build) => this.withHost((f) => {
      const b = this.pickBlock(f);
      if (!b) return null;
      const { sentence, planted, note } = build(f);
      const off = this.insertSentence(b, sentence);
      this.label({ kind: 'lookalike', variant, file: f, block: b, offset: off + sentence.indexOf(planted), planted, negative: true, note });
      return true;
    }, opts);
    const qf = rng.shuffle(D ? L.QUOTED_FOREIGN_DOCS : L.QUOTED_FOREIGN_NEWS);
    const ac = rng.shuffle(D ? L.ACRONYM_SENTENCES_DOCS : L.ACRONYM_SENTENCES_NEWS);
    const ev = rng.shuffle(D ? L.EVENT_SENTENCES_DOCS : L.EVENT_SENTENCES_NEWS);
    for (let i = 0; i < C['quoted-foreign']; i++) plantSentence('quoted-foreign', () => {
      const [lead, phrase] = qf[i % qf.length];
      const q = `"${phrase}"`;
      return { sentence: `${lead} ${q}.`, planted: q };
    });
    for (let i = 0; i < C['parenthesised-script']; i++) plantSentence('parenthesised-script', () => {
      const list = D ? L.PAREN_SCRIPT_DOCS : L.PAREN_SCRIPT;
      const [place, script] = list[(i * 3 + rng.int(0, 9)) % list.length];
      const planted = `${place} (${script})`;
      const tpl = D
        ? rng.pick([`A community translation into ${planted} is also available.`, `Readers of the ${planted} edition of these docs will find the same example.`])
        : rng.pick([`The company also has offices in ${planted}.`, `Similar rules already apply in ${planted}, officials said.`, `The story has also been followed closely in ${planted}.`]);
      return { sentence: tpl, planted };
    });
    for (let i = 0; i < C['nbsp-unit']; i++) {
      const done = this.withHost((f) => {
        // prefer an existing number + unit in the text
        for (const b of rng.shuffle(this.proseBlocks(f))) {
          const prot = D ? protectedRanges(b.text) : [];
          const re = D ? /\b(\d+(?:\.\d+)?) (ms|KB|kB|MB|px|seconds|minutes)\b/g : /\b(\d+(?:\.\d+)?) (km|miles|per cent|kg|tonnes|metres|hours|minutes|years)\b/g;
          const c = [...b.text.matchAll(re)].filter((m) => !inRanges(prot, m.index, m.index + m[0].length));
          if (!c.length) continue;
          const m = rng.pick(c);
          const planted = `${m[1]}${NBSP}${m[2]}`;
          b.text = b.text.slice(0, m.index) + planted + b.text.slice(m.index + m[0].length);
          b.used = true;
          this.label({ kind: 'lookalike', variant: 'nbsp-unit', file: f, block: b, offset: m.index, planted, negative: true, note: 'existing space replaced by NBSP' });
          return true;
        }
        const b = this.pickBlock(f);
        if (!b) return null;
        const [a, num, unit, z] = rng.pick(D ? L.NBSP_UNIT_DOCS : L.NBSP_UNIT_NEWS);
        const planted = `${num}${NBSP}${unit}`;
        const s = `${a}${planted}${z}`;
        const off = this.insertSentence(b, s);
        this.label({ kind: 'lookalike', variant: 'nbsp-unit', file: f, block: b, offset: off + a.length, planted, negative: true });
        return true;
      }, opts);
      if (!done) this.warnings.push('nbsp-unit: no host');
    }
    for (let i = 0; i < C.acronyms; i++) plantSentence('acronyms', () => {
      const s = ac[i % ac.length];
      return { sentence: s, planted: s };
    });
    for (let i = 0; i < C['event-name']; i++) plantSentence('event-name', () => {
      const [a, e, z] = ev[i % ev.length];
      return { sentence: `${a}${e}${z}`, planted: e };
    });
    // endings: a complete list or table as the last block
    for (let i = 0; i < C['list-ending']; i++) {
      const ok = this.withHost((f) => {
        if (f.truncated) return null;
        if (!D) {
          const b = f.blocks.filter((x) => x.kind === 'para').at(-1);
          if (!b || b !== f.blocks.at(-1) || b.used || b.reserved) return null;
          const list = this.paragraphToList(f, b);
          if (!list) return null;
          this.label({ kind: 'lookalike', variant: 'list-ending', file: f, blocks: [list], negative: true, note: 'complete list ends the article' });
          return true;
        }
        if (f.endsLabelled) return null; // a second ending would leave the first one's label mid-page
        const others = this.rng.shuffle(this.files.filter((g) => g !== f && g.blocks[0] && /^# /.test(g.blocks.find((x) => x.kind === 'heading')?.text || ''))).slice(0, 3);
        if (others.length < 3) return null;
        const items = others.map((g) => {
          const h = g.blocks.find((x) => x.kind === 'heading').text.replace(/^#+\s*/, '').replace(/\s*\{#.*\}\s*$/, '');
          return `- [${h}](./${g.name.replace(/\.md$/, '')})`;
        });
        const intro = { text: rng.pick(['Related pages:', 'See also:', 'Further reading:']), kind: 'other', used: true };
        const list = { text: items.join('\n'), kind: 'list', used: true };
        f.blocks.push(intro, list);
        this.label({ kind: 'lookalike', variant: 'list-ending', file: f, blocks: [list], negative: true, note: 'complete list ends the page' });
        f.endsLabelled = true;
        return true;
      }, { ...opts, notTruncated: true });
      if (!ok) this.warnings.push('list-ending: no host');
    }
    for (let i = 0; i < C['table-ending']; i++) {
      const ok = this.withHost((f) => {
        if (f.truncated || (D && f.endsLabelled)) return null;
        const rows = D ? this.docsTable(f) : this.figuresTable(f);
        if (!rows) return null;
        if (!D) { const last = f.blocks.at(-1); if (last.used || last.reserved || last.kind !== 'para') return null; f.wantsMd = true; }
        const intro = { text: D ? 'Quick reference:' : rng.pick(['Key figures:', 'In numbers:', 'At a glance:']), kind: 'other', used: true };
        const table = { text: rows.join('\n'), kind: 'table', used: true };
        f.blocks.push(intro, table);
        this.label({ kind: 'lookalike', variant: 'table-ending', file: f, blocks: [table], negative: true, note: 'complete table ends the article' });
        f.endsLabelled = true;
        return true;
      }, { ...opts, notTruncated: true });
      if (!ok) this.warnings.push('table-ending: no host');
    }
  }

  // ================================================================ entity sentence pairs (conflict and compatible)
  entityName(used) {
    for (;;) {
      const n = `${this.rng.pick(L.ENTITY_FIRST)} ${this.rng.pick(this.docs ? L.ENTITY_DOCS : L.ENTITY_NEWS)}`;
      if (!used.has(n)) { used.add(n); return n; }
    }
  }

  planConflictPairs() {
    const rng = this.rng;
    const D = this.docs;
    const usedEntities = new Set();
    const person = () => `${rng.pick([...L.MALE_FIRST, ...L.FEMALE_FIRST])} ${rng.pick(L.SURNAMES)}`;
    const T = D ? {
      founded: [(e, v) => `For instance, the ${e} team, founded in ${v}, adopted this approach early.`, (e, v) => `${e}, a company started in ${v}, reports similar results with this pattern.`],
      ceo: [(e, v) => `${v}, chief executive of ${e}, has described this pattern as essential.`, (e, v) => `At ${e}, whose CEO is ${v}, the team uses the same setup.`],
      hq: [(e, v) => `${e}, based in ${v}, maintains a public example of this setup.`, (e, v) => `The ${v}-based company ${e} publishes a starter template for it.`],
      headcount: [(e, v) => `${e}, with ${v} employees, uses this approach in its main app.`, (e, v) => `The ${v} engineers at ${e} follow the same convention.`],
    } : {
      founded: [(e, v) => `${e}, founded in ${v}, is among the firms watching the outcome closely.`, (e, v) => `Analysts cited ${e}, which was set up in ${v}, as an example of the trend.`],
      ceo: [(e, v) => `${e} chief executive ${v} said the company would study the details.`, (e, v) => `${v}, who runs ${e}, declined to comment on the reports.`],
      hq: [(e, v) => `${e}, which is based in ${v}, said it had no plans to change course.`, (e, v) => `The ${v}-headquartered group ${e} is expected to follow suit.`],
      headcount: [(e, v) => `${e}, which employs ${v} people, welcomed the move.`, (e, v) => `With a workforce of ${v}, ${e} is one of the larger employers affected.`],
    };
    const values = {
      founded: () => { const a = rng.int(1950, 1999); return [String(a), String(a + rng.int(3, 12))]; },
      ceo: () => { const a = person(); let b = person(); while (b === a) b = person(); return [a, b]; },
      hq: () => { const a = rng.pick(L.CITIES); let b = rng.pick(L.CITIES); while (b === a) b = rng.pick(L.CITIES); return [a, b]; },
      headcount: () => { const a = rng.int(3, 40) * 100; return [a.toLocaleString('en-GB'), (a * rng.int(3, 5) + 250).toLocaleString('en-GB')]; },
    };
    const facts = Object.keys(T);
    const placePair = (sA, pA, sB, pB) => {
      const rA = this.withHost((f) => {
        const b = this.pickBlock(f);
        if (!b) return null;
        const off = this.insertSentence(b, sA);
        return { f, b, off: off + sA.indexOf(pA) };
      }, { notTruncated: false, preferFresh: !D });
      if (!rA) return null;
      const rB = this.withHost((f) => {
        if (f === rA.f || (!D && category(f.name) === category(rA.f.name))) return null;
        const b = this.pickBlock(f);
        if (!b) return null;
        const off = this.insertSentence(b, sB);
        return { f, b, off: off + sB.indexOf(pB) };
      }, { preferFresh: !D });
      if (!rB) return null;
      return [rA, rB];
    };
    const n = this.counts.claim['independent-conflict'];
    for (let i = 0; i < n; i++) {
      const fact = facts[i % facts.length];
      const e = this.entityName(usedEntities);
      const [vA, vB] = values[fact]();
      const [tA, tB] = rng.chance(0.5) ? T[fact] : [T[fact][1], T[fact][0]];
      const r = placePair(tA(e, vA), vA, tB(e, vB), vB);
      if (!r) { this.warnings.push('independent-conflict: no host'); continue; }
      const [A, B] = r;
      this.relations.push({ a: A.f, b: B.f, how: 'independent-conflict' });
      this.label({ kind: 'claim', variant: 'independent-conflict', file: B.f, block: B.b, offset: B.off, planted: vB, original: vA,
        other: { file: A.f, block: A.b, offset: A.off, text: vA }, note: `${fact}; entity ${e}` });
    }
    // compatible pairs (fallback for variants with too few native rewrites)
    for (const variant of this.pendingCompatPairs || []) {
      const e = this.entityName(usedEntities);
      let sA, pA, sB, pB, note;
      if (variant === 'money-scale') {
        const x = rng.int(11, 49) / 10; pA = `$${x}bn`; pB = `$${Math.round(x * 1000).toLocaleString('en-GB')}m`;
        sA = `${e} reported annual sales of ${pA}.`; sB = `With turnover of ${pB} a year, ${e} is a sizeable player.`;
      } else if (variant === 'rounding') {
        const x = rng.int(101, 399) / 100; if (x * 10 === Math.round(x * 10)) { /* keep */ }
        pA = `£${x.toFixed(2)}bn`; pB = `£${x.toFixed(1)}bn`;
        if (pA.replace(/0bn$/, 'bn') === pB) pA = `£${(x + 0.03).toFixed(2)}bn`;
        sA = `${e} said its order book stood at ${pA}.`; sB = `Orders at ${e} are worth ${pB}, the company said.`;
      } else if (variant === 'hedge') {
        const x = rng.int(21, 89) * 100 + rng.int(1, 49); pA = x.toLocaleString('en-GB'); pB = `about ${(Math.round(x / 1000) * 1000).toLocaleString('en-GB')}`;
        sA = `${e} employs ${pA} people.`; sB = `${e}, which has ${pB} staff, has not commented.`;
      } else if (variant === 'name-variant') {
        const fn = rng.pick(L.MALE_FIRST); const sn = rng.pick(L.SURNAMES); const ini = String.fromCharCode(65 + rng.int(0, 25));
        pA = `${fn} ${ini} ${sn}`; pB = `${fn} ${sn}`;
        sA = `${e} is chaired by ${pA}.`; sB = `${pB}, the chairman of ${e}, has backed the plan.`;
      } else {
        const a = (rng.int(5, 49) / 10).toFixed(1); let b = (rng.int(5, 49) / 10).toFixed(1); if (b === a) b = (parseFloat(a) + 0.7).toFixed(1);
        pA = `${a}%`; pB = `${b}%`;
        const e2 = this.entityName(usedEntities);
        sA = `Shares in ${e} rose ${a}% while rival ${e2} fell ${b}%.`; sB = `${e2} slipped ${b}% on the day, with ${e} up ${a}%.`;
        pA = sA.slice(0, -1); pB = sB.slice(0, -1); note = 'two subjects, two figures, consistent';
      }
      const r = placePair(sA, pA, sB, pB);
      if (!r) { this.warnings.push(`compatible ${variant}: no host`); continue; }
      const [A, B] = r;
      this.relations.push({ a: A.f, b: B.f, how: 'compatible-pair' });
      this.label({ kind: 'compatible', variant, file: B.f, block: B.b, offset: B.off, planted: pB, original: pA,
        other: { file: A.f, block: A.b, offset: A.off, text: pA }, negative: true, note: note || `inserted pair; entity ${e}` });
    }
  }

  // ================================================================ splices
  spliceGaps(text, prot, { titleAnchor = false } = {}) {
    const gaps = [];
    for (const st of sentenceTokens(text)) {
      const t = st.toks;
      for (let i = 1; i + 2 < t.length; i++) {
        const a = t[i];
        const b = t[i + 1];
        if (text.slice(a.e, b.s) !== ' ') continue;
        if (inRanges(prot, a.s, b.e)) continue;
        if (titleAnchor) {
          if (!/^(the|its|their|this|his|her|our)$/.test(a.t)) continue;
          if (!/^[a-z]{4,}$/.test(b.t) || FUNCTION_WORDS.has(b.t)) continue;
        } else {
          if (!/^[A-Za-z]+$/.test(a.t) || !/^[a-z]+$/.test(b.t)) continue;
        }
        gaps.push(a.e);
      }
    }
    return gaps;
  }

  planSplices() {
    const C = this.counts.splice;
    const rng = this.rng;
    const pools = {
      'script-space': L.SCRIPT_PHRASES, 'script-nbsp': L.SCRIPT_PHRASES, 'nbsp-joined': L.COMMERCIAL_PHRASES,
      'misdecoded-nbsp': L.COMMERCIAL_PHRASES, 'lowercase-commercial': L.COMMERCIAL_PHRASES, 'titlecase-anchor': L.TITLE_ANCHORS,
    };
    const usedPhrases = new Set();
    for (const [variant, n] of Object.entries(C)) {
      // phrase plan: r repeated phrases (2–3 files each) + r single-use phrases, total >= n
      const r = Math.ceil(n / 3);
      const pool = rng.shuffle(pools[variant].filter((p) => !usedPhrases.has(p)));
      const plan = [];
      for (let i = 0; i < r; i++) plan.push({ base: pool[i], times: rng.int(2, 3) });
      for (let i = 0; i < r; i++) plan.push({ base: pool[r + i], times: 1 });
      let total = plan.reduce((s, p) => s + p.times, 0);
      for (let i = 0; total < n; i++, total++) plan[i % r].times++;
      const mdMarker = variant === 'misdecoded-nbsp' ? (rng.chance(0.5) ? '\u00C2\u00A0' : '\u0100\u00A0') : null;
      for (const p of plan) {
        usedPhrases.add(p.base);
        let phrase = p.base;
        let left = ' ';
        let right = ' ';
        if (variant === 'script-nbsp') { left = NBSP; right = NBSP; }
        if (variant === 'nbsp-joined') phrase = p.base.replace(/ /g, NBSP);
        if (variant === 'misdecoded-nbsp') phrase = p.base.replace(/ /g, rng.chance(0.5) ? '\u00C2\u00A0' : '\u0100\u00A0');
        const hosts = [];
        const avoid = new Set();
        for (let k = 0; k < p.times; k++) {
          const res = this.withHost((f) => {
            const order = rng.shuffle(this.proseBlocks(f));
            for (const b of order) {
              const prot = this.docs ? protectedRanges(b.text) : [];
              let gaps = this.spliceGaps(b.text, prot, { titleAnchor: variant === 'titlecase-anchor' });
              if (variant === 'titlecase-anchor') gaps = gaps.filter((g) => !/\b(an|a)$/.test(b.text.slice(0, g)));
              if (!gaps.length) continue;
              const g = rng.pick(gaps);
              b.text = b.text.slice(0, g) + left + phrase + right + b.text.slice(g + 1); // text[g] is the original space
              b.used = true;
              avoid.add(f.name);
              const lab = this.label({ kind: 'splice', variant, file: f, block: b, offset: g + left.length, planted: phrase, original: '', phrase });
              return lab;
            }
            return null;
          }, { avoid, notTruncated: false, preferFresh: !this.docs && rng.chance(0.7) });
          if (res) hosts.push(res);
          else this.warnings.push(`splice ${variant}: no host`);
        }
        for (const h of hosts) { h.repeatedIn = hosts.length; if (mdMarker) h.note = `joiner U+${phrase.includes('\u0100') ? '0100' : '00C2'} U+00A0`; }
      }
    }
  }

  // ================================================================ mojibake
  /** Candidate spans for mis-decoding in a paragraph: [{s, e, orig (correct text), fixedSource (text before accents)}]. */
  mojibakeCandidates(text, prot, variant) {
    const cands = [];
    const okSpan = (s, e) => !inRanges(prot, s, e);
    const extendSpan = (s, e) => { // extend to whole word(s): start of word, plus up to 1 following word
      while (s > 0 && /[^\s]/.test(text[s - 1])) s--;
      while (e < text.length && /[^\s]/.test(text[e])) e++;
      if (this.rng.chance(0.5)) { const m = text.slice(e).match(/^ [A-Za-z']+/); if (m) e += m[0].length; }
      return [s, e];
    };
    // native non-ASCII characters
    for (const m of text.matchAll(/[^\x00-\x7F]/g)) {
      const [s, e] = extendSpan(m.index, m.index + 1);
      if (okSpan(s, e)) cands.push({ s, e, orig: text.slice(s, e), src: 'native' });
    }
    // ASCII words with an accented form
    for (const [plain, acc] of L.ACCENTABLE) {
      for (const m of text.matchAll(new RegExp(`\\b${plain}\\b`, 'g'))) {
        const [s, e] = extendSpan(m.index, m.index + plain.length);
        if (!okSpan(s, e)) continue;
        const orig = text.slice(s, m.index) + acc + text.slice(m.index + plain.length, e);
        cands.push({ s, e, orig, src: 'accented' });
      }
    }
    // apostrophes and double quotes → curly, hyphen-dash → en/em dash
    for (const m of text.matchAll(/[A-Za-z]'[a-z]/g)) {
      const [s, e] = extendSpan(m.index + 1, m.index + 2);
      if (!okSpan(s, e)) continue;
      cands.push({ s, e, orig: text.slice(s, e).replace(/'/g, '\u2019'), src: 'quote' });
    }
    for (const m of text.matchAll(/"([A-Z][a-z]+(?: [a-z]+){0,2})/g)) {
      const [s, e] = [m.index, m.index + m[0].length];
      if (!okSpan(s, e)) continue;
      cands.push({ s, e, orig: '\u201C' + m[1], src: 'quote' });
    }
    for (const m of text.matchAll(/[a-z]+ - [a-z]+/g)) {
      if (!okSpan(m.index, m.index + m[0].length)) continue;
      cands.push({ s: m.index, e: m.index + m[0].length, orig: m[0].replace(' - ', this.rng.pick([' \u2013 ', ' \u2014 '])), src: 'quote' });
    }
    const onlyPunct = (o) => /[^\x00-\x7F]/.test(o) && !/[^\x00-\x7F\u2018-\u201F\u2013\u2014\u2026]/.test(o);
    return cands.filter((c) => {
      if (variant === 'quotes-dashes') return onlyPunct(c.orig);
      if (variant === 'latin1-c1') return hasC1(misdecode(c.orig, 'latin1'));
      if (variant === 'cp1257') return !misdecode(c.orig, 'cp1257').includes('\uFFFD');
      return true;
    });
  }

  planMojibake() {
    const C = this.counts.mojibake;
    const rng = this.rng;
    const conv = { cp1252: (s) => misdecode(s, 'cp1252'), cp1257: (s) => misdecode(s, 'cp1257'), 'latin1-c1': (s) => misdecode(s, 'latin1'),
      macroman: (s) => misdecode(s, 'macroman'), 'double-utf8': doubleMisdecode, 'quotes-dashes': (s) => misdecode(s, 'cp1252'),
      'mixed-line': (s) => misdecode(s, 'cp1252') };
    const wantsLetters = new Set(['cp1252', 'cp1257', 'macroman', 'double-utf8', 'mixed-line']);
    for (const [variant, n] of Object.entries(C)) {
      for (let i = 0; i < n; i++) {
        const letterPass = wantsLetters.has(variant) && rng.chance(0.75);
        const attempt = (strict) => this.withHost((f) => {
          for (const b of rng.shuffle(this.proseBlocks(f))) {
            if (b.text.includes('\n') && variant === 'mixed-line') continue;
            const prot = this.docs ? protectedRanges(b.text) : [];
            let cands = this.mojibakeCandidates(b.text, prot, variant);
            // prefer natively non-ASCII and accented spans for the plain code-page variants
            if (!cands.length) continue;
            if (strict) cands = cands.filter((c) => c.src !== 'quote');
            if (!cands.length) continue;
            const c = rng.pick(cands);
            const planted = conv[variant](c.orig);
            if (planted === c.orig) continue;
            let text = b.text.slice(0, c.s) + planted + b.text.slice(c.e);
            let offset = c.s;
            let note = c.src === 'native' ? 'source text was already non-ASCII here' : 'accents/curly punctuation put in, then mis-decoded';
            if (variant === 'mixed-line') {
              // the same line must also carry correct accented text
              const hasOther = /[^\x00-\x7F]/.test(b.text.slice(0, c.s) + b.text.slice(c.e));
              if (!hasOther) {
                const ins = rng.pick(this.docs ? L.ACCENTED_SENTENCES_DOCS : L.ACCENTED_SENTENCES_NEWS);
                const sp = sentenceSpans(text).filter((s) => s.e <= offset || s.s >= offset + planted.length);
                if (!sp.length) continue;
                const s = rng.pick(sp);
                const insText = ` ${ins}`;
                text = text.slice(0, s.e) + insText + text.slice(s.e);
                if (s.e <= offset) offset += insText.length;
                note = `correct accented text "${ins}" on the same line`;
              } else note = 'correct non-ASCII text elsewhere on the same line';
            }
            b.text = text;
            b.used = true;
            this.label({ kind: 'mojibake', variant, file: f, block: b, offset, planted, original: c.orig, note });
            return true;
          }
          return null;
        }, { preferFresh: !this.docs && rng.chance(0.6) });
        const ok = (letterPass && attempt(true)) || attempt(false);
        if (!ok) this.warnings.push(`mojibake ${variant}: no host`);
      }
    }
  }

  // ================================================================ dropped word
  planDropped() {
    const C = this.counts['dropped-word'];
    const rng = this.rng;
    for (const [variant, n] of Object.entries(C)) {
      for (let i = 0; i < n; i++) {
        const ok = this.withHost((f) => {
          for (const b of rng.shuffle(this.proseBlocks(f))) {
            const prot = this.docs ? protectedRanges(b.text) : [];
            const c = [];
            for (const st of sentenceTokens(b.text)) {
              const t = st.toks;
              for (let k = 2; k + 2 < t.length; k++) {
                const [x, y, z] = [t[k - 1], t[k], t[k + 1]];
                if (!/^[A-Za-z]+$/.test(x.t) || !/^[A-Za-z]{2,}$/.test(y.t) || !/^[A-Za-z]+$/.test(z.t)) continue;
                if (b.text.slice(x.e, y.s) !== ' ' || b.text.slice(y.e, z.s) !== ' ') continue;
                if (inRanges(prot, x.s, z.e)) continue;
                c.push([x, y, z]);
              }
            }
            if (!c.length) continue;
            const [x, y, z] = rng.pick(c);
            const sep = variant === 'nbsp-space' ? `${NBSP} ` : '  ';
            const planted = `${x.t}${sep}${z.t}`;
            b.text = b.text.slice(0, x.s) + planted + b.text.slice(z.e);
            b.used = true;
            this.label({ kind: 'dropped-word', variant, file: f, block: b, offset: x.s, planted, original: y.t });
            return true;
          }
          return null;
        }, { preferFresh: !this.docs && rng.chance(0.6) });
        if (!ok) this.warnings.push(`dropped-word ${variant}: no host`);
      }
    }
  }

  // ================================================================ Markdown conversion for news
  planMarkdown() {
    if (this.docs) return;
    const touched = this.files.filter((f) => f.plants > 0);
    const target = Math.round(touched.length * 0.3);
    let md = touched.filter((f) => f.wantsMd).length;
    for (const f of this.rng.shuffle(touched)) {
      if (md >= target) break;
      if (f.wantsMd) continue;
      f.wantsMd = true;
      md++;
    }
    for (const f of touched) {
      if (!f.wantsMd) continue;
      f.blocks[0] = { ...f.blocks[0], text: `# ${f.blocks[0].text}` };
      f.path = f.name.replace(/\.txt$/, '.md');
    }
  }

  // ================================================================ finalize
  finalize() {
    const out = [];
    const fileText = new Map();
    const all = [...this.files, ...this.derived];
    for (const f of all) {
      const touched = f.derived || f.plants > 0;
      const text = touched ? f.blocks.map((b) => b.text).join('\n\n') + f.trailing : f.source;
      if (!touched && f.blocks.map((b) => b.text).join('\n\n') + f.trailing !== f.source) throw new Error(`untouched file changed: ${f.name}`);
      fileText.set(f, text);
      out.push({ path: f.path, text });
    }
    const geo = new Map();
    const geoOf = (f) => {
      if (geo.has(f)) return geo.get(f);
      const text = fileText.get(f);
      const lineStarts = [0];
      for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
      const blockStarts = new Map();
      let pos = 0;
      for (const b of f.blocks) { blockStarts.set(b, pos); pos += b.text.length + 2; }
      const g = { text, lineStarts, blockStarts };
      geo.set(f, g);
      return g;
    };
    const lc = (g, off) => {
      let lo = 0;
      let hi = g.lineStarts.length - 1;
      while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (g.lineStarts[mid] <= off) lo = mid; else hi = mid - 1; }
      return { line: lo + 1, col: off - g.lineStarts[lo] + 1 };
    };
    const lastLine = (g) => { const n = g.text.replace(/\n+$/, '').split('\n').length; return n; };
    /** Locate an anchor: {block, offset, text} | {blocks} | {whole} | {tail}. */
    const locate = (f, a) => {
      const g = geoOf(f);
      if (a.whole) return { line: 1, endLine: lastLine(g), planted: g.text.split('\n')[0].slice(0, 200) };
      if (a.tail) {
        const body = g.text.replace(/\n+$/, '');
        const ls = body.lastIndexOf('\n') + 1;
        const lineText = body.slice(ls);
        let st = Math.max(0, lineText.length - 80);
        if (st > 0) { const sp = lineText.indexOf(' ', st); if (sp >= 0 && sp < lineText.length - 1) st = sp + 1; }
        const p = lc(g, ls + st);
        return { line: p.line, endLine: p.line, column: p.col, endColumn: lineText.length + 1, planted: lineText.slice(st) };
      }
      if (a.blocks) {
        if (!a.blocks.every((b) => g.blockStarts.has(b))) throw new Error(`label block missing in ${f.path}`);
        const s = g.blockStarts.get(a.blocks[0]);
        const lb = a.blocks[a.blocks.length - 1];
        const e = g.blockStarts.get(lb) + lb.text.length;
        const full = g.text.slice(s, e);
        const want = a.blocks.map((b) => b.text).join('\n\n');
        if (full !== want) throw new Error(`block range mismatch in ${f.path}`);
        const p1 = lc(g, s);
        const p2 = lc(g, e);
        return { line: p1.line, endLine: p2.line, planted: full.slice(0, 200), lastLineText: full.split('\n').at(-1) };
      }
      if (!g.blockStarts.has(a.block)) throw new Error(`label block missing in ${f.path}`);
      const s = g.blockStarts.get(a.block) + a.offset;
      const text = a.text;
      if (g.text.slice(s, s + text.length) !== text) throw new Error(`planted text not found at position in ${f.path}: ${JSON.stringify(text)}`);
      const p1 = lc(g, s);
      const p2 = lc(g, s + text.length);
      return { line: p1.line, endLine: p2.line, column: p1.col, endColumn: p2.col, planted: text.slice(0, 200) };
    };
    const labels = [];
    let id = 0;
    for (const l of this.labels) {
      const f = l.file;
      const anchor = l.whole ? { whole: true } : l.tail ? { tail: true } : l.blocks ? { blocks: l.blocks } : { block: l.block, offset: l.offset, text: l.planted };
      const loc = locate(f, anchor);
      const o = { id: `L${String(++id).padStart(4, '0')}`, kind: l.kind, variant: l.variant, file: f.path, line: loc.line, endLine: loc.endLine };
      if (loc.column !== undefined) { o.column = loc.column; o.endColumn = loc.endColumn; }
      o.planted = loc.planted;
      if (l.original !== undefined) o.original = l.original;
      if (l.other) {
        const oa = l.other.whole ? { whole: true } : l.other.blocks ? { blocks: l.other.blocks } : { block: l.other.block, offset: l.other.offset, text: l.other.text };
        const ol = locate(l.other.file, oa);
        o.otherFile = l.other.file.path;
        o.otherLine = ol.line;
        o.otherEndLine = ol.endLine;
      }
      if (l.negative) o.negative = true;
      if (l.phrase) { o.phrase = l.phrase; o.repeatedIn = l.repeatedIn; }
      if (l.note) o.note = l.note;
      if (l.kind === 'lookalike' && (l.variant === 'list-ending' || l.variant === 'table-ending')) {
        const g = geoOf(f);
        if (loc.endLine !== lastLine(g)) throw new Error(`ending lookalike not at end: ${f.path}`);
      }
      labels.push(o);
    }
    const seen = new Set();
    const relations = [];
    const addRel = (a, b, how) => {
      const [x, y] = a < b ? [a, b] : [b, a];
      const k = `${x}\t${y}\t${how}`;
      if (x === y || seen.has(k)) return;
      seen.add(k);
      relations.push({ a: x, b: y, how });
    };
    for (const r of this.relations) addRel(r.a.path, r.b.path, r.how);
    for (const [a, b] of this.naturalPairs) {
      const fa = this.byName.get(a);
      const fb = this.byName.get(b);
      if (fa && fb) addRel(fa.path, fb.path, 'natural');
    }
    const untouched = this.files.filter((f) => f.plants === 0).map((f) => f.path);
    if (untouched.length < this.files.length * 0.4) throw new Error(`only ${untouched.length}/${this.files.length} untouched`);
    return { files: out, labels, relations, untouched, warnings: this.warnings };
  }
}
