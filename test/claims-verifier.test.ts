// Optional claim verifier (pipeline/stages/claims/verifier.ts): the HTTP implementation against a local stub server
// (127.0.0.1, ephemeral port, closed after each test), the run over undecided pairs, and the wiring through audit().
// Timing is only ever asserted as counts (requests in flight, requests per window), never as durations.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../pipeline/config.js';
import { audit, auditWithDetails, type ClaimVerifier, type VerifierPair } from '../pipeline/index.js';
import type { UndecidedPair } from '../pipeline/stages/claims/index.js';
import type { Claim } from '../pipeline/stages/claims/types.js';
import { httpVerifier, MAX_CONSECUTIVE_FAILURES, verifyUndecided } from '../pipeline/stages/claims/verifier.js';

// --- stub server ---------------------------------------------------------------------------------------------------

interface StubRequest {
  body: VerifierPair;
  raw: string;
  contentType: string | undefined;
  /** Server clock (ms) when the request arrived. */
  at: number;
}

interface Stub {
  url: string;
  requests: StubRequest[];
  maxInFlight: number;
}

type Handler = (request: StubRequest, index: number, res: ServerResponse) => void;

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

/** A verifier stub; refuses (500, counted) anything past `limit` requests so a runaway client stays bounded. */
async function stub(handle: Handler, limit = 60): Promise<Stub> {
  const state: Stub = { url: '', requests: [], maxInFlight: 0 };
  let inFlight = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, inFlight);
    res.on('close', () => inFlight--);
    const at = performance.now();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: VerifierPair;
      try {
        body = JSON.parse(raw) as VerifierPair;
      } catch {
        body = {} as VerifierPair;
      }
      const request: StubRequest = { body, raw, contentType: req.headers['content-type'], at };
      const index = state.requests.push(request) - 1;
      if (index >= limit) return json(res, 500, { error: 'stub limit' });
      handle(request, index, res);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/verify`;
  return state;
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

const answer = (verdict: string) => (_: StubRequest, __: number, res: ServerResponse) => json(res, 200, { verdict });

// --- hand-built undecided pairs ------------------------------------------------------------------------------------

let nextLine = 1;
function claim(file: string, article: number, value: string): Claim {
  const line = nextLine++;
  return {
    article,
    path: file,
    subject: 'Kestrel Robotics',
    attribute: 'funding raised',
    kind: 'number',
    value,
    line,
    column: 5,
    endLine: line,
    endColumn: 5 + value.length,
    sentence: `Kestrel Robotics raised ${value} in 2021.`,
  };
}

/** Pair number i: "HK$i million" in a<i>.md against "US$i million" in b<i>.md; subjects sort by i. */
function pair(i: number): UndecidedPair {
  const a = claim(`a${i}.md`, 2 * i, `HK$${i} million`);
  const b = claim(`b${i}.md`, 2 * i + 1, `US$${i} million`);
  return {
    subject: `Entity ${String(i).padStart(3, '0')}`,
    attribute: 'funding raised (2021)',
    a,
    b,
    aClaims: [a],
    bClaims: [b],
    within: false,
    values: new Map([
      [a, a.value],
      [b, b.value],
    ]),
  };
}
const pairs = (n: number) => Array.from({ length: n }, (_, i) => pair(i));

// Fast retries for the tests; the limits under test are set per test.
const fast = { backoffMs: 5, ratePerSecond: 1000 };

// --- the HTTP verifier ---------------------------------------------------------------------------------------------

describe('httpVerifier against a stub server', () => {
  it('POSTs { subject, attribute, a, b } as JSON and applies the verdicts', async () => {
    const verdicts = ['conflict', 'compatible', 'unknown'];
    const server = await stub((request, _, res) =>
      json(res, 200, { verdict: verdicts[Number(request.body.subject.slice(-3))] }),
    );
    const run = await verifyUndecided(pairs(3), httpVerifier({ url: server.url, ...fast }));
    expect(server.requests).toHaveLength(3);
    const first = server.requests.find((r) => r.body.subject === 'Entity 000')!;
    expect(first.contentType).toBe('application/json');
    expect(first.body).toEqual({
      subject: 'Entity 000',
      attribute: 'funding raised (2021)',
      a: { value: 'HK$0 million', text: 'Kestrel Robotics raised HK$0 million in 2021.' },
      b: { value: 'US$0 million', text: 'Kestrel Robotics raised US$0 million in 2021.' },
    });
    expect(run.conflicts.map((p) => p.subject)).toEqual(['Entity 000']);
    expect(run.stats).toMatchObject({
      undecided: 3,
      eligible: 3,
      verified: 3,
      skipped: 0,
      conflict: 1,
      compatible: 1,
      unknown: 1,
      failed: 0,
    });
  });

  it('never has more than `concurrency` requests in flight', async () => {
    const server = await stub((_, __, res) => setTimeout(() => json(res, 200, { verdict: 'compatible' }), 40));
    const run = await verifyUndecided(pairs(12), httpVerifier({ url: server.url, ...fast, concurrency: 3 }));
    expect(run.stats.verified).toBe(12);
    expect(server.requests).toHaveLength(12);
    expect(server.maxInFlight).toBeLessThanOrEqual(3);
    expect(server.maxInFlight).toBeGreaterThan(1); // it does run requests in parallel
  });

  it('starts at most `ratePerSecond` requests in any one-second window', async () => {
    const server = await stub(answer('compatible'));
    const run = await verifyUndecided(pairs(12), httpVerifier({ url: server.url, concurrency: 12, ratePerSecond: 5 }));
    expect(run.stats.verified).toBe(12);
    const times = server.requests.map((r) => r.at).sort((x, y) => x - y);
    // Only lower bounds on elapsed time, which a loaded machine cannot break (it only makes things slower): the 6th
    // request cannot start before the first second is over, nor the 11th before the second (minus arrival jitter).
    expect(times[5] - times[0]).toBeGreaterThanOrEqual(700);
    expect(times[10] - times[0]).toBeGreaterThanOrEqual(1700);
  });

  it('times out a hanging endpoint: unknown, counted, not retried', async () => {
    const server = await stub(() => {}); // never answers
    const run = await verifyUndecided(
      [pair(1)],
      httpVerifier({ url: server.url, ...fast, timeoutMs: 150, retries: 2 }),
    );
    expect(run.conflicts).toEqual([]);
    expect(run.stats).toMatchObject({ verified: 1, unknown: 1, failed: 1, failures: { timeout: 1 } });
    expect(server.requests).toHaveLength(1);
  });

  it('retries a 503 and uses the answer that follows', async () => {
    const server = await stub((_, index, res) =>
      index === 0 ? json(res, 503, { error: 'busy' }) : json(res, 200, { verdict: 'conflict' }),
    );
    const verifier = httpVerifier({ url: server.url, ...fast, retries: 2 });
    const outcome = await verifier.check(verifyPairOf(pair(1)));
    expect(outcome).toMatchObject({ verdict: 'conflict', attempts: 2 });
    expect(server.requests).toHaveLength(2);
  });

  it('retries 429 after a small Retry-After, and gives up on a large one', async () => {
    const small = await stub((_, index, res) =>
      index === 0 ? json(res, 429, {}, { 'retry-after': '0' }) : json(res, 200, { verdict: 'compatible' }),
    );
    expect(
      await httpVerifier({ url: small.url, ...fast }).verify(verifyPairOf(pair(1)), new AbortController().signal),
    ).toBe('compatible');
    expect(small.requests).toHaveLength(2);
    const large = await stub((_, __, res) => json(res, 429, {}, { 'retry-after': '3600' }));
    expect(await httpVerifier({ url: large.url, ...fast }).check(verifyPairOf(pair(1)))).toMatchObject({
      verdict: 'unknown',
      failure: 'http',
      status: 429,
    });
    expect(large.requests).toHaveLength(1);
  });

  it('gives up after `retries` retries of a 5xx / network error', async () => {
    const failing = await stub((_, __, res) => json(res, 500, {}));
    expect(await httpVerifier({ url: failing.url, ...fast, retries: 2 }).check(verifyPairOf(pair(1)))).toMatchObject({
      verdict: 'unknown',
      failure: 'http',
      attempts: 3,
    });
    expect(failing.requests).toHaveLength(3);
    const dropping = await stub((_, __, res) => res.socket?.destroy());
    expect(await httpVerifier({ url: dropping.url, ...fast, retries: 1 }).check(verifyPairOf(pair(1)))).toMatchObject({
      verdict: 'unknown',
      failure: 'network',
      attempts: 2,
    });
    expect(dropping.requests).toHaveLength(2);
  });

  it('does not retry a 400', async () => {
    const server = await stub((_, __, res) => json(res, 400, { error: 'bad request' }));
    const run = await verifyUndecided([pair(1)], httpVerifier({ url: server.url, ...fast, retries: 2 }));
    expect(run.stats).toMatchObject({ unknown: 1, failed: 1, failures: { http: 1 } });
    expect(server.requests).toHaveLength(1);
  });

  it('treats garbage and invalid verdicts as unknown', async () => {
    const bodies = ['{not json', '{"verdict":"maybe"}', 'null', '"conflict"', '{"verdict":["conflict"]}'];
    const server = await stub((request, _, res) => json(res, 200, bodies[Number(request.body.subject.slice(-3))]));
    const run = await verifyUndecided(pairs(bodies.length), httpVerifier({ url: server.url, ...fast }));
    expect(run.conflicts).toEqual([]);
    expect(run.stats).toMatchObject({ verified: 5, unknown: 5, failed: 5, failures: { 'invalid-response': 5 } });
    expect(server.requests).toHaveLength(5); // not retried
  });

  it('asks at most maxPairs pairs, the first ones in (subject, attribute, location) order', async () => {
    const server = await stub(answer('conflict'));
    const shuffled = pairs(30).reverse();
    const run = await verifyUndecided(shuffled, httpVerifier({ url: server.url, ...fast, maxPairs: 5 }));
    expect(server.requests).toHaveLength(5);
    expect(server.requests.map((r) => r.body.subject).sort()).toEqual([
      'Entity 000',
      'Entity 001',
      'Entity 002',
      'Entity 003',
      'Entity 004',
    ]);
    expect(run.conflicts.map((p) => p.subject)).toEqual([
      'Entity 000',
      'Entity 001',
      'Entity 002',
      'Entity 003',
      'Entity 004',
    ]);
    expect(run.stats).toMatchObject({ eligible: 30, verified: 5, skipped: 25 });
    // maxPairs of the run overrides the verifier's.
    const again = await verifyUndecided(shuffled, httpVerifier({ url: server.url, ...fast, maxPairs: 5 }), {
      maxPairs: 2,
    });
    expect(again.stats.verified).toBe(2);
  });

  it('stops asking after a run of failures', async () => {
    const server = await stub((_, __, res) => json(res, 400, {}));
    const run = await verifyUndecided(pairs(20), httpVerifier({ url: server.url, ...fast, concurrency: 1 }));
    expect(server.requests).toHaveLength(MAX_CONSECUTIVE_FAILURES);
    expect(run.stats).toMatchObject({
      gaveUp: true,
      failed: MAX_CONSECUTIVE_FAILURES,
      skipped: 20 - MAX_CONSECUTIVE_FAILURES,
    });
  });

  it('validates its options', () => {
    expect(() => httpVerifier({ url: 'ftp://example.com/verify' })).toThrow(
      /url: expected an http:\/\/ or https:\/\/ URL/,
    );
    expect(() => httpVerifier({ url: 'http://127.0.0.1:1/', concurrency: 0 })).toThrow(/concurrency/);
    expect(() => httpVerifier({ url: 'http://127.0.0.1:1/', ratePerSecond: -1 })).toThrow(/ratePerSecond/);
  });
});

function verifyPairOf(p: UndecidedPair): VerifierPair {
  return {
    subject: p.subject,
    attribute: p.attribute,
    a: { value: p.a.value, text: p.a.sentence },
    b: { value: p.b.value, text: p.b.sentence },
  };
}

// --- the run with custom verifiers -----------------------------------------------------------------------------------

describe('verifyUndecided with a custom verifier', () => {
  it('never throws: rejections and non-verdicts are unknown and counted', async () => {
    let calls = 0;
    const verifier: ClaimVerifier = {
      async verify(p) {
        calls++;
        if (p.subject.endsWith('0')) throw new Error('model offline');
        if (p.subject.endsWith('1')) return 'yes' as never;
        return 'conflict';
      },
    };
    const run = await verifyUndecided(pairs(3), verifier);
    expect(calls).toBe(3);
    expect(run.conflicts.map((p) => p.subject)).toEqual(['Entity 002']);
    expect(run.stats).toMatchObject({
      verified: 3,
      conflict: 1,
      unknown: 2,
      failed: 2,
      failures: { error: 1, 'invalid-response': 1 },
    });
  });

  it('skips pairs that cannot be reported: same article, or no focus article', async () => {
    const same = pair(1);
    const b = { ...same.b, article: same.a.article, path: same.a.path };
    const sameArticle: UndecidedPair = {
      ...same,
      b,
      bClaims: [b],
      values: new Map([
        [same.a, same.a.value],
        [b, b.value],
      ]),
    };
    const asked: string[] = [];
    const verifier: ClaimVerifier = { verify: async (p) => (asked.push(p.subject), 'conflict') };
    const run = await verifyUndecided([sameArticle, pair(2), pair(3)], verifier, { focus: new Set(['b2.md']) });
    expect(asked).toEqual(['Entity 002']);
    expect(run.stats).toMatchObject({ undecided: 3, eligible: 1, verified: 1 });
  });
});

// --- through audit() -------------------------------------------------------------------------------------------------

const corpus: Record<string, string> = {
  'a.md': `# Kestrel Robotics raises funds

Kestrel Robotics, a warehouse automation company based in Hong Kong, raised HK$200 million in 2021.

The company employs 300 people.
`,
  'b.md': `# Kestrel Robotics profile

Kestrel Robotics raised US$40 million in 2021, according to the company.

Kestrel Robotics employs 300 people.
`,
  'c.md': `# Kestrel Robotics in brief

Kestrel Robotics raised US$40 million in 2021 to expand its warehouse robots.

Kestrel Robotics has revenue of HK$80 million in 2022.
`,
  'd.md': `# Kestrel results

Kestrel Robotics reported revenue of US$10 million in 2022.

Kestrel Robotics employs 2,000 people.
`, // 300 vs 2,000 employees: a rule-decided conflict next to the judged ones
};

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function corpusDir(files: Record<string, string> = corpus): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ca-verifier-'));
  dirs.push(dir);
  mkdirSync(path.join(dir, 'corpus'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, 'corpus', name), text);
  return dir;
}

const byVerifier = (f: { ruleId: string; message: string }) =>
  f.ruleId === 'claim-conflict' && f.message.endsWith('(judged by the verifier).');

/** An in-process verifier: conflict for the given attributes, compatible otherwise; records what it was asked. */
function judge(conflicting: string[]) {
  const asked: VerifierPair[] = [];
  const verifier: ClaimVerifier = {
    async verify(p) {
      asked.push(p);
      return conflicting.some((attribute) => p.attribute.startsWith(attribute)) ? 'conflict' : 'compatible';
    },
  };
  return { asked, verifier };
}

describe('audit() with a claim verifier', () => {
  it('is off by default: no server contacted, report unchanged and deterministic', async () => {
    const server = await stub(answer('conflict'));
    const dir = corpusDir();
    const first = await auditWithDetails({ cwd: dir, paths: ['corpus'] });
    const second = await audit({ cwd: dir, paths: ['corpus'] });
    expect(second).toStrictEqual(first.report);
    expect(first.verifier).toBeNull();
    // Configured but claim-conflict off: still nothing is asked.
    const off = await auditWithDetails({
      cwd: dir,
      paths: ['corpus'],
      config: { rules: { 'claim-conflict': { severity: 'off', verifier: { url: server.url } } } },
    });
    expect(off.verifier).toBeNull();
    expect(server.requests).toHaveLength(0);
    // The rules alone leave the currency pairs undecided: no conflict reported.
    expect(first.report.claims.conflicts.filter((c) => /funding|revenue/.test(c.attribute))).toEqual([]);
  });

  it('reports pairs judged conflict like rule-decided ones, re-sorted and fingerprinted', async () => {
    const dir = corpusDir();
    const plain = await audit({ cwd: dir, paths: ['corpus'] });
    const { asked, verifier } = judge(['funding raised']);
    const details = await auditWithDetails({ cwd: dir, paths: ['corpus'], claimVerifier: verifier });
    const report = details.report;
    expect(asked.map((p) => p.attribute).sort()).toEqual(['funding raised (2021)', 'revenue (2022)']);
    expect(details.verifier).toMatchObject({
      undecided: 2,
      eligible: 2,
      verified: 2,
      conflict: 1,
      compatible: 1,
      failed: 0,
    });

    // The conflict lists every claim of both values (b.md and c.md share "US$40 million").
    const conflict = report.claims.conflicts.find((c) => c.attribute === 'funding raised (2021)')!;
    expect(conflict.subject).toBe('Kestrel Robotics');
    expect(conflict.values.map((v) => [v.path, v.value])).toEqual([
      ['corpus/a.md', 'HK$200 million'],
      ['corpus/b.md', 'US$40 million'],
      ['corpus/c.md', 'US$40 million'],
    ]);
    const judged = report.findings.filter(byVerifier);
    expect(judged.map((f) => f.path)).toEqual(['corpus/a.md', 'corpus/b.md', 'corpus/c.md']);
    expect(judged[0].message).toBe(
      'Kestrel Robotics: "funding raised (2021)" is "HK$200 million" here but "US$40 million" in corpus/b.md and ' +
        '"US$40 million" in corpus/c.md (judged by the verifier).',
    );
    expect(judged[0]).toMatchObject({
      severity: 'warning',
      line: 3,
      related: [{ path: 'corpus/b.md' }, { path: 'corpus/c.md' }],
    });
    for (const f of judged) expect(f.fingerprint).toMatch(/^[0-9a-f]{16}$/);

    // The same pipeline order and summary as without the verifier; the other findings keep their fingerprints.
    const order = (r: typeof report) => r.findings.map((f) => `${f.path}:${f.line}:${f.column}:${f.ruleId}`);
    expect(order(report)).toEqual(
      [...order(report)].sort((x, y) => {
        const [px, lx, cx] = x.split(':');
        const [py, ly, cy] = y.split(':');
        return (px < py ? -1 : px > py ? 1 : 0) || Number(lx) - Number(ly) || Number(cx) - Number(cy);
      }),
    );
    expect(plain.summary.byRule['claim-conflict']).toBeGreaterThan(0); // the employees figures
    expect(report.summary.byRule['claim-conflict']).toBe(plain.summary.byRule['claim-conflict'] + 3);
    expect(report.summary.warnings).toBe(plain.summary.warnings + 3);
    expect(report.claims.conflicts.map((c) => c.attribute)).toEqual(
      [...plain.claims.conflicts.map((c) => c.attribute), 'funding raised (2021)'].sort(),
    );
    const others = report.findings.filter((f) => !byVerifier(f));
    const plainPrints = new Set(plain.findings.map((f) => f.fingerprint));
    for (const f of others) expect(plainPrints.has(f.fingerprint)).toBe(true);
    // Values now in conflict are no longer single-source facts; the revenue figures (judged compatible) still are.
    const single = (r: typeof report) =>
      r.findings.filter((f) => f.ruleId === 'single-source-claim').map((f) => f.evidence);
    expect(single(plain)).toContain('Kestrel Robotics | funding raised (2021) | HK$200 million');
    expect(single(report)).not.toContain('Kestrel Robotics | funding raised (2021) | HK$200 million');
    expect(single(report)).toContain('Kestrel Robotics | revenue (2022) | HK$80 million');

    // Deterministic for a deterministic verifier; a verifier that finds nothing changes nothing.
    expect(
      await audit({ cwd: dir, paths: ['corpus'], claimVerifier: judge(['funding raised']).verifier }),
    ).toStrictEqual(report);
    expect(await audit({ cwd: dir, paths: ['corpus'], claimVerifier: judge([]).verifier })).toStrictEqual(plain);
  });

  it('honours suppression comments and severities for judged conflicts', async () => {
    const dir = corpusDir({
      ...corpus,
      'a.md': corpus['a.md'].replace(
        'Kestrel Robotics, a warehouse',
        '<!-- content-audit-disable-next-line claim-conflict -->\nKestrel Robotics, a warehouse',
      ),
    });
    const config = { rules: { 'claim-conflict': 'error' } };
    const report = await audit({
      cwd: dir,
      paths: ['corpus'],
      config,
      claimVerifier: judge(['funding raised']).verifier,
    });
    const judged = report.findings.filter(byVerifier);
    expect(judged.map((f) => [f.path, f.severity])).toEqual([
      ['corpus/b.md', 'error'],
      ['corpus/c.md', 'error'],
    ]);
    expect(report.findings.some((f) => f.ruleId === 'unused-suppression')).toBe(false);
    expect(report.summary.passed).toBe(false);
  });

  it('uses the HTTP verifier from the config', async () => {
    const server = await stub((request, _, res) =>
      json(res, 200, { verdict: request.body.attribute.startsWith('revenue') ? 'conflict' : 'unknown' }),
    );
    const dir = corpusDir();
    const config = {
      rules: {
        'claim-conflict': {
          verifier: { url: server.url, concurrency: 1, ratePerSecond: 50, timeoutMs: 5000, retries: 0, maxPairs: 10 },
        },
      },
    };
    const details = await auditWithDetails({ cwd: dir, paths: ['corpus'], config });
    expect(server.requests).toHaveLength(2);
    expect(details.verifier).toMatchObject({ verified: 2, conflict: 1, unknown: 1, failed: 0 });
    const judged = details.report.findings.filter(byVerifier);
    expect(judged.map((f) => [f.path, f.line])).toEqual([
      ['corpus/c.md', 5],
      ['corpus/d.md', 3],
    ]);
  });

  it('turns an unreachable verifier into unknown verdicts, never an error', async () => {
    const server = await stub((_, __, res) => json(res, 503, {}));
    const dir = corpusDir();
    const plain = await audit({ cwd: dir, paths: ['corpus'] });
    const config = { rules: { 'claim-conflict': { verifier: { url: server.url, retries: 1, backoffMs: 1 } } } };
    const details = await auditWithDetails({ cwd: dir, paths: ['corpus'], config });
    expect(details.report).toStrictEqual(plain);
    expect(details.verifier).toMatchObject({ verified: 2, unknown: 2, failed: 2, failures: { http: 2 } });
    expect(server.requests).toHaveLength(4);
  });

  it('rejects an invalid verifier setting as a configuration error', async () => {
    const dir = corpusDir();
    const run = (verifier: unknown) =>
      audit({ cwd: dir, paths: ['corpus'], config: { rules: { 'claim-conflict': { verifier } } } });
    await expect(run({ url: 'file:///etc/passwd' })).rejects.toThrow(ConfigError);
    await expect(run({ url: 'file:///etc/passwd' })).rejects.toThrow(
      /rules\.claim-conflict\.verifier\.url: expected an http:\/\/ or https:\/\/ URL/,
    );
    await expect(run({ url: 'http://127.0.0.1:1/', retries: 'many' })).rejects.toThrow(
      /rules\.claim-conflict\.verifier\.retries/,
    );
    await expect(run({ url: 'http://127.0.0.1:1/', concurency: 2 })).rejects.toThrow(
      /verifier\.concurency: unknown key/,
    );
    await expect(run({})).rejects.toThrow(/verifier\.url/);
  });
});
