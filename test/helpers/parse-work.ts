// A deterministic measure of Markdown parsing work: how many times micromark's tokenizers read an event (an index
// into an events array). The quadratic walks of the upstream GFM extensions are event reads, so "reads per input
// character" stays flat for a linear parser and grows with the size for a quadratic one — without timing anything.
import { parse, postprocess, preprocess } from 'micromark';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';
import { guardExtensions } from '../../pipeline/markdown.js';

type Tokenizer = { events: unknown[] };
type Creator = (from?: unknown) => Tokenizer;

/** Event reads of one parse of `text` (the extensions remark uses: GFM and front matter), guarded or upstream. */
export function parseWork(text: string, options: { guard: boolean }): number {
  const extensions = [gfm(), frontmatter(['yaml', 'toml'])];
  if (options.guard) guardExtensions(extensions as never);
  const parser = parse({ extensions }) as unknown as Record<string, Creator>;
  let reads = 0;
  const counting = (events: unknown[]) =>
    new Proxy(events, {
      get(target, key, receiver) {
        if (typeof key === 'string' && key.length > 0 && key.charCodeAt(0) >= 48 && key.charCodeAt(0) <= 57) reads++;
        return Reflect.get(target, key, receiver);
      },
    });
  for (const name of ['document', 'flow', 'content', 'string', 'text']) {
    const create = parser[name];
    parser[name] = (from) => {
      const tokenizer = create(from);
      tokenizer.events = counting(tokenizer.events);
      return tokenizer;
    };
  }
  const document = (parser.document as unknown as () => { write: (chunks: unknown) => unknown[] })();
  postprocess(document.write(preprocess()(text, undefined, true)) as never);
  return reads;
}
