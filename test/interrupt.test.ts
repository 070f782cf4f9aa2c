// Ctrl-C and SIGTERM: the CLI stops in any phase, exits 130 (SIGINT) or 143 (SIGTERM) with a clear message, writes no
// report and leaves no thread or process behind. Run under a real pseudo-terminal (test/helpers/run-in-pty.py), as
// a user's shell runs it: the progress display is on, and Ctrl-C is the terminal's 0x03, not a kill from a parent.
// Timing: the signal goes once the CLI shows it is digesting; the bound on how long it then takes to stop is loose
// (CI is loaded), while the audit it interrupts would take far longer.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs, tempDir } from './helpers/temp-dirs.js';

afterAll(removeTempDirs);

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin', 'content-audit.js');
const helper = path.join(root, 'test', 'helpers', 'run-in-pty.py');
const hasPython = spawnSync('python3', ['--version']).status === 0;

/** The issue's case: 300 articles, interrupted at "digest 0/300" (all in one in-process batch before the fix). */
function corpus(): string {
  const dir = tempDir('ca-signal-');
  mkdirSync(path.join(dir, 'corpus'));
  for (let i = 0; i < 300; i++) {
    writeFileSync(
      path.join(dir, 'corpus', `a${i}.md`),
      `# Article ${i}\n\n${`The council met again on day ${i} and discussed the library budget in detail. `.repeat(
        300,
      )}\n`,
    );
  }
  return dir;
}

function interrupt(which: 'INT' | 'TERM') {
  const dir = corpus();
  const env = { ...process.env };
  delete env.CI; // the progress display only shows outside CI; it is the marker the helper waits for
  const result = spawnSync(
    'python3',
    [helper, 'digest', which, '60', process.execPath, bin, 'corpus', '--out', 'out', '--no-cache'],
    { cwd: dir, encoding: 'utf8', env, timeout: 150_000 },
  );
  const outcome = JSON.parse(result.stdout) as {
    code: number;
    afterSignal: number;
    markerSeen: boolean;
    output: string;
  };
  // No process of this run is left (its threads end with it).
  const stray = spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter((line) => line.includes(dir));
  return { ...outcome, dir, stray };
}

describe.skipIf(!hasPython)('stopping the CLI under a real terminal', () => {
  for (const [which, code, word] of [
    ['INT', 130, 'interrupted'],
    ['TERM', 143, 'terminated'],
  ] as const) {
    it(`SIG${which} while digesting: exit ${code}, no report, nothing left running`, () => {
      const outcome = interrupt(which);
      expect(outcome.markerSeen, outcome.output).toBe(true);
      expect(outcome.code, outcome.output).toBe(code);
      expect(outcome.output).toContain(`${word}; no reports were written`);
      expect(outcome.afterSignal).toBeLessThan(10);
      expect(existsSync(path.join(outcome.dir, 'out')) ? readdirSync(path.join(outcome.dir, 'out')) : []).toEqual([]);
      expect(outcome.stray).toEqual([]);
    }, 180_000);
  }
});
