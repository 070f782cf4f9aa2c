#!/usr/bin/env node
// Entry point. The CLI is compiled TypeScript in dist/ (built by `npm ci` via the prepare script).
import { existsSync } from 'node:fs';

const cli = new URL('../dist/bin/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write(
    'content-audit: not built yet. Run `npm ci` (or `npm run build`) in the content-audit folder first.\n',
  );
  process.exit(2);
}
const { main, EXIT } = await import(cli.href);
const code = await main(process.argv.slice(2));
// Stopped by Ctrl-C or SIGTERM: leave now, whatever thread or handle is still winding down.
if (code === EXIT.interrupted || code === EXIT.terminated) process.exit(code);
process.exitCode = code;
