// Defaults the CLI shows in its help before anything else is loaded: copies of the pipeline's constants
// (pipeline/baseline.ts, pipeline/cache.ts), whose modules load more than the help needs; test/cli.test.ts checks that
// they match.
export const BASELINE_FILE_NAME = 'content-audit.baseline.json';
export const DEFAULT_CACHE_DIR = '.content-audit-cache';
