// Fact sentences: every prose sentence as a token sequence with its values masked ("GMAC made a profit of #money in
// #year"), plus the values themselves, normalised. Extracted per document (cheap: regexes and the name chunker, no
// NLP); compared only between the versions of one article that the duplication stage pairs (versions.ts).
import { findMojibake } from '../keywords/mojibake-codec.js';
import { blockRange } from '../../source-map.js';
import type { Article, Block } from '../../types.js';
import { PROSE_KINDS } from '../../types.js';
import { plainWordEnd } from '../../text-words.js';
import { articleKnownCaps, findNames, nameKey } from './names.js';
import { subjectLine } from './title-subjects.js';
import { parseQuantity, QUANTITY_RE } from './values.js';

/** Classes of values; only values of one class are ever compared. */
export type FactClass = 'money' | 'percent' | 'count' | 'year' | 'date' | 'weekday' | 'name';

export interface FactValue {
  /** Index of the value's placeholder in the sentence's tokens. */
  token: number;
  cls: FactClass;
  /** As written. */
  text: string;
  /** Numbers: normalised value ("$1.3bn" → 1.3e9), currency or '%' unit, significant digits, hedge. */
  num?: number;
  unit?: string;
  precision?: number;
  hedge?: 'approx' | 'min' | 'max' | null;
  /** Numbers: the value of one unit of the last digit written ("£1.2bn" → 1e8, "300" → 1): the rounding step. */
  step?: number;
  /** Dates: year, month, day (any may be missing); weekdays 1–7 in `day`. */
  year?: number;
  month?: number;
  day?: number;
  /** Names: name key words without titles and initials; `person` when the article treats it as a person's name
   * (a title, "… said", a role before it, a surname used alone); `org` when it has an institution or place word. */
  words?: string[];
  person?: boolean;
  org?: boolean;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface FactSentence {
  /** Lower-cased words with values replaced by `#<class>` placeholders. */
  tokens: string[];
  values: FactValue[];
  /** The sentence as written (for messages and the report). */
  text: string;
  /**
   * Offsets of each value in `text`, for the "same sentence otherwise" test: value k at [spans[2k], spans[2k + 1]).
   * One flat list (a pair array each costs ~60 bytes more).
   */
  spans: number[];
}

export interface ArticleFacts {
  title: string;
  /** What names the page's subject: the title, or the line under a first heading that is a section label. */
  subject: string;
  sentences: FactSentence[];
}

const MONTH_NAMES = 'January|February|March|April|May|June|July|August|September|October|November|December';
const MONTH_SHORT = 'Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec';
const MONTH = `(?:${MONTH_NAMES}|(?:${MONTH_SHORT})\\.?)`;
const DAY = '(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?';
const YEAR = '(?:1[6-9]\\d\\d|20\\d\\d)';
/** "12 March 2004", "March 12, 2004", "March 2004", "12 March", "in March" (a lone month needs a preposition). */
const DATE_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${DAY} ${MONTH}(?:,? ${YEAR})?|${MONTH} ${DAY}(?:,? ${YEAR})?(?![\\p{N}])|${MONTH} ${YEAR}|` +
    `(?<=\\b(?:in|on|since|until|by|from|last|next|early|late|mid|of|this|during|between|and) )${MONTH})` +
    `(?![\\p{L}\\p{N}])`,
  'gu',
);
const HEDGE_BEFORE = /\b(?:about|around|approximately|roughly|nearly|almost|some|circa|c\.)\s+$/i;
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const WEEKDAY_RE = /(?<![\p{L}])(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![\p{L}])/gu;
const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  dozen: 12,
};
// "three-year deal" counts ("three" is the figure); "twenty-one" keeps only "twenty" (rare, and equal both sides).
const NUMBER_WORD_RE = new RegExp(`(?<![\\p{L}-])(?:${Object.keys(NUMBER_WORDS).join('|')})(?![\\p{L}])`, 'giu');
const MONTH_INDEX: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
/** Every DATE_RE match names a month, and every month name starts with one of these. */
const MAY_HOLD_DATE = /Jan|Feb|Ma[ry]|Apr|Ju[nl]|Aug|Sep|Oct|Nov|Dec/;
/** Every WEEKDAY_RE match is one of these words; every QUANTITY_RE match has a digit. */
const MAY_HOLD_WEEKDAY = /(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day/;
const DIGIT = /\d/;
const TITLES = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'dr',
  'prof',
  'professor',
  'sir',
  'dame',
  'lord',
  'lady',
  'rev',
  'president',
  'judge',
]);
const TITLE_RE = /^(?:Mr|Mrs|Ms|Miss|Dr|Prof|Professor|Sir|Dame|Lord|Lady)\.?\s/;

interface RawValue {
  start: number;
  end: number;
  cls: FactClass;
  /** A new object for each value: it becomes the FactValue (factSentence). Made by one of the makers below. */
  fields: Partial<FactValue>;
}

// A value's object is made with every key it will have, in the final order (its class's own fields, then the keys
// emitValue fills in, then `person` for a name: the order they had when those were added later), so that its fields
// sit inside the object: keys added after a literal go to a separate property array (~200 bytes a value in all, and
// a 20 MB article has ~360 k values).
const weekdayFields = (day: number): Partial<FactValue> => ({
  day,
  token: 0,
  cls: 'weekday',
  text: '',
  line: 0,
  column: 0,
  endLine: 0,
  endColumn: 0,
});
const yearFields = (year: number): Partial<FactValue> => ({
  year,
  token: 0,
  cls: 'year',
  text: '',
  line: 0,
  column: 0,
  endLine: 0,
  endColumn: 0,
});
const dateFields = (
  year: number | undefined,
  month: number | undefined,
  day: number | undefined,
): Partial<FactValue> => ({
  year,
  month,
  day,
  token: 0,
  cls: 'date',
  text: '',
  line: 0,
  column: 0,
  endLine: 0,
  endColumn: 0,
});
const numberFields = (
  num: number,
  unit: string,
  precision: number,
  hedge: FactValue['hedge'],
  step: number,
): Partial<FactValue> => ({
  num,
  unit,
  precision,
  hedge,
  step,
  token: 0,
  cls: 'count',
  text: '',
  line: 0,
  column: 0,
  endLine: 0,
  endColumn: 0,
});
const nameFields = (words: string[], org: boolean): Partial<FactValue> => ({
  words,
  org,
  token: 0,
  cls: 'name',
  text: '',
  line: 0,
  column: 0,
  endLine: 0,
  endColumn: 0,
  person: false,
});

/** The token that stands for a value of each class. */
const PLACEHOLDER: Record<FactClass, string> = {
  money: '#money',
  percent: '#percent',
  count: '#count',
  year: '#year',
  date: '#date',
  weekday: '#weekday',
  name: '#name',
};

/** Every prose sentence with at least one value, as a fact sentence. */
export function articleFacts(article: Article, maxSentenceLength = 600): ArticleFacts {
  const knownCaps = articleKnownCaps(article);
  const sentences: FactSentence[] = [];
  const words = new Map<string, string>();
  for (const block of article.blocks) {
    if (!PROSE_KINDS.has(block.kind) || block.kind === 'heading') continue;
    for (const sentence of block.sentences) {
      if (sentence.text.length > maxSentenceLength) continue;
      const fact = factSentence(article, block, sentence.start, sentence.text, knownCaps, words);
      if (fact) sentences.push(fact);
    }
  }
  markPersons(sentences);
  return { title: article.title ?? '', subject: subjectLine(article), sentences };
}

/** Roles that say the name after them is a person's ("the striker Jane Doe"). */
const PERSON_ROLES =
  'striker|midfielder|defender|goalkeeper|coach|manager|minister|secretary|chancellor|boss|leader|spokesman|' +
  'spokeswoman|chairman|chairwoman|chief executive|president|director|singer|actor|actress|star|player|captain|' +
  'author|writer|presenter|analyst|economist|judge|senator|governor|champion|winger|skipper';
const PERSON_CUE_BEFORE = new RegExp(
  String.raw`(?:\b(?:Mr|Mrs|Ms|Miss|Dr|Sir|Lord|Lady|Prof|Professor)\.?|\b(?:${PERSON_ROLES}))\s$`,
);
const SPEECH_VERBS = 'said|says|told|added|explained|argued|insisted|admitted|claimed|warned|believes|thinks|scored';
const PERSON_CUE_AFTER = new RegExp(String.raw`^(?:,\s\d{1,3},|,)?\s(?:${SPEECH_VERBS})\b`);

/** Person evidence from the whole article: the last words of names used as persons (see FactValue.person). */
function markPersons(sentences: FactSentence[]): void {
  const surnames = new Set<string>();
  for (const s of sentences) {
    s.values.forEach((v, k) => {
      if (v.cls !== 'name') return;
      const start = s.spans[2 * k];
      const end = s.spans[2 * k + 1];
      const last = v.words![v.words!.length - 1];
      if (
        PERSON_CUE_BEFORE.test(s.text.slice(Math.max(0, start - 20), start)) ||
        PERSON_CUE_AFTER.test(s.text.slice(end, end + 20)) ||
        TITLE_RE.test(v.text)
      )
        surnames.add(last);
    });
  }
  for (const s of sentences)
    for (const v of s.values) if (v.cls === 'name') v.person = !v.org && surnames.has(v.words![v.words!.length - 1]);
}

function factSentence(
  article: Article,
  block: Block,
  offset: number,
  s: string,
  knownCaps: ReadonlySet<string>,
  words: Map<string, string>,
): FactSentence | null {
  // A value with damaged characters in it ("Protectionā€¯", mojibake) is not read: the damage is the mojibake rule's
  // finding, and a copy without it would otherwise differ from it by a "changed" name or figure.
  // Its words are no plain words either (they would read as words the corpus writes in lower case).
  const found = valuesIn(s, knownCaps, words);
  if (found.length === 0) return null;
  const damaged = findMojibake(s);
  const isDamaged = (r: RawValue) => damaged.some((d) => d.start < r.end && d.end > r.start);
  const raw = damaged.length ? found.filter((r) => !isDamaged(r)) : found;
  const skipped = damaged.length ? found.filter(isDamaged) : [];
  if (raw.length === 0) return null;
  const tokens: string[] = [];
  const values: FactValue[] = [];
  const spans: number[] = [];
  let v = 0;
  let cursor = 0;
  const emitValue = (r: RawValue) => {
    const range = blockRange(article.source, block, offset + r.start, offset + r.end);
    // The value is its fields object completed in place (made for this value only): the same keys in the same order
    // as a copy of the fields followed by these, without the copy.
    const value = r.fields as FactValue;
    value.token = tokens.length;
    value.cls = r.cls;
    value.text = interned(words, s.slice(r.start, r.end));
    value.line = range.line;
    value.column = range.column;
    value.endLine = range.endLine;
    value.endColumn = range.endColumn;
    values.push(value);
    spans.push(r.start, r.end);
    tokens.push(PLACEHOLDER[r.cls]);
    cursor = r.end;
  };
  // The words [\p{L}\p{N}][\p{L}\p{M}\p{N}]*, read in place (plainWordEnd): each value goes in before the first word
  // at or after its start, and words inside a value are left out.
  for (let at = 0; at < s.length; ) {
    const end = plainWordEnd(s, at);
    if (end === at) {
      at += s.codePointAt(at)! > 0xffff ? 2 : 1;
      continue;
    }
    while (v < raw.length && raw[v].start <= at) emitValue(raw[v++]);
    if (at >= cursor && !skipped.some((r) => r.start <= at && at < r.end))
      tokens.push(interned(words, s.slice(at, end).toLowerCase()));
    at = end;
  }
  while (v < raw.length) emitValue(raw[v++]);
  // Copies the exact length: an array grown by push keeps room for ~17 more entries (~140 bytes), and most of these
  // hold a few values.
  return { tokens: tokens.slice(), values: values.slice(), text: s, spans: spans.slice() };
}

/**
 * One string per distinct word (token, name word or value as written) of the article (`words`): fact sentences repeat
 * a small vocabulary, and each kept as a string of its own costs ~30 bytes (a 20 MB article has ~2.7 M tokens in
 * ~130 k fact sentences).
 */
function interned(words: Map<string, string>, word: string): string {
  const known = words.get(word);
  if (known !== undefined) return known;
  words.set(word, word);
  return word;
}

/**
 * Each match of the global pattern `re` in `s`, in order: an exec loop, not matchAll, which copies the pattern for
 * every sentence. `each` must not use `re` (its lastIndex is the loop's position); no pattern here matches "".
 */
function forEachMatch(re: RegExp, s: string, each: (m: RegExpExecArray) => void): void {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) each(m);
}

/** Values of a sentence in text order, without overlaps (dates before quantities before names). */
function valuesIn(s: string, knownCaps: ReadonlySet<string>, vocabulary: Map<string, string>): RawValue[] {
  const out: RawValue[] = [];
  const add = (r: RawValue) => {
    for (const taken of out) if (r.end > taken.start && r.start < taken.end) return;
    out.push(r);
  };
  // Cheap tests first: most sentences name no month, no weekday and no digit, and these patterns look behind at
  // every position of the sentence.
  if (MAY_HOLD_DATE.test(s))
    forEachMatch(DATE_RE, s, (m) => {
      const fields = parseDayDate(m[0]);
      // "around 10 August": the day is a guess.
      if (HEDGE_BEFORE.test(s.slice(Math.max(0, m.index - 20), m.index))) delete fields.day;
      add({ start: m.index, end: m.index + m[0].length, cls: 'date', fields });
    });
  if (MAY_HOLD_WEEKDAY.test(s))
    forEachMatch(WEEKDAY_RE, s, (m) =>
      add({
        start: m.index,
        end: m.index + m[0].length,
        cls: 'weekday',
        fields: weekdayFields(WEEKDAYS.indexOf(m[0].toLowerCase()) + 1),
      }),
    );
  if (DIGIT.test(s))
    forEachMatch(QUANTITY_RE, s, (m) => {
      const r = quantityValue(s, m.index, m[0]);
      if (r) add(r);
    });
  forEachMatch(NUMBER_WORD_RE, s, (m) =>
    add({
      start: m.index,
      end: m.index + m[0].length,
      cls: 'count',
      fields: numberFields(NUMBER_WORDS[m[0].toLowerCase()], '', 1, null, 1),
    }),
  );
  const blocked = out.map((r) => [r.start, r.end] as [number, number]);
  for (const n of findNames(s, blocked, knownCaps)) {
    const text = n.text.replace(/['’]$/, '');
    const words = nameWords(text).map((w) => interned(vocabulary, w));
    if (words.length === 0) continue;
    add({
      start: n.start,
      end: n.start + text.length,
      cls: 'name',
      fields: nameFields(words, !personShaped(s, n.start, text)),
    });
  }
  // Values never overlap, so no two share a start: sorting only when out of order gives the same array.
  for (let k = 1; k < out.length; k++)
    if (out[k].start < out[k - 1].start) return out.sort((a, b) => a.start - b.start);
  return out;
}

function quantityValue(s: string, start: number, text: string): RawValue | null {
  // A hedge word is part of the value ("more than 4.2 million"); a bare 1600–2099 is a year.
  const q = parseQuantity(text);
  if (!q) return null;
  const end = start + text.length;
  if (/^(?:1[6-9]\d\d|20\d\d)$/.test(text)) return { start, end, cls: 'year', fields: yearFields(Number(text)) };
  // Scores and ranges ("2-1", "10-12") and parts of dotted numbers are left out: they are not one figure.
  if (/^[-–/:]\d/.test(s.slice(end, end + 2)) || /\d[-–/:]$/.test(s.slice(Math.max(0, start - 2), start))) return null;
  const cls: FactClass = q.unit === '%' ? 'percent' : q.unit === '' ? 'count' : 'money';
  // "nearly 30", "almost 20": at most that much (and close to it).
  const hedge = /^(?:nearly|almost|just under)\b/i.test(text) ? 'max' : q.hedge;
  return {
    start,
    end,
    cls,
    fields: numberFields(q.value, q.unit, q.precision, hedge, stepOf(text, q.value)),
  };
}

/** One unit of the last written digit, in the figure's own scale ("1.08bn" → 1e7, "42,000m" → 1e6, "12" → 1). */
function stepOf(text: string, value: number): number {
  const n = /(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?/.exec(text);
  if (!n) return 1;
  const written = Number(n[1].replace(/,/g, '') + (n[2] ? `.${n[2]}` : ''));
  const scale = written === 0 ? 1 : value / written;
  return 10 ** -(n[2]?.length ?? 0) * scale;
}

function parseDayDate(text: string): Partial<FactValue> {
  const y = /(1[6-9]\d\d|20\d\d)/.exec(text);
  const mo = /(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)/.exec(text);
  const rest = text.replace(/(1[6-9]\d\d|20\d\d)/, '');
  const d = /(\d{1,2})/.exec(rest);
  return dateFields(
    y ? Number(y[1]) : undefined,
    mo ? MONTH_INDEX[mo[1].toLowerCase()] : undefined,
    d ? Number(d[1]) : undefined,
  );
}

/** Key words of a name: no titles, no initials ("Mr George W Bush" → george, bush). */
export function nameWords(name: string): string[] {
  return nameKey(name)
    .split(' ')
    .filter((w) => w.length > 1 && !TITLES.has(w));
}

/**
 * Could be a person's name: a title before or inside it, or 1–4 capitalised words, no institution, place or acronym
 * word.
 */
function personShaped(s: string, start: number, text: string): boolean {
  if (TITLE_RE.test(text) || /(?:Mr|Mrs|Ms|Miss|Dr|Sir|Lord|Lady)\.? $/.test(s.slice(Math.max(0, start - 6), start)))
    return true;
  const words = text.split(/\s+/);
  if (words.length > 4) return false;
  return (
    words.every((w) => /^(?:\p{Lu}[\p{Ll}\p{M}'’-]+|\p{Lu}\.?)$/u.test(w)) &&
    !words.some((w) => ORG_OR_PLACE.has(w.toLowerCase()))
  );
}

/** Words that make a capitalised run an organisation, a place or an event rather than a person. */
const ORG_OR_PLACE = new Set(
  (
    'university college school institute academy council authority agency bureau department ministry office board ' +
    'commission committee corporation company group holdings bank fund foundation trust association society ' +
    'federation union centre center laboratory park government city hospital museum library club league party cup ' +
    'championship open games awards award festival street road square house court airport station bridge river ' +
    'island islands north south east west new united kingdom states republic county valley bay airlines motors ' +
    'records studios news times post journal daily radio television channel service services network systems ' +
    'international national'
  ).split(' '),
);
