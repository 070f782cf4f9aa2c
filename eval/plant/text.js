// Parsing helpers: split a source into blocks (paragraphs), classify Markdown blocks, find sentences and words.

/** Split text into blocks separated by blank lines; losslessly re-joinable with '\n\n' + trailing. */
export function splitBlocks(text) {
  const m = text.match(/\n*$/);
  const trailing = m ? m[0] : '';
  const body = text.slice(0, text.length - trailing.length);
  return { parts: body.split('\n\n'), trailing };
}

/** Classify every line of a Markdown page: 'fm' (front matter), 'code' (fence), 'raw' (script/style), 'text'. */
function lineKinds(lines) {
  const kinds = new Array(lines.length).fill('text');
  let i = 0;
  if (lines[0] === '---') {
    kinds[0] = 'fm';
    for (i = 1; i < lines.length; i++) {
      kinds[i] = 'fm';
      if (lines[i] === '---') { i++; break; }
    }
  }
  let fence = null;
  let raw = null;
  for (; i < lines.length; i++) {
    const l = lines[i];
    if (fence) {
      kinds[i] = 'code';
      const t = l.trim();
      if (t.length >= fence.length && t === fence[0].repeat(t.length)) fence = null;
      continue;
    }
    const fm = l.match(/^\s*(`{3,}|~{3,})/);
    if (fm) { fence = fm[1]; kinds[i] = 'code'; continue; }
    if (raw) { kinds[i] = 'raw'; if (l.includes('</' + raw)) raw = null; continue; }
    const r = l.match(/^\s*<(script|style|template)\b/);
    if (r) { kinds[i] = 'raw'; if (!l.includes('</' + r[1])) raw = r[1]; continue; }
  }
  return kinds;
}

const PROSE_START_BAD = /^(\s|#|<|\||:::|>|[-*+] |\d+\. |!\[|\[!|\{\{|```|~~~|\$\$)/;

/** Block kind for a Markdown block given its lines' kinds. */
function docsBlockKind(text, kinds) {
  if (kinds.some((k) => k === 'fm')) return 'fm';
  if (kinds.some((k) => k !== 'text')) return 'code';
  const lines = text.split('\n');
  if (lines.every((l) => l.startsWith('|'))) return 'table';
  if (/^#{1,6} /.test(lines[0])) return 'heading';
  if (/^[-*] /.test(lines[0]) && lines.every((l) => /^\s*[-*] |^\s{2,}\S/.test(l))) return 'list';
  if (lines.some((l) => PROSE_START_BAD.test(l) || l === '')) return 'other';
  if (text.length < 70 || !/[a-z]{3,} [a-z]{2,} [a-z]{3,}/.test(text)) return 'other';
  if (!/[.!?:)]$/.test(text)) return 'other';
  return 'para';
}

/** Parse a source into { blocks: [{text, kind}], trailing }. */
export function parseSource(text, genre) {
  const { parts, trailing } = splitBlocks(text);
  if (genre === 'news') {
    return {
      trailing,
      blocks: parts.map((t, i) => ({ text: t, kind: i === 0 ? 'title' : t.length >= 40 && !t.includes('\n') ? 'para' : 'other' })),
    };
  }
  const lines = parts.join('\n\n').split('\n');
  const kinds = lineKinds(lines);
  let line = 0;
  const blocks = parts.map((t) => {
    const n = t.split('\n').length;
    const k = docsBlockKind(t, kinds.slice(line, line + n));
    line += n + 1;
    return { text: t, kind: k };
  });
  return { trailing, blocks };
}

/** Ranges in a Markdown paragraph that must not be split or edited (inline code, links, tags, URLs, moustaches). */
export function protectedRanges(text) {
  const out = [];
  for (const re of [/`[^`]*`/g, /!?\[[^\]]*\]\([^)]*\)/g, /<[^>]*>/g, /\{\{[\s\S]*?\}\}/g, /https?:\/\/\S+/g, /\*\*[^*]*\*\*/g, /\[[^\]]*\]/g]) {
    for (const m of text.matchAll(re)) out.push([m.index, m.index + m[0].length]);
  }
  return out;
}

export const inRanges = (ranges, s, e) => ranges.some(([a, b]) => s < b && e > a);

/** Sentence spans [{s, e}] (e exclusive, excluding the following whitespace). */
export function sentenceSpans(text) {
  const spans = [];
  let start = 0;
  const re = /[.!?]["'\u2019\u201D)]?(?=\s+["'\u201C(]?[A-Z0-9])/g;
  for (const m of text.matchAll(re)) {
    const end = m.index + m[0].length;
    // skip common abbreviations / initials
    const before = text.slice(Math.max(start, end - 6), end);
    if (/\b(Mr|Mrs|Ms|Dr|St|No|vs|e\.g|i\.e|[A-Z])\.$/.test(before)) continue;
    spans.push({ s: start, e: end });
    let n = end;
    while (n < text.length && /\s/.test(text[n])) n++;
    start = n;
  }
  if (start < text.length) spans.push({ s: start, e: text.length });
  return spans;
}

export function tokens(text) {
  const out = [];
  for (const m of text.matchAll(/\S+/g)) out.push({ s: m.index, e: m.index + m[0].length, t: m[0] });
  return out;
}

/** Tokens grouped by sentence. */
export function sentenceTokens(text) {
  const toks = tokens(text);
  return sentenceSpans(text).map((sp) => ({ ...sp, toks: toks.filter((t) => t.s >= sp.s && t.e <= sp.e) }));
}

export const FUNCTION_WORDS = new Set(['the', 'a', 'an', 'of', 'to', 'that', 'and', 'with', 'for', 'in', 'on', 'its',
  'their', 'by', 'from', 'at', 'as', 'or', 'his', 'her', 'this', 'these', 'those', 'into', 'than', 'but', 'our', 'your']);
