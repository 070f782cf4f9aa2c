// Internal claim model of the claims stage (the report shapes live in pipeline/types.ts).
import type { ParsedDate, ParsedQuantity } from './values.js';

export type ClaimKind =
  /** A date/year: "founded in early 2014". */
  | 'date'
  /** A set of named entities: founders, partners, parent. Subset lists are compatible. */
  | 'entities'
  /** A place, possibly hierarchical ("Sha Tin, Hong Kong"). */
  | 'place'
  /** A number with unit and hedge. */
  | 'number'
  /** An acronym expansion (compared by name key). */
  | 'expansion'
  /** A role title ("chief executive"), compared by canonical role. */
  | 'role'
  /** Free text (descriptions); listed in the entities table, never compared. */
  | 'text';

export interface Claim {
  /** Index of the article in the stage input. */
  article: number;
  path: string;
  /** Surface form of the subject as written (after "the"/possessive stripping). */
  subject: string;
  attribute: string;
  /** Name whose resolved entity is part of the attribute ("role at <org>"). */
  qualifier?: string;
  kind: ClaimKind;
  /** Display value as written. */
  value: string;
  /** For entities/place kinds: the item names. */
  items?: string[];
  date?: ParsedDate;
  quantity?: ParsedQuantity;
  /** Sign for growth figures ("fell 3%" → -1). */
  sign?: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The sentence that states the claim. */
  sentence: string;
  /** Derived facts (inverse relations) are listed in the entities table only: never compared or reported. */
  derived?: boolean;
}

export interface AcronymDefinition {
  short: string;
  long: string;
  article: number;
}

export interface ArticleClaims {
  claims: Claim[];
  acronyms: AcronymDefinition[];
  /** Name keys of every capitalised name and acronym mentioned in the article's prose. */
  mentions: Set<string>;
}
