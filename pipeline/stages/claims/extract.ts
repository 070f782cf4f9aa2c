// Claim extraction: cheap candidate selection, then a pattern grammar over a "template" of each candidate sentence.
//
// A template is the sentence lower-cased with its dates, quantities, role titles and capitalised names replaced by
// placeholders (D0, Q1, R2, N3), so "SenseTime, founded in Hong Kong in 2014, …" reads "N0, founded in N1 in D2, …".
// Patterns are regular expressions over templates; every placeholder maps back to its span in the block text.
import { findMojibake, type MojibakeSpan } from '../keywords/mojibake-codec.js';
import { PROSE_KINDS, type Article, type Block, type Sentence } from '../../types.js';
import { blockRange } from '../../source-map.js';
import {
  articleKnownCaps,
  ORG_NOUNS,
  PLACE_NAMES,
  PLACE_NOUNS,
  findNames,
  hasOrganisationWord,
  isExpansionOf,
  isPluralAcronym,
  isShortForm,
  looksLikePerson,
  matchShortForm,
  nameKey,
  type Span,
} from './names.js';
import { hasClaimCue } from './claim-cues.js';
import { DATE_RE, QUANTITY_RE, parseDate, parseQuantity } from './values.js';
import type { AcronymDefinition, ArticleClaims, Claim, ClaimKind } from './types.js';
import { articleYear, figureTime, timedAttribute } from './time.js';

const RX_CACHE = new Map<string, RegExp>();
/** A shared regular expression, ready for a fresh exec loop. */
function reset(re: RegExp): RegExp {
  re.lastIndex = 0;
  return re;
}

/** Compiled-once regular expressions (patterns are built from constant pieces; compile cost dominated otherwise). */
function rx(source: string, flags = ''): RegExp {
  const key = `${flags}/${source}`;
  let re = RX_CACHE.get(key);
  if (!re) RX_CACHE.set(key, (re = new RegExp(source, flags)));
  re.lastIndex = 0;
  return re;
}

type SlotType = 'N' | 'D' | 'Q' | 'R';
interface Slot extends Span {
  type: SlotType;
}

// --- slot grammars ----------------------------------------------------------------------------------------------

const ROLE_RE =
  /(?<![\p{L}-])(?:co-?founder|founding (?:director|president|chair(?:man|woman|person)?)|chief executive(?: officer)?|CEO|CTO|CFO|COO|CIO|chief (?:technology|technical|financial|operating|information|scientific|science|marketing|investment|digital|strategy|data) officer|(?:executive |non-executive )?chair(?:man|woman|person)?|(?:vice[- ])?president|managing director|executive director|director(?:-general)?|vice[- ]chancellor|provost|rector|dean|mayor|governor|commissioner|secretary-general|chief scientist|head(?= of))(?![\p{L}-])/giu;

const ROLE_HINT =
  /[Cc]hief|CEO|CTO|CFO|COO|CIO|[Cc]hair|[Pp]resident|[Dd]irector|[Cc]hancellor|[Pp]rovost|[Rr]ector|[Dd]ean|[Mm]ayor|[Gg]overnor|[Cc]ommissioner|[Ss]ecretary|[Hh]ead of|[Ff]ounder|FOUNDER|CHIEF/;
const ROLE_CANON: [RegExp, string][] = [
  [/^(chief executive( officer)?|ceo)$/i, 'chief executive'],
  [/^(cto|chief (technology|technical) officer)$/i, 'chief technology officer'],
  [/^(cfo|chief financial officer)$/i, 'chief financial officer'],
  [/^(coo|chief operating officer)$/i, 'chief operating officer'],
  [/^(cio|chief information officer)$/i, 'chief information officer'],
  [/^((executive |non-executive )?chair(man|woman|person)?)$/i, 'chair'],
  [/^co-?founder$/i, 'co-founder'],
  [/^vice[- ]president$/i, 'vice-president'],
  [/^vice[- ]chancellor$/i, 'vice-chancellor'],
];

export function canonicalRole(text: string): string {
  const t = text.toLowerCase().replace(/\s+/g, ' ').trim();
  for (const [re, canon] of ROLE_CANON) if (re.test(t)) return canon;
  return t;
}

// --- template pattern pieces ----------------------------------------------------------------------------------

const ANAPHOR_NOUNS =
  'company|firm|startup|start-up|university|agency|group|organisation|organization|lab|laboratory|institute|fund|bank|school|college|authority|council|body|business|platform|centre|center|foundation|association|programme|program|initiative|project|venture|operator|developer|insurer|lender|carrier|airline|retailer|manufacturer|maker|charity|hospital|museum|park|corporation|conglomerate|giant|unicorn|studio|institution|regulator|facility|hub|incubator|accelerator|campus|scheme';
/**
 * "it", "the company", and descriptive variants: "the Leeds-based company" (N0-based), "the London-listed firm", "the
 * Norwegian maker" (up to two modifiers). All resolve to an organisation in scope (resolveAnaphor), never to the place
 * in the modifier. A name right after the noun is what the phrase describes ("the Leeds-based company Acme"), so the
 * phrase is no anaphor there.
 */
const ANAPHOR = `(?:it|its|the (?:N\\d+-(?:based|headquartered|listed|registered) )?(?:[a-z][a-z-]* ){0,2}?(?:${ANAPHOR_NOUNS})(?! N\\d))`;
/** Anaphor nouns that name no particular kind of institution (for "the university", the antecedent should be one). */
const GENERIC_ANAPHOR = new Set(
  'it its company firm startup start-up group organisation organization body business platform initiative project venture operator developer maker manufacturer corporation conglomerate giant unicorn scheme programme program facility hub'.split(
    ' ',
  ),
);
const SUBJ = `${ANAPHOR}|(?:the )?N\\d+`;
const NP = '(?:the )?N\\d+';
const LIST = `${NP}(?:(?:,|, and| and| &) ${NP})*`;
const PLACES = 'N\\d+(?:, N\\d+)*';

/** The subject written immediately before a predicate: "N3, which was ", "N3 is ", "N3's ", "it was ". */
const SUBJ_BEFORE = rx(
  `(?:^|[^\\w])(${SUBJ})(?:'s?)?(?: \\([^()]*\\))?(?:,? (?:which|that|who))?(?: (?:was|were|is|are|had been|has been|have been|being))?(?: (?:originally|first|officially|formally|jointly|initially|reportedly|later|also|now|still|currently|itself))?,? ?$`,
);

const RELATIVE = /^\W?(?:the )?N\d+, (?:which|that)\b/;
const PREP_OBJECT =
  /(?:^|\W)(?:with|by|of|in|from|for|and|to|at|on|than|as|between|including|via|like|among|under|over|into|about)(?: the)? ?$/;
const OPENER =
  /^(?:(?:across|after|against|along|amid|among|around|at|before|behind|beyond|by|despite|during|following|for|from|in|inside|like|near|on|outside|over|since|through|throughout|under|unlike|until|with|within|without|as|as of|when|while|although|though|because|if|once|last|this|next|today|yesterday|now|earlier|later|meanwhile|however|additionally|moreover|furthermore|still|already|back|according to|in addition|overall|separately|elsewhere)\b[^,]{0,80}, )+/;
const PARTICIPLE_OPENER =
  /^(?:co-)?(?:founded|launched|established|set up|created|started|formed|based|headquartered|located|opened|backed|owned|led|run|operated|funded|acquired|introduced|unveiled)\b[^,]{0,120}, /;
const LABEL = /^(?:the )?(N\d+): /;

// Verbs of events with dates, agents and places.
interface EventVerb {
  date: string;
  agent: string;
  place?: string;
}
const EVENT_VERBS: [RegExp, EventVerb][] = [
  [
    /^(?:co-?founded|founded|established|set up|incorporated|formed|created|started)$/,
    { date: 'founded', agent: 'founded by', place: 'founding place' },
  ],
  [/^(?:launched|introduced|unveiled|rolled out|debuted)$/, { date: 'launched', agent: 'launched by' }],
  [/^opened$/, { date: 'opened', agent: 'opened by' }],
  [/^(?:acquired|bought|purchased|taken over)$/, { date: 'acquired', agent: 'acquired by' }],
  [/^(?:listed|floated)$/, { date: 'listed', agent: 'listed by', place: 'listing venue' }],
];
const EVENT_VERB_RE =
  /(?<![\w-])(co-?founded|founded|established|set up|incorporated|formed|created|started|launched|introduced|unveiled|rolled out|debuted|opened|acquired|bought|purchased|taken over|listed|floated)(?![\w-])/g;

const COUNT_NOUNS =
  'employees|employee|staff|people|workers|personnel|engineers|researchers|scientists|students|undergraduates|postgraduates|faculty|academics|teachers|doctors|nurses|users|customers|clients|members|subscribers|startups|start-ups|companies|firms|tenants|offices|branches|stores|shops|outlets|hospitals|beds|schools|campuses|laboratories|labs|patents|products|partners|investors|countries|cities|markets|visitors|passengers|volunteers|factories|plants|sites|locations|centres|centers|projects|apps|vehicles|robots|programmes|programs|courses|graduates|alumni|residents|flats|homes|units|buildings|data centres|data centers|warehouses|aircraft|ships|vessels|trucks|hotels|restaurants|clinics|branches';
/** Kinds of staff: "N engineers at X" means X employs at least N people. */
const STAFF_SUBSETS = new Set([
  'engineers',
  'developers',
  'scientists',
  'researchers',
  'designers',
  'programmers',
  'nurses',
  'doctors',
  'drivers',
  'technicians',
  'analysts',
  'consultants',
  'managers',
]);
const EMPLOYEE_NOUNS = new Set(['employees', 'employee', 'staff', 'people', 'workers', 'personnel']);

// --- helpers ------------------------------------------------------------------------------------------------------

interface Template {
  t: string;
  /** map[i] = offset in the sentence of template char i (length t.length + 1). */
  map: Int32Array;
  slots: Slot[];
}

function buildTemplate(s: string, slots: Slot[], drops: [number, number][]): Template {
  let out = '';
  const map = new Int32Array(s.length + slots.length * 4 + 2);
  let n = 0;
  let si = 0;
  let di = 0;
  let lastSpace = true;
  let i = 0;
  while (i < s.length) {
    if (di < drops.length && drops[di][0] === i) {
      i = drops[di][1];
      di++;
      continue;
    }
    const slot = slots[si];
    if (slot && slot.start === i) {
      const ph = `${slot.type}${si}`;
      out += ph;
      for (let k = 0; k < ph.length; k++) map[n++] = slot.start;
      i = slot.end;
      si++;
      lastSpace = false;
      continue;
    }
    // Copy the gap up to the next slot/drop in one go.
    let stop = s.length;
    if (slot && slot.start < stop) stop = slot.start;
    if (di < drops.length && drops[di][0] < stop) stop = drops[di][0];
    // Characters that stay as they are (ASCII but capitals and spaces) are copied as one slice per run.
    let run = i;
    for (; i < stop; i++) {
      const code = s.charCodeAt(i);
      if (
        code === 32 ||
        code === 10 ||
        code === 13 ||
        code === 9 ||
        code === 0xa0 ||
        (code > 0x2000 && code <= 0x200a) ||
        code === 0x3000
      ) {
        if (run < i) out += s.slice(run, i);
        run = i + 1;
        if (!lastSpace) {
          out += ' ';
          map[n++] = i;
        }
        lastSpace = true;
        continue;
      }
      if (code < 128 && (code < 65 || code > 90)) {
        map[n++] = i;
        lastSpace = false;
        continue;
      }
      if (run < i) out += s.slice(run, i);
      run = i + 1;
      let c = s[i];
      if (code === 0x2019 || code === 0x2018) c = "'";
      else if (code === 0x201c || code === 0x201d) c = '"';
      else if (code === 0x2013 || code === 0x2014) c = '-';
      else if (code >= 65 && code <= 90) c = String.fromCharCode(code + 32);
      else if (code > 127) c = c.toLowerCase();
      if (c.length !== 1) c = s[i];
      out += c;
      map[n++] = i;
      lastSpace = false;
    }
    if (run < i) out += s.slice(run, i);
  }
  map[n++] = s.length;
  return { t: out, map: map.subarray(0, n), slots };
}

const TITLE_BEFORE = /(?:^|[^\p{L}])(?:Mr|Mrs|Ms|Mx|Dr|Prof|Professor|Sir|Dame)\.?\s+$/u;

/** The template without a "Name: " label, adverbial openers and a participial opener. */
function stripOpeners(t: string): string {
  const label = LABEL.exec(t);
  if (label) t = t.slice(label[0].length);
  return t.replace(OPENER, '').replace(PARTICIPLE_OPENER, '');
}
const MAIN_SUBJECT = rx(`^(${SUBJ})\\b`);
/** A predicate preceded by a lower-case noun ("memory use rose", "each team has") has that noun as its subject. */
const COMMON_NOUN_SUBJECT =
  /(?:^|[\s,])(?!(?:and|or|but|not|also|now|currently|still|already|then|further|again|together|reportedly|since|in|of|for|with|by|on|at|as|to|it|its|their|our|his|her|the|a|an|this|these|those|which|that|who|has|have|had|is|was|were|are|will|would)\s$)[a-z][a-z-]*(?<!ly)\s$/;

const slotIndex = (ph: string) => Number(ph.replace(/^(?:the )?[NDQR]/, ''));
const isNamePh = (s: string) => /^(?:the )?N\d+$/.test(s);

// --- per-article extraction ---------------------------------------------------------------------------------------

export interface ExtractOptions {
  /** Maximum sentence length (characters) considered; longer "sentences" are usually lists or run-ons. */
  maxSentenceLength?: number;
}

/**
 * Sentences, with a colon followed by a capitalised clause taken as a sentence break ("… using the `directives`
 * option: For instance, the Oakridge team, founded in 1957, …"): the clause after it has a subject of its own.
 */
function clauses(sentences: readonly Sentence[]): Sentence[] {
  const out: Sentence[] = [];
  for (const sentence of sentences) {
    let from = 0;
    if (!sentence.text.includes(': ')) {
      out.push(sentence);
      continue;
    }
    for (const m of sentence.text.matchAll(/: (?=\p{Lu}\p{Ll})/gu)) {
      const cut = m.index + m[0].length;
      if (m.index - from < 20 || sentence.text.length - cut < 20) continue;
      out.push({
        start: sentence.start + from,
        end: sentence.start + m.index + 1,
        text: sentence.text.slice(from, m.index + 1),
      });
      from = cut;
    }
    out.push(
      from === 0 ? sentence : { start: sentence.start + from, end: sentence.end, text: sentence.text.slice(from) },
    );
  }
  return out;
}

/** Whether text.slice(0, end) is all white space (`/^\s*$/`), read in place: no slice per sentence. */
function onlySpaceBefore(text: string, end: number): boolean {
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13)) continue;
    if (c < 128 || !/\s/.test(text[i])) return false;
  }
  return true;
}

export function extractArticle(article: Article, index: number, options: ExtractOptions = {}): ArticleClaims {
  const maxLen = options.maxSentenceLength ?? 600;
  const claims: Claim[] = [];
  const acronyms: AcronymDefinition[] = [];
  const mentions = new Set<string>();
  const surfaces = new Map<string, string>();
  const knownCaps = articleKnownCaps(article);
  const types: ArticleTypes = {
    persons: new Set(),
    personLast: new Set(),
    places: new Set(),
    orgs: new Set(),
    history: [],
    current: [],
  };
  const ctx: SentenceContext = {
    article,
    index,
    block: null,
    sentenceStart: 0,
    s: '',
    claims,
    acronyms,
    topic: null,
    knownCaps,
    persons: types.persons,
    types,
    datelineEnd: 0,
  };

  for (const block of article.blocks) {
    if (!PROSE_KINDS.has(block.kind)) continue;
    const heading = block.kind === 'heading';
    for (const sentence of clauses(block.sentences)) {
      const s = sentence.text;
      ctx.block = block;
      ctx.sentenceStart = sentence.start;
      ctx.s = s;
      // A dateline ("BERGEN, Norway —", "LONDON (Reuters) —") opens a news paragraph: its names are places, never subjects.
      ctx.datelineEnd = !heading && onlySpaceBefore(block.text, sentence.start) ? datelineLength(s) : 0;
      // Sentences without a claim cue cannot match a pattern, so they skip templating altogether.
      const candidate = !heading && s.length <= maxLen && hasClaimCue(s);
      if (!candidate) {
        // Mentions only: names and bare acronyms.
        const ns = findNames(s, [], knownCaps);
        types.current = [];
        for (const n of ns) {
          addMention(mentions, surfaces, n.text);
          if (n.start < ctx.datelineEnd) addPlace(types, n.text);
          else if (!heading) types.history.push(n.text);
        }
        const lead = ns.find((n) => n.start >= ctx.datelineEnd);
        if (heading) {
          // The title's leading name is the article's first topic ("Tidewell opens a second workshop").
          if (
            ctx.topic === null &&
            lead &&
            /^(?:the\s+)?$/i.test(s.slice(0, lead.start)) &&
            s[lead.end] !== '-' &&
            !isPluralAcronym(lead.text)
          )
            ctx.topic = lead.text;
          continue;
        }
        // A sentence that starts with a name moves the topic ("it", "the company" in later sentences).
        if (
          lead &&
          /^(?:the\s+)?$/i.test(s.slice(ctx.datelineEnd, lead.start)) &&
          s[lead.end] !== '-' &&
          typeOf(types, lead.text) !== 'person' &&
          !isPluralAcronym(lead.text)
        )
          ctx.topic = lead.text;
        placeCopula(ctx, ns);
        trimHistory(types);
        continue;
      }
      processSentence(ctx, mentions, surfaces);
      trimHistory(types);
    }
  }
  applyShortNames(claims, mentions, surfaces, acronyms);
  checkTypes(claims, types);
  return { claims, acronyms, mentions };
}

// --- entity types within an article ---------------------------------------------------------------------------------

/**
 * What the article says about its names: people (role holders, titles, ages), places (datelines, "based in X",
 * "X-based", countries, "X is a port city") and organisations (institution words, "X, a … company", the organisation
 * side of a business role). Untyped names stay untyped. Used to resolve "it"/"the company" and to drop claims whose
 * subject or value has the wrong type.
 */
interface ArticleTypes {
  persons: Set<string>;
  /** Last words of multi-word persons' keys ("solberg"): a lone surname is that person. */
  personLast: Set<string>;
  places: Set<string>;
  orgs: Set<string>;
  /** Names of earlier sentences, oldest first (bounded). */
  history: string[];
  /** Names of the current sentence, in order. */
  current: Span[];
}

type EntityType = 'person' | 'place' | 'org' | null;

function typeOf(types: ArticleTypes, name: string): EntityType {
  const k = nameKey(name);
  if (!k) return null;
  if (types.persons.has(k) || (!k.includes(' ') && types.personLast.has(k))) return 'person';
  if (types.orgs.has(k) || hasOrganisationWord(name)) return 'org';
  if (types.places.has(k) || PLACE_NAMES.has(k)) return 'place';
  return null;
}

function addPerson(types: ArticleTypes, name: string): void {
  const k = nameKey(name);
  if (!k) return;
  types.persons.add(k);
  const sp = k.lastIndexOf(' ');
  if (sp > 0) types.personLast.add(k.slice(sp + 1));
}

function addPlace(types: ArticleTypes, name: string): void {
  const k = nameKey(name);
  if (k && !hasOrganisationWord(name)) types.places.add(k);
}

function addOrg(types: ArticleTypes, name: string): void {
  const k = nameKey(name);
  if (k && !PLACE_NAMES.has(k) && !types.places.has(k) && !types.persons.has(k)) types.orgs.add(k);
}

function trimHistory(types: ArticleTypes): void {
  for (const n of types.current) types.history.push(n.text);
  types.current = [];
  if (types.history.length > 64) types.history.splice(0, types.history.length - 48);
}

/**
 * The organisation an anaphor ("it", "the company", "the Leeds-based firm") refers to, or null. Order: the topic when
 * it is a known organisation; the topic when it is untyped and does not look like a person; the most recent known
 * organisation (this sentence before `at`, then earlier sentences); else none (an untyped, person-looking topic such as
 * "Marta Kowalczyk" is not trusted). Never a person or a place.
 * "the university", "the museum" … prefer a name containing that word.
 */
function resolveAnaphor(ctx: SentenceContext, anaphor: string, at: number): string | null {
  const types = ctx.types;
  const noun = /([a-z-]+)$/.exec(anaphor)?.[1] ?? 'it';
  const recent: string[] = [];
  for (let i = types.current.length - 1; i >= 0; i--)
    if (types.current[i].end <= at) recent.push(types.current[i].text);
  for (let i = types.history.length - 1; i >= 0 && recent.length < 40; i--) recent.push(types.history[i]);
  const topic = ctx.topic;
  const usable = (n: string) => {
    const ty = typeOf(types, n);
    return ty !== 'person' && ty !== 'place' && !isPluralAcronym(n);
  };
  if (!GENERIC_ANAPHOR.has(noun)) {
    const has = (n: string) => n.toLowerCase().split(/\s+/).includes(noun);
    for (const n of topic ? [topic, ...recent] : recent) if (has(n) && usable(n)) return n;
  }
  if (topic && usable(topic) && (typeOf(types, topic) === 'org' || !looksLikePerson(topic))) return topic;
  for (const n of recent) if (typeOf(types, n) === 'org' && !isPluralAcronym(n)) return n;
  return null;
}

/** "São Paulo is a vast city …", "It is a port town …": the subject (a name, or the topic for "It") is a place. */
const PLACE_COPULA = new RegExp(
  `^(?:the\\s+)?(.{1,80}?) (?:is|was|remains|became|has become) (?:a|an|the|one of the) ((?:[\\p{L}-]+,? ){0,6}?)(?:${PLACE_NOUNS})(?![\\p{L}\\p{N}'’-])`,
  'iu',
);
const PLACE_COPULA_BLOCK = new RegExp(
  `(?:^|\\s)(?:in|of|at|on|for|from|with|across|near|that|which|who|${ORG_NOUNS})(?:\\s|,|$)`,
  'i',
);
function placeCopula(ctx: SentenceContext, names: readonly Span[]): void {
  const m = PLACE_COPULA.exec(ctx.s);
  if (!m || PLACE_COPULA_BLOCK.test(m[2])) return;
  const subject = m[1].trim();
  if (/^it$/i.test(subject)) {
    if (ctx.topic && typeOf(ctx.types, ctx.topic) !== 'org') addPlace(ctx.types, ctx.topic);
  } else if (names[0] && names[0].text === subject.replace(/^the\s+/i, '')) addPlace(ctx.types, names[0].text);
}

/**
 * Length of a dateline opening `s`, or 0: "BERGEN, Norway — ", "LONDON (Reuters) - ", "NEW YORK, Oct. 24 — ",
 * "Bergen, Norway — " (mixed case only with a known country/region after the comma).
 */
const DATELINE_CAPS =
  /^\s*\p{Lu}[\p{Lu}\p{M}.'’-]+(?:\s+\p{Lu}[\p{Lu}\p{M}.'’-]*){0,3}(?:,\s*\p{Lu}[\p{L}\p{M}.'’-]*(?:\s+\p{Lu}[\p{L}\p{M}.'’-]*){0,2})?(?:,?\s+(?:\p{Lu}[a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+\p{Lu}[a-z]{2,8}\.?)(?:,\s*\d{4})?)?(?:\s*\([^()]{1,40}\))?(?:\s*[—–]|\s*--|\s+-)\s+/u;
const DATELINE_MIXED =
  /^\s*\p{Lu}[\p{L}\p{M}.'’-]+(?:\s+\p{Lu}[\p{L}\p{M}.'’-]+){0,2},\s*(\p{Lu}[\p{L}\p{M}.'’-]+(?:\s+\p{Lu}[\p{L}\p{M}.'’-]+){0,2})(?:\s*\([^()]{1,40}\))?(?:\s*[—–]|\s*--)\s+/u;
export function datelineLength(s: string): number {
  const c = s.charCodeAt(0);
  if (!(c >= 65 && c <= 90) && !(c > 127)) return 0;
  const caps = DATELINE_CAPS.exec(s);
  if (caps && /\p{Lu}{2}/u.test(caps[0])) return caps[0].length;
  const mixed = DATELINE_MIXED.exec(s);
  if (mixed && PLACE_NAMES.has(nameKey(mixed[1]))) return mixed[0].length;
  return 0;
}

/**
 * Drop claims whose subject or values have the wrong type for the attribute: a person has no employees, founding
 * date or revenue (only roles); a place has no employees, founders, revenue, owners or parent organisation; a class
 * of things ("CRDTs") is no subject; founders/owners are not places; locations are not people.
 */
const ORG_ONLY =
  /^(?:employees|number of employees|founded by|acquired by|acquisition price|listed|listing venue|parent organisation|owned by|market share|revenue|profit|loss|funding raised|valuation)(?: |$)/;
const AGENT_ATTRIBUTE =
  /^(?:founded|launched|opened|acquired|owned|listed) by$|^parent organisation$|^collaboration with$/;
const PLACE_ATTRIBUTE = /^(?:location|founding place|listing venue)$/;
function checkTypes(claims: Claim[], types: ArticleTypes): void {
  if (claims.length === 0) return;
  let w = 0;
  for (const c of claims) {
    if (keepClaim(c, types)) claims[w++] = c;
  }
  claims.length = w;
}

function keepClaim(c: Claim, types: ArticleTypes): boolean {
  if (c.kind === 'expansion') return true;
  if (isPluralAcronym(c.subject)) return false;
  const subjectType = typeOf(types, c.subject);
  if (subjectType === 'person' && c.attribute !== 'role at') return false;
  if (subjectType === 'place' && ORG_ONLY.test(c.attribute)) return false;
  if (c.items && (AGENT_ATTRIBUTE.test(c.attribute) || PLACE_ATTRIBUTE.test(c.attribute))) {
    const bad: EntityType = PLACE_ATTRIBUTE.test(c.attribute) ? 'person' : 'place';
    const items = c.items.filter((it) => typeOf(types, it) !== bad && !isPluralAcronym(it));
    if (items.length === 0) return false;
    if (items.length !== c.items.length) {
      c.items = items;
      c.value = items.join(', ');
    }
  }
  return true;
}

/**
 * Within one article, a one-word name that abbreviates exactly one longer name of the same article is that name:
 * "Kestrel" after "Kestrel Robotics", "Lin" after "Ada Lin". Ambiguous short names ("Alibaba" with both
 * "Alibaba Cloud" and "Alibaba Group") and defined acronyms are left alone.
 */
function addMention(mentions: Set<string>, surfaces: Map<string, string>, name: string): void {
  const k = nameKey(name);
  if (!k) return;
  mentions.add(k);
  if (k.includes(' ') && !surfaces.has(k)) surfaces.set(k, name);
}

function applyShortNames(
  claims: Claim[],
  mentions: Set<string>,
  surfaces: Map<string, string>,
  acronyms: AcronymDefinition[],
): void {
  if (claims.length === 0) return;
  // Multi-word mentions by first and by last word: a one-word key k (no space) matches m.startsWith(k + ' ') exactly
  // when it is m's first word, m.endsWith(' ' + k) when it is m's last (a scan of every mention per short name was
  // quadratic on long articles).
  const byFirst = new Map<string, string[]>();
  const byLast = new Map<string, string[]>();
  for (const m of mentions) {
    const first = m.indexOf(' ');
    if (first === -1) continue;
    const head = m.slice(0, first);
    const tail = m.slice(m.lastIndexOf(' ') + 1);
    (byFirst.get(head) ?? byFirst.set(head, []).get(head)!).push(m);
    (byLast.get(tail) ?? byLast.set(tail, []).get(tail)!).push(m);
  }
  const defined = new Set(acronyms.map((a) => nameKey(a.short)));
  const cache = new Map<string, string>();
  const expand = (name: string): string => {
    const k = nameKey(name);
    if (k.includes(' ') || defined.has(k) || !k) return name;
    const hit = cache.get(k);
    if (hit !== undefined) return hit || name;
    // Only whether exactly one mention qualifies matters, so the two lists are merged as a set.
    const candidates = new Set(byFirst.get(k));
    for (const m of byLast.get(k) ?? [])
      if (!candidates.has(m) && m.split(' ').length <= 3 && looksLikePerson(surfaces.get(m) ?? titleCase(m)))
        candidates.add(m);
    const only = candidates.size === 1 ? [...candidates][0] : null;
    const result = only !== null ? (surfaces.get(only) ?? titleCase(only)) : '';
    cache.set(k, result);
    return result || name;
  };
  for (const c of claims) {
    if (c.kind === 'expansion') continue;
    c.subject = expand(c.subject);
    if (c.qualifier) c.qualifier = expand(c.qualifier);
    if (c.items && (c.kind === 'entities' || c.kind === 'place')) {
      c.items = c.items.map(expand);
      c.value = c.items.join(', ');
    }
  }
}

function titleCase(key: string): string {
  return key.replace(/(^| )(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase());
}

interface SentenceContext {
  article: Article;
  index: number;
  block: Block | null;
  sentenceStart: number;
  s: string;
  claims: Claim[];
  acronyms: AcronymDefinition[];
  topic: string | null;
  knownCaps?: ReadonlySet<string>;
  /** Keys of names this article uses as people (role holders, "Ms …"): never a topic for "it"/"the company". */
  persons: Set<string>;
  types: ArticleTypes;
  /** Length of the dateline opening this sentence (0: none). */
  datelineEnd: number;
}

const MAY_HOLD_YEAR = /1[6-9]\d\d|20\d\d/;

/** Date, quantity and role slots of a sentence, in that order of precedence; each claims its span in `blocked`. */
function valueSlots(s: string, blocked: [number, number][]): Slot[] {
  const slots: Slot[] = [];
  const free = (st: number, en: number) => !blocked.some(([a, b]) => st < b && en > a);
  if (/\d/.test(s)) {
    DATE_RE.lastIndex = 0;
    let m: RegExpExecArray | null;
    // Every DATE_RE match holds a year 1600–2099 (its one required group): most sentences with a digit hold none.
    const mayHoldDate = MAY_HOLD_YEAR.test(s);
    while (mayHoldDate && (m = DATE_RE.exec(s))) {
      slots.push({ type: 'D', start: m.index, end: m.index + m[0].length, text: m[0] });
      blocked.push([m.index, m.index + m[0].length]);
    }
    QUANTITY_RE.lastIndex = 0;
    while ((m = QUANTITY_RE.exec(s))) {
      const st = m.index;
      const en = st + m[0].length;
      if (!free(st, en)) continue;
      slots.push({ type: 'Q', start: st, end: en, text: m[0] });
      blocked.push([st, en]);
    }
  }
  ROLE_RE.lastIndex = 0;
  let r: RegExpExecArray | null;
  // ROLE_HINT (no g flag) is a cheap necessary condition; its answer cannot change within the loop.
  const mayHoldRole = ROLE_HINT.test(s);
  while (mayHoldRole && (r = ROLE_RE.exec(s))) {
    const st = r.index;
    const en = st + r[0].length;
    if (!free(st, en)) continue;
    slots.push({ type: 'R', start: st, end: en, text: r[0] });
    blocked.push([st, en]);
  }
  return slots;
}

/** The short and long form of an acronym defined in the parenthesis [open, …) holding `inner`, or null. */
function acronymAt(s: string, inner: string, open: number, names: readonly Span[]): [string, string] | null {
  if (isShortForm(inner)) {
    const before = names.find((n) => n.end <= open && /^\s*$/.test(s.slice(n.end, open)));
    if (before && isExpansionOf(inner, before.text)) return [inner, before.text];
    // Lower-case long form ("artificial intelligence (AI)"): shortest S–H match over the preceding words.
    const words = s.slice(0, open).trimEnd().split(/\s+/);
    const letters = inner.replace(/[^\p{L}\p{N}]/gu, '').length;
    const window = words.slice(-Math.min(letters + 5, letters * 2)).join(' ');
    const at = matchShortForm(inner, window);
    const lf = at >= 0 ? window.slice(at).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '') : '';
    return lf && lf.split(/\s+/).length >= 2 && !/[,;:.]/.test(lf) && isExpansionOf(inner, lf) ? [inner, lf] : null;
  }
  if (inner.split(/\s+/).length < 2) return null;
  const before = /([\p{L}\p{N}&*.-]+)\s*$/u.exec(s.slice(0, open));
  const cleaned = inner.replace(/^(?:short for|or|i\.e\.,?|ie,?)\s+/i, '');
  return before && isShortForm(before[1]) && isExpansionOf(before[1], cleaned.replace(/,/g, ''))
    ? [before[1], cleaned]
    : null;
}

/**
 * Acronym definitions in parentheses ("Health Authority (HA)"): each is a claim, and the parenthesis is dropped from
 * the template. Returns the spans to drop (the dateline first).
 */
function acronymDrops(ctx: SentenceContext, names: readonly Span[], mentions: Set<string>): [number, number][] {
  const { s, datelineEnd: dateline, types } = ctx;
  const drops: [number, number][] = [];
  if (dateline) drops.push([0, dateline]);
  if (!s.includes('(')) return drops;
  const PAREN = /\(([^()]{1,160})\)/g;
  let p: RegExpExecArray | null;
  let damaged: MojibakeSpan[] | undefined;
  while ((p = PAREN.exec(s))) {
    const open = p.index;
    if (open < dateline) continue;
    const close = open + p[0].length;
    const found = acronymAt(s, p[1].trim(), open, names);
    // "Claire Dumont (CAN)": a person's name is not an expansion (country codes, tickers, jersey numbers).
    if (!found || types.persons.has(nameKey(found[1]))) continue;
    const [short, long] = found;
    mentions.add(nameKey(short));
    // A definition with damaged characters in it ("Integrity Protectionā€¯ (SIP)", mojibake) cannot be read: the
    // damage is the mojibake rule's finding, not a second expansion of the acronym.
    damaged ??= findMojibake(s);
    const from = s.lastIndexOf(long, open);
    if (!damaged.some((d) => d.start < close && d.end > (from < 0 ? open : from))) {
      ctx.acronyms.push({ short, long: long.replace(/^the\s+/i, ''), article: ctx.index });
      addClaim(ctx, short, 'expands to', 'expansion', long.replace(/^the\s+/i, ''), open + 1, close - 1);
    }
    let dropStart = open;
    while (dropStart > 0 && /\s/.test(s[dropStart - 1])) dropStart--;
    drops.push([dropStart, close]);
  }
  return drops;
}

function processSentence(ctx: SentenceContext, mentions: Set<string>, surfaces: Map<string, string>): void {
  const s = ctx.s;
  const blocked: [number, number][] = [];
  const slots = valueSlots(s, blocked);
  const names = findNames(s, blocked, ctx.knownCaps);
  const types = ctx.types;
  const dateline = ctx.datelineEnd;
  for (const n of names) {
    addMention(mentions, surfaces, n.text);
    if (n.start < dateline) addPlace(types, n.text);
    // "Dr. Amara Okafor", "Ms Lin": a title makes a person.
    else if (n.start > 1 && TITLE_BEFORE.test(s.slice(Math.max(0, n.start - 11), n.start))) addPerson(types, n.text);
  }
  const drops = acronymDrops(ctx, names, mentions);
  types.current = [];
  for (const n of names) {
    if (drops.some(([a, b]) => n.start < b && n.end > a)) continue;
    slots.push({ type: 'N', start: n.start, end: n.end, text: n.text });
    types.current.push(n);
  }
  placeCopula(ctx, types.current);
  const kept = slots
    .filter((sl) => !drops.some(([a, b]) => sl.start < b && sl.end > a))
    .sort((a, b) => a.start - b.start);
  drops.sort((x, y) => x[0] - y[0]);
  const tpl = buildTemplate(s, kept, drops);
  runPatterns(ctx, tpl);
}

// --- claim construction -----------------------------------------------------------------------------------------

function addClaim(
  ctx: SentenceContext,
  subject: string,
  attribute: string,
  kind: ClaimKind,
  value: string,
  start: number,
  end: number,
  extra: Partial<Claim> = {},
): Claim | null {
  if (!ctx.block) return null;
  const subj = cleanName(subject);
  if (!subj || !nameKey(subj)) return null;
  const range = blockRange(ctx.article.source, ctx.block, ctx.sentenceStart + start, ctx.sentenceStart + end);
  const claim: Claim = {
    article: ctx.index,
    path: ctx.article.path,
    subject: subj,
    attribute,
    kind,
    value,
    ...range,
    sentence: ctx.s.replace(/\s+/g, ' ').trim(),
    ...extra,
  };
  ctx.claims.push(claim);
  return claim;
}

function cleanName(name: string): string {
  return name
    .replace(/^the\s+/i, '')
    .replace(/['’]s$/, '')
    .trim();
}

class Matcher {
  constructor(
    readonly ctx: SentenceContext,
    readonly tpl: Template,
  ) {}
  slot(ph: string): Slot {
    return this.tpl.slots[slotIndex(ph)];
  }
  /**
   * Resolve a subject capture: a name placeholder, or an anaphor ("it", "the company", "the Leeds-based firm") →
   * the organisation in scope (resolveAnaphor; null when there is none). `p`: template index of the capture.
   */
  subject(cap: string | undefined, p = 0): string | null {
    if (!cap) return null;
    if (isNamePh(cap)) {
      const sl = this.slot(cap);
      return sl.type === 'N' ? sl.text : null;
    }
    return resolveAnaphor(this.ctx, cap, this.tpl.map[Math.min(p, this.tpl.map.length - 1)]);
  }
  /** Subject for a predicate starting at template index p. */
  subjectAt(p: number, topicFallback: boolean | 'headed' = false): string | null {
    const from = Math.max(0, p - 160);
    const window = this.tpl.t.slice(from, p);
    const before = SUBJ_BEFORE.exec(window);
    // "…, launched by X in partnership with Y, has 85 researchers": Y is a prepositional object, not the subject.
    // But a relative clause attaches to the name it follows: "grew up in Tromsø, which was founded in 1794".
    if (
      before &&
      (RELATIVE.test(before[0]) || !PREP_OBJECT.test(window.slice(0, before.index + before[0].indexOf(before[1]))))
    )
      return this.subject(before[1], from + before.index);
    const main = this.mainSubject();
    if (main || !topicFallback) return main;
    // No written subject: the organisation in scope, unless the predicate has a common-noun subject of its own
    // ("memory use rose by 18%", "each team has 12 engineers").
    const prefix = this.tpl.t.slice(0, p);
    // 'headed': the match starts with its own head noun ("full-year revenue reached …"), so words before it modify it.
    if (/N\d/.test(prefix) || (topicFallback !== 'headed' && COMMON_NOUN_SUBJECT.test(prefix))) return null;
    return resolveAnaphor(this.ctx, 'it', this.tpl.map[p]);
  }
  mainSubject(): string | null {
    const t = stripOpeners(this.tpl.t);
    const m = MAIN_SUBJECT.exec(t);
    if (m) return this.subject(m[1], this.tpl.t.length - t.length);
    return null;
  }
  /** Items of a LIST capture ("the N1, N2 and N3"). */
  items(list: string): Slot[] {
    return (list.match(/N\d+/g) ?? []).map((ph) => this.slot(ph)).filter((sl) => sl.type === 'N');
  }
  /** Sentence offsets [start, end) covered by template range [a, b). */
  span(a: number, b: number): [number, number] {
    const map = this.tpl.map;
    const start = map[a];
    const lastSlot = this.tpl.slots.find((sl) => sl.start === map[b - 1]);
    const end = lastSlot ? lastSlot.end : map[b - 1] + 1;
    return [start, end];
  }
  entities(subject: string | null, attribute: string, slots: Slot[], extra: Partial<Claim> = {}): void {
    const items = slots.map((sl) => cleanName(sl.text)).filter((x) => x && nameKey(x) !== nameKey(subject ?? ''));
    if (!subject || items.length === 0) return;
    const first = slots[0];
    const last = slots[slots.length - 1];
    addClaim(this.ctx, subject, attribute, 'entities', items.join(', '), first.start, last.end, { items, ...extra });
  }
  place(subject: string | null, attribute: string, slots: Slot[]): void {
    if (!subject || slots.length === 0) return;
    const items = slots.map((sl) => cleanName(sl.text));
    for (const it of items) addPlace(this.ctx.types, it);
    addClaim(this.ctx, subject, attribute, 'place', items.join(', '), slots[0].start, slots[slots.length - 1].end, {
      items,
    });
  }
  date(subject: string | null, attribute: string, slot: Slot): void {
    const date = parseDate(slot.text);
    if (!subject || !date) return;
    addClaim(this.ctx, subject, attribute, 'date', slot.text, slot.start, slot.end, { date });
  }
  quantity(subject: string | null, attribute: string, slot: Slot, sign = 1, atLeast = false): void {
    const q = parseQuantity(slot.text);
    if (!subject || !q) return;
    if (atLeast && q.hedge === null) q.hedge = 'min';
    // Keyed by its period and modality: a quarter's growth is not the year's, a forecast is not a result.
    const time = figureTime(this.ctx.s, slot.start, slot.end, articleYear(this.ctx.article));
    addClaim(this.ctx, subject, timedAttribute(attribute, time), 'number', slot.text, slot.start, slot.end, {
      quantity: q,
      sign,
    });
  }
}

function runPatterns(ctx: SentenceContext, tpl: Template): void {
  const t = tpl.t;
  const M = new Matcher(ctx, tpl);
  typePatterns(M);
  const label = LABEL.exec(t);
  if (label) ctx.topic = M.slot(label[1]).text;
  const stripped = stripOpeners(t);
  const lead = /^(?:the )?(N\d+)(?![\w-])(, (?:the |a |its )?R\d+ (?:of|at) )?/.exec(stripped);
  if (lead) {
    const name = M.slot(lead[1]).text;
    if (lead[2]) addPerson(ctx.types, name);
    if (typeOf(ctx.types, name) !== 'person' && !isPluralAcronym(name)) ctx.topic = name;
  }

  if (EVENT_VERB_RE.test(t)) eventPatterns(M);
  if (/based|headquart|located|registered|domiciled|head office|main office/.test(t)) locationPatterns(M);
  if (/R\d|led by|headed by|run by|who (?:runs|heads|leads) /.test(t)) rolePatterns(M);
  if (/Q\d/.test(t)) quantityPatterns(M);
  if (
    /arm|subsidiar|unit|division|affiliate|spin|offshoot|branch|part of|owned|collaborat|partner|joint|tie-up|alliance|conjunction|cooperation/.test(
      t,
    )
  )
    relationPatterns(M);
}

const AGE_APPOSITION = /(N\d+), (?:aged )?(Q\d+),/g;
const ORG_APPOSITION = rx(
  `(N\\d+)(?:,| (?:is|was|remains|became|has become)) (?:a|an|the|its) (?:(?:N\\d+-based|[a-z][a-z-]*) ){0,4}?(?:${ORG_NOUNS})(?![\\w-])`,
  'g',
);
const COUNTRY_APPOSITION = /(N\d+), (N\d+)(?![\w'-])(?! (?:and|or) )/g;
const PLACE_OF = rx(`(?:${PLACE_NOUNS}) of (?:the )?(N\\d+)(?![\\w'-])`, 'g');

/** Type evidence in one sentence: ages (person), "X, a … company" (organisation), "Bergen, Norway" (place). */
function typePatterns(M: Matcher): void {
  const t = M.tpl.t;
  const types = M.ctx.types;
  let m: RegExpExecArray | null;
  if (t.includes(', Q')) {
    AGE_APPOSITION.lastIndex = 0;
    while ((m = AGE_APPOSITION.exec(t))) {
      const age = M.slot(m[2]).text;
      if (/^\d{1,3}$/.test(age) && Number(age) >= 14 && Number(age) <= 110) addPerson(types, M.slot(m[1]).text);
    }
  }
  ORG_APPOSITION.lastIndex = 0;
  while ((m = ORG_APPOSITION.exec(t))) addOrg(types, M.slot(m[1]).text);
  COUNTRY_APPOSITION.lastIndex = 0;
  while ((m = COUNTRY_APPOSITION.exec(t))) {
    const second = M.slot(m[2]);
    if (second.type === 'N' && PLACE_NAMES.has(nameKey(second.text))) addPlace(types, M.slot(m[1]).text);
    COUNTRY_APPOSITION.lastIndex = m.index + m[0].indexOf(m[2]);
  }
  PLACE_OF.lastIndex = 0;
  while ((m = PLACE_OF.exec(t))) addPlace(types, M.slot(m[1]).text);
}

// Events: founded/launched/acquired… with dates, agents and places, passive or active.
// RX_n: patterns hoisted out of the per-sentence functions (compiled and looked up once, not per sentence).
const ACTIVE_OBJECT_RE = rx(`^ (${NP})(?![\\w'])`);
const AGENT_BEFORE_VERB_RE = rx(`(${LIST})(?: (?:jointly|together|originally|first|also))? $`);
const SUBJECT_AFTER_COMMA_RE = rx(`^, (${SUBJ})\\b`);
function eventPatterns(M: Matcher): void {
  const t = M.tpl.t;
  EVENT_VERB_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = EVENT_VERB_RE.exec(t))) {
    const verb = m[1];
    const spec = EVENT_VERBS.find(([re]) => re.test(verb))?.[1];
    if (!spec) continue;
    const p = m.index;
    const after = p + m[0].length;
    const prefix = t.slice(0, p);
    // Skip modal/negated/future/planned statements.
    if (
      /(?:not|never|will|would|could|may|might|plans? to|planning to|to be|expected to|aims? to)(?: be)? $/.test(prefix)
    )
      continue;
    // Active voice: "<agents> (co-)founded <object> …".
    const active = reset(ACTIVE_OBJECT_RE).exec(t.slice(after));
    const passiveMarker =
      /(?:was|were|is|are|been|being|,|\() $/.test(prefix) || p === 0 || /^(?:(?:the )?N\d+: )$/.test(prefix);
    if (active && !passiveMarker && verb !== 'started' && verb !== 'created' && verb !== 'opened') {
      const agentMatch = reset(AGENT_BEFORE_VERB_RE).exec(prefix);
      const object = M.slot(active[1].replace(/^the /, ''));
      if (object.type !== 'N') continue;
      const objectName = object.text;
      if (agentMatch) {
        const agents = M.items(agentMatch[1]);
        M.entities(objectName, spec.agent, agents);
      } else if (/(?:^|[^\w])(?:it|its|the \w+) $/.test(prefix) && M.ctx.topic) {
        // "It acquired Beta in 2019" — the topic is the agent.
      }
      complements(M, objectName, spec, after + active[0].length, false);
      continue;
    }
    // Participle opener: "Founded in 2014 by A, N5 is …" — subject after the opener.
    let subject: string | null = null;
    const opener =
      p === 0 ||
      /^(?:the )?N\d+: $/.test(prefix) ||
      (/^(?:[^,]{0,60}, )?$/.test(prefix) && /^(?:in|on|by|since|as of|during)\b/.test(prefix));
    if (opener && p < 3 + (prefix.length || 0)) {
      const rest = t.slice(after);
      const comma = rest.search(/, (?:the )?(N\d+|it)\b/);
      if (comma >= 0) {
        const sm = reset(SUBJECT_AFTER_COMMA_RE).exec(rest.slice(comma));
        if (sm) subject = M.subject(sm[1]);
      }
    }
    if (!subject) subject = M.subjectAt(p);
    if (!subject) continue;
    complements(M, subject, spec, after, true);
  }
}

/** " in D", " by LIST", " in PLACE" after an event verb, in any order. */
const BY_AGENTS_RE = rx(`^ by (?:the )?(?:[a-z-]+ ){0,2}?(${LIST})(?![\\w'])`);
const IN_PLACE_RE = rx(`^ (?:in|on) (${PLACES})(?![\\w'-])`);
function complements(M: Matcher, subject: string, spec: EventVerb, at: number, passive: boolean): void {
  const t = M.tpl.t;
  let rest = t.slice(at);
  let dated = false;
  for (let guard = 0; guard < 5; guard++) {
    let m: RegExpExecArray | null;
    if ((m = /^,? (?:in|on|during|around|back in) (D\d+)/.exec(rest))) {
      M.date(subject, spec.date, M.slot(m[1]));
      dated = true;
    } else if (passive && (m = reset(BY_AGENTS_RE).exec(rest))) {
      M.entities(subject, spec.agent, M.items(m[1]));
    } else if ((m = reset(IN_PLACE_RE).exec(rest))) {
      const places = M.items(m[1]);
      if (spec.place && places.length) M.place(subject, spec.place, places);
    } else if ((m = /^ (?:as|with) (?:a|an|the) [a-z -]{1,40}?(?=,| in | by |\.|$)/.exec(rest))) {
      // "launched as a joint venture" — skip the phrase.
    } else if ((m = /^ (?:jointly|originally|officially|formally|first)/.exec(rest))) {
      // adverb
    } else if ((m = /^ for (Q\d+)/.exec(rest))) {
      if (spec.date === 'acquired') M.quantity(subject, 'acquisition price', M.slot(m[1]));
    } else break;
    rest = rest.slice(m[0].length);
  }
  // "In 2019, it was acquired by …": a date opener applies when the clause has no date of its own.
  if (!dated) {
    const opener = /^(?:(?:the )?N\d+: )?(?:in|back in|since) (D\d+), /.exec(t);
    if (opener && opener.index + opener[0].length <= at && (t.match(/D\d+/g) ?? []).length === 1)
      M.date(subject, spec.date, M.slot(opener[1]));
  }
}

const BASED_IN_RE = rx(
  `(?<![\\w-])(?:based|headquartered|located|registered|domiciled) in (${PLACES})(?![\\w'-])`,
  'g',
);
const HAS_HEADQUARTERS_IN_RE = rx(
  `(?:has|have|had|with) (?:its|their) (?:headquarters|head office|main office|base) in (${PLACES})(?![\\w'-])`,
  'g',
);
const HEADQUARTERS_ARE_IN_RE = rx(
  `(${SUBJ})'s? (?:headquarters|head office) (?:is|are|was|were|sits|lies) (?:located )?in (${PLACES})(?![\\w'-])`,
  'g',
);
const APPOSITIVE_PLACE_BASED_RE = rx(`(N\\d+), (?:a|an|the) (${PLACES})-(?:based|headquartered)(?![\\w'])`, 'g');
// The name must head the noun phrase that "X-based" modifies ("the Leeds-based software firm Acme"): the words between
// are modifiers, never a determiner, preposition or auxiliary ("C-based functions exported by Node.js", "process-based
// permissions control the Node.js process": there "based" means built on, and the name is another phrase's).
const NP_MODIFIER =
  '(?!(?:the|a|an|by|of|to|in|on|at|for|from|with|into|onto|over|via|as|and|or|but|is|are|was|were|be|its|their|this|that|these|those|which)(?![\\w-]))[a-z-]+';
const PLACE_BASED_NAME_RE = rx(`(${PLACES})-(?:based|headquartered) (?:${NP_MODIFIER} ){0,3}(N\\d+)(?![\\w-])`, 'g');
function locationPatterns(M: Matcher): void {
  const t = M.tpl.t;
  let m: RegExpExecArray | null;
  const based = reset(BASED_IN_RE);
  while ((m = based.exec(t))) {
    // "BT's research team, based in Melbourne": where a unit or office is, not the organisation's headquarters.
    if (FACILITY_BEFORE.test(t.slice(Math.max(0, m.index - 60), m.index))) continue;
    const subject = M.subjectAt(m.index);
    M.place(subject, 'location', M.items(m[1]));
  }
  const hq = reset(HAS_HEADQUARTERS_IN_RE);
  while ((m = hq.exec(t))) M.place(M.subjectAt(m.index), 'location', M.items(m[1]));
  const hq2 = reset(HEADQUARTERS_ARE_IN_RE);
  while ((m = hq2.exec(t))) M.place(M.subject(m[1]), 'location', M.items(m[2]));
  const appositive = reset(APPOSITIVE_PLACE_BASED_RE);
  while ((m = appositive.exec(t))) {
    const subjectSlot = M.slot(m[1]);
    if (subjectSlot.type === 'N') M.place(subjectSlot.text, 'location', M.items(m[2]));
  }
  // "The Leeds-based company, founded in 2009, …": the organisation in scope is based in Leeds.
  const lead = ANAPHOR_LOCATION.exec(stripOpeners(t));
  if (lead)
    M.place(
      resolveAnaphor(M.ctx, 'the company', M.tpl.map[t.length - stripOpeners(t).length]),
      'location',
      M.items(lead[1]),
    );
  const adj = reset(PLACE_BASED_NAME_RE);
  while ((m = adj.exec(t))) {
    // "a Melbourne-based BT engineer", "the Cardiff-based BT call centre": a unit's place, not BT's headquarters.
    if (FACILITY_WORD.test(m[0]) || FACILITY_AFTER.test(t.slice(m.index + m[0].length, m.index + m[0].length + 40)))
      continue;
    const subjectSlot = M.slot(m[2]);
    if (subjectSlot.type === 'N') M.place(subjectSlot.text, 'location', M.items(m[1]));
  }
}

/** Units, offices and people of an organisation: "based in" after them is where they are, not the headquarters. */
const FACILITY =
  '(?:offices?|branch(?:es)?|plants?|factor(?:y|ies)|sites?|centres?|centers?|units?|divisions?|teams?|staff|operations?|subsidiar(?:y|ies)|projects?|labs?|laborator(?:y|ies)|stores?|shops?|facilit(?:y|ies)|depots?|campus(?:es)?|warehouses?|workers?|employees?|engineers?|researchers?|developers?|scientists?|hubs?|studios?|arms?|outlets?|mills?|mines?|yards?|bases?|partners?|customers?|users?|clients?|startups?|suppliers?)';
const FACILITY_WORD = new RegExp(`(?<![\\w-])${FACILITY}(?![\\w-])`);
const FACILITY_BEFORE = new RegExp(
  `(?<![\\w-])${FACILITY}(?![\\w-])(?:,? (?:which|that|who) (?:is|are|was|were)|,? (?:is|are|was|were)(?: now)?|,)? $`,
);
const FACILITY_AFTER = new RegExp(`^(?:'s?)? (?:[a-z-]+ ){0,2}?${FACILITY}(?![\\w-])`);

// Not when a name follows the noun ("The Leeds-based company Acme publishes …"): the place is that name's
// (PLACE_BASED_NAME_RE), not the organisation in scope's.
const ANAPHOR_LOCATION = rx(
  `^the (${PLACES})-(?:based|headquartered) (?:[a-z][a-z-]* ){0,2}?(?:${ANAPHOR_NOUNS})(?![\\w-]| N\\d)`,
);

const R = 'R\\d+';
const mod = '(?:(?:current|new|founding|group|global) )?';

const EX_ROLE = /(?:former|ex-|then|previous|outgoing|late|interim|acting|incoming) (?:N\d+(?:'s?)? )?$/;

const LED_BY_RE = rx(`(?:led|headed|run) by (?:its )?(?:R\\d+,? )?(N\\d+)(?![\\w'])`, 'g');
const WHO_RUNS_RE = rx(`(N\\d+), who (?:runs|heads|leads) (?:the )?(N\\d+)(?![\\w'])`, 'g');
const WHOSE_ROLE_IS_RE = rx(`(N\\d+),? whose ${mod}(${R}) is (N\\d+)`, 'g');
const PERSON_ROLE_OF_ORG_RE = rx(`(N\\d+), (?:the |a |its )?${mod}(${R}) (?:of|at) (?:the )?(N\\d+)`, 'g');
const PERSON_ORGS_ROLE_RE = rx(`(N\\d+), (?:the )?(N\\d+)'s? ${mod}(${R})`, 'g');
const PERSON_IS_ROLE_OF_ORG_RE = rx(
  `(N\\d+)(?:, (?:aged )?Q\\d+,|,)? (?:who )?(?:is|was|serves as|served as|became|has been|remains|is now) (?:the |a |its )?${mod}(${R}) (?:of|at) (?:the )?(N\\d+)`,
  'g',
);
const ORGS_ROLE_PERSON_RE = rx(`(N\\d+)'s? ${mod}(${R}),? (N\\d+)`, 'g');
const ORG_ROLE_PERSON_RE = rx(`(N\\d+) ${mod}(${R}) (N\\d+)`, 'g');
const ROLE_OF_ORG_IS_PERSON_RE = rx(`(?:the )?${mod}(${R}) of (?:the )?(N\\d+),? (?:is )?(N\\d+)`, 'g');
const PERSON_IS_ROLES_OF_ORG_RE = rx(
  `(N\\d+)(?:, (?:aged )?Q\\d+,|,)? (?:who )?(?:is|was|serves as|served as|became|has been|remains|is now) (?:the |a |its )?${mod}(${R}(?:(?:,| and|, and) (?:the |a )?${mod}${R})+) (?:of|at) (?:the )?(N\\d+)`,
  'g',
);
const ANAPHOR_ROLE_PERSON_RE = rx(`(?:^|\\W)(its|their|${ANAPHOR}'s?) ${mod}(${R}),? (N\\d+)`, 'g');
function rolePatterns(M: Matcher): void {
  const t = M.tpl.t;
  const led = reset(LED_BY_RE);
  let lm: RegExpExecArray | null;
  while ((lm = led.exec(t))) {
    const person = M.slot(lm[1]);
    if (!looksLikePerson(person.text)) continue;
    const roleSlot = /R\d+/.exec(lm[0]);
    const org = M.subjectAt(lm.index);
    if (org) role(M, org, roleSlot ? canonicalRole(M.slot(roleSlot[0]).text) : 'head', person, lm.index);
  }
  // "Martin Ellison, who runs Glenrothes Software": the person who runs a business is its chief executive.
  const runs = reset(WHO_RUNS_RE);
  while ((lm = runs.exec(t))) {
    const person = M.slot(lm[1]);
    const org = M.slot(lm[2]);
    if (
      person.type !== 'N' ||
      org.type !== 'N' ||
      !looksLikePerson(person.text) ||
      !runsBusiness(M.ctx.types, org.text)
    )
      continue;
    role(M, org.text, 'chief executive', person, lm.index);
  }
  if (!/R\d/.test(t)) return;
  // "At Holloway UI, whose CEO is Philip Whitfield"
  const whose = reset(WHOSE_ROLE_IS_RE);
  while ((lm = whose.exec(t))) {
    const org = M.slot(lm[1]);
    const roleSlot = M.slot(lm[2]);
    const person = M.slot(lm[3]);
    if (person.type !== 'N' || org.type !== 'N' || roleSlot.type !== 'R' || !looksLikePerson(person.text)) continue;
    role(M, org.text, canonicalRole(roleSlot.text), person, lm.index, roleSlot);
  }
  type Part = 'p' | 'r' | 'o';
  const patterns: [RegExp, Part[]][] = [
    // "Jane Doe, chief executive of Acme" / "Jane Doe, the CEO at Acme"
    [reset(PERSON_ROLE_OF_ORG_RE), ['p', 'r', 'o']],
    // "Jane Doe, Acme's chief executive"
    [reset(PERSON_ORGS_ROLE_RE), ['p', 'o', 'r']],
    // "Jane Doe is/was/became the CEO of Acme"
    [reset(PERSON_IS_ROLE_OF_ORG_RE), ['p', 'r', 'o']],
    // "Acme's chief executive, Jane Doe" / "Acme's CEO Jane Doe"
    [reset(ORGS_ROLE_PERSON_RE), ['o', 'r', 'p']],
    // "Acme chief executive Jane Doe"
    [reset(ORG_ROLE_PERSON_RE), ['o', 'r', 'p']],
    // "the chief executive of Acme, Jane Doe"
    [reset(ROLE_OF_ORG_IS_PERSON_RE), ['r', 'o', 'p']],
  ];
  // "Jane Doe, 46, is the co-founder and chief executive of Acme": every listed role.
  const multi = reset(PERSON_IS_ROLES_OF_ORG_RE);
  let mm: RegExpExecArray | null;
  while ((mm = multi.exec(t))) {
    if (EX_ROLE.test(t.slice(0, mm.index + mm[0].search(/R\d/)))) continue;
    const person = M.slot(mm[1]);
    const org = M.slot(mm[3]);
    if (
      person.type !== 'N' ||
      org.type !== 'N' ||
      (!looksLikePerson(person.text) && !/^\p{Lu}[\p{Ll}\p{M}'’-]+$/u.test(person.text))
    )
      continue;
    if (nameKey(person.text) === nameKey(org.text)) continue;
    for (const ph of mm[2].match(/R\d+/g) ?? [])
      role(M, org.text, canonicalRole(M.slot(ph).text), person, mm.index, M.slot(ph));
  }
  const anaphoric = reset(ANAPHOR_ROLE_PERSON_RE);
  let am: RegExpExecArray | null;
  while ((am = anaphoric.exec(t))) {
    const person = M.slot(am[3]);
    const roleSlot = M.slot(am[2]);
    if (person.type !== 'N' || roleSlot.type !== 'R' || !looksLikePerson(person.text)) continue;
    if (EX_ROLE.test(t.slice(0, am.index + am[0].indexOf(am[2])))) continue;
    const org = resolveAnaphor(M.ctx, am[1].replace(/'s?$/, ''), M.tpl.map[am.index]);
    if (org) role(M, org, canonicalRole(roleSlot.text), person, am.index, roleSlot);
  }
  for (const [re, order] of patterns) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(t))) {
      const rIdx = m.index + m[0].search(/R\d/);
      if (EX_ROLE.test(t.slice(0, rIdx))) continue;
      const cap = (part: Part) => m![order.indexOf(part) + 1];
      const [personPh, rolePh, orgPh] = [cap('p'), cap('r'), cap('o')];
      const person = M.slot(personPh);
      const org = M.slot(orgPh);
      const roleSlot = M.slot(rolePh);
      if (person.type !== 'N' || org.type !== 'N' || roleSlot.type !== 'R') continue;
      if (
        (!looksLikePerson(person.text) && typeOf(M.ctx.types, person.text) !== 'person') ||
        nameKey(person.text) === nameKey(org.text)
      )
        continue;
      role(M, org.text, canonicalRole(roleSlot.text), person, m.index, roleSlot);
    }
  }
}

/** "who runs Y": Y is a business (typed organisation, business word, or a two-word name that is no person or place). */
function runsBusiness(types: ArticleTypes, name: string): boolean {
  const type = typeOf(types, name);
  if (type === 'org' || hasOrganisationWord(name)) return true;
  return (
    type !== 'place' &&
    type !== 'person' &&
    name.split(/\s+/).length >= 2 &&
    !looksLikePerson(name) &&
    !PLACE_NAMES.has(name)
  );
}

const PUBLIC_ROLE = /^(?:mayor|governor|commissioner|secretary-general|director-general)$/;

function role(M: Matcher, org: string, roleName: string, person: Slot, _p: number, roleSlot?: Slot): void {
  addPerson(M.ctx.types, person.text);
  if (!PUBLIC_ROLE.test(roleName)) addOrg(M.ctx.types, org);
  if (M.ctx.topic && typeOf(M.ctx.types, M.ctx.topic) === 'person') M.ctx.topic = org;
  if (roleName === 'co-founder') {
    M.entities(org, 'founded by', [person]);
    return;
  }
  addClaim(M.ctx, org, roleName, 'entities', person.text, person.start, person.end, { items: [person.text] });
  if (roleSlot)
    addClaim(M.ctx, person.text, 'role at', 'role', roleName, roleSlot.start, roleSlot.end, {
      qualifier: cleanName(org),
    });
}

const HAS_COUNT_RE = rx(
  `(employs|employed|employing|has|had|have|with|counts|boasts|hosts|houses|serves|supports|enrols|enrolls|trains|teaches|operates|runs|manages|oversees|gained|added) (?:a (?:workforce|staff|team|headcount) of )?(Q\\d+)(?: ((?:full-time|part-time|permanent|registered|active|monthly active|daily active|paying|international|local|undergraduate|postgraduate) )?(${COUNT_NOUNS}))?(?![\\w-])`,
  'g',
);
function quantityPatterns(M: Matcher): void {
  const t = M.tpl.t;
  let m: RegExpExecArray | null;
  const yearAfter = (at: number): string | undefined => {
    const y = /^,? (?:in|during|for) (?:fiscal |financial year |the year )?(D\d+)/.exec(t.slice(at));
    if (y) return parseDate(M.slot(y[1]).text)?.year.toString();
    const opener = /^(?:in|during|for) (D\d+), /.exec(t);
    if (opener) return parseDate(M.slot(opener[1]).text)?.year.toString();
    return undefined;
  };
  // Counts: "employs 3,000 people", "has about 20,000 students", "with 150 staff".
  const counts = reset(HAS_COUNT_RE);
  while ((m = counts.exec(t))) {
    const q = M.slot(m[2]);
    if (q.type !== 'Q' || /%|\$|€|£|¥|per ?cent/i.test(q.text)) continue;
    const noun = m[4];
    const verb = m[1];
    let attribute: string;
    if (!noun) {
      if (!/^employ/.test(verb) && !/workforce|staff|headcount/.test(m[0])) continue;
      attribute = 'employees';
    } else if (EMPLOYEE_NOUNS.has(noun) && !/^(serves|supports|teaches|trains|hosts|houses|gained|added)$/.test(verb)) {
      attribute = 'employees';
    } else attribute = `number of ${noun}`;
    if (m[3]) attribute += ` (${m[3].trim()})`;
    if (verb === 'gained' || verb === 'added') attribute = `${attribute} added`;
    // "With about 9,000 users online, memory use rose …": "with" needs a written subject, never the topic.
    M.quantity(M.subjectAt(m.index, verb !== 'with'), attribute, q);
  }
  // "The 2,000 staff at Acme": its headcount; "the 900 engineers at Acme": at least that many employees.
  const staffAt =
    /(?:^|\W)(?:the |its |some )?(Q\d+) ([a-z]+) (?:at|of|working for|employed by) (?:the )?(N\d+)(?![\w'])/g;
  while ((m = staffAt.exec(t))) {
    const exact = EMPLOYEE_NOUNS.has(m[2]) && m[2] !== 'people';
    if (!exact && !STAFF_SUBSETS.has(m[2])) continue;
    const q = M.slot(m[1]);
    if (q.type !== 'Q' || /%|\$|€|£|¥|per ?cent/i.test(q.text)) continue;
    M.quantity(M.slot(m[3]).text, 'employees', q, 1, !exact);
  }
  const workforce = /(?:workforce|staff|headcount) of (Q\d+)/g;
  while ((m = workforce.exec(t))) {
    if (/(employs|employed|has|had|have|with|counts|boasts) a $/.test(t.slice(0, m.index))) continue;
    M.quantity(M.subjectAt(m.index, 'headed'), 'employees', M.slot(m[1]));
  }
  // Money: "a $2bn fund", "fund of $2bn", "raised $300m", "valued at $1bn", "revenue of $5bn in 2023".
  const sized =
    /(?:a|an|the|its|'s) (Q\d+) (?:[a-z-]+ ){0,2}?(fund|programme|program|scheme|budget|endowment|grant|loan|bond|investment|deal|acquisition|round|facility|package)(?![\w-])/g;
  while ((m = sized.exec(t))) {
    const q = M.slot(m[1]);
    if (!/[$€£¥]|dollar|yuan|euro|bn|billion|million|\dm\b/i.test(q.text)) continue;
    M.quantity(M.subjectAt(m.index, true), `${m[2]} size`, q);
  }
  const sizeOf = /(?<![\w-])(fund|budget|endowment|grant|investment|programme|program|scheme) of (Q\d+)/g;
  while ((m = sizeOf.exec(t))) M.quantity(M.subjectAt(m.index, 'headed'), `${m[1]} size`, M.slot(m[2]));
  const raised = /(?<![\w-])(?:raised|raising|secured|closed) (?:a total of |funding of |investment of )?(Q\d+)/g;
  while ((m = raised.exec(t))) {
    const y = yearAfter(m.index + m[0].length);
    M.quantity(M.subjectAt(m.index, true), y ? `funding raised (${y})` : 'funding raised', M.slot(m[1]));
  }
  const valuedObj = /valued (N\d+) at (Q\d+)/g;
  while ((m = valuedObj.exec(t))) {
    const y = yearAfter(m.index + m[0].length);
    M.quantity(M.slot(m[1]).text, y ? `valuation (${y})` : 'valuation', M.slot(m[2]));
  }
  const valued = /(?:valued at|valuation of) (Q\d+)/g;
  while ((m = valued.exec(t))) {
    const y = yearAfter(m.index + m[0].length);
    M.quantity(
      M.subjectAt(m.index, /^valuation/.test(m[0]) ? 'headed' : true),
      y ? `valuation (${y})` : 'valuation',
      M.slot(m[1]),
    );
  }
  const metric =
    /(?:(?:its|annual|total|net|yearly|operating) )?(revenues?|turnover|sales|net profit|profit|net income|operating profit|earnings|net loss|losses) (?:of|was|were|is|reached|hit|totalled|totaled|stood at|came to|rose to|grew to|fell to|climbed to|topped|amounted to|of about|of around) (Q\d+)/g;
  // Revenue, profit and loss are sums of money: "sales of 1,751,000" counts vehicles, not revenue.
  const money = (slot: Slot) =>
    parseQuantity(slot.text)?.unit !== '' || /dollars?|euros?|pounds?|yuan|yen/i.test(slot.text);
  while ((m = metric.exec(t))) {
    const name = canonicalMetric(m[1]);
    if (!money(M.slot(m[2]))) continue;
    const y = yearAfter(m.index + m[0].length);
    M.quantity(M.subjectAt(m.index, 'headed'), y ? `${name} (${y})` : name, M.slot(m[2]));
  }
  const reported =
    /(?:reported|posted|recorded|generated|earned|booked|made) (Q\d+) (?:in|of) (?:annual )?(revenues?|turnover|sales|net profit|profit|net income)/g;
  while ((m = reported.exec(t))) {
    const name = canonicalMetric(m[2]);
    if (!money(M.slot(m[1]))) continue;
    const y = yearAfter(m.index + m[0].length);
    M.quantity(M.subjectAt(m.index, true), y ? `${name} (${y})` : name, M.slot(m[1]));
  }
  const invested =
    /(?<![\w-])(?:invested|invests|investing|committed|pledged|allocated|earmarked|injected) (?:a total of |an additional |another )?(Q\d+)/g;
  while ((m = invested.exec(t))) {
    const q = M.slot(m[1]);
    if (!/[$€£¥]|dollar|yuan|euro/i.test(q.text)) continue;
    const y = yearAfter(m.index + m[0].length);
    M.quantity(M.subjectAt(m.index, true), y ? `investment (${y})` : 'investment', q);
  }
  // Growth: "revenue grew 12% in 2023", "sales fell by 3 per cent".
  const growth =
    /(?:(revenues?|turnover|sales|profits?|net profit|user base|headcount|workforce|economy|exports|membership|enrolment|enrollment|traffic|gdp|market share|valuation|funding) )?(grew|rose|increased|jumped|climbed|expanded|surged|fell|dropped|declined|decreased|shrank|slid|contracted) (?:by )?(?:about |around |roughly |nearly |almost |some )?(Q\d+)/g;
  while ((m = growth.exec(t))) {
    const q = M.slot(m[3]);
    if (!/%|per ?cent/i.test(q.text)) continue;
    // Without a metric word the figure is the subject's only when the verb follows the name (or "it", "which"):
    // "Ericsson shares dropped 5.9%" and "sales in the fourth quarter rose 9%" are about shares and sales.
    const before = t.slice(Math.max(0, m.index - 40), m.index);
    if (!m[1] && !GROWTH_HEAD.test(before)) continue;
    // "sales in Europe rose 22%", "its European sales rose 22%": a segment's growth, not the subject's.
    if (SEGMENT_BEFORE.test(before) || (m[1] && segmentModifier(M, before))) continue;
    const sign = /fell|dropped|declined|decreased|shrank|slid|contracted/.test(m[2]) ? -1 : 1;
    const metricName = m[1] ? canonicalMetric(m[1]) : '';
    const y = yearAfter(m.index + m[0].length);
    const attribute = `${metricName ? `${metricName} ` : ''}growth${y ? ` (${y})` : ''}`;
    const subject = M.subjectAt(m.index, m[1] ? 'headed' : true);
    M.quantity(subject, attribute, q, sign);
  }
  const share = /market share of (Q\d+)/g;
  while ((m = share.exec(t))) M.quantity(M.subjectAt(m.index, 'headed'), 'market share', M.slot(m[1]));
}

/** What may stand right before a growth verb for the figure to be the subject's own: a name, a pronoun, an anaphor. */
const GROWTH_HEAD =
  /(?:^|\s)(?:N\d+|it|which|that|who|company|firm|group|business|bank|maker|operator|retailer|carrier|airline|insurer)(?:'s?)? (?:[a-z]+ly )?$/;

/** A growth verb after a name in a prepositional phrase: "sales in Europe rose", "revenue at the N1 unit fell". */
const SEGMENT_BEFORE =
  /(?:^|\s)(?:in|at|of|for|from|across|outside|inside) (?:the )?(?:[a-z-]+ )?N\d+(?:'s?)? (?:[a-z]+ly )?$/;

/** A metric with a place or a nationality before it ("N1 sales" where N1 is "European" or "China") is a segment. */
function segmentModifier(M: Matcher, before: string): boolean {
  const m = /(?:^|\s)(N\d+) (?:[a-z-]+ )?$/.exec(before);
  if (!m || /'s?$/.test(m[1])) return false;
  const slot = M.slot(m[1]);
  if (slot.type !== 'N') return false;
  return typeOf(M.ctx.types, slot.text) === 'place' || /(?:an|ese|ish|ic)$/.test(slot.text);
}

function canonicalMetric(m: string): string {
  if (/^revenues?$|^turnover$|^sales$/.test(m)) return 'revenue';
  if (/profit|income|earnings/.test(m)) return 'profit';
  if (/loss/.test(m)) return 'loss';
  return m;
}

// Parent organisations, ownership, collaborations, descriptions.
const OWNED_BY_RE = rx(`(?:wholly |majority |partly |jointly )?owned by (${LIST})(?![\\w'])`, 'g');
const COLLABORATION_WITH_RE = rx(
  `(?:(?:(?:a|an|the) )?(?:collaboration|collaborative effort|collaborative project|collaborative initiative|collaborative venture|partnership|joint venture|joint initiative|joint project|tie-up|alliance|joint effort)|in (?:collaboration|partnership|conjunction|cooperation) |jointly (?:developed|run|operated|set up|launched) )(?: ?(?:with|between|by)) (${LIST})(?![\\w'])`,
  'g',
);
function relationPatterns(M: Matcher): void {
  const t = M.tpl.t;
  let m: RegExpExecArray | null;
  const unit =
    /(?:(?:is|was|became|as) |, )((?:the|a|an) (?:[a-z&-]+ ){0,4}?(?:arm|subsidiary|unit|division|affiliate|spin-off|spinoff|offshoot|branch|venture arm|investment arm|research arm|subsidiaries)) of (?:the )?(N\d+)(?![\w-])/g;
  while ((m = unit.exec(t))) {
    const parent = M.slot(m[2]);
    if (parent.type !== 'N') continue;
    const offset = m[0].startsWith(',') ? 0 : m[0].indexOf(' ');
    const subject = M.subjectAt(m.index + (m[0].startsWith(',') ? 0 : offset + 1));
    if (!subject || nameKey(subject) === nameKey(parent.text)) continue;
    M.entities(subject, 'parent organisation', [parent]);
    const [a, b] = M.span(m.index + m[0].indexOf(m[1]), m.index + m[0].length);
    const description = M.ctx.s
      .slice(a, b)
      .replace(/\s+/g, ' ')
      .replace(/^(?:the|a|an) /i, '');
    addClaim(M.ctx, subject, 'description', 'text', description, a, b);
  }
  const partOf = /(?:is|was|became|remains|, (?:now )?) ?(?:now )?(?:a |an )?part of (?:the )?(N\d+)(?![\w-])/g;
  while ((m = partOf.exec(t))) {
    const parent = M.slot(m[1]);
    const subject = M.subjectAt(m.index + (m[0].startsWith(',') ? 0 : m[0].indexOf(' ') + 1));
    if (parent.type === 'N' && subject && nameKey(subject) !== nameKey(parent.text))
      M.entities(subject, 'parent organisation', [parent]);
  }
  const owned = reset(OWNED_BY_RE);
  while ((m = owned.exec(t))) M.entities(M.subjectAt(m.index), 'owned by', M.items(m[1]));
  const collab = reset(COLLABORATION_WITH_RE);
  while ((m = collab.exec(t))) {
    let subject = M.subjectAt(m.index);
    const items = M.items(m[1]);
    if (!subject) subject = M.mainSubject();
    if (!subject) continue;
    const key = nameKey(subject);
    M.entities(
      subject,
      'collaboration with',
      items.filter((sl) => nameKey(sl.text) !== key),
    );
  }
}
