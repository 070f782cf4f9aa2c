// Hand-written single-byte code-page tables for bytes 0x80..0xFF (index = byte - 0x80), so results do not depend on
// the runtime's TextDecoder (Node maps 'windows-1252' and 'iso-8859-1' to plain Latin-1 in some versions).
const CP1252 =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178' +
  latin1Range(0xa0, 0xff);
const LATIN1 = latin1Range(0x80, 0xff); // ISO-8859-1: 0x80..0x9F are the C1 control characters
const CP1257 =
  '\u20AC\u0081\u201A\u0083\u201E\u2026\u2020\u2021\u0088\u2030\u008A\u2039\u008C\u00A8\u02C7\u00B8' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u0098\u2122\u009A\u203A\u009C\u00AF\u02DB\u009F' +
  '\u00A0\uFFFD\u00A2\u00A3\u00A4\uFFFD\u00A6\u00A7\u00D8\u00A9\u0156\u00AB\u00AC\u00AD\u00AE\u00C6' +
  '\u00B0\u00B1\u00B2\u00B3\u00B4\u00B5\u00B6\u00B7\u00F8\u00B9\u0157\u00BB\u00BC\u00BD\u00BE\u00E6' +
  '\u0104\u012E\u0100\u0106\u00C4\u00C5\u0118\u0112\u010C\u00C9\u0179\u0116\u0122\u0136\u012A\u013B' +
  '\u0160\u0143\u0145\u00D3\u014C\u00D5\u00D6\u00D7\u0172\u0141\u015A\u016A\u00DC\u017B\u017D\u00DF' +
  '\u0105\u012F\u0101\u0107\u00E4\u00E5\u0119\u0113\u010D\u00E9\u017A\u0117\u0123\u0137\u012B\u013C' +
  '\u0161\u0144\u0146\u00F3\u014D\u00F5\u00F6\u00F7\u0173\u0142\u015B\u016B\u00FC\u017C\u017E\u02D9';
const MACROMAN =
  '\u00C4\u00C5\u00C7\u00C9\u00D1\u00D6\u00DC\u00E1\u00E0\u00E2\u00E4\u00E3\u00E5\u00E7\u00E9\u00E8' +
  '\u00EA\u00EB\u00ED\u00EC\u00EE\u00EF\u00F1\u00F3\u00F2\u00F4\u00F6\u00F5\u00FA\u00F9\u00FB\u00FC' +
  '\u2020\u00B0\u00A2\u00A3\u00A7\u2022\u00B6\u00DF\u00AE\u00A9\u2122\u00B4\u00A8\u2260\u00C6\u00D8' +
  '\u221E\u00B1\u2264\u2265\u00A5\u00B5\u2202\u2211\u220F\u03C0\u222B\u00AA\u00BA\u03A9\u00E6\u00F8' +
  '\u00BF\u00A1\u00AC\u221A\u0192\u2248\u2206\u00AB\u00BB\u2026\u00A0\u00C0\u00C3\u00D5\u0152\u0153' +
  '\u2013\u2014\u201C\u201D\u2018\u2019\u00F7\u25CA\u00FF\u0178\u2044\u20AC\u2039\u203A\uFB01\uFB02' +
  '\u2021\u00B7\u201A\u201E\u2030\u00C2\u00CA\u00C1\u00CB\u00C8\u00CD\u00CE\u00CF\u00CC\u00D3\u00D4' +
  '\uF8FF\u00D2\u00DA\u00DB\u00D9\u0131\u02C6\u02DC\u00AF\u02D8\u02D9\u02DA\u00B8\u02DD\u02DB\u02C7';

function latin1Range(lo, hi) {
  let s = '';
  for (let c = lo; c <= hi; c++) s += String.fromCharCode(c);
  return s;
}

const TABLES = { cp1252: CP1252, latin1: LATIN1, cp1257: CP1257, macroman: MACROMAN };
for (const [k, t] of Object.entries(TABLES)) if (t.length !== 128) throw new Error(`code page ${k}: ${t.length}`);

const enc = new TextEncoder();

/** Decode bytes as the given single-byte code page. */
export function decodeBytes(bytes, page) {
  const table = TABLES[page];
  let s = '';
  for (const b of bytes) s += b < 0x80 ? String.fromCharCode(b) : table[b - 0x80];
  return s;
}

/** UTF-8 encode `text`, then (mis-)decode it with `page`. */
export function misdecode(text, page) {
  return decodeBytes(enc.encode(text), page);
}

/** Encode twice: the cp1252 mojibake is itself UTF-8 encoded and read as cp1252 again. */
export function doubleMisdecode(text) {
  return misdecode(misdecode(text, 'cp1252'), 'cp1252');
}

export const hasC1 = (s) => /[\u0080-\u009F]/.test(s);
