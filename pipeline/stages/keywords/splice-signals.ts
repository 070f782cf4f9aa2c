// Signals for spliced phrases. Each detector works on one sentence of a block and returns phrase candidates
// with block-text offsets. None of them knows any particular phrase: they look at scripts, invisible joiners,
// acronym/expansion echoes and part-of-speech slots.
import { spliceTokenEnd, wordsIn } from '../../text-words.js';
import type { Article, Block, InlineSpan, Sentence } from '../../types.js';
import { AUXILIARIES, COORDINATING_CONJUNCTIONS } from './english-function-words.js';
import { tagSentence, type PosToken } from './nlp.js';
import { inSpan, isCode } from './inline-spans.js';

export type SpliceSignal = 'script-run' | 'joiner' | 'expansion' | 'pos-slot' | 'weak-slot' | 'commercial';

export interface SpliceCandidate {
  /** Offsets into block.text. */
  start: number;
  end: number;
  signal: SpliceSignal;
  /** Strong candidates are reported alone; weak ones need corroboration (recurrence or a configured keyword). */
  strong: boolean;
  detail: string;
}

// ───────────────────────── scripts ─────────────────────────

const SCRIPT_TESTS: [string, RegExp][] = [
  ['Latin', /\p{Script=Latin}/u],
  ['CJK', /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc]/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['Devanagari', /\p{Script=Devanagari}/u],
  ['Thai', /\p{Script=Thai}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Georgian', /\p{Script=Georgian}/u],
];

export function scriptOfChar(c: string): string | null {
  // Fast path: ASCII and Latin-1/Latin Extended letters are by far the most common characters.
  const code = c.charCodeAt(0);
  if (code < 0x250)
    return (code >= 0x41 && code <= 0x5a) ||
      (code >= 0x61 && code <= 0x7a) ||
      (code >= 0xc0 && code !== 0xd7 && code !== 0xf7) ||
      code === 0xaa ||
      code === 0xba
      ? 'Latin'
      : null;
  if (!/[\p{L}\u30fc]/u.test(c)) return null;
  for (const [name, re] of SCRIPT_TESTS) if (re.test(c)) return name;
  return 'Other';
}

const OPENERS = '([{「『“‘"\'«‹„‚【〈《';
const CLOSERS = ')]}」』”’"\'»›“‘】〉》';
const METALINGUISTIC = new Set([
  'chinese',
  'mandarin',
  'cantonese',
  'japanese',
  'korean',
  'russian',
  'ukrainian',
  'greek',
  'arabic',
  'hebrew',
  'hindi',
  'thai',
  'serbian',
  'bulgarian',
  'persian',
  'farsi',
  'urdu',
  'armenian',
  'georgian',
  'kanji',
  'hanzi',
  'hangul',
  'katakana',
  'hiragana',
  'cyrillic',
  'script',
  'character',
  'characters',
  'word',
  'words',
  'term',
  'phrase',
  'called',
  'named',
  'name',
  'reads',
  'read',
  'spelled',
  'spelt',
  'written',
  'writes',
  'wrote',
  'pronounced',
  'means',
  'meaning',
  'known',
  'sign',
  'signs',
  'label',
  'labelled',
  'labeled',
  'title',
  'titled',
  'menu',
  'slogan',
  'greeting',
  'translation',
  'translates',
  'tattoo',
  'banner',
  'motto',
  'calligraphy',
  'logo',
  'aka',
  'native',
  'original',
  'transliterated',
  'literally',
]);

interface Letters {
  dominant: string | null;
  share: number;
}

function dominantScript(text: string): Letters {
  const counts = new Map<string, number>();
  let total = 0;
  for (const c of text) {
    const s = scriptOfChar(c);
    if (!s) continue;
    counts.set(s, (counts.get(s) ?? 0) + 1);
    total++;
  }
  let best: string | null = null;
  let bestCount = 0;
  for (const [s, n] of counts) if (n > bestCount) [best, bestCount] = [s, n];
  return { dominant: best, share: total ? bestCount / total : 0 };
}

/** An apostrophe inside a word ("Greene's", "don't") is not a quote mark. */
const inWord = (text: string, i: number) =>
  /[\p{L}\p{N}]/u.test(text[i - 1] ?? '') && /[\p{L}\p{N}]/u.test(text[i + 1] ?? '');

/** Most text one may put in the same quotes or brackets as a foreign term besides the term ("Russian:", "lit."). */
const MAX_GLOSS = 24;

/**
 * Is the run the content of quotes or brackets ("Hong Kong (香港)", “木漏れ日”)? A single word anywhere inside them; a
 * phrase only when they hold little else: a whole quoted sentence with a phrase pasted into it is not a quoted term.
 */
function enclosed(text: string, start: number, end: number, sentenceStart: number, sentenceEnd: number): boolean {
  for (let i = start - 1; i >= sentenceStart; i--) {
    const c = text[i];
    if (inWord(text, i)) continue;
    if (CLOSERS.includes(c) && !OPENERS.includes(c)) return false;
    if (OPENERS.includes(c)) {
      // Straight quotes are both: accept when a closer follows the run.
      for (let j = end; j < sentenceEnd; j++) {
        const d = text[j];
        if (inWord(text, j)) continue;
        // A single word may be cited anywhere inside a quotation; a phrase only as (nearly) all of it.
        if (CLOSERS.includes(d))
          return !/\s/.test(text.slice(start, end).trim()) || j - end + (start - i - 1) <= MAX_GLOSS;
        if (OPENERS.includes(d) && !CLOSERS.includes(d)) return false;
      }
      return false;
    }
  }
  return false;
}

/** Characters just outside the run in the original source (Markdown emphasis / code / HTML markup around it). */
function markedUpInSource(article: Article, block: Block, start: number, end: number): boolean {
  const src = article.source.text;
  const s = block.sourceOffsets[start];
  const e = block.sourceOffsets[Math.max(start, end - 1)] + 1;
  const before = src[s - 1] ?? '';
  const after = src[e] ?? '';
  return /[*_`>]/.test(before) && /[*_`<]/.test(after);
}

function wordsBefore(text: string, index: number, from: number, n: number): string[] {
  const words = text.slice(from, index).match(/[\p{L}\p{N}'’]+/gu) ?? [];
  return words.slice(-n).map((w) => w.toLowerCase());
}

/** A run of another script (plus Latin letters/digits glued to it) inside a sentence dominated by one script. */
/** Anything outside Latin letters, punctuation and symbols: only then can a sentence hold a foreign-script run. */
const OUTSIDE_LATIN = /[^\u0000-\u024f\u1e00-\u1eff\u2000-\u206f\u20a0-\u20cf\u2100-\u214f]/u;

export function scriptRunCandidates(article: Article, block: Block, sentence: Sentence): SpliceCandidate[] {
  // Latin runs are never reported, so an all-Latin sentence cannot contain a candidate.
  if (!OUTSIDE_LATIN.test(sentence.text)) return [];
  const text = block.text;
  const { dominant, share } = dominantScript(sentence.text);
  if (!dominant || share < 0.7) return [];
  const out: SpliceCandidate[] = [];
  let i = sentence.start;
  while (i < sentence.end) {
    const cp = text.codePointAt(i) ?? 0;
    const c = String.fromCodePoint(cp);
    const script = scriptOfChar(c);
    if (!script || script === dominant || (script === 'Latin' && dominant !== 'Latin')) {
      i += c.length;
      continue;
    }
    // Collect the foreign run (same script; a space or a soft line break between two of its words, or an apostrophe
    // inside one of them, stays inside it).
    let j = i;
    let foreignLetters = 0;
    while (j < sentence.end) {
      const d = String.fromCodePoint(text.codePointAt(j) ?? 0);
      const s = scriptOfChar(d);
      if (s === script || /\p{M}/u.test(d)) {
        foreignLetters++;
        j += d.length;
      } else if (/[ \n'’׳]/.test(d) && scriptOfChar(String.fromCodePoint(text.codePointAt(j + 1) ?? 0)) === script) j++;
      else break;
    }
    // Glue Latin letters/digits attached without a space ("香港AI").
    let s0 = i;
    while (s0 > sentence.start && /[\p{L}\p{N}]/u.test(text[s0 - 1]) && scriptOfChar(text[s0 - 1]) !== script) s0--;
    let e0 = j;
    while (e0 < sentence.end && /[\p{L}\p{N}]/u.test(text[e0]) && scriptOfChar(text[e0]) !== script) e0++;
    i = e0;
    if (script !== 'CJK' && foreignLetters < 2) continue; // α-helix, β-blockers, Δt
    if (enclosed(text, s0, e0, sentence.start, sentence.end)) continue;
    if (markedUpInSource(article, block, s0, e0)) continue;
    const prevChar = text.slice(sentence.start, s0).trimEnd().slice(-1);
    const nextChar = text.slice(e0, sentence.end).trimStart()[0] ?? '';
    if (/[:：/|=—–-]/.test(prevChar) || /[(/|（=—–-]/.test(nextChar)) continue; // glosses and bilingual labels
    if (s0 === sentence.start || e0 >= sentence.end - 1) continue; // sentence-initial/final label ("香港 Hong Kong", "Hong Kong 香港")
    if (wholeListItem(text, s0, e0, sentence)) continue; // a name in its own script among a list of names
    // After a cue ("the word", "known as", "in Japanese") a foreign term is cited, not pasted: one word, or a
    // phrase that ends the clause. A multi-word run followed by more words reads on as a splice.
    const cited =
      !/\s/.test(text.slice(s0, e0).trim()) || /^\s*([,.;:!?)\]»”’"']|$)/.test(text.slice(e0, sentence.end));
    if (cited && wordsBefore(text, s0, sentence.start, 3).some((w) => METALINGUISTIC.has(w))) continue;
    // Name followed by its native spelling: a capitalised word right before the run.
    const before = text.slice(sentence.start, s0).match(/([\p{L}]+)\s*$/u);
    if (
      before &&
      /^\p{Lu}/u.test(before[1]) &&
      dominant === 'Latin' &&
      nativeSpelling(before[1], text.slice(s0, e0), script, before.index === 0)
    )
      continue;
    if (repeatedInArticle(article, text.slice(s0, e0))) continue; // a name or term the article itself uses again
    out.push({
      start: s0,
      end: e0,
      signal: 'script-run',
      strong: true,
      detail: `${script} text inside a ${dominant} sentence`,
    });
  }
  return out;
}

const CYRILLIC_LATIN: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'sh',
  ы: 'y',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  і: 'i',
  ї: 'i',
  є: 'ye',
  ґ: 'g',
};
const GREEK_LATIN: Record<string, string> = {
  α: 'a',
  β: 'v',
  γ: 'g',
  δ: 'd',
  ε: 'e',
  ζ: 'z',
  η: 'i',
  θ: 'th',
  ι: 'i',
  κ: 'k',
  λ: 'l',
  μ: 'm',
  ν: 'n',
  ξ: 'x',
  ο: 'o',
  π: 'p',
  ρ: 'r',
  σ: 's',
  ς: 's',
  τ: 't',
  υ: 'y',
  φ: 'f',
  χ: 'ch',
  ψ: 'ps',
  ω: 'o',
};

/**
 * Is `run` the native spelling of the Latin `name` right before it ("Kyiv Київ")? Cyrillic and Greek are
 * transliterated and must start alike; other scripts cannot be compared, so only a single word (no inner space)
 * after a name is trusted ("Tokyo 東京"), never a phrase ("Toulouse 東京 ホテル").
 */
function nativeSpelling(name: string, run: string, script: string, sentenceInitial: boolean): boolean {
  const table = script === 'Cyrillic' ? CYRILLIC_LATIN : script === 'Greek' ? GREEK_LATIN : null;
  // Without a transliteration, a sentence-initial capital says nothing about a name.
  if (!table) return !sentenceInitial && !/\s/.test(run.trim());
  const latin = [...run.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '')].map((c) => table[c] ?? c).join('');
  const plain = name.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
  // Vowels are transliterated inconsistently (Kyiv/Kiiv, Moskva/Moscow): compare the first two consonants.
  const skeleton = (w: string) =>
    w
      .replace(/[^a-z]/g, '')
      .replace(/[aeiouy]/g, '')
      .slice(0, 2);
  return skeleton(latin) !== '' && skeleton(latin) === skeleton(plain);
}

/** Most words of one item of a list of names ("Dagfinn Ilmari Mannsåker", "brian d foy"). */
const MAX_NAME_WORDS = 4;
/** Fewest name-like items besides the run's own that the list's inner items must hold. */
const MIN_OTHER_NAMES = 2;
/** Share of the list's inner items that must be name-like. */
const NAME_ITEM_SHARE = 0.75;
/** What separates the items of an enumeration: commas, semicolons, "and", "&". */
const ITEM_SEPARATOR = /\s*(?:[,;]|&|\band\b)\s*/u;
const ITEM_WORDS = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’.-]*/gu;

/** One to MAX_NAME_WORDS words, the first capitalised or of a script without case ("Yves Orton", "山田 太郎"). */
function nameLike(item: string): boolean {
  const words = item.match(ITEM_WORDS) ?? [];
  return words.length >= 1 && words.length <= MAX_NAME_WORDS && /^[\p{Lu}\p{Lt}\p{Lo}]/u.test(words[0] ?? '');
}

/**
 * Is the run a whole item of an enumeration of short, name-like phrases — a personal name in its own script in a list
 * of contributors ("…, Yves Orton, Михаил Козачков.")? The run must be delimited on both sides by the list's
 * separators (a comma, a semicolon, "and", "&", the sentence's end), and most of the list's inner items must be names.
 * A pasted run sits inside a clause, next to words it should connect to ("transform 香港AI industries"): never a
 * whole item. Linear in the sentence; asked only for a foreign-script run.
 */
function wholeListItem(text: string, s0: number, e0: number, sentence: Sentence): boolean {
  const before = text.slice(sentence.start, s0);
  const after = text.slice(e0, sentence.end);
  if (!/(?:[,;]|(?:^|\s)(?:and|&))\s*$/iu.test(before)) return false;
  if (!/^\s*(?:[,;.!?]|(?:and|&)\s|$)/iu.test(after)) return false;
  if (!nameLike(text.slice(s0, e0))) return false;
  const { names, inner } = innerItems(sentence);
  const own = /^\s*[.!?]?\s*$/u.test(after) ? 0 : 1; // the run is an inner item unless it ends the sentence
  return names - own >= MIN_OTHER_NAMES && names >= NAME_ITEM_SHARE * inner;
}

/** Per sentence, once (a long list may hold many foreign runs): its inner items, and how many of them are names. */
const innerItemsBySentence = new WeakMap<Sentence, { names: number; inner: number }>();
function innerItems(sentence: Sentence): { names: number; inner: number } {
  let counts = innerItemsBySentence.get(sentence);
  if (!counts) {
    // The first item may hold a lead-in ("We thank Ann Lee") and the last a closing clause ("Dana Cruz for their
    // reviews"): only the items between them are judged.
    const inner = sentence.text
      .split(ITEM_SEPARATOR)
      .filter((item) => /[\p{L}\p{N}]/u.test(item))
      .slice(1, -1);
    counts = { names: inner.filter(nameLike).length, inner: inner.length };
    innerItemsBySentence.set(sentence, counts);
  }
  return counts;
}

/** Does the article use this foreign-script text more than once (a name or term of its own, not a pasted phrase)? */
function repeatedInArticle(article: Article, run: string): boolean {
  const needle = run.trim();
  let seen = 0;
  for (const block of article.blocks) {
    let at = block.text.indexOf(needle);
    while (at >= 0) {
      if (++seen > 1) return true;
      at = block.text.indexOf(needle, at + needle.length);
    }
  }
  return false;
}

// ───────────────────────── joiners / no-break spaces ─────────────────────────

const JOINER = /[\u00a0\u200b-\u200d\u2060\ufeff]/;
const TITLES = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'st',
  'prof',
  'sir',
  'dame',
  'lord',
  'lady',
  'van',
  'von',
  'de',
  'da',
  'di',
  'du',
  'le',
  'la',
  'del',
  'der',
  'den',
  'ter',
  'ten',
  'bin',
  'ibn',
  'al',
  'el',
  'mac',
  'san',
  'santa',
  'mc',
  'herr',
  'frau',
  'mme',
  'mlle',
  'jr',
  'sr',
]);
const ROMAN = /^(?=[MDCLXVI])M{0,3}(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$/;
const UNITS =
  /^(km|m|cm|mm|kg|g|mg|lb|lbs|oz|ft|in|mi|mph|kph|km\/h|s|ms|min|h|hrs|kb|mb|gb|tb|kw|kwh|mw|v|w|hz|khz|mhz|ghz|°c|°f|%|per|cent|percent|am|pm|a\.m\.|p\.m\.|bc|ad|bce|ce|eur|usd|gbp|hkd|chf|jpy|rmb|million|billion|thousand|hundred|px|pt|em|dpi)$/i;

interface Word {
  text: string;
  start: number;
  end: number;
}

/**
 * A piece of notation, not a word: after its surrounding punctuation, it holds characters a word does not (sigils,
 * brackets, operators, underscores: "$x", "foo()", "<FH>", "a_b") or it is a command-line option ("-le"). Reference
 * pages keep notation on one line with no-break spaces ("perl\u00a0-le"); a splice is made of plain words.
 */
function notation(word: string): boolean {
  const core = word.replace(/^[([{"'“‘«]+/u, '').replace(/[.,;:!?)\]}"'’”»]+$/u, '');
  return /^-|[^\p{L}\p{M}'’.-]/u.test(core);
}

function legitLink(left: Word, right: Word, joiner: string, isLastWord: boolean): boolean {
  const l = left.text;
  const r = right.text;
  if (/\p{N}/u.test(l) || /\p{N}/u.test(r)) return true; // numbers, dates, versions, phone numbers
  if (notation(l) || notation(r)) return true; // "perl\u00a0-le", "$x\u00a0=~"
  if (!/\p{L}/u.test(l) || !/\p{L}/u.test(r)) return true; // punctuation / symbols: « », : ; ! ? — € §
  if (/^[^\p{L}]+/u.test(r) && /^[«»:;!?%)\]]/.test(r)) return true;
  if (/\.$/.test(l)) return true; // abbreviations and initials: p. 5, Dr. Smith, J. K.
  const lc = l.replace(/[^\p{L}]/gu, '').toLowerCase();
  if (lc.length <= 2) return true; // one- and two-letter words (Czech/Polish/French typography, "a", "I", "à")
  if (TITLES.has(lc)) return true;
  if (ROMAN.test(r.replace(/[^\p{L}]/gu, ''))) return true; // Louis XIV, World War II
  if (UNITS.test(r.replace(/[.,;:!?]+$/, '')) || UNITS.test(l)) return true;
  if (joiner === '\u00a0' && isLastWord) return true; // widow control: binding the last two words of a line
  if (joiner !== '\u00a0') {
    // Zero-width characters: legit inside non-Latin scripts, emoji sequences and lowercase compounds (ligature control).
    const a = l[l.length - 1];
    const b = r[0];
    if (!/\p{Script=Latin}/u.test(a) || !/\p{Script=Latin}/u.test(b)) return true;
    if (left.end === right.start - 1 && /\p{Ll}/u.test(b)) return true;
  }
  return false;
}

/**
 * Emphasis whose whole text is bound (no ordinary space inside it): a term the writer marked up and kept on one line
 * ("**word\u00a0anchor**"). Emphasis around a sentence is not a term: a phrase bound inside it is still plain words.
 */
const boundTerm = (block: Block) => (span: InlineSpan) =>
  span.kind === 'emphasis' && !/[ \t\n]/.test(block.text.slice(span.start, span.end));

/** The left word ends in inline code or a marked-up bound term, or the right one starts in one. */
function besideMarkup(block: Block, left: Word, right: Word): boolean {
  if (block.inline === undefined) return false;
  const term = boundTerm(block);
  const marked = (span: InlineSpan) => isCode(span) || term(span);
  return inSpan(block, left.end - 1, marked) || inSpan(block, right.start, marked);
}

/** Ordinary words bound together by no-break spaces or zero-width joiners ("Hong Kong AI" with U+00A0). */
export function joinerCandidates(block: Block, sentence: Sentence): SpliceCandidate[] {
  const text = block.text;
  const slice = sentence.text;
  if (!JOINER.test(slice)) return [];
  const latinish = dominantScript(slice);
  if (latinish.dominant !== 'Latin') return [];
  // Words: maximal runs of non-space, non-joiner characters.
  const words: Word[] = [];
  const seps: string[] = []; // separator before each word
  const re = /[^\s\u00a0\u200b-\u200d\u2060\ufeff]+/gu;
  let m: RegExpExecArray | null;
  let last = sentence.start;
  while ((m = re.exec(slice))) {
    const start = sentence.start + m.index;
    seps.push(text.slice(last, start));
    words.push({ text: m[0], start, end: start + m[0].length });
    last = start + m[0].length;
  }
  if (words.length < 4) return []; // not running text
  const out: SpliceCandidate[] = [];
  // Pairs of zero-width characters wrapping a short phrase: "transform \u200bHong Kong AI\u200b industries".
  const zw = [...slice.matchAll(/[\u200b-\u200d\u2060\ufeff]/gu)].map((x) => sentence.start + (x.index ?? 0));
  let chainStart = -1;
  let suspicious = false;
  const flush = (endWord: number) => {
    // An address kept on one line inside angle brackets ("<jdoe\u00a0AT\u00a0example\u00a0DOT\u00a0org>") is notation.
    if (
      chainStart >= 0 &&
      suspicious &&
      !(words[chainStart].text.startsWith('<') && words[endWord].text.endsWith('>'))
    ) {
      const a = words[chainStart];
      const b = words[endWord];
      const start = a.start + (a.text.match(/^[^\p{L}\p{N}]*/u)?.[0].length ?? 0);
      const end = b.end - (b.text.match(/[^\p{L}\p{N}]*$/u)?.[0].length ?? 0);
      if (end > start)
        out.push({
          start,
          end,
          signal: 'joiner',
          strong: true,
          detail: 'words bound by no-break spaces or invisible joiners',
        });
    }
    chainStart = -1;
    suspicious = false;
  };
  for (let k = 1; k < words.length; k++) {
    const sep = seps[k];
    const joinerChar = sep.match(JOINER)?.[0];
    const bound = joinerChar !== undefined && !/[ \t\n]/.test(sep);
    if (!bound) {
      flush(k - 1);
      continue;
    }
    if (chainStart < 0) chainStart = k - 1;
    const isLastWord = k === words.length - 1;
    // A code name kept on one line with its neighbour ("`'data'`\u00a0events", "`destination`\u00a0{number}"), or a
    // term the writer marked up and bound ("**word\u00a0anchor**"): typography around markup, not a phrase bound into
    // the sentence.
    if (besideMarkup(block, words[k - 1], words[k])) continue;
    if (!legitLink(words[k - 1], words[k], joinerChar, isLastWord)) suspicious = true;
  }
  flush(words.length - 1);
  // Joiners inside a word between Latin letters ("Hong\u200bKong") are handled by the word-internal check below.
  for (const w of words) {
    const inner = w.text.match(/\p{Lu}?\p{Ll}+[\u200b-\u200d\u2060\ufeff]\p{Lu}/u);
    if (inner)
      out.push({
        start: w.start,
        end: w.end,
        signal: 'joiner',
        strong: true,
        detail: 'a zero-width character inside a phrase',
      });
  }
  if (zw.length === 2 && out.length === 0) {
    const [a, b] = zw;
    const inside = text.slice(a + 1, b).trim();
    const n = inside.split(/\s+/).length;
    if (n >= 1 && n <= 6 && /\p{L}/u.test(inside)) {
      const start = a + 1 + (text.slice(a + 1, b).length - text.slice(a + 1, b).trimStart().length);
      out.push({
        start,
        end: start + inside.length,
        signal: 'joiner',
        strong: true,
        detail: 'a phrase wrapped in zero-width characters',
      });
    }
  }
  return out;
}

// ───────────────────────── capitalised runs, acronym expansions, POS slots ─────────────────────────

export interface CapRun {
  start: number;
  end: number;
  tokens: Word[];
}

/** The tokens `[\p{L}\p{N}][\p{L}\p{N}\p{M}&'’.-]*[\p{L}\p{N}]|[\p{L}\p{N}]` of text[from, to) (spliceTokenEnd). */
export function tokenize(text: string, from: number, to: number): Word[] {
  return wordsIn(text, from, to, spliceTokenEnd);
}

const isCap = (w: Word) => /^\p{Lu}/u.test(w.text);
const isAcronym = (w: Word) => /^\p{Lu}(?:\p{Lu}|\p{Ll}(?=\p{Lu})){1,5}s?$/u.test(w.text);
const onlySpaceBetween = (text: string, a: Word, b: Word) =>
  /^[ \u00a0\u200b-\u200d\u2060\ufeff]{1,3}$/.test(text.slice(a.end, b.start));

/**
 * The last capitalisedRuns answer: a sentence's runs are asked for two or three times in a row (expansions, strong and
 * corroborated slots). One entry, checked against the sentence object, its offsets and the text, so it only saves the
 * repeat and holds no memory beyond one sentence.
 */
let lastRuns: { sentence: Sentence; text: string; start: number; end: number; result: SentenceRuns } | null = null;

interface SentenceRuns {
  runs: CapRun[];
  tokens: Word[];
}

/** Runs of capitalised tokens separated by spaces only (not at the sentence start unless ≥ 2 tokens follow). */
export function capitalisedRuns(text: string, sentence: Sentence): SentenceRuns {
  const hit = lastRuns;
  if (hit && hit.sentence === sentence && hit.text === text && hit.start === sentence.start && hit.end === sentence.end)
    return hit.result;
  const result = findCapitalisedRuns(text, sentence);
  lastRuns = { sentence, text, start: sentence.start, end: sentence.end, result };
  return result;
}

/**
 * Whether the sentence can hold a capitalised run: an upper-case letter after the start of its first token (the
 * first token starts at its first letter or digit, and a run never starts at the first token).
 */
export function mayHoldCapitalisedRun(text: string, sentence: Sentence): boolean {
  const slice = text.slice(sentence.start, sentence.end);
  const first = slice.search(LETTER_OR_DIGIT);
  return first >= 0 && UPPER.test(slice.slice(first + 1));
}
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const UPPER = /\p{Lu}/u;

function findCapitalisedRuns(text: string, sentence: Sentence): SentenceRuns {
  const tokens = tokenize(text, sentence.start, sentence.end);
  const runs: CapRun[] = [];
  let k = 0;
  while (k < tokens.length) {
    if (!isCap(tokens[k])) {
      k++;
      continue;
    }
    let j = k;
    while (j + 1 < tokens.length && isCap(tokens[j + 1]) && onlySpaceBetween(text, tokens[j], tokens[j + 1])) j++;
    if (k > 0) runs.push({ start: tokens[k].start, end: tokens[j].end, tokens: tokens.slice(k, j + 1) });
    k = j + 1;
  }
  return { runs, tokens };
}

const STOP_EXPANSION = new Set(['of', 'and', 'for', 'the', 'in', 'on', 'to', '&']);
/** Small words an expansion may skip ("Department of Health"); not conjunctions, which join two phrases. */
const SKIPPABLE_IN_EXPANSION = new Set(['of', 'for', 'the', 'in', 'on', 'to']);
/**
 * Words that never give an acronym its letter: a name's initials come from its content words, and a conjunction or an
 * auxiliary after an acronym is the sentence's own ("CA certificates and certificate revocation", "CA certificates
 * are loaded": not "C… A…").
 */
const NOT_AN_INITIAL = new Set([...COORDINATING_CONJUNCTIONS, ...AUXILIARIES]);

/** A capitalised run ending in an acronym, directly followed by the acronym's own expansion ("… AI artificial intelligence"). */
export function expansionCandidates(block: Block, sentence: Sentence): SpliceCandidate[] {
  const text = block.text;
  if (!mayHoldCapitalisedRun(text, sentence)) return [];
  const { runs, tokens } = capitalisedRuns(text, sentence);
  const out: SpliceCandidate[] = [];
  for (const run of runs) {
    const acronymWord = run.tokens[run.tokens.length - 1];
    if (!isAcronym(acronymWord)) continue;
    const raw = acronymWord.text.replace(/s$/, '');
    const letters = raw.toLowerCase();
    // The words after the run: tokens[first…] (an index, not a filtered copy per run).
    let first = 0;
    while (first < tokens.length && tokens[first].start < run.end) first++;
    if (first === tokens.length || !onlySpaceBetween(text, acronymWord, tokens[first])) continue;
    if (isCap(tokens[first]) && !/^\p{Lu}\p{Ll}/u.test(tokens[first].text)) continue;
    let li = 0;
    let k = first;
    let skipped = 0;
    while (k < tokens.length && li < letters.length) {
      const w = tokens[k].text.toLowerCase();
      if (k > first && !/^ $/.test(text.slice(tokens[k - 1].end, tokens[k].start))) break;
      const stop = SKIPPABLE_IN_EXPANSION.has(w);
      // A lowercase letter in the acronym may stand for a small word ("IoT": internet of things).
      if (stop && raw[li] === letters[li] && w[0] === letters[li]) li++;
      else if (stop && li > 0) {
        // A name joins its words with one small word ("Department of Health"); "instead of the default" after "ID"
        // is the sentence's own phrase, not the acronym's name.
        if (++skipped > 1) break;
        k++;
        continue;
      } else if (
        !stop &&
        w.length >= 3 &&
        !NOT_AN_INITIAL.has(w) &&
        (w[0] === letters[li] || (letters[li] === 'x' && /^(ex|trans|cross)/.test(w)))
      )
        li++;
      else break;
      skipped = 0;
      k++;
    }
    if (li === letters.length && letters.length >= 2) {
      // The spliced part is the run; the expansion is the sentence's own wording.
      out.push({
        start: run.start,
        end: run.end,
        signal: 'expansion',
        strong: true,
        detail: `"${acronymWord.text}" is immediately followed by its own expansion`,
      });
    }
  }
  return out;
}

// Words that open a noun phrase but cannot follow a finished one: "many X other regions". Articles, possessives
// and "each/every/this" are left out: "the UK each year", "told the BBC the full advice", "30,000 PCs a day".
const DET_AFTER = new Set(['other', 'another', 'such', 'many', 'several', 'various', 'numerous']);
const QUANT_BEFORE = new Set([
  'many',
  'several',
  'various',
  'numerous',
  'few',
  'some',
  'most',
  'all',
  'other',
  'these',
  'those',
  'such',
  'both',
]);

function tokenAt(tags: PosToken[], offset: number): number {
  for (let i = 0; i < tags.length; i++) if (tags[i].start <= offset && offset < tags[i].end) return i;
  return -1;
}

/** Sentence text with joiners/no-break spaces turned into spaces (same length) for tagging. */
export function taggable(text: string): string {
  return text.replace(/[\u00a0\u200b-\u200d\u2060\ufeff]/g, ' ');
}

export interface SlotResult {
  strong: boolean;
  detail: string;
}

/** The words around a span that could make it a slot (lexical checks only, no tagging); null: never a slot. */
function slotNeighbours(
  text: string,
  start: number,
  end: number,
  tokens: Word[],
): { prev: Word; next: Word; next2: Word } | null {
  let ip0 = -1;
  for (let i = 0; i < tokens.length; i++) if (tokens[i].end <= start) ip0 = i;
  const prev = tokens[ip0];
  const rest = tokens.filter((t) => t.start >= end);
  const next = rest[0];
  const next2 = rest[1];
  if (!prev || !next || !next2) return null;
  const gap = /^[ \u00a0\u200b-\u200d\u2060\ufeff]{1,3}$/;
  if (!gap.test(text.slice(prev.end, start)) || !gap.test(text.slice(end, next.start))) return null;
  if (isCap(next) && !isAcronym(next)) return null;
  return { prev, next, next2 };
}

/**
 * POS slot of a phrase span: strong when determiner/quantifier + phrase + determiner-like word + noun
 * ("like many Hong Kong AI other regions"); weak when adjective/quantifier + phrase + noun
 * ("a significant Hong Kong AI presence") — grammatical on its own, so weak slots need corroboration.
 */
export function slotFor(
  block: Block,
  sentence: Sentence,
  start: number,
  end: number,
  tokens: Word[],
  allowWeak: boolean,
): SlotResult | null {
  const text = block.text;
  const around = slotNeighbours(text, start, end, tokens);
  if (!around) return null;
  const { prev, next, next2 } = around;
  const strongLex = DET_AFTER.has(next.text.toLowerCase()) && text.slice(next.end, next2.start) === ' ';
  if (!strongLex && !allowWeak) return null;
  const tags = tagSentence(taggable(text.slice(sentence.start, sentence.end)));
  if (!tags) return null;
  const base = sentence.start;
  const ip = tokenAt(tags, prev.start - base);
  const inx = tokenAt(tags, next.start - base);
  const in2 = tokenAt(tags, next2.start - base);
  if (ip < 0 || inx < 0 || in2 < 0) return null;
  const pPrev = tags[ip].pos;
  const pNext = tags[inx].pos;
  const pNext2 = tags[in2].pos;
  const quant = QUANT_BEFORE.has(prev.text.toLowerCase());
  const prevIsDetLike = pPrev === 'DET' || pPrev === 'ADJ' || pPrev === 'NUM' || quant;
  if (
    strongLex &&
    prevIsDetLike &&
    (pNext === 'DET' || pNext === 'ADJ' || pNext === 'PRON') &&
    (pNext2 === 'NOUN' || pNext2 === 'ADJ')
  ) {
    return {
      strong: true,
      detail: `"${prev.text} … ${next.text} ${next2.text}" leaves the phrase without a grammatical role`,
    };
  }
  if (allowWeak && (pPrev === 'ADJ' || quant) && pNext === 'NOUN') {
    return { strong: false, detail: `modifier slot between "${prev.text}" and "${next.text}"` };
  }
  return null;
}

/** Words that do not make a context Title Case (with STOP_EXPANSION). */
const SHORT_FUNCTION_WORD = /^(a|an|with|from|by|at)$/i;

/** POS slots of capitalised runs; weak slots only for runs accepted by `weakFilter` (corroborated phrases). */
export function posCandidates(
  block: Block,
  sentence: Sentence,
  weakFilter?: (start: number, end: number) => boolean,
): SpliceCandidate[] {
  const text = block.text;
  if (!mayHoldCapitalisedRun(text, sentence)) return [];
  const { runs, tokens } = capitalisedRuns(text, sentence);
  const out: SpliceCandidate[] = [];
  for (const run of runs) {
    // A single capitalised word in this slot is nearly always the phrase's own head noun ("a fresh RegExp each
    // time", "§ 4.5.1 The a element"); spliced keyword phrases are multi-word runs or acronyms glued to names.
    if (run.tokens.length < 2 && !run.tokens.some(isAcronym)) continue;
    const runIndex = tokens.findIndex((t) => t.start === run.start);
    const prevTok = tokens[runIndex - 1];
    if (!prevTok || isCap(prevTok)) continue;
    // Title Case context (a heading glued to its paragraph): capitalisation says nothing there.
    // Counted in place: the words before the run other than short function words, and how many are capitalised
    // (every word skipped has at most four letters: a longer one is neither looked up nor matched).
    let before = 0;
    let capitalisedBefore = 0;
    for (let k = 1; k < runIndex; k++) {
      const word = tokens[k].text;
      if (word.length <= 4 && (STOP_EXPANSION.has(word.toLowerCase()) || SHORT_FUNCTION_WORD.test(word))) continue;
      before++;
      if (isCap(tokens[k])) capitalisedBefore++;
    }
    if (before >= 2 && capitalisedBefore / before >= 0.5) continue;
    // The filter is only asked about runs that can be in a slot at all (its answer cannot matter for the others).
    const weak =
      !!weakFilter &&
      (run.tokens.length >= 2 || run.tokens.some(isAcronym)) &&
      slotNeighbours(text, run.start, run.end, tokens) !== null &&
      weakFilter(run.start, run.end);
    const slot = slotFor(block, sentence, run.start, run.end, tokens, weak);
    if (slot)
      out.push({
        start: run.start,
        end: run.end,
        signal: slot.strong ? 'pos-slot' : 'weak-slot',
        strong: slot.strong,
        detail: slot.detail,
      });
  }
  return out;
}
