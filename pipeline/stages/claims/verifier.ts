// Optional claim verifier (off by default): a team can plug in an NLI model or an LLM service for the claim pairs the
// rules cannot decide (HK$ vs US$, values of different kinds). Pairs judged 'conflict' become claim-conflict findings
// like the rule-decided ones. Nothing here can fail the audit: errors, timeouts and bad answers become 'unknown' and
// are counted. See docs/claims.md, *Verifier*.
import { normalisedClaim } from './normalised.js';
import { setMaxListeners } from 'node:events';
import PQueue from 'p-queue';
import { z } from 'zod';
import { ConfigError, configuredSeverity, type ResolvedConfig } from '../../config.js';
import type { StageFindingDraft, StageOutput, StageSettleContext } from '../../stage.js';
import type { ClaimConflict, ClaimsReport } from '../../types.js';
import { conflictFinding, type UndecidedPair } from './conflicts.js';
import { CLAIM_CONFLICT_DEFAULTS } from './options.js';
import { byLocation, compareConflicts } from './order.js';
import { type SingleSourceFact, sameFact } from './single-source.js';
import type { Claim } from './types.js';

export type Verdict = 'conflict' | 'compatible' | 'unknown';

/** What a verifier is asked: two values of one attribute of one entity, each with the sentence that states it. */
export interface VerifierPair {
  subject: string;
  attribute: string;
  a: { value: string; text: string };
  b: { value: string; text: string };
}

/**
 * A claim verifier. `verify` should resolve a verdict; a rejection, a non-verdict value or a call that outlives the
 * run's signal is counted as a failure and treated as 'unknown'. It should honour `signal` (aborted when the audit
 * is aborted or the run gives up), and bound its own time: the pipeline adds no timeout around a custom verifier.
 */
export interface ClaimVerifier {
  verify(pair: VerifierPair, signal: AbortSignal): Promise<Verdict>;
  /** Pairs per run at most (default 200). */
  readonly maxPairs?: number;
  /** Calls the pipeline keeps in flight at once (default 4). */
  readonly concurrency?: number;
}

export type VerifierFailure = 'timeout' | 'network' | 'http' | 'invalid-response' | 'error';

/** One verification with what went wrong, if anything (verdict 'unknown' then). */
export interface VerifierOutcome {
  verdict: Verdict;
  failure?: VerifierFailure | 'aborted';
  /** HTTP status of the last attempt, when there was a response. */
  status?: number;
  /** Requests made (1 + retries). */
  attempts: number;
}

export interface HttpVerifierOptions {
  /** http(s) endpoint; receives POST `{ subject, attribute, a, b }` as JSON, answers `{ "verdict": … }`. */
  url: string;
  /** Extra request headers (e.g. authorization). */
  headers?: Record<string, string>;
  /** Requests in flight at most. Default 2. */
  concurrency?: number;
  /** Requests started per second at most (sliding window; retries count). Default 5. */
  ratePerSecond?: number;
  /** Per request (connect, answer and body). Default 10 000. A timed-out request is not retried. */
  timeoutMs?: number;
  /** Retries after a network error, a 5xx or a 429 (never after another 4xx or a timeout). Default 2. */
  retries?: number;
  /** Pairs per run at most. Default 200. */
  maxPairs?: number;
  /** First retry delay; doubled per retry. Default 500. */
  backoffMs?: number;
  /** A longer Retry-After (429/503) is not waited for: the pair gives up as 'unknown'. Default 10 000. */
  maxRetryAfterMs?: number;
}

export interface HttpClaimVerifier extends ClaimVerifier {
  readonly maxPairs: number;
  readonly concurrency: number;
  /** `verify` with the failure reason (the pipeline uses this to count failures by kind). Never rejects. */
  check(pair: VerifierPair, signal?: AbortSignal): Promise<VerifierOutcome>;
}

export const VERIFIER_DEFAULTS = {
  concurrency: 2,
  ratePerSecond: 5,
  timeoutMs: 10_000,
  retries: 2,
  maxPairs: 200,
  backoffMs: 500,
  maxRetryAfterMs: 10_000,
} as const;

/** The pipeline's own cap on calls in flight for a custom verifier that states none. */
const DEFAULT_PIPELINE_CONCURRENCY = 4;
/** After this many failures in a row the run stops asking (the rest of the pairs are skipped, 'unknown'). */
export const MAX_CONSECUTIVE_FAILURES = 5;
/** Answers larger than this are invalid (the verdict is one word). */
const MAX_RESPONSE_BYTES = 64 * 1024;
const VERDICTS: ReadonlySet<string> = new Set<Verdict>(['conflict', 'compatible', 'unknown']);
const isVerdict = (value: unknown): value is Verdict => typeof value === 'string' && VERDICTS.has(value);

// --- settings ---------------------------------------------------------------------------------------------------

const isHttpUrl = (value: string) => {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
};

const settingsSchema = z
  .object({
    url: z.string().refine(isHttpUrl, { message: 'expected an http:// or https:// URL' }),
    headers: z.record(z.string(), z.string()).optional(),
    concurrency: z.number().int().min(1).max(64).optional(),
    ratePerSecond: z.number().positive().max(10_000).optional(),
    timeoutMs: z.number().int().min(1).max(600_000).optional(),
    retries: z.number().int().min(0).max(10).optional(),
    maxPairs: z.number().int().min(0).max(10_000).optional(),
    backoffMs: z.number().int().min(0).max(60_000).optional(),
    maxRetryAfterMs: z.number().int().min(0).max(600_000).optional(),
  })
  .strict();

/** Validate HttpVerifierOptions; `where` prefixes the messages (a config key path). Throws ConfigError. */
export function parseVerifierSettings(
  raw: unknown,
  where = 'verifier',
  file: string | null = null,
): HttpVerifierOptions {
  const parsed = settingsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.flatMap((issue) => {
    const at = [where, ...issue.path.map(String)].join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map(
        (key) => `  ${at}.${key}: unknown key (expected one of: ${Object.keys(settingsSchema.shape).join(', ')})`,
      );
    }
    const value = issue.path.reduce<unknown>(
      (v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined),
      raw,
    );
    const received =
      value === undefined || issue.message.includes('received')
        ? ''
        : `, received ${JSON.stringify(value)?.slice(0, 60)}`;
    return [`  ${at}: ${issue.message}${received}`];
  });
  throw new ConfigError(`Invalid configuration${file ? ` in ${file}` : ''}:\n${lines.join('\n')}`, file);
}

/** `rules['claim-conflict'].verifier` of a config, validated; null when absent (or false/null). */
export function verifierSettings(config: ResolvedConfig): HttpVerifierOptions | null {
  const raw = config.rules['claim-conflict']?.options?.verifier;
  if (raw === undefined || raw === null || raw === false) return null;
  return parseVerifierSettings(raw, 'rules.claim-conflict.verifier', config.file);
}

/**
 * The verifier of a run: the API's `claimVerifier` wins over the config's `verifier` (an HTTP one); null when neither
 * is set or claim-conflict is off. Throws ConfigError for an invalid config setting, even when unused.
 */
export function claimVerifierFor(config: ResolvedConfig, injected?: ClaimVerifier | null): ClaimVerifier | null {
  const settings = verifierSettings(config);
  if (configuredSeverity(config, 'claim-conflict') === 'off') return null;
  if (injected) return injected;
  return settings ? httpVerifier(settings) : null;
}

// --- HTTP implementation -------------------------------------------------------------------------------------------

type Attempt =
  | { verdict: Verdict; status: number }
  | { failure: VerifierFailure | 'aborted'; status?: number; retryAfterMs?: number };

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

async function readLimited(response: Response, limit: number): Promise<string | null> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const done = (ok: boolean) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(ok);
    };
    const onAbort = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** The pipeline's HTTP verifier: p-queue for concurrency and rate, a timeout per request, retries with backoff. */
export function httpVerifier(options: HttpVerifierOptions): HttpClaimVerifier {
  const settings = { ...VERIFIER_DEFAULTS, ...parseVerifierSettings(options, 'httpVerifier') };
  const { url, concurrency, ratePerSecond, timeoutMs, retries, maxPairs, backoffMs, maxRetryAfterMs } = settings;
  // A fractional rate (0.5/s) becomes 1 request per 2 s; strict = sliding window, so no burst at window edges.
  const intervalCap = Math.max(1, Math.round(ratePerSecond));
  const queue = new PQueue({
    concurrency,
    intervalCap,
    interval: Math.ceil((1000 * intervalCap) / ratePerSecond),
    strict: true,
  });
  const headers = { 'content-type': 'application/json', accept: 'application/json', ...(settings.headers ?? {}) };

  const attempt = (body: string, signal: AbortSignal): Promise<Attempt> =>
    queue
      .add(
        async (): Promise<Attempt> => {
          // The clock starts when the request does, not while it waits in the queue.
          const timeout = AbortSignal.timeout(timeoutMs);
          const requestSignal = AbortSignal.any([signal, timeout]);
          let status: number | undefined;
          try {
            const response = await fetch(url, {
              method: 'POST',
              headers,
              body,
              signal: requestSignal,
              redirect: 'manual',
            });
            status = response.status;
            if (!response.ok) {
              await response.body?.cancel().catch(() => {});
              return { failure: 'http', status, retryAfterMs: retryAfterMs(response.headers.get('retry-after')) };
            }
            const text = await readLimited(response, MAX_RESPONSE_BYTES);
            let verdict: unknown;
            try {
              verdict = text === null ? undefined : (JSON.parse(text) as { verdict?: unknown } | null)?.verdict;
            } catch {
              verdict = undefined;
            }
            return isVerdict(verdict) ? { verdict, status } : { failure: 'invalid-response', status };
          } catch {
            if (signal.aborted) return { failure: 'aborted', status };
            if (timeout.aborted) return { failure: 'timeout', status };
            return { failure: 'network', status };
          }
        },
        { signal },
      )
      // Rejected only when aborted while still queued.
      .catch((): Attempt => ({ failure: signal.aborted ? 'aborted' : 'error' }));

  async function check(
    pair: VerifierPair,
    signal: AbortSignal = new AbortController().signal,
  ): Promise<VerifierOutcome> {
    let body: string;
    try {
      body = JSON.stringify({ subject: pair.subject, attribute: pair.attribute, a: pair.a, b: pair.b });
    } catch {
      return { verdict: 'unknown', failure: 'error', attempts: 0 };
    }
    for (let attempts = 1; ; attempts++) {
      const result = await attempt(body, signal);
      if ('verdict' in result) return { verdict: result.verdict, status: result.status, attempts };
      const outcome: VerifierOutcome = {
        verdict: 'unknown',
        failure: result.failure,
        attempts,
        ...(result.status !== undefined ? { status: result.status } : {}),
      };
      const status = result.status ?? 0;
      const retryable =
        result.failure === 'network' || (result.failure === 'http' && (status >= 500 || status === 429));
      if (!retryable || attempts > retries || signal.aborted) return outcome;
      let delay = backoffMs * 2 ** (attempts - 1);
      if (result.retryAfterMs !== undefined) {
        if (result.retryAfterMs > maxRetryAfterMs) return outcome;
        delay = Math.max(delay, result.retryAfterMs);
      }
      if (!(await sleep(delay, signal))) return { ...outcome, failure: 'aborted' };
    }
  }

  return {
    maxPairs,
    concurrency,
    check,
    async verify(pair, signal) {
      return (await check(pair, signal)).verdict;
    },
  };
}

// --- running a verifier over the undecided pairs ---------------------------------------------------------------------

export interface VerificationStats {
  /** Undecided pairs from the rules. */
  undecided: number;
  /** Of those, pairs that could be reported (values in different articles, a focus article involved). */
  eligible: number;
  /** Pairs asked (at most maxPairs). */
  verified: number;
  /** Eligible pairs not asked: over maxPairs, after the run gave up, or aborted. */
  skipped: number;
  conflict: number;
  compatible: number;
  /** 'unknown' verdicts, failures included. */
  unknown: number;
  /** Pairs whose verification failed (counted in `unknown` too), by reason in `failures`. */
  failed: number;
  failures: Partial<Record<VerifierFailure, number>>;
  /** True when the run stopped asking after MAX_CONSECUTIVE_FAILURES failures in a row. */
  gaveUp: boolean;
}

export interface VerificationRun {
  /** Pairs judged 'conflict', in a deterministic order (subject, attribute, locations). */
  conflicts: UndecidedPair[];
  stats: VerificationStats;
}

export interface VerifyOptions {
  focus?: ReadonlySet<string> | null;
  signal?: AbortSignal;
  /** Overrides the verifier's own maxPairs. */
  maxPairs?: number;
  onProgress?: (done: number, total: number) => void;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function comparePairs(x: UndecidedPair, y: UndecidedPair): number {
  return cmp(x.subject, y.subject) || cmp(x.attribute, y.attribute) || byLocation(x.a, y.a) || byLocation(x.b, y.b);
}

/** Two claims of a pair can conflict in a report: different articles, or different places in one (withinArticle). */
const reportable = (x: Claim, y: Claim, within: boolean) =>
  x.article !== y.article || (within && (x.line !== y.line || x.column !== y.column));

function eligible(pair: UndecidedPair, focus: ReadonlySet<string> | null | undefined): boolean {
  if (focus && !pair.aClaims.some((c) => focus.has(c.path)) && !pair.bClaims.some((c) => focus.has(c.path)))
    return false;
  const articles = new Set<number>();
  for (const c of pair.aClaims) articles.add(c.article);
  for (const c of pair.bClaims) articles.add(c.article);
  if (articles.size > 1) return true;
  return pair.within && pair.aClaims.some((x) => pair.bClaims.some((y) => reportable(x, y, true)));
}

export function verifierPair(pair: UndecidedPair): VerifierPair {
  const side = (c: Claim) => ({ value: pair.values.get(c) ?? c.value, text: c.sentence });
  return { subject: pair.subject, attribute: pair.attribute, a: side(pair.a), b: side(pair.b) };
}

const hasCheck = (verifier: ClaimVerifier): verifier is HttpClaimVerifier =>
  typeof (verifier as Partial<HttpClaimVerifier>).check === 'function';

/** Ask the verifier, never throwing; a call still pending when `signal` aborts is abandoned. */
async function ask(verifier: ClaimVerifier, pair: VerifierPair, signal: AbortSignal): Promise<VerifierOutcome> {
  let onAbort = () => {};
  const aborted = new Promise<VerifierOutcome>((resolve) => {
    onAbort = () => resolve({ verdict: 'unknown', failure: 'aborted', attempts: 0 });
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  const call = (async (): Promise<VerifierOutcome> => {
    if (hasCheck(verifier)) return verifier.check(pair, signal);
    const verdict: unknown = await verifier.verify(pair, signal);
    return isVerdict(verdict)
      ? { verdict, attempts: 1 }
      : { verdict: 'unknown', failure: 'invalid-response', attempts: 1 };
  })().catch(
    (): VerifierOutcome => ({ verdict: 'unknown', failure: signal.aborted ? 'aborted' : 'error', attempts: 1 }),
  );
  try {
    return await Promise.race([call, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/**
 * Verify the reportable undecided pairs (at most maxPairs, in a deterministic order). Never throws: failures are
 * 'unknown' and counted; after MAX_CONSECUTIVE_FAILURES failures in a row the remaining pairs are skipped.
 */
export async function verifyUndecided(
  pairs: readonly UndecidedPair[],
  verifier: ClaimVerifier,
  options: VerifyOptions = {},
): Promise<VerificationRun> {
  const candidates = pairs.filter((pair) => eligible(pair, options.focus)).sort(comparePairs);
  const maxPairs = Math.max(0, Math.floor(options.maxPairs ?? verifier.maxPairs ?? VERIFIER_DEFAULTS.maxPairs));
  const chosen = candidates.slice(0, maxPairs);
  const stats: VerificationStats = {
    undecided: pairs.length,
    eligible: candidates.length,
    verified: 0,
    skipped: candidates.length - chosen.length,
    conflict: 0,
    compatible: 0,
    unknown: 0,
    failed: 0,
    failures: {},
    gaveUp: false,
  };
  const verdicts: (Verdict | undefined)[] = new Array(chosen.length);
  const limit = Math.max(1, Math.min(Math.floor(verifier.concurrency ?? DEFAULT_PIPELINE_CONCURRENCY), chosen.length));
  const run = new AbortController();
  // Each call in flight listens to the run's signal a few times (here, the queue, the request).
  setMaxListeners(Math.max(10, 4 * limit), run.signal);
  const stop = () => run.abort(options.signal?.reason);
  if (options.signal?.aborted) stop();
  else options.signal?.addEventListener('abort', stop, { once: true });
  let next = 0;
  let done = 0;
  let failuresInARow = 0;
  const worker = async () => {
    while (next < chosen.length) {
      const index = next++;
      if (run.signal.aborted) {
        stats.skipped++;
        continue;
      }
      const outcome = await ask(verifier, verifierPair(chosen[index]), run.signal);
      if (outcome.failure === 'aborted' || (outcome.failure && run.signal.aborted)) {
        stats.skipped++; // cancelled by the run, not the verifier's fault
        continue;
      }
      stats.verified++;
      stats[outcome.verdict]++;
      verdicts[index] = outcome.verdict;
      if (outcome.failure) {
        stats.failed++;
        stats.failures[outcome.failure] = (stats.failures[outcome.failure] ?? 0) + 1;
        if (++failuresInARow >= MAX_CONSECUTIVE_FAILURES && !run.signal.aborted) {
          stats.gaveUp = true;
          run.abort(new Error('claim verifier: too many failures in a row'));
        }
      } else failuresInARow = 0;
      options.onProgress?.(++done, chosen.length);
    }
  };
  try {
    await Promise.all(Array.from({ length: chosen.length ? limit : 0 }, worker));
  } finally {
    options.signal?.removeEventListener('abort', stop);
  }
  return { conflicts: chosen.filter((_, i) => verdicts[i] === 'conflict'), stats };
}

// --- the claims stage's async step
// ------------------------------------------------------------------------------------

/** What the claims stage's `run` returns: its drafts, its result and the pairs its rules could not decide. */
export interface ClaimsOutput extends StageOutput<ClaimsReport> {
  undecided: UndecidedPair[];
  /** The fact each single-source-claim draft reports (single-source.ts). */
  singleSource: ReadonlyMap<StageFindingDraft, SingleSourceFact>;
}

/**
 * The claims stage's `settle` step: with a verifier, the undecided pairs are verified and the pairs judged 'conflict'
 * added to the stage's output (applyVerifiedConflicts); without one, the output is returned as it is. Throws the
 * signal's reason when the audit was aborted during verification.
 */
export async function verifyClaims(
  output: ClaimsOutput,
  context: StageSettleContext,
): Promise<{ output: ClaimsOutput; stats: VerificationStats | null }> {
  const verifier = context.claimVerifier;
  if (!verifier) return { output, stats: null };
  const run = await verifyUndecided(output.undecided, verifier, {
    focus: context.focus,
    signal: context.signal,
    onProgress: (done, total) => context.onProgress?.('verify', done, total),
  });
  if (context.signal?.aborted) throw context.signal.reason ?? new Error('aborted');
  const maxPerArticle =
    (context.options['claim-conflict']?.maxPerArticle as number | undefined) ?? CLAIM_CONFLICT_DEFAULTS.maxPerArticle;
  const verified = applyVerifiedConflicts(
    { drafts: output.findings, claims: output.result, singleSource: output.singleSource },
    run.conflicts,
    maxPerArticle,
    context.focus,
  );
  return { output: { ...output, findings: verified.drafts, result: verified.claims }, stats: run.stats };
}

// --- verified conflicts into the report
// --------------------------------------------------------------------------------

export interface VerifiedClaims {
  drafts: StageFindingDraft[];
  claims: ClaimsReport;
  /** The fact each single-source-claim draft of `drafts` reports; drafts without one are kept. */
  singleSource?: ReadonlyMap<StageFindingDraft, SingleSourceFact>;
}

/**
 * Add the pairs judged 'conflict' to the stage output, the way analyseClaims reports rule-decided conflicts: every
 * claim of one value against every claim of the other in another article, conflicts listed in `claims.conflicts`
 * (merged into the slot's entry when the rules already found one), one claim-conflict finding per value location in a
 * focus article (bounded by maxPerArticle together with the rule-decided ones), and no single-source-claim finding on
 * those values. `collected` is the claims stage's output (its drafts and its report). Severities, suppressions, sorting
 * and fingerprints are the pipeline's (finishReport).
 */
export function applyVerifiedConflicts(
  collected: VerifiedClaims,
  conflictPairs: readonly UndecidedPair[],
  maxPerArticle: number,
  focus: ReadonlySet<string> | null,
): VerifiedClaims {
  if (conflictPairs.length === 0) return collected;
  // Per (subject, attribute): which claims conflict with which.
  const slots = new Map<
    string,
    { subject: string; attribute: string; against: Map<Claim, Set<Claim>>; values: Map<Claim, string> }
  >();
  for (const pair of conflictPairs) {
    const key = `${pair.subject}\u0000${pair.attribute}`;
    let slot = slots.get(key);
    if (!slot)
      slots.set(
        key,
        (slot = { subject: pair.subject, attribute: pair.attribute, against: new Map(), values: new Map() }),
      );
    const link = (x: Claim, y: Claim) => {
      let set = slot!.against.get(x);
      if (!set) slot!.against.set(x, (set = new Set()));
      set.add(y);
    };
    for (const x of pair.aClaims) {
      for (const y of pair.bClaims) {
        if (!reportable(x, y, pair.within)) continue;
        link(x, y);
        link(y, x);
      }
    }
    for (const c of [...pair.aClaims, ...pair.bClaims])
      slot.values.set(c, pair.values.get(c) ?? c.value.replace(/\s+/g, ' ').trim());
  }

  const conflicts = new Map<string, ClaimConflict>(
    collected.claims.conflicts.map((c) => [`${c.subject}\u0000${c.attribute}`, c]),
  );
  const added: StageFindingDraft[] = [];
  // Values now in conflict: location → the facts (subject, attribute, value) stated there, compared part by part
  // (never through the evidence string: a " | " inside a subject or attribute would blur where one part ends).
  const settled = new Map<string, SingleSourceFact[]>();
  for (const [key, slot] of slots) {
    const involved = [...slot.against.keys()].sort(byLocation);
    if (involved.length === 0 || (focus && !involved.some((c) => focus.has(c.path)))) continue;
    const display = (c: Claim) => slot.values.get(c) ?? c.value;
    const values = involved.map((c) => ({
      value: display(c),
      path: c.path,
      line: c.line,
      column: c.column,
      text: c.sentence,
      normalised: normalisedClaim(c),
    }));
    const known = conflicts.get(key);
    const merged = known ? [...known.values] : [];
    for (const v of values)
      if (!merged.some((m) => m.path === v.path && m.line === v.line && m.column === v.column)) merged.push(v);
    merged.sort((a, b) => cmp(a.path, b.path) || a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
    conflicts.set(key, { subject: slot.subject, attribute: slot.attribute, values: merged });
    for (const c of involved) {
      const at = `${c.path}\u0000${c.line}\u0000${c.column}`;
      const fact = { subject: slot.subject, attribute: slot.attribute, value: c.value };
      (settled.get(at) ?? settled.set(at, []).get(at)!).push(fact);
      if (focus && !focus.has(c.path)) continue;
      added.push(
        conflictFinding(
          slot.subject,
          slot.attribute,
          c,
          [...slot.against.get(c)!].sort(byLocation),
          display,
          'verifier',
        ),
      );
    }
  }

  // maxPerArticle counts the rule-decided findings already there.
  const perPath = new Map<string, number>();
  const kept: StageFindingDraft[] = [];
  for (const draft of collected.drafts) {
    if (draft.ruleId === 'single-source-claim') {
      const fact = collected.singleSource?.get(draft);
      const there = settled.get(`${draft.path}\u0000${draft.line}\u0000${draft.column}`);
      if (fact && there?.some((other) => sameFact(fact, other))) continue;
    }
    if (draft.ruleId === 'claim-conflict') perPath.set(draft.path, (perPath.get(draft.path) ?? 0) + 1);
    kept.push(draft);
  }
  added.sort((a, b) => cmp(a.path, b.path) || a.line - b.line || a.column - b.column);
  for (const draft of added) {
    const n = (perPath.get(draft.path) ?? 0) + 1;
    perPath.set(draft.path, n);
    if (n <= maxPerArticle) kept.push(draft);
  }
  return { drafts: kept, claims: { ...collected.claims, conflicts: [...conflicts.values()].sort(compareConflicts) } };
}
