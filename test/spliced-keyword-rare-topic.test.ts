// spliced-keyword: the rare-topic vote (pipeline/stages/keywords/rare-topic.ts) for a lower-case commercial query used
// once that the deletion test leaves undecided. A topic word of the query (a vertical, never an intent word) used by at
// most two articles of a corpus of at least 50, its article using neither the word nor its stem elsewhere, and one edge
// of the span not ordinary English.
import { testRule } from './helpers/test-rule.js';
import { splicedKeywordRule } from '../pipeline/stages/keywords/spliced-keyword.js';

const para = (s: string) =>
  `# T\n\nThe river runs past the old mill and the church. ${s} Walkers enjoy the path in spring.\n`;
/** A corpus of `n` short articles about ferries; `text` says what article i holds. */
const ferries = (n: number, text = (i: number) => `Ferry ${i} left the harbour on time.`) =>
  Array.from({ length: n }, (_, i) => ({
    path: `f${String(i).padStart(2, '0')}.md`,
    text: `# Ferry ${i}\n\n${text(i)}\n`,
  }));
// "the new" reads on, but "deals new" is only never-seen: Brown and the corpus know "deals" too little to vouch, so the
// deletion test says nothing.
const pasted = para('The mayor opened the best vpn deals new bridge over the river on Monday.');

testRule(splicedKeywordRule, {
  valid: [
    {
      name: 'a rare intent word is no vote: "vpn" is used by three other articles, "deals" by none',
      text: pasted,
      corpus: ferries(60, (i) =>
        i < 3 ? 'Shoppers at the harbour said one used a vpn at work.' : `Ferry ${i} sailed.`,
      ),
    },
    { name: 'a small corpus cannot tell a rare word from a rare topic', text: pasted, corpus: ferries(10) },
    {
      name: 'a natural one-off mention of a topic no other article writes about: both edges are ordinary English',
      text: para('The council approved plans for cheap pet insurance and a new bridge over the river.'),
      corpus: ferries(60),
    },
    {
      name: 'a vertical the article is about under another form ("insurers", "insured"): not foreign to it',
      text:
        '# Cover\n\nInsurers said most homes were insured. ' +
        'The mayor opened the best insurance deals new bridge on Monday. Insurers met again.\n',
      corpus: ferries(60),
    },
  ],
  invalid: [
    {
      name: 'a topic word no other article of a 60-article corpus uses, at an edge that is not English',
      text: pasted,
      corpus: ferries(60),
      findings: [
        {
          line: 3,
          column: 71,
          endColumn: 85,
          message:
            'Spliced phrase "best vpn deals" does not fit the sentence ' +
            "('vpn' appears nowhere else in the article; " +
            'few articles of the audited corpus use "vpn", nor does the article elsewhere; ' +
            '"deals new" is not ordinary English (edge test)).',
          suggestion: 'The mayor opened the new bridge over the river on Monday.',
        },
      ],
    },
  ],
});
