// Stage 2: SourceFile → Article. Markdown goes through unified + remark-parse; plain text through a small block splitter.
// Every character of every block keeps its offset in the original text, so findings point at the original line/column.
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import { parse as parseYaml } from 'yaml';
import { splitSentences } from './sentences.js';
import type { Article, Block, BlockKind, FindingDraft, SourceFile } from './types.js';
import { rangeOfOffsets } from './source-map.js';

// Minimal structural view of mdast nodes (avoids depending on @types/mdast).
interface MdNode {
  type: string;
  value?: string;
  depth?: number;
  alt?: string;
  children?: MdNode[];
  position?: { start: { offset?: number }; end: { offset?: number } };
}

const markdownParser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']);

export function isMarkdownPath(p: string): boolean {
  return /\.(md|markdown|mdx)$/i.test(p);
}

/** Accumulates text with a per-character source offset. */
class MappedText {
  chars: string[] = [];
  offsets: number[] = [];
  push(value: string, offsets: number[]): void {
    for (let i = 0; i < value.length; i++) {
      this.chars.push(value[i]);
      this.offsets.push(offsets[i]);
    }
  }
  pushAligned(value: string, source: string, start: number, end: number): void {
    // Greedy alignment of node value against its source slice: exact when the value is a substring
    // (plain text), tolerant of escapes, entities and stripped continuation indentation otherwise.
    const slice = source.slice(start, end);
    const exact = slice.indexOf(value);
    const offsets: number[] = new Array(value.length);
    if (exact >= 0) {
      for (let i = 0; i < value.length; i++) offsets[i] = start + exact + i;
    } else {
      let j = 0;
      for (let i = 0; i < value.length; i++) {
        const k = slice.indexOf(value[i], j);
        if (k >= 0 && k - j < 12) {
          offsets[i] = start + k;
          j = k + 1;
        } else offsets[i] = start + Math.min(j, Math.max(0, slice.length - 1));
      }
    }
    this.push(value, offsets);
  }
  get length(): number {
    return this.chars.length;
  }
}

function nfcWithMap(text: string, offsets: number[], endOffset: number): { text: string; sourceOffsets: Int32Array } {
  const normalised = text.normalize('NFC');
  if (normalised === text) {
    const map = new Int32Array(text.length + 1);
    for (let i = 0; i < text.length; i++) map[i] = offsets[i];
    map[text.length] = endOffset;
    return { text, sourceOffsets: map };
  }
  // Normalise per cluster (a base character and its combining marks) so each output char maps to its cluster start.
  const out: string[] = [];
  const map: number[] = [];
  const clusters = text.match(/[\s\S](?:\p{M})*/gu) ?? [];
  let index = 0;
  for (const cluster of clusters) {
    const n = cluster.normalize('NFC');
    for (let k = 0; k < n.length; k++) {
      out.push(n[k]);
      map.push(offsets[index]);
    }
    index += cluster.length;
  }
  const result = new Int32Array(map.length + 1);
  result.set(map);
  result[map.length] = endOffset;
  return { text: out.join(''), sourceOffsets: result };
}

function makeBlock(kind: BlockKind, mapped: MappedText, endOffset: number, inList: boolean, depth?: number): Block | null {
  // Trim surrounding whitespace while keeping the map aligned.
  let s = 0;
  let e = mapped.length;
  while (s < e && /\s/.test(mapped.chars[s])) s++;
  while (e > s && /\s/.test(mapped.chars[e - 1])) e--;
  if (s === e) return null;
  const raw = mapped.chars.slice(s, e).join('');
  const end = e < mapped.length ? mapped.offsets[e] : mapped.offsets[e - 1] + 1;
  const { text, sourceOffsets } = nfcWithMap(raw, mapped.offsets.slice(s, e), Math.max(end, endOffset > 0 ? Math.min(end, endOffset) : end));
  const block: Block = { kind, inList, text, sourceOffsets, sentences: [] };
  if (depth !== undefined) block.depth = depth;
  block.sentences = kind === 'code' || kind === 'html' || kind === 'table' || kind === 'thematicBreak' ? [] : splitSentences(text);
  return block;
}

function collectInline(node: MdNode, source: string, out: MappedText): void {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      if (node.value !== undefined && start !== undefined && end !== undefined) out.pushAligned(node.value, source, start, end);
      return;
    case 'break':
      if (start !== undefined) out.push('\n', [start]);
      return;
    case 'html':
      return; // inline HTML (comments, tags) is markup, not prose
    case 'image':
    case 'imageReference':
      return;
    default:
      for (const child of node.children ?? []) collectInline(child, source, out);
  }
}

interface WalkState {
  blocks: Block[];
  frontMatter: Record<string, unknown> | null;
  issues: FindingDraft[];
}

function walkMarkdown(node: MdNode, source: SourceFile, state: WalkState, inList: boolean, inQuote: boolean, depth: number): void {
  // Deeply nested input (thousands of levels) must not blow the stack; beyond this depth we flatten.
  const start = node.position?.start.offset ?? 0;
  const end = node.position?.end.offset ?? start;
  switch (node.type) {
    case 'yaml': {
      try {
        const data = parseYaml(node.value ?? '');
        if (data && typeof data === 'object' && !Array.isArray(data)) state.frontMatter = data as Record<string, unknown>;
      } catch (error) {
        const range = rangeOfOffsets(source, start, end);
        state.issues.push({
          ruleId: 'invalid-front-matter', severity: 'warning', path: source.path, ...range,
          message: `Front matter is not valid YAML: ${String((error as Error).message).split('\n')[0]}`,
          suggestion: 'Fix the YAML between the --- lines; the rest of the article was still audited.',
        });
      }
      return;
    }
    case 'toml':
      return;
    case 'heading':
    case 'paragraph': {
      const mapped = new MappedText();
      collectInline(node, source.text, mapped);
      const kind: BlockKind = node.type === 'heading' ? 'heading' : inQuote ? 'blockquote' : inList ? 'listItem' : 'paragraph';
      const block = makeBlock(kind, mapped, end, inList, node.type === 'heading' ? node.depth : undefined);
      if (block) state.blocks.push(block);
      return;
    }
    case 'code':
    case 'html': {
      const mapped = new MappedText();
      if (node.value !== undefined) mapped.pushAligned(node.value, source.text, start, end);
      const block = makeBlock(node.type === 'code' ? 'code' : 'html', mapped, end, inList);
      if (block) state.blocks.push(block);
      return;
    }
    case 'thematicBreak': {
      const mapped = new MappedText();
      mapped.push(source.text.slice(start, end), Array.from({ length: end - start }, (_, i) => start + i));
      const block = makeBlock('thematicBreak', mapped, end, inList);
      if (block) state.blocks.push(block);
      return;
    }
    case 'table': {
      const mapped = new MappedText();
      for (const row of node.children ?? []) {
        for (const cell of row.children ?? []) {
          collectInline(cell, source.text, mapped);
          mapped.push(' | ', [end - 1, end - 1, end - 1]);
        }
      }
      const block = makeBlock('table', mapped, end, inList);
      if (block) state.blocks.push(block);
      return;
    }
    default: {
      const nextList = inList || node.type === 'listItem';
      const nextQuote = inQuote || node.type === 'blockquote';
      if (depth > 200) {
        // Flatten pathological nesting into one paragraph.
        const mapped = new MappedText();
        collectInline(node, source.text, mapped);
        const block = makeBlock('paragraph', mapped, end, nextList);
        if (block) state.blocks.push(block);
        return;
      }
      for (const child of node.children ?? []) walkMarkdown(child, source, state, nextList, nextQuote, depth + 1);
    }
  }
}

const LIST_MARKER = /^[ \t]*(?:\d{1,3}[.)]|[-*+•·–])[ \t]+/;

/** Plain text: blocks separated by blank lines; list-marker lines start list items; short unpunctuated lines are headings. */
function plainTextBlocks(source: SourceFile): Block[] {
  const text = source.text;
  const blocks: Block[] = [];
  const lines = source.lineStarts.map((start, i) => {
    const next = source.lineStarts[i + 1] ?? text.length;
    let end = next;
    while (end > start && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
    return { start, end };
  });
  let current: { start: number; end: number; list: boolean }[] = [];
  const flush = () => {
    if (!current.length) return;
    const mapped = new MappedText();
    const isList = current[0].list;
    current.forEach((line, i) => {
      if (i > 0) mapped.push('\n', [current[i - 1].end]);
      mapped.push(text.slice(line.start, line.end), Array.from({ length: line.end - line.start }, (_, k) => line.start + k));
    });
    const last = current[current.length - 1];
    const single = current.length === 1;
    const content = mapped.chars.join('').trim();
    const wordCount = content.split(/\s+/).length;
    const headingLike = single && !isList && wordCount <= 14 && !/[.!?。！？,;]["'”’)]?$/.test(content);
    const kind: BlockKind = isList ? 'listItem' : headingLike ? 'heading' : 'paragraph';
    const block = makeBlock(kind, mapped, last.end, isList, kind === 'heading' ? 2 : undefined);
    if (block) blocks.push(block);
    current = [];
  };
  for (const line of lines) {
    const content = text.slice(line.start, line.end);
    if (content.trim() === '') {
      flush();
      continue;
    }
    const marker = LIST_MARKER.exec(content);
    if (marker) {
      flush();
      current.push({ start: line.start + marker[0].length, end: line.end, list: true });
      continue;
    }
    if (current.length && current[0].list) flush();
    current.push({ start: line.start, end: line.end, list: false });
  }
  flush();
  // The first line of a plain-text file is its title.
  if (blocks.length && blocks[0].kind !== 'listItem') {
    const first = blocks[0];
    const newline = first.text.indexOf('\n');
    if (newline < 0) {
      // A one-line first block is the title; it reads as a heading only when it looks like one.
      if (first.kind === 'heading') first.depth = 1;
    } else {
      const head = new MappedText();
      head.push(first.text.slice(0, newline), Array.from(first.sourceOffsets.subarray(0, newline)));
      const rest = new MappedText();
      rest.push(first.text.slice(newline + 1), Array.from(first.sourceOffsets.subarray(newline + 1, first.text.length)));
      const titleBlock = makeBlock('heading', head, first.sourceOffsets[newline], false, 1);
      const restBlock = makeBlock('paragraph', rest, first.sourceOffsets[first.text.length], false);
      blocks.splice(0, 1, ...[titleBlock, restBlock].filter((b): b is Block => b !== null));
    }
  }
  return blocks;
}

export function countWords(text: string): number {
  let count = 0;
  for (const _ of text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}\p{M}'’_-]*|\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana}/gu)) count++;
  // Han/Kana characters inside a Latin run are counted once as part of the run; good enough for density maths.
  return count;
}

const PROSE: ReadonlySet<BlockKind> = new Set(['heading', 'paragraph', 'listItem', 'blockquote', 'tableCell']);

/** Pure core of normalisation. */
export function normalise(source: SourceFile): Article {
  const format = isMarkdownPath(source.path) ? 'markdown' : 'text';
  const state: WalkState = { blocks: [], frontMatter: null, issues: [] };
  if (format === 'markdown') {
    const tree = markdownParser.parse(source.text) as unknown as MdNode;
    walkMarkdown(tree, source, state, false, false, 0);
  } else {
    state.blocks = plainTextBlocks(source);
  }
  const titleBlockIndex = format === 'text' ? (state.blocks.length && state.blocks[0].kind !== 'listItem' ? 0 : -1) : state.blocks.findIndex((b) => b.kind === 'heading');
  const fmTitle = state.frontMatter && typeof state.frontMatter.title === 'string' ? state.frontMatter.title : null;
  const title = fmTitle ?? (titleBlockIndex >= 0 ? state.blocks[titleBlockIndex].text : null);
  let words = 0;
  for (const block of state.blocks) if (PROSE.has(block.kind)) words += countWords(block.text);
  return {
    path: source.path,
    source,
    format,
    title,
    titleBlockIndex: titleBlockIndex >= 0 ? titleBlockIndex : null,
    blocks: state.blocks,
    words,
    frontMatter: state.frontMatter,
    issues: state.issues,
  };
}

/** Whitespace folding for analysis only (never for positions). */
export function foldWhitespace(text: string): string {
  return text.replace(/[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+/g, ' ').trim();
}
