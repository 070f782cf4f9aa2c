// A seventh real documentation set for `npm run eval -- --prose DIR`, gathered from what the machine can install from
// Debian (never copied into this repository): the Perl documentation as perl-doc ships it
// (/usr/share/perl/<version>/pod/perl*.pod: tutorials, FAQs, language reference, porting notes, release notes;
// Artistic License or GPL, as Perl), converted to Markdown with pod2markdown (Pod::Markdown, from
// libpod-markdown-perl) as a team publishing it would: headings, indented code blocks, lists, links to metacpan.org.
//
//   apt-get install -y perl-doc libpod-markdown-perl
//   node eval/collect-perl-docs.js DIR [--pod-dir PATH] [--min-words N] [--max-words N]
//
// Left out: the licence texts (perlartistic, perlgpl) and the C API listings (perlapi, perlintern), as the Python set
// leaves out its own; a page whose POD is a byte-identical copy of one kept (perldelta is the current perlNNNdelta);
// pages with fewer than `--min-words` (120) or more than `--max-words` (12,000) words outside code, as the Python set
// does; pages that are mostly code (more words in code blocks than outside); tables of contents and catalogues (over
// half the words outside code in list entries of at most 20 words: the FAQ index, the module list); and the
// translations' pointer pages (mostly letters of a non-Latin script).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { pageMeasures, skipReason } from './page-measures.js';

/**
 * Left out by name, as the Python set leaves out its licence and C API pages: the C API listings are generated from
 * the source's comments, one terse entry per function.
 */
const BY_NAME = new Map([
  ['perlartistic', 'licence'],
  ['perlgpl', 'licence'],
  ['perlapi', 'C API listing'],
  ['perlintern', 'C API listing'],
]);
/**
 * Pod::Markdown writes C<L<text|target>> as a link inside a code span, which renders as its literal source
 * (`` `[text](url)` ``); a code span that holds nothing but one link becomes the link around the code.
 * @param {string} markdown
 */
export function codeSpanLinks(markdown) {
  return markdown.replace(/`\[([^\]`\n]+)\]\(([^)`\s]+)\)`/g, '[`$1`]($2)');
}

/** The newest /usr/share/perl/<version>/pod, or ''. */
function defaultPodDir() {
  const share = '/usr/share/perl';
  const found = existsSync(share)
    ? readdirSync(share)
        .filter((n) => /^\d+\.\d+/.test(n) && existsSync(path.join(share, n, 'pod')))
        .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    : [];
  return found.length ? path.join(share, found.at(-1), 'pod') : '';
}

/**
 * Pod::Markdown writes a verbatim paragraph that directly follows a list (`=back`) indented by four spaces right
 * after the list's last item, where CommonMark reads it as that item's paragraph (its `<tags>` as HTML); an empty
 * HTML comment between them (`=for markdown <!-- -->`, the CommonMark spec's own remedy) ends the list first.
 * @param {string} pod
 */
export function endListsBeforeVerbatim(pod) {
  return pod.replace(/^(=back\b[^\n]*\n(?:[ \t]*\n)+)(?=[ \t]+\S)/gm, '$1=for markdown <!-- -->\n\n');
}

// Every `<` outside code as `&lt;`: left to itself Pod::Markdown encodes a `<` only before a lower-case letter, so
// text such as `the <FH> construct` would reach a CommonMark reader as an HTML tag and vanish.
const POD2MARKDOWN = ['--utf8', '--html-encode-chars', '<'];

function podMarkdown(file) {
  // latin1 in and out keeps the file's bytes as they are: pod2markdown reads its =encoding itself.
  const pod = Buffer.from(endListsBeforeVerbatim(readFileSync(file, 'latin1')), 'latin1');
  const markdown = execFileSync('pod2markdown', POD2MARKDOWN, { input: pod, encoding: 'utf8', maxBuffer: 64 << 20 });
  return codeSpanLinks(markdown);
}

function podMarkdownVersion() {
  try {
    const script = 'require Pod::Markdown; print $Pod::Markdown::VERSION';
    return execFileSync('perl', ['-e', script], { encoding: 'utf8' }).trim();
  } catch {
    return '?';
  }
}

/**
 * Convert every perl*.pod page of podDir into target as perl_<page>.md; returns the pages kept and why others went.
 * @param {string} podDir @param {string} target @param {{ minWords: number, maxWords: number }} limits
 */
export function collectPerlDocs(podDir, target, limits) {
  mkdirSync(target, { recursive: true });
  const seen = new Set();
  const kept = [];
  const skipped = {};
  const pages = readdirSync(podDir)
    .filter((n) => /^perl[\w-]*\.pod$/.test(n))
    .sort();
  for (const name of pages) {
    const page = name.replace(/\.pod$/, '');
    const full = path.join(podDir, name);
    const digest = createHash('sha256').update(readFileSync(full)).digest('hex');
    const copy = seen.has(digest);
    seen.add(digest);
    let reason = BY_NAME.get(page) ?? (copy ? 'copy' : null);
    const markdown = reason ? '' : podMarkdown(full);
    reason ??= skipReason(pageMeasures(markdown), { ...limits, english: true });
    if (reason) {
      skipped[reason] = [...(skipped[reason] ?? []), page];
      continue;
    }
    writeFileSync(path.join(target, `perl_${page}.md`), markdown);
    kept.push(page);
  }
  return { kept, skipped };
}

function main() {
  const args = process.argv.slice(2);
  const target = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
  const flag = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
  const podDir = flag('--pod-dir', defaultPodDir());
  const limits = { minWords: Number(flag('--min-words', '120')), maxWords: Number(flag('--max-words', '12000')) };
  if (!target || !podDir || !existsSync(podDir)) {
    console.error('usage: node eval/collect-perl-docs.js DIR [--pod-dir PATH] [--min-words N] [--max-words N]');
    if (!podDir) console.error('no Perl docs found (apt-get install perl-doc libpod-markdown-perl)');
    else if (!existsSync(podDir)) console.error(`not found: ${podDir}`);
    process.exit(2);
  }
  const { kept, skipped } = collectPerlDocs(podDir, target, limits);
  const release = path.basename(path.dirname(podDir));
  writeFileSync(
    path.join(target, 'SOURCES'),
    `# perl ${release}, pod2markdown (Pod::Markdown ${podMarkdownVersion()})\n` +
      `perl\t${podDir}\t${kept.length} pages (${limits.minWords}-${limits.maxWords} words)\n`,
  );
  console.log(`${kept.length} pages (${limits.minWords}-${limits.maxWords} words outside code) from ${podDir}`);
  for (const [reason, pages] of Object.entries(skipped)) console.log(`left out, ${reason}: ${pages.join(' ')}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
