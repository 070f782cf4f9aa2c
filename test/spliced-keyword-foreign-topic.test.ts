// spliced-keyword: a lower-case phrase pasted into unrelated articles whose uses Brown cannot judge (the words
// around the gap are too rare there: "its dependencies", "component has") counts as repeated when hardly any other
// article of a corpus of at least 50 uses its vertical; a corpus that writes about the topic keeps the veto.
import { testRule } from './helpers/test-rule.js';
import { splicedKeywordRule } from '../pipeline/stages/keywords/spliced-keyword.js';

const tested =
  '# Watchers\n\nThe helper keeps tracking its 24 hour locksmith dependencies and reruns them when they change.\n';
const others = [
  {
    path: 'hooks.md',
    text: '# Hooks\n\nThe callback is called after the component 24 hour locksmith has been mounted in the page.\n',
  },
  {
    path: 'refs.md',
    text: '# Refs\n\nA composable may return 24 hour locksmith an object of refs that the caller destructures.\n',
  },
];
/** `n` short articles about a web framework; `text` says what article i holds. */
const framework = (n: number, text = (i: number) => `Component ${i} renders a list of items.`) =>
  Array.from({ length: n }, (_, i) => ({
    path: `c${String(i).padStart(2, '0')}.md`,
    text: `# Component ${i}\n\n${text(i)}\n`,
  }));

testRule(splicedKeywordRule, {
  valid: [
    {
      name: 'the corpus writes about the topic: three other articles use "locksmith", so the veto stands',
      text: tested,
      corpus: [
        ...others,
        ...framework(60, (i) => (i < 3 ? `The locksmith ${i} repaired the old door of the office.` : `Item ${i}.`)),
      ],
    },
    { name: 'a small corpus cannot tell a foreign topic', text: tested, corpus: [...others, ...framework(10)] },
  ],
  invalid: [
    {
      name: 'pasted into three unrelated articles of a 60-article corpus that never writes about locksmiths',
      text: tested,
      corpus: [...others, ...framework(60)],
      findings: [
        {
          line: 3,
          message:
            "Spliced phrase \"24 hour locksmith\" does not fit the sentence ('hour', 'locksmith' appear nowhere else " +
            'in the article; repeated in 3 unrelated articles of the corpus (different neighbouring words, none of ' +
            'them using its words elsewhere)).',
        },
      ],
    },
  ],
});
