// Sentence splitter: behaviour, a differential check against the previous regex implementation, and linear time.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ABBREVIATIONS, splitSentences } from '../pipeline/sentences.js';
import type { Sentence } from '../pipeline/types.js';

const texts = (s: Sentence[]) => s.map((x) => x.text);

describe('splitSentences', () => {
  it('splits on terminators followed by whitespace and keeps closing quotes', () => {
    expect(texts(splitSentences('One. Two! "Three?" Four…  Five'))).toEqual([
      'One.',
      'Two!',
      '"Three?"',
      'Four…',
      'Five',
    ]);
  });

  it('does not split abbreviations, initials, decimals or before lowercase words', () => {
    expect(
      texts(splitSentences('Dr. Smith met J. K. Rowling in the U.S. yesterday. Pi is 3.14 e.g. here. Next one.')),
    ).toEqual(['Dr. Smith met J. K. Rowling in the U.S. yesterday.', 'Pi is 3.14 e.g. here.', 'Next one.']);
  });

  it('knows the longest abbreviations (any case) and ends sentences at longer words', () => {
    expect(
      texts(splitSentences('It took APPROX. Ten days. Then Sept. Rain came. Ph.D. Students left. Smaller. Things.')),
    ).toEqual(['It took APPROX. Ten days.', 'Then Sept. Rain came.', 'Ph.D. Students left.', 'Smaller.', 'Things.']);
  });

  it('splits CJK text without spaces', () => {
    expect(texts(splitSentences('今日は晴れです。明日は雨！本当？はい'))).toEqual([
      '今日は晴れです。',
      '明日は雨！',
      '本当？',
      'はい',
    ]);
  });

  it('handles empty, whitespace-only and terminator-only input', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences('   \n ')).toEqual([]);
    expect(texts(splitSentences('...'))).toEqual(['...']);
    expect(texts(splitSentences('。。。'))).toEqual(['。。。']);
  });

  it('offsets always slice to the sentence text', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(
            'a',
            'B',
            ' ',
            '.',
            '!',
            '?',
            '…',
            '。',
            '"',
            ')',
            '\n',
            'é',
            'Dr',
            'e.g',
            '3',
            '\u00a0',
          ),
          maxLength: 80,
        }),
        (text) => {
          let previousEnd = 0;
          for (const s of splitSentences(text)) {
            expect(text.slice(s.start, s.end)).toBe(s.text);
            expect(s.start).toBeGreaterThanOrEqual(previousEnd);
            expect(s.text).toBe(s.text.trim());
            expect(s.text.length).toBeGreaterThan(0);
            previousEnd = s.end;
          }
        },
      ),
      { seed: 7, numRuns: 2000 },
    );
  });

  it('matches the previous regex implementation exactly (differential)', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(
            'a',
            'x',
            'B',
            ' ',
            '  ',
            '.',
            '..',
            '!',
            '?',
            '…',
            '。',
            '！',
            '？',
            '"',
            '”',
            ')',
            ']',
            '»',
            '\n',
            'J',
            'Dr',
            'u.s',
            'etc',
            '3',
            'é',
            '\u00a0',
            // Words around the longest abbreviation's length, a dotted one, and a capital that lower-cases longer.
            'Approx',
            'approx',
            'housing',
            'ph.d',
            'Sept',
            'İ',
          ),
          maxLength: 60,
        }),
        (text) => {
          expect(splitSentences(text)).toEqual(referenceSplit(text));
        },
      ),
      { seed: 11, numRuns: 4000 },
    );
  });

  it('is linear on long runs of terminators (the old regex was quadratic: 20k dots took 2 s)', () => {
    // The test timeout is the guard: quadratic splitting of these inputs would take hours.
    splitSentences(`${'.'.repeat(1_000_000)}x`);
    splitSentences(`${'!?'.repeat(500_000)}x`);
    splitSentences(`${'。'.repeat(500_000)}`);
    expect(splitSentences('a. '.repeat(300_000)).length).toBeGreaterThan(0);
  }, 30_000);
});

// ---- The implementation before the linear rewrite, kept as an oracle for short inputs (same abbreviation list). ----
const BOUNDARY = /([.!?…]+|[。！？]+)(["'”’)\]»]*)(\s+|$)|([。！？])/gu;

function referenceSplit(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  BOUNDARY.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = BOUNDARY.exec(text))) {
    const terminatorEnd = match.index + (match[1] ?? match[4] ?? '').length + (match[2] ?? '').length;
    const end = match.index + match[0].length;
    if (match[1] === '.' && referenceIsAbbreviation(text, match.index)) continue;
    const next = text.slice(end, end + 2);
    if (next && match[1] && /^[a-z]/.test(next) && match[1] === '.') continue;
    referencePush(sentences, text, start, terminatorEnd);
    start = end;
  }
  if (start < text.length) referencePush(sentences, text, start, text.length);
  return sentences;
}

function referenceIsAbbreviation(text: string, dotIndex: number): boolean {
  let i = dotIndex;
  while (i > 0 && /[\p{L}.]/u.test(text[i - 1])) i--;
  const word = text.slice(i, dotIndex).toLowerCase();
  if (!word) return false;
  if (ABBREVIATIONS.has(word)) return true;
  if (/^\p{Lu}$/u.test(text.slice(i, dotIndex))) return true;
  return /^(\p{L}\.)+\p{L}$/u.test(word);
}

function referencePush(list: Sentence[], text: string, start: number, end: number): void {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  if (e > s) list.push({ start: s, end: e, text: text.slice(s, e) });
}
