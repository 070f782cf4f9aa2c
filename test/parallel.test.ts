// Worker-thread normalisation must give exactly the articles the in-process path gives (it runs from the build).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSource } from '../pipeline/load.js';
import type { Article, SourceFile } from '../pipeline/types.js';

const root = path.resolve(import.meta.dirname, '..');
const built = path.join(root, 'dist', 'pipeline', 'parallel.js');

function corpus(n: number): SourceFile[] {
  const sources: SourceFile[] = [];
  for (let i = 0; i < n; i++) {
    const md = i % 2 === 0;
    const text = md
      ? `# Article ${i}\n\nThe *council* met on day ${i} and agreed the plan.\r\nIt costs €${i},000 — café naïve.\n\n- item one\n- item two\n\n| a | b |\n|---|---|\n| ${i} | x |\n`
      : `Title ${i}\n\nFirst paragraph of article ${i}, with a curly “quote” and an e\u0301 to compose.\n\n  1. A list item.\n`;
    sources.push(buildSource(`doc-${i}.${md ? 'md' : 'txt'}`, `/tmp/doc-${i}`, Buffer.from(text)).source!);
  }
  return sources;
}

const plain = (articles: Article[]) =>
  articles.map((a) => ({ ...a, source: a.source.path, blocks: a.blocks.map((b) => ({ ...b, sourceOffsets: Array.from(b.sourceOffsets) })) }));

describe.skipIf(!existsSync(built))('normaliseMany on worker threads', () => {
  it('matches in-process normalisation exactly, including offset maps', async () => {
    const { normaliseMany, PARALLEL_THRESHOLD } = (await import(built)) as typeof import('../pipeline/parallel.js');
    const sources = corpus(PARALLEL_THRESHOLD + 250);
    const threaded = await normaliseMany(sources, { threads: 2 });
    const inProcess = await normaliseMany(sources, { threads: 1 });
    expect(threaded).toHaveLength(sources.length);
    expect(plain(threaded)).toEqual(plain(inProcess));
  });
});
