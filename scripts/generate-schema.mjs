#!/usr/bin/env node
// Writes schema/config.schema.json from the zod config schema and every rule's options (pipeline/config-schema.ts →
// fullConfigJsonSchema()).
//   node scripts/generate-schema.mjs          write the file
//   node scripts/generate-schema.mjs --check  exit 1 when the committed file is out of date
// test/registry.test.ts asserts the committed file matches, so a config change without regenerating fails CI.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = new URL('..', import.meta.url);
const target = fileURLToPath(new URL('schema/config.schema.json', root));

/** The schema file's exact text (shared with the test). */
export async function renderSchema() {
  const { fullConfigJsonSchema } = await tsImport('../pipeline/config-schema.ts', import.meta.url);
  return `${JSON.stringify(fullConfigJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = await renderSchema();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(target, 'utf8');
    } catch {
      // missing counts as out of date
    }
    if (current !== text) {
      process.stderr.write('schema/config.schema.json is out of date; run node scripts/generate-schema.mjs\n');
      process.exit(1);
    }
  } else {
    mkdirSync(fileURLToPath(new URL('schema/', root)), { recursive: true });
    writeFileSync(target, text);
    process.stdout.write(`wrote ${target}\n`);
  }
}
