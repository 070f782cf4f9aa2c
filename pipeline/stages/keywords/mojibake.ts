// mojibake: text that was UTF-8 but got decoded with a single-byte code page ("cafÃ©", "donâ€™t", "HongĀ Kong").
// Every suspicious span is re-encoded to the code page and decoded as UTF-8; it is only reported when that gives
// valid, plausible text whose surroundings score lower on an ftfy-like badness measure (see mojibake-codec.ts).
import { z } from 'zod';
import { defineRule, type RuleFindingDraft } from '../../rule.js';
import { blockRange, sourceOffsetInBlock } from '../../source-map.js';
import { PROSE_KINDS, type Article, type Block } from '../../types.js';
import { applySpans, findMojibake, repairText, type MojibakeSpan } from './mojibake-codec.js';

export interface MojibakeOptions {
  /** Also scan code blocks and inline HTML blocks (off: code samples may show mojibake on purpose). */
  includeCode: boolean;
}

/** Make invisible characters visible in messages. */
export function visible(text: string): string {
  return text.replace(
    /[\u0080-\u009f\u00a0\u00ad\u200b-\u200d\u2060\ufeff]/g,
    (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`,
  );
}

interface Group {
  start: number;
  end: number;
  spans: MojibakeSpan[];
}

export function groupSpans(text: string, spans: MojibakeSpan[]): Group[] {
  const groups: Group[] = [];
  for (const span of spans) {
    const last = groups[groups.length - 1];
    if (last && /^(?:[\p{L}\p{N}]{0,20}|\s)$/u.test(text.slice(last.end, span.start))) {
      last.end = span.end;
      last.spans.push(span);
    } else groups.push({ start: span.start, end: span.end, spans: [span] });
  }
  return groups;
}

function sentenceAround(block: Block, start: number, end: number): { start: number; end: number } {
  // Sentences are sorted: the last one starting at or before `start` is the only candidate.
  const list = block.sentences;
  let lo = 0;
  let hi = list.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (list[mid].start <= start) lo = mid;
    else hi = mid - 1;
  }
  const s = list[lo];
  return s && s.start <= start && end <= s.end ? s : { start: 0, end: block.text.length };
}

/** The whole word(s) around [start, end): the span stretched to whitespace, at most 40 characters each way. */
function wordsAround(text: string, start: number, end: number): { start: number; end: number } {
  let ws = start;
  while (ws > 0 && start - ws < 40 && !/[ \t\n]/.test(text[ws - 1])) ws--;
  let we = end;
  while (we < text.length && we - end < 40 && !/[ \t\n]/.test(text[we])) we++;
  return { start: ws, end: we };
}

/** text[from, to) of a block with the spans inside it repaired, then any layer left in another code page. */
function repairedSlice(text: string, spans: MojibakeSpan[], from: number, to: number): string {
  return repairText(applySpans(text.slice(from, to), spansWithin(spans, from, to), from));
}

/** The spans (sorted, non-overlapping) that lie inside [from, to), found by binary search. */
function spansWithin(spans: MojibakeSpan[], from: number, to: number): MojibakeSpan[] {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].start < from) lo = mid + 1;
    else hi = mid;
  }
  const inside: MojibakeSpan[] = [];
  for (let i = lo; i < spans.length && spans[i].end <= to; i++) inside.push(spans[i]);
  return inside;
}

// Markup that may open or close a sentence in Markdown source (emphasis, code, a link's target).
const OPENING_MARKUP = /[*_~`[]/;
const CLOSING_MARKUP = /^(?:[*_~`]+|\]\([^()\s]*\)|\]|<\/[A-Za-z][\w-]*\s*>)+/;
const OPENING_TAG = /^<[A-Za-z][\w-]*(?:\s[^<>]*)?>$/;

/** The start of the markup (emphasis, code, link text, an inline HTML tag such as `<kbd>`) opening at `s`. */
function openingMarkupStart(src: string, s: number): number {
  for (;;) {
    if (s > 0 && OPENING_MARKUP.test(src[s - 1])) s--;
    else if (src[s - 1] === '>') {
      const lt = src.lastIndexOf('<', s - 1);
      if (lt < 0 || s - lt > 200 || !OPENING_TAG.test(src.slice(lt, s))) return s;
      s = lt;
    } else return s;
  }
}

/**
 * The sentence as written in the source file (Markdown markup included), with the block's spans mapped onto it, so
 * the suggestion can replace the source line as is. Null when the sentence spans lines or the mapping is not exact
 * (escapes, entities): the block's plain text is used then.
 */
function sourceSentence(
  article: Article,
  block: Block,
  sentence: { start: number; end: number },
  spans: MojibakeSpan[],
): { text: string; spans: MojibakeSpan[] } | null {
  const src = article.source.text;
  const last = block.text.slice(sentence.start, sentence.end).trimEnd().length + sentence.start - 1;
  if (last < sentence.start) return null;
  let s = sourceOffsetInBlock(block, sentence.start);
  let e = sourceOffsetInBlock(block, last) + 1;
  s = openingMarkupStart(src, s);
  e += CLOSING_MARKUP.exec(src.slice(e, e + 300))?.[0].length ?? 0;
  const inside = spansWithin(spans, sentence.start, sentence.end);
  if (!inside.length) return null;
  // A sentence wrapped over lines (or glued to a container line such as ":::tip"): keep the lines with the spans.
  const first = sourceOffsetInBlock(block, inside[0].start);
  const lastEnd = sourceOffsetInBlock(block, inside[inside.length - 1].end - 1) + 1;
  s = Math.max(s, src.lastIndexOf('\n', first - 1) + 1);
  const lineEnd = src.slice(lastEnd, e).search(/[\r\n]/);
  if (lineEnd >= 0) e = lastEnd + lineEnd;
  const text = src.slice(s, e);
  if (/[\r\n]/.test(text)) return null;
  const mapped: MojibakeSpan[] = [];
  for (const span of inside) {
    const start = sourceOffsetInBlock(block, span.start) - s;
    const end = sourceOffsetInBlock(block, span.end - 1) + 1 - s;
    if (text.slice(start, end) !== span.original) return null;
    mapped.push({ ...span, start, end });
  }
  return { text, spans: mapped };
}

/**
 * A block without sentences (a table, an HTML block): the source line that holds the spans, repaired in place, so the
 * suggestion is the table row or HTML line as written. Null when the spans cross lines or do not map exactly.
 */
function sourceLine(
  article: Article,
  block: Block,
  group: { start: number; end: number },
  spans: MojibakeSpan[],
): { evidence: string; suggestion: string } | null {
  const src = article.source.text;
  const inside = spansWithin(spans, group.start, group.end);
  if (!inside.length) return null;
  const first = sourceOffsetInBlock(block, inside[0].start);
  const s = src.lastIndexOf('\n', first - 1) + 1;
  let e = src.indexOf('\n', first);
  if (e < 0) e = src.length;
  const text = src.slice(s, e).replace(/\r$/, '');
  const mapped: MojibakeSpan[] = [];
  for (const span of inside) {
    const start = sourceOffsetInBlock(block, span.start) - s;
    const end = sourceOffsetInBlock(block, span.end - 1) + 1 - s;
    if (end > text.length || text.slice(start, end) !== span.original) return null;
    mapped.push({ ...span, start, end });
  }
  return { evidence: text, suggestion: repairText(applySpans(text, mapped)) };
}

/** Evidence (the sentence as written) and suggestion (the sentence repaired). */
function evidenceAndSuggestion(
  article: Article,
  block: Block,
  sentence: { start: number; end: number },
  spans: MojibakeSpan[],
): { evidence: string; suggestion: string } {
  if (!block.sentences.length) {
    const line = sourceLine(article, block, sentence, spans);
    if (line) return line;
  }
  const fromSource = article.format === 'markdown' ? sourceSentence(article, block, sentence, spans) : null;
  if (fromSource)
    return { evidence: fromSource.text, suggestion: repairText(applySpans(fromSource.text, fromSource.spans)) };
  return {
    evidence: block.text.slice(sentence.start, sentence.end),
    suggestion: repairedSlice(block.text, spans, sentence.start, sentence.end),
  };
}

/**
 * The text of a block to scan, with the same offsets as block.text: prose blocks and table cells as they are; an HTML
 * block's text between its tags (tags, comments, script and style bodies blanked: markup is no prose, but the words
 * in `<p>…</p>` or `<td>…</td>` are); code only with includeCode. Null for blocks to skip.
 */
export function scannableText(block: Block, includeCode: boolean): string | null {
  if (PROSE_KINDS.has(block.kind) || block.kind === 'table') return block.text;
  if (includeCode && (block.kind === 'code' || block.kind === 'html')) return block.text;
  if (block.kind !== 'html') return null;
  return block.text.replace(/<(script|style)\b[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->|<[^<>]*>/gi, (markup) =>
    markup.replace(/[^\n]/g, ' '),
  );
}

export const mojibakeRule = defineRule<MojibakeOptions>({
  id: 'mojibake',
  description:
    'Text that was UTF-8 but was decoded with a single-byte code page (Windows-1252/1250/1251/1257, Latin-1, MacRoman).',
  defaultSeverity: 'warning',
  options: z.object({
    includeCode: z
      .boolean()
      .default(false)
      .describe('Also scan code blocks and HTML blocks (off: code samples may show mojibake on purpose).'),
  }),
  check(article, { options }) {
    const findings: RuleFindingDraft[] = [];
    for (const block of article.blocks) {
      const scanned = scannableText(block, options.includeCode);
      if (scanned === null) continue;
      const spans = findMojibake(scanned);
      if (!spans.length) continue;
      // Groups in one sentence share its evidence and suggestion: compute them once (long garbled paragraphs).
      const perSentence = new Map<number, { evidence: string; suggestion: string }>();
      for (const group of groupSpans(block.text, spans)) {
        // Blocks without sentences (tables, HTML) are judged line by line: the group itself stands for its sentence.
        const sentence = block.sentences.length ? sentenceAround(block, group.start, group.end) : group;
        if (!perSentence.has(sentence.start))
          perSentence.set(sentence.start, evidenceAndSuggestion(article, block, sentence, spans));
        // Show the whole word(s) around the span, repaired through every layer.
        const words = wordsAround(block.text, group.start, group.end);
        const original = block.text.slice(words.start, words.end);
        const repaired = repairedSlice(block.text, spans, words.start, words.end);
        const pages = [...new Set(group.spans.map((s) => s.codePage))].join('/');
        findings.push({
          ...blockRange(article.source, block, group.start, group.end),
          message: `Mojibake "${visible(original)}": UTF-8 text decoded as ${pages}; it should read "${visible(repaired)}".`,
          ...perSentence.get(sentence.start),
        });
      }
    }
    return findings;
  },
});
