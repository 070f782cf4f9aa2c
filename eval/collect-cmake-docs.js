// A fifth real documentation set for `npm run eval -- --prose DIR`, gathered from what ships on the machine (never
// copied into this repository): CMake's reference documentation (`<cmake>/Help/**/*.rst`, BSD-3-Clause), converted
// from reStructuredText to Markdown the way a team publishing it would (eval/rst-to-markdown.js), with
// `.. include::` files inlined as Sphinx renders them. Pages under `--min-words` (default 120) are left out: most
// variable and property pages are two-line stubs. Nothing was tuned on it before 2026-12-07 (ninth session;
// docs/evaluation.md); the file names say which part of the manual a page is from.
//
//   node eval/collect-cmake-docs.js DIR [--help-dir PATH] [--min-words N]   then   npm run eval -- --prose DIR
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { proseWords, rstToMarkdown } from './rst-to-markdown.js';

function cmakeVersion() {
  try {
    return execFileSync('cmake', ['--version'], { encoding: 'utf8' }).match(/(\d+\.\d+\.\d+)/)?.[1] ?? '3.x';
  } catch {
    return '3.x';
  }
}

function defaultHelpDir() {
  const share = '/usr/share';
  const found = existsSync(share)
    ? readdirSync(share)
        .filter((n) => /^cmake-\d/.test(n))
        .sort()
    : [];
  return found.length ? path.join(share, found.at(-1), 'Help') : '';
}

function rstUnder(dir, prefix = '') {
  const found = [];
  for (const name of readdirSync(path.join(dir, prefix)).sort()) {
    const relative = path.join(prefix, name);
    if (statSync(path.join(dir, relative)).isDirectory()) found.push(...rstUnder(dir, relative));
    else if (name.endsWith('.rst') && name !== 'index.rst') found.push(relative);
  }
  return found;
}

const args = process.argv.slice(2);
const target = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
const flag = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const helpDir = flag('--help-dir', defaultHelpDir());
const minWords = Number(flag('--min-words', '120'));
if (!target || !helpDir || !existsSync(helpDir)) {
  console.error('usage: node eval/collect-cmake-docs.js DIR [--help-dir <cmake>/Help] [--min-words N]');
  console.error(
    helpDir ? `not found: ${helpDir}` : 'no CMake Help folder found under /usr/share (apt-get install cmake-data)',
  );
  process.exit(2);
}
// The set measured on 2026-12-07 resolved every include against the including page's folder, so the few includes
// written from the Help root (`/include/…`) were left out; kept so the set and its figures stay reproducible.
const pageRelative = (dir, target) => {
  const file = path.resolve(dir, target.replace(/^\//, ''));
  return existsSync(file) ? file : null;
};
const release = cmakeVersion();
mkdirSync(target, { recursive: true });
let kept = 0;
for (const file of rstUnder(helpDir)) {
  const full = path.join(helpDir, file);
  const markdown = rstToMarkdown(readFileSync(full, 'utf8'), {
    dir: path.dirname(full),
    release,
    resolveInclude: pageRelative,
  });
  if (proseWords(markdown) < minWords) continue;
  writeFileSync(
    path.join(
      target,
      `cmake_${file
        .replace(/\.rst$/, '')
        .split(path.sep)
        .join('_')}.md`,
    ),
    markdown,
  );
  kept++;
}
writeFileSync(
  path.join(target, 'SOURCES'),
  `# cmake ${release}\ncmake\t${helpDir}\t${kept} pages (>= ${minWords} words)\n`,
);
console.log(`${kept} pages (>= ${minWords} words outside code) from ${helpDir}`);
