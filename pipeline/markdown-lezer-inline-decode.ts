// What micromark decodes in inline content: character references (named, decimal, hexadecimal, within micromark's
// length limits) and backslash escapes of ASCII punctuation; and how it normalises a reference label.
import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import { decodeNumericCharacterReference } from 'micromark-util-decode-numeric-character-reference';

const REFERENCE = /^&(?:#(\d{1,7})|#[xX]([\da-fA-F]{1,6})|([\da-zA-Z]{1,31}));$/;

/** The value of a character reference (`&amp;`, `&#35;`, `&#x23;`), or null when micromark does not read it as one. */
export function decodeEntity(raw: string): string | null {
  const match = REFERENCE.exec(raw);
  if (!match) return null;
  if (match[1] !== undefined) return decodeNumericCharacterReference(match[1], 10);
  if (match[2] !== undefined) return decodeNumericCharacterReference(match[2], 16);
  const named = decodeNamedCharacterReference(match[3]);
  return named === false ? null : named;
}

const ESCAPE_OR_REFERENCE = /\\([!-/:-@[-`{-~])|&(#(?:\d{1,7}|[xX][\da-fA-F]{1,6})|[\da-zA-Z]{1,31});/g;

/** A destination, title or label with its escapes and character references decoded. */
export function decodeString(value: string): string {
  if (!value.includes('\\') && !value.includes('&')) return value;
  return value.replace(ESCAPE_OR_REFERENCE, (all, escaped: string | undefined) => {
    if (escaped !== undefined) return escaped;
    return decodeEntity(all) ?? all;
  });
}

/** A reference label as micromark compares labels: whitespace collapsed, trimmed, case folded (upper case). */
export function normalizeIdentifier(value: string): string {
  return value
    .replace(/[\t\n\r ]+/g, ' ')
    .replace(/^ | $/g, '')
    .toLowerCase()
    .toUpperCase();
}
