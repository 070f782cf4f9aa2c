// The output formats and the files --out writes: known without loading any renderer (the CLI parses its arguments
// with them before the audit, and loads the renderers only for the formats it prints).
export const FORMATS = ['stylish', 'json', 'markdown', 'html', 'github', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

/** Files written by --out DIR. */
export const OUT_FILES: { format: Format; name: string }[] = [
  { format: 'html', name: 'audit.html' },
  { format: 'markdown', name: 'audit.md' },
  { format: 'json', name: 'audit.json' },
];
