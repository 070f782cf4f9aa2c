// The document model that flows through every stage, and the report contract (schemaVersion 1).
// Stages read these types; only load.ts and normalise.ts construct SourceFile and Article.

export type Severity = 'error' | 'warning' | 'info';
export type SeverityOrOff = Severity | 'off';

/** A decoded file with everything needed to map offsets back to the original line/column. */
export interface SourceFile {
  /** Path relative to the working directory, `/` separators. */
  path: string;
  absolutePath: string;
  /** Decoded text without BOM. Offsets everywhere index into this string (UTF-16 code units). */
  text: string;
  encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'latin-1';
  byteLength: number;
  sha256: string;
  /** Offsets at which each line starts; line endings are LF, CRLF or lone CR. */
  lineStarts: number[];
}

export type BlockKind =
  | 'heading'
  | 'paragraph'
  | 'listItem'
  | 'blockquote'
  | 'tableCell'
  | 'code'
  | 'html'
  | 'table'
  | 'thematicBreak';

/** Kinds whose text is prose that detectors should read. */
export const PROSE_KINDS: ReadonlySet<BlockKind> = new Set([
  'heading',
  'paragraph',
  'listItem',
  'blockquote',
  'tableCell',
]);

export interface Sentence {
  /** Start/end offsets into Block.text. */
  start: number;
  end: number;
  text: string;
}

/**
 * An inline Markdown construct inside a block's text, kept as a placeholder instead of a deleted hole. `pos` is how it
 * reads in the sentence: 'noun' when it stands for one name or object (a `code span`, an inline component or image,
 * shown in the text as its code or as U+FFFC), 'text' when its words read as ordinary prose (link text, emphasis).
 */
export interface InlineSpan {
  /** Offsets into Block.text. */
  start: number;
  end: number;
  kind: 'code' | 'link' | 'emphasis' | 'html' | 'image';
  pos: 'noun' | 'text';
}

/**
 * The text an inline component, HTML element or image without words of its own stands as (U+FFFC OBJECT REPLACEMENT).
 */
export const INLINE_PLACEHOLDER = '\ufffc';

/**
 * One block of the document in reading order, as plain text.
 * `text` is NFC-normalised but NOT whitespace-folded: detectors need the raw spacing (NBSP, double spaces).
 * `sourceOffsets[i]` is the offset in SourceFile.text of `text[i]`; it has text.length + 1 entries
 * (the last one is the source offset just past the block's final character). It is read-only and usually a view onto
 * storage shared with other blocks and articles (pipeline/offset-maps.ts): never write it, and copy it (`slice()`)
 * before sending it to another thread (a structured clone copies a view's whole buffer).
 */
export interface Block {
  kind: BlockKind;
  /** Heading depth (1–6); for plain text, headings are inferred and get depth 2 (the title gets 1). */
  depth?: number;
  /** True when the block sits inside a list item / blockquote (nesting context). */
  inList: boolean;
  text: string;
  sourceOffsets: Int32Array;
  sentences: Sentence[];
  /** Markdown only: inline constructs of the text in reading order (absent when there are none). */
  inline?: InlineSpan[];
}

export interface Article {
  path: string;
  source: SourceFile;
  format: 'markdown' | 'text';
  title: string | null;
  /** Index into blocks of the title block, when there is one. */
  titleBlockIndex: number | null;
  blocks: Block[];
  words: number;
  frontMatter: Record<string, unknown> | null;
  /** Drafts of problems found while normalising (malformed front matter, …): the pipeline's own rules. */
  drafts: FindingDraft[];
}

export interface RelatedLocation {
  path: string;
  line: number;
  column: number;
  message: string;
}

export interface Range {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** What a stage produces; the pipeline adds the fingerprint and applies configured severity. */
export interface FindingDraft extends Range {
  ruleId: string;
  severity: Severity;
  path: string;
  message: string;
  evidence?: string;
  suggestion?: string;
  related?: RelatedLocation[];
}

export interface Finding extends FindingDraft {
  fingerprint: string;
  /** Present and true when the finding is in the baseline (it does not fail the run). */
  baseline?: boolean;
}

export interface DocumentSummary {
  path: string;
  title: string | null;
  words: number;
  sha256: string;
  encoding?: string;
}

export interface SharedPassage {
  a: { line: number; endLine: number };
  b: { line: number; endLine: number };
  /** The passage as it reads in A. */
  text: string;
  /** The passage as it reads in B (for side-by-side display). */
  textB?: string;
  /** Soft similarity of the two sides (1 = identical). */
  score?: number;
}

export interface DuplicatePair {
  a: string;
  b: string;
  kind: 'near-duplicate' | 'similar-content';
  similarity: number;
  jaccard?: number;
  containment?: number;
  cosine?: number;
  /** Share of each article's words covered by the shared passages. */
  coverageA?: number;
  coverageB?: number;
  shared: SharedPassage[];
  /** Present and true when every finding of it is in the baseline (docs/report-format.md). */
  baseline?: true;
}

/** Passages two articles share word for word (rule copied-passage), whatever share of either article they are. */
export interface CopiedPassagePair {
  a: string;
  b: string;
  /** Words of each article inside the copied passages, and their share of that article. */
  wordsA: number;
  wordsB: number;
  shareA: number;
  shareB: number;
  passages: SharedPassage[];
  /** Present and true when every finding of it is in the baseline (docs/report-format.md). */
  baseline?: true;
}

/** Per article, the share of its words in sentences that other articles also contain (boilerplate excepted). */
export interface FoundElsewhere {
  /** Over the whole corpus: shared words / all words. */
  share: number;
  /** Articles with a share above 0, by path. */
  documents: { path: string; share: number }[];
}

/** A pair inside one cluster that was compared but not reported on its own: its tier-2 cosine. */
export interface ClusterScore {
  a: string;
  b: string;
  similarity: number;
}

export interface DuplicatesReport {
  pairs: DuplicatePair[];
  /** Connected components of duplicate pairs; the representative (longest article) comes first. */
  clusters: string[][];
  /** Scores of the other compared pairs inside clusters (absent from reports of older versions). */
  clusterScores?: ClusterScore[];
  /** Copied passages between pairs that are not near-duplicates (absent from reports of older versions). */
  copied?: CopiedPassagePair[];
  foundElsewhere?: FoundElsewhere;
}

export interface ClaimValueLocation {
  value: string;
  path: string;
  line: number;
  column?: number;
  text: string;
  /** The value as compared: "$1.3bn" → "1300000000 $", "March 2004" → "2004-03", a name → its key words. */
  normalised?: string;
}

export interface ClaimConflict {
  subject: string;
  attribute: string;
  values: ClaimValueLocation[];
  /** Present and true when every finding of it is in the baseline (docs/report-format.md). */
  baseline?: true;
}

export interface EntityFact {
  attribute: string;
  value: string;
  sources: { path: string; line: number }[];
}

export interface EntityEntry {
  name: string;
  aliases: string[];
  facts: EntityFact[];
}

export interface ClaimsReport {
  conflicts: ClaimConflict[];
  entities: EntityEntry[];
}

export interface ReportSummary {
  documents: number;
  errors: number;
  warnings: number;
  infos: number;
  byRule: Record<string, number>;
  passed: boolean;
  failOn: Severity | 'never';
  /**
   * Share of the reported articles' words found in another article (`duplicates.foundElsewhere.share`), when the
   * duplication stage ran.
   */
  foundElsewhere?: number;
  baseline?: number;
}

export interface Report {
  schemaVersion: 1;
  tool: { name: 'content-audit'; version: string };
  summary: ReportSummary;
  documents: DocumentSummary[];
  findings: Finding[];
  duplicates: DuplicatesReport;
  claims: ClaimsReport;
  /**
   * Reference articles (compareWith, or the unchanged rest of the corpus with changedSince) that the report points at,
   * with their titles; sorted by path; absent when there are none (and from reports of older versions).
   */
  references?: DocumentSummary[];
  /** Only present when the user asked for a timestamp (--timestamp). */
  generatedAt?: string;
}
