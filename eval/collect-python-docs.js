// A sixth real documentation set for `npm run eval -- --prose DIR`, gathered from what the machine can install from
// Debian (never copied into this repository): the Python documentation's reStructuredText sources as Sphinx ships
// them (`apt-get install python3-doc`: /usr/share/doc/python3*/html/_sources/**/*.rst.txt, PSF License), converted to
// Markdown (eval/rst-to-markdown.js; tables and doctest sessions kept as code). The C API, distutils and What's New
// pages are left out (the first two are reference listings, the last are changelogs), as are pages under
// `--min-words` (default 120) and over `--max-words` (default 12,000: a handful of very long library chapters).
// Kept unread as a hold-out since 2026-12-07 (ninth session; docs/evaluation.md).
//
//   node eval/collect-python-docs.js DIR [--sources PATH] [--min-words N] [--max-words N]
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { includeResolver, proseWords, rstToMarkdown } from './rst-to-markdown.js';

const SKIPPED = new Set(['c-api', 'distutils', 'whatsnew', 'includes']);

function defaultSources() {
  const doc = '/usr/share/doc';
  const found = existsSync(doc)
    ? readdirSync(doc)
        .filter((n) => /^python3/.test(n) && existsSync(path.join(doc, n, 'html', '_sources')))
        .sort()
    : [];
  return found.length ? path.join(doc, found[0], 'html', '_sources') : '';
}

function pagesUnder(dir, prefix = '') {
  const found = [];
  for (const name of readdirSync(path.join(dir, prefix)).sort()) {
    const relative = path.join(prefix, name);
    if (statSync(path.join(dir, relative)).isDirectory()) {
      if (!SKIPPED.has(relative)) found.push(...pagesUnder(dir, relative));
    } else if (name.endsWith('.rst.txt') && !/^(index|contents|copyright|license|glossary)\.rst\.txt$/.test(name))
      found.push(relative);
  }
  return found;
}

const args = process.argv.slice(2);
const target = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
const flag = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const sources = flag('--sources', defaultSources());
const [minWords, maxWords] = [Number(flag('--min-words', '120')), Number(flag('--max-words', '12000'))];
if (!target || !sources || !existsSync(sources)) {
  console.error(
    'usage: node eval/collect-python-docs.js DIR [--sources <html>/_sources] [--min-words N] [--max-words N]',
  );
  console.error(sources ? `not found: ${sources}` : 'no Python docs found (apt-get install python3-doc)');
  process.exit(2);
}
mkdirSync(target, { recursive: true });
const resolveInclude = includeResolver(sources, ['', '.txt', '.rst.txt']);
let kept = 0;
for (const file of pagesUnder(sources)) {
  const full = path.join(sources, file);
  const markdown = rstToMarkdown(readFileSync(full, 'utf8'), {
    dir: path.dirname(full),
    resolveInclude,
    preformatted: true,
  });
  const words = proseWords(markdown);
  if (words < minWords || words > maxWords) continue;
  writeFileSync(
    path.join(
      target,
      `python_${file
        .replace(/\.rst\.txt$/, '')
        .split(path.sep)
        .join('_')}.md`,
    ),
    markdown,
  );
  kept++;
}
writeFileSync(path.join(target, 'SOURCES'), `python\t${sources}\t${kept} pages (${minWords}-${maxWords} words)\n`);
console.log(`${kept} pages (${minWords}-${maxWords} words outside code) from ${sources}`);
