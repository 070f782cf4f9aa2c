// Mojibake detection core: single-byte code page tables, UTF-8 re-decoding of suspicious spans and an
// ftfy-like "badness" score. A span is only reported when re-encoding it to the code page and decoding the
// bytes as UTF-8 gives valid, plausible text whose neighbourhood is less improbable than before.

import { badness, isLetter, scriptOf } from './mojibake-badness.js';

export { badness } from './mojibake-badness.js';

export interface CodePage {
  /** WHATWG label (or 'latin-1' for the identity table, which TextDecoder would map to windows-1252). */
  name: string;
  /** char → byte for bytes 0x80–0xFF. */
  encode: Map<string, number>;
}

const CODE_PAGE_LABELS = [
  'windows-1252',
  'latin-1',
  'windows-1250',
  'windows-1251',
  'windows-1257',
  'macintosh',
] as const;

// 0x80–0x9F of Windows-1252 (WHATWG); a space marks the five undefined bytes.
const WINDOWS_1252_C1 = '€ ‚ƒ„…†‡ˆ‰Š‹Œ Ž  ‘’“”•–—˜™š›œ žŸ';

let codePages: CodePage[] | null = null;

/** The code pages tried, in order of how common that kind of mojibake is. Built once from TextDecoder output. */
export function getCodePages(): CodePage[] {
  if (codePages) return codePages;
  codePages = CODE_PAGE_LABELS.map((name) => {
    const encode = new Map<string, number>();
    if (name === 'latin-1') {
      for (let b = 0x80; b <= 0xff; b++) encode.set(String.fromCharCode(b), b);
    } else if (name === 'windows-1252') {
      // Node 20's TextDecoder('windows-1252') decodes 0x80–0x9F as C1 controls (Latin-1), so that range is spelled out.
      for (let b = 0x80; b <= 0x9f; b++) {
        const ch = WINDOWS_1252_C1[b - 0x80];
        // Undefined bytes decode to the C1 control of the same value (WHATWG), so sloppy round trips still work.
        encode.set(ch !== ' ' ? ch : String.fromCharCode(b), b);
      }
      for (let b = 0xa0; b <= 0xff; b++) encode.set(String.fromCharCode(b), b);
    } else {
      const decoder = new TextDecoder(name);
      for (let b = 0x80; b <= 0xff; b++) {
        const ch = decoder.decode(Uint8Array.of(b));
        if (ch !== '\ufffd' && ch.length === 1 && !encode.has(ch)) encode.set(ch, b);
      }
      // "Sloppy" decoding (as ftfy's sloppy-windows-125x): a byte the page leaves undefined came through as the
      // Latin-1 character of the same value (Windows-1257's 0xA1 and 0xA5).
      for (let b = 0x80; b <= 0xff; b++) {
        const ch = String.fromCharCode(b);
        if (decoder.decode(Uint8Array.of(b)) === '\ufffd' && !encode.has(ch)) encode.set(ch, b);
      }
    }
    return { name, encode };
  });
  return codePages;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function byteOf(page: CodePage, ch: string): number {
  const code = ch.charCodeAt(0);
  if (code < 0x80) return code;
  return page.encode.get(ch) ?? -1;
}

function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

// Code points a re-decode may plausibly give: the letters of living scripts and common symbols, plus every character
// of the code pages themselves (an intermediate layer of double mojibake is made of them). Rare letters such as
// U+0245 "Ʌ" (from "É…") or U+01B6 "ƶ" (from "Ć¶" read as 1250 instead of 1257) are left out on purpose.
const PLAUSIBLE_RANGES: [number, number][] = [
  [0x81, 0x81],
  [0x8d, 0x8d],
  [0x8f, 0x90],
  [0x9d, 0x9d], // C1 bytes Windows-1252 leaves undefined (double mojibake)
  [0xa0, 0x17f],
  [0x192, 0x192],
  [0x1a0, 0x1a1],
  [0x1af, 0x1b0],
  [0x1cd, 0x1dc],
  [0x218, 0x21b],
  [0x2c6, 0x2c7],
  [0x2d8, 0x2dd],
  [0x386, 0x3ce],
  [0x400, 0x45f],
  [0x490, 0x491],
  [0x5d0, 0x5ea],
  [0x600, 0x6ff],
  [0x900, 0x97f],
  [0xe00, 0xe7f],
  [0x1e00, 0x1eff],
  [0x2000, 0x206f],
  [0x20a0, 0x20cf],
  [0x2100, 0x23ff],
  [0x2460, 0x27bf],
  [0x2b00, 0x2bff],
  [0x3000, 0x9fff],
  [0xac00, 0xd7af],
  [0xfb01, 0xfb02],
  [0xfe0f, 0xfe0f],
  [0xff00, 0xffef],
  [0x1f000, 0x1faff],
];

function plausibleCodePoint(cp: number): boolean {
  for (const [lo, hi] of PLAUSIBLE_RANGES) if (cp >= lo && cp <= hi) return true;
  return false;
}

/** Decode one UTF-8 sequence that starts at text[i] when read through `page`; null when not valid/plausible. */
function decodeSequenceAt(text: string, i: number, page: CodePage): { length: number; decoded: string } | null {
  const lead = byteOf(page, text[i]);
  const n = sequenceLength(lead);
  if (!n || i + n > text.length) return null;
  const bytes = new Uint8Array(n);
  bytes[0] = lead;
  for (let k = 1; k < n; k++) {
    const b = byteOf(page, text[i + k]);
    if (b < 0x80 || b > 0xbf) return null;
    bytes[k] = b;
  }
  let decoded: string;
  try {
    decoded = utf8.decode(bytes);
  } catch {
    return null;
  }
  const cp = decoded.codePointAt(0) ?? 0;
  if (!plausibleCodePoint(cp)) return null;
  return { length: n, decoded };
}

export interface MojibakeSpan {
  /** Offsets into the scanned text. */
  start: number;
  end: number;
  original: string;
  /** The span fully repaired (every layer of a double or triple mojibake). */
  repaired: string;
  codePage: string;
}

interface Run extends MojibakeSpan {
  /** Length in characters of the longest single UTF-8 sequence in the run. */
  longest: number;
}

/** Maximal runs of consecutive valid UTF-8 sequences under one code page, decoded. */
function candidateRuns(text: string, page: CodePage): Run[] {
  const runs: Run[] = [];
  let i = 0;
  while (i < text.length) {
    if (text.charCodeAt(i) < 0x80) {
      i++;
      continue;
    }
    let j = i;
    let repaired = '';
    let longest = 0;
    for (
      let seq = decodeSequenceAt(text, j, page);
      seq;
      seq = j < text.length ? decodeSequenceAt(text, j, page) : null
    ) {
      repaired += seq.decoded;
      j += seq.length;
      longest = Math.max(longest, seq.length);
    }
    if (j > i) {
      // Judge and repair with every layer peeled: an intermediate layer is often less plausible than either end.
      runs.push({
        start: i,
        end: j,
        original: text.slice(i, j),
        repaired: peelLayers(repaired, page),
        codePage: page.name,
        longest,
      });
      i = j;
    } else i++;
  }
  return runs;
}

/** `text` decoded as a whole when every character is ASCII or part of a valid sequence; otherwise null. */
function decodeWhole(text: string, page: CodePage): string | null {
  let out = '';
  let i = 0;
  let changed = false;
  while (i < text.length) {
    if (text.charCodeAt(i) < 0x80) {
      out += text[i++];
      continue;
    }
    const seq = decodeSequenceAt(text, i, page);
    if (!seq) return null;
    out += seq.decoded;
    i += seq.length;
    changed = true;
  }
  return changed ? out : null;
}

/** Peel further layers (double, triple mojibake) while the repaired span still decodes as a whole. */
function peelLayers(repaired: string, page: CodePage): string {
  let current = repaired;
  for (let round = 0; round < 3; round++) {
    const next = decodeWhole(current, page);
    if (next === null || badness(next) > badness(current)) break;
    current = next;
  }
  return current;
}

// Scripts whose letters must be backed by context: one isolated Hebrew/Cyrillic/… letter from a two-byte
// sequence (“×” → “ה”) is a coincidence far more often than mojibake.
const CONTEXT_SCRIPTS = new Set(['Cyrillic', 'Greek', 'Hebrew', 'Arabic', 'Thai', 'Devanagari']);

/** Script check: decoded Cyrillic/Greek/… letters need their own script around them or enough of them. */
function scriptSupport(text: string, run: Run): 'ok' | 'weak' | 'no' {
  const scripts = new Set<string>();
  let letters = 0;
  for (const c of run.repaired) {
    const s = scriptOf(c);
    if (s) {
      scripts.add(s);
      letters++;
    }
  }
  if (scripts.size === 0) return 'ok';
  if (scripts.size > 1) return scripts.size === 2 && scripts.has('CJK') && scripts.has('Latin') ? 'ok' : 'no';
  const target = [...scripts][0];
  if (!CONTEXT_SCRIPTS.has(target)) return 'ok';
  // The letters directly around the span (same word) must not be of another alphabet.
  for (const c of [text[run.start - 1], text[run.end]]) {
    if (c && isLetter(c) && scriptOf(c) !== target) return 'no';
  }
  return letters >= 2 ? 'ok' : 'weak';
}

// Latin code pages where a three- or four-byte sequence ("âœ“", "ðŸŽ‰") never occurs in correct text (for 1250 and
// 1257 only when a symbol is part of it, or when it decodes to Vietnamese letters: Czech or Lithuanian letters alone
// may line up by chance, but not into U+1E00–U+1EFF).
const LATIN_PAGES = new Set(['windows-1252', 'latin-1', 'macintosh', 'windows-1250', 'windows-1257']);

/** A run that starts with a capital right after a lowercase letter ("KrakĂłw"), or inside a lowercase word ("MĂĽller"). */
function capitalInsideWord(text: string, run: Run): boolean {
  if (!/\p{Lu}/u.test(text[run.start])) return false;
  const prev = text[run.start - 1] ?? '';
  const next = text[run.end] ?? '';
  return /\p{Ll}/u.test(prev) || (/\p{L}/u.test(prev) && /\p{Ll}/u.test(next));
}
const CONTEXT = 4;

// Closing marks that legitimately follow an all-caps word: "MARQUÉ…", "IRMÃ”", "«Å»".
const CLOSING_MARKS = new Set(['”', '’', '»', '›', '…', '"', "'"]);

/**
 * A word ending in accented letters and then a closing mark ("MARQUÉ…", "«Å»", "Bangladéš”"): ftfy's "sort of
 * negative" cases, ambiguous on their own.
 */
function letterBeforeClosingMark(text: string, run: Run): boolean {
  const chars = run.original;
  const prev = text[run.start - 1] ?? '';
  if (!CLOSING_MARKS.has(chars[chars.length - 1]) || /\p{L}/u.test(text[run.end] ?? '')) return false;
  if (!/^\p{L}+$/u.test(chars.slice(0, -1))) return false;
  if (chars.length === 2 && /\p{Lu}/u.test(chars[0]) && !/\p{Ll}/u.test(prev)) return true;
  return /\p{L}/u.test(prev);
}

type Verdict = { kind: 'strong'; gain: number } | { kind: 'weak'; reach: 'word' | 'next' } | null;

/** Letters of another alphabet spelled with Latin characters ("–ú–æ—Å–∫–≤–∞" → "Москва"): never correct text. */
function foreignWordFromLatin(run: Run): boolean {
  const decoded = Array.from(run.repaired).filter((c) => isLetter(c));
  const script = decoded.length >= 3 ? scriptOf(decoded[0]) : null;
  if (!script || !CONTEXT_SCRIPTS.has(script) || !decoded.every((c) => scriptOf(c) === script)) return false;
  return !Array.from(run.original).some((c) => scriptOf(c) === script);
}

/** Strong reasons beyond a drop in badness: long Latin-page sequences, foreign words, prices. */
function strongWithoutBadness(text: string, run: Run): boolean {
  if (letterBeforeClosingMark(text, run)) return false;
  const longSequence =
    run.longest >= 3 &&
    LATIN_PAGES.has(run.codePage) &&
    !/\p{Script=Hangul}/u.test(run.repaired) &&
    ((run.codePage !== 'windows-1250' && run.codePage !== 'windows-1257') ||
      !/^\p{L}+$/u.test(run.original) ||
      /^[\u1e00-\u1eff]+$/u.test(run.repaired));
  // Letters that turn into a currency sign glued to a number ("ÂŁ30" → "£30") are a price, not a word.
  const price =
    /^\p{Sc}$/u.test(run.repaired) && (/\d/.test(text[run.end] ?? '') || /\d/.test(text[run.start - 1] ?? ''));
  return longSequence || price || foreignWordFromLatin(run);
}

/**
 * Is this run mojibake? Strong: badness around it drops when it is repaired, or see strongWithoutBadness.
 * Weak: plausible but unproven (letters only, like Latvian "ĀŖ"); repaired only where the same code page has a
 * strong run in the same word or, for runs holding a symbol, the next word.
 */
function judgeRun(text: string, run: Run): Verdict {
  const support = scriptSupport(text, run);
  if (support === 'no') return null;
  const ws = Math.max(0, run.start - CONTEXT);
  const we = Math.min(text.length, run.end + CONTEXT);
  const before = badness(text.slice(ws, we));
  const after = badness(text.slice(ws, run.start) + run.repaired + text.slice(run.end, we));
  if (after > before) return null;
  const lettersOnly = /^\p{L}+$/u.test(run.original);
  const weak: Verdict = { kind: 'weak', reach: lettersOnly || letterBeforeClosingMark(text, run) ? 'word' : 'next' };
  if (support === 'weak') return weak;
  // Two letters alone prove little (Ukrainian "Ві", Latvian "ĀŖ") unless the capital is impossible where it stands.
  const twoLetters = lettersOnly && run.end - run.start <= 2 && !capitalInsideWord(text, run);
  if (before > after && !twoLetters && !letterBeforeClosingMark(text, run))
    return { kind: 'strong', gain: before - after };
  return strongWithoutBadness(text, run) ? { kind: 'strong', gain: 1 } : weak;
}

interface PageVerdicts {
  page: CodePage;
  order: number;
  evidence: number;
  strong: Run[];
  weak: WeakRun[];
}

interface WeakRun extends Run {
  reach: 'word' | 'next';
}

function judgePage(text: string, page: CodePage, order: number): PageVerdicts {
  const verdicts: PageVerdicts = { page, order, evidence: 0, strong: [], weak: [] };
  for (const run of candidateRuns(text, page)) {
    const verdict = judgeRun(text, run);
    if (!verdict) continue;
    if (verdict.kind === 'strong') {
      verdicts.strong.push(run);
      verdicts.evidence += verdict.gain + run.end - run.start;
    } else {
      // Weak runs break ties between pages: the page that explains more of the text is the likelier one.
      verdicts.weak.push({ ...run, reach: verdict.reach });
      verdicts.evidence += 0.5;
    }
  }
  return verdicts;
}

/**
 * Weak runs repaired: only those in the same word as a strong run of their code page (or the next word, for runs
 * holding a symbol), so that correct accented text elsewhere on the line ("Bangladéš”", Cyrillic "ШРІ") survives a
 * repair nearby. Both lists are sorted.
 */
function weakNearStrong(text: string, weak: WeakRun[], strong: Run[]): Run[] {
  const kept: Run[] = [];
  let i = 0;
  for (const w of weak) {
    const close = (from: number, to: number) =>
      to - from <= 40 && (text.slice(from, to).match(/\s+/g) ?? []).length <= (w.reach === 'next' ? 1 : 0);
    while (i < strong.length && strong[i].end <= w.start) i++;
    const before = strong[i - 1];
    const after = strong[i];
    if ((before && close(before.end, w.start)) || (after && after.start >= w.end && close(w.end, after.start)))
      kept.push(w);
  }
  return kept;
}

/**
 * Find mojibake spans in a text (a paragraph). Code pages are ranked by their evidence in the whole text, so that
 * "BjĆ¶rk … itā€™s" is read as Windows-1257 throughout; a page with evidence also repairs its weak runs. Spans do
 * not overlap; each is repaired through all its layers.
 */
export function findMojibake(text: string): MojibakeSpan[] {
  // Fast path: every mojibake sequence starts with a non-ASCII character followed by another non-ASCII one.
  if (!/[\u0080-\uffff][\u0080-\uffff]/.test(text)) return [];
  const pages = getCodePages()
    .map((page, order) => judgePage(text, page, order))
    .filter((p) => p.strong.length > 0)
    .sort((a, b) => b.evidence - a.evidence || a.order - b.order);
  const covered = new Uint8Array(text.length);
  const accepted: MojibakeSpan[] = [];
  for (const { strong, weak } of pages) {
    for (const run of [...strong, ...weakNearStrong(text, weak, strong)]) {
      if (covered.subarray(run.start, run.end).some((x) => x === 1)) continue;
      covered.fill(1, run.start, run.end);
      accepted.push({
        start: run.start,
        end: run.end,
        original: run.original,
        repaired: run.repaired,
        codePage: run.codePage,
      });
    }
  }
  accepted.sort((a, b) => a.start - b.start);
  return accepted;
}

/** `text` with the spans (offsets into `text`, sorted) replaced by their repairs. */
export function applySpans(text: string, spans: MojibakeSpan[], offset = 0): string {
  let out = '';
  let last = 0;
  for (const s of spans) {
    const start = s.start - offset;
    const end = s.end - offset;
    if (start < last || end > text.length) continue;
    out += text.slice(last, start) + s.repaired;
    last = end;
  }
  return out + text.slice(last);
}

/** Repair all mojibake in a text; further rounds catch layers made with different code pages. */
export function repairText(text: string, maxRounds = 3): string {
  let current = text;
  for (let round = 0; round < maxRounds; round++) {
    const spans = findMojibake(current);
    if (!spans.length) break;
    const out = applySpans(current, spans);
    if (out === current) break;
    current = out;
  }
  return current;
}
