// Every Markdown file below a folder (the repository's own .md, the fixtures, the real docs set read in place), for
// tests that compare our parse with upstream's on real files. A missing folder gives none.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const SKIPPED = new Set(['node_modules', 'dist']);

export function markdownFiles(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED.has(entry.name) || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) markdownFiles(path, out);
    else if (/\.(md|markdown|mdx)$/i.test(entry.name)) out.push(path);
  }
  return out;
}
