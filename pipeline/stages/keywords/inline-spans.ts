// Where a block's inline Markdown constructs lie: shared by the rules that read spacing beside code and links.
import type { Block, InlineSpan } from '../../types.js';

export const isCode = (span: InlineSpan) => span.kind === 'code';

/** How many spans starting at or before an index are looked at: nesting (a link around emphasis around code) is shallow. */
const SPAN_LOOKBACK = 16;

/** block.text[index] lies inside an inline Markdown construct (of the kind `accept` takes, any by default). */
export function inSpan(block: Block, index: number, accept: (span: InlineSpan) => boolean = () => true): boolean {
  const spans = block.inline;
  if (!spans || index < 0) return false;
  // Spans are ordered by start: binary search the last one starting at or before index, then look back a few
  // (bounded, so a block with thousands of code spans stays linear overall).
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].start <= index) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo - 1; k >= 0 && k >= lo - SPAN_LOOKBACK; k--)
    if (index < spans[k].end && accept(spans[k])) return true;
  return false;
}
