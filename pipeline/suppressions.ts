// Inline suppressions: HTML comments in the article and a `content-audit:` front-matter key.
// Pure: articles + findings in, kept findings + unused-suppression findings out.
//
//   <!-- content-audit-disable rule-a rule-b -->   … <!-- content-audit-enable rule-a -->   (no ids = all rules)
//   <!-- content-audit-disable-next-line rule-a -->
//   <!-- content-audit-disable-file rule-a -->
//   front matter:  content-audit: { disable: [rule-a] }     (or `disable: true` for every rule)
//
// Anything after ` -- ` inside the comment is a free-text reason and is ignored.
import { parse as parseYaml } from 'yaml';
import { positionAt } from './source-map.js';
import type { Article, FindingDraft } from './types.js';

export const UNUSED_SUPPRESSION = 'unused-suppression';

export type DirectiveKind = 'disable' | 'enable' | 'disable-next-line' | 'disable-file' | 'front-matter';

export interface Directive {
  kind: DirectiveKind;
  /** Rule ids named by the directive; null = all rules. */
  ruleIds: string[] | null;
  /** 1-based line/column of the comment (or the front-matter key). */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A suppression in effect over a line range of one file. */
interface Scope {
  directive: Directive;
  /** null = all rules (minus `except`). */
  ruleIds: Set<string> | null;
  except: Set<string>;
  fromLine: number;
  toLine: number;
  /** Rule ids (or '*' for an all-rules directive) that suppressed at least one finding. */
  used: Set<string>;
}

export interface FileSuppressions {
  path: string;
  directives: Directive[];
  scopes: Scope[];
}

// The directive grammar is ours (not user input): `<!--` ws `content-audit-<kind>` [ws ids] [ws -- reason] ws `-->`.
const COMMENT =
  /<!--\s*content-audit-(disable-next-line|disable-file|disable|enable)(?=[\s,]|-->)([\s\S]{0,2000}?)-->/g;

function parseIds(body: string): string[] | null {
  const reasonAt = body.search(/(?:^|\s)--(?:\s|$)/);
  const list = (reasonAt >= 0 ? body.slice(0, reasonAt) : body).trim();
  if (!list) return null;
  const ids = list.split(/[\s,]+/).filter(Boolean);
  return ids.length ? [...new Set(ids)] : null;
}

/** Source ranges where `<!--` is literal text rather than a comment (fenced/indented code, inline code). */
function literalRanges(article: Article): [number, number][] {
  const ranges: [number, number][] = [];
  for (const block of article.blocks) {
    if (block.kind === 'html' || block.text.length === 0) continue;
    if (block.kind !== 'code' && !block.text.includes('<!--')) continue;
    ranges.push([block.sourceOffsets[0], block.sourceOffsets[block.text.length]]);
  }
  return ranges;
}

/** The leading `---` YAML block of a file (also for plain text, which normalise does not parse for front matter). */
export function leadingFrontMatter(text: string): { data: unknown; startLine: number; lines: string[] } | null {
  const match = /^---[ \t]*(\r\n|\n|\r)([\s\S]*?)(?:\r\n|\n|\r)(?:---|\.\.\.)[ \t]*(?:\r\n|\n|\r|$)/.exec(text);
  if (!match) return null;
  try {
    return { data: parseYaml(match[2]), startLine: 2, lines: match[2].split(/\r\n|\n|\r/) };
  } catch {
    return null;
  }
}

function frontMatterDirective(article: Article): Directive | null {
  let data: unknown = article.frontMatter;
  let lines: string[] = [];
  let startLine = 2;
  const raw = leadingFrontMatter(article.source.text);
  if (raw) {
    lines = raw.lines;
    startLine = raw.startLine;
    if (!data) data = raw.data;
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return null;
  const setting = (data as Record<string, unknown>)['content-audit'];
  if (!setting || typeof setting !== 'object' || Array.isArray(setting)) return null;
  const disable = (setting as Record<string, unknown>).disable;
  let ruleIds: string[] | null;
  if (disable === true || disable === '*') ruleIds = null;
  else if (typeof disable === 'string') ruleIds = [disable];
  else if (Array.isArray(disable)) {
    ruleIds = [
      ...new Set(
        disable.filter((id): id is string => typeof id === 'string' && id.trim() !== '').map((id) => id.trim()),
      ),
    ];
    if (!ruleIds.length) return null;
  } else return null;
  // Point at the `content-audit:` key when we can find it.
  let line = 1;
  const index = lines.findIndex((text) => /^['"]?content-audit['"]?\s*:/.test(text));
  if (index >= 0) line = startLine + index;
  return { kind: 'front-matter', ruleIds, line, column: 1, endLine: line, endColumn: 1 };
}

/** Parse the directives of one article from its original text. */
export function parseDirectives(article: Article): Directive[] {
  const text = article.source.text;
  const directives: Directive[] = [];
  // Fast path for the vast majority of files: neither a directive nor the front-matter key can be present.
  if (!text.includes('content-audit')) return directives;
  const fm = frontMatterDirective(article);
  if (fm) directives.push(fm);
  if (!text.includes('content-audit-')) return directives;
  const literal = article.format === 'markdown' ? literalRanges(article) : [];
  COMMENT.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = COMMENT.exec(text))) {
    const start = match.index;
    if (literal.some(([from, to]) => start >= from && start < to)) continue;
    const s = positionAt(article.source, start);
    const e = positionAt(article.source, start + match[0].length);
    directives.push({
      kind: match[1] as DirectiveKind,
      ruleIds: parseIds(match[2]),
      line: s.line,
      column: s.column,
      endLine: e.line,
      endColumn: e.column,
    });
  }
  return directives;
}

function nextContentLine(article: Article, afterLine: number): number {
  const { text, lineStarts } = article.source;
  for (let line = afterLine + 1; line <= lineStarts.length; line++) {
    const from = lineStarts[line - 1];
    const to = lineStarts[line] ?? text.length;
    if (text.slice(from, to).trim() !== '') return line;
  }
  return afterLine + 1;
}

/** Turn directives into line scopes (disable…enable regions, next line, whole file). */
export function buildScopes(article: Article, directives: Directive[]): FileSuppressions {
  const scopes: Scope[] = [];
  const open: Scope[] = [];
  const lastLine = article.source.lineStarts.length;
  const make = (
    directive: Directive,
    fromLine: number,
    toLine: number,
    ruleIds: string[] | null,
    except: Iterable<string> = [],
  ): Scope => ({
    directive,
    ruleIds: ruleIds ? new Set(ruleIds) : null,
    except: new Set(except),
    fromLine,
    toLine,
    used: new Set(),
  });
  const ordered = [...directives].sort((a, b) => a.line - b.line || a.column - b.column);
  for (const directive of ordered) {
    switch (directive.kind) {
      case 'front-matter':
      case 'disable-file':
        scopes.push(make(directive, 1, Number.MAX_SAFE_INTEGER, directive.ruleIds));
        break;
      case 'disable-next-line': {
        const line = nextContentLine(article, directive.endLine);
        scopes.push(make(directive, line, line, directive.ruleIds));
        break;
      }
      case 'disable': {
        const scope = make(directive, directive.line, lastLine, directive.ruleIds);
        scopes.push(scope);
        open.push(scope);
        break;
      }
      case 'enable': {
        const closing = directive.ruleIds;
        for (let i = open.length - 1; i >= 0; i--) {
          const scope = open[i];
          if (!closing) {
            scope.toLine = directive.line;
            open.splice(i, 1);
          } else if (scope.ruleIds) {
            const remaining = [...scope.ruleIds].filter((id) => !closing.includes(id));
            if (remaining.length === scope.ruleIds.size) continue;
            // Close the named ids here; the others stay disabled in a continuation scope that shares the directive.
            scope.toLine = directive.line;
            open.splice(i, 1);
            if (remaining.length) {
              const rest = make(scope.directive, directive.line + 1, lastLine, remaining);
              rest.used = scope.used;
              scopes.push(rest);
              open.push(rest);
            }
          } else {
            // An all-rules region: re-enable the named rules from here on, keep the rest disabled.
            scope.toLine = directive.line;
            open.splice(i, 1);
            const rest = make(scope.directive, directive.line + 1, lastLine, null, [...scope.except, ...closing]);
            rest.used = scope.used;
            scopes.push(rest);
            open.push(rest);
          }
        }
        break;
      }
    }
  }
  return { path: article.path, directives, scopes };
}

function covers(scope: Scope, finding: FindingDraft): boolean {
  if (finding.line < scope.fromLine || finding.line > scope.toLine) return false;
  if (scope.ruleIds) return scope.ruleIds.has(finding.ruleId);
  return !scope.except.has(finding.ruleId);
}

export interface SuppressOptions {
  /** Paths whose unused suppressions are reported (the audited files); null = all. */
  focus?: ReadonlySet<string> | null;
  /** Rule ids that are switched off: suppressions naming only those are not reported as unused. */
  isOff?: (ruleId: string) => boolean;
  /** Known rule ids: a suppression naming an unknown id is reported. */
  knownRuleIds?: ReadonlySet<string>;
}

export interface SuppressResult {
  kept: FindingDraft[];
  suppressed: FindingDraft[];
  unused: FindingDraft[];
}

/** One article's suppressions (null when it has none). Plain data with shared references: survives structured clone. */
export function fileSuppressions(article: Article): FileSuppressions | null {
  const directives = parseDirectives(article);
  return directives.length ? buildScopes(article, directives) : null;
}

/** Parse every article's suppressions once. */
export function collectSuppressions(articles: readonly Article[]): Map<string, FileSuppressions> {
  const byPath = new Map<string, FileSuppressions>();
  for (const article of articles) {
    const file = fileSuppressions(article);
    if (file) byPath.set(article.path, file);
  }
  return byPath;
}

/**
 * Drop findings covered by a suppression in their own file, and report suppressions that matched nothing
 * (severity info, rule unused-suppression) at the comment's line.
 */
export function applySuppressions(
  findings: readonly FindingDraft[],
  suppressions: readonly Article[] | Iterable<FileSuppressions>,
  options: SuppressOptions = {},
): SuppressResult {
  const files = new Map<string, FileSuppressions>();
  for (const item of suppressions) {
    // Usage is recorded on the scopes: work on a copy so the caller's (cached) data stays as it was.
    const file = 'blocks' in item ? fileSuppressions(item) : structuredClone(item);
    if (file) files.set(file.path, file);
  }
  const kept: FindingDraft[] = [];
  const suppressed: FindingDraft[] = [];
  for (const finding of findings) {
    const file = files.get(finding.path);
    // Unused-suppression findings are never themselves suppressible by inline comments (configure the rule instead).
    const scope =
      file && finding.ruleId !== UNUSED_SUPPRESSION
        ? file.scopes.find((candidate) => covers(candidate, finding))
        : undefined;
    if (!scope) {
      kept.push(finding);
      continue;
    }
    suppressed.push(finding);
    for (const candidate of file!.scopes) {
      if (covers(candidate, finding)) candidate.used.add(candidate.ruleIds ? finding.ruleId : '*');
    }
  }

  const unused: FindingDraft[] = [];
  for (const file of files.values()) {
    if (options.focus && !options.focus.has(file.path)) continue;
    // Scopes split by an enable share their directive; usage is shared too.
    const usedByDirective = new Map<Directive, Set<string>>();
    for (const scope of file.scopes) {
      const used = usedByDirective.get(scope.directive) ?? new Set<string>();
      for (const id of scope.used) used.add(id);
      usedByDirective.set(scope.directive, used);
    }
    for (const directive of file.directives) {
      if (directive.kind === 'enable') continue;
      const used = usedByDirective.get(directive) ?? new Set<string>();
      const label =
        directive.kind === 'front-matter' ? 'front-matter content-audit.disable' : `content-audit-${directive.kind}`;
      const base = {
        ruleId: UNUSED_SUPPRESSION,
        severity: 'info' as const,
        path: file.path,
        line: directive.line,
        column: directive.column,
        endLine: directive.endLine,
        endColumn: directive.endColumn,
      };
      if (!directive.ruleIds) {
        if (used.size === 0) {
          unused.push({
            ...base,
            message: `${label} (all rules) suppressed nothing.`,
            evidence: `${label} *`,
            suggestion: 'Remove the comment, or name the rule it is meant for.',
          });
        }
        continue;
      }
      for (const id of directive.ruleIds) {
        if (used.has(id)) continue;
        if (options.knownRuleIds && !options.knownRuleIds.has(id)) {
          unused.push({
            ...base,
            message: `${label} names unknown rule "${id}".`,
            evidence: `${label} ${id}`,
            suggestion: 'Check the rule id (see docs/rules/).',
          });
          continue;
        }
        if (options.isOff?.(id)) continue;
        unused.push({
          ...base,
          message: `${label} ${id} suppressed nothing.`,
          evidence: `${label} ${id}`,
          suggestion: 'Remove the suppression; the problem it hid is gone.',
        });
      }
    }
  }
  return { kept, suppressed, unused };
}
