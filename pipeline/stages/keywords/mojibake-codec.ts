// Mojibake detection core: single-byte code page tables, UTF-8 re-decoding of suspicious spans and an
// ftfy-like "badness" score. A span is only reported when re-encoding it to the code page and decoding the
// bytes as UTF-8 gives valid, plausible text whose neighbourhood is less improbable than before.

export interface CodePage {
  /** WHATWG label (or 'latin-1' for the identity table, which TextDecoder would map to windows-1252). */
  name: string;
  /** char → byte for bytes 0x80–0xFF. */
  encode: Map<string, number>;
}

const CODE_PAGE_LABELS = ['windows-1252', 'latin-1', 'windows-1250', 'windows-1251', 'windows-1257', 'macintosh'] as const;

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

/** Code points a real UTF-8 text plausibly contains (anything else from a re-decode is treated as noise). */
function plausibleCodePoint(cp: number): boolean {
  return (
    // C1 controls that Windows-1252 leaves undefined survive one round of mojibake (double mojibake of ”).
    cp === 0x81 || cp === 0x8d || cp === 0x8f || cp === 0x90 || cp === 0x9d ||
    (cp >= 0xa0 && cp <= 0x24f) ||
    (cp >= 0x370 && cp <= 0x3ff) ||
    (cp >= 0x400 && cp <= 0x4ff) ||
    (cp >= 0x5d0 && cp <= 0x5ea) ||
    (cp >= 0x600 && cp <= 0x6ff) ||
    (cp >= 0x900 && cp <= 0x97f) ||
    (cp >= 0xe00 && cp <= 0xe7f) ||
    (cp >= 0x1e00 && cp <= 0x1eff) ||
    (cp >= 0x2000 && cp <= 0x206f) ||
    (cp >= 0x20a0 && cp <= 0x20cf) ||
    (cp >= 0x2100 && cp <= 0x214f) ||
    (cp >= 0x2190 && cp <= 0x22ff) ||
    (cp >= 0x2500 && cp <= 0x27bf) ||
    (cp >= 0x3000 && cp <= 0x9fff) ||
    (cp >= 0xac00 && cp <= 0xd7af) ||
    (cp >= 0xff00 && cp <= 0xffef) ||
    (cp >= 0x1f300 && cp <= 0x1faff)
  );
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

// Punctuation that legitimately touches letters (apostrophes, dashes, middle dot) is not "odd".
const BENIGN_PUNCT = new Set(['’', '‘', '–', '—', '‐', '‑', '·', '\u00ad']);
// Characters that real text almost never puts next to another non-ASCII character.
const RARE = new Set(['ƒ', 'ˆ', '˜', '‰', '‹', '›', '¦', '¨', '¯', '´', '¸', '¤', '¬', 'Ž', 'ž', 'Ÿ', 'Œ', '†', '‡', '¹', '¿', '¡', 'Ð', 'Þ', 'ð', 'þ']);
const STANDALONE_OK = new Set(['À', 'É', 'Á', 'Ó', 'Ú', 'Í', 'Ä', 'Ö', 'Ü', 'Å', 'Ø', 'Æ', 'Œ', 'Ç']);

const isLetter = (c: string | undefined): boolean => c !== undefined && /\p{L}/u.test(c);
const isLower = (c: string | undefined): boolean => c !== undefined && /\p{Ll}/u.test(c);
const isUpper = (c: string | undefined): boolean => c !== undefined && /\p{Lu}/u.test(c);
const isDigit = (c: string | undefined): boolean => c !== undefined && /\p{Nd}/u.test(c);
const isSpace = (c: string | undefined): boolean => c === undefined || /[\s\u00a0]/u.test(c);

function isOdd(c: string | undefined): boolean {
  if (c === undefined) return false;
  const code = c.codePointAt(0) ?? 0;
  if (code < 0x80 || code === 0xa0) return false;
  if (BENIGN_PUNCT.has(c)) return false;
  return /[\p{S}\p{P}\p{No}\p{Cc}\p{Cf}]/u.test(c);
}

function scriptOf(c: string): string | null {
  if (/\p{Script=Latin}/u.test(c)) return 'Latin';
  if (/\p{Script=Cyrillic}/u.test(c)) return 'Cyrillic';
  if (/\p{Script=Greek}/u.test(c)) return 'Greek';
  if (/\p{Script=Hebrew}/u.test(c)) return 'Hebrew';
  if (/\p{Script=Arabic}/u.test(c)) return 'Arabic';
  if (/\p{Script=Thai}/u.test(c)) return 'Thai';
  if (/\p{Script=Devanagari}/u.test(c)) return 'Devanagari';
  if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(c)) return 'CJK';
  return null;
}

/**
 * Count improbable features in a short string (ftfy-style badness, simplified):
 * C1 controls, odd symbols wedged between letters/symbols, an accented capital right after a lowercase letter
 * or digit, a lone accented capital, and words that mix alphabets (Latin with Cyrillic/Greek/…).
 */
export function badness(text: string): number {
  const chars = Array.from(text);
  let score = 0;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    const prev = chars[i - 1];
    const next = chars[i + 1];
    const code = c.codePointAt(0) ?? 0;
    if (code >= 0x80 && code <= 0x9f) {
      score += 2;
      continue;
    }
    if (RARE.has(c) && ((prev !== undefined && prev.charCodeAt(0) >= 0x80 && !isSpace(prev)) || (next !== undefined && next.charCodeAt(0) >= 0x80 && !isSpace(next)))) {
      score++;
      if (!isOdd(c)) continue;
    }
    if (isOdd(c)) {
      const leftTight = isLetter(prev) || isOdd(prev);
      const rightTight = isLetter(next) || isOdd(next);
      if (leftTight && rightTight) score++;
      else if ((isLetter(prev) && isOdd(next)) || (isOdd(prev) && isLetter(next))) score++;
      continue;
    }
    if (code >= 0x80 && isUpper(c)) {
      if (isLower(prev) || isDigit(prev)) score++;
      else if (isOdd(next)) score++;
      else if (isSpace(prev) && (isSpace(next) || next === '\u00a0') && !STANDALONE_OK.has(c)) score++;
    }
  }
  // Mixed alphabets inside one word.
  for (const word of text.split(/[^\p{L}\p{M}]+/u)) {
    const scripts = new Set<string>();
    for (const c of word) {
      const s = scriptOf(c);
      if (s && s !== 'CJK') scripts.add(s);
    }
    if (scripts.size > 1) score += 2;
  }
  return score;
}

export interface MojibakeSpan {
  /** Offsets into the scanned text. */
  start: number;
  end: number;
  original: string;
  repaired: string;
  codePage: string;
}

/** Maximal runs of consecutive valid UTF-8 sequences under one code page, decoded. */
function candidateRuns(text: string, page: CodePage): MojibakeSpan[] {
  const runs: MojibakeSpan[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      i++;
      continue;
    }
    let j = i;
    let repaired = '';
    for (;;) {
      const seq = j < text.length ? decodeSequenceAt(text, j, page) : null;
      if (!seq) break;
      repaired += seq.decoded;
      j += seq.length;
    }
    if (j > i) {
      runs.push({ start: i, end: j, original: text.slice(i, j), repaired, codePage: page.name });
      i = j;
    } else i++;
  }
  return runs;
}

const CONTEXT = 4;

/** Script of the letters next to a span must agree with the script of the letters it decodes to. */
function scriptConsistent(text: string, run: MojibakeSpan): boolean {
  const decodedScripts = new Set<string>();
  for (const c of run.repaired) {
    const s = scriptOf(c);
    if (s) decodedScripts.add(s);
  }
  if (decodedScripts.size === 0) return true;
  if (decodedScripts.size > 1) return decodedScripts.has('CJK') && decodedScripts.size === 2 && decodedScripts.has('Latin');
  const target = [...decodedScripts][0];
  if (target === 'Latin' || target === 'CJK') return true;
  // The letters directly around the span (same word) must not be of another alphabet.
  const left = text[run.start - 1];
  const right = text[run.end];
  for (const c of [left, right]) {
    if (c && isLetter(c)) {
      const s = scriptOf(c);
      if (s && s !== target) return false;
    }
  }
  return true;
}

/** Re-decode repeatedly (double mojibake) while it keeps lowering badness. */
export function repairText(text: string, maxRounds = 3): string {
  let current = text;
  for (let round = 0; round < maxRounds; round++) {
    const spans = findMojibake(current);
    if (!spans.length) break;
    let out = '';
    let last = 0;
    for (const s of spans) {
      out += current.slice(last, s.start) + s.repaired;
      last = s.end;
    }
    out += current.slice(last);
    if (out === current) break;
    current = out;
  }
  return current;
}

/** Find mojibake spans in a text. Spans do not overlap; the first code page that explains a span wins. */
export function findMojibake(text: string): MojibakeSpan[] {
  // Fast path: every mojibake sequence starts with a non-ASCII character followed by another non-ASCII one.
  if (!/[\u0080-\uffff][\u0080-\uffff]/.test(text)) return [];
  const accepted: MojibakeSpan[] = [];
  const taken = (s: MojibakeSpan) => accepted.some((a) => s.start < a.end && a.start < s.end);
  for (const page of getCodePages()) {
    for (const run of candidateRuns(text, page)) {
      if (taken(run)) continue;
      if (!scriptConsistent(text, run)) continue;
      // A single sequence made only of letters (e.g. Ukrainian "Ві", Latvian "ĀŖ") is too weak on its own.
      const allLetters = Array.from(run.original).every((c) => isLetter(c));
      if (allLetters && run.end - run.start <= 2) continue;
      const ws = Math.max(0, run.start - CONTEXT);
      const we = Math.min(text.length, run.end + CONTEXT);
      const before = badness(text.slice(ws, we));
      const after = badness(text.slice(ws, run.start) + run.repaired + text.slice(run.end, we));
      if (before > 0 && after < before) accepted.push(run);
    }
  }
  accepted.sort((a, b) => a.start - b.start);
  return accepted;
}
