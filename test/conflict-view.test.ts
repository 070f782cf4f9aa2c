// Side-by-side claim conflicts (reports/conflict-view.ts): values marked, untrusted sentences escaped, one line that
// says what differs.
import { describe, expect, it } from 'vitest';
import type { ClaimConflict } from '../pipeline/types.js';
import { conflictHtmlModel, conflictMarkdown, conflictSummary } from '../reports/conflict-view.js';
import { mdText } from '../reports/markdown.js';

const conflict: ClaimConflict = {
  subject: 'Acme <Corp>',
  attribute: 'revenue',
  values: [
    {
      value: '$412bn',
      path: 'a.txt',
      line: 3,
      column: 20,
      text: 'Acme made $412bn last year <script>alert(1)</script> | pipes',
      normalised: '412000000000 $',
    },
    {
      value: '$1,236bn',
      path: 'b.txt',
      line: 9,
      column: 11,
      text: 'Acme made $1,236bn last year <script>alert(1)</script> | pipes',
      normalised: '1236000000000 $',
    },
  ],
};

describe('conflict view', () => {
  it('says what differs and whether the sentences are otherwise the same', () => {
    expect(conflictSummary(conflict)).toBe('$412bn here, $1,236bn in b.txt:9:11 — the same sentence otherwise');
    const three = {
      ...conflict,
      values: [
        conflict.values[0],
        { ...conflict.values[0], path: 'c.txt' },
        { ...conflict.values[1], text: 'Other words, $1,236bn.' },
      ],
    };
    expect(conflictSummary(three)).toBe('$412bn here, $1,236bn in b.txt:9:11 — in different sentences');
  });
  it('marks the value in each escaped sentence and keeps the normalised value', () => {
    const model = conflictHtmlModel(conflict);
    expect(model.sides).toHaveLength(2);
    expect(model.sides[0].sentenceHtml).toContain('<mark class="diff">$412bn</mark>');
    expect(model.sides[1].sentenceHtml).toContain('<mark class="diff">$1,236bn</mark>');
    for (const side of model.sides) expect(side.sentenceHtml).not.toMatch(/<script/);
    expect(model.sides[0].normalised).toBe('412000000000 $');
  });
  it('renders a Markdown table, one column per version, values in bold and pipes escaped', () => {
    const md = conflictMarkdown(conflict, mdText);
    expect(md).toContain('| value | **\\$412bn** (412000000000 \\$) | **\\$1,236bn** (1236000000000 \\$) |');
    expect(md).toContain('**\\$1,236bn**');
    expect(md).not.toMatch(/[^\\]\| pipes/);
    expect(md).not.toContain('<script>');
  });
});
