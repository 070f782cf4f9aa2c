// Entity resolution across articles. Names are reduced to keys (nameKey: case, diacritics, punctuation,
// possessives, "the", legal suffixes); keys are then merged only through explicit evidence:
//   - an acronym defined with exactly one expansion across the corpus ("HKUST" ↔ "Hong Kong University of …");
//   - user aliases (options.aliases).
// Keys are never merged because they share words, so "Hong Kong University of Science and Technology" and
// "Chinese University of Hong Kong" stay two entities.
import { nameKey } from './names.js';
import type { AcronymDefinition } from './types.js';

export class EntityResolver {
  private parent = new Map<string, string>();
  private surfaces = new Map<string, Map<string, number>>();
  private shortForms = new Set<string>();
  /** Short-form key → expansion keys seen (more than one = the acronym is expanded two ways). */
  readonly expansions = new Map<string, Set<string>>();

  /** Record a surface form; returns its key. */
  add(surface: string): string {
    const key = nameKey(surface);
    if (!key) return key;
    if (!this.parent.has(key)) this.parent.set(key, key);
    let s = this.surfaces.get(key);
    if (!s) this.surfaces.set(key, (s = new Map()));
    const clean = surface
      .replace(/^the\s+/i, '')
      .replace(/['’]s$/, '')
      .replace(/\s+/g, ' ')
      .trim();
    s.set(clean, (s.get(clean) ?? 0) + 1);
    return key;
  }

  find(key: string): string {
    let root = key;
    if (!this.parent.has(root)) return key;
    while (this.parent.get(root) !== root) root = this.parent.get(root)!;
    // Path compression.
    let k = key;
    while (this.parent.get(k) !== root) {
      const next = this.parent.get(k)!;
      this.parent.set(k, root);
      k = next;
    }
    return root;
  }

  /** Root of a surface form (adding it if unknown). */
  resolve(surface: string): string {
    return this.find(this.add(surface));
  }

  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    // Deterministic: the smaller key becomes the root.
    if (ra < rb) this.parent.set(rb, ra);
    else this.parent.set(ra, rb);
  }

  addAcronyms(defs: readonly AcronymDefinition[]): void {
    for (const d of defs) {
      const s = this.add(d.short);
      const l = this.add(d.long);
      this.shortForms.add(s);
      let set = this.expansions.get(s);
      if (!set) this.expansions.set(s, (set = new Set()));
      set.add(expansionKey(l));
    }
    for (const d of defs) {
      const s = nameKey(d.short);
      if (this.expansions.get(s)!.size === 1) this.union(s, nameKey(d.long));
    }
  }

  addAliases(aliases: Record<string, unknown> | undefined): void {
    if (!aliases || typeof aliases !== 'object') return;
    for (const [canonical, list] of Object.entries(aliases)) {
      const c = this.add(canonical);
      for (const alias of Array.isArray(list) ? list : [list])
        if (typeof alias === 'string') this.union(c, this.add(alias));
    }
  }

  /** All keys, grouped by root. */
  groups(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const key of this.parent.keys()) {
      const root = this.find(key);
      let list = out.get(root);
      if (!list) out.set(root, (list = []));
      list.push(key);
    }
    return out;
  }

  isShortForm(key: string): boolean {
    return this.shortForms.has(key);
  }

  /**
   * Display name of an entity: its acronym when it has one (HKUST), else its most frequent surface form
   * (ties: longest, then alphabetical). Aliases: every other surface form.
   */
  describe(root: string): { name: string; aliases: string[] } {
    const keys = this.groups().get(root) ?? [root];
    return this.describeKeys(keys);
  }

  describeKeys(keys: readonly string[]): { name: string; aliases: string[] } {
    const all = new Map<string, number>();
    let acronym: [string, number] | null = null;
    for (const k of keys) {
      for (const [surface, n] of this.surfaces.get(k) ?? []) {
        all.set(surface, (all.get(surface) ?? 0) + n);
        if (this.shortForms.has(k) && (!acronym || n > acronym[1] || (n === acronym[1] && surface < acronym[0])))
          acronym = [surface, n];
      }
    }
    const ranked = [...all.entries()].sort(
      (a, b) => b[1] - a[1] || b[0].length - a[0].length || (a[0] < b[0] ? -1 : 1),
    );
    const name = acronym ? acronym[0] : (ranked[0]?.[0] ?? keys[0]);
    const seen = new Set([nameKey(name) + '\u0000' + name]);
    const aliases: string[] = [];
    for (const [surface] of ranked) {
      if (surface === name) continue;
      // Case/punctuation variants of a surface already listed are folded into one alias.
      const id = surface
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim();
      if (seen.has(id) || id === name.toLowerCase()) continue;
      seen.add(id);
      aliases.push(surface);
    }
    aliases.sort();
    return { name, aliases };
  }
}

const EXPANSION_STOP = new Set(['of', 'and', 'the', 'for', 'in', 'on', 'at', 'de']);

/**
 * Expansions compare without function words ("Hong Kong University of Science & Technology" = "… and Technology") and
 * by word stems: an acronym's letters are the initials of its words' stems, so inflected forms of one word name the
 * same thing ("Write-Ahead Log" / "Write-Ahead Logging", "Cached Page" / "Cache Pages").
 */
export function expansionKey(key: string): string {
  return key
    .split(' ')
    .filter((w) => !EXPANSION_STOP.has(w))
    .map((w) => stem(singular(w)))
    .join(' ');
}

/**
 * A word without an inflectional ending -ing or -ed and without a final e: "logging" → "log", "cached" / "cache" →
 * "cach", "encoding" / "encode" → "encod". The stem keeps at least three letters with a vowel, and "-eed" is no
 * ending ("string", "ring", "speed" stay whole), so only inflected forms of one word meet, never two words that
 * merely share a beginning ("transport" / "transfer").
 */
function stem(w: string): string {
  const m = /^(.*?)(ing|ed)$/.exec(w);
  let s = w;
  if (m && m[1].length >= 3 && /[aeiouy]/.test(m[1]) && !(m[2] === 'ed' && m[1].endsWith('e'))) {
    s = m[1];
    if (/([bdgmnprt])\1$/.test(s)) s = s.slice(0, -1);
  }
  return s.length > 3 && s.endsWith('e') ? s.slice(0, -1) : s;
}

/** "Applications" → "application", "Industries" → "industry" (a plural expansion names the same thing). */
function singular(w: string): string {
  if (w.length <= 3) return w;
  if (/ies$/.test(w)) return `${w.slice(0, -3)}y`;
  if (/(?:ss|us|is)$/.test(w)) return w;
  return w.endsWith('s') ? w.slice(0, -1) : w;
}

/**
 * Two expansions of one acronym that name the same thing: equal keys, or the shorter one's words in order inside the
 * longer ("Single-File Component" in "Vue Single-File Component": a qualifier, not another name).
 */
export function expansionsCompatible(a: string, b: string): boolean {
  if (a === b) return true;
  const x = a.split(' ');
  const y = b.split(' ');
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  let k = 0;
  for (const w of long) if (k < short.length && w === short[k]) k++;
  return k === short.length;
}

/** The expansions share no word: most often two different bodies with one acronym ("Crown Prosecution Service"). */
export function expansionsDisjoint(a: string, b: string): boolean {
  const y = new Set(b.split(' '));
  return !a.split(' ').some((w) => y.has(w));
}
