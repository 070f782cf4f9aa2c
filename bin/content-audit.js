#!/usr/bin/env node
// Entry point. The CLI is compiled TypeScript in dist/ (built by `npm ci` via the prepare script).
import { existsSync } from 'node:fs';

const cli = new URL('../dist/bin/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('content-audit: not built yet. Run `npm ci` (or `npm run build`) in the content-audit folder first.\n');
  process.exit(2);
}
const { main } = await import(cli.href);
process.exitCode = await main(process.argv.slice(2));
