// A third real documentation set for `npm run eval -- --prose DIR`, gathered from what ships on the machine (never
// copied into this repository): the Node.js API reference (`<node prefix>/share/doc/nodejs/api/*.md`, MIT) and the
// npm CLI documentation (`<npm root -g>/npm/docs/content/**/*.md`, Artistic-2.0). Nothing was tuned on it before
// 2026-12-07 (docs/evaluation.md, "A third documentation set"); the file names say which project a page is from.
//
//   node eval/collect-node-docs.js DIR        then   npm run eval -- --prose DIR --half tuning
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Every `.md` file under `dir`, as paths relative to it, sorted. */
function markdownUnder(dir, prefix = '') {
  const found = [];
  for (const name of readdirSync(path.join(dir, prefix)).sort()) {
    const relative = path.join(prefix, name);
    if (statSync(path.join(dir, relative)).isDirectory()) found.push(...markdownUnder(dir, relative));
    else if (name.endsWith('.md')) found.push(relative);
  }
  return found;
}

function npmRoot() {
  try {
    return execFileSync('npm', ['root', '-g'], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

const target = process.argv[2];
if (!target) {
  console.error('usage: node eval/collect-node-docs.js DIR  (a new or empty folder outside the repository)');
  process.exit(2);
}
const sources = [
  { prefix: 'node-api', dir: path.resolve(path.dirname(process.execPath), '..', 'share', 'doc', 'nodejs', 'api') },
  { prefix: 'npm', dir: path.join(npmRoot(), 'npm', 'docs', 'content') },
];
mkdirSync(target, { recursive: true });
const manifest = [`# node ${process.version}`];
for (const { prefix, dir } of sources) {
  if (!existsSync(dir)) {
    console.error(`not found: ${dir} (skipped)`);
    continue;
  }
  const files = markdownUnder(dir);
  for (const file of files)
    copyFileSync(path.join(dir, file), path.join(target, `${prefix}_${file.split(path.sep).join('_')}`));
  manifest.push(`${prefix}\t${dir}\t${files.length} pages`);
  console.log(`${files.length} pages from ${dir}`);
}
writeFileSync(path.join(target, 'SOURCES'), `${manifest.join('\n')}\n`);
