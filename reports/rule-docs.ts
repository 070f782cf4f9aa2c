// Where a rule's documentation can be read: the one function every report's rule links come from (SARIF helpUri,
// the HTML and Markdown rule links). Issue 18: a link never 404s — it points at the repository's docs only when a URL
// is known (--docs-url, or a GitHub `repository` in package.json); otherwise reports name the rule without a link.
import { readFileSync } from 'node:fs';
import { ruleDocsPath } from '../pipeline/rule.js';

interface PackageInfo {
  homepage?: string;
  repository?: string | { url?: string };
}

const PACKAGE: PackageInfo = (() => {
  for (const rel of ['../../package.json', '../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as PackageInfo & { name?: string };
      if (pkg.name === 'content-audit') return pkg;
    } catch {
      // try the next location (dist/ vs source)
    }
  }
  return {};
})();

/** https://github.com/owner/repo from package.json `repository` (string or object, git+ / .git forms), if any. */
function repositoryUrl(): string | null {
  const raw = typeof PACKAGE.repository === 'string' ? PACKAGE.repository : PACKAGE.repository?.url;
  if (!raw) return null;
  const shorthand = /^(?:github:)?([\w.-]+)\/([\w.-]+)$/.exec(raw);
  if (shorthand) return `https://github.com/${shorthand[1]}/${shorthand[2].replace(/\.git$/, '')}`;
  const match = /^(?:git\+)?(https?:\/\/[^\s]+?)(?:\.git)?\/?$/.exec(raw);
  return match ? match[1] : null;
}

/**
 * Where a rule's documentation (docs/rules/<id>.md) can be read, as an absolute URL: under `base` (--docs-url) when
 * given, else in the package's GitHub repository at the tool's version tag — or null when no URL is known (no
 * --docs-url and no GitHub `repository` in package.json): the reports then name the rule without a link rather than
 * link a page that does not exist (the package is not on a registry).
 */
export function ruleDocsUrl(ruleId: string, version: string, base?: string): string | null {
  const page = ruleDocsPath(encodeURIComponent(ruleId));
  if (base) return `${base.replace(/\/+$/, '')}/${page}`;
  const repo = repositoryUrl();
  if (repo && /^https:\/\/github\.com\//.test(repo)) return `${repo}/blob/v${encodeURIComponent(version)}/${page}`;
  return null;
}

/** The tool's home page (absolute), or '' when package.json names none. */
export function toolInformationUri(): string {
  const home = PACKAGE.homepage && /^https?:\/\//.test(PACKAGE.homepage) ? PACKAGE.homepage : null;
  return home ?? repositoryUrl() ?? '';
}
