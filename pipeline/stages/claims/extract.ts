// Claim extraction: cheap candidate selection, then a pattern grammar over a "template" of each candidate sentence.
//
// A template is the sentence lower-cased with its dates, quantities, role titles and capitalised names replaced by
// placeholders (D0, Q1, R2, N3), so "SenseTime, founded in Hong Kong in 2014, …" reads "N0, founded in N1 in D2, …".
// Patterns are regular expressions over templates; every placeholder maps back to its span in the block text.
import { PROSE_KINDS, type Article, type Block } from '../../types.js';
import { blockRange } from '../../source-map.js';
import { KnownCaps, findNames, isExpansionOf, isShortForm, looksLikePerson, matchShortForm, nameKey, type Span } from './names.js';
import { DATE_RE, QUANTITY_RE, parseDate, parseQuantity } from './values.js';
import type { AcronymDefinition, ArticleClaims, Claim, ClaimKind } from './types.js';

const RX_CACHE = new Map<string, RegExp>();
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

// --- candidate selection ----------------------------------------------------------------------------------------

/** Sentences without any of these cannot match a pattern, so they skip templating altogether. */
const CANDIDATE_RE =
  /\d|\(|found|establish|launch|set up|incorporat|creat|start|introduc|unveil|based|headquart|locat|chief|\bC[EFTOI]O\b|chair|president|director|head|dean|chancellor|\bled by|\brun by|arm of|subsidiar|unit of|division of|owned by|partner|collaborat|joint|employ|staff|workforce|acquir|bought|purchas|merg|listed|went public|opened|revenue|turnover|profit|valu|fund|rais|invest|grew|rose|fell|increas|declin|stands for|short for|part of/i;

// --- slot grammars ----------------------------------------------------------------------------------------------

const ROLE_RE =
  /(?<![\p{L}-])(?:co-?founder|founding (?:director|president|chair(?:man|woman|person)?)|chief executive(?: officer)?|CEO|CTO|CFO|COO|CIO|chief (?:technology|technical|financial|operating|information|scientific|science|marketing|investment|digital|strategy|data) officer|(?:executive |non-executive )?chair(?:man|woman|person)?|(?:vice[- ])?president|managing director|executive director|director(?:-general)?|vice[- ]chancellor|provost|rector|dean|mayor|governor|commissioner|secretary-general|chief scientist|head(?= of))(?![\p{L}-])/giu;

const ROLE_HINT = /[Cc]hief|CEO|CTO|CFO|COO|CIO|[Cc]hair|[Pp]resident|[Dd]irector|[Cc]hancellor|[Pp]rovost|[Rr]ector|[Dd]ean|[Mm]ayor|[Gg]overnor|[Cc]ommissioner|[Ss]ecretary|[Hh]ead of|[Ff]ounder|FOUNDER|CHIEF/;
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

const ANAPHOR =
  "(?:it|its|the (?:company|firm|startup|start-up|university|agency|group|organisation|organization|lab|laboratory|institute|fund|bank|school|college|authority|council|body|business|platform|centre|center|foundation|association|programme|program|initiative|project|venture|operator|developer|insurer|lender|carrier|airline|retailer|manufacturer|maker|charity|hospital|museum|park|corporation|conglomerate|giant|unicorn|studio|institution|regulator|facility|hub|incubator|accelerator|campus|scheme))";
const SUBJ = `(?:the )?N\\d+|${ANAPHOR}`;
const NP = '(?:the )?N\\d+';
const LIST = `${NP}(?:(?:,|, and| and| &) ${NP})*`;
const PLACES = 'N\\d+(?:, N\\d+)*';

/** The subject written immediately before a predicate: "N3, which was ", "N3 is ", "N3's ", "it was ". */
const SUBJ_BEFORE = rx(
  `(?:^|[^\\w])(${SUBJ})(?:'s?)?(?: \\([^()]*\\))?(?:,? (?:which|that|who))?(?: (?:was|were|is|are|had been|has been|have been|being))?(?: (?:originally|first|officially|formally|jointly|initially|reportedly|later|also|now|still|currently|itself))?,? ?$`,
);

const PREP_OBJECT = /(?:^|\W)(?:with|by|of|in|from|for|and|to|at|on|than|as|between|including|via|like|among|under|over|into|about)(?: the)? ?$/;
const OPENER = /^(?:(?:across|after|against|along|amid|among|around|at|before|behind|beyond|by|despite|during|following|for|from|in|inside|like|near|on|outside|over|since|through|throughout|under|unlike|until|with|within|without|as|as of|when|while|although|though|because|if|once|last|this|next|today|yesterday|now|earlier|later|meanwhile|however|additionally|moreover|furthermore|still|already|back|according to|in addition|overall|separately|elsewhere)\b[^,]{0,80}, )+/;
const PARTICIPLE_OPENER = /^(?:co-)?(?:founded|launched|established|set up|created|started|formed|based|headquartered|located|opened|backed|owned|led|run|operated|funded|acquired|introduced|unveiled)\b[^,]{0,120}, /;
const LABEL = /^(?:the )?(N\d+): /;

// Verbs of events with dates, agents and places.
interface EventVerb {
  date: string;
  agent: string;
  place?: string;
}
const EVENT_VERBS: [RegExp, EventVerb][] = [
  [/^(?:co-?founded|founded|established|set up|incorporated|formed|created|started)$/, { date: 'founded', agent: 'founded by', place: 'founding place' }],
  [/^(?:launched|introduced|unveiled|rolled out|debuted)$/, { date: 'launched', agent: 'launched by' }],
  [/^opened$/, { date: 'opened', agent: 'opened by' }],
  [/^(?:acquired|bought|purchased|taken over)$/, { date: 'acquired', agent: 'acquired by' }],
  [/^(?:listed|floated)$/, { date: 'listed', agent: 'listed by', place: 'listing venue' }],
];
const EVENT_VERB_RE =
  /(?<![\w-])(co-?founded|founded|established|set up|incorporated|formed|created|started|launched|introduced|unveiled|rolled out|debuted|opened|acquired|bought|purchased|taken over|listed|floated)(?![\w-])/g;

const COUNT_NOUNS =
  'employees|employee|staff|people|workers|personnel|engineers|researchers|scientists|students|undergraduates|postgraduates|faculty|academics|teachers|doctors|nurses|users|customers|clients|members|subscribers|startups|start-ups|companies|firms|tenants|offices|branches|stores|shops|outlets|hospitals|beds|schools|campuses|laboratories|labs|patents|products|partners|investors|countries|cities|markets|visitors|passengers|volunteers|factories|plants|sites|locations|centres|centers|projects|apps|vehicles|robots|programmes|programs|courses|graduates|alumni|residents|flats|homes|units|buildings|data centres|data centers|warehouses|aircraft|ships|vessels|trucks|hotels|restaurants|clinics|branches';
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
    for (; i < stop; i++) {
      const code = s.charCodeAt(i);
      if (code === 32 || code === 10 || code === 13 || code === 9 || code === 0xa0 || (code > 0x2000 && code <= 0x200a) || code === 0x3000) {
        if (!lastSpace) {
          out += ' ';
          map[n++] = i;
        }
        lastSpace = true;
        continue;
      }
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
  }
  map[n++] = s.length;
  return { t: out, map: map.subarray(0, n), slots };
}

const slotIndex = (ph: string) => Number(ph.replace(/^(?:the )?[NDQR]/, ''));
const isNamePh = (s: string) => /^(?:the )?N\d+$/.test(s);

// --- per-article extraction ---------------------------------------------------------------------------------------

export interface ExtractOptions {
  /** Maximum sentence length (characters) considered; longer "sentences" are usually lists or run-ons. */
  maxSentenceLength?: number;
}

export function extractArticle(article: Article, index: number, options: ExtractOptions = {}): ArticleClaims {
  const maxLen = options.maxSentenceLength ?? 600;
  const claims: Claim[] = [];
  const acronyms: AcronymDefinition[] = [];
  const mentions = new Set<string>();
  const surfaces = new Map<string, string>();
  let topic: string | null = null;
  const caps = new KnownCaps();
  for (const block of article.blocks) if (PROSE_KINDS.has(block.kind)) caps.add(block.text);
  const knownCaps = caps.done();
  const persons = new Set<string>();

  for (const block of article.blocks) {
    if (!PROSE_KINDS.has(block.kind)) continue;
    const heading = block.kind === 'heading';
    for (const sentence of block.sentences) {
      const s = sentence.text;
      const candidate = !heading && s.length <= maxLen && CANDIDATE_RE.test(s);
      if (!candidate) {
        // Mentions only: names and bare acronyms.
        const ns = findNames(s, [], knownCaps);
        for (const n of ns) addMention(mentions, surfaces, n.text);
        // A sentence that starts with a name moves the topic ("it", "the company" in later sentences).
        if (!heading && ns[0] && /^(?:the\s+)?$/i.test(s.slice(0, ns[0].start)) && !persons.has(nameKey(ns[0].text))) topic = ns[0].text;
        continue;
      }
      const ctx: SentenceContext = { article, index, block, sentenceStart: sentence.start, s, claims, acronyms, topic, knownCaps, persons };
      processSentence(ctx, mentions, surfaces);
      topic = ctx.topic;
    }
  }
  applyShortNames(claims, mentions, surfaces, acronyms);
  return { claims, acronyms, mentions };
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

function applyShortNames(claims: Claim[], mentions: Set<string>, surfaces: Map<string, string>, acronyms: AcronymDefinition[]): void {
  if (claims.length === 0) return;
  const multi = [...mentions].filter((k) => k.includes(' '));
  const defined = new Set(acronyms.map((a) => nameKey(a.short)));
  const cache = new Map<string, string>();
  const expand = (name: string): string => {
    const k = nameKey(name);
    if (k.includes(' ') || defined.has(k) || !k) return name;
    const hit = cache.get(k);
    if (hit !== undefined) return hit || name;
    const candidates = multi.filter((m) => m.startsWith(k + ' ') || (m.endsWith(' ' + k) && m.split(' ').length <= 3 && looksLikePerson(surfaces.get(m) ?? titleCase(m))));
    const result = candidates.length === 1 ? (surfaces.get(candidates[0]) ?? titleCase(candidates[0])) : '';
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
  block: Block;
  sentenceStart: number;
  s: string;
  claims: Claim[];
  acronyms: AcronymDefinition[];
  topic: string | null;
  knownCaps?: ReadonlySet<string>;
  /** Keys of names this article uses as people (role holders, "Ms …"): never a topic for "it"/"the company". */
  persons: Set<string>;
}

function processSentence(ctx: SentenceContext, mentions: Set<string>, surfaces: Map<string, string>): void {
  const s = ctx.s;
  const blocked: [number, number][] = [];
  const slots: Slot[] = [];
  const hasDigit = /\d/.test(s);
  if (hasDigit) {
    DATE_RE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = DATE_RE.exec(s))) {
      slots.push({ type: 'D', start: m.index, end: m.index + m[0].length, text: m[0] });
      blocked.push([m.index, m.index + m[0].length]);
    }
    QUANTITY_RE.lastIndex = 0;
    while ((m = QUANTITY_RE.exec(s))) {
      const st = m.index;
      const en = st + m[0].length;
      if (blocked.some(([a, b]) => st < b && en > a)) continue;
      slots.push({ type: 'Q', start: st, end: en, text: m[0] });
      blocked.push([st, en]);
    }
  }
  ROLE_RE.lastIndex = 0;
  let r: RegExpExecArray | null;
  while (ROLE_HINT.test(s) && (r = ROLE_RE.exec(s))) {
    const st = r.index;
    const en = st + r[0].length;
    if (blocked.some(([a, b]) => st < b && en > a)) continue;
    slots.push({ type: 'R', start: st, end: en, text: r[0] });
    blocked.push([st, en]);
  }
  const names = findNames(s, blocked, ctx.knownCaps);
  for (const n of names) addMention(mentions, surfaces, n.text);

  // Acronym definitions in parentheses; the parenthesis is dropped from the template.
  const drops: [number, number][] = [];
  if (s.includes('(')) {
    const PAREN = /\(([^()]{1,160})\)/g;
    let p: RegExpExecArray | null;
    while ((p = PAREN.exec(s))) {
      const inner = p[1].trim();
      const open = p.index;
      const close = open + p[0].length;
      let short: string | null = null;
      let long: string | null = null;
      if (isShortForm(inner)) {
        const before = names.find((n) => n.end <= open && /^\s*$/.test(s.slice(n.end, open)));
        if (before && isExpansionOf(inner, before.text)) {
          short = inner;
          long = before.text;
        } else {
          // Lower-case long form ("artificial intelligence (AI)"): shortest S–H match over the preceding words.
          const words = s.slice(0, open).trimEnd().split(/\s+/);
          const letters = inner.replace(/[^\p{L}\p{N}]/gu, '').length;
          const window = words.slice(-Math.min(letters + 5, letters * 2)).join(' ');
          const at = matchShortForm(inner, window);
          const lf = at >= 0 ? window.slice(at).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '') : '';
          if (lf && lf.split(/\s+/).length >= 2 && !/[,;:.]/.test(lf)) {
            short = inner;
            long = lf;
          }
        }
      } else if (inner.split(/\s+/).length >= 2) {
        const before = /([\p{L}\p{N}&*.-]+)\s*$/u.exec(s.slice(0, open));
        const cleaned = inner.replace(/^(?:short for|or|i\.e\.,?|ie,?)\s+/i, '');
        if (before && isShortForm(before[1]) && isExpansionOf(before[1], cleaned.replace(/,/g, ''))) {
          short = before[1];
          long = cleaned;
        }
      }
      if (short && long) {
        ctx.acronyms.push({ short, long: long.replace(/^the\s+/i, ''), article: ctx.index });
        mentions.add(nameKey(short));
        addClaim(ctx, short, 'expands to', 'expansion', long.replace(/^the\s+/i, ''), open + 1, close - 1);
        let dropStart = open;
        while (dropStart > 0 && /\s/.test(s[dropStart - 1])) dropStart--;
        drops.push([dropStart, close]);
      }
    }
  }
  for (const n of names) {
    if (drops.some(([a, b]) => n.start < b && n.end > a)) continue;
    slots.push({ type: 'N', start: n.start, end: n.end, text: n.text });
  }
  const kept = slots
    .filter((sl) => !drops.some(([a, b]) => sl.start < b && sl.end > a))
    .sort((a, b) => a.start - b.start);
  drops.sort((x, y) => x[0] - y[0]);
  const tpl = buildTemplate(s, kept, drops);
  if (debugTemplate) return debugTemplate(ctx, tpl);
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
  return name.replace(/^the\s+/i, '').replace(/['’]s$/, '').trim();
}

class Matcher {
  constructor(
    readonly ctx: SentenceContext,
    readonly tpl: Template,
  ) {}
  slot(ph: string): Slot {
    return this.tpl.slots[slotIndex(ph)];
  }
  /** Resolve a subject capture: a name placeholder or an anaphor (→ the article's current topic). */
  subject(cap: string | undefined): string | null {
    if (!cap) return null;
    if (isNamePh(cap)) {
      const sl = this.slot(cap);
      return sl.type === 'N' ? sl.text : null;
    }
    return this.ctx.topic;
  }
  /** Subject for a predicate starting at template index p. */
  subjectAt(p: number, topicFallback = false): string | null {
    const window = this.tpl.t.slice(Math.max(0, p - 160), p);
    const before = SUBJ_BEFORE.exec(window);
    // "…, launched by X in partnership with Y, has 85 researchers": Y is a prepositional object, not the subject.
    if (before && !PREP_OBJECT.test(window.slice(0, before.index + before[0].indexOf(before[1])))) return this.subject(before[1]);
    return this.mainSubject() ?? (topicFallback && !/N\d/.test(this.tpl.t.slice(0, p)) ? this.ctx.topic : null);
  }
  mainSubject(): string | null {
    let t = this.tpl.t;
    const label = LABEL.exec(t);
    if (label) t = t.slice(label[0].length);
    t = t.replace(OPENER, '');
    t = t.replace(PARTICIPLE_OPENER, '');
    const m = rx(`^(${SUBJ})\\b`).exec(t);
    if (m) return this.subject(m[1]);
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
    addClaim(this.ctx, subject, attribute, 'place', items.join(', '), slots[0].start, slots[slots.length - 1].end, { items });
  }
  date(subject: string | null, attribute: string, slot: Slot): void {
    const date = parseDate(slot.text);
    if (!subject || !date) return;
    addClaim(this.ctx, subject, attribute, 'date', slot.text, slot.start, slot.end, { date });
  }
  quantity(subject: string | null, attribute: string, slot: Slot, sign = 1): void {
    const q = parseQuantity(slot.text);
    if (!subject || !q) return;
    addClaim(this.ctx, subject, attribute, 'number', slot.text, slot.start, slot.end, { quantity: q, sign });
  }
}

function runPatterns(ctx: SentenceContext, tpl: Template): void {
  const t = tpl.t;
  const M = new Matcher(ctx, tpl);
  const label = LABEL.exec(t);
  if (label) ctx.topic = M.slot(label[1]).text;
  const stripped = t.replace(LABEL, '').replace(OPENER, '').replace(PARTICIPLE_OPENER, '');
  const lead = /^(?:the )?(N\d+)(,? (?:the |a |its )?R\d)?/.exec(stripped);
  if (lead) {
    const name = M.slot(lead[1]).text;
    if (lead[2] || /^(?:mr|mrs|ms|dr|prof|professor|sir|dame) $/i.test(ctx.s.slice(Math.max(0, M.slot(lead[1]).start - 10), M.slot(lead[1]).start).split(/(?=\b\w+\s$)/).pop() ?? '')) ctx.persons.add(nameKey(name));
    if (!ctx.persons.has(nameKey(name))) ctx.topic = name;
  }

  if (EVENT_VERB_RE.test(t)) eventPatterns(M);
  if (/based|headquart|located|registered|domiciled|head office|main office/.test(t)) locationPatterns(M);
  if (/R\d|led by|headed by|run by/.test(t)) rolePatterns(M);
  if (/Q\d/.test(t)) quantityPatterns(M);
  if (/arm|subsidiar|unit|division|affiliate|spin|offshoot|branch|part of|owned|collaborat|partner|joint|tie-up|alliance|conjunction|cooperation/.test(t)) relationPatterns(M);

}

// Events: founded/launched/acquired… with dates, agents and places, passive or active.
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
    if (/(?:not|never|will|would|could|may|might|plans? to|planning to|to be|expected to|aims? to)(?: be)? $/.test(prefix)) continue;
    // Active voice: "<agents> (co-)founded <object> …".
    const active = rx(`^ (${NP})(?![\\w'])`).exec(t.slice(after));
    const passiveMarker = /(?:was|were|is|are|been|being|,|\() $/.test(prefix) || p === 0 || /^(?:(?:the )?N\d+: )$/.test(prefix);
    if (active && !passiveMarker && verb !== 'started' && verb !== 'created' && verb !== 'opened') {
      const agentMatch = rx(`(${LIST})(?: (?:jointly|together|originally|first|also))? $`).exec(prefix);
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
    const opener = p === 0 || /^(?:the )?N\d+: $/.test(prefix) || /^(?:[^,]{0,60}, )?$/.test(prefix) && /^(?:in|on|by|since|as of|during)\b/.test(prefix);
    if (opener && p < 3 + (prefix.length || 0)) {
      const rest = t.slice(after);
      const comma = rest.search(/, (?:the )?(N\d+|it)\b/);
      if (comma >= 0) {
        const sm = rx(`^, (${SUBJ})\\b`).exec(rest.slice(comma));
        if (sm) subject = M.subject(sm[1]);
      }
    }
    if (!subject) subject = M.subjectAt(p);
    if (!subject) continue;
    complements(M, subject, spec, after, true);
  }
}

/** " in D", " by LIST", " in PLACE" after an event verb, in any order. */
function complements(M: Matcher, subject: string, spec: EventVerb, at: number, passive: boolean): void {
  const t = M.tpl.t;
  let rest = t.slice(at);
  let dated = false;
  for (let guard = 0; guard < 5; guard++) {
    let m: RegExpExecArray | null;
    if ((m = /^,? (?:in|on|during|around|back in) (D\d+)/.exec(rest))) {
      M.date(subject, spec.date, M.slot(m[1]));
      dated = true;
    } else if (passive && (m = rx(`^ by (?:the )?(?:[a-z-]+ ){0,2}?(${LIST})(?![\\w'])`).exec(rest))) {
      M.entities(subject, spec.agent, M.items(m[1]));
    } else if ((m = rx(`^ (?:in|on) (${PLACES})(?![\\w'-])`).exec(rest))) {
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
    if (opener && opener.index + opener[0].length <= at && (t.match(/D\d+/g) ?? []).length === 1) M.date(subject, spec.date, M.slot(opener[1]));
  }
}

function locationPatterns(M: Matcher): void {
  const t = M.tpl.t;
  let m: RegExpExecArray | null;
  const based = rx(`(?<![\\w-])(?:based|headquartered|located|registered|domiciled) in (${PLACES})(?![\\w'-])`, 'g');
  while ((m = based.exec(t))) {
    const subject = M.subjectAt(m.index);
    M.place(subject, 'location', M.items(m[1]));
  }
  const hq = rx(`(?:has|have|had|with) (?:its|their) (?:headquarters|head office|main office|base) in (${PLACES})(?![\\w'-])`, 'g');
  while ((m = hq.exec(t))) M.place(M.subjectAt(m.index), 'location', M.items(m[1]));
  const hq2 = rx(`(${SUBJ})'s? (?:headquarters|head office) (?:is|are|was|were|sits|lies) (?:located )?in (${PLACES})(?![\\w'-])`, 'g');
  while ((m = hq2.exec(t))) M.place(M.subject(m[1]), 'location', M.items(m[2]));
  const appositive = rx(`(N\\d+), (?:a|an|the) (${PLACES})-(?:based|headquartered)(?![\\w'])`, 'g');
  while ((m = appositive.exec(t))) {
    const subjectSlot = M.slot(m[1]);
    if (subjectSlot.type === 'N') M.place(subjectSlot.text, 'location', M.items(m[2]));
  }
  const adj = rx(`(${PLACES})-(?:based|headquartered) (?:[a-z-]+ ){0,3}(N\\d+)(?![\\w-])`, 'g');
  while ((m = adj.exec(t))) {
    const subjectSlot = M.slot(m[2]);
    if (subjectSlot.type === 'N') M.place(subjectSlot.text, 'location', M.items(m[1]));
  }
}

const EX_ROLE = /(?:former|ex-|then|previous|outgoing|late|interim|acting|incoming) $/;

function rolePatterns(M: Matcher): void {
  const t = M.tpl.t;
  const led = rx(`(?:led|headed|run) by (?:its )?(?:R\\d+,? )?(N\\d+)(?![\\w'])`, 'g');
  let lm: RegExpExecArray | null;
  while ((lm = led.exec(t))) {
    const person = M.slot(lm[1]);
    if (!looksLikePerson(person.text)) continue;
    const roleSlot = /R\d+/.exec(lm[0]);
    const org = M.subjectAt(lm.index);
    if (org) role(M, org, roleSlot ? canonicalRole(M.slot(roleSlot[0]).text) : 'head', person, lm.index);
  }
  if (!/R\d/.test(t)) return;
  const R = 'R\\d+';
  const mod = '(?:(?:current|new|founding|group|global) )?';
  type Part = 'p' | 'r' | 'o';
  const patterns: [RegExp, Part[]][] = [
    // "Jane Doe, chief executive of Acme" / "Jane Doe, the CEO at Acme"
    [rx(`(N\\d+), (?:the |a |its )?${mod}(${R}) (?:of|at) (?:the )?(N\\d+)`, 'g'), ['p', 'r', 'o']],
    // "Jane Doe, Acme's chief executive"
    [rx(`(N\\d+), (?:the )?(N\\d+)'s? ${mod}(${R})`, 'g'), ['p', 'o', 'r']],
    // "Jane Doe is/was/became the CEO of Acme"
    [rx(`(N\\d+),? (?:who )?(?:is|was|serves as|served as|became|has been|remains|is now) (?:the |a |its )?${mod}(${R}) (?:of|at) (?:the )?(N\\d+)`, 'g'), ['p', 'r', 'o']],
    // "Acme's chief executive, Jane Doe" / "Acme's CEO Jane Doe"
    [rx(`(N\\d+)'s? ${mod}(${R}),? (N\\d+)`, 'g'), ['o', 'r', 'p']],
    // "Acme chief executive Jane Doe"
    [rx(`(N\\d+) ${mod}(${R}) (N\\d+)`, 'g'), ['o', 'r', 'p']],
    // "the chief executive of Acme, Jane Doe"
    [rx(`(?:the )?${mod}(${R}) of (?:the )?(N\\d+),? (?:is )?(N\\d+)`, 'g'), ['r', 'o', 'p']],
  ];
  const anaphoric = rx(`(?:^|\\W)(its|their|${ANAPHOR}'s?) ${mod}(${R}),? (N\\d+)`, 'g');
  let am: RegExpExecArray | null;
  while ((am = anaphoric.exec(t))) {
    const person = M.slot(am[3]);
    const roleSlot = M.slot(am[2]);
    if (person.type !== 'N' || roleSlot.type !== 'R' || !looksLikePerson(person.text) || !M.ctx.topic) continue;
    if (EX_ROLE.test(t.slice(0, am.index + am[0].indexOf(am[2])))) continue;
    role(M, M.ctx.topic, canonicalRole(roleSlot.text), person, am.index, roleSlot);
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
      if (!looksLikePerson(person.text) || nameKey(person.text) === nameKey(org.text)) continue;
      role(M, org.text, canonicalRole(roleSlot.text), person, m.index, roleSlot);
    }
  }
}

function role(M: Matcher, org: string, roleName: string, person: Slot, _p: number, roleSlot?: Slot): void {
  M.ctx.persons.add(nameKey(person.text));
  if (M.ctx.topic && nameKey(M.ctx.topic) === nameKey(person.text)) M.ctx.topic = org;
  if (roleName === 'co-founder') {
    M.entities(org, 'founded by', [person]);
    return;
  }
  addClaim(M.ctx, org, roleName, 'entities', person.text, person.start, person.end, { items: [person.text] });
  if (roleSlot) addClaim(M.ctx, person.text, 'role at', 'role', roleName, roleSlot.start, roleSlot.end, { qualifier: cleanName(org) });
}

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
  const counts = rx(
    `(employs|employed|employing|has|had|have|with|counts|boasts|hosts|houses|serves|supports|enrols|enrolls|trains|teaches|operates|runs|manages|oversees|gained|added) (?:a (?:workforce|staff|team|headcount) of )?(Q\\d+)(?: ((?:full-time|part-time|permanent|registered|active|monthly active|daily active|paying|international|local|undergraduate|postgraduate) )?(${COUNT_NOUNS}))?(?![\\w-])`,
    'g',
  );
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
    M.quantity(M.subjectAt(m.index, true), attribute, q);
  }
  const workforce = /(?:workforce|staff|headcount) of (Q\d+)/g;
  while ((m = workforce.exec(t))) {
    if (/(employs|employed|has|had|have|with|counts|boasts) a $/.test(t.slice(0, m.index))) continue;
    M.quantity(M.subjectAt(m.index, true), 'employees', M.slot(m[1]));
  }
  // Money: "a $2bn fund", "fund of $2bn", "raised $300m", "valued at $1bn", "revenue of $5bn in 2023".
  const sized = /(?:a|an|the|its|'s) (Q\d+) (?:[a-z-]+ ){0,2}?(fund|programme|program|scheme|budget|endowment|grant|loan|bond|investment|deal|acquisition|round|facility|package)(?![\w-])/g;
  while ((m = sized.exec(t))) {
    const q = M.slot(m[1]);
    if (!/[$€£¥]|dollar|yuan|euro|bn|billion|million|\dm\b/i.test(q.text)) continue;
    M.quantity(M.subjectAt(m.index, true), `${m[2]} size`, q);
  }
  const sizeOf = /(?<![\w-])(fund|budget|endowment|grant|investment|programme|program|scheme) of (Q\d+)/g;
  while ((m = sizeOf.exec(t))) M.quantity(M.subjectAt(m.index, true), `${m[1]} size`, M.slot(m[2]));
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
    M.quantity(M.subjectAt(m.index, true), y ? `valuation (${y})` : 'valuation', M.slot(m[1]));
  }
  const metric =
    /(?:(?:its|annual|total|net|yearly|operating) )?(revenues?|turnover|sales|net profit|profit|net income|operating profit|earnings|net loss|losses) (?:of|was|were|is|reached|hit|totalled|totaled|stood at|came to|rose to|grew to|fell to|climbed to|topped|amounted to|of about|of around) (Q\d+)/g;
  while ((m = metric.exec(t))) {
    const name = canonicalMetric(m[1]);
    const y = yearAfter(m.index + m[0].length);
    M.quantity(M.subjectAt(m.index, true), y ? `${name} (${y})` : name, M.slot(m[2]));
  }
  const reported = /(?:reported|posted|recorded|generated|earned|booked|made) (Q\d+) (?:in|of) (?:annual )?(revenues?|turnover|sales|net profit|profit|net income)/g;
  while ((m = reported.exec(t))) {
    const name = canonicalMetric(m[2]);
    const y = yearAfter(m.index + m[0].length);
    M.quantity(M.subjectAt(m.index, true), y ? `${name} (${y})` : name, M.slot(m[1]));
  }
  const invested = /(?<![\w-])(?:invested|invests|investing|committed|pledged|allocated|earmarked|injected) (?:a total of |an additional |another )?(Q\d+)/g;
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
    const sign = /fell|dropped|declined|decreased|shrank|slid|contracted/.test(m[2]) ? -1 : 1;
    const metricName = m[1] ? canonicalMetric(m[1]) : '';
    const y = yearAfter(m.index + m[0].length);
    const attribute = `${metricName ? `${metricName} ` : ''}growth${y ? ` (${y})` : ''}`;
    const subject = m[1] ? M.subjectAt(m.index, true) : M.subjectAt(m.index, true);
    M.quantity(subject, attribute, q, sign);
  }
  const share = /market share of (Q\d+)/g;
  while ((m = share.exec(t))) M.quantity(M.subjectAt(m.index, true), 'market share', M.slot(m[1]));
}

function canonicalMetric(m: string): string {
  if (/^revenues?$|^turnover$|^sales$/.test(m)) return 'revenue';
  if (/profit|income|earnings/.test(m)) return 'profit';
  if (/loss/.test(m)) return 'loss';
  return m;
}

// Parent organisations, ownership, collaborations, descriptions.
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
    const description = M.ctx.s.slice(a, b).replace(/\s+/g, ' ').replace(/^(?:the|a|an) /i, '');
    addClaim(M.ctx, subject, 'description', 'text', description, a, b);
  }
  const partOf = /(?:is|was|became|remains|, (?:now )?) ?(?:now )?(?:a |an )?part of (?:the )?(N\d+)(?![\w-])/g;
  while ((m = partOf.exec(t))) {
    const parent = M.slot(m[1]);
    const subject = M.subjectAt(m.index + (m[0].startsWith(',') ? 0 : m[0].indexOf(' ') + 1));
    if (parent.type === 'N' && subject && nameKey(subject) !== nameKey(parent.text)) M.entities(subject, 'parent organisation', [parent]);
  }
  const owned = rx(`(?:wholly |majority |partly |jointly )?owned by (${LIST})(?![\\w'])`, 'g');
  while ((m = owned.exec(t))) M.entities(M.subjectAt(m.index), 'owned by', M.items(m[1]));
  const collab = rx(
    `(?:(?:(?:a|an|the) )?(?:collaboration|collaborative effort|collaborative project|collaborative initiative|collaborative venture|partnership|joint venture|joint initiative|joint project|tie-up|alliance|joint effort)|in (?:collaboration|partnership|conjunction|cooperation) |jointly (?:developed|run|operated|set up|launched) )(?: ?(?:with|between|by)) (${LIST})(?![\\w'])`,
    'g',
  );
  while ((m = collab.exec(t))) {
    let subject = M.subjectAt(m.index);
    const items = M.items(m[1]);
    if (!subject) subject = M.mainSubject();
    if (!subject) continue;
    const key = nameKey(subject);
    M.entities(subject, 'collaboration with', items.filter((sl) => nameKey(sl.text) !== key));
  }
}

/** Debugging aid: the template of one sentence (not used by the stage). */
export function templateOf(sentence: string): string {
  let out = '';
  const fake = { runPatterns: (_c: unknown, tpl: Template) => (out = tpl.t) };
  const ctx = { article: null, index: 0, block: null, sentenceStart: 0, s: sentence, claims: [], acronyms: [], topic: null } as unknown as SentenceContext;
  debugTemplate = fake.runPatterns;
  try {
    processSentence(ctx, new Set(), new Map());
  } finally {
    debugTemplate = null;
  }
  return out;
}
let debugTemplate: ((c: unknown, tpl: Template) => void) | null = null;
