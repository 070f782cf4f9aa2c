// Findings about the same characters that suggest opposite fixes are reconciled, so a report never asks for two
// incompatible edits of one span (issue #18, "one span, two opposite fixes"). Today one pair of rules does this:
// `spliced-keyword` (remove the phrase) and `mojibake` (repair the characters, keeping the phrase) — e.g. "Hong<U+0100>
// <U+00A0>Kong AI" spliced into a sentence, whose no-break space was also mis-decoded. The splice's removal wins: it
// removes the mis-decoded characters too. The mojibake finding stays (the bytes are still wrong), takes the splice's
// suggestion, says why in its message, and points at the splice finding as a related location.
import type { FindingDraft, Range } from './types.js';

/** Does range `a` overlap range `b` (positions are line/column, end exclusive)? */
function overlaps(a: Range, b: Range): boolean {
  const before = (l1: number, c1: number, l2: number, c2: number) => l1 < l2 || (l1 === l2 && c1 < c2);
  return before(a.line, a.column, b.endLine, b.endColumn) && before(b.line, b.column, a.endLine, a.endColumn);
}

/** The drafts with overlapping mojibake findings reconciled with the spliced-keyword finding they sit in. Pure. */
export function reconcileOverlaps(drafts: FindingDraft[]): FindingDraft[] {
  const splices = new Map<string, FindingDraft[]>();
  for (const draft of drafts) {
    if (draft.ruleId !== 'spliced-keyword') continue;
    const list = splices.get(draft.path) ?? [];
    list.push(draft);
    splices.set(draft.path, list);
  }
  if (splices.size === 0) return drafts;
  return drafts.map((draft) => {
    if (draft.ruleId !== 'mojibake') return draft;
    const splice = splices.get(draft.path)?.find((candidate) => overlaps(draft, candidate));
    if (!splice) return draft;
    return {
      ...draft,
      message:
        `${draft.message} These characters are inside a spliced phrase (spliced-keyword ` +
        `at ${splice.line}:${splice.column}): removing the phrase removes them too, so the removal wins over the ` +
        `repair.`,
      ...(splice.suggestion ? { suggestion: splice.suggestion } : {}),
      related: [
        ...(draft.related ?? []),
        { path: splice.path, line: splice.line, column: splice.column, message: `spliced-keyword: ${splice.message}` },
      ],
    };
  });
}
