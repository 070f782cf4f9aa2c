// Time and modality of a figure: the period a quantity is about ("in 2004", "in the third quarter", "last year") and
// whether it is reported or expected ("expects revenue of $4.2bn"). Both become part of the claim's key, so a
// quarterly growth rate is never compared with a yearly one, nor a forecast with a result (docs/claims.md).
import type { Article } from '../../types.js';

export interface FigureTime {
  /** A calendar year, resolved ("in 2004", "last year" against the article's date) or relative ("last year"). */
  year?: string;
  /** A period shorter than a year: quarter, half, month, week. */
  span?: 'quarter' | 'half' | 'month' | 'week' | 'day';
  /** Forecast, target or estimate rather than a reported figure. */
  expected?: boolean;
}

/** Where a clause ends: a semicolon, a contrast or comparison ("…, while", "but", "compared with", "up from"). */
const CLAUSE_BREAK =
  /[;:]|\s[-–—]\s|,\s+(?:and|while|whereas|but|although|though|after|before|when|as|compared|against|up|down|from|which)\b|\s(?:but|while|whereas|compared (?:with|to)|against|versus|up from|down from|from)\s/gi;

/** The clause of `s` around [start, end): from the last break before start to the first break after end. */
export function clauseAround(s: string, start: number, end: number): string {
  let from = 0;
  // The clause ends at the first comma after the figure at the latest: "X, which employs 5,000 people, will …".
  const comma = s.indexOf(',', end);
  let to = comma < 0 ? s.length : comma;
  const re = new RegExp(CLAUSE_BREAK.source, 'gi');
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    if (m.index + m[0].length <= start) from = m.index + m[0].length;
    else if (m.index >= end) {
      to = Math.min(to, m.index);
      break;
    }
  }
  return s.slice(from, to);
}

const SPANS: [RegExp, FigureTime['span']][] = [
  [/\b(?:quarter(?:ly)?|q[1-4]|three months)\b/i, 'quarter'],
  [/\b(?:(?:first|second) half|half-year(?:ly)?|half year|six months)\b/i, 'half'],
  [
    /\b(?:month(?:ly)?|(?:in|during|since|for) (?:january|february|march|april|june|july|august|september|october|november|december))\b/i,
    'month',
  ],
  [/\b(?:week(?:ly)?|(?:seven|five) days)\b/i, 'week'],
  [/\b(?:yesterday|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|daily)\b/i, 'day'],
];

const RELATIVE_YEAR: [RegExp, number, string][] = [
  [
    /\b(?:last|previous|past) (?:year|financial year|fiscal year)\b|\ba year (?:earlier|ago|before)\b|\b(?:in )?(?:the )?prior year\b/i,
    -1,
    'last year',
  ],
  [/\b(?:this|the current) (?:year|financial year|fiscal year)\b/i, 0, 'this year'],
  [/\b(?:next|coming|following) (?:year|financial year|fiscal year)\b/i, 1, 'next year'],
];

/** Forecasts, targets, estimates and hypotheticals: not a reported figure. */
const EXPECTED =
  /\b(?:expect(?:s|ed|ing|ations?)?|forecasts?|forecast(?:ing|ed)|predict(?:s|ed|ing|ions?)?|projected|projects|projections?|estimates?|estimated|anticipat(?:es?|ed|ing)|targets?|targeted|aims? to|aiming|plans? to|hopes? to|outlook|guidance|could|would|might|will|should|set to|on course|on track|likely|potentially|by (?:the end of )?(?:19|20)\d\d)\b/i;
/** "may" the modal verb (lower case), not the month. */
const EXPECTED_MAY = /\bmay\b/;

/** Calendar year of the article: front matter `date`, else none (a dateline carries no year in practice). */
export function articleYear(article: Pick<Article, 'frontMatter'>): number | undefined {
  const raw = article.frontMatter?.date ?? article.frontMatter?.published ?? article.frontMatter?.updated;
  const text =
    raw instanceof Date ? raw.toISOString() : typeof raw === 'string' || typeof raw === 'number' ? String(raw) : '';
  const y = /\b(1[89]\d\d|20\d\d)\b/.exec(text);
  return y ? Number(y[1]) : undefined;
}

/** Time and modality of the figure at [start, end) in sentence `s`, read from its own clause. */
export function figureTime(s: string, start: number, end: number, year?: number): FigureTime {
  const clause = clauseAround(s, start, end);
  const time: FigureTime = {};
  // A year is the figure's own only where it dates the figure: after it ("$5bn in 2004", "rose 3% for 2004"), as a
  // modifier before it ("2004 revenue", "In 2004, …" opening its clause) — never an event's date in the same clause
  // ("set up in 1998, has an endowment of $500m").
  const offset = s.lastIndexOf(clause, start);
  const after = s.slice(end, offset + clause.length);
  const before = s.slice(offset, start);
  const y =
    /^[^,]{0,40}?\b(?:in|during|for|of|over|through|by|since|until|to) (?:the )?(?:fiscal |financial |calendar )?(?:year )?(?:(?:to|ending|ended) )?(?:\w+ )?(1[89]\d\d|20\d\d)(?![\d%])/.exec(
      after,
    ) ??
    /\b(1[89]\d\d|20\d\d)(?:'s)? (?:[a-z-]+ ){0,2}(?:[a-z-]+ )?(?:revenues?|sales|turnover|profits?|earnings|results?|losses|growth|figures?|budget|forecast|target)\b/.exec(
      before,
    ) ??
    /^\s*(?:in|during|for|by) (?:the )?(?:fiscal |financial )?(?:year )?(1[89]\d\d|20\d\d),/i.exec(before);
  if (y) time.year = y[1];
  if (!time.year) {
    for (const [re, delta, label] of RELATIVE_YEAR) {
      if (!re.test(clause)) continue;
      time.year = year === undefined ? label : String(year + delta);
      break;
    }
  }
  for (const [re, span] of SPANS) {
    if (re.test(clause)) {
      time.span = span;
      break;
    }
  }
  if (EXPECTED.test(clause) || EXPECTED_MAY.test(clause)) time.expected = true;
  return time;
}

/** The attribute keyed by time and modality: "revenue (2004)", "economy growth (2004, quarter)", "revenue (expected)". */
export function timedAttribute(attribute: string, time: FigureTime): string {
  const written = /^(.*) \((\d{4})\)$/.exec(attribute);
  const base = written ? written[1] : attribute;
  const parts = [written ? written[2] : time.year, time.span, time.expected ? 'expected' : undefined].filter(
    (p): p is string => !!p,
  );
  return parts.length ? `${base} (${parts.join(', ')})` : base;
}
