// Reporters: snapshots of Markdown / GitHub / SARIF for a fixed hand-built report, determinism, escaping, budgets.
import { readFileSync, readdirSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import type { Finding, Report, Severity } from '../pipeline/types.js';
import { annotation, escapeData, escapeProperty, renderGithub } from '../reports/github.js';
import { FORMATS, render, renderOptionsFrom } from '../reports/index.js';
import { mdHtml, mdLink, mdText, renderMarkdown } from '../reports/markdown.js';
import { artifactUri, renderSarif } from '../reports/sarif.js';

const fixture = (): Report =>
  JSON.parse(readFileSync(new URL('./fixtures/reports/report.json', import.meta.url), 'utf8')) as Report;

function finding(i: number, severity: Severity, extra: Partial<Finding> = {}): Finding {
  return {
    ruleId: ['truncated-ending', 'spliced-keyword', 'mojibake', 'dropped-words'][i % 4],
    severity,
    path: `articles/a-very-long-folder-name/article-${String(Math.floor(i / 7)).padStart(5, '0')}.md`,
    line: (i % 7) + 1,
    column: 3,
    endLine: (i % 7) + 1,
    endColumn: 9,
    message:
      `Finding number ${i}: something is wrong with this sentence, | pipes | and <tags> and ünïcödé text that ` +
      `goes on for a while.`,
    evidence: `Evidence ${i} — ${'lorem ipsum dolor sit amet '.repeat(6)}`,
    suggestion: 'Rewrite the sentence.',
    fingerprint: i.toString(16).padStart(16, '0'),
    ...extra,
  };
}

function hugeReport(n: number): Report {
  const base = fixture();
  const severities: Severity[] = ['error', 'warning', 'info'];
  const findings = Array.from({ length: n }, (_, i) => finding(i, severities[i % 3]));
  const paths = [...new Set(findings.map((f) => f.path))];
  return {
    ...base,
    summary: {
      ...base.summary,
      documents: paths.length,
      errors: n / 3,
      warnings: n / 3,
      infos: n / 3,
      baseline: undefined,
    },
    documents: paths.map((path) => ({ path, title: `Title of ${path}`, words: 500, sha256: '0'.repeat(64) })),
    findings,
  };
}

// Pinned so the snapshots do not churn while rule descriptions, the registry or package.json change.
const BASE = 'https://example.test/content-audit';
const RULES = [
  {
    id: 'claim-conflict',
    description: 'Articles state incompatible facts about the same entity.',
    defaultSeverity: 'warning' as const,
  },
  { id: 'dropped-words', description: 'A word was removed and left a hole.', defaultSeverity: 'warning' as const },
  { id: 'mojibake', description: 'Text decoded with the wrong code page.', defaultSeverity: 'warning' as const },
  {
    id: 'near-duplicate',
    description: 'Two articles are copies or light edits of each other.',
    defaultSeverity: 'error' as const,
  },
];

describe('snapshots of the fixed fixture report', () => {
  it('markdown', async () => {
    await expect(renderMarkdown(fixture(), { rulesBaseUrl: BASE })).toMatchFileSnapshot(
      './__snapshots__/reports-fixture.md',
    );
  });
  it('github', async () => {
    await expect(renderGithub(fixture())).toMatchFileSnapshot('./__snapshots__/reports-fixture.github.txt');
  });
  it('sarif', async () => {
    await expect(renderSarif(fixture(), { rulesBaseUrl: BASE, rules: RULES })).toMatchFileSnapshot(
      './__snapshots__/reports-fixture.sarif.json',
    );
  });
});

describe('determinism', () => {
  it.each(FORMATS)('%s output is byte-identical across two renders', (format) => {
    const first = render(format, fixture(), { markdownMaxBytes: 60_000, githubAnnotations: 10 });
    const second = render(format, fixture(), { markdownMaxBytes: 60_000, githubAnnotations: 10 });
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
  });
  it('does not depend on the input object identity or mutate it', () => {
    const report = fixture();
    const before = JSON.stringify(report);
    for (const format of FORMATS) render(format, report);
    expect(JSON.stringify(report)).toBe(before);
  });
  it('renderOptionsFrom maps the config', () => {
    const options = renderOptionsFrom({ markdownMaxBytes: 1234, githubAnnotations: 3 } as never, false);
    expect(options).toMatchObject({ color: false, markdownMaxBytes: 1234, githubAnnotations: 3 });
  });
});

describe('github workflow commands', () => {
  it('escapes messages: % CR LF', () => {
    expect(escapeData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext');
    expect(escapeData('%0A')).toBe('%250A');
  });
  it('escapes properties: also : and ,', () => {
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
  });
  it('builds one annotation line per finding, with every property escaped', () => {
    const line = annotation(
      finding(0, 'warning', { path: 'dir,with:odd\nname.md', ruleId: 'rule,id', message: 'line one\nline two: 50%' }),
    );
    expect(line).toBe(
      '::warning file=dir%2Cwith%3Aodd%0Aname.md,line=1,col=3,endLine=1,endColumn=9,title=rule%2Cid::line one%0Aline ' +
        'two: 50%25%0ASuggestion: Rewrite the sentence.',
    );
    expect(line.split('\n')).toHaveLength(1);
  });
  it('maps info to notice and annotates only the most severe N, then one summary notice', () => {
    const findings = [
      finding(0, 'info'),
      finding(1, 'warning'),
      finding(2, 'error'),
      finding(3, 'info'),
      finding(4, 'error'),
    ];
    const out = renderGithub({ ...fixture(), findings }, { maxAnnotations: 3 });
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines.slice(0, 3).map((l) => l.slice(0, l.indexOf(' ')))).toEqual(['::error', '::error', '::warning']);
    expect(lines[3]).toMatch(/^::notice title=content-audit::2 more findings not annotated \(2 info\)/);
  });
  it('defaults to 10 annotations', () => {
    const out = renderGithub(hugeReport(30));
    expect(out.trimEnd().split('\n')).toHaveLength(11);
    expect(out).toContain('20 more findings not annotated');
  });
  it('prints nothing for a clean report', () => {
    expect(renderGithub({ ...fixture(), findings: [] })).toBe('');
  });
  it('cannot be tricked into starting another command by content', () => {
    for (const line of renderGithub(fixture(), { maxAnnotations: 100 }).trimEnd().split('\n')) {
      expect(line).toMatch(/^::(error|warning|notice) file=[^\n]*::/);
      // Properties segment holds no raw ':' or ',' from content: exactly the separators we wrote.
      const props = line.slice(line.indexOf(' ') + 1, line.indexOf('::', 2));
      for (const prop of props.split(',')) expect(prop).toMatch(/^(file|line|col|endLine|endColumn|title)=[^:,]*$/);
    }
  });
});

describe('markdown', () => {
  it('escapes untrusted text for table cells', () => {
    const cell = mdText('a | b `code` [x](javascript:alert(1)) <img src=x> *em* _u_ ~s~ $x$ \\ @user #12');
    expect(cell).not.toMatch(/(?<!\\)\|/);
    expect(cell).not.toContain('<');
    expect(cell).not.toMatch(/(?<!\\)[`[\]*_~$]/);
    expect(cell).toContain('@\u200buser');
    expect(cell).toContain('#\u200b12');
    expect(mdText('line\nbreak\r\nand\u2028sep')).toBe('line break and sep');
  });
  it('escapes for HTML inside Markdown (<summary>)', () => {
    expect(mdHtml('<b>"x"</b> | `y`')).toBe('&lt;b&gt;&quot;x&quot;&lt;/b&gt; &#124; &#96;y&#96;');
    expect(mdHtml('@me #1')).toBe('@\u200bme #\u200b1');
  });
  it('links only to relative or http(s) URLs', () => {
    expect(mdLink('x', 'javascript:alert(1)')).toBe('x');
    expect(mdLink('x', ' JaVaScRiPt:alert(1)')).toBe('x');
    expect(mdLink('x', 'data:text/html,<b>')).toBe('x');
    expect(mdLink('x', 'audit.html')).toBe('[x](audit.html)');
    expect(mdLink('x', 'https://example.com/a b')).toBe('[x](https://example.com/a%20b)');
  });
  it('never puts a javascript: link into the fixture output', () => {
    const md = renderMarkdown(fixture());
    expect(md).not.toMatch(/(?<!\\)\]\(\s*javascript:/i);
    expect(md).not.toMatch(/<(img|script|a|svg)\b/i);
    for (const line of md.split('\n').filter((l) => l.startsWith('|'))) {
      // Every table row has the same number of unescaped pipes as its header.
      expect(line.replace(/\\\|/g, '').split('|').length).toBeGreaterThanOrEqual(5);
    }
  });
  it('stays under the default 60,000-byte budget with a clear cut note', () => {
    const report = hugeReport(6_000);
    const md = renderMarkdown(report);
    expect(Buffer.byteLength(md, 'utf8')).toBeLessThanOrEqual(60_000);
    const note = /\*\*(\d+) more findings in the HTML report\*\*/.exec(md);
    expect(note).not.toBeNull();
    const shown = md.split('\n').filter((l) => /^\| \d+:\d+ \|/.test(l)).length;
    expect(shown + Number(note![1])).toBe(6_000);
    expect(md.match(/<details/g)?.length).toBe(md.match(/<\/details>/g)?.length);
    expect(md).toContain('### Duplicate pairs');
    expect(md).toContain('### Conflicting claims');
  });
  it('honours a small custom budget, multi-byte text included', () => {
    const report = hugeReport(300);
    for (const f of report.findings) f.message = `漢字と絵文字 🎉 ${f.message}`;
    for (const maxBytes of [2_000, 8_000, 20_000]) {
      const md = renderMarkdown(report, { maxBytes });
      expect(Buffer.byteLength(md, 'utf8')).toBeLessThanOrEqual(maxBytes);
      expect(md).toMatch(/more findings in the HTML report/);
      expect(md.match(/<details/g)?.length ?? 0).toBe(md.match(/<\/details>/g)?.length ?? 0);
    }
  });
  it('shows everything and no cut note when it fits', () => {
    const md = renderMarkdown(fixture());
    expect(md).not.toContain('more finding');
    expect(md.split('\n').filter((l) => /^\| \d+:\d+ \|/.test(l))).toHaveLength(fixture().findings.length);
  });
});

describe('sarif', () => {
  const schema = JSON.parse(
    readFileSync(new URL('./fixtures/reports/sarif-schema-2.1.0.json', import.meta.url), 'utf8'),
  );
  // unicodeRegExp off: the official schema's `language` pattern is not valid under the u flag.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  // ajv-formats is not installed: implement the two formats the schema uses on SARIF's own terms.
  ajv.addFormat('uri', (value: string) => {
    try {
      return /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(value) && !!new URL(value);
    } catch {
      return false;
    }
  });
  // RFC 3986 URI-reference: no characters outside the URI set (spaces, <>"{}|\^` and controls must be percent-encoded).
  ajv.addFormat(
    'uri-reference',
    (value: string) => /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*$/.test(value) && !/%(?![0-9A-Fa-f]{2})/.test(value),
  );
  ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)));
  const validate = ajv.compile(schema);

  it('validates against the SARIF 2.1.0 schema (fixture and a large report)', () => {
    for (const report of [
      fixture(),
      hugeReport(200),
      { ...fixture(), findings: [] },
      { ...fixture(), generatedAt: '2024-05-01T10:00:00.000Z' },
    ]) {
      const log = JSON.parse(renderSarif(report));
      const ok = validate(log);
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    }
  });
  it('links rule docs only when a URL is known (--docs-url / rulesBaseUrl)', () => {
    const base = 'https://git.example.org/team/content-audit/raw/main';
    const linked = JSON.parse(renderSarif(fixture(), { rulesBaseUrl: base }));
    for (const rule of linked.runs[0].tool.driver.rules) expect(rule.helpUri).toBe(`${base}/docs/rules/${rule.id}.md`);
    for (const format of ['html', 'markdown', 'sarif'] as const) {
      const text = render(format, fixture(), {});
      expect(text, format).not.toMatch(/unpkg\.com|npmjs\.com/);
      expect(text, format).not.toMatch(/href="[^"]*docs\/rules\//);
      expect(text, format).not.toMatch(/\]\([^)]*docs\/rules\//);
    }
    // The HTML report carries each rule's explanation itself.
    expect(render('html', fixture(), {})).toContain('class="rule-desc"');
  });
  it('describes rules and maps results', () => {
    const log = JSON.parse(renderSarif(fixture()));
    const run = log.runs[0];
    expect(log.version).toBe('2.1.0');
    expect(run.tool.driver.name).toBe('content-audit');
    const ids = run.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(ids).toContain('near-duplicate');
    // No repository in package.json and no --docs-url: no URL is known, so no link (never a 404 registry page).
    for (const rule of run.tool.driver.rules) {
      expect(rule.helpUri).toBeUndefined();
      expect(rule.help.markdown).toContain(`docs/rules/${rule.id}.md`);
      expect(['error', 'warning', 'note']).toContain(rule.defaultConfiguration.level);
    }
    const xss = run.results.find(
      (r: { ruleId: string; level: string }) => r.ruleId === 'truncated-ending' && r.level === 'error',
    );
    expect(xss.locations[0].physicalLocation.artifactLocation.uri).toBe(
      'articles/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E.md',
    );
    expect(xss.partialFingerprints['contentAudit/v1']).toBe('"><svg onload=alert(1)>');
    for (const result of run.results) expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
    const related = run.results.find((r: { ruleId: string }) => r.ruleId === 'near-duplicate');
    expect(related.relatedLocations[0]).toMatchObject({
      id: 1,
      physicalLocation: { artifactLocation: { uri: 'articles/hong-kong-ai.md' } },
      message: { text: 'the other copy' },
    });
    const levels = new Set(run.results.map((r: { level: string }) => r.level));
    expect([...levels].sort()).toEqual(['error', 'note', 'warning']);
    // Baseline state appears once a baseline is in play.
    expect(run.results.find((r: { ruleId: string }) => r.ruleId === 'invalid-encoding').baselineState).toBe(
      'unchanged',
    );
  });
  it('percent-encodes paths segment by segment', () => {
    expect(artifactUri('a b/c:d/e#f?.md')).toBe('a%20b/c%3Ad/e%23f%3F.md');
  });
});

describe('repository hygiene', () => {
  it('no template uses the triple-stash', () => {
    const dir = new URL('../reports/templates/', import.meta.url);
    for (const name of readdirSync(dir)) {
      const text = readFileSync(new URL(name, dir), 'utf8');
      expect(text, name).not.toContain('{{{');
      expect(text, name).not.toMatch(/\{\{&/);
    }
  });
});
