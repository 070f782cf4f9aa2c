// The HTML report in a real browser (Debian chromium via playwright-core): no script from content runs, nothing is
// injected, nothing is fetched, the filters work, and screenshots land in test/artifacts/ (git-ignored).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../pipeline/index.js';
import type { Report } from '../pipeline/types.js';
import { renderHtml } from '../reports/html.js';
import { makeXssCorpus } from './fixtures/reports/xss-corpus.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const ARTIFACTS = path.resolve('test/artifacts');
if (!hasChromium)
  console.warn(
    `html-browser.test.ts: SKIPPED — ${CHROMIUM} not found (install Debian's chromium: apt-get install -y chromium).`,
  );

interface Watched {
  page: Page;
  dialogs: string[];
  errors: string[];
  requests: string[];
}

describe.skipIf(!hasChromium)('HTML report in chromium', () => {
  let browser: Browser;
  let work: string;
  let xss: ReturnType<typeof makeXssCorpus>;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    work = mkdtempSync(path.join(tmpdir(), 'content-audit-html-'));
    xss = makeXssCorpus();
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    if (work) rmSync(work, { recursive: true, force: true });
    xss?.cleanup();
  });

  async function open(report: Report, name: string, viewport = { width: 1280, height: 900 }): Promise<Watched> {
    const file = path.join(work, name);
    writeFileSync(file, renderHtml(report));
    const page = await browser.newPage({ viewport });
    const watched: Watched = { page, dialogs: [], errors: [], requests: [] };
    page.on('dialog', (dialog) => {
      watched.dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning')
        watched.errors.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => watched.errors.push(`pageerror: ${error.message}`));
    const url = pathToFileURL(file).href;
    page.on('request', (request) => {
      if (request.url() !== url) watched.requests.push(request.url());
    });
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(150);
    return watched;
  }

  async function assertClean(watched: Watched) {
    const { page } = watched;
    const injected = await page.evaluate(() => {
      const all = Array.from(document.querySelectorAll('*'));
      return {
        onAttributes: all.flatMap((el) =>
          Array.from(el.attributes)
            .filter((a) => a.name.toLowerCase().startsWith('on'))
            .map((a) => `${el.tagName}[${a.name}]`),
        ),
        scripts: document.scripts.length,
        imgs: document.querySelectorAll('img, iframe, object, embed, link, form, base, meta[http-equiv=refresh]')
          .length,
        badSvg: document.querySelectorAll('svg[onload], svg:not(.bar):not(.heatmap):not(.scale):not(.strip)').length,
        jsLinks: Array.from(document.querySelectorAll('[href], [src], [action], [formaction]'))
          .map((el) => el.getAttribute('href') ?? el.getAttribute('src') ?? el.getAttribute('action') ?? '')
          .filter((value) => /^\s*(javascript|data|vbscript):/i.test(value)),
        title: document.title,
      };
    });
    expect(watched.dialogs).toEqual([]);
    expect(watched.errors).toEqual([]);
    expect(watched.requests).toEqual([]);
    expect(injected.onAttributes).toEqual([]);
    expect(injected.scripts).toBe(1);
    expect(injected.imgs).toBe(0);
    expect(injected.badSvg).toBe(0);
    expect(injected.jsLinks).toEqual([]);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
  }

  async function visibleRules(page: Page) {
    return page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('.finding'))
        .filter((el) => el.offsetParent !== null)
        .map((el) => `${el.dataset.rule}/${el.dataset.severity}`),
    );
  }

  it('renders hostile content from files, titles, front matter and file names inertly; filters work', async () => {
    const report = await audit({ paths: xss.paths, cwd: xss.dir, config: {} });
    expect(report.documents.map((d) => d.path)).toEqual(
      expect.arrayContaining([
        'articles/<img src=x onerror=alert(1)>.md',
        `articles/<svg onload=alert(12)>/"q'uote & <b onmouseover=alert(13)>bold.md`,
      ]),
    );
    // Claims and more findings from the hand-built fixture, so every section carries payloads.
    const fixture = JSON.parse(
      readFileSync(new URL('./fixtures/reports/report.json', import.meta.url), 'utf8'),
    ) as Report;
    const merged: Report = {
      ...report,
      findings: [...report.findings, ...fixture.findings],
      documents: [...report.documents, ...fixture.documents],
      claims: fixture.claims,
    };
    const watched = await open(merged, 'xss.html');
    const { page } = watched;
    await assertClean(watched);
    // The payload text is shown, as text.
    expect(
      await page.locator('.doc-meta .path', { hasText: '<img src=x onerror=alert(1)>.md' }).count(),
    ).toBeGreaterThan(0);
    expect(await page.locator('h3', { hasText: "<script>alert('fm-title')</script>" }).count()).toBe(1);

    // Rule filter: click one rule → only its findings stay visible.
    const all = await visibleRules(page);
    expect(all.length).toBe(merged.findings.length);
    const rule = merged.findings.find((f) => f.ruleId !== merged.findings[0].ruleId)!.ruleId;
    await page.locator(`button.f-rule[data-rule="${rule}"]`).click();
    const onlyRule = await visibleRules(page);
    expect(onlyRule.length).toBe(merged.findings.filter((f) => f.ruleId === rule).length);
    expect(onlyRule.every((r) => r.startsWith(`${rule}/`))).toBe(true);
    expect(await page.locator('#filter-count').textContent()).toBe(String(onlyRule.length));
    // Articles without a visible finding are hidden too.
    const visibleDocs = await page.locator('article.doc:visible').count();
    expect(visibleDocs).toBe(new Set(merged.findings.filter((f) => f.ruleId === rule).map((f) => f.path)).size);
    // Back to all rules, then a severity filter.
    await page.locator('button.rule-all').click();
    expect((await visibleRules(page)).length).toBe(merged.findings.length);
    await page.locator('input.f-sev[value="error"]').uncheck();
    const noErrors = await visibleRules(page);
    expect(noErrors.length).toBe(merged.findings.filter((f) => f.severity !== 'error').length);
    expect(noErrors.some((r) => r.endsWith('/error'))).toBe(false);
    await page.locator('input.f-sev[value="error"]').check();

    // Anchors: a link to one finding scrolls to an element with that id.
    const first = merged.findings[0];
    expect(await page.locator(`[id="f-${first.fingerprint}"]`).count()).toBe(1);

    await page.screenshot({ path: path.join(ARTIFACTS, 'report.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(ARTIFACTS, 'report-mobile.png'), fullPage: false });
    // Nothing overflows horizontally on a phone.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(1);
    await assertClean(watched);
    await page.close();
  });

  it('renders the seed corpus report (screenshot for review) and prints', async () => {
    const report = await audit({ paths: ['corpus'], cwd: process.cwd(), config: {} });
    const watched = await open(report, 'seed.html');
    await assertClean(watched);
    await watched.page.screenshot({ path: path.join(ARTIFACTS, 'seed-report.png'), fullPage: true });
    await watched.page.emulateMedia({ media: 'print' });
    const hidden = await watched.page.evaluate(() => getComputedStyle(document.querySelector('.topbar')!).display);
    expect(hidden).toBe('none');
    const pdf = await watched.page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    writeFileSync(path.join(ARTIFACTS, 'seed-report.pdf'), pdf);
    await watched.page.close();
  });

  /** What a reader cannot reach or read at this width: overflow outside scrollable tables, nav items off-screen. */
  async function layoutProblems(page: Page) {
    return page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const scrollable = (el: Element) => !!el.closest('.table-scroll, .heatmap-figure');
      const overflowing = Array.from(document.querySelectorAll<HTMLElement>('body *'))
        .filter(
          (el) => !scrollable(el) && !el.closest('.sr-only, .skip, [hidden], details:not([open]) > :not(summary)'),
        )
        .filter((el) => {
          const rect = el.getBoundingClientRect();
          return rect.width > 0 && rect.height > 0 && rect.right > width + 1;
        })
        .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
      const nav = Array.from(document.querySelectorAll<HTMLElement>('.topbar nav a')).map((a) => {
        const rect = a.getBoundingClientRect();
        const nav = a.parentElement!.getBoundingClientRect();
        return {
          text: a.textContent,
          visible: rect.width > 0 && rect.left >= nav.left - 1 && rect.right <= Math.min(nav.right, width) + 1,
        };
      });
      const banner = document.querySelector('.banner')!.getBoundingClientRect().width;
      const sub = document.querySelector('.banner-sub')!.getBoundingClientRect().width;
      const facts = Array.from(document.querySelectorAll<HTMLElement>('.facts td')).filter(
        (td) => td.getBoundingClientRect().right > width + 1,
      ).length;
      return {
        scroll: document.documentElement.scrollWidth - width,
        overflowing: overflowing.slice(0, 10),
        hiddenNav: nav.filter((n) => !n.visible).map((n) => n.text),
        bannerShare: sub / banner,
        factsOffScreen: facts,
      };
    });
  }

  it(
    'reads on a phone (390 px) and a desktop (1280 px): no overflow outside tables, every nav item reachable, ' +
      'banner in full lines, facts in view',
    async () => {
      const fixture = JSON.parse(
        readFileSync(new URL('./fixtures/reports/report.json', import.meta.url), 'utf8'),
      ) as Report;
      // More of everything a phone has to fit: a long verdict, many facts with long values and sources.
      const entity = fixture.claims.entities[0];
      const report: Report = {
        ...fixture,
        claims: {
          ...fixture.claims,
          entities: Array.from({ length: 12 }, (_, i) => ({
            ...entity,
            name: `${entity.name} ${i} International Innovation and Technology Holdings`,
            facts: entity.facts.map((fact) => ({
              ...fact,
              value: `${fact.value} (as reported in the annual statement of ${2000 + i})`,
            })),
          })),
        },
      };
      for (const [name, viewport] of [
        ['phone', { width: 390, height: 844 }],
        ['desktop', { width: 1280, height: 900 }],
      ] as const) {
        const watched = await open(report, `layout-${name}.html`, viewport);
        const { page } = watched;
        await assertClean(watched);
        await page.screenshot({ path: path.join(ARTIFACTS, `layout-${name}.png`), fullPage: false });
        await page.locator('#claims').scrollIntoViewIfNeeded();
        await page.screenshot({ path: path.join(ARTIFACTS, `layout-${name}-claims.png`), fullPage: false });
        const problems = await layoutProblems(page);
        expect(problems.scroll, name).toBeLessThanOrEqual(1);
        expect(problems.overflowing, name).toEqual([]);
        expect(problems.hiddenNav, name).toEqual([]);
        expect(problems.factsOffScreen, name).toBe(0);
        // The verdict's explanation gets the banner's width, not the narrow column beside the icon.
        expect(problems.bannerShare, name).toBeGreaterThan(0.6);
        // Each nav item leads to its section.
        await page.locator('.topbar nav a[href="#claims"]').click();
        await page.waitForTimeout(400);
        expect(
          await page.evaluate(
            () => document.querySelector('#claims')!.getBoundingClientRect().top < window.innerHeight,
          ),
          name,
        ).toBe(true);
        await page.close();
      }
    },
  );
});
