// Escaping and safe-markup helpers for the HTML report.
// Rule: every string that reaches the page is escaped here (or by Handlebars' {{ }}) — helpers that return
// markup build it ONLY from escaped pieces plus fixed tags, and return a Handlebars.SafeString.
import { createHash } from 'node:crypto';
import Handlebars from 'handlebars';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
  '=': '&#61;',
};

/**
 * Escape text for an HTML body or a quoted attribute value. Also neutralises characters that cannot appear
 * literally in a valid HTML document (C0/C1 controls except tab/LF/CR; lone surrogates) and U+2028/U+2029
 * (harmless in HTML, but escaped so copy-paste into scripts cannot break out).
 */
export function escapeHtml(value: unknown): string {
  const text = value == null ? '' : String(value);
  return (
    text
      .replace(/[&<>"'`=]/g, (ch) => HTML_ESCAPES[ch])
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '\ufffd')
      .replace(/[\u2028\u2029]/g, (ch) => `&#x${ch.charCodeAt(0).toString(16)};`)
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
  );
}

/** Attribute values are always double-quoted in our templates, so the body escaper is also correct there. */
export const escapeAttr = escapeHtml;

/**
 * URL allow-list: relative paths (no scheme, no protocol-relative `//`) and absolute http(s) URLs only.
 * Anything else (javascript:, data:, vbscript:, file:, obfuscated schemes with control chars) → null.
 */
export function safeUrl(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  // Browsers strip ASCII tab/newline and leading/trailing C0 controls+space when parsing URLs: do the same first.
  // eslint-disable-next-line no-control-regex
  const url = raw.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  if (!url) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(url)) return null;
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url);
  if (scheme) {
    const name = scheme[1].toLowerCase();
    if (name !== 'http' && name !== 'https') return null;
    try {
      const parsed = new URL(url);
      return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? url : null;
    } catch {
      return null;
    }
  }
  if (url.startsWith('//')) return null;
  // A relative reference whose first segment contains ':' would be read as a scheme — excluded above; a colon
  // later in the path is fine, but refuse it before the first '/' to be safe.
  const firstSegment = url.split(/[/?#]/)[0];
  if (firstSegment.includes(':')) return null;
  return url;
}

/** An href attribute value (escaped) for an allowed URL, or null. */
export function hrefFor(raw: unknown): string | null {
  const url = safeUrl(raw);
  return url === null ? null : escapeAttr(url);
}

/** Embed JSON inside <script type="application/json">: escape `<`, `>`, `&`, U+2028 and U+2029. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

/** Element id for an article: hash-based, so any path (quotes, spaces, markup) becomes `doc-<hex>`. */
export function docId(path: string): string {
  return `doc-${shortHash(path)}`;
}

/** Element id for a finding: `f-<fingerprint>` when the fingerprint is a plain token, else hashed. */
export function findingId(fingerprint: string): string {
  return /^[A-Za-z0-9_-]{1,64}$/.test(fingerprint) ? `f-${fingerprint}` : `f-${shortHash(fingerprint)}`;
}

/** Element id for a duplicate pair. */
export function pairId(a: string, b: string): string {
  return `pair-${shortHash(`${a}\u0000${b}`)}`;
}

const INVISIBLES: Record<string, string> = {
  '\u00a0': 'NO-BREAK SPACE (U+00A0)',
  '\u200b': 'ZERO WIDTH SPACE (U+200B)',
  '\u200c': 'ZERO WIDTH NON-JOINER (U+200C)',
  '\u200d': 'ZERO WIDTH JOINER (U+200D)',
  '\u2060': 'WORD JOINER (U+2060)',
  '\ufeff': 'BYTE ORDER MARK (U+FEFF)',
  '\u00ad': 'SOFT HYPHEN (U+00AD)',
  '\u202f': 'NARROW NO-BREAK SPACE (U+202F)',
  '\u2028': 'LINE SEPARATOR (U+2028)',
  '\u2029': 'PARAGRAPH SEPARATOR (U+2029)',
  '\u202a': 'LEFT-TO-RIGHT EMBEDDING (U+202A)',
  '\u202b': 'RIGHT-TO-LEFT EMBEDDING (U+202B)',
  '\u202c': 'POP DIRECTIONAL FORMATTING (U+202C)',
  '\u202d': 'LEFT-TO-RIGHT OVERRIDE (U+202D)',
  '\u202e': 'RIGHT-TO-LEFT OVERRIDE (U+202E)',
  '\u2066': 'LEFT-TO-RIGHT ISOLATE (U+2066)',
  '\u2067': 'RIGHT-TO-LEFT ISOLATE (U+2067)',
  '\u2068': 'FIRST STRONG ISOLATE (U+2068)',
  '\u2069': 'POP DIRECTIONAL ISOLATE (U+2069)',
};
const INVISIBLE_RE = /[\u00a0\u00ad\u200b-\u200d\u2060\ufeff\u202f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Escape text and make invisible characters visible (NBSP, zero-width, bidi controls) as small marked glyphs,
 * so a reader can see the glitch. Output = escaped text + fixed markup only.
 */
export function escapeVisible(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(INVISIBLE_RE)) {
    const index = match.index ?? 0;
    out += escapeHtml(text.slice(last, index));
    const ch = match[0];
    const glyph = ch === '\u00a0' || ch === '\u202f' ? '⍽' : '◇';
    out += `<span class="inv" title="${escapeAttr(INVISIBLES[ch] ?? 'invisible character')}">${glyph}</span>`;
    last = index + ch.length;
  }
  return out + escapeHtml(text.slice(last));
}

/** The invisible characters the report marks, by code point: what a reader is told on hover (HTML) or in the legend. */
export function invisibleName(ch: string): string | null {
  return INVISIBLES[ch] ?? null;
}

/** `<U+00A0>` (how messages spell an invisible character) → the character, for the invisible characters we mark. */
export function decodeInvisibleNotation(text: string): string {
  return text.replace(/<U\+([0-9A-Fa-f]{4,6})>/g, (all, hex: string) => {
    const code = Number.parseInt(hex, 16);
    const ch = code <= 0x10ffff ? String.fromCodePoint(code) : '';
    return INVISIBLES[ch] ? ch : all;
  });
}

/**
 * A message as a SafeString: escaped, with `<U+00A0>`-style notation of an invisible character and the raw
 * character alike shown as the visible, explained mark of escapeVisible (a heading never shows raw `<U+00A0>`).
 */
export function visibleMessage(message: string): Handlebars.SafeString {
  return new Handlebars.SafeString(escapeVisible(decodeInvisibleNotation(message)));
}

/** Find the [start, end) ranges of `needle` in `text` (case-sensitive first, then case-insensitive). */
function findAll(text: string, needle: string): [number, number][] {
  const ranges: [number, number][] = [];
  if (!needle) return ranges;
  let haystack = text;
  let target = needle;
  if (!text.includes(needle)) {
    haystack = text.toLowerCase();
    target = needle.toLowerCase();
    // Lower-casing can change lengths (e.g. İ); only use it when lengths are preserved.
    if (haystack.length !== text.length || target.length !== needle.length) return ranges;
  }
  let from = 0;
  while (ranges.length < 50) {
    const at = haystack.indexOf(target, from);
    if (at < 0) break;
    ranges.push([at, at + target.length]);
    from = at + target.length;
  }
  return ranges;
}

/**
 * Highlight: escape first, then wrap the matched substrings in <mark>. The needles are matched on the raw text,
 * and every piece (inside or outside a mark) is escaped on its own, so markup can never be created by content.
 */
export function highlightHtml(text: string, needles: readonly string[]): string {
  const ranges: [number, number][] = [];
  for (const needle of needles) ranges.push(...findAll(text, needle));
  ranges.sort((x, y) => x[0] - y[0] || y[1] - x[1]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const prev = merged[merged.length - 1];
    if (prev && range[0] <= prev[1]) prev[1] = Math.max(prev[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  let out = '';
  let last = 0;
  for (const [start, end] of merged) {
    out += escapeVisible(text.slice(last, start));
    out += `<mark>${escapeVisible(text.slice(start, end))}</mark>`;
    last = end;
  }
  return out + escapeVisible(text.slice(last));
}

/** Quoted fragments in a message (“…”, "…", ‘…’, '…', `…`): what a rule points at. */
export function quotedFragments(message: string): string[] {
  const out: string[] = [];
  // Curly double, straight double, curly single and backtick quotes; a straight single quote only between non-letters.
  const re = new RegExp(
    [
      '“([^”]{1,200})”',
      '"([^"]{1,200})"',
      '‘([^’]{1,200})’',
      '`([^`]{1,200})`',
      String.raw`(?<![\p{L}\p{N}])'([^']{1,200})'(?![\p{L}\p{N}])`,
    ].join('|'),
    'gu',
  );
  for (const match of message.matchAll(re)) {
    const fragment = match.slice(1).find((group) => group !== undefined);
    if (fragment && fragment.trim()) out.push(fragment);
  }
  return out;
}

/** Evidence with the glitch highlighted, as a SafeString of escaped pieces. */
export function highlightEvidence(evidence: string, message: string): Handlebars.SafeString {
  // Messages may spell invisible characters as <U+00A0>; search for the real character.
  const decoded = quotedFragments(message).map((fragment) =>
    fragment.replace(/<U\+([0-9A-Fa-f]{4,6})>/g, (all, hex: string) => {
      const code = Number.parseInt(hex, 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : all;
    }),
  );
  const found = decoded.filter(
    (fragment) => evidence.includes(fragment) || evidence.toLowerCase().includes(fragment.toLowerCase()),
  );
  // A fragment inside a longer matched fragment ("AI" in "Hong Kong AI") would only add noise.
  const needles = found.filter(
    (fragment) =>
      !found.some((other) => other !== fragment && other.length > fragment.length && other.includes(fragment)),
  );
  return new Handlebars.SafeString(highlightHtml(evidence, needles));
}

const WORD_RE = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’-]*/gu;

/** Short function words: shared alone they mean nothing, so they are marked only inside a shared phrase. */
const STOP_WORDS = new Set(
  (
    'a an and are as at be been but by for from had has have he her his in into is it its of on or our she so than ' +
    'that the their them then there these they this to was we were which while who will with'
  ).split(' '),
);

function tokens(text: string): { word: string; index: number; key: string }[] {
  return [...text.matchAll(WORD_RE)].map((match) => ({
    word: match[0],
    index: match.index ?? 0,
    key: match[0].toLowerCase(),
  }));
}

/**
 * Mark the words of `text` that match `other`: words inside a shared two-word phrase, and shared content words
 * (not function words). Consecutive marked words (separated only by spaces/punctuation) join into one <mark>.
 */
export function highlightSharedWords(text: string, other: string): Handlebars.SafeString {
  const otherTokens = tokens(other);
  const words = new Set(otherTokens.map((t) => t.key));
  const bigrams = new Set<string>();
  for (let i = 1; i < otherTokens.length; i++) bigrams.add(`${otherTokens[i - 1].key} ${otherTokens[i].key}`);
  const own = tokens(text);
  const marked = own.map((t, i) => {
    if (!words.has(t.key)) return false;
    if (!STOP_WORDS.has(t.key)) return true;
    return (
      (i > 0 && bigrams.has(`${own[i - 1].key} ${t.key}`)) ||
      (i + 1 < own.length && bigrams.has(`${t.key} ${own[i + 1].key}`))
    );
  });
  let out = '';
  let last = 0;
  let open = false;
  own.forEach((t, i) => {
    const gap = text.slice(last, t.index);
    if (marked[i]) {
      if (open && /^[^\p{L}\p{N}]{0,3}$/u.test(gap)) out += escapeVisible(gap);
      else {
        if (open) out += '</mark>';
        out += `${escapeVisible(gap)}<mark>`;
        open = true;
      }
    } else {
      if (open) out += '</mark>';
      open = false;
      out += escapeVisible(gap);
    }
    out += escapeVisible(t.word);
    last = t.index + t.word.length;
  });
  if (open) out += '</mark>';
  return new Handlebars.SafeString(out + escapeVisible(text.slice(last)));
}
