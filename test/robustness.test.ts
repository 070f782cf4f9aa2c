// "Robust under bad input and at scale": every kind of bad file, end to end through audit() and the CLI.
// Each test checks that the rest of the corpus is still audited and that the report says what happened to the bad file.
// Big and odd files are generated in a temp dir at test time; small ones are copied from test/fixtures/bad-input.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../bin/cli.js';
import { resolveConfig } from '../pipeline/config.js';
import { audit } from '../pipeline/index.js';
import type { Report } from '../pipeline/types.js';
import { writeReportFiles } from '../reports/write.js';
import { positionViolations, readOriginal } from './helpers/check-positions.js';

// File-system fault injection: every test can intercept these calls (the real implementation runs otherwise).
// biome-ignore lint/suspicious/noExplicitAny: a hook wraps fs functions of every signature
type Hook = (real: (...args: any[]) => any, ...args: any[]) => any;
const hooks = vi.hoisted(
  () =>
    ({}) as Partial<
      Record<'readFile' | 'readFileSync' | 'openSync' | 'readSync' | 'readdir' | 'writeFile' | 'rename', Hook>
    >,
);
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const wrap =
    (name: 'readFile' | 'readdir' | 'writeFile' | 'rename') =>
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    (...args: any[]) =>
      hooks[name] ? hooks[name]!((actual[name] as any).bind(null), ...args) : (actual[name] as any)(...args);
  const mocked = {
    ...actual,
    readFile: wrap('readFile'),
    readdir: wrap('readdir'),
    writeFile: wrap('writeFile'),
    rename: wrap('rename'),
  };
  return { ...mocked, default: mocked };
});
// The pipeline reads article bytes synchronously (pipeline/load.ts readBytes: openSync, fstatSync, readSync; the
// evidence re-read: readFileSync); the same hooks apply.
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  const wrap =
    (name: 'readFileSync' | 'openSync' | 'readSync') =>
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    (...args: any[]) =>
      hooks[name] ? hooks[name]!((actual[name] as any).bind(null), ...args) : (actual[name] as any)(...args);
  const mocked = {
    ...actual,
    readFileSync: wrap('readFileSync'),
    openSync: wrap('openSync'),
    readSync: wrap('readSync'),
  };
  return { ...mocked, default: mocked };
});
beforeEach(() => {
  for (const key of Object.keys(hooks) as (keyof typeof hooks)[]) delete hooks[key];
});

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'bad-input');
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const errno = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });

const bases: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  bases.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of bases) {
    try {
      chmodSync(dir, 0o755);
    } catch {
      // already gone
    }
    rmSync(dir, { recursive: true, force: true });
  }
});

const GOOD = '# A good article\n\nThis article is perfectly fine. It has a few sentences about gardening.\n';
const run = (cwd: string, paths: string[] = ['corpus'], config: Record<string, unknown> = {}) =>
  audit({ paths, cwd, config });
const findingsFor = (report: Report, file: string) => report.findings.filter((f) => f.path === file);
const docFor = (report: Report, file: string) => report.documents.find((d) => d.path === file);
function expectPositionsInBounds(report: Report, cwd: string): void {
  const violations = positionViolations(report, (p) => {
    const file = path.join(cwd, p);
    try {
      return readOriginal(file);
    } catch {
      return undefined;
    }
  });
  expect(violations).toEqual([]);
}
function expectGoodAudited(report: Report, file = 'corpus/good.md'): void {
  expect(docFor(report, file)).toMatchObject({ title: 'A good article' });
  expect(docFor(report, file)!.words).toBeGreaterThan(10);
}

/** Deterministic varied prose (so corpus-level detectors see realistic, non-identical text). */
function prose(bytes: number, seed = 1): string {
  const words = (
    'the quick brown fox jumps over lazy dog river bank sunny day everyone happy market price growth report city ' +
    'council budget school teacher student garden flower'
  ).split(' ');
  let state = seed;
  const rnd = () => (state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const parts: string[] = [];
  let size = 0;
  while (size < bytes) {
    const n = 8 + Math.floor(rnd() * 12);
    const sentence = Array.from({ length: n }, () => words[Math.floor(rnd() * words.length)]).join(' ');
    const part = `${sentence[0].toUpperCase()}${sentence.slice(1)}${rnd() < 0.2 ? '.\n\n' : '. '}`;
    parts.push(part);
    size += part.length;
  }
  return parts.join('');
}

describe('a corpus full of bad input', () => {
  let cwd: string;
  let report: Report;
  const utf16 = (s: string, be: boolean) => {
    const le = Buffer.from(s, 'utf16le');
    if (be) for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
    return Buffer.concat([Buffer.from(be ? [0xfe, 0xff] : [0xff, 0xfe]), le]);
  };

  beforeAll(async () => {
    cwd = tempDir('ca-bad-');
    const corpus = path.join(cwd, 'corpus');
    cpSync(FIXTURES, corpus, { recursive: true });
    writeFileSync(path.join(corpus, 'good.md'), GOOD);
    // Generated here (binary or large, or awkward to commit).
    writeFileSync(
      path.join(corpus, 'utf16le.md'),
      utf16('---\r\ntitle: Sixteen LE\r\n---\r\n# Heading\r\n\r\nSome text in UTF-16.\r\n', false),
    );
    writeFileSync(path.join(corpus, 'utf16be.txt'), utf16('Sixteen BE\n\nSome text in big-endian UTF-16.\n', true));
    writeFileSync(
      path.join(corpus, 'bom-front-matter.md'),
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from('---\ntitle: Front matter after a BOM\n---\n# Heading\n\nBody text.\n'),
      ]),
    );
    writeFileSync(
      path.join(corpus, 'nul-bytes.md'),
      Buffer.concat([Buffer.from('# Looks like text\n\n'), Buffer.from([0, 0, 0]), Buffer.from('but has NULs.\n')]),
    );
    writeFileSync(
      path.join(corpus, 'image.md'),
      Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'),
    );
    writeFileSync(path.join(corpus, 'one-mb-line.md'), `# One line\n\n${'word '.repeat(200_000)}\n`);
    writeFileSync(
      path.join(corpus, 'headings.md'),
      Array.from({ length: 10_000 }, (_, i) => `# Heading ${i}`).join('\n'),
    );
    writeFileSync(
      path.join(corpus, 'nested-lists.md'),
      Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n'),
    );
    writeFileSync(
      path.join(corpus, 'nested-quotes.md'),
      `${Array.from({ length: 1000 }, (_, i) => `${'>'.repeat(i + 1)} quote ${i}`).join('\n')}\n`,
    );
    writeFileSync(
      path.join(corpus, 'cr-only.md'),
      '# Old Mac file\r\rLine one of the paragraph\rline two.\r\r- item\r',
    );
    writeFileSync(
      path.join(corpus, 'crlf.txt'),
      'Windows File\r\n\r\nA paragraph with CRLF endings.\r\nSecond line.\r\n',
    );
    report = await run(cwd);
  }, 120_000);

  it('still audits the good article and lists every file in the corpus', () => {
    expectGoodAudited(report);
    const listed = new Set([...report.documents.map((d) => d.path), ...report.findings.map((f) => f.path)]);
    for (const name of readdirSync(path.join(cwd, 'corpus'))) expect(listed, name).toContain(`corpus/${name}`);
    expect(report.summary.documents).toBe(report.documents.length);
  });

  it('keeps every position inside the original text', () => {
    expectPositionsInBounds(report, cwd);
  });

  it('skips NUL-byte and binary files with unreadable-file, listed as 0-word documents', () => {
    for (const file of ['corpus/nul-bytes.md', 'corpus/image.md']) {
      expect(findingsFor(report, file)).toEqual([
        expect.objectContaining({ ruleId: 'unreadable-file', severity: 'error', line: 1, column: 1 }),
      ]);
      expect(docFor(report, file)).toMatchObject({ words: 0, title: null });
    }
    expect(findingsFor(report, 'corpus/nul-bytes.md')[0].message).toMatch(/NUL bytes \(first at byte 19\)/);
  });

  it('replaces invalid UTF-8 and says where (invalid-encoding error), still auditing the text', () => {
    const [finding] = findingsFor(report, 'corpus/invalid-utf8.md').filter((f) => f.ruleId === 'invalid-encoding');
    expect(finding).toMatchObject({ severity: 'error', line: 3, column: 16, evidence: 'byte 0xe9' });
    expect(docFor(report, 'corpus/invalid-utf8.md')!.words).toBeGreaterThan(5);
  });

  it('decodes Latin-1 files (invalid-encoding warning) with correct characters', () => {
    expect(findingsFor(report, 'corpus/latin1.txt').filter((f) => f.ruleId === 'invalid-encoding')).toEqual([
      expect.objectContaining({ severity: 'warning' }),
    ]);
    expect(docFor(report, 'corpus/latin1.txt')).toMatchObject({ title: 'Café crème' });
  });

  it('decodes UTF-16 LE/BE with BOM and UTF-8 BOM before front matter (front matter recognised)', () => {
    expect(docFor(report, 'corpus/utf16le.md')).toMatchObject({ title: 'Sixteen LE' });
    expect(docFor(report, 'corpus/utf16be.txt')).toMatchObject({ title: 'Sixteen BE' });
    expect(docFor(report, 'corpus/bom-front-matter.md')).toMatchObject({ title: 'Front matter after a BOM' });
    for (const file of ['corpus/utf16le.md', 'corpus/utf16be.txt', 'corpus/bom-front-matter.md']) {
      expect(
        findingsFor(report, file).filter((f) =>
          ['unreadable-file', 'invalid-encoding', 'invalid-front-matter'].includes(f.ruleId),
        ),
      ).toEqual([]);
    }
  });

  it('handles CRLF and lone-CR line endings', () => {
    expect(docFor(report, 'corpus/cr-only.md')).toMatchObject({ title: 'Old Mac file' });
    expect(docFor(report, 'corpus/crlf.txt')).toMatchObject({ title: 'Windows File' });
    expect(docFor(report, 'corpus/crlf-front-matter.md')).toMatchObject({ title: 'CRLF front matter' });
  });

  it('audits empty and whitespace-only files as 0-word documents (no extra rule)', () => {
    for (const file of ['corpus/empty.md', 'corpus/whitespace-only.md', 'corpus/whitespace-only.txt']) {
      expect(docFor(report, file)).toMatchObject({ words: 0, title: null });
      expect(
        findingsFor(report, file).filter((f) => ['unreadable-file', 'invalid-encoding'].includes(f.ruleId)),
      ).toEqual([]);
    }
  });

  it('reports unclosed and malformed front matter (invalid-front-matter) and audits the body', () => {
    const unclosed = findingsFor(report, 'corpus/unclosed-front-matter.md').filter(
      (f) => f.ruleId === 'invalid-front-matter',
    );
    expect(unclosed).toEqual([expect.objectContaining({ severity: 'warning', line: 1 })]);
    expect(unclosed[0].message).toMatch(/not closed/);
    const malformed = findingsFor(report, 'corpus/malformed-yaml.md').filter(
      (f) => f.ruleId === 'invalid-front-matter',
    );
    expect(malformed).toEqual([expect.objectContaining({ severity: 'warning', line: 3 })]);
    expect(docFor(report, 'corpus/malformed-yaml.md')).toMatchObject({ title: 'The body still counts' });
  });

  it('handles scale and nesting: a 1 MB line, 10,000 headings, 1,000-level lists and quotes', () => {
    expect(docFor(report, 'corpus/one-mb-line.md')!.words).toBe(200_002);
    expect(docFor(report, 'corpus/headings.md')).toMatchObject({ title: 'Heading 0', words: 20_000 });
    expect(docFor(report, 'corpus/nested-lists.md')!.words).toBe(2000);
    expect(docFor(report, 'corpus/nested-quotes.md')!.words).toBe(2000);
  });

  it('handles emoji, combining sequences, RTL, CJK-only and extremely short articles', () => {
    expect(docFor(report, 'corpus/emoji-combining.md')).toMatchObject({ title: 'Café 👩‍👩‍👧 🇫🇷' });
    expect(docFor(report, 'corpus/rtl.md')).toMatchObject({ title: 'مرحبا بالعالم' });
    expect(docFor(report, 'corpus/cjk-only.txt')).toMatchObject({ title: '東京の天気' });
    expect(docFor(report, 'corpus/cjk-only.txt')!.words).toBeGreaterThan(20);
    expect(docFor(report, 'corpus/short.md')).toMatchObject({ title: 'Hi', words: 1 });
    expect(docFor(report, 'corpus/one-char.txt')).toMatchObject({ words: 1 });
  });
});

describe('size limits', () => {
  it('refuses a 50 MB article by the default 20 MB maxFileBytes, without reading it', async () => {
    expect(resolveConfig({}).maxFileBytes).toBe(20 * 1024 * 1024);
    const cwd = tempDir('ca-big-');
    mkdirSync(path.join(cwd, 'corpus'));
    writeFileSync(path.join(cwd, 'corpus', 'good.md'), GOOD);
    const big = path.join(cwd, 'corpus', 'huge.md');
    writeFileSync(big, '# Huge\n\n');
    truncateSync(big, 50 * 1024 * 1024); // sparse: instant, no 50 MB write
    const reads: string[] = [];
    const opened = new Map<number, string>();
    hooks.openSync = (real, file, ...rest) => {
      const fd = real(file, ...rest);
      opened.set(fd, String(file));
      return fd;
    };
    hooks.readSync = (real, fd, ...rest) => {
      reads.push(opened.get(fd) ?? '');
      return real(fd, ...rest);
    };
    hooks.readFile = hooks.readFileSync = (real, file, ...rest) => {
      reads.push(String(file));
      return real(file, ...rest);
    };
    const report = await run(cwd);
    expectGoodAudited(report);
    expect(reads.some((f) => f.endsWith('huge.md'))).toBe(false);
    expect(findingsFor(report, 'corpus/huge.md')).toEqual([
      expect.objectContaining({ ruleId: 'unreadable-file', severity: 'error' }),
    ]);
    expect(findingsFor(report, 'corpus/huge.md')[0].message).toBe(
      'File not audited: it is 52428800 bytes, over the 20971520-byte limit (option maxFileBytes).',
    );
    expect(docFor(report, 'corpus/huge.md')).toMatchObject({ words: 0 });
    // The limit is configurable.
    const strict = await run(cwd, ['corpus/good.md'], { maxFileBytes: 16 });
    expect(findingsFor(strict, 'corpus/good.md')[0].message).toMatch(/over the 16-byte limit/);
  });

  it('processes a 15 MB plain-text article within time and memory bounds', async () => {
    const cwd = tempDir('ca-15mb-');
    mkdirSync(path.join(cwd, 'corpus'));
    writeFileSync(path.join(cwd, 'corpus', 'good.md'), GOOD);
    writeFileSync(path.join(cwd, 'corpus', 'big.txt'), `Big Article\n\n${prose(15 * 1024 * 1024)}`);
    const heapBefore = process.memoryUsage().heapUsed;
    // Speed belongs in the benchmark (npm run bench), not in a timed unit test: only completion and memory are
    // asserted.
    const report = await run(cwd);
    expectGoodAudited(report);
    expect(docFor(report, 'corpus/big.txt')).toMatchObject({ title: 'Big Article' });
    expect(docFor(report, 'corpus/big.txt')!.words).toBeGreaterThan(2_000_000);
    expect(findingsFor(report, 'corpus/big.txt').filter((f) => f.ruleId === 'unreadable-file')).toEqual([]);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(1.5 * 1024 ** 3);
  }, 180_000);
});

describe('file-system trouble', () => {
  it('does not follow symlinks out of the root, terminates on loops, and reports them', async () => {
    const cwd = tempDir('ca-links-');
    const corpus = path.join(cwd, 'corpus');
    mkdirSync(path.join(corpus, 'sub'), { recursive: true });
    mkdirSync(path.join(cwd, 'private'));
    writeFileSync(path.join(corpus, 'good.md'), GOOD);
    writeFileSync(path.join(cwd, 'private', 'secret.md'), '# Secret\n\nDo not read.\n');
    symlinkSync(path.join(cwd, 'private', 'secret.md'), path.join(corpus, 'secret.md'));
    symlinkSync(path.join(cwd, 'private'), path.join(corpus, 'private-dir'));
    symlinkSync('..', path.join(corpus, 'sub', 'loop'));
    symlinkSync('self.md', path.join(corpus, 'self.md'));
    const report = await run(cwd);
    expectGoodAudited(report);
    expect(report.documents.map((d) => d.path)).toEqual(['corpus/good.md']);
    expect(findingsFor(report, 'corpus/secret.md')).toEqual([
      expect.objectContaining({ ruleId: 'unreadable-file', severity: 'info' }),
    ]);
    expect(findingsFor(report, 'corpus/self.md')[0].message).toMatch(/loops/);
  });

  it.runIf(isRoot)(
    'reports permission denied for real (as root: in a child process running as nobody)',
    () => {
      const cwd = tempDir('ca-perm-');
      chmodSync(cwd, 0o755);
      mkdirSync(path.join(cwd, 'corpus', 'locked-dir'), { recursive: true });
      writeFileSync(path.join(cwd, 'corpus', 'good.md'), GOOD);
      writeFileSync(path.join(cwd, 'corpus', 'locked.md'), '# Locked\n');
      writeFileSync(path.join(cwd, 'corpus', 'locked-dir', 'inner.md'), '# Inner\n');
      chmodSync(path.join(cwd, 'corpus', 'locked.md'), 0o000);
      chmodSync(path.join(cwd, 'corpus', 'locked-dir'), 0o000);
      const script = path.join(cwd, 'probe.mjs');
      const index = path.join(path.dirname(FIXTURES), '..', '..', 'pipeline', 'index.ts');
      writeFileSync(
        script,
        `import { audit } from ${JSON.stringify(index)};\nconst report = await audit({ paths: ['corpus'], ` +
          `cwd: ${JSON.stringify(cwd)}, config: {} });\nprocess.stdout.write(JSON.stringify(report));\n`,
      );
      const child = spawnSync(process.execPath, ['--import', 'tsx', script], {
        cwd: path.join(path.dirname(FIXTURES), '..', '..'),
        uid: 65534,
        gid: 65534,
        encoding: 'utf8',
        env: { ...process.env, HOME: tmpdir() },
        timeout: 50_000,
      });
      expect(child.stderr).toBe('');
      const report = JSON.parse(child.stdout) as Report;
      expectGoodAudited(report);
      expect(findingsFor(report, 'corpus/locked.md')).toEqual([
        expect.objectContaining({
          ruleId: 'unreadable-file',
          severity: 'error',
          message: 'File not audited: permission denied.',
        }),
      ]);
      expect(docFor(report, 'corpus/locked.md')).toMatchObject({ words: 0 });
      expect(findingsFor(report, 'corpus/locked-dir')[0].message).toMatch(
        /directory could not be read \(permission denied\)/,
      );
    },
    60_000,
  );

  it.runIf(!isRoot)('reports permission denied for real (chmod 000)', async () => {
    const cwd = tempDir('ca-perm-');
    mkdirSync(path.join(cwd, 'corpus'));
    writeFileSync(path.join(cwd, 'corpus', 'good.md'), GOOD);
    writeFileSync(path.join(cwd, 'corpus', 'locked.md'), '# Locked\n');
    chmodSync(path.join(cwd, 'corpus', 'locked.md'), 0o000);
    const report = await run(cwd);
    expectGoodAudited(report);
    expect(findingsFor(report, 'corpus/locked.md')[0].message).toBe('File not audited: permission denied.');
  });

  it('reports EACCES/EPERM from the file system (simulated), for files and folders', async () => {
    const cwd = tempDir('ca-eacces-');
    mkdirSync(path.join(cwd, 'corpus', 'closed'), { recursive: true });
    writeFileSync(path.join(cwd, 'corpus', 'good.md'), GOOD);
    writeFileSync(path.join(cwd, 'corpus', 'denied.md'), '# Denied\n');
    writeFileSync(path.join(cwd, 'corpus', 'eperm.txt'), 'Denied\n');
    writeFileSync(path.join(cwd, 'corpus', 'closed', 'inner.md'), '# Inner\n');
    hooks.readFile = (real, file, ...rest) => {
      if (String(file).endsWith('denied.md')) return Promise.reject(errno('EACCES'));
      if (String(file).endsWith('eperm.txt')) return Promise.reject(errno('EPERM'));
      return real(file, ...rest);
    };
    hooks.openSync = hooks.readFileSync = (real, file, ...rest) => {
      if (String(file).endsWith('denied.md')) throw errno('EACCES');
      if (String(file).endsWith('eperm.txt')) throw errno('EPERM');
      return real(file, ...rest);
    };
    hooks.readdir = (real, dir, ...rest) =>
      String(dir).endsWith('closed') ? Promise.reject(errno('EACCES')) : real(dir, ...rest);
    const report = await run(cwd);
    expectGoodAudited(report);
    for (const file of ['corpus/denied.md', 'corpus/eperm.txt']) {
      expect(findingsFor(report, file)).toEqual([
        expect.objectContaining({ ruleId: 'unreadable-file', message: 'File not audited: permission denied.' }),
      ]);
      expect(docFor(report, file)).toMatchObject({ words: 0 });
    }
    expect(findingsFor(report, 'corpus/closed')[0].message).toBe(
      'File not audited: directory could not be read (permission denied).',
    );
  });

  it('reports a file deleted between listing and reading', async () => {
    const cwd = tempDir('ca-vanish-');
    mkdirSync(path.join(cwd, 'corpus'));
    writeFileSync(path.join(cwd, 'corpus', 'good.md'), GOOD);
    writeFileSync(path.join(cwd, 'corpus', 'vanishing.md'), '# Soon gone\n');
    hooks.readFile = hooks.openSync = (real, file, ...rest) => {
      if (String(file).endsWith('vanishing.md')) rmSync(String(file));
      return real(file, ...rest);
    };
    const report = await run(cwd);
    expectGoodAudited(report);
    expect(findingsFor(report, 'corpus/vanishing.md')).toEqual([
      expect.objectContaining({
        ruleId: 'unreadable-file',
        message: 'File not audited: it disappeared before it could be read.',
      }),
    ]);
  });

  it('walks file systems that do not report entry types (DT_UNKNOWN)', async () => {
    const cwd = tempDir('ca-dtunknown-');
    mkdirSync(path.join(cwd, 'corpus', 'sub'), { recursive: true });
    writeFileSync(path.join(cwd, 'corpus', 'good.md'), GOOD);
    writeFileSync(path.join(cwd, 'corpus', 'sub', 'inner.md'), '# Inner\n\nText.\n');
    const no = () => false;
    hooks.readdir = async (real, dir, ...rest) =>
      ((await real(dir, ...rest)) as { name: string }[]).map((entry) => ({
        name: entry.name,
        isFile: no,
        isDirectory: no,
        isSymbolicLink: no,
        isFIFO: no,
        isSocket: no,
        isBlockDevice: no,
        isCharacterDevice: no,
      }));
    const report = await run(cwd);
    expectGoodAudited(report);
    expect(report.documents.map((d) => d.path)).toEqual(['corpus/good.md', 'corpus/sub/inner.md']);
  });

  it('handles paths with spaces, Unicode and shell metacharacters (walked and named explicitly)', async () => {
    const cwd = tempDir('ca-names-');
    const names = [
      'with space.md',
      'ünïcödé 路径 ✓.md',
      `semi;colon & $HOME 'q' "dq" (p) [b] {c} *? ! # \`tick\`.md`,
      '-dash-first.md',
      'new\nline.txt',
    ];
    mkdirSync(path.join(cwd, 'corpus', 'dir with * and [x]'), { recursive: true });
    writeFileSync(path.join(cwd, 'corpus', 'good.md'), GOOD);
    for (const name of names)
      writeFileSync(
        path.join(cwd, 'corpus', 'dir with * and [x]', name),
        `# Title of ${name.length}\n\nSome text here.\n`,
      );
    const report = await run(cwd);
    expectGoodAudited(report);
    for (const name of names)
      expect(docFor(report, `corpus/dir with * and [x]/${name}`), name).toMatchObject({ words: 6 });
    // Named explicitly: an existing path with glob characters is a path, not a glob.
    const explicit = await run(
      cwd,
      names.map((n) => `corpus/dir with * and [x]/${n}`),
    );
    expect(explicit.documents).toHaveLength(names.length);
  });
});

describe('report output (--out)', () => {
  const listAll = (dir: string): string[] =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .map((p) => p.split(path.sep).join('/'))
      .sort();
  const io = (cwd: string) => {
    const out: string[] = [];
    const sink = { write: (s: string) => out.push(s) && true };
    type Io = NonNullable<Parameters<typeof main>[1]>;
    return { io: { stdout: sink, stderr: sink, cwd } as unknown as Io, out };
  };

  it('writes exactly the reports into the named folder and nothing elsewhere', async () => {
    const cwd = tempDir('ca-out-');
    mkdirSync(path.join(cwd, 'corpus'));
    writeFileSync(path.join(cwd, 'corpus', 'good.md'), GOOD);
    writeFileSync(path.join(cwd, 'corpus', 'binary.md'), Buffer.from([0, 1, 2]));
    const before = listAll(cwd);
    const { io: streams } = io(cwd);
    const code = await main(
      ['corpus', '--out', 'out dir/nested', '--no-config', '--fail-on', 'never', '--no-progress', '--no-color'],
      streams,
    );
    expect(code).toBe(0);
    // (.content-audit-cache is the pipeline's cache in the working directory, not a report.)
    const created = listAll(cwd).filter((p) => !before.includes(p) && !p.startsWith('.content-audit-cache'));
    expect(created).toEqual([
      'out dir',
      'out dir/nested',
      'out dir/nested/audit.html',
      'out dir/nested/audit.json',
      'out dir/nested/audit.md',
    ]);
    const json = JSON.parse(readFileSync(path.join(cwd, 'out dir', 'nested', 'audit.json'), 'utf8')) as Report;
    expect(json.documents.map((d) => d.path)).toEqual(['corpus/binary.md', 'corpus/good.md']);
  });

  it('refuses report names that would escape the folder, before writing anything', async () => {
    const base = tempDir('ca-escape-');
    const dir = path.join(base, 'out');
    for (const name of ['../evil.html', 'sub/evil.html', '/tmp/evil.html', '', '.', '..', 'a\\b.html', 'nul\0.html']) {
      await expect(
        writeReportFiles(dir, [
          { name: 'audit.json', content: '{}' },
          { name, content: 'x' },
        ]),
      ).rejects.toThrow(/refusing to write outside/);
    }
    expect(existsSync(dir)).toBe(false);
    expect(readdirSync(base)).toEqual([]);
  });

  it('replaces a symlink planted at a report name instead of writing through it', async () => {
    const base = tempDir('ca-plant-');
    const dir = path.join(base, 'out');
    mkdirSync(dir);
    writeFileSync(path.join(base, 'victim.txt'), 'precious');
    symlinkSync(path.join(base, 'victim.txt'), path.join(dir, 'audit.html'));
    await writeReportFiles(dir, [{ name: 'audit.html', content: '<html>' }]);
    expect(readFileSync(path.join(base, 'victim.txt'), 'utf8')).toBe('precious');
    expect(readFileSync(path.join(dir, 'audit.html'), 'utf8')).toBe('<html>');
    expect(readdirSync(dir)).toEqual(['audit.html']);
  });

  const previous = [
    { name: 'audit.html', content: 'old html' },
    { name: 'audit.md', content: 'old md' },
  ];
  const next = [
    { name: 'audit.html', content: 'new html' },
    { name: 'audit.md', content: 'new md' },
    { name: 'audit.json', content: 'new json' },
  ];
  const contents = (dir: string) =>
    Object.fromEntries(
      readdirSync(dir)
        .sort()
        .map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]),
    );

  it('leaves no partial report and no temp files when a write fails mid-way (ENOSPC)', async () => {
    const dir = tempDir('ca-enospc-');
    await writeReportFiles(dir, previous);
    let calls = 0;
    hooks.writeFile = (real, ...args) => (++calls === 2 ? Promise.reject(errno('ENOSPC')) : real(...args));
    await expect(writeReportFiles(dir, next)).rejects.toThrow(
      /could not write the reports to .*: no space left on the device; no report was replaced/,
    );
    expect(contents(dir)).toEqual({ 'audit.html': 'old html', 'audit.md': 'old md' });
  });

  it('rolls back already-replaced reports when a rename fails half-way', async () => {
    const dir = tempDir('ca-rename-');
    await writeReportFiles(dir, previous);
    let calls = 0;
    hooks.rename = (real, ...args) => (++calls === 3 ? Promise.reject(errno('EIO')) : real(...args));
    await expect(writeReportFiles(dir, next)).rejects.toThrow(/EIO/);
    expect(contents(dir)).toEqual({ 'audit.html': 'old html', 'audit.md': 'old md' });
    hooks.rename = undefined;
    await writeReportFiles(dir, next);
    expect(contents(dir)).toEqual({ 'audit.html': 'new html', 'audit.json': 'new json', 'audit.md': 'new md' });
  });

  it('refuses before replacing anything when a directory is in the way', async () => {
    const dir = tempDir('ca-dirway-');
    await writeReportFiles(dir, previous);
    mkdirSync(path.join(dir, 'audit.json'));
    await expect(writeReportFiles(dir, next)).rejects.toThrow(/directory is in the way/);
    expect(readdirSync(dir).sort()).toEqual(['audit.html', 'audit.json', 'audit.md']);
    expect(readFileSync(path.join(dir, 'audit.html'), 'utf8')).toBe('old html');
  });

  it(
    'the CLI exits 2 with a clear message (not an internal error) and leaves no temp files when the output cannot ' +
      'be written',
    async () => {
      const cwd = tempDir('ca-clifail-');
      mkdirSync(path.join(cwd, 'corpus'));
      writeFileSync(path.join(cwd, 'corpus', 'good.md'), GOOD);
      mkdirSync(path.join(cwd, 'out', 'audit.md'), { recursive: true });
      const { io: streams, out } = io(cwd);
      const code = await main(
        ['corpus', '--out', 'out', '--no-config', '--fail-on', 'never', '--no-progress'],
        streams,
      );
      expect(code).toBe(2);
      expect(out.join('')).toMatch(
        new RegExp(
          String.raw`^content-audit: could not write the reports to .*out: a directory is in the way at audit\.md; ` +
            `no report was replaced`,
          'm',
        ),
      );
      expect(out.join('')).not.toMatch(/internal error/);
      expect(readdirSync(path.join(cwd, 'out'))).toEqual(['audit.md']);
    },
  );
});
