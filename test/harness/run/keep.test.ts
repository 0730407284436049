// `flex-sso run --keep` (issue 19): the run's logins stay readable in a dashboard after the matrix.
// A real one-scenario run: Playwright, Chromium, the emulator and the fake SP.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { planRun } from '../../../harness/cli/commands/run.ts';

const BIN = fileURLToPath(new URL('../../../bin/flex-sso.js', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'flex-sso-keep-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('flex-sso run --keep', () => {
  it('is refused for a real tenant (exit 2)', () => {
    expect(() => planRun({ mode: 'staging', reporter: 'json', out: 'o', keep: true }, '/tmp')).toThrow(
      expect.objectContaining({ code: 'BAD_KEEP', exitCode: 2 }),
    );
  });

  it("serves the run's logins after the matrix (found by the scenario's RelayState), until SIGINT; the exit code is the run's", async () => {
    const child = spawn(process.execPath, [BIN, 'run', '--grep', 'pattern-a-role-typo', '--keep', '--reporter', 'json', '--workers', '1', '--out', out], {
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const dashboard = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no kept dashboard: ${stdout} ${stderr}`)), 150_000);
        child.stdout.on('data', (d: Buffer) => {
          stdout += d.toString();
          const url = /^ {2}(http:\/\/127\.0\.0\.1:\d+\/) {2}\(/m.exec(stdout)?.[1];
          if (url) {
            clearTimeout(timer);
            resolve(url);
          }
        });
      });
      expect(existsSync(join(out, 'results.json'))).toBe(true);
      const api = await fetch(`${dashboard}api/logins`).then((r) => r.json() as Promise<{ logins: { id: string; relayState?: string }[] }>);
      const loginId = api.logins.find((l) => l.relayState?.startsWith('pattern-a-role-typo.'))?.id;
      expect(loginId).toBeTruthy();
      const page = await fetch(`${dashboard}logins/${encodeURIComponent(loginId as string)}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('FLEX_UNKNOWN_ROLE');
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  }, 180_000);
});
