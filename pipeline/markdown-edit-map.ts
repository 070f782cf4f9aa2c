// micromark's edit map, applied without copying the events before the first edit (docs/robustness.md, "Markdown
// parsing cost").
//
// micromark-util-edit-map 1.0.0's `consume` rebuilds the whole events array: it slices off the part after each edit,
// then copies the part before the first edit too (`events.slice()`) and pushes everything back. micromark's document
// tokenizer consumes an edit map each time a container closes at a blank line or a lazy line (document.js: the exits of
// a block quote or list item are moved before the line that closed it), with its edits near the end of the document's
// events. So every closing copied every event of the document so far: a file of many short block quotes or list items
// was quadratic (250 KB of two-line quotes: 4 s; 1 MB: 62 s), and so were tables in quotes or list items. `consume`
// below applies the same edits to the tail from the first edit only, leaving the events before it in place: the same
// array, element for element (test/markdown-edit-map.test.ts compares the two on random edits, and the trees of the
// guarded parser are compared with the upstream parser's, which keeps the original consume).
//
// The patch is in force only while the pipeline's parser parses (`withLinearEditMap`), so the upstream parser of the
// tests stays upstream. Remove this file when upstream's consume stops copying the head.
import { EditMap } from 'micromark-util-edit-map';

type Change = [number, number, unknown[]];
interface EditMapInternals {
  map: Change[];
  index: Map<number, Change>;
}

const upstreamConsume = EditMap.prototype.consume;

/** How many edit maps the linear consume applied (tests check the patch reaches micromark's own EditMap). */
export let linearConsumes = 0;

/** EditMap#consume with the same result, touching only the events from the first edit on. */
export function consumeTail(this: EditMapInternals, events: unknown[]): void {
  const map = this.map;
  map.sort((a, b) => a[0] - b[0]);
  if (map.length === 0) return;
  linearConsumes++;
  const first = Math.min(map[0][0], events.length);
  const tail = events.splice(first);
  const end = first + tail.length;
  let cursor = first; // the next original index to keep
  for (const [at, remove, add] of map) {
    // As upstream: a removal reaching past the next edit ends there (the events after that edit's own removal stay).
    for (let index = cursor; index < Math.min(at, end); index++) events.push(tail[index - first]);
    for (const event of add) events.push(event);
    cursor = at + remove;
  }
  for (let index = cursor; index < end; index++) events.push(tail[index - first]);
  map.length = 0;
  this.index.clear();
}

/** Run `parse` with the linear consume in micromark's EditMap. */
export function withLinearEditMap<T>(parse: () => T): T {
  const outer = EditMap.prototype.consume;
  EditMap.prototype.consume = consumeTail as unknown as typeof upstreamConsume;
  try {
    return parse();
  } finally {
    EditMap.prototype.consume = outer;
  }
}

/** The upstream consume (for the tests' comparison). */
export { upstreamConsume };
