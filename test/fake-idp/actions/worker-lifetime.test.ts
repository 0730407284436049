// The Action pool's threads and the process around it: an idle pool never keeps a process alive
// (`flex-sso action-test` must end after an Action that timed out), and a worker that timed out is
// replaced only when a login needs one, so a long-running emulator does not collect idle threads.
// Each case runs in a process of its own, where its exit and its thread count are its own.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const RUNNER = fileURLToPath(new URL('../../../fake-idp/actions/runner.ts', import.meta.url));
const HELPERS = fileURLToPath(new URL('./helpers.ts', import.meta.url));

/** Runs `body` as an ES module (TypeScript imports allowed) in a new Node process. */
function runScript(body: string, withinMs: number): Promise<{ code: number | null; stdout: string; stderr: string; timedOut: boolean }> {
  const source = `import { ActionRunner } from ${JSON.stringify(RUNNER)};\nimport { action, eventFor } from ${JSON.stringify(HELPERS)};\n${body}`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', source], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, withinMs);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

describe('Action pool lifetime', () => {
  it('lets the process end with idle workers in the pool, after a run that timed out too', async () => {
    const result = await runScript(
      `
      const runner = new ActionRunner({ poolSize: 2, timeoutMs: 300 });
      const ok = await runner.run([action('ok', "api.samlResponse.setAttribute('email', event.user.email);")], eventFor());
      const stuck = await runner.run([action('stuck', 'while (true) {}')], eventFor());
      console.log(ok.saml.attributes.email, stuck.error.kind);
      // no runner.close(): the process must end on its own
    `,
      15_000,
    );
    expect(result.timedOut).toBe(false);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe('jane@example.com timeout');
  });

  it('starts no replacement worker for a timed-out one until a login needs it', async () => {
    const result = await runScript(
      `
      import { readdirSync } from 'node:fs';
      const threads = () => readdirSync('/proc/self/task').length;
      const settle = () => new Promise((r) => setTimeout(r, 500));
      const runner = new ActionRunner({ poolSize: 1, timeoutMs: 200 });
      await runner.run([action('ok', '')], eventFor());
      await settle();
      const warm = threads();
      for (let i = 0; i < 4; i++) await runner.run([action('stuck', 'while (true) {}')], eventFor());
      await settle();
      const afterTimeouts = threads();
      const again = await runner.run([action('ok', "api.samlResponse.setAttribute('email', event.user.email);")], eventFor());
      console.log(JSON.stringify({ warm, afterTimeouts, email: again.saml.attributes.email }));
      await runner.close();
    `,
      20_000,
    );
    expect(result.timedOut).toBe(false);
    expect(result.code).toBe(0);
    const { warm, afterTimeouts, email } = JSON.parse(result.stdout) as { warm: number; afterTimeouts: number; email: string };
    // The warm worker's thread is gone with the first timeout, and no idle replacement is left.
    expect(afterTimeouts).toBeLessThan(warm);
    expect(email).toBe('jane@example.com');
  });
});
