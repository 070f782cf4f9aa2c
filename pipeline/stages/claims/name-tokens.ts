// The name chunker's tokens (findNames), read with character codes into two reused offset columns: no match object
// and no token object per word (every prose sentence is chunked, most of its tokens are lower-case words that only
// need their boundaries). The tokens are exactly the matches of NAME_TOKEN_PATTERN (flags gu); each BMP character's
// class is looked up once and remembered.

/** The pattern the scanner reads (test/name-tokens.test.ts compares the two). */
export const NAME_TOKEN_PATTERN =
  /[\p{L}\p{M}\p{N}]+(?:(?:['’.][\p{L}\p{M}\p{N}]+)|(?:-[\p{Lu}\p{N}][\p{L}\p{M}\p{N}]*))*|&|[^\s\p{L}\p{M}\p{N}]/gu;

const KNOWN = 1;
const LETTER_MARK_NUMBER = 2;
const UPPER_OR_NUMBER = 4;
const SPACE = 8;

/** Per BMP code unit, the bits above (0 = not looked up yet). */
const classes = new Uint8Array(0x10000);

function lookUp(cp: number): number {
  const ch = String.fromCodePoint(cp);
  return (
    KNOWN |
    (/^[\p{L}\p{M}\p{N}]$/u.test(ch) ? LETTER_MARK_NUMBER : 0) |
    (/^[\p{Lu}\p{N}]$/u.test(ch) ? UPPER_OR_NUMBER : 0) |
    (/^\s$/u.test(ch) ? SPACE : 0)
  );
}

function classOf(cp: number): number {
  if (cp >= 0x10000) return lookUp(cp);
  let found = classes[cp];
  if (found === 0) classes[cp] = found = lookUp(cp);
  return found;
}
// ASCII looked up at once, so the scanning loops read it without the not-yet-looked-up test.
for (let c = 0; c < 128; c++) classOf(c);

/** Whether the code unit at `i` is white space (what /\s/ says of that one code unit). */
export function isSpaceAt(text: string, i: number): boolean {
  return (classOf(text.charCodeAt(i)) & SPACE) !== 0;
}

/** Token offsets: token k is text.slice(starts[k], ends[k]). Grown as needed; one pair of columns per caller. */
export class TokenColumns {
  starts = new Int32Array(256);
  ends = new Int32Array(256);
  private grow(): void {
    const starts = new Int32Array(this.starts.length * 2);
    const ends = new Int32Array(this.ends.length * 2);
    starts.set(this.starts);
    ends.set(this.ends);
    this.starts = starts;
    this.ends = ends;
  }
  push(k: number, start: number, end: number): void {
    if (k === this.starts.length) this.grow();
    this.starts[k] = start;
    this.ends[k] = end;
  }
}

/** Where a run of [\p{L}\p{M}\p{N}] starting at `i` ends (`i` when none starts there). */
function letterRunEnd(text: string, i: number): number {
  while (i < text.length) {
    const unit = text.charCodeAt(i);
    if (unit < 128) {
      if ((classes[unit] & LETTER_MARK_NUMBER) === 0) break;
      i++;
      continue;
    }
    const cp = text.codePointAt(i)!;
    if ((classOf(cp) & LETTER_MARK_NUMBER) === 0) break;
    i += cp > 0xffff ? 2 : 1;
  }
  return i;
}

/** The tokens of `text` (NAME_TOKEN_PATTERN's matches, in order) into `out`; returns their number. */
export function nameTokens(text: string, out: TokenColumns): number {
  let n = 0;
  let i = 0;
  while (i < text.length) {
    const unit = text.charCodeAt(i);
    const cp = unit < 0xd800 ? unit : text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const c = unit < 128 ? classes[unit] : classOf(cp);
    if (c & LETTER_MARK_NUMBER) {
      let end = letterRunEnd(text, i + width);
      // (?:['’.][LMN]+ | -[Lu N][LMN]*)*: each part taken when it matches whole.
      for (;;) {
        const joiner = text.charCodeAt(end);
        if (joiner === 39 || joiner === 0x2019 || joiner === 46) {
          const after = letterRunEnd(text, end + 1);
          if (after === end + 1) break;
          end = after;
        } else if (joiner === 45 && end + 1 < text.length) {
          const next = text.codePointAt(end + 1)!;
          if ((classOf(next) & UPPER_OR_NUMBER) === 0) break;
          end = letterRunEnd(text, end + 1 + (next > 0xffff ? 2 : 1));
        } else break;
      }
      out.push(n++, i, end);
      i = end;
    } else {
      // "&" and any other character that is neither space nor letter, mark or number: one token each.
      if ((c & SPACE) === 0) out.push(n++, i, i + width);
      i += width;
    }
  }
  return n;
}
