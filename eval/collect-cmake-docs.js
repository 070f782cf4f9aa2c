// A fifth real documentation set for `npm run eval -- --prose DIR`, gathered from what ships on the machine (never
// copied into this repository): CMake's reference documentation (`<cmake>/Help/**/*.rst`, BSD-3-Clause), converted
// from reStructuredText to Markdown the way a team publishing it would (headings, code blocks, notes, roles and
// links), with `.. include::` files inlined as Sphinx renders them. Pages under `--min-words` (default 120) are left
// out: most variable and property pages are two-line stubs. Nothing was tuned on it before 2026-12-07 (ninth
// session; docs/evaluation.md); the file names say which part of the manual a page is from.
//
//   node eval/collect-cmake-docs.js DIR [--help-dir PATH] [--min-words N]   then   npm run eval -- --prose DIR
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const RELEASE = cmakeVersion();
const HEADING_UNDERLINE = /^([=\-~^*#+"'`:.])\1{2,}\s*$/;
const DIRECTIVE = /^(\s*)\.\.\s+([\w:-]+)::\s*(.*)$/;
/** Directives whose body is dropped with them (navigation, output-format switches, anchors). */
const DROPPED = new Set(['toctree', 'only', 'raw', 'contents', 'title', 'cmake-module', 'literalinclude', 'index']);
const CODE = new Set(['code-block', 'code', 'parsed-literal', 'productionlist', 'sourcecode']);
const ADMONITION = { note: 'Note', warning: 'Warning', tip: 'Tip', important: 'Important', seealso: 'See also' };
const VERSIONED = {
  versionadded: 'New in version',
  versionchanged: 'Changed in version',
  deprecated: 'Deprecated since version',
};
/** Roles that name code (rendered as inline code); every other role renders as its plain text. */
const PLAIN_ROLES = new Set(['ref', 'doc', 'manual', 'term', 'guide']);

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

function inline(text) {
  const literals = [];
  const hold = (code) => `\u0000${literals.push(code) - 1}\u0000`;
  return text
    .replace(/``([^`]+?)``/g, (_, code) => hold(code))
    .replace(/:([\w-]+):`([^`]*?)\s*<[^`>]*>`/g, (_, role, label) => (PLAIN_ROLES.has(role) ? label : hold(label)))
    .replace(/:([\w-]+):`([^`]*)`/g, (_, role, label) => (PLAIN_ROLES.has(role) ? label : hold(label)))
    .replace(/`([^`<]+?)\s*<(https?:[^>]+)>`__?/g, '[$1]($2)')
    .replace(/(^|[^\w`])`([^`\s][^`]*?)`__?(?!\w)/g, '$1$2')
    .replace(/\|release\|/g, RELEASE)
    .replace(/\\([<>*_`|\\])/g, '$1')
    .replace(/\u0000(\d+)\u0000/g, (_, index) => `\`${literals[Number(index)]}\``);
}

/** `text` with `change` applied to everything outside fenced code blocks (a role may span lines, so whole runs). */
function outsideCode(text, change) {
  return text
    .split(/(^```[^\n]*\n[\s\S]*?^```$)/m)
    .map((part, index) => (index % 2 ? part : change(part)))
    .join('');
}

const indentOf = (line) => line.match(/^\s*/)[0].length;

/** The indented body after line `start` (a directive or `::` paragraph): its lines, and the index after it. */
function bodyAfter(lines, start, base) {
  let end = start + 1;
  while (end < lines.length && (!lines[end].trim() || indentOf(lines[end]) > base)) end++;
  while (end > start + 1 && !lines[end - 1].trim()) end--;
  const body = lines.slice(start + 1, end);
  const margin = Math.min(...body.filter((l) => l.trim()).map(indentOf));
  return { body: body.map((l) => l.slice(Number.isFinite(margin) ? margin : 0)), next: end };
}

function convert(source, dir, levels, depth = 0) {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const next = lines[i + 1] ?? '';
    if (HEADING_UNDERLINE.test(line) && HEADING_UNDERLINE.test(lines[i + 2] ?? '') && next.trim()) {
      i++; // an overlined heading: the overline is dropped, the title and underline are read below
      continue;
    }
    if (
      line.trim() &&
      !line.startsWith(' ') &&
      HEADING_UNDERLINE.test(next) &&
      next.trim().length >= line.trim().length - 1
    ) {
      const mark = next.trim()[0];
      if (!levels.includes(mark)) levels.push(mark);
      out.push(`${'#'.repeat(Math.min(6, levels.indexOf(mark) + 1))} ${line.trim()}`, '');
      i++;
      continue;
    }
    const directive = line.match(DIRECTIVE);
    if (directive) {
      const [, lead, name, argument] = directive;
      const { body, next: after } = bodyAfter(lines, i, lead.length);
      i = after - 1;
      if (name === 'include' && depth < 4) {
        const file = path.resolve(dir, argument.trim().replace(/^\//, ''));
        if (existsSync(file))
          out.push(...convert(readFileSync(file, 'utf8'), path.dirname(file), levels, depth + 1), '');
      } else if (CODE.has(name)) {
        out.push(`\`\`\`${argument.trim()}`, ...body.filter((l) => !/^:\w[\w-]*:/.test(l.trim())), '```', '');
      } else if (ADMONITION[name]) {
        const text = convert([argument, ...body].join('\n'), dir, levels, depth + 1).filter((l) => l.trim());
        out.push(`> **${ADMONITION[name]}:** ${text.join('\n> ')}`, '');
      } else if (VERSIONED[name]) {
        const [version, ...rest] = argument.trim().split(/\s+/);
        const text = convert([rest.join(' '), ...body].join('\n'), dir, levels, depth + 1);
        out.push(`*${VERSIONED[name]} ${version}.*`, '', ...text, '');
      } else if (!DROPPED.has(name) && !name.startsWith('_')) {
        // option, variable, genex, envvar, program, command: a term and its description
        if (argument.trim()) out.push(`\`${argument.trim()}\``, '');
        out.push(...convert(body.join('\n'), dir, levels, depth + 1), '');
      }
      continue;
    }
    if (/^\s*\.\.(\s|$)/.test(line)) {
      // a comment or link target, with any indented continuation
      i = bodyAfter(lines, i, indentOf(line)).next - 1;
      continue;
    }
    if (/::\s*$/.test(line)) {
      const text =
        line.trim() === '::' ? '' : inline(line.trimStart()).replace(/::\s*$/, line.trim().endsWith(' ::') ? '' : ':');
      if (text) out.push(text);
      let j = i + 1;
      while (j < lines.length && !lines[j].trim()) j++;
      if (j < lines.length && indentOf(lines[j]) > indentOf(line)) {
        const { body, next: after } = bodyAfter(lines, j - 1, indentOf(line));
        out.push('', '```', ...body, '```', '');
        i = after - 1;
      }
      continue;
    }
    out.push(line.replace(/^\s+(?![-*+] |\d+[.)] )/, '').replace(/^\s+([-*+] |\d+[.)] )/, '$1'));
  }
  return out;
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
mkdirSync(target, { recursive: true });
let kept = 0;
for (const file of rstUnder(helpDir)) {
  const full = path.join(helpDir, file);
  const markdown = `${outsideCode(convert(readFileSync(full, 'utf8'), path.dirname(full), []).join('\n'), inline)
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
  const words = markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .split(/\s+/)
    .filter(Boolean).length;
  if (words < minWords) continue;
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
  `# cmake ${RELEASE}\ncmake\t${helpDir}\t${kept} pages (>= ${minWords} words)\n`,
);
console.log(`${kept} pages (>= ${minWords} words outside code) from ${helpDir}`);
