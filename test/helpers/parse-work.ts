// A deterministic measure of Markdown parsing work: how many times micromark's tokenizers read an event (an index
// into an events array). The quadratic walks of the upstream GFM extensions are event reads, so "reads per input
// character" stays flat for a linear parser and grows with the size for a quadratic one — without timing anything.
import { parse, postprocess, preprocess } from 'micromark';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';
import { guardExtensions, withParseText } from '../../pipeline/markdown.js';
import { withLinearEditMap } from '../../pipeline/markdown-edit-map.js';
import { fastTableExtension } from '../../pipeline/markdown-table.js';

type Tokenizer = { events: unknown[] };
type Creator = (from?: unknown) => Tokenizer;

/**
 * Event reads of one parse of `text` (the extensions remark uses: GFM and front matter), guarded or upstream, and
 * with the pipeline's table reader when `fastTables` is set, its edit map when `linearEditMap` is.
 */
export function parseWork(
  text: string,
  options: { guard: boolean; fastTables?: boolean; linearEditMap?: boolean },
): number {
  const extensions = [gfm(), frontmatter(['yaml', 'toml'])];
  if (options.guard) guardExtensions(extensions as never);
  // The pipeline's table reader (pipeline/markdown-table.ts), registered after GFM as remarkFastTables does.
  if (options.fastTables) extensions.push(fastTableExtension(() => text) as never);
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
  // The guard's autolink look-ahead reads the text being parsed, as in the pipeline's parser.
  const run = () =>
    withParseText(text, () => postprocess(document.write(preprocess()(text, undefined, true)) as never));
  // The pipeline's edit map (pipeline/markdown-edit-map.ts), when asked.
  if (options.linearEditMap) withLinearEditMap(run);
  else run();
  return reads;
}

/** parseWork per character of `text`: flat as the text grows for a linear parse. */
export function workPerByte(text: string, options: Parameters<typeof parseWork>[1]): number {
  return parseWork(text, options) / text.length;
}

/** How many times the tokenizer of the construct named `name` is started in one guarded parse of `text`. */
export function constructTries(text: string, name: string): number {
  const extensions = [gfm(), frontmatter(['yaml', 'toml'])] as unknown as {
    text?: Record<string, { name?: string; tokenize: (...args: unknown[]) => unknown } | unknown[]>;
  }[];
  let tries = 0;
  const counted = new Map<unknown, unknown>();
  for (const extension of extensions) {
    const map = extension.text;
    if (!map) continue;
    for (const code of Object.keys(map)) {
      const count = (construct: { name?: string; tokenize: (...args: unknown[]) => unknown }) => {
        if (construct.name !== name) return construct;
        if (!counted.has(construct)) {
          const tokenize = construct.tokenize;
          counted.set(construct, {
            ...construct,
            tokenize(this: unknown, ...args: unknown[]) {
              tries++;
              return tokenize.apply(this, args);
            },
          });
        }
        return counted.get(construct) as typeof construct;
      };
      const value = map[code] as never;
      map[code] = Array.isArray(value) ? (value as never[]).map(count) : count(value);
    }
  }
  guardExtensions(extensions as never);
  const parser = parse({ extensions: extensions as never }) as unknown as {
    document: () => { write: (chunks: unknown) => unknown[] };
  };
  withParseText(text, () => postprocess(parser.document().write(preprocess()(text, undefined, true)) as never));
  return tries;
}
