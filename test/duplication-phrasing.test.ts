// similar-content needs shared wording: two stories about one event share its names and topic words, a spun
// version keeps runs of its source's phrasing (pipeline/stages/duplication/phrasing.ts).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditPairFixture } from './helpers/duplication-run.js';
import { articleFromText } from '../pipeline/article.js';
import type { DocSentences } from '../pipeline/stages/duplication/align.js';
import { duplicationStage } from '../pipeline/stages/duplication/index.js';
import {
  phraseTokens,
  sharedPhraseContentWords,
  sharesPhrase,
  stockPhrases,
} from '../pipeline/stages/duplication/phrasing.js';

const root = path.resolve(import.meta.dirname, 'fixtures/duplicates-same-event');
const sameSubject = path.resolve(import.meta.dirname, 'fixtures/duplicates-same-subject');
const stockFixture = path.resolve(import.meta.dirname, 'fixtures/duplicates-stock-phrases');
const options = { 'near-duplicate': {}, 'similar-content': {} };
const key = (p: { a: string; b: string }) => [p.a, p.b].sort().join('|');

describe('duplication: phrasing', () => {
  const shares = (a: string, b: string) => sharesPhrase(phraseTokens(a), phraseTokens(b));

  it('counts a run of ordinary wording, not shared names or stop words', () => {
    expect(
      shares('In the bustling metropolis of Oslo, trams run late.', 'A new era: in the bustling metropolis of Oslo.'),
    ).toBe(true);
    expect(shares('The city has witnessed a surge in startups.', 'Oslo is witnessing a surge in startups.')).toBe(true);
    // Names and the function words between them are the topic, not the wording.
    expect(
      shares('Rowers Henrik Dahl and Sofie Lund were banned.', 'The careers of Henrik Dahl and Sofie Lund are over.'),
    ).toBe(false);
    expect(
      shares(
        'An appeal goes to the European Rowing Tribunal in Lausanne.',
        'Even if the European Rowing Tribunal in Lausanne agrees.',
      ),
    ).toBe(false);
    // One content word in a run is a coincidence ("police in Copenhagen are").
    expect(shares('Police in Copenhagen are investigating.', 'Police in Copenhagen are still examining claims.')).toBe(
      false,
    );
  });

  it('reports the spun version, not the other story about the same case', () => {
    const labels = JSON.parse(readFileSync(path.join(root, 'labels.json'), 'utf8')) as {
      pairs: { a: string; b: string }[];
      negatives: { a: string; b: string }[];
    };
    const articles = readdirSync(root)
      .filter((f) => f.endsWith('.md'))
      .map((f) => articleFromText(f, readFileSync(path.join(root, f))));
    const byPath = new Map(articles.map((a) => [a.path, a]));
    const documents = articles.map((a) => ({
      path: a.path,
      words: a.words,
      features: duplicationStage.extract(a, options),
    }));
    const { result } = duplicationStage.run(documents, { options, focus: null, articleFor: (p) => byPath.get(p)! });
    const reported = new Set(result.pairs.map(key));
    for (const p of labels.pairs) expect(reported.has(key(p)), key(p)).toBe(true);
    for (const p of labels.negatives) expect(reported.has(key(p)), key(p)).toBe(false);
  });

  it('measures a shared run by its ordinary content words', () => {
    const run = (a: string, b: string) => sharedPhraseContentWords(phraseTokens(a), phraseTokens(b));
    // A term of art with its article: two content words.
    expect(run('Enter dist as the output folder.', 'The output folder is the directory it writes to.')).toBe(2);
    // A spinner's kept stretch: "AI algorithms analyze vast datasets" (four: "AI" is capitalised, a name).
    expect(
      run(
        'In healthcare, AI algorithms analyze vast datasets to help doctors.',
        'Hospitals use AI algorithms analyze vast datasets daily.',
      ),
    ).toBe(4);
    expect(run('Police in Copenhagen are investigating.', 'Police in Copenhagen are still examining claims.')).toBe(0);
    // A code identifier is a name: "find_package, find_program, find_library" is the topic, not the wording.
    expect(
      run(
        'Packages are searched by find_package, find_program, find_library and find_path.',
        'The prefix is searched by find_package, find_program, find_library and find_file.',
      ),
    ).toBe(0);
    expect(phraseTokens('call set_property carefully').map((t) => t.content)).toEqual([true, false, false, true]);
  });

  it('does not report two pages written independently on one subject, only the spun version', () => {
    const { labels, result, internals } = auditPairFixture(sameSubject);
    const reported = new Set(result.pairs.map(key));
    for (const p of labels.pairs) expect(reported.has(key(p)), key(p)).toBe(true);
    for (const p of labels.negatives) expect(reported.has(key(p)), key(p)).toBe(false);
    // The two deploy guides pass every other test: the same outline (nine sentences aligned in order, over 40 % of
    // each), the same figures (none), two aligned pairs sharing a run ("the output folder", "to the main branch").
    // Only the length of those runs tells them from a rewrite.
    const guides = internals!.tier2.find((m) => key(m) === 'deploy-harbor.md|publish-on-harbor.md')!;
    expect(guides.paraphrased).toBeGreaterThanOrEqual(4);
    expect(guides.longerCoverage).toBeGreaterThanOrEqual(0.3);
    expect(guides.phrased).toBeGreaterThanOrEqual(2);
    expect(guides.longestRun).toBeLessThan(3);
  });

  it("does not count the two pages' stock phrases as shared wording", () => {
    const doc = (...texts: string[]) => ({ sentences: texts.map((text) => ({ text })) }) as unknown as DocSentences;
    // Each page uses "made available to the template" in two of its sentences: the subject's stock phrase.
    const reference = doc(
      'Each ref will be made available to the template under its own name.',
      'The data ref will be made available to the template without unwrapping.',
    );
    const tutorial = doc(
      'These refs will be made available to the template as plain names.',
      'It will be made available to the template too.',
    );
    const stock = stockPhrases(reference, tutorial);
    expect(stock.has('made available to')).toBe(true);
    const run = (a: string, b: string, s?: ReadonlySet<string>) =>
      sharedPhraseContentWords(phraseTokens(a), phraseTokens(b), s);
    const [a, b] = [reference.sentences[0].text, tutorial.sentences[0].text];
    expect(run(a, b)).toBe(3);
    expect(run(a, b, stock)).toBe(0);
    // A phrase only one page repeats is no stock phrase of the pair (a rewrite keeps its source's own repetitions).
    expect(stockPhrases(reference, doc('Refs will be made available to the template.')).size).toBe(0);
  });

  it('does not report a reference page and a tutorial that share only stock phrases, only the spun version', () => {
    const { labels, result, internals } = auditPairFixture(stockFixture);
    const kinds = new Map(result.pairs.map((p) => [key(p), p.kind]));
    for (const p of labels.pairs) expect(kinds.get(key(p)), key(p)).toBe(p.kind);
    for (const p of labels.negatives) expect(kinds.has(key(p)), key(p)).toBe(false);
    // The two pages pass every other test: the same outline (six sentences in order over a third of each), no
    // figures, a cosine above strongCosine. Their shared runs are built from phrases each page repeats.
    const pages = internals!.tier2.find((m) => key(m) === 'reference-use-fetch.md|tutorial-loading-data.md')!;
    expect(pages.cosine).toBeGreaterThanOrEqual(0.42);
    expect(pages.paraphrased).toBeGreaterThanOrEqual(4);
    expect(Math.min(pages.coverage, pages.longerCoverage)).toBeGreaterThanOrEqual(0.3);
    expect(pages.phrased).toBe(0);
  });
});
