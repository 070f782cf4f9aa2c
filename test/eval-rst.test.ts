// The rst converter that gathers the CMake and Python evaluation sets (eval/rst-to-markdown.js): a note keeps its
// paragraphs and code blocks, so the sets read as a team's converted docs would, not as run-on quotations.
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- the evaluation is plain JavaScript (like bench/), without declarations
import { rstToMarkdown } from '../eval/rst-to-markdown.js';

describe('rst to Markdown: notes', () => {
  it('keeps a note’s paragraphs apart and its literal block fenced inside the quotation', () => {
    const rst = [
      'Title',
      '=====',
      '',
      '.. note::',
      '',
      '   Use the ``--fast`` flag with care::',
      '',
      '      >>> run(fast=True)',
      '      ``done``',
      '',
      '   A second paragraph of the note.',
      '',
    ].join('\n');
    expect(rstToMarkdown(rst, { dir: '.' })).toBe(
      [
        '# Title',
        '',
        '> **Note:** Use the `--fast` flag with care:',
        '>',
        '> ```',
        '> >>> run(fast=True)',
        '> ``done``',
        '> ```',
        '>',
        '> A second paragraph of the note.',
        '',
      ].join('\n'),
    );
  });
});
