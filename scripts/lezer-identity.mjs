// The Lezer parse path on real pages (issue #18), as a script: the real articles must not enter the repository.
// For every tuning-half page of the real documentation set (/work/shared/real-prose/docs-vue/*.md) and news articles
// (bbc/*.txt read as Markdown), and this repository's docs/*.md: is it eligible (pipeline/markdown-lezer-eligible.ts),
// did the converter give a tree, and is that tree upstream's with phrasing content removed?
// Usage: npm run build && node scripts/lezer-identity.mjs [--all-reasons]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { halfOf } from '../eval/split.js';
import { createMarkdownParser } from '../dist/pipeline/markdown.js';
import { parseWithLezer } from '../dist/pipeline/markdown-lezer.js';
import { lezerIneligibility } from '../dist/pipeline/markdown-lezer-eligible.js';

const REAL = '/work/shared/real-prose';
const upstream = createMarkdownParser({ guard: false });
const PHRASING_PARENTS = new Set(['paragraph', 'heading', 'tableCell']);
function strip(node) {
  if (PHRASING_PARENTS.has(node.type)) return { ...node, children: [] };
  return node.children ? { ...node, children: node.children.map(strip) } : node;
}

function files(dir, pattern, tuningOnly) {
  let names;
  try {
    names = readdirSync(dir).filter((name) => pattern.test(name));
  } catch {
    return [];
  }
  return names.filter((name) => !tuningOnly || halfOf(name) === 'tuning').map((name) => join(dir, name));
}

const sets = {
  'docs-vue (tuning)': files(join(REAL, 'docs-vue'), /\.md$/, true),
  'bbc (tuning)': files(join(REAL, 'bbc'), /\.txt$/, true),
  'repository docs/': files('docs', /\.md$/, false),
};
for (const [label, list] of Object.entries(sets)) {
  const counts = { files: list.length, eligible: 0, converted: 0, identical: 0, different: 0 };
  const reasons = {};
  const differing = [];
  for (const file of list) {
    const text = readFileSync(file, 'utf8');
    const why = lezerIneligibility(text);
    if (why) {
      reasons[why] = (reasons[why] ?? 0) + 1;
      continue;
    }
    counts.eligible++;
    let declined = '';
    const ours = parseWithLezer(text, undefined, (reason) => {
      declined = `declined: ${reason}`;
    });
    if (!ours) {
      reasons[declined] = (reasons[declined] ?? 0) + 1;
      continue;
    }
    counts.converted++;
    if (JSON.stringify(strip(ours)) === JSON.stringify(strip(upstream.parse(text)))) counts.identical++;
    else {
      counts.different++;
      differing.push(file);
    }
  }
  console.log(JSON.stringify({ set: label, ...counts, notRead: reasons, differing }));
}
