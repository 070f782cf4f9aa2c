// Text → file bytes in each encoding the loader accepts (BOM-marked UTF-8/UTF-16, plain UTF-8, Latin-1).
export const ENCODINGS = ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'latin-1'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** Latin-1 keeps only U+0000–U+00FF: callers that need a faithful round trip must stay in that range. */
export function encodeAs(text: string, encoding: Encoding): Buffer {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf-16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf-16be': {
      const le = Buffer.from(text, 'utf16le');
      for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
      return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
    }
    case 'latin-1':
      return Buffer.from(text, 'latin1');
  }
}
