// Ctrl-C: the CLI exits 130 with a clear message and leaves no report behind (reports are written only at the end,
// atomically). Runs the built CLI on a corpus large enough to still be working when the signal arrives.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin', 'content-audit.js');

describe('interrupting the CLI', () => {
  it('exits 130 on SIGINT without writing any report', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ca-sigint-'));
    mkdirSync(path.join(dir, 'corpus'));
    for (let i = 0; i < 4000; i++) {
      writeFileSync(path.join(dir, 'corpus', `a${i}.md`), `# Article ${i}\n\n${'The council met again today and discussed the library budget in detail. '.repeat(40)}\n`);
    }
    const child = spawn(process.execPath, [bin, 'corpus', '--out', 'out', '--no-cache'], { cwd: dir, env: { ...process.env, CI: 'true' } });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    // Send the signal once the CLI is running (its module graph has loaded), well before a 4,000-article audit ends.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(130);
    expect(stderr).toContain('interrupted; no reports were written');
    expect(existsSync(path.join(dir, 'out', 'audit.json'))).toBe(false);
    expect(existsSync(path.join(dir, 'out', 'audit.html'))).toBe(false);
  }, 120_000);
});
