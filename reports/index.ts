// Format name → renderer. Renderers only read the report; they never analyse.
import type { ResolvedConfig } from '../pipeline/config.js';
import type { Report } from '../pipeline/types.js';
import type { Format } from './formats.js';
import { renderGithub } from './github.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderStylish } from './stylish.js';

export { FORMATS, OUT_FILES, type Format } from './formats.js';

export interface RenderOptions {
  color?: boolean;
  /** Markdown byte budget (UTF-8); default 60,000. */
  markdownMaxBytes?: number;
  /** GitHub annotations emitted (most severe first); default 10. */
  githubAnnotations?: number;
  /** Absolute http(s) base of the rule docs (`<base>/docs/rules/<id>.md`) for HTML, Markdown and SARIF links. */
  rulesBaseUrl?: string;
}

export function renderOptionsFrom(config: ResolvedConfig, color: boolean): RenderOptions {
  return { color, markdownMaxBytes: config.markdownMaxBytes, githubAnnotations: config.githubAnnotations };
}

export function render(format: Format, report: Report, options: RenderOptions = {}): string {
  switch (format) {
    case 'stylish':
      return renderStylish(report, { color: options.color });
    case 'json':
      return renderJson(report);
    case 'markdown':
      return renderMarkdown(report, { maxBytes: options.markdownMaxBytes, rulesBaseUrl: options.rulesBaseUrl });
    case 'html':
      return renderHtml(report, { rulesBaseUrl: options.rulesBaseUrl });
    case 'github':
      return renderGithub(report, { maxAnnotations: options.githubAnnotations });
    case 'sarif':
      return renderSarif(report, { rulesBaseUrl: options.rulesBaseUrl });
  }
}
