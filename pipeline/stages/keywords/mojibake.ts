// mojibake: text that was UTF-8 but got decoded with a single-byte code page ("cafÃ©", "donâ€™t", "HongĀ Kong").
// Every suspicious span is re-encoded to the code page and decoded as UTF-8; it is only reported when that gives
// valid, plausible text whose surroundings score lower on an ftfy-like badness measure (see mojibake-codec.ts).
import { defineRule } from '../../rule.js';
import { blockRange } from '../../source-map.js';
import { PROSE_KINDS, type Block, type FindingDraft } from '../../types.js';
import { findMojibake, repairText, type MojibakeSpan } from './mojibake-codec.js';

export interface MojibakeOptions {
  /** Also scan code blocks and inline HTML blocks (off: code samples may show mojibake on purpose). */
  includeCode: boolean;
}

/** Make invisible characters visible in messages. */
export function visible(text: string): string {
  return text.replace(/[\u0080-\u009f\u00a0\u00ad\u200b-\u200d\u2060\ufeff]/g, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`);
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
  for (const s of block.sentences) if (s.start <= start && end <= s.end) return s;
  return { start: 0, end: block.text.length };
}

export const mojibakeRule = defineRule<MojibakeOptions>({
  id: 'mojibake',
  description: 'Text that was UTF-8 but was decoded with a single-byte code page (Windows-1252/1250/1251/1257, Latin-1, MacRoman).',
  defaultSeverity: 'warning',
  defaults: { includeCode: false },
  check(article, { options }) {
    const findings: FindingDraft[] = [];
    for (const block of article.blocks) {
      if (!PROSE_KINDS.has(block.kind) && !(options.includeCode && (block.kind === 'code' || block.kind === 'html'))) continue;
      const spans = findMojibake(block.text);
      if (!spans.length) continue;
      for (const group of groupSpans(block.text, spans)) {
        // Show the whole word(s) around the span, repaired (repeatedly, for double mojibake).
        let ws = group.start;
        while (ws > 0 && group.start - ws < 40 && !/[ \t\n]/.test(block.text[ws - 1])) ws--;
        let we = group.end;
        while (we < block.text.length && we - group.end < 40 && !/[ \t\n]/.test(block.text[we])) we++;
        const original = block.text.slice(ws, we);
        const repaired = repairText(original);
        const sentence = sentenceAround(block, group.start, group.end);
        const pages = [...new Set(group.spans.map((s) => s.codePage))].join('/');
        findings.push({
          ruleId: 'mojibake',
          severity: 'warning',
          path: article.path,
          ...blockRange(article.source, block, group.start, group.end),
          message: `Mojibake "${visible(original)}": UTF-8 text decoded as ${pages}; it should read "${visible(repaired)}".`,
          evidence: block.text.slice(sentence.start, sentence.end),
          suggestion: repairText(block.text.slice(sentence.start, sentence.end)),
        });
      }
    }
    return findings;
  },
});
