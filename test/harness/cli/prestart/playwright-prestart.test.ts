// The Playwright runner that bin/flex-sso.js starts before `run` has its plan: it runs what it is
// handed, ends quietly without a plan, and never outlives a CLI that stopped before handing one.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { claimPrestartedPlaywright, prestartPlaywright } from '../../../../harness/cli/prestart/playwright-prestart.js';
import { runCli } from '../../../helpers/cli.ts';
import { processTag, tagged } from '../../../helpers/processes.ts';

const LAUNCHER = fileURLToPath(new URL('../../../../harness/cli/prestart/playwright-launcher.js', import.meta.url));
const PLAYWRIGHT_VERSION = (createRequire(import.meta.url)('@playwright/test/package.json') as { version: string }).version;

function startLauncher(env: NodeJS.ProcessEnv = process.env): { input: Writable; done: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, [LAUNCHER], { stdio: ['ignore', 'pipe', 'pipe', 'pipe'], env });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
  return { input: child.stdio[3] as Writable, done };
}

describe('playwright-launcher', () => {
  it('runs Playwright with the arguments it is handed', async () => {
    const { input, done } = startLauncher();
    input.end(JSON.stringify({ args: ['--version'], env: { ...process.env } }));
    const { code, stdout } = await done;
    expect(code).toBe(0);
    expect(stdout).toContain(`Version ${PLAYWRIGHT_VERSION}`);
  });

  it('runs it in the environment it is handed, not its own', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flex-sso-launcher-'));
    try {
      const config = join(dir, 'probe.config.mjs');
      writeFileSync(config, 'console.log(`probe=${process.env.FLEX_SSO_PROBE} own=${process.env.FLEX_SSO_OWN}`);\nexport default { testDir: "." };\n');
      const { input, done } = startLauncher({ ...process.env, FLEX_SSO_OWN: 'launcher' });
      input.end(JSON.stringify({ args: ['test', '--list', '--config', config], env: { ...process.env, FLEX_SSO_PROBE: 'handed' } }));
      expect((await done).stdout).toContain('probe=handed own=undefined');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('ends quietly when its pipe closes without a plan', async () => {
    const { input, done } = startLauncher();
    input.end();
    expect(await done).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe('flex-sso run with a prestarted runner', () => {
  it.each([
    [['run', '--workers', 'abc'], 2],
    [['run', '--help'], 0],
  ])('leaves no runner behind when `%s` ends before starting Playwright', async (args, exit) => {
    const { env, tag } = processTag();
    const result = await runCli(args, { env });
    expect(result.code).toBe(exit);
    expect(await tagged(tag, 5_000)).toEqual([]);
  });
});

describe('a prestarted runner that ends before its plan', () => {
  it('does not take the CLI down when the plan is written to a runner that has died', async () => {
    prestartPlaywright();
    const entry = (globalThis as Record<symbol, { child: ChildProcess } | undefined>)[Symbol.for('flex-sso.prestarted-playwright')];
    expect(entry?.child.pid).toBeGreaterThan(0);
    entry?.child.kill('SIGKILL');
    // Dead, but not yet reaped by this process: the claim goes ahead and writes to a broken pipe.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
    const claimed = claimPrestartedPlaywright(['--version'], {});
    expect(claimed).toBe(entry?.child);
    const code = await new Promise((resolve) => claimed?.once('close', (c, signal) => resolve(c ?? signal)));
    expect(code).toBe('SIGKILL');
    // An unhandled EPIPE / ECONNRESET on the pipe would fail this file here.
    await new Promise((resolve) => setTimeout(resolve, 200));
  });
});
