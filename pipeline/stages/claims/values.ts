// Value grammar for claims: dates, quantities (counts, money, percentages), and the compatibility tests
// that decide whether two stated values can both be true ("about 3,000" vs "3,012": yes; 2014 vs 2015: no).

// ---------------------------------------------------------------------------------------------------------------
// Dates

const MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};

const MONTH_RE =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
const DATE_QUALIFIER =
  '(?:(?:[Ee]arly|[Mm]id|[Ll]ate|[Tt]he (?:start|end|beginning|middle|first half|second half|spring|summer|autumn|fall|winter) of|[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter|(?:[Tt]he )?(?:first|second|third|fourth) quarter of|Q[1-4])[ -](?:of )?)';

/** A date phrase ending in a four-digit year (1600–2099). Case-sensitive month names so "may" the verb is not a month. */
export const DATE_RE = new RegExp(
  `(?<![\\p{L}\\p{N}$€£¥.,])(?:${DATE_QUALIFIER})?(?:(?:\\d{1,2}(?:st|nd|rd|th)? )?${MONTH_RE} (?:\\d{1,2}(?:st|nd|rd|th)?,? )?)?(1[6-9]\\d\\d|20\\d\\d)(?![\\p{L}\\p{N}%]|[.,]\\d|\\s?(?:per ?cent|percent))`,
  'gu',
);

export interface ParsedDate {
  year: number;
  month?: number;
  /** "early", "late", … — a vaguer date is compatible with any precise date in the same year. */
  approximate: boolean;
}

export function parseDate(text: string): ParsedDate | null {
  const y = /(1[6-9]\d\d|20\d\d)(?!.*\d{4})/.exec(text);
  if (!y) return null;
  const m =
    /\b(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b/.exec(
      text,
    );
  const month = m ? MONTHS[m[1].toLowerCase()] : undefined;
  return {
    year: Number(y[1]),
    month,
    approximate: /early|mid|late|start|end|beginning|middle|half|spring|summer|autumn|fall|winter|quarter|Q[1-4]/i.test(
      text,
    ),
  };
}

export function datesCompatible(a: ParsedDate, b: ParsedDate): boolean {
  if (a.year !== b.year) return false;
  if (a.month && b.month) return a.month === b.month;
  return true;
}

// ---------------------------------------------------------------------------------------------------------------
// Quantities

const HEDGE =
  '(?:(?:about|around|approximately|approx\\.|roughly|nearly|almost|some|over|more than|less than|fewer than|under|up to|at least|close to|an estimated|just over|just under|in excess of|upwards of|~)\\s+)';
const CURRENCY_PREFIX = '(?:(?:US|HK|S|A|C|NZ|NT)\\$|(?:RMB|USD|HKD|EUR|GBP|CNY|SGD)\\s?|[$€£¥])';
const NUMBER = '(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?';
const SCALE = '(?:\\s?(?:bn|billion|b|mn|million|m|k|thousand|trillion|tn)(?![\\p{L}\\p{N}]))';
const PERCENT = '(?:\\s?(?:%|per ?cent(?![\\p{L}])|percent(?:age points?)?(?![\\p{L}])))';
const CURRENCY_SUFFIX =
  '(?:\\s(?:dollars|euros|pounds|yuan|renminbi|yen|Hong Kong dollars|US dollars|USD|HKD|RMB|EUR|GBP)(?![\\p{L}]))';

/** A quantity: optional hedge, optional currency, number, optional scale, optional percent or currency word. */
export const QUANTITY_RE = new RegExp(
  `(?<![\\p{L}\\p{N}.,$])(?:${HEDGE})?(?:${CURRENCY_PREFIX}\\s?)?${NUMBER}${SCALE}?(?:${PERCENT}|${CURRENCY_SUFFIX})?(?![\\p{L}\\p{N}])`,
  'gu',
);

export interface ParsedQuantity {
  value: number;
  /** '' (count), '%', or a currency: '$', 'USD', 'HKD', 'EUR', 'GBP', 'CNY', 'JPY', 'SGD', … */
  unit: string;
  /** 'approx' (about/around…), 'min' (more than/over/at least…), 'max' (up to/under…), or null. */
  hedge: 'approx' | 'min' | 'max' | null;
  /** Significant digits as written ("3,000" → 1, "3,012" → 4, "2.5bn" → 2): rounding tolerance. */
  precision: number;
}

const SCALE_FACTOR: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  mn: 1e6,
  million: 1e6,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
  tn: 1e12,
  trillion: 1e12,
};

export function parseQuantity(text: string): ParsedQuantity | null {
  const t = text.trim();
  const n = /(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?/.exec(t);
  if (!n) return null;
  const intPart = n[1].replace(/,/g, '');
  const frac = n[2] ?? '';
  let value = Number(intPart + frac);
  const after = t.slice(n.index + n[0].length).toLowerCase();
  const before = t.slice(0, n.index).toLowerCase();
  const scale = /^\s?(bn|billion|b|mn|million|m|k|thousand|trillion|tn)\b/.exec(after);
  if (scale) value *= SCALE_FACTOR[scale[1]];
  let unit = '';
  if (/%|per ?cent|percent/.test(after)) unit = '%';
  else if (/hk\s?\$|hkd|hong kong dollars/.test(before + after)) unit = 'HKD';
  else if (/us\s?\$|usd|us dollars/.test(before + after)) unit = 'USD';
  else if (/s\s?\$|sgd/.test(before)) unit = 'SGD';
  else if (/€|eur/.test(before + after)) unit = 'EUR';
  else if (/£|gbp|pounds/.test(before + after)) unit = 'GBP';
  else if (/rmb|cny|yuan|renminbi/.test(before + after)) unit = 'CNY';
  else if (/¥|yen/.test(before + after)) unit = 'JPY';
  else if (/\$|dollars/.test(before + after)) unit = '$';
  let hedge: ParsedQuantity['hedge'] = null;
  if (/\b(about|around|approx|roughly|nearly|almost|some|close to|an estimated)\b|~/.test(before)) hedge = 'approx';
  else if (/\b(over|more than|at least|just over|in excess of|upwards of)\b/.test(before)) hedge = 'min';
  else if (/\b(under|less than|fewer than|up to|just under)\b/.test(before)) hedge = 'max';
  const digits = (intPart.replace(/^0+/, '') + frac.slice(1)).replace(/0+$/, '');
  const precision = Math.max(
    1,
    frac ? (intPart.replace(/^0+/, '') + frac.slice(1)).replace(/^0+/, '').length : digits.length,
  );
  return { value, unit, hedge, precision };
}

const DOLLARS = new Set(['USD', 'HKD', 'SGD', 'AUD', 'CAD', 'NZD', 'TWD']);

function unitsComparable(a: string, b: string): boolean | 'undecidable' {
  if (a === b) return true;
  if (a === '%' || b === '%' || a === '' || b === '') return false;
  // "$" is ambiguous (US, HK, Singapore … dollars): comparable with any dollar, never with pounds or euros.
  if (a === '$' || b === '$') return DOLLARS.has(a === '$' ? b : a) ? true : 'undecidable';
  return 'undecidable';
}

/**
 * True when both quantities can describe the same fact; false when they cannot; 'undecidable' when the units differ
 * in a way that needs conversion (HK$ vs US$) — such pairs are left to the optional verifier.
 */
export function quantitiesCompatible(a: ParsedQuantity, b: ParsedQuantity, tolerance = 0.02): boolean | 'undecidable' {
  const units = unitsComparable(a.unit, b.unit);
  if (units !== true) return units === false ? false : 'undecidable';
  if (a.value === b.value) return true;
  // Bounds: "more than 3,000" is compatible with any value ≥ 3,000 (and a little rounding below it).
  for (const [x, y] of [
    [a, b],
    [b, a],
  ] as const) {
    if (x.hedge === 'min' && y.value >= x.value * (1 - tolerance)) {
      if (y.hedge !== 'max' || y.value >= x.value) return true;
    }
    if (x.hedge === 'max' && y.value <= x.value * (1 + tolerance)) {
      if (y.hedge !== 'min' || y.value <= x.value) return true;
    }
  }
  if (a.hedge === 'min' || a.hedge === 'max' || b.hedge === 'min' || b.hedge === 'max') return false;
  const rel = Math.abs(a.value - b.value) / Math.max(Math.abs(a.value), Math.abs(b.value));
  if (rel <= tolerance) return true;
  if (a.hedge === 'approx' || b.hedge === 'approx') return rel <= 0.1 || roundedByHedge(a, b, rel);
  // Rounding: the less precise figure, written with trailing zeros, must equal the other rounded to its precision.
  const coarse = a.precision <= b.precision ? a : b;
  const fine = coarse === a ? b : a;
  if (coarse.precision < fine.precision && coarse.unit !== '%') {
    const magnitude = 10 ** (Math.floor(Math.log10(Math.abs(fine.value))) - coarse.precision + 1);
    if (Math.round(fine.value / magnitude) * magnitude === coarse.value && rel <= 0.1) return true;
  }
  return false;
}

/**
 * "about 3,000" for 2,602: a hedged round figure covers whatever rounds to it at its last written digit (half a step
 * of 1,000 here), up to a quarter off. Only against an exact figure (two hedged figures are both estimates), and
 * not for percentages ("about 30%" is no rounded 26%).
 */
function roundedByHedge(a: ParsedQuantity, b: ParsedQuantity, rel: number): boolean {
  const [hedged, exact] = a.hedge === 'approx' ? [a, b] : [b, a];
  if (exact.hedge !== null || hedged.unit === '%' || rel > 0.25) return false;
  const step = 10 ** (Math.floor(Math.log10(Math.abs(hedged.value))) - hedged.precision + 1);
  return Math.abs(hedged.value - exact.value) <= step / 2;
}

/** Canonical display of a quantity for the entities table ("$2bn" and "$2 billion" print the same). */
export function formatQuantity(q: ParsedQuantity): string {
  const hedge = q.hedge === 'approx' ? '~' : q.hedge === 'min' ? '>' : q.hedge === 'max' ? '<' : '';
  if (q.unit === '%') return `${hedge}${trim(q.value)}%`;
  let v = q.value;
  let suffix = '';
  if (Math.abs(v) >= 1e9) {
    v /= 1e9;
    suffix = 'bn';
  } else if (Math.abs(v) >= 1e6) {
    v /= 1e6;
    suffix = 'm';
  }
  const unit = q.unit === '' ? '' : q.unit === '$' ? '$' : `${q.unit} `;
  return `${hedge}${unit}${q.unit === '' && !suffix ? v.toLocaleString('en-US') : trim(v)}${suffix}`;
}

function trim(v: number): string {
  return String(Math.round(v * 1000) / 1000);
}
