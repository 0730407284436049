import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fetchTenantLogs,
  logTypeName,
  tenantLogSearch,
  toTenantLogEvent,
  waitForTenantLogs,
  type LogSearch,
  type TenantLogEvent,
} from '../../../harness/auth0/tenant-logs.ts';
import { startHttpsEmulator, type HttpsEmulator } from '../auth0/emulator.ts';

const CLIENT = fileURLToPath(new URL('./tenant-logs-client.ts', import.meta.url));

interface ClientOutput {
  events?: TenantLogEvent[];
  polls?: number;
  waitedMs?: number;
  timedOut?: boolean;
  error?: string;
  code?: string;
}

function runClient(emu: HttpsEmulator, query: object, extraEnv: NodeJS.ProcessEnv = {}): Promise<ClientOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLIENT, JSON.stringify(query)], {
      env: { ...process.env, ...emu.env, ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('error', reject);
    child.on('close', () => {
      try {
        resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '') as never);
      } catch {
        reject(new Error(`client printed no JSON: ${out} ${err}`));
      }
    });
  });
}

describe('tenantLogSearch', () => {
  const from = new Date('2026-03-01T10:00:00.000Z');
  const to = new Date('2026-03-01T10:05:00.000Z');
  it('filters by user_id (quoted, escaped) and an inclusive ISO date range', () => {
    expect(tenantLogSearch({ userId: 'auth0|a"b', from, to })).toBe('user_id:"auth0|a\\"b" AND date:[2026-03-01T10:00:00.000Z TO 2026-03-01T10:05:00.000Z]');
  });
  it('falls back to the e-mail as user_name', () => {
    expect(tenantLogSearch({ email: 'Pa-Admin@flex-sso.test', from, to })).toBe(
      'user_name:"pa-admin@flex-sso.test" AND date:[2026-03-01T10:00:00.000Z TO 2026-03-01T10:05:00.000Z]',
    );
  });
  it('rejects a query without user and an unparsable date', () => {
    expect(() => tenantLogSearch({ from, to })).toThrow(/userId or email/);
    expect(() => tenantLogSearch({ userId: 'x', from: new Date('nope'), to })).toThrow(/valid dates/);
  });
});

describe('fetchTenantLogs (pure filtering)', () => {
  const from = new Date('2026-03-01T10:00:00.000Z');
  const to = new Date('2026-03-01T10:05:00.000Z');
  it("keeps only the user's events inside the window even when the source ignores the query", async () => {
    let seen: LogSearch | undefined;
    const source = {
      listLogs: async (request: LogSearch) => {
        seen = request;
        return [
          { date: '2026-03-01T10:01:00.000Z', type: 'fp', user_id: 'u1', description: 'Wrong email or password.' },
          { date: '2026-03-01T09:59:59.999Z', type: 's', user_id: 'u1' },
          { date: '2026-03-01T10:02:00.000Z', type: 's', user_id: 'u2' },
          { date: 'not a date', type: 's', user_id: 'u1' },
          { type: 's' },
        ];
      },
    };
    const events = await fetchTenantLogs(source, { userId: 'u1', from, to, limit: 500 });
    expect(events).toEqual([
      { date: '2026-03-01T10:01:00.000Z', type: 'fp', typeName: 'Failed Login (Incorrect Password)', userId: 'u1', description: 'Wrong email or password.' },
    ]);
    expect(seen).toMatchObject({ per_page: 100, page: 0, sort: 'date:-1', q: 'user_id:"u1" AND date:[2026-03-01T10:00:00.000Z TO 2026-03-01T10:05:00.000Z]' });
  });
  it('names types as Auth0 does (log-event-type-codes.mdx), unknown ones as such, and drops malformed events', () => {
    expect(logTypeName('actions_execution_failed')).toBe('Actions Execution Failed');
    expect(logTypeName('fu')).toBe('Failed Login (Invalid Email/Username)');
    expect(logTypeName('zz')).toBe('Auth0 log type "zz"');
    expect(logTypeName('constructor')).toBe('Auth0 log type "constructor"');
    expect(toTenantLogEvent(null)).toBeUndefined();
    expect(toTenantLogEvent({ date: 1, type: 's' })).toBeUndefined();
  });
  it('reads the execution ids of s (details.actions.executions) and of actions_execution_failed (details.execution_id)', () => {
    expect(toTenantLogEvent({ date: 'd', type: 's', details: { actions: { executions: ['e1', 7] } } })?.executions).toEqual(['e1']);
    expect(toTenantLogEvent({ date: 'd', type: 'actions_execution_failed', details: { execution_id: 'e2', error_class: 'action_error' } })?.executions).toEqual(
      ['e2'],
    );
    expect(toTenantLogEvent({ date: 'd', type: 'fp', details: { error: { message: 'x' } } })).not.toHaveProperty('executions');
  });
});

describe('waitForTenantLogs (Auth0 indexes events late)', () => {
  const event: TenantLogEvent = { date: '2026-03-01T10:00:00.000Z', type: 'f', typeName: 'Failed Login' };
  function fakeTime() {
    let now = 0;
    return {
      now: () => now,
      sleep: async (ms: number) => {
        now += ms;
      },
    };
  }
  it('searches again until the event is indexed, and says how many searches and how long it waited', async () => {
    const time = fakeTime();
    let calls = 0;
    const lookup = await waitForTenantLogs(async () => (++calls < 3 ? [] : [event]), { waitMs: 10_000, intervalMs: 1_000, ...time });
    expect(lookup).toEqual({ events: [event], polls: 3, waitedMs: 2_000, timedOut: false });
  });
  it('gives up at the wait, saying it found nothing', async () => {
    const time = fakeTime();
    const lookup = await waitForTenantLogs(async () => [], { waitMs: 2_500, intervalMs: 1_000, ...time });
    expect(lookup).toEqual({ events: [], polls: 4, waitedMs: 2_500, timedOut: true });
  });
  it('does not wait when the first search finds the event', async () => {
    const lookup = await waitForTenantLogs(async () => [event], { waitMs: 10_000, ...fakeTime() });
    expect(lookup).toEqual({ events: [event], polls: 1, waitedMs: 0, timedOut: false });
  });
});

describe('fetchTenantLogs against the emulator over HTTPS with the auth0 SDK', () => {
  let emu: HttpsEmulator;
  let userId = '';
  let otherId = '';
  beforeAll(async () => {
    emu = await startHttpsEmulator();
    const { tenant } = emu.idp;
    userId = tenant.createUser({ email: 'logs-user@flex-sso.test', password: 'Passw0rd!x' }).user_id;
    otherId = tenant.createUser({ email: 'other@flex-sso.test', password: 'Passw0rd!x' }).user_id;
    const base = { client_id: tenant.defaultSamlClientId(), client_name: 'Twilio Flex', connection: 'Username-Password-Authentication', ip: '127.0.0.1' };
    tenant.log({
      ...base,
      type: 'fp',
      description: 'Wrong email or password.',
      user_id: userId,
      user_name: 'logs-user@flex-sso.test',
      date: '2026-03-01T10:01:00.000Z',
    });
    tenant.log({
      ...base,
      type: 'actions_execution_failed',
      description: 'boom',
      user_id: userId,
      user_name: 'logs-user@flex-sso.test',
      date: '2026-03-01T10:02:00.000Z',
      details: { action_name: 'flex', execution_id: 'exec-1', trigger_id: 'post-login', error_class: 'action_error' },
    });
    tenant.log({
      ...base,
      type: 'f',
      description: 'Action error: boom',
      user_id: userId,
      user_name: 'logs-user@flex-sso.test',
      date: '2026-03-01T10:02:00.001Z',
      details: { error: { message: 'Action error: boom', oauthError: 'access_denied' } },
    });
    tenant.log({ ...base, type: 's', description: 'Success Login', user_id: userId, user_name: 'logs-user@flex-sso.test', date: '2026-03-01T11:00:00.000Z' });
    tenant.log({ ...base, type: 's', description: 'Success Login', user_id: otherId, user_name: 'other@flex-sso.test', date: '2026-03-01T10:03:00.000Z' });
  }, 60_000);
  afterAll(async () => {
    await emu?.close();
  });

  it("returns the user's events of the window, newest first, with the failed execution's id (searching with q, not the SDK's refused `search`)", async () => {
    const out = await runClient(emu, { userId, from: '2026-03-01T10:00:00.000Z', to: '2026-03-01T10:30:00.000Z' });
    expect(out.error).toBeUndefined();
    expect(out.events?.map((e) => [e.type, e.date])).toEqual([
      ['f', '2026-03-01T10:02:00.001Z'],
      ['actions_execution_failed', '2026-03-01T10:02:00.000Z'],
      ['fp', '2026-03-01T10:01:00.000Z'],
    ]);
    expect(out.events?.[0]).toMatchObject({
      typeName: 'Failed Login',
      description: 'Action error: boom',
      details: { error: { message: 'Action error: boom' } },
    });
    expect(out.events?.[1]).toMatchObject({ typeName: 'Actions Execution Failed', executions: ['exec-1'] });
  }, 60_000);

  it('finds events by e-mail when the user id is unknown', async () => {
    const out = await runClient(emu, { email: 'other@flex-sso.test', from: '2026-03-01T10:00:00.000Z', to: '2026-03-01T10:30:00.000Z' });
    expect(out.events?.map((e) => [e.type, e.userId])).toEqual([['s', otherId]]);
  }, 60_000);

  it('fails with a redacted error when the management credentials are wrong', async () => {
    const out = await runClient(
      emu,
      { userId, from: '2026-03-01T10:00:00.000Z', to: '2026-03-01T10:30:00.000Z' },
      { AUTH0_MGMT_CLIENT_SECRET: 'wrong-secret-value' },
    );
    expect(out.events).toBeUndefined();
    expect(out.error).toMatch(/read tenant logs|401|403|token|credentials/i);
    expect(out.error).not.toContain('wrong-secret-value');
  }, 60_000);
});

describe('waiting for events the emulator indexes late (--log-delay)', () => {
  let emu: HttpsEmulator;
  // Longer than the client takes to start and get a token (≈ 2–3 s here), so its first search comes too early.
  beforeAll(async () => {
    emu = await startHttpsEmulator({ logDelayMs: 8_000 });
  }, 60_000);
  afterAll(async () => {
    await emu?.close();
  });

  it("still finds the login's event, and reports that it waited for it", async () => {
    const { tenant } = emu.idp;
    const user = tenant.createUser({ email: 'late@flex-sso.test', password: 'Passw0rd!x' });
    const from = new Date(Date.now() - 1_000);
    tenant.log({
      type: 'fp',
      description: 'Wrong email or password.',
      user_id: user.user_id,
      user_name: 'late@flex-sso.test',
      connection: 'Username-Password-Authentication',
      ip: '127.0.0.1',
    });
    const query = { userId: user.user_id, from: from.toISOString(), to: new Date(Date.now() + 60_000).toISOString() };
    const out = await runClient(emu, { ...query, waitMs: 30_000, intervalMs: 250 });
    expect(out.error).toBeUndefined();
    expect(out.events?.map((e) => [e.type, e.userId])).toEqual([['fp', user.user_id]]);
    expect(out.timedOut).toBe(false);
    expect(out.polls).toBeGreaterThan(1);
    expect(out.waitedMs).toBeGreaterThan(0);
  }, 90_000);
});
