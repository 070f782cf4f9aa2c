// HTML report: escaping helpers, safe ids and URLs, and a static scan of rendered reports for injected markup.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../pipeline/index.js';
import type { Report } from '../pipeline/types.js';
import {
  docId,
  escapeHtml,
  findingId,
  highlightEvidence,
  highlightHtml,
  highlightSharedWords,
  jsonForScript,
  quotedFragments,
  safeUrl,
} from '../reports/html-escape.js';
import { renderHtml } from '../reports/html.js';
import { HEATMAP_MAX_DOCS } from '../reports/html-svg.js';
import { makeXssCorpus } from './fixtures/reports/xss-corpus.js';

const fixture = (): Report =>
  JSON.parse(readFileSync(new URL('./fixtures/reports/report.json', import.meta.url), 'utf8')) as Report;

/** Static checks every rendered report must pass. */
function assertSafe(html: string) {
  // Exactly one script element: ours, at the end.
  expect(html.match(/<script/gi)).toHaveLength(1);
  expect(html).toMatch(/<script>[^<]*\(function \(\) \{/);
  // No markup from content.
  expect(html).not.toMatch(/<(img|iframe|svg onload|b onmouseover|a href="javascript)/i);
  const markup = html.replace(/<script>[\s\S]*<\/script>/, '');
  expect(markup).not.toMatch(/\son[a-z]+\s*=/i);
  // Every href is a fragment, relative or http(s); nothing loads from anywhere.
  for (const match of html.matchAll(/\shref="([^"]*)"/g))
    expect(match[1]).toMatch(/^(#[A-Za-z0-9_-]+|https?:\/\/[^\s"]+)$/);
  expect(html).not.toMatch(/\ssrc=/i);
  expect(html).not.toMatch(/<link\b/i);
  expect(html).not.toMatch(/url\(/i);
  // Ids are plain tokens (hash-based for paths).
  const ids = [...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]);
  for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
  expect(new Set(ids).size).toBe(ids.length);
  // Raw U+2028/2029 never reach the page.
  expect(html).not.toMatch(/[\u2028\u2029]/);
}

describe('escaping helpers', () => {
  it('escapes HTML body and attribute text', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&\`=</a>`)).toBe(
      '&lt;a href&#61;&quot;x&quot; onclick&#61;&#39;y&#39;&gt;&amp;&#96;&#61;&lt;/a&gt;',
    );
    expect(escapeHtml('a\u2028b\u2029c')).toBe('a&#x2028;b&#x2029;c');
    expect(escapeHtml('nul\u0000 bell\u0007')).toBe('nul\ufffd bell\ufffd');
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(42)).toBe('42');
  });
  it('allows only relative and http(s) URLs', () => {
    for (const bad of [
      'javascript:alert(1)',
      ' javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:x',
      'data:text/html,x',
      'vbscript:x',
      'file:///etc/passwd',
      '//evil.example/x',
      '\\\\evil\\x',
      'a:b/c',
      '',
      '   ',
    ]) {
      expect(safeUrl(bad), bad).toBeNull();
    }
    for (const good of [
      'docs/rules/x.md',
      '../audit.html',
      '#doc-1',
      'https://example.com/a?b=c#d',
      'http://example.com',
      'a/b:c',
    ]) {
      expect(safeUrl(good), good).toBe(good);
    }
  });
  it('embeds JSON safely in a script element', () => {
    const out = jsonForScript({ a: '</script><!-- \u2028 \u2029 & >' });
    expect(out).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(out)).toEqual({ a: '</script><!-- \u2028 \u2029 & >' });
  });
  it('highlights by escaping first, then wrapping in <mark>', () => {
    expect(highlightHtml('say <b>hi</b> & bye', ['<b>hi</b>'])).toBe(
      'say <mark>&lt;b&gt;hi&lt;/b&gt;</mark> &amp; bye',
    );
    expect(highlightHtml('x "a" y', ['"'])).toBe('x <mark>&quot;</mark>a<mark>&quot;</mark> y');
    // Invisible characters become visible markers.
    expect(highlightHtml('Hong\u00a0Kong', [])).toContain('<span class="inv" title="NO-BREAK SPACE (U+00A0)">⍽</span>');
    // Needles come from quotes in the message, including <U+XXXX> spellings.
    expect(quotedFragments('Spliced “香港AI” and "x" and `y` but not it\'s')).toEqual(['香港AI', 'x', 'y']);
    expect(String(highlightEvidence('to Hong\u00a0Kong AI now', 'Spliced phrase "Hong<U+00A0>Kong" here'))).toContain(
      '<mark>Hong<span class="inv"',
    );
    const shared = String(highlightSharedWords('<script> smart city plans', 'a smart city <script>'));
    expect(shared).toBe('&lt;<mark>script&gt; smart city</mark> plans');
  });
  it('derives safe ids', () => {
    expect(docId('a/<img src=x>.md')).toMatch(/^doc-[0-9a-f]{12}$/);
    expect(docId('a.md')).toBe(docId('a.md'));
    expect(findingId('0123abcd')).toBe('f-0123abcd');
    expect(findingId('"><svg onload=alert(1)>')).toMatch(/^f-[0-9a-f]{12}$/);
  });
});

describe('rendered HTML', () => {
  it('is self-contained and safe for the hand-built fixture', () => {
    const html = renderHtml(fixture());
    assertSafe(html);
    expect(html).toMatch(
      new RegExp(
        `<meta http-equiv="Content-Security-Policy" content="default-src &#x27;none&#x27;; style-src ` +
          `&#x27;sha256-[^"]+; script-src &#x27;sha256-`,
      ),
    );
    expect(html).toContain('name="viewport"');
    expect(html).toContain('@media print');
    expect(html).toContain('@media (max-width: 760px)');
    // Content is present, escaped.
    expect(html).toContain('&lt;/script&gt;&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;');
    expect(html).toContain('articles/&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;.md');
    // Anchors for articles and findings.
    expect(html).toContain(`id="${docId('articles/hong-kong-ai.md')}"`);
    expect(html).toContain('id="f-3c4d5e6f708192a3"');
    // The heat map, the pair list sorted by similarity, claims and the fact table.
    expect(html).toContain('<svg class="heatmap"');
    expect(html.indexOf('>91%<')).toBeLessThan(html.indexOf('>46%<'));
    expect(html).toContain('Facts by entity');
    expect(html).toMatch(/badge ok">3 articles/);
  });
  it('hides no content behind triple-stash and builds no markup from content (script count, on* attributes)', () => {
    const report = fixture();
    report.tool = { name: 'content-audit', version: '<img src=x onerror=alert(1)>' };
    report.summary = { ...report.summary, failOn: '<b>error</b>' as never };
    assertSafe(renderHtml(report));
  });
  it('switches the similarity picture to per-cluster summaries for large clusters', () => {
    const report = fixture();
    const paths = Array.from({ length: HEATMAP_MAX_DOCS + 5 }, (_, i) => `big/doc-${i}.md`);
    report.documents = paths.map((path) => ({ path, title: `Doc ${i(path)}`, words: 100, sha256: '0'.repeat(64) }));
    report.duplicates = {
      pairs: paths
        .slice(1)
        .map((b) => ({ a: paths[0], b, kind: 'near-duplicate' as const, similarity: 0.9, shared: [] })),
      clusters: [paths],
    };
    const html = renderHtml(report);
    expect(html).not.toContain('<svg class="heatmap"');
    expect(html).toContain('<table class="clusters">');
    expect(html).toContain('and 36 more');
    assertSafe(html);
    function i(path: string) {
      return path.replace(/\D/g, '');
    }
  });
  it('caps the drawn findings for huge reports', () => {
    const report = fixture();
    const f = report.findings[0];
    report.findings = Array.from({ length: 6000 }, (_, n) => ({
      ...f,
      line: n + 1,
      fingerprint: n.toString(16).padStart(16, '0'),
    }));
    const html = renderHtml(report, { maxFindings: 100 });
    expect(html.match(/<li class="finding /g)).toHaveLength(100);
    expect(html).toContain('5900 more findings');
  });
  it('renders an empty report', () => {
    const report = fixture();
    report.findings = [];
    report.duplicates = { pairs: [], clusters: [] };
    report.claims = { conflicts: [], entities: [] };
    report.summary = {
      ...report.summary,
      passed: true,
      errors: 0,
      warnings: 0,
      infos: 0,
      byRule: {},
      baseline: undefined,
    };
    const html = renderHtml(report);
    expect(html).toContain('Audit passed');
    expect(html).toContain('No duplicate clusters');
    assertSafe(html);
  });
});

describe('rendered HTML of an audited corpus with hostile file names', () => {
  let corpus: ReturnType<typeof makeXssCorpus>;
  let report: Report;
  beforeAll(async () => {
    corpus = makeXssCorpus();
    report = await audit({ paths: corpus.paths, cwd: corpus.dir, config: {} });
  });
  afterAll(() => corpus?.cleanup());

  it('escapes every path, title and message', () => {
    expect(report.documents.map((d) => d.path)).toContain('articles/<img src=x onerror=alert(1)>.md');
    const html = renderHtml(report);
    assertSafe(html);
    expect(html).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;.md');
    expect(html).toContain(
      '&lt;svg onload&#x3D;alert(12)&gt;/&quot;q&#x27;uote &amp; &lt;b onmouseover&#x3D;alert(13)&gt;bold.md',
    );
  });
});
