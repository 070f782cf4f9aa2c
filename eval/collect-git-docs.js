// An eighth real documentation set for `npm run eval -- --prose DIR`, gathered from what the machine can install from
// Debian (never copied into this repository): the Git documentation as git-doc ships it (/usr/share/doc/git-doc: the
// command reference pages, the concept guides and tutorials, howto/ and technical/ notes, as asciidoc built them into
// HTML; GPL-2.0, as Git), converted to GitHub-flavoured Markdown with pandoc as a team publishing it on a Markdown
// site would: the page chrome left out (asciidoc's header block but its title and NAME line, the table of contents, the
// "Last updated" footer), headings, fenced code blocks, lists, links between the pages (to the converted file) and
// inline code kept. Three asciidoc blocks that pandoc's GFM writer would render badly are rewritten first, on pandoc's
// own document tree (`pandoc -t json`, then `-f json -t gfm`): a definition list (every OPTIONS section) becomes its
// term alone in a bold paragraph followed by its description's blocks (GFM has no definition lists: pandoc writes the
// term and the first line of the description as one paragraph); an admonition (a two-cell table: "Note" and its text)
// a quote starting "**Note:**"; a footnote (inline, in brackets) a GFM footnote.
//
//   apt-get install -y git-doc pandoc
//   node eval/collect-git-docs.js DIR [--doc-dir PATH] [--min-words N] [--max-words N]
//
// Left out: the three indexes (index, howto-index, technical/api-index), as the Perl set leaves out its own; pages
// git-doc ships only as asciidoc source (.txt without .html: nearly all are fragments included into other pages, such
// as diff-options, plus git-subtree and eight technical notes left unbuilt; pandoc reads no asciidoc); a page whose
// HTML is a byte-identical copy of one kept; pages with fewer than `--min-words` (120) or more than `--max-words` (12,000) words
// outside code, pages that are mostly code and tables of contents, measured as the Perl set measures them. The release
// notes are not read: they are no part of the HTML documentation (the git package ships them as 485 plain-text lists
// of change entries, /usr/share/doc/git/RelNotes), and a maintenance release's notes repeat entries of the others.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { pageMeasures, skipReason } from './page-measures.js';

const DOC_DIR = '/usr/share/doc/git-doc';
/** The folders of the documentation that hold pages, and the prefix their pages' names take. */
const FOLDERS = [
  ['', 'git_'],
  ['howto', 'git_howto_'],
  ['technical', 'git_technical_'],
];
/** Left out by name: the documentation's own indexes (lists of links to the other pages). */
const BY_NAME = new Map([
  ['index', 'index'],
  ['howto-index', 'index'],
  ['technical/api-index', 'index'],
]);
/** asciidoc's page chrome, by element id: the header's author and revision lines, the contents, the footer. */
const CHROME = new Set([
  'footer',
  'footnotes',
  'toc',
  'toctitle',
  'author',
  'email',
  'revnumber',
  'revdate',
  'revremark',
]);

const attrOf = (node) => (node.t === 'Table' || node.t === 'Div' || node.t === 'Span' ? node.c[0] : ['', [], []]);
const isChrome = (node) => CHROME.has(attrOf(node)[0]) || attrOf(node)[1].includes('toc');
const str = (text) => ({ t: 'Str', c: text });
const words = (inlines) =>
  inlines.map((n) => (n.t === 'Str' ? n.c : n.t === 'Space' ? ' ' : n.t === 'Code' ? n.c[1] : '')).join('');

/**
 * The page's file name in the set for a link target such as `git-commit.html#_options` or `../git-add.html`, seen
 * from the page at `from` (a path under the documentation, e.g. `howto/maintain-git`); other targets as they are.
 * @param {string} url @param {string} from
 */
export function pageLink(url, from) {
  const match = /^([\w./-]+)\.html(#.*)?$/.exec(url);
  if (!match || /^[a-z][\w+.-]*:/i.test(url)) return url;
  const page = path.posix.normalize(path.posix.join(path.posix.dirname(from), match[1]));
  return page.startsWith('..') ? url : `${fileName(page)}${match[2] ?? ''}`;
}

/** `git-add` → git_git-add.md, `howto/maintain-git` → git_howto_maintain-git.md. */
export function fileName(page) {
  const [folder, prefix] = FOLDERS.find(([dir]) => dir && page.startsWith(`${dir}/`)) ?? FOLDERS[0];
  return `${prefix}${folder ? page.slice(folder.length + 1) : page}.md`;
}

/**
 * A definition list as GFM can show it: each term alone in a bold paragraph (pandoc joins the `<dt>`s of one entry
 * with line breaks: they are separated by commas), then its description's blocks.
 */
function definitionBlocks(items, from) {
  const out = [];
  for (const [inlines, descriptions] of items) {
    const parts = [[]];
    for (const node of convertInlines(inlines, from)) {
      if (node.t === 'LineBreak') parts.push([]);
      else parts.at(-1).push(node);
    }
    const term = [];
    for (const part of parts.map(trimSpaces).filter((p) => p.length)) {
      if (term.length) term.push(str(','), { t: 'Space' });
      term.push(...(part.length === 1 && part[0].t === 'Strong' ? part : [{ t: 'Strong', c: part }]));
    }
    if (term.length) out.push({ t: 'Para', c: term });
    for (const blocks of descriptions) out.push(...convertBlocks(blocks, from));
  }
  return out;
}

const blank = (n) => n.t === 'Space' || n.t === 'SoftBreak';
function trimSpaces(inlines) {
  let [start, end] = [0, inlines.length];
  while (start < end && blank(inlines[start])) start++;
  while (end > start && blank(inlines[end - 1])) end--;
  return inlines.slice(start, end);
}

/** asciidoc's admonition, a one-row table (the label "Note", then the text), as a quote starting **Note:**. */
function admonitionBlocks(table, from) {
  const row = table.c[4][0]?.[3][0];
  const [label, text] = (row?.[1] ?? []).map((cell) => cell[4]);
  const name = words((label ?? []).flatMap((b) => (b.t === 'Div' ? b.c[1] : [b])).flatMap((b) => b.c ?? []));
  const blocks = convertBlocks(text ?? [], from);
  const lead = [{ t: 'Strong', c: [str(`${name.trim() || 'Note'}:`)] }];
  if (blocks[0]?.t === 'Para' || blocks[0]?.t === 'Plain')
    blocks[0] = { t: 'Para', c: [...lead, { t: 'Space' }, ...blocks[0].c] };
  else blocks.unshift({ t: 'Para', c: lead });
  return [{ t: 'BlockQuote', c: blocks }];
}

/**
 * A code block fenced by backticks, as `<pre>` is on a Markdown site (pandoc's GFM writer indents a code block without
 * a language instead): the fence one backtick longer than any run of backticks inside.
 * @param {string} code
 */
export function codeFence(code) {
  const longest = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}\n${code.replace(/\n+$/, '')}\n${fence}\n`;
}

/** One block of pandoc's tree as the Markdown site shows it: a list of blocks (none for page chrome). */
function convertBlock(block, from) {
  if (isChrome(block)) return [];
  switch (block.t) {
    case 'Div': {
      const classes = block.c[0][1];
      const table = block.c[1].find((b) => b.t === 'Table');
      if (classes.includes('admonitionblock') && table) return admonitionBlocks(table, from);
      if (classes.includes('title')) {
        const inlines = block.c[1].flatMap((b) => (b.t === 'Plain' || b.t === 'Para' ? b.c : []));
        return [{ t: 'Para', c: [{ t: 'Strong', c: convertInlines(inlines, from) }] }];
      }
      return convertBlocks(block.c[1], from);
    }
    case 'Header': {
      const inlines = convertInlines(block.c[2], from);
      // The manual pages' title, `git-add(1) Manual Page`: the words after the name are the HTML backend's.
      const tail = inlines
        .slice(-4)
        .map((n) => (n.t === 'Str' ? n.c : ' '))
        .join('');
      if (block.c[0] === 1 && tail === ' Manual Page') inlines.splice(-4);
      return [{ t: 'Header', c: [block.c[0], ['', [], []], inlines] }];
    }
    case 'CodeBlock':
      return [{ t: 'RawBlock', c: ['gfm', codeFence(block.c[1])] }];
    case 'DefinitionList':
      return definitionBlocks(block.c, from);
    case 'Para':
    case 'Plain': {
      // Nothing left but line breaks once the chrome is out (the header's author and date lines): no paragraph.
      const inlines = convertInlines(block.c, from);
      return inlines.every((n) => blank(n) || n.t === 'LineBreak') ? [] : [{ t: block.t, c: inlines }];
    }
    case 'BlockQuote':
      return [{ t: 'BlockQuote', c: convertBlocks(block.c, from) }];
    case 'BulletList':
      return [{ t: 'BulletList', c: block.c.map((item) => convertBlocks(item, from)) }];
    case 'OrderedList':
      return [{ t: 'OrderedList', c: [block.c[0], block.c[1].map((item) => convertBlocks(item, from))] }];
    case 'LineBlock':
      return [{ t: 'LineBlock', c: block.c.map((line) => convertInlines(line, from)) }];
    case 'RawBlock':
      return [];
    default:
      return [block];
  }
}

function convertBlocks(blocks, from) {
  return blocks.flatMap((block) => convertBlock(block, from));
}

/** asciidoc's footnote: `<span class="footnote"><br>[text]<br></span>`, as a GFM footnote. */
function footnote(inlines, from) {
  const own = convertInlines(inlines, from).filter((n) => n.t !== 'LineBreak');
  if (own[0]?.t === 'Str' && own[0].c.startsWith('[')) own[0] = str(own[0].c.slice(1));
  const last = own.at(-1);
  if (last?.t === 'Str' && last.c.endsWith(']')) own[own.length - 1] = str(last.c.slice(0, -1));
  return { t: 'Note', c: [{ t: 'Para', c: own.filter((n) => n.t !== 'Str' || n.c) }] };
}

function convertInline(node, from) {
  if (isChrome(node)) return [];
  switch (node.t) {
    case 'Span':
      if (node.c[0][1].includes('footnote')) return [footnote(node.c[1], from)];
      return convertInlines(node.c[1], from);
    case 'Link':
      return [
        { t: 'Link', c: [['', [], []], convertInlines(node.c[1], from), [pageLink(node.c[2][0], from), node.c[2][1]]] },
      ];
    case 'Emph':
    case 'Strong':
    case 'Underline':
    case 'Strikeout':
    case 'Superscript':
    case 'Subscript':
    case 'SmallCaps':
      return [{ t: node.t, c: convertInlines(node.c, from) }];
    case 'Quoted':
      return [{ t: 'Quoted', c: [node.c[0], convertInlines(node.c[1], from)] }];
    case 'Note':
      return [{ t: 'Note', c: convertBlocks(node.c, from) }];
    case 'RawInline':
      return [];
    default:
      return [node];
  }
}

function convertInlines(inlines, from) {
  return inlines.flatMap((node) => convertInline(node, from));
}

/**
 * Pandoc's document tree of one asciidoc page, rewritten as the Markdown site shows it.
 * @param {{ blocks: object[] }} doc pandoc's JSON @param {string} from the page's path under the documentation
 */
export function convertDocument(doc, from) {
  return { ...doc, meta: {}, blocks: convertBlocks(doc.blocks, from) };
}

/** The GFM of one page of the documentation (`from`: its path without .html, e.g. `howto/maintain-git`). */
export function gitPageMarkdown(html, from) {
  const run = (args, input) => execFileSync('pandoc', args, { input, encoding: 'utf8', maxBuffer: 64 << 20 });
  const doc = JSON.parse(run(['-f', 'html', '-t', 'json'], html));
  return run(['-f', 'json', '-t', 'gfm'], JSON.stringify(convertDocument(doc, from)));
}

/** The pages of the documentation: paths under docDir without .html, in order, and the .txt pages with no HTML. */
function listPages(docDir) {
  const pages = [];
  const sourceOnly = [];
  for (const [folder] of FOLDERS) {
    const dir = path.join(docDir, folder);
    if (!existsSync(dir)) continue;
    const names = readdirSync(dir).sort();
    const join = (name) => (folder ? `${folder}/${name}` : name);
    for (const name of names.filter((n) => n.endsWith('.html'))) pages.push(join(name.slice(0, -5)));
    for (const name of names.filter((n) => n.endsWith('.txt') && !names.includes(`${n.slice(0, -4)}.html`)))
      sourceOnly.push(join(name.slice(0, -4)));
  }
  return { pages, sourceOnly };
}

/**
 * Convert every page of docDir into target as git_<page>.md; returns the pages kept and why others went.
 * @param {string} docDir @param {string} target @param {{ minWords: number, maxWords: number }} limits
 */
export function collectGitDocs(docDir, target, limits) {
  mkdirSync(target, { recursive: true });
  const { pages, sourceOnly } = listPages(docDir);
  const seen = new Set();
  const kept = [];
  const skipped = sourceOnly.length ? { 'asciidoc source only': sourceOnly } : {};
  for (const page of pages) {
    const html = readFileSync(path.join(docDir, `${page}.html`), 'utf8');
    const digest = createHash('sha256').update(html).digest('hex');
    const copy = seen.has(digest);
    seen.add(digest);
    let reason = BY_NAME.get(page) ?? (copy ? 'copy' : null);
    const markdown = reason ? '' : gitPageMarkdown(html, page);
    reason ??= skipReason(pageMeasures(markdown), { ...limits, english: true });
    if (reason) {
      skipped[reason] = [...(skipped[reason] ?? []), page];
      continue;
    }
    writeFileSync(path.join(target, fileName(page)), markdown);
    kept.push(page);
  }
  return { kept, skipped };
}

function version(command, args) {
  try {
    return execFileSync(command, args, { encoding: 'utf8' }).split('\n')[0].trim();
  } catch {
    return '?';
  }
}

function main() {
  const args = process.argv.slice(2);
  const target = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
  const flag = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
  const docDir = flag('--doc-dir', DOC_DIR);
  const limits = { minWords: Number(flag('--min-words', '120')), maxWords: Number(flag('--max-words', '12000')) };
  if (!target || !existsSync(docDir)) {
    console.error('usage: node eval/collect-git-docs.js DIR [--doc-dir PATH] [--min-words N] [--max-words N]');
    if (!existsSync(docDir)) console.error(`not found: ${docDir} (apt-get install git-doc pandoc)`);
    process.exit(2);
  }
  const { kept, skipped } = collectGitDocs(docDir, target, limits);
  // dpkg-query's field ${Version}, written with an escape so that it reads as no template placeholder
  const pkg = version('dpkg-query', ['-W', '-f', '\x24{Version}', 'git-doc']);
  writeFileSync(
    path.join(target, 'SOURCES'),
    `# git-doc ${pkg} (${version('git', ['--version'])}), ${version('pandoc', ['--version'])} -f html -t gfm\n` +
      `git\t${docDir}\t${kept.length} pages (${limits.minWords}-${limits.maxWords} words)\n`,
  );
  console.log(`${kept.length} pages (${limits.minWords}-${limits.maxWords} words outside code) from ${docDir}`);
  for (const [reason, pages] of Object.entries(skipped)) console.log(`left out, ${reason}: ${pages.join(' ')}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
