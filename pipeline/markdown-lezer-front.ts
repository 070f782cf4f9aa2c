// Front matter for the Lezer parse path: remark-frontmatter reads `---` (yaml) or `+++` (toml) fences at the very
// start of the document (micromark-extension-frontmatter); Lezer does not know them, so the front matter is found
// here and blanked (line endings kept, so every offset stays) before Lezer parses the rest.

export interface FrontMatter {
  type: 'yaml' | 'toml';
  value: string;
  /** The end of the closing fence line, before its line ending. */
  end: number;
}

/** The end of the line starting at `at` (before \n, \r\n or \r). */
function endOfLine(text: string, at: number): number {
  let k = at;
  while (k < text.length && text.charCodeAt(k) !== 10 && text.charCodeAt(k) !== 13) k++;
  return k;
}

/** Is the line `text[from, to)` the fence followed only by spaces and tabs? */
function isFence(text: string, from: number, to: number, fence: string): boolean {
  return text.startsWith(fence, from) && /^[ \t]*$/.test(text.slice(from + fence.length, to));
}

function nextLine(text: string, end: number): number {
  return text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
}

export function frontMatterOf(text: string): FrontMatter | null {
  const fence = text.startsWith('---') ? '---' : text.startsWith('+++') ? '+++' : null;
  if (!fence) return null;
  const openEnd = endOfLine(text, 0);
  if (openEnd >= text.length || !isFence(text, 0, openEnd, fence)) return null;
  const valueStart = nextLine(text, openEnd);
  for (let start = valueStart; start <= text.length; ) {
    const end = endOfLine(text, start);
    if (isFence(text, start, end, fence)) {
      // The value is the lines between the fences, without the line ending before the closing fence.
      let valueEnd = start;
      if (valueEnd > valueStart)
        valueEnd -= text.charCodeAt(valueEnd - 2) === 13 && text.charCodeAt(valueEnd - 1) === 10 ? 2 : 1;
      return { type: fence === '---' ? 'yaml' : 'toml', value: text.slice(valueStart, valueEnd), end };
    }
    if (end >= text.length) return null;
    start = nextLine(text, end);
  }
  return null;
}

/** `text` with its first `end` characters blanked, line endings kept. */
export function masked(text: string, end: number): string {
  return text.slice(0, end).replace(/[^\r\n]/g, ' ') + text.slice(end);
}
