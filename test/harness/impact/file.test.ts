// `flex-sso impact` offline: --users FILE with --baseline FILE.js (no tenant at all), the candidate
// alone, a bad users file, the HTML report, and Ctrl+C — through the real CLI.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.ts';
import { CANDIDATE, EXPECTED_SUMMARY, expectedUsers, PATTERN_A, USERS } from './seed.ts';

const TIMEOUT = 90_000;
const dir = mkdtempSync(join(tmpdir(), 'impact-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
// No tenant: the environment names none, so a tenant read would be a usage error, not a silent call.
const offline = { AUTH0_DOMAIN: '', AUTH0_MGMT_CLIENT_ID: '', AUTH0_MGMT_CLIENT_SECRET: '' };
const cli = (args: string[]) => runCli(['impact', ...args], { cwd: dir, env: offline, timeoutMs: TIMEOUT - 5000 });

const seeded = USERS.map((user, i) => ({ ...user, user_id: `auth0|seed${i}`, email_verified: true }));
const baseline = file('pattern-a.js', PATTERN_A);
const candidate = file('flex-pattern-a.js', CANDIDATE);

describe('flex-sso impact --users FILE', () => {
  it(
    'with --baseline FILE.js needs no tenant and gives the same exact counts and changes as the tenant run',
    async () => {
      const users = file('users.json', JSON.stringify(seeded, null, 2));
      const result = await cli([candidate, '--users', users, '--baseline', baseline, '--json', '--now', '2026-12-01T00:00:00Z']);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(1);
      const json = JSON.parse(result.stdout) as Record<string, unknown>;
      expect(Object.keys(json)).toEqual(['usersChecked', 'summary', 'users']);
      expect(json.usersChecked).toBe(10);
      expect(json.summary).toEqual(EXPECTED_SUMMARY);
      expect(json.users).toEqual(expectedUsers());
    },
    TIMEOUT,
  );

  it(
    'exits 0 when nothing is newly rejected and no Action fails (a candidate identical to the baseline)',
    async () => {
      const users = file('same.jsonl', seeded.map((u) => JSON.stringify(u)).join('\n'));
      const result = await cli([baseline, '--users', users, '--baseline', baseline]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('10 users checked: 10 unchanged, 0 changed (0 newly rejected, 0 newly accepted), 0 errors');
    },
    TIMEOUT,
  );

  it(
    'without --baseline shows the candidate alone: verdict counts and the users Flex would not accept',
    async () => {
      const users = file('alone.jsonl', seeded.map((u) => JSON.stringify(u)).join('\n'));
      const result = await cli([candidate, '--users', users, '--json']);
      expect(result.code).toBe(1);
      const json = JSON.parse(result.stdout) as {
        usersChecked: number;
        summary: unknown;
        users: { email: string; before: unknown; after: { verdict: string } }[];
      };
      // typo@ (superviser) is rejected; both Legacy users denied; broken@ errors.
      expect(json.summary).toEqual({ valid: 6, rejected: 1, denied: 2, errors: 1 });
      expect(json.users.map((u) => [u.email, u.after.verdict, u.before])).toEqual([
        ['broken@corp.test', 'error', null],
        ['legacy.agent@corp.test', 'denied', null],
        ['legacy.typo@corp.test', 'denied', null],
        ['typo@corp.test', 'rejected', null],
      ]);
    },
    TIMEOUT,
  );

  it(
    'stops at a bad line with exit 2 and the line number, and checks nobody',
    async () => {
      const users = file('bad.jsonl', `${JSON.stringify(seeded[0])}\n${JSON.stringify(seeded[1])}\n{"email": "x@corp.test",\n`);
      const result = await cli([candidate, '--users', users, '--baseline', baseline]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`${users}:3: not valid JSON`);
      expect(result.stderr).toContain('[USERS_FILE_JSON]');
      expect(result.stdout).toBe('');
    },
    TIMEOUT,
  );

  it(
    'refuses a missing users file and a bad --fail-on with exit 2',
    async () => {
      expect((await cli([candidate, '--users', join(dir, 'nope.json'), '--baseline', baseline])).stderr).toContain('[USERS_FILE_UNREADABLE]');
      const bad = await cli([candidate, '--users', join(dir, 'nope.json'), '--fail-on', 'sometimes']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('[BAD_FAIL_ON]');
    },
    TIMEOUT,
  );

  it(
    'writes impact.html with every value escaped and impact.json equal to --json',
    async () => {
      const hostile = [{ ...seeded[1], email: 'x<script>alert(1)</script>@corp.test', name: '<img src=x onerror=alert(1)>' }];
      const users = file('hostile.json', JSON.stringify(hostile));
      const out = join(dir, 'report');
      const result = await cli([candidate, '--users', users, '--baseline', baseline, '--out', out, '--json']);
      expect(result.code).toBe(0);
      const html = readFileSync(join(out, 'impact.html'), 'utf8');
      expect(html).not.toContain('<script>alert');
      expect(html).not.toContain('<img src=x');
      expect(html).toContain('x&lt;script&gt;alert(1)&lt;/script&gt;@corp.test');
      expect(html).toContain('roles: supervisor → agent');
      expect(JSON.parse(readFileSync(join(out, 'impact.json'), 'utf8'))).toEqual(JSON.parse(result.stdout));
    },
    TIMEOUT,
  );
});

describe('flex-sso impact and Ctrl+C', () => {
  it(
    'stops on SIGINT: workers terminated, the partial report says so, exit 130',
    async () => {
      const slow = file(
        'slow.js',
        'exports.onExecutePostLogin = async (event, api) => { await new Promise((r) => setTimeout(r, 200)); api.samlResponse.setAttribute("email", event.user.email); };',
      );
      const users = file('many.jsonl', Array.from({ length: 400 }, (_, i) => JSON.stringify({ email: `u${i}@corp.test` })).join('\n'));
      const bin = fileURLToPath(new URL('../../../bin/flex-sso.js', import.meta.url));
      const child = spawn(process.execPath, [bin, 'impact', slow, '--users', users, '--concurrency', '1'], {
        cwd: dir,
        env: { ...process.env, ...offline },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
      });
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
      });
      const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
      // 400 users × 200 ms on one worker take 80 s: interrupt well before that.
      await new Promise((resolve) => setTimeout(resolve, 6000));
      child.kill('SIGINT');
      const code = await closed;
      expect(stderr).toContain('Ctrl+C: stopping the workers');
      expect(code).toBe(130);
      expect(stdout).toMatch(/INTERRUPTED: partial report, only the \d+ users checked before Ctrl\+C are counted\./);
      const checked = Number(/(\d+) users? checked:/.exec(stdout)?.[1]);
      expect(checked).toBeLessThan(400);
    },
    TIMEOUT,
  );
});
