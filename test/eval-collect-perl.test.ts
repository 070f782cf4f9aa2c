// The Perl documentation collector (eval/collect-perl-docs.js): which converted pages it keeps, the two fixes it makes
// around pod2markdown (a link inside a code span; a verbatim paragraph right after a list), and, where pod2markdown
// is installed (apt-get install libpod-markdown-perl), a whole run over a few invented POD pages.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- the evaluation is plain JavaScript (like bench/), without declarations
import * as collector from '../eval/collect-perl-docs.js';
// @ts-expect-error -- plain JavaScript, as above
import { pageMeasures, skipReason } from '../eval/page-measures.js';

const { codeSpanLinks, collectPerlDocs, endListsBeforeVerbatim } = collector;

const limits = { minWords: 20, maxWords: 400 };
const sentence = 'The quick reader walks through each chapter slowly and notes what every example does. ';
const prose = (n: number) => sentence.repeat(n).trim();
const reason = (markdown: string) => skipReason(pageMeasures(markdown), { ...limits, english: true });

describe('collect-perl-docs: which pages are kept', () => {
  it('keeps a page of prose with some code, and measures words outside code', () => {
    const page = `# NAME\n\n${prose(4)}\n\n    my $x = 1;\n    print $x;\n\n- an item of a list\n`;
    const m = pageMeasures(page);
    expect(m.code).toBe(6);
    expect(m.prose).toBe(1 + 4 * 14 + 5);
    expect(reason(page)).toBeNull();
  });

  it('leaves out pages under and over the word limits', () => {
    expect(reason(`# NAME\n\n${prose(1)}\n`)).toBe('short');
    expect(reason(`# NAME\n\n${prose(30)}\n`)).toBe('long');
  });

  it('leaves out a page with more words in code blocks than outside', () => {
    const code = '    my @list = map { $_ * 2 } grep { $_ % 2 } 1 .. 10;\n'.repeat(8);
    expect(reason(`# NAME\n\n${prose(2)}\n\n${code}`)).toBe('mostly code');
  });

  it('leaves out an index: most words in short list entries, not in list paragraphs', () => {
    const entries = Array.from({ length: 12 }, (_, i) => `- How do I open file number ${i} for reading?`).join('\n');
    expect(reason(`# NAME\n\n${prose(1)}\n\n${entries}\n`)).toBe('contents');
    const long = Array.from({ length: 4 }, () => `- term\n\n    ${prose(2)}`).join('\n\n');
    expect(reason(`# NAME\n\n${prose(1)}\n\n${long}\n`)).toBeNull();
  });

  it('leaves out a page written mostly in a non-Latin script', () => {
    const japanese = 'このページはパールの日本語の案内です。'.repeat(4);
    const page = `# NAME\n\n${Array.from({ length: 25 }, () => japanese).join(' ')} perl\n`;
    expect(reason(page)).toBe('not English');
  });
});

describe('collect-perl-docs: fixes around pod2markdown', () => {
  it('turns a code span holding only a link into a link around code', () => {
    expect(codeSpanLinks('Use `[use v5.36](https://x.test/perlfunc#use)` or `a [b](c)`.')).toBe(
      'Use [`use v5.36`](https://x.test/perlfunc#use) or `a [b](c)`.',
    );
  });

  it('ends a list before a verbatim paragraph that follows it, and only there', () => {
    const pod = '=over 4\n\n=item one\n\n=back\n\n  code();\n\n=over\n\n=item two\n\n=back\n\nText.\n';
    expect(endListsBeforeVerbatim(pod)).toBe(
      '=over 4\n\n=item one\n\n=back\n\n=for markdown <!-- -->\n\n  code();\n\n=over\n\n=item two\n\n=back\n\nText.\n',
    );
  });
});

const hasPod2Markdown = spawnSync('pod2markdown', ['--utf8'], { input: '=pod\n\nx\n\n=cut\n' }).status === 0;

describe.skipIf(!hasPod2Markdown)('collect-perl-docs: a run over invented POD pages', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'perl-pod-'));
  const out = path.join(dir, 'out');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const tutorial = [
    '=encoding utf8',
    '=head1 NAME',
    'perlalpha - a walk through invented examples',
    '=head1 DESCRIPTION',
    `${prose(3)} Compare with C<L<use strict|strict>> when C<$a E<gt> $b> holds, as I<café> shows.`,
    'The E<lt>FHE<gt> construct reads a line, and so does <STDIN>.',
    '=over 4',
    '=item First step',
    'Read the chapter.',
    '=back',
    '    if ($a > $b) { print "<b>bold</b>\\n" }',
    'The end.',
  ].join('\n\n');
  writeFileSync(path.join(dir, 'perlalpha.pod'), `${tutorial}\n\n=cut\n`);
  writeFileSync(path.join(dir, 'perlbeta.pod'), `${tutorial}\n\n=cut\n`);
  writeFileSync(path.join(dir, 'perlgpl.pod'), `=head1 NAME\n\n${prose(3)}\n\n=cut\n`);
  writeFileSync(path.join(dir, 'perltiny.pod'), '=head1 NAME\n\nperltiny - too short\n\n=cut\n');
  writeFileSync(path.join(dir, 'README.pod'), `=head1 NAME\n\n${prose(3)}\n\n=cut\n`);
  const result = collectPerlDocs(dir, out, limits);

  it('keeps the tutorial as perl_<page>.md and says why the others went', () => {
    expect(result.kept).toEqual(['perlalpha']);
    expect(result.skipped).toEqual({ copy: ['perlbeta'], licence: ['perlgpl'], short: ['perltiny'] });
    expect(readdirSync(out)).toEqual(['perl_perlalpha.md']);
  });

  it('converts headings, links in code, entities, accents and the verbatim after the list', () => {
    const markdown = readFileSync(path.join(out, 'perl_perlalpha.md'), 'utf8');
    expect(markdown).toContain('# DESCRIPTION');
    expect(markdown).toMatch(/\[`use strict`\]\(https:\/\/metacpan\.org\/pod\/strict\)/);
    expect(markdown).toContain('`$a > $b`');
    expect(markdown).toContain('_café_');
    expect(markdown).toContain('The &lt;FH> construct reads a line, and so does &lt;STDIN>.');
    const tree = unified().use(remarkParse).parse(markdown);
    const code = tree.children.filter((n) => n.type === 'code').map((n) => ('value' in n ? n.value : ''));
    expect(code).toEqual(['if ($a > $b) { print "<b>bold</b>\\n" }']);
    expect(JSON.stringify(tree)).not.toMatch(/"type":"html","value":"<(FH|STDIN)>"/);
  });
});
