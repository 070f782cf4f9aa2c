// Claim candidate selection without a regular-expression alternation: CLAIM_CUE_PATTERN (flag i) tried ~60
// alternatives at every position of every prose sentence. The scanner looks up the words that can start at a
// position by its first two letters instead. Its answer is the pattern's (test/claim-cues.test.ts): without the u
// flag, case-insensitive matching folds ASCII letters only, and \b's word characters are [A-Za-z0-9_].

/** Sentences without any of these cannot match a claim pattern, so they skip templating altogether. */
export const CLAIM_CUE_PATTERN = new RegExp(
  [
    String.raw`\d`,
    String.raw`\(`,
    'found',
    'establish',
    'launch',
    'set up',
    'incorporat',
    'creat',
    'start',
    'introduc',
    'unveil',
    'based',
    'headquart',
    'locat',
    'chief',
    String.raw`\bC[EFTOI]O\b`,
    'chair',
    'president',
    'director',
    'head',
    'dean',
    'chancellor',
    String.raw`\bled by`,
    String.raw`\brun by`,
    String.raw`\bwho (?:runs|heads|leads)\b`,
    'arm of',
    'subsidiar',
    'unit of',
    'division of',
    'owned by',
    'partner',
    'collaborat',
    'joint',
    'employ',
    'staff',
    'workforce',
    'acquir',
    'bought',
    'purchas',
    'merg',
    'listed',
    'went public',
    'opened',
    'revenue',
    'turnover',
    'profit',
    'valu',
    'fund',
    'rais',
    'invest',
    'grew',
    'rose',
    'fell',
    'increas',
    'declin',
    'stands for',
    'short for',
    'part of',
  ].join('|'),
  'i',
);

interface Cue {
  /** Lower case; a space matches a space only. */
  text: string;
  /** \b before it: no word character before the match. */
  wordStart: boolean;
  /** \b after it: no word character after the match. */
  wordEnd: boolean;
}

const PLAIN_CUES =
  'found|establish|launch|set up|incorporat|creat|start|introduc|unveil|based|headquart|locat|chief|chair|president|' +
  'director|head|dean|chancellor|arm of|subsidiar|unit of|division of|owned by|partner|collaborat|joint|employ|staff|' +
  'workforce|acquir|bought|purchas|merg|listed|went public|opened|revenue|turnover|profit|valu|fund|rais|invest|' +
  'grew|rose|fell|increas|declin|stands for|short for|part of';

const CUES: Cue[] = [
  ...PLAIN_CUES.split('|').map((text) => ({ text, wordStart: false, wordEnd: false })),
  ...['ceo', 'cfo', 'cto', 'coo', 'cio'].map((text) => ({ text, wordStart: true, wordEnd: true })),
  ...['led by', 'run by'].map((text) => ({ text, wordStart: true, wordEnd: false })),
  ...['who runs', 'who heads', 'who leads'].map((text) => ({ text, wordStart: true, wordEnd: true })),
];

/** A–Z to a–z; every other code unit as it is. */
const fold = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c);
const isWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;

/** The cues by their first two (lower-case ASCII) characters: BUCKETS[BUCKET_OF[first * 128 + second] - 1]. */
const BUCKET_OF = new Uint8Array(128 * 128);
const BUCKETS: Cue[][] = [];
for (const cue of CUES) {
  const key = cue.text.charCodeAt(0) * 128 + cue.text.charCodeAt(1);
  if (BUCKET_OF[key] === 0) BUCKET_OF[key] = BUCKETS.push([]);
  BUCKETS[BUCKET_OF[key] - 1].push(cue);
}

function matchesAt(s: string, at: number, cue: Cue): boolean {
  const end = at + cue.text.length;
  if (end > s.length) return false;
  for (let k = 2; k < cue.text.length; k++) if (fold(s.charCodeAt(at + k)) !== cue.text.charCodeAt(k)) return false;
  if (cue.wordStart && at > 0 && isWordChar(s.charCodeAt(at - 1))) return false;
  if (cue.wordEnd && end < s.length && isWordChar(s.charCodeAt(end))) return false;
  return true;
}

/** Whether CLAIM_CUE_PATTERN matches somewhere in `s`. */
export function hasClaimCue(s: string): boolean {
  let c = s.charCodeAt(0);
  for (let i = 0; i < s.length; i++) {
    const next = s.charCodeAt(i + 1); // NaN past the end
    if (c < 128) {
      if ((c >= 48 && c <= 57) || c === 40) return true;
      if (next < 128) {
        const bucket = BUCKET_OF[fold(c) * 128 + fold(next)];
        if (bucket !== 0) for (const cue of BUCKETS[bucket - 1]) if (matchesAt(s, i, cue)) return true;
      }
    }
    c = next;
  }
  return false;
}
