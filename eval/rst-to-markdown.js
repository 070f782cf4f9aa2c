// reStructuredText (Sphinx) to Markdown, as a team publishing its docs as Markdown would convert them: headings,
// literal and code blocks, notes, version notes, definition directives as a term and its text, roles and links as
// their text, `.. include::` inlined, tables and doctest sessions kept as code. Used by eval/collect-*-docs.js to
// gather real documentation sets for `npm run eval -- --prose DIR`; not part of the product.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const HEADING_UNDERLINE = /^([=\-~^*#+"'`:.])\1{2,}\s*$/;
const DIRECTIVE = /^(\s*)\.\.\s+([\w:-]+)::\s*(.*)$/;
const SIMPLE_TABLE_BORDER = /^\s*=+( +=+)+\s*$/;
const GRID_TABLE_BORDER = /^\s*\+[-=+]+\+\s*$/;
/** Directives whose body is dropped with them (navigation, output-format switches, anchors, authorship). */
const DROPPED = new Set([
  'toctree',
  'only',
  'raw',
  'contents',
  'title',
  'cmake-module',
  'literalinclude',
  'index',
  'module',
  'currentmodule',
  'moduleauthor',
  'sectionauthor',
  'highlight',
  'tabularcolumns',
  'testsetup',
  'testcleanup',
  'audit-event',
  'c:namespace',
  'default-role',
  'role',
]);
const CODE = new Set([
  'code-block',
  'code',
  'parsed-literal',
  'productionlist',
  'sourcecode',
  'doctest',
  'testcode',
  'testoutput',
]);
const ADMONITION = {
  note: 'Note',
  warning: 'Warning',
  tip: 'Tip',
  important: 'Important',
  seealso: 'See also',
  caution: 'Caution',
  hint: 'Hint',
  attention: 'Attention',
  danger: 'Danger',
  'impl-detail': 'CPython implementation detail',
};
const VERSIONED = {
  versionadded: 'New in version',
  versionchanged: 'Changed in version',
  deprecated: 'Deprecated since version',
  'deprecated-removed': 'Deprecated since version',
};
/** Roles that name prose (rendered as their plain text); every other role names code and renders as inline code. */
const PLAIN_ROLES = new Set(['ref', 'doc', 'manual', 'term', 'guide', 'dfn', 'emphasis', 'strong', 'abbr', 'title']);
const PREFIXED_ROLES = { pep: 'PEP', rfc: 'RFC' };

function roleText(role, label) {
  if (PREFIXED_ROLES[role]) return { text: `${PREFIXED_ROLES[role]} ${label.replace(/#.*$/, '')}`, code: false };
  let text = label.replace(/^!/, '');
  if (text.startsWith('~')) text = text.slice(1).split('.').at(-1);
  if (role === 'abbr') text = text.replace(/\s*\(.*\)\s*$/, '');
  return { text, code: !PLAIN_ROLES.has(role) };
}

function inline(text, release) {
  const literals = [];
  const hold = (code) => `\u0000${literals.push(code) - 1}\u0000`;
  const role = (name, label) => {
    const { text: shown, code } = roleText(name.replace(/^\w+:/, ''), label);
    return code ? hold(shown) : shown;
  };
  return text
    .replace(/``([^`]+?)``/g, (_, code) => hold(code))
    .replace(/:([\w:-]+):`([^`]*?)\s*<[^`>]*>`/g, (_, name, label) => role(name, label))
    .replace(/:([\w:-]+):`([^`]*)`/g, (_, name, label) => role(name, label))
    .replace(/`([^`<]+?)\s*<(https?:[^>]+)>`__?/g, '[$1]($2)')
    .replace(/(^|[^\w`])`([^`\s][^`]*?)`__?(?!\w)/g, '$1$2')
    .replace(/\|release\|/g, release)
    .replace(/\\([<>*_`|\\])/g, '$1')
    .replace(/\u0000(\d+)\u0000/g, (_, index) => `\`${literals[Number(index)]}\``);
}

/** `text` with `change` applied to everything outside fenced code blocks (a role may span lines, so whole runs). */
function outsideCode(text, change) {
  return text
    .split(/(^(?:> )*```[^\n]*\n[\s\S]*?^(?:> )*```$)/m)
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

/** A table (simple or grid) or a doctest session starting at line `i`: its last line's index, or -1. */
function preformattedEnd(lines, i) {
  const line = lines[i];
  if (GRID_TABLE_BORDER.test(line)) {
    let j = i;
    while (j + 1 < lines.length && /^\s*[+|]/.test(lines[j + 1])) j++;
    return j;
  }
  if (SIMPLE_TABLE_BORDER.test(line)) {
    let j = i + 1;
    let borders = 1;
    while (j < lines.length && borders < 3) {
      if (SIMPLE_TABLE_BORDER.test(lines[j])) {
        borders++;
        if (!(lines[j + 1] ?? '').trim()) break;
      }
      j++;
    }
    return Math.min(j, lines.length - 1);
  }
  if (/^\s*>>> /.test(line) && !(lines[i - 1] ?? '').trim()) {
    let j = i;
    while (j + 1 < lines.length && lines[j + 1].trim()) j++;
    return j;
  }
  return -1;
}

function directiveLines(name, argument, body, context, convert) {
  const { dir, levels, depth } = context;
  const nested = (text) => convert(text, dir, levels, depth + 1);
  if (name === 'include') {
    const file = depth < 4 ? context.resolveInclude(dir, argument.trim()) : null;
    return file ? [...convert(readFileSync(file, 'utf8'), path.dirname(file), levels, depth + 1), ''] : [];
  }
  if (CODE.has(name))
    return [`\`\`\`${argument.trim()}`, ...body.filter((l) => !/^:\w[\w-]*:/.test(l.trim())), '```', ''];
  if (ADMONITION[name]) return quoted(ADMONITION[name], nested([argument, ...body].join('\n')));
  if (VERSIONED[name]) {
    const [version, ...rest] = argument.trim().split(/\s+/);
    return [
      `*${VERSIONED[name]} ${version.replace(/,$/, '')}.*`,
      '',
      ...nested([rest.join(' '), ...body].join('\n')),
      '',
    ];
  }
  if (name === 'availability') return [`Availability: ${argument.trim()}`, ''];
  if (DROPPED.has(name) || name.startsWith('_')) return [];
  // option, variable, function, class, method, envvar, command…: a term and its description
  let options = 0;
  while (options < body.length && /^:[\w-]+:/.test(body[options])) options++; // the directive's own options
  return [...(argument.trim() ? [`\`${argument.trim()}\``, ''] : []), ...nested(body.slice(options).join('\n')), ''];
}

/**
 * A note's converted lines as one quotation: its label before the first paragraph, blank lines kept (as `>`), so
 * code blocks, lists and paragraphs inside it stay what they are.
 */
function quoted(label, lines) {
  let from = 0;
  let to = lines.length;
  while (from < to && !lines[from].trim()) from++;
  while (to > from && !lines[to - 1].trim()) to--;
  const text = lines
    .slice(from, to)
    .filter((l, i, all) => l.trim() || all[i - 1].trim())
    .map((l) => (l.trim() ? `> ${l}` : '>'));
  const first = lines[from] ?? '';
  if (!first.trim() || /^(```|[-*+] |\d+[.)] )/.test(first))
    return [`> **${label}:**`, ...(text.length ? ['>', ...text] : []), ''];
  return [`> **${label}:** ${first}`, ...text.slice(1).map((l) => l.replace(/\s+$/, '')), ''];
}

function headingAt(lines, i, levels) {
  const [line, next] = [lines[i], lines[i + 1] ?? ''];
  if (!line.trim() || line.startsWith(' ') || !HEADING_UNDERLINE.test(next)) return null;
  if (next.trim().length < line.trim().length - 1) return null;
  const mark = next.trim()[0];
  if (!levels.includes(mark)) levels.push(mark);
  return `${'#'.repeat(Math.min(6, levels.indexOf(mark) + 1))} ${line.trim()}`;
}

function literalBlock(lines, i, out) {
  const line = lines[i];
  const text = line.trim() === '::' ? '' : line.trimStart().replace(/::\s*$/, line.trim().endsWith(' ::') ? '' : ':');
  if (text) out.push(text);
  let j = i + 1;
  while (j < lines.length && !lines[j].trim()) j++;
  if (j >= lines.length || indentOf(lines[j]) <= indentOf(line)) return i;
  const { body, next: after } = bodyAfter(lines, j - 1, indentOf(line));
  out.push('', '```', ...body, '```', '');
  return after - 1;
}

function convertLines(source, dir, levels, depth, options) {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const out = [];
  const convert = (text, d, l, dp) => convertLines(text, d, l, dp, options);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (HEADING_UNDERLINE.test(line) && HEADING_UNDERLINE.test(lines[i + 2] ?? '') && (lines[i + 1] ?? '').trim())
      continue; // an overlined heading: the overline is dropped, the title and underline are read next
    const heading = headingAt(lines, i, levels);
    if (heading) {
      out.push(heading, '');
      i++;
      continue;
    }
    const directive = line.match(DIRECTIVE);
    if (directive) {
      const [, lead, name, argument] = directive;
      const { body, next: after } = bodyAfter(lines, i, lead.length);
      out.push(...directiveLines(name, argument, body, { dir, levels, depth, ...options }, convert));
      i = after - 1;
      continue;
    }
    if (/^\s*\.\.(\s|$)/.test(line)) {
      i = bodyAfter(lines, i, indentOf(line)).next - 1; // a comment or link target, with its continuation
      continue;
    }
    const end = options.preformatted ? preformattedEnd(lines, i) : -1;
    if (end >= 0) {
      const block = lines.slice(i, end + 1);
      const margin = Math.min(...block.filter((l) => l.trim()).map(indentOf));
      out.push('```', ...block.map((l) => l.slice(margin)), '```', '');
      i = end;
      continue;
    }
    if (/::\s*$/.test(line)) {
      i = literalBlock(lines, i, out);
      continue;
    }
    out.push(line.replace(/^\s+(?![-*+] |\d+[.)] )/, '').replace(/^\s+([-*+] |\d+[.)] )/, '$1'));
  }
  return out;
}

/** Sphinx's include: a path relative to the including file's folder, or to the source root when it starts with /. */
export function includeResolver(root, suffixes = ['']) {
  return (dir, target) => {
    const base = target.startsWith('/') ? path.join(root, target.slice(1)) : path.resolve(dir, target);
    for (const suffix of suffixes) if (existsSync(base + suffix)) return base + suffix;
    return null;
  };
}

/**
 * One page's Markdown. `release` replaces |release|; `resolveInclude(dir, target)` finds an included file;
 * `preformatted` keeps tables and doctest sessions as code blocks (off: they read as text lines, as in the CMake set).
 */
export function rstToMarkdown(
  source,
  { dir, release = '', resolveInclude = includeResolver(dir), preformatted = false },
) {
  const lines = convertLines(source, dir, [], 0, { resolveInclude, preformatted });
  return `${outsideCode(lines.join('\n'), (text) => inline(text, release))
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}

/** Words outside fenced code: pages under a floor are stubs. */
export function proseWords(markdown) {
  return markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .split(/\s+/)
    .filter(Boolean).length;
}
