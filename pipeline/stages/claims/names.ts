// Names: a cheap capitalised-sequence chunker (no NLP), name keys for entity resolution, and acronym detection
// (Schwartz & Hearst 2003: every short-form character appears, in order, in the long form; the first at a word start).
import { plainWordEnd } from '../../text-words.js';
import { isSpaceAt, nameTokens, TokenColumns } from './name-tokens.js';
import { PROSE_KINDS, type Article } from '../../types.js';

export interface Span {
  start: number;
  end: number;
  text: string;
}

/**
 * The key two spellings of one name share: diacritics, case, punctuation, possessives, "&"/"and", a leading "the"
 * and legal suffixes (Inc, Ltd, …) do not matter. Nothing else is removed: keys are compared whole, so names that
 * only share words ("… of Hong Kong") never meet.
 */
const KEY_CACHE = new Map<string, string>();
export function nameKey(name: string): string {
  let k = KEY_CACHE.get(name);
  if (k === undefined) {
    if (KEY_CACHE.size > 200_000) KEY_CACHE.clear();
    KEY_CACHE.set(name, (k = computeNameKey(name)));
  }
  return k;
}

function computeNameKey(name: string): string {
  let s = name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  s = s.replace(/['’]s(?![\p{L}\p{N}])/gu, '').replace(/&/g, ' and ');
  s = s.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  s = s.replace(/^the /, '');
  s = s.replace(/ (inc|incorporated|ltd|limited|llc|plc|corp|co|gmbh|ag|sa|pte|pty|bhd)$/, '');
  return s;
}

/** Words that start a capitalised run but are not (the start of) a name. */
const START_STOP = new Set(
  (
    'The A An In On At As By For From With To Of And Or But Nor So Yet If This That These Those It Its Their Theirs ' +
    'His Her Hers Our We They He She I You Your My Me Us Them There Here What Which Who Whom Whose How Why When ' +
    'Where While Whilst After Before Since Until Although Though Despite Because Founded Launched Established Based ' +
    'Headquartered Located Set Created Started Opened Formed Incorporated According Today Yesterday Tomorrow Last ' +
    'Next Under Over Between Through During Meanwhile However Also Additionally Furthermore Moreover Each Every Both ' +
    'All Some Many Most Several Other Another Such Given Unlike Like Among Within Without About Once Now Then Only ' +
    'Even Still Not No Yes One Two Three Four Five Six Seven Eight Nine Ten First Second Third Later Earlier ' +
    'Previously Currently Recently Initially Originally Together Instead Overall Finally Indeed Thus Hence Therefore ' +
    'Again Already Around Across Against Along Amid Beyond Into Onto Upon Via Per Mr Mrs Ms Miss Dr Prof Professor ' +
    'Sir Dame Introduction Conclusion Summary Monday Tuesday Wednesday Thursday Friday Saturday Sunday January ' +
    'February March April May June July August September October November December Is Are Was Were Be Been Has Have ' +
    'Had Do Does Did Will Would Can Could Should May Might Must Let Please Note See Read Looking Key Its Whether ' +
    'Either Neither Just Much More Less Few Any None Same Own'
  ).split(' '),
);

/** Capitalised nouns that can follow "and"/"&" inside an institution's name ("Science and Technology Parks"). */
const NAME_JOIN_WORDS = new Set(
  (
    'technology technologies science sciences engineering arts industry industries commerce development research ' +
    'innovation trade economic economics culture cultural education health welfare medicine medical design data ' +
    'logistics transport housing planning energy environment environmental security management finance financial ' +
    'business humanities mathematics communications media tourism sport sports youth labour labor social services ' +
    'infrastructure agriculture fisheries conservation heritage telecommunications marine applied natural resources ' +
    'policy law justice public affairs training employment technical manufacturing mining construction insurance ' +
    'banking investment investments capital enterprise enterprises development family community leisure food drug ' +
    'drugs safety standards statistics information intelligence computing computer language languages literature ' +
    'history music theatre film television art'
  ).split(' '),
);

const PERSON_CONNECTORS = new Set([
  'de',
  'van',
  'von',
  'der',
  'den',
  'du',
  'la',
  'le',
  'del',
  'della',
  'da',
  'di',
  'bin',
  'al',
]);

const isAsciiUpper = (c: number) => c >= 65 && c <= 90;
const isAsciiLower = (c: number) => c >= 97 && c <= 122;

/** Whether the token text.slice(start, end) is capitalised: a capital first, or "eBay", "iFlytek". */
function isCapitalisedAt(text: string, start: number, end: number): boolean {
  const c = text.charCodeAt(start);
  if (isAsciiUpper(c)) return true;
  if (isAsciiLower(c)) {
    // One or two lower-case letters, then a capital. ASCII decides without a regex (NaN: no character).
    const c1 = start + 1 < end ? text.charCodeAt(start + 1) : Number.NaN;
    const c2 = start + 2 < end ? text.charCodeAt(start + 2) : Number.NaN;
    if (!(c1 >= 128) && (!isAsciiLower(c1) || !(c2 >= 128)))
      return isAsciiUpper(c1) || (isAsciiLower(c1) && isAsciiUpper(c2));
    return /^[a-z]{1,2}\p{Lu}/u.test(text.slice(start, end));
  }
  return c > 127 && /^\p{Lu}/u.test(text.slice(start, end));
}

/** No name starts without a capital letter (isCapitalisedAt). */
const CAPITAL = /\p{Lu}/u;
const POSSESSIVE = /['’]s$/;
/** Tokens after which a capitalised word starts a sentence or clause. */
const OPENING_PUNCTUATION = /^[:;"“(]$/;
/** The chunker's token columns (findNames never runs inside itself). */
const TOKENS = new TokenColumns();

/**
 * Does the lower-case `connector` between two capitalised words join them into one name: of/for/&, person particles,
 * and "and" before an institution word when the name already has "of" or the word before it is one ("Department of
 * Health and Social Care", "Marks and Spencer" is not joined)?
 */
function connectorJoins(connector: string, after: string, before: string, sawOf: boolean): boolean {
  if (connector === 'of' || connector === 'for' || connector === '&') return true;
  if (connector === 'and')
    return (
      NAME_JOIN_WORDS.has(after.toLowerCase().replace(POSSESSIVE, '')) &&
      (sawOf || NAME_JOIN_WORDS.has(before.toLowerCase()))
    );
  return PERSON_CONNECTORS.has(connector);
}

/**
 * Capitalised name runs in `text`, skipping `[start, end)` ranges in `blocked` (dates, numbers, roles already claimed).
 * Runs may contain of/for/the ("University of the Arts"), "&", person particles, and "and" before an institution word.
 * Possessive "'s" ends a run and is left out of it.
 * Tokens are NAME_TOKEN_PATTERN's matches (name-tokens.ts); only the texts of tokens the rules look at are copied.
 */
export function findNames(
  text: string,
  blocked: readonly [number, number][] = [],
  knownCaps?: ReadonlySet<string>,
): Span[] {
  if (!CAPITAL.test(text)) return [];
  const count = nameTokens(text, TOKENS);
  const { starts, ends } = TOKENS;
  const word = (k: number) => text.slice(starts[k], ends[k]);
  const capitalised = (k: number) => isCapitalisedAt(text, starts[k], ends[k]);
  const isBlocked = (k: number) => {
    // An index loop: destructuring each pair in a for-of allocates an iterator per pair on this hot path.
    for (let b = 0; b < blocked.length; b++) if (starts[k] < blocked[b][1] && ends[k] > blocked[b][0]) return true;
    return false;
  };
  const spaceOnly = (a: number, b: number) => {
    const gap = starts[b] - ends[a];
    if (gap < 1 || gap > 2) return false;
    for (let i = ends[a]; i < starts[b]; i++) if (!isSpaceAt(text, i)) return false;
    return true;
  };
  const names: Span[] = [];
  let i = 0;
  while (i < count) {
    if (!capitalised(i) || isBlocked(i)) {
      i++;
      continue;
    }
    const t = word(i);
    // Leading stop words / titles are skipped; a sentence-initial participle or adverb is too.
    if (START_STOP.has(t) || START_STOP.has(t.replace(POSSESSIVE, ''))) {
      i++;
      continue;
    }
    const sentenceInitial = i === 0 || OPENING_PUNCTUATION.test(word(i - 1));
    if (sentenceInitial && /(?:ed|ing|ly)$/.test(t) && !(i + 1 < count && capitalised(i + 1) && spaceOnly(i, i + 1))) {
      i++;
      continue;
    }
    // A lone sentence-initial word ("Revenue reached …") is a name only if the article also capitalises it elsewhere.
    if (
      sentenceInitial &&
      knownCaps &&
      !/\p{Lu}|\p{N}/u.test(t.slice(1)) &&
      !knownCaps.has(t.replace(POSSESSIVE, '')) &&
      !POSSESSIVE.test(t) &&
      !(
        i + 2 < count &&
        word(i + 1) === '-' &&
        /^(?:based|headquartered|listed|registered|born|owned|backed|led)$/.test(word(i + 2))
      )
    ) {
      if (!(i + 1 < count && capitalised(i + 1) && spaceOnly(i, i + 1))) {
        i++;
        continue;
      }
    }
    let endTok = i;
    // "St Brigid's Hospital": a possessive followed by an institution word stays inside the name.
    const innerPossessive = (k: number) =>
      POSSESSIVE.test(word(k)) &&
      k + 1 < count &&
      spaceOnly(k, k + 1) &&
      capitalised(k + 1) &&
      INSTITUTION_WORDS.has(word(k + 1).toLowerCase());
    let possessive = POSSESSIVE.test(t) && !innerPossessive(i);
    let sawOf = false;
    let j = i + 1;
    while (!possessive && j < count) {
      const prev = endTok;
      const next = j;
      if (!spaceOnly(prev, next)) break;
      if (capitalised(next) && !isBlocked(next) && !START_STOP.has(word(next).replace(POSSESSIVE, ''))) {
        endTok = j;
        possessive = POSSESSIVE.test(word(next)) && !innerPossessive(j);
        j++;
        continue;
      }
      // Connectors: need a capitalised, unblocked word after them (possibly after "the").
      const lower = word(next);
      let k = j + 1;
      if ((lower === 'of' || lower === 'for') && k < count && word(k) === 'the' && spaceOnly(next, k)) k++;
      if (k >= count || !spaceOnly(k - 1, k) || !capitalised(k) || isBlocked(k) || START_STOP.has(word(k))) break;
      const after = word(k);
      if (!connectorJoins(lower, after, word(prev), sawOf)) break;
      if (lower === 'of' || lower === 'for') sawOf = true;
      endTok = k;
      possessive = POSSESSIVE.test(after);
      j = k + 1;
    }
    const first = starts[i];
    let end = ends[endTok];
    if (possessive) end -= 2;
    names.push({ start: first, end, text: text.slice(first, end) });
    i = endTok + 1;
  }
  return names;
}

/** Capitalised words that occur somewhere other than at the start of a sentence (evidence that they are names). */
export class KnownCaps {
  readonly known = new Set<string>();
  private initial = new Map<string, number>();
  private lower = new Set<string>();
  add(text: string): void {
    // The words `[\p{L}\p{N}][\p{L}\p{M}\p{N}]*`, read in place: only the ones kept are copied.
    for (let at = 0; at < text.length; ) {
      const end = plainWordEnd(text, at);
      if (end === at) {
        at += text.codePointAt(at)! > 0xffff ? 2 : 1;
        continue;
      }
      const start = at;
      at = end;
      const c = text.charCodeAt(start);
      const upper = (c >= 65 && c <= 90) || (c > 127 && text[start] !== text[start].toLowerCase());
      if (!upper) {
        if (end - start > 2 && c >= 97 && c <= 122) this.lower.add(text.slice(start, end));
        continue;
      }
      const w = text.slice(start, end);
      // Previous non-space character decides whether this is a sentence start.
      let k = start - 1;
      while (k >= 0 && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 10 || text.charCodeAt(k) === 0xa0)) k--;
      const prev = k < 0 ? '.' : text[k];
      if (
        prev === '.' ||
        prev === '!' ||
        prev === '?' ||
        prev === ':' ||
        prev === '"' ||
        prev === '“' ||
        prev === '(' ||
        prev === '-' ||
        prev === '—'
      )
        this.initial.set(w, (this.initial.get(w) ?? 0) + 1);
      else this.known.add(w);
    }
  }
  /** Finish: a word capitalised only at sentence starts counts when it is never written in lower case and recurs. */
  done(): ReadonlySet<string> {
    for (const [w, n] of this.initial) if (n >= 2 && !this.lower.has(w.toLowerCase())) this.known.add(w);
    return this.known;
  }
}

const knownCapsCache = new WeakMap<Article, ReadonlySet<string>>();
/**
 * KnownCaps over the article's prose blocks. Claim extraction and fact extraction both need it: a 5 MB article's
 * words are scanned once, not twice (the set is never modified once done).
 */
export function articleKnownCaps(article: Article): ReadonlySet<string> {
  let known = knownCapsCache.get(article);
  if (!known) {
    const caps = new KnownCaps();
    for (const block of article.blocks) if (PROSE_KINDS.has(block.kind)) caps.add(block.text);
    known = caps.done();
    knownCapsCache.set(article, known);
  }
  return known;
}

/** Does `short` look like an acronym / short form (HKUST, PolyU, A*STAR, R&D)? */
export function isShortForm(short: string): boolean {
  if (short.length < 2 || short.length > 12) return false;
  if (!/^[\p{Lu}\p{N}][\p{L}\p{N}&*.-]*$/u.test(short)) return false;
  const upper = (short.match(/\p{Lu}/gu) ?? []).length;
  return upper >= 2 && /\p{L}/u.test(short);
}

/**
 * Schwartz–Hearst match: returns the start index (in `long`) of the shortest long form that explains `short`,
 * or -1. Every letter/digit of the short form must occur in order; the first must start a word.
 */
export function matchShortForm(short: string, long: string): number {
  const s = short.toLowerCase();
  const l = long.toLowerCase();
  let si = s.length - 1;
  let li = l.length - 1;
  while (si >= 0) {
    const c = s[si];
    if (!/[\p{L}\p{N}]/u.test(c)) {
      si--;
      continue;
    }
    while (li >= 0 && (l[li] !== c || (si === 0 && li > 0 && /[\p{L}\p{N}]/u.test(l[li - 1])))) li--;
    if (li < 0) return -1;
    si--;
    li--;
  }
  return li + 1;
}

/** Words an acronym may skip or take a letter from without being "explained" by them ("of", "and", "the", …). */
const ACRONYM_FUNCTION_WORDS = new Set([
  'of',
  'and',
  '&',
  'the',
  'for',
  'in',
  'on',
  'at',
  'to',
  'a',
  'an',
  'de',
  'du',
  'des',
  'la',
  'le',
  'der',
  'die',
  'und',
  'pour',
  'et',
  'y',
  'del',
]);

/**
 * True when `long` (a whole name) is a plausible expansion of `short`. Stricter than a Schwartz–Hearst match: every
 * letter of the short form is either the initial of a word of the long form or a later letter of the word whose
 * initial it just used, continuing it ("Poly" + "U" in PolyU, "Ed" in EdUHK) or at an inner capital ("BrightWater"
 * → BW); function words (of/and/the/for …) may be used or
 * skipped; at most 3 leading words ("Hong Kong" before "Polytechnic University") and a few inner/trailing
 * significant words ("Corporation" after HKSTP, "free" in "conflict-free") may be left unexplained. So "Claire Dumont
 * (CAN)" is not an expansion (no word starts with N), nor "Samuel Tesfaye (ETH)"; and a personal name must be
 * explained by exactly its initials ("Hewlett Packard (HP)" yes, "Carl Andersen (CAN)" no).
 */
export function isExpansionOf(short: string, long: string): boolean {
  const words = long.split(/\s+/).filter(Boolean);
  const letters = short.replace(/[^\p{L}\p{N}]/gu, '');
  if (words.length < 2 || words.length > Math.max(letters.length + 5, letters.length * 2)) return false;
  return initialsMatch(letters.toLowerCase(), long) && !personalNameMismatch(short, long);
}

function initialsMatch(letters: string, long: string): boolean {
  const original = long
    .split(/[\s\-\u2010-\u2015/]+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}&]+|[^\p{L}\p{N}&]+$/gu, ''))
    .filter(Boolean);
  const ws = original.map((w) => w.toLowerCase());
  if (letters.length === 0 || ws.length === 0) return false;
  const fn = ws.map((w) => ACRONYM_FUNCTION_WORDS.has(w));
  const significant = fn.filter((f) => !f).length;
  const maxSkips = 1 + Math.floor(significant / 4);
  const skipped = (from: number, to: number) => {
    let n = 0;
    for (let k = from; k < to; k++) if (!fn[k]) n++;
    return n;
  };
  // Depth-first over alignments; short forms are ≤ 12 characters, so this stays tiny.
  const search = (i: number, w: number, pos: number, skips: number): boolean => {
    if (i === letters.length) return skips + skipped(w + 1, ws.length) <= maxSkips;
    const c = letters[i];
    // Inside a word: the next letter ("Poly" in PolyU) or an inner capital ("BrightWater" → BW); never inside a
    // function word, which gives at most its initial ("end of the stream" is no EOF: its F would be the f of "of").
    if (w >= 0 && !fn[w]) {
      const word = ws[w];
      if (pos < word.length && word[pos] === c && search(i + 1, w, pos + 1, skips)) return true;
      const orig = original[w];
      for (let q = pos + 1; q < word.length; q++) {
        if (word[q] === c && orig[q] !== word[q] && orig[q] === orig[q].toUpperCase() && search(i + 1, w, q + 1, skips))
          return true;
      }
    }
    for (let v = w + 1; v < ws.length; v++) {
      const gap = skipped(w + 1, v);
      if (w < 0 ? gap > 3 : skips + gap > maxSkips) break;
      if (ws[v][0] === c && search(i + 1, v, 1, w < 0 ? 0 : skips + gap)) return true;
    }
    return false;
  };
  return search(0, -1, 0, 0);
}

/** "Carl Andersen (CAN)": a personal name is only ever abbreviated by its initials. */
function personalNameMismatch(short: string, long: string): boolean {
  const words = long.split(/\s+/);
  if (words.length > 3 || !words.every((w) => /^\p{Lu}[\p{Ll}\p{M}'’-]+$/u.test(w))) return false;
  if (words.some((w) => INSTITUTION_WORDS.has(w.toLowerCase()) || ACRONYM_FUNCTION_WORDS.has(w.toLowerCase())))
    return false;
  const initials = words
    .map((w) => w[0])
    .join('')
    .toLowerCase();
  return short.replace(/[^\p{L}\p{N}]/gu, '').toLowerCase() !== initials;
}

/** Person-looking name: 2–4 capitalised words, no institution or business words (lenient: used with a role). */
export function looksLikePerson(name: string): boolean {
  const words = name.split(/\s+/);
  if (words.length < 2 || words.length > 4) return false;
  if (words.some((w) => INSTITUTION_WORDS.has(w.toLowerCase()) || /^\p{Lu}{2,}$/u.test(w))) return false;
  return true;
}

export const INSTITUTION_WORDS = new Set(
  (
    'university college school institute institution academy council authority agency bureau department ministry ' +
    'office board commission committee corporation company group holdings bank fund foundation trust association ' +
    'society federation union centre center laboratory lab labs park parks government city hospital museum library ' +
    'capital ventures partners technologies technology systems solutions networks cloud labs studio studios media ' +
    'club league alliance consortium inc ltd limited plc llc of and the for airport port railway exchange market ' +
    'markets energy power robotics freight logistics pharma pharmaceuticals genomics biosciences bioscience biotech ' +
    'therapeutics health healthcare semiconductors semiconductor electronics motors airlines airways shipping ' +
    'telecom telecoms software analytics ai insurance securities investments properties property estates development ' +
    'developments resources mining oil gas steel industries industrial international global holdings enterprises ' +
    'services consulting partners associates brothers foods beverages pay payments finance financial fintech digital ' +
    'data mobile web net online games entertainment pictures records quantum photonics hospital clinic cluster ' +
    'network health mall hotel hotels resort council institute ventures capital brands textiles engineering retail'
  ).split(' '),
);

/**
 * Words that make a name an organisation ("Harborview Robotics", "Norwegian University of …"): the institution words
 * without the ones that also name places or buildings (city, park, port, airport, market, mall, hotel, …) and without
 * function words.
 */
const NOT_ORG_EVIDENCE = new Set(
  (
    'of and the for city park parks port airport railway market markets mall hotel hotels resort cluster network ' +
    'cloud web net online data mobile digital power energy'
  ).split(' '),
);
const ORG_SUFFIXES = /\b(?:inc|ltd|llc|plc|corp|co|gmbh|ag|sa|pte|pty|bhd|nv|bv|ab|asa|oy|spa|srl)\.?$/i;
const ORG_WORD_CACHE = new Map<string, boolean>();
export function hasOrganisationWord(name: string): boolean {
  let v = ORG_WORD_CACHE.get(name);
  if (v === undefined) {
    if (ORG_WORD_CACHE.size > 100_000) ORG_WORD_CACHE.clear();
    v =
      ORG_SUFFIXES.test(name) ||
      name
        .toLowerCase()
        .split(/[\s-]+/)
        .some((w) => INSTITUTION_WORDS.has(w) && !NOT_ORG_EVIDENCE.has(w));
    ORG_WORD_CACHE.set(name, v);
  }
  return v;
}

/** "CRDTs", "APIs", "NGOs": a plural acronym names a class of things, never one entity. */
export function isPluralAcronym(name: string): boolean {
  return /^\p{Lu}[\p{Lu}\p{N}]+s$/u.test(name.trim());
}

/** Countries, continents and large regions (place evidence that needs no context: "Norway", "Europe"). */
export const PLACE_NAMES = new Set(
  (
    'afghanistan|albania|algeria|andorra|angola|argentina|armenia|australia|austria|azerbaijan|bahamas|bahrain|' +
    'bangladesh|barbados|belarus|belgium|belize|benin|bhutan|bolivia|bosnia and herzegovina|botswana|brazil|brunei|' +
    'bulgaria|burkina faso|burundi|cambodia|cameroon|canada|chad|chile|china|colombia|comoros|congo|costa rica|' +
    'croatia|cuba|cyprus|czechia|czech republic|denmark|djibouti|dominica|dominican republic|ecuador|egypt|' +
    'el salvador|eritrea|estonia|eswatini|ethiopia|fiji|finland|france|gabon|gambia|georgia|germany|ghana|greece|' +
    'grenada|guatemala|guinea|guyana|haiti|honduras|hungary|iceland|india|indonesia|iran|iraq|ireland|israel|italy|' +
    'jamaica|japan|jordan|kazakhstan|kenya|kiribati|kosovo|kuwait|kyrgyzstan|laos|latvia|lebanon|lesotho|liberia|' +
    'libya|liechtenstein|lithuania|luxembourg|madagascar|malawi|malaysia|maldives|mali|malta|mauritania|mauritius|' +
    'mexico|micronesia|moldova|monaco|mongolia|montenegro|morocco|mozambique|myanmar|namibia|nauru|nepal|netherlands|' +
    'new zealand|nicaragua|niger|nigeria|north korea|north macedonia|norway|oman|pakistan|palau|palestine|panama|' +
    'papua new guinea|paraguay|peru|philippines|poland|portugal|qatar|romania|russia|rwanda|samoa|san marino|' +
    'saudi arabia|senegal|serbia|seychelles|sierra leone|singapore|slovakia|slovenia|somalia|south africa|' +
    'south korea|korea|south sudan|spain|sri lanka|sudan|suriname|sweden|switzerland|syria|taiwan|tajikistan|' +
    'tanzania|thailand|togo|tonga|trinidad and tobago|tunisia|turkey|türkiye|turkmenistan|tuvalu|uganda|ukraine|' +
    'united arab emirates|uae|united kingdom|uk|britain|great britain|england|scotland|wales|northern ireland|' +
    'united states|usa|us|america|uruguay|uzbekistan|vanuatu|vatican|venezuela|vietnam|viet nam|yemen|zambia|' +
    'zimbabwe|hong kong|macau|macao|greenland|europe|asia|africa|oceania|antarctica|north america|south america|' +
    'latin america|central america|middle east|scandinavia|nordics|balkans|caribbean|southeast asia|east asia|' +
    'south asia|central asia|western europe|eastern europe|mainland china|the netherlands|the united states|' +
    'the united kingdom|the philippines'
  ).split('|'),
);

/** Nouns that say the name before them is a place: "X is a port city", "the city of X". */
export const PLACE_NOUNS =
  'city|town|village|country|capital|region|province|state|island|port|district|neighbourhood|neighborhood|suburb|' +
  'metropolis|municipality|county|nation|borough|prefecture|archipelago|peninsula|valley';
/** Nouns that say the name before them is an organisation: "X, a Bergen-based company". */
export const ORG_NOUNS =
  'company|companies|firm|startup|wholesaler|start-up|maker|manufacturer|developer|group|conglomerate|bank|lender|' +
  'insurer|retailer|operator|provider|supplier|carrier|airline|agency|charity|non-profit|nonprofit|organisation|' +
  'organization|business|brand|studio|publisher|producer|distributor|chain|consultancy|institute|university|college|' +
  'foundation|fund|investor|regulator|subsidiary|unicorn|biotech|fintech|utility|broadcaster|newspaper|club|team|' +
  'school|hospital|laboratory|lab|museum';
