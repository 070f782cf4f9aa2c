// The normalised form of a claim's value, as the report's `claims.conflicts[].values[].normalised` shows it: what the
// comparison actually compared ("$1.3bn" → "1300000000 $", "early March 2004" → "2004-03 (approximate)").
import type { FactValue } from './facts.js';
import type { Claim } from './types.js';
import type { ParsedQuantity } from './values.js';

const HEDGES: Record<string, string> = { approx: 'about ', min: 'at least ', max: 'at most ' };

function quantity(q: ParsedQuantity, sign = 1): string {
  const n = sign * q.value;
  const figure = Number.isInteger(n) ? n : Number(n.toPrecision(12));
  return `${q.hedge ? HEDGES[q.hedge] : ''}${figure}${q.unit ? ` ${q.unit}` : ''}`;
}

function date(year?: number, month?: number, day?: number, approximate = false): string {
  const parts = [
    year ?? '????',
    month ? String(month).padStart(2, '0') : undefined,
    day ? String(day).padStart(2, '0') : undefined,
  ];
  return `${parts.filter(Boolean).join('-')}${approximate ? ' (approximate)' : ''}`;
}

/** A rule-decided claim (claim-conflict). */
export function normalisedClaim(c: Claim): string {
  if (c.kind === 'number' && c.quantity) return quantity(c.quantity, c.sign ?? 1);
  if (c.kind === 'date' && c.date) return date(c.date.year, c.date.month, undefined, c.date.approximate);
  if (c.items) return c.items.map((it) => it.toLowerCase()).join('; ');
  return c.value.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** A value of a fact sentence (changed-fact). */
export function normalisedFact(v: FactValue): string {
  if (v.num !== undefined)
    return quantity({ value: v.num, unit: v.unit ?? '', hedge: v.hedge ?? null, precision: v.precision ?? 0 });
  if (v.cls === 'year' || v.cls === 'date') return date(v.year, v.month, v.day);
  if (v.cls === 'weekday') return `weekday ${v.day}`;
  if (v.words) return v.words.join(' ');
  return v.text.toLowerCase();
}
