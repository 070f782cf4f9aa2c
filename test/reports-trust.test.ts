// Issue #18, "Reports a reader trusts": invisible characters shown as explained marks, numbers and words that say what
// they count, reference articles (--compare-with) by title. Each test failed before its fix.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { audit } from '../pipeline/index.js';
import { reconcileOverlaps } from '../pipeline/overlaps.js';
import type { DuplicatePair, Report } from '../pipeline/types.js';
import { plural, renderHtml } from '../reports/html.js';
import { INVISIBLE_LEGEND, renderMarkdown } from '../reports/markdown.js';

const fixture = () =>
  JSON.parse(readFileSync(new URL('./fixtures/reports/report.json', import.meta.url), 'utf8')) as Report;
const text = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>|<script>[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

const created: string[] = [];
afterAll(() => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

/**
 * The fixture with one finding whose message spells a no-break space as <U+00A0>, in an article whose title has one.
 */
function withInvisible(): Report {
  const report = fixture();
  const doc = report.documents[0];
  doc.title = 'Hong\u00a0Kong AI harbour plan';
  report.findings[0] = {
    ...report.findings[0],
    path: doc.path,
    ruleId: 'spliced-keyword',
    message:
      'Spliced phrase "Hong<U+00A0>Kong" does not fit the sentence (words bound by no-break spaces or invisible ' +
      'joiners).',
    evidence: 'transform Hong\u00a0Kong AI industries',
  };
  return report;
}

describe('invisible characters are visible, explained marks', () => {
  it('HTML: a message never shows raw <U+00A0>; the mark names the character, in the finding and heading', () => {
    const html = renderHtml(withInvisible());
    expect(html).not.toContain('&lt;U+00A0&gt;');
    const message = /<span class="f-message">Spliced phrase[^\n]*<\/span>/.exec(html)?.[0] ?? '';
    expect(message).toContain('Hong<span class="inv" title="NO-BREAK SPACE (U+00A0)">⍽</span>Kong');
    const heading = /<h3[^>]*>Hong[^\n]*<\/h3>/.exec(html)?.[0] ?? '';
    expect(heading).toContain('Hong<span class="inv" title="NO-BREAK SPACE (U+00A0)">⍽</span>Kong AI harbour plan');
  });

  it('HTML: the mark is built from escaped pieces only (a hostile message stays text)', () => {
    const report = withInvisible();
    report.findings[0].message =
      'Spliced "<img src=x onerror=alert(1)><U+200B>" and <U+0041> (not invisible: left as written)';
    const html = renderHtml(report);
    expect(html).not.toContain('<img src=x');
    expect(html).toContain(
      '&lt;img src&#61;x onerror&#61;alert(1)&gt;<span class="inv" title="ZERO WIDTH SPACE (U+200B)">◇</span>',
    );
    expect(html).toContain('&lt;U+0041&gt;');
  });

  it('Markdown: marks for <U+00A0> and raw invisible characters, with a legend once; none when not needed', () => {
    const md = renderMarkdown(withInvisible());
    expect(md).not.toContain('U+00A0&gt;');
    expect(md).not.toContain('\u00a0');
    expect(md).toContain('Spliced phrase "Hong⍽Kong"');
    expect(md).toContain('Hong⍽Kong AI harbour plan');
    expect(md.split(INVISIBLE_LEGEND).length).toBe(2);
    const plain = fixture();
    plain.findings = plain.findings.filter(
      (f) =>
        !/[\u00a0\u00ad\u200b-\u200d\u2060\ufeff\u202f\u202a-\u202e\u2066-\u2069]|<U\+/.test(
          `${f.message}${f.evidence}${f.suggestion}`,
        ),
    );
    plain.claims.conflicts = [];
    expect(plain.findings.length).toBeGreaterThan(0);
    expect(renderMarkdown(plain)).not.toContain(INVISIBLE_LEGEND);
  });

  it('Markdown: bidi controls become marks (they were silently removed)', () => {
    const report = fixture();
    report.findings[0].evidence = 'price \u202e05\u202c dollars';
    expect(renderMarkdown(report)).toContain('price ◇05◇ dollars');
  });
});

describe('numbers and words say what they count', () => {
  it('plural(): entities, pairs, passages', () => {
    expect(plural(15, 'entity')).toBe('15 entities');
    expect(plural(1, 'entity')).toBe('1 entity');
    expect(plural(2, 'shared passage')).toBe('2 shared passages');
    expect(plural(3, 'day')).toBe('3 days');
  });

  it('the claims heading says "N entities", not "N entitys"', () => {
    const report = fixture();
    const entity = report.claims.entities[0];
    report.claims.entities = Array.from({ length: 15 }, (_, i) => ({ ...entity, name: `${entity.name} ${i}` }));
    const page = text(renderHtml(report));
    expect(page).toContain('15 entities');
    expect(page).not.toContain('entitys');
  });

  it('the overview counts near-duplicate pairs as such, and similar-content pairs apart', () => {
    const report = fixture();
    const similar = report.duplicates.pairs.find((p) => p.kind === 'similar-content')!;
    report.duplicates.pairs = Array.from(
      { length: 6 },
      (_, i): DuplicatePair => ({ ...similar, b: `${similar.b}-${i}` }),
    );
    const html = renderHtml(report);
    const stat = /<a class="stat" href="#duplicates">([\s\S]*?)<\/a>/.exec(html)?.[1] ?? '';
    expect(text(stat).trim()).toBe('0 Near-duplicate pairs + 6 similar');
    const heading = /<h2 id="duplicates-title"[\s\S]*?<\/h2>/.exec(html)?.[0] ?? '';
    expect(text(heading)).toContain('0 near-duplicate pairs · 6 similar-content pairs');
  });

  it('a pair says how many shared passages it has in all and what a passage is', () => {
    const report = fixture();
    const pair = report.duplicates.pairs[0];
    pair.shared = Array.from({ length: 14 }, (_, i) => ({
      ...pair.shared[0],
      a: { line: i + 1, endLine: i + 1 },
      b: { line: i + 1, endLine: i + 1 },
    }));
    const summary =
      /<details class="passages"[^>]*>\s*<summary>([\s\S]*?)<\/summary>/.exec(renderHtml(report))?.[1] ?? '';
    expect(text(summary).trim()).toBe(
      '14 shared passages (12 shown) — each a run of consecutive sentences the two articles share',
    );
  });
});

describe('reference articles (--compare-with) by title', () => {
  function corpus(): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'ca-trust-'));
    created.push(dir);
    mkdirSync(path.join(dir, 'drafts'));
    mkdirSync(path.join(dir, 'published'));
    const body =
      'The city council met on Tuesday to discuss the new harbour plan. Officials said the works would start next ' +
      'spring and last two years. Residents raised concerns about noise and traffic during the works.\n\n';
    writeFileSync(path.join(dir, 'drafts', 'new.md'), `# Harbour plan draft\n\n${body.repeat(3)}`);
    writeFileSync(path.join(dir, 'published', 'harbour-2026.md'), `# The harbour plan, explained\n\n${body.repeat(3)}`);
    writeFileSync(
      path.join(dir, 'published', 'unrelated.md'),
      '# Tram timetable\n\nThe new tram timetable starts on Monday with more evening services on every line.\n',
    );
    return dir;
  }

  it('the JSON lists the reference articles it points at, with titles; HTML and Markdown show the title', async () => {
    const dir = corpus();
    const report = await audit({ cwd: dir, paths: ['drafts'], compareWith: ['published'], config: {} });
    expect(report.documents.map((d) => d.path)).toEqual(['drafts/new.md']);
    expect(report.duplicates.pairs.map((p) => [p.a, p.b])).toEqual([['drafts/new.md', 'published/harbour-2026.md']]);
    expect(report.references).toEqual([
      expect.objectContaining({ path: 'published/harbour-2026.md', title: 'The harbour plan, explained' }),
    ]);
    const pair = /<article class="card pair"[\s\S]*?<\/header>/.exec(renderHtml(report))?.[0] ?? '';
    expect(text(pair)).toContain('B The harbour plan, explained published/harbour-2026.md');
    expect(renderMarkdown(report)).toContain('The harbour plan, explained<br><sub>published/harbour-2026.md</sub>');
  });

  it('a plain audit has no references key (reports stay as they were)', async () => {
    const dir = corpus();
    const report = await audit({ cwd: dir, paths: ['drafts', 'published'], config: {} });
    expect('references' in report).toBe(false);
  });
});

describe('one span, two opposite fixes: findings that overlap agree', () => {
  it('a mojibake inside a spliced phrase takes the splice removal as its suggestion and says so', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ca-trust-'));
    created.push(dir);
    writeFileSync(
      path.join(dir, 'a.md'),
      '# Tech growth\n\nInvestors hope to transform Hong\u0100\u00a0Kong AI industries across the region, the ' +
        'minister said on Tuesday. The city council met on Tuesday to discuss the new harbour plan.\n\nOfficials ' +
        'said the works would start next spring and last two years.\n',
    );
    const report = await audit({ cwd: dir, paths: ['.'], config: {} });
    const splice = report.findings.find((f) => f.ruleId === 'spliced-keyword');
    const mojibake = report.findings.find((f) => f.ruleId === 'mojibake');
    expect(splice).toBeDefined();
    expect(mojibake).toBeDefined();
    expect(mojibake!.suggestion).toBe(splice!.suggestion);
    expect(mojibake!.suggestion).not.toContain('Kong');
    expect(mojibake!.message).toContain(
      `inside a spliced phrase (spliced-keyword at ${splice!.line}:${splice!.column})`,
    );
    expect(mojibake!.related).toEqual([
      expect.objectContaining({ path: 'a.md', line: splice!.line, column: splice!.column }),
    ]);
  });

  it('leaves findings alone when they do not overlap', () => {
    const base = { severity: 'warning' as const, path: 'a.md', message: 'm', suggestion: 's', endLine: 1 };
    const drafts = [
      { ...base, ruleId: 'spliced-keyword', line: 1, column: 1, endColumn: 5, suggestion: 'remove' },
      { ...base, ruleId: 'mojibake', line: 1, column: 5, endColumn: 8, suggestion: 'repair' },
      { ...base, ruleId: 'mojibake', path: 'b.md', line: 1, column: 1, endColumn: 8, suggestion: 'repair' },
    ];
    expect(reconcileOverlaps(drafts)).toEqual(drafts);
    const inside = [drafts[0], { ...drafts[1], column: 4 }];
    expect(reconcileOverlaps(inside)[1].suggestion).toBe('remove');
  });
});
