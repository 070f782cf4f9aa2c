// A ninth real documentation set for `npm run eval -- --prose DIR`, gathered from what the machine can install from
// Debian (never copied into this repository): the PostgreSQL manual as postgresql-doc-NN ships it, DocBook-built
// HTML (/usr/share/doc/postgresql-doc-NN/html/*.html; the PostgreSQL Licence, BSD/MIT-like), converted to Markdown
// with pandoc (`-f html` → pandoc's document tree → `-t gfm`) as a team publishing it on a Markdown site would: the
// page chrome (navigation header and footer, the chapter's table of contents) dropped, headings from level 1, code
// blocks fenced, DocBook's definition lists (parameters, options) written as the term in bold on its own line followed
// by its description, notes and warnings as block quotes, links to other pages of the manual absolute
// (https://www.postgresql.org/docs/NN/…), element ids and classes dropped.
//
//   apt-get install -y pandoc postgresql-doc-15
//   node eval/collect-postgres-docs.js DIR [--html-dir PATH] [--min-words N] [--max-words N] [--max-pages N]
//
// Kept: the parts of the manual a team writes as prose — the tutorial, the SQL language, server administration and
// the reference (SQL commands, client and server applications). Left out: the other parts (client interfaces and
// server programming are mostly C API listings such as SPI and ECPG; internals holds the system catalogue tables;
// the appendixes hold release notes and error-code listings), pages with fewer than `--min-words` (120) or more than
// `--max-words` (12,000) words outside code, as the Perl and Python sets do; pages with more words in code blocks than
// outside; tables of contents (over half the words outside code in list entries of at most 20 words); listings (over
// half the words outside code in table cells: the function and operator tables, the information schema's column
// tables). When more than `--max-pages` (350) remain, an even spread in the manual's reading order: of n pages, the
// ones at positions floor(j·n / max) for j = 0 … max−1.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { pageMeasures, skipReason } from './page-measures.js';

/** GFM with fenced code blocks (pandoc indents code without them) and paragraphs on one line each. */
export const PANDOC_GFM = ['-f', 'json', '-t', 'gfm', '--wrap=none'];
/**
 * pandoc's GFM writer fences only code that has a class and indents the rest; every code block is given this class,
 * and `unmarkFences` takes it off the fence lines again.
 */
const FENCE_CLASS = 'pgdocs-code';

/** A fence line pandoc wrote with FENCE_CLASS as its info string (in a list or block quote too) → the bare fence. */
export function unmarkFences(markdown) {
  return markdown.replace(new RegExp(`^([ \\t>]*)(\`{3,}|~{3,}) ${FENCE_CLASS}$`, 'gm'), '$1$2');
}

/** The parts of the manual kept (the page under index.html each page belongs to). */
export const PARTS = ['tutorial.html', 'sql.html', 'admin.html', 'reference.html'];
/** Admonitions DocBook writes as a div with a title heading; a Markdown site writes them as block quotes. */
const ADMONITIONS = new Set(['note', 'tip', 'warning', 'caution', 'important']);
/** Page chrome a Markdown site makes itself: the navigation bars and a chapter's table of contents. */
const CHROME = new Set(['navheader', 'navfooter', 'toc', 'list-of-tables', 'list-of-figures', 'list-of-examples']);

// ---- Reading the navigation of DocBook's chunked HTML (one link each, not a parser) ----

/** The href of the navigation header's link with this access key ('u' up, 'n' next), or ''. */
export function navLink(html, key) {
  const header = html.slice(0, html.indexOf('</div>') + 1 || html.length);
  const found = header.match(new RegExp(`<a accesskey="${key}" href="([^"#]+)`));
  return found ? found[1] : '';
}

/** The part (the page directly under index.html) each page belongs to, from the pages' "Up" links. */
export function partsOf(ups) {
  const parts = new Map();
  for (const page of ups.keys()) {
    let at = page;
    for (let depth = 0; depth < 20 && ups.get(at) && ups.get(at) !== 'index.html'; depth++) at = ups.get(at);
    parts.set(page, at);
  }
  return parts;
}

/** The pages in reading order, following "Next" from index.html; pages the chain misses follow by name. */
export function readingOrder(nexts) {
  const order = [];
  const seen = new Set();
  for (let at = 'index.html'; at && nexts.has(at) && !seen.has(at); at = nexts.get(at)) {
    seen.add(at);
    order.push(at);
  }
  for (const page of [...nexts.keys()].sort()) if (!seen.has(page)) order.push(page);
  return order;
}

// ---- From pandoc's document tree to what a Markdown site publishes ----

const el = (t, c) => (c === undefined ? { t } : { t, c });
const noAttr = () => ['', [], []];

/** Inlines with spans unwrapped (ids, index-term anchors and class names dropped) and links made absolute. */
function inlines(list, ctx) {
  const out = [];
  for (const node of list) {
    if (node.t === 'Span') out.push(...inlines(node.c[1], ctx));
    else if (node.t === 'Link' && ctx.notes.has(node.c[2][0].slice(1))) {
      // the mark follows its word, as GFM writes it (DocBook's source puts it on a line of its own)
      while (['Space', 'SoftBreak'].includes(out.at(-1)?.t)) out.pop();
      out.push(el('Note', ctx.notes.get(node.c[2][0].slice(1))));
    } else if (node.t === 'Link') {
      const [, content, [url]] = node.c;
      const text = inlines(content, ctx);
      if (!url) out.push(...text);
      else out.push(el('Link', [noAttr(), text, [absolute(url, ctx.base), '']]));
    } else if (node.t === 'Image')
      out.push(el('Image', [noAttr(), inlines(node.c[1], ctx), [absolute(node.c[2][0], ctx.base), node.c[2][1]]]));
    // HTML collapses white space outside <pre>: a code span broken over source lines reads with one space.
    else if (node.t === 'Code') out.push(el('Code', [noAttr(), node.c[1].replace(/\s+/g, ' ')]));
    else if (['Emph', 'Strong', 'Strikeout', 'Superscript', 'Subscript', 'SmallCaps', 'Underline'].includes(node.t))
      out.push(el(node.t, inlines(node.c, ctx)));
    else if (node.t === 'Quoted') out.push(el('Quoted', [node.c[0], inlines(node.c[1], ctx)]));
    else if (node.t === 'Cite') out.push(...inlines(node.c[1], ctx));
    else if (node.t === 'Note') out.push(el('Note', blocks(node.c, ctx)));
    else out.push(node);
  }
  return out;
}

/** A link to another page of the manual (`sql-select.html#…`) points at the published manual; others stay. */
export function absolute(url, base) {
  if (!url || /^[a-z][\w+.-]*:/i.test(url) || url.startsWith('#') || url.startsWith('/')) return url;
  return base + url;
}

/** The words of some inlines as plain text. */
function plain(list) {
  let text = '';
  for (const node of list) {
    if (node.t === 'Str' || node.t === 'Code') text += node.t === 'Str' ? node.c : node.c[1];
    else if (node.t === 'Space' || node.t === 'SoftBreak' || node.t === 'LineBreak') text += ' ';
    else if (node.t === 'Span' || node.t === 'Quoted' || node.t === 'Cite') text += plain(node.c[1]);
    else if (node.t === 'Link' || node.t === 'Image') text += plain(node.c[1]);
    else if (Array.isArray(node.c) && node.c.every((x) => x && typeof x === 'object' && 't' in x))
      text += plain(node.c);
  }
  return text;
}

/** A table cell's blocks as one line of inlines (paragraphs joined by a space), so the table stays a pipe table. */
function cellLine(cellBlocks, ctx) {
  const out = [];
  for (const block of blocks(cellBlocks, ctx)) {
    let content;
    if (block.t === 'Para' || block.t === 'Plain') content = block.c;
    else if (block.t === 'CodeBlock') content = [el('Code', [noAttr(), block.c[1].replace(/\s*\n\s*/g, ' ')])];
    else if (block.t === 'BulletList' || block.t === 'OrderedList') {
      const items = block.t === 'BulletList' ? block.c : block.c[1];
      content = items.flatMap((item, i) => [...(i ? [el('Str', ';'), el('Space')] : []), ...cellLine(item, ctx)]);
    } else content = [el('Str', plain([block]))];
    if (out.length && content.length) out.push(el('Space'));
    out.push(...content);
  }
  return out;
}

function table(node, ctx) {
  const [, caption, colSpecs, head, bodies, foot] = node.c;
  const cells = (rows) =>
    rows.map(([, cellsOfRow]) => [
      noAttr(),
      cellsOfRow.map(([, align, rowSpan, colSpan, content]) => [
        noAttr(),
        align,
        rowSpan,
        colSpan,
        [el('Plain', cellLine(content, ctx))],
      ]),
    ]);
  return el('Table', [
    noAttr(),
    [caption[0], blocks(caption[1], ctx)],
    colSpecs.map(([align]) => [align, el('ColWidthDefault')]),
    [noAttr(), cells(head[1])],
    bodies.map(([, heads, rowsHead, rows]) => [noAttr(), heads, cells(rowsHead), cells(rows)]),
    [noAttr(), cells(foot[1])],
  ]);
}

/**
 * The blocks a Markdown site publishes from pandoc's reading of DocBook HTML.
 * @param {any[]} list pandoc blocks
 * @param {{ base: string, notes: Map<string, any[]> }} ctx the published manual's address (ending in '/') and the
 *   page's footnotes by id
 */
export function blocks(list, ctx) {
  const out = [];
  for (const node of list) {
    switch (node.t) {
      case 'Div': {
        const [[, classes], content] = node.c;
        if (classes.some((c) => CHROME.has(c) || c === 'footnotes')) break;
        if (classes.some((c) => ADMONITIONS.has(c))) out.push(admonition(content, ctx));
        else if (classes.includes('cmdsynopsis'))
          out.push(code(plain(content.flatMap((b) => (Array.isArray(b.c) ? b.c : []))).trim()));
        else out.push(...blocks(content, ctx));
        break;
      }
      case 'Header':
        out.push(el('Header', [node.c[0], noAttr(), inlines(node.c[2], ctx)]));
        break;
      case 'CodeBlock':
        out.push(code(node.c[1].replace(/^\n+|\s+$/g, '')));
        break;
      case 'Para':
      case 'Plain': {
        const content = inlines(node.c, ctx);
        if (content.some((n) => !['Space', 'SoftBreak', 'LineBreak'].includes(n.t))) out.push(el(node.t, content));
        break;
      }
      case 'DefinitionList':
        for (const [term, definitions] of node.c) {
          const words = trim(inlines(term, ctx)).flatMap((n) =>
            n.t === 'LineBreak' ? [el('Str', ','), el('Space')] : [n],
          );
          out.push(el('Para', [el('Strong', words)]));
          for (const definition of definitions) out.push(...blocks(definition, ctx));
        }
        break;
      case 'BulletList':
        out.push(
          el(
            'BulletList',
            node.c.map((item) => blocks(item, ctx)),
          ),
        );
        break;
      case 'OrderedList':
        out.push(el('OrderedList', [node.c[0], node.c[1].map((item) => blocks(item, ctx))]));
        break;
      case 'BlockQuote':
        out.push(el('BlockQuote', blocks(node.c, ctx)));
        break;
      case 'LineBlock':
        out.push(
          el(
            'LineBlock',
            node.c.map((line) => inlines(line, ctx)),
          ),
        );
        break;
      case 'Table':
        out.push(table(node, ctx));
        break;
      case 'RawBlock':
      case 'Null':
        break;
      default:
        out.push(node);
    }
  }
  return out;
}

const code = (text) => el('CodeBlock', [['', [FENCE_CLASS], []], text]);

function trim(list) {
  let [start, end] = [0, list.length];
  const blank = (n) => n.t === 'Space' || n.t === 'SoftBreak' || n.t === 'LineBreak';
  while (start < end && blank(list[start])) start++;
  while (end > start && blank(list[end - 1])) end--;
  return list.slice(start, end);
}

/** A note, tip or warning: its title heading as a bold first line of a block quote. */
function admonition(content, ctx) {
  const inner = blocks(content, ctx);
  const title = inner[0]?.t === 'Header' ? inner.shift() : null;
  return el('BlockQuote', title ? [el('Para', [el('Strong', title.c[2])]), ...inner] : inner);
}

/** The page's first heading at level 1 and the rest shifted so their highest is level 2. */
export function levelHeadings(list) {
  const found = [];
  const walk = (nodes) => {
    for (const node of nodes) {
      if (node.t === 'Header') found.push(node);
      else if (node.t === 'BlockQuote') walk(node.c);
    }
  };
  walk(list);
  if (!found.length) return list;
  found[0].c[0] = 1;
  const rest = found.slice(1);
  const top = Math.min(...rest.map((h) => h.c[0]));
  for (const h of rest) h.c[0] = Math.max(2, Math.min(6, h.c[0] - top + 2));
  return list;
}

/** pandoc's JSON document of a manual page → the document a Markdown site publishes. */
export function publishable(doc, base) {
  const ctx = { base, notes: new Map() };
  for (const [id, content] of footnotes(doc.blocks)) ctx.notes.set(id, blocks(content, ctx));
  return { ...doc, meta: {}, blocks: levelHeadings(blocks(doc.blocks, ctx)) };
}

/**
 * DocBook's footnotes: a div `footnote` with id `ftn.X` at the page's end, starting with a link back to its mark; the
 * mark is a link to `#ftn.X`. Each becomes a GFM footnote (pandoc's Note) where its mark stands.
 * @returns {Map<string, any[]>} the footnotes' blocks, back link left out, by id
 */
export function footnotes(list) {
  const found = new Map();
  const walk = (nodes) => {
    for (const node of nodes) {
      if (node.t !== 'Div') continue;
      const [[id, classes], content] = node.c;
      if (!(classes.includes('footnote') && id)) {
        walk(content);
        continue;
      }
      const [first, ...rest] = content;
      const para = first?.t === 'Para' || first?.t === 'Plain';
      const body = para && first.c[0]?.t === 'Link' ? trim(first.c.slice(1)) : null;
      found.set(id, body ? [el('Para', body), ...rest] : content);
    }
  };
  walk(list);
  return found;
}

// ---- Which pages are kept ----

/** Of n pages in reading order, the ones at positions floor(j·n / max), j = 0 … max−1 (all when n ≤ max). */
export function evenSpread(pages, max) {
  if (pages.length <= max) return pages;
  return Array.from({ length: max }, (_, j) => pages[Math.floor((j * pages.length) / max)]);
}

// ---- The run ----

/** A code element directly inside a code element (`<code>.<em><code>key</code></em></code>`), not yet unwrapped. */
const NESTED_CODE = /(<code\b[^>]*>(?:(?!<\/code>)[\s\S])*?<em\b[^>]*>)<code\b[^>]*>([^<]*)<\/code>(<\/em>)/g;

/**
 * DocBook writes a placeholder inside literal text as a code element within the code element; pandoc's HTML reader
 * ends the outer code at the inner one's end tag and lets the rest of the literal fall out as prose
 * (`."$varname`"`). The inner code element is unwrapped (its text stays, inside the outer one).
 * @param {string} html
 */
export function unnestCode(html) {
  let before;
  let after = html;
  do {
    before = after;
    after = before.replace(NESTED_CODE, '$1$2$3');
  } while (after !== before);
  return after;
}

async function toMarkdown(file, base) {
  const html = unnestCode(readFileSync(file, 'utf8'));
  const json = await pipe(['-f', 'html', '-t', 'json'], html);
  const doc = publishable(JSON.parse(json), base);
  return unmarkFences(await pipe(PANDOC_GFM, JSON.stringify(doc)));
}

/** pandoc with these arguments, reading input from stdin; resolves to its output. */
function pipe(args, input) {
  const child = execFile('pandoc', args, { maxBuffer: 256 << 20 });
  const done = new Promise((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.on('error', reject);
    child.on('close', (status) => (status === 0 ? resolve(out) : reject(new Error(`pandoc ${args.join(' ')} failed`))));
  });
  child.stdin.end(input);
  return done;
}

/** The newest /usr/share/doc/postgresql-doc-NN/html, or ''. */
function defaultHtmlDir() {
  const doc = '/usr/share/doc';
  const found = existsSync(doc)
    ? readdirSync(doc)
        .filter((n) => /^postgresql-doc-\d+$/.test(n) && existsSync(path.join(doc, n, 'html', 'index.html')))
        .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    : [];
  return found.length ? path.join(doc, found.at(-1), 'html') : '';
}

/** The manual's version from index.html's title ("PostgreSQL 15.20 Documentation"), or '?'. */
export function manualVersion(indexHtml) {
  return indexHtml.match(/<title>PostgreSQL ([\d.]+\w*) Documentation/)?.[1] ?? '?';
}

/**
 * Convert the kept pages of htmlDir into target as pg_<page>.md; returns the pages kept and why others went.
 * @param {string} htmlDir @param {string} target
 * @param {{ minWords: number, maxWords: number, maxPages: number, base: string, parts?: string[] }} options
 */
export async function collectPostgresDocs(htmlDir, target, options) {
  mkdirSync(target, { recursive: true });
  const ups = new Map();
  const nexts = new Map();
  for (const name of readdirSync(htmlDir).filter((n) => n.endsWith('.html'))) {
    const html = readFileSync(path.join(htmlDir, name), 'utf8');
    ups.set(name, navLink(html, 'u'));
    nexts.set(name, navLink(html, 'n'));
  }
  const parts = partsOf(ups);
  const skipped = {};
  const leave = (reason, page) => {
    skipped[reason] = [...(skipped[reason] ?? []), page];
  };
  const candidates = [];
  for (const name of readingOrder(nexts)) {
    const page = name.replace(/\.html$/, '');
    if (!(options.parts ?? PARTS).includes(parts.get(name)))
      leave(`part ${parts.get(name).replace(/\.html$/, '')}`, page);
    else candidates.push(name);
  }
  const converted = new Map();
  let next = 0;
  const worker = async () => {
    while (next < candidates.length) {
      const name = candidates[next++];
      converted.set(name, await toMarkdown(path.join(htmlDir, name), options.base));
    }
  };
  await Promise.all([worker(), worker()]);
  const fit = [];
  for (const name of candidates) {
    const reason = skipReason(pageMeasures(converted.get(name), { gfm: true }), { ...options, listings: true });
    if (reason) leave(reason, name.replace(/\.html$/, ''));
    else fit.push(name);
  }
  const kept = evenSpread(fit, options.maxPages);
  const chosen = new Set(kept);
  for (const name of fit) if (!chosen.has(name)) leave('spread', name.replace(/\.html$/, ''));
  for (const name of kept)
    writeFileSync(path.join(target, `pg_${name.replace(/\.html$/, '')}.md`), converted.get(name));
  return { kept: kept.map((n) => n.replace(/\.html$/, '')), skipped, fit: fit.length };
}

async function main() {
  const args = process.argv.slice(2);
  const target = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
  const flag = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
  const htmlDir = flag('--html-dir', defaultHtmlDir());
  if (!target || !htmlDir || !existsSync(path.join(htmlDir, 'index.html'))) {
    console.error(
      'usage: node eval/collect-postgres-docs.js DIR [--html-dir PATH] [--min-words N] [--max-words N] [--max-pages N]',
    );
    console.error(
      htmlDir ? `not found: ${htmlDir}/index.html` : 'no PostgreSQL docs found (apt-get install postgresql-doc-15)',
    );
    process.exit(2);
  }
  const version = manualVersion(readFileSync(path.join(htmlDir, 'index.html'), 'utf8'));
  const major = version.split('.')[0];
  const options = {
    minWords: Number(flag('--min-words', '120')),
    maxWords: Number(flag('--max-words', '12000')),
    maxPages: Number(flag('--max-pages', '350')),
    base: `https://www.postgresql.org/docs/${major}/`,
  };
  const { kept, skipped, fit } = await collectPostgresDocs(htmlDir, target, options);
  const pandoc = execFileSync('pandoc', ['--version'], { encoding: 'utf8' }).split('\n')[0];
  writeFileSync(
    path.join(target, 'SOURCES'),
    `# PostgreSQL ${version} manual (DocBook HTML), ${pandoc} -f html -t gfm\n` +
      `postgres\t${htmlDir}\t${kept.length} pages (${options.minWords}-${options.maxWords} words; ${fit} fit)\n`,
  );
  const words = `${options.minWords}-${options.maxWords} words outside code`;
  console.log(`${kept.length} of ${fit} fitting pages (${words}) from ${htmlDir}`);
  for (const [reason, pages] of Object.entries(skipped)) {
    const shown = pages.length > 40 ? `${pages.slice(0, 40).join(' ')} …` : pages.join(' ');
    console.log(`left out, ${reason} (${pages.length}): ${shown}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();
