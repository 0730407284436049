// What a login leaves in the tenant logs, the Actions executions API and the real-time logs, over
// real HTTP: Auth0's logs schema (auth0/docs-v2 main/docs/oas/tenant-logs/logs-schema.json) puts
// execution ids in `s.details.actions.executions` and never console output; a thrown Action adds
// `actions_execution_failed`; console output is only in the real-time logs, 256 characters per
// Action (customize/actions/limitations.mdx, "Logs").
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { RunningIdp } from '../../../fake-idp/server.ts';
import type { LogEvent } from '../../../fake-idp/tenant/types.ts';
import { ACS_URL, EMAIL, httpLogin, startIdpFixture } from './fixture.ts';

let idp: RunningIdp;
let token = '';
beforeAll(async () => {
  idp = await startIdpFixture();
  const mgmt = idp.tenant.state.managementClients[0]!;
  const res = await fetch(idp.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'client_credentials',
      client_id: mgmt.client_id,
      client_secret: mgmt.client_secret,
      audience: `https://${idp.domain}/api/v2/`,
    }),
  });
  token = ((await res.json()) as { access_token: string }).access_token;
});
afterAll(async () => {
  await idp?.close();
});
beforeEach(() => {
  idp.tenant.updateApplication(idp.defaultClientId, { callbacks: [ACS_URL], addons: { samlp: {} } });
  idp.setRateLimit(false);
});

function bind(name: string, code: string): string {
  const action = idp.tenant.createAction({ name, code });
  idp.tenant.deployAction(action.id);
  idp.tenant.setBindings('post-login', [{ ref: { type: 'action_id', value: action.id } }]);
  return action.id;
}

/** Events of the last login, oldest first. */
function lastLoginEvents(since: number): LogEvent[] {
  return idp.tenant.state.logs.slice(since);
}

async function api<T>(path: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${idp.managementUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as T };
}

const LONG = 'x'.repeat(300);

describe('a successful login', () => {
  test('writes `s` with the execution id only; the execution has no console output; the real-time logs have the 256-character excerpt', async () => {
    const actionId = bind(
      'flex-logs',
      `exports.onExecutePostLogin = async (event, api) => {
      console.log('roles for', event.user.email);
      console.warn(${JSON.stringify(LONG)});
      api.samlResponse.setAttribute('email', event.user.email);
    };`,
    );
    const before = idp.tenant.state.logs.length;
    const { form } = await httpLogin(idp);
    expect(form?.action).toBe(ACS_URL);
    const events = lastLoginEvents(before);
    expect(events.map((e) => e.type)).toEqual(['s']);
    const s = events[0]!;
    const user = idp.tenant.findUserByEmail(EMAIL)!;
    expect(s).toMatchObject({
      type: 's',
      description: 'Success Login',
      client_id: idp.defaultClientId,
      client_name: 'Twilio Flex',
      connection: 'Username-Password-Authentication',
      strategy: 'auth0',
      strategy_type: 'database',
      user_id: user.user_id,
      user_name: EMAIL,
      ip: expect.stringMatching(/127\.0\.0\.1/),
      hostname: idp.domain,
      tenant_name: expect.any(String),
      environment_name: 'flex-sso-emulator',
    });
    const executions = (s.details as { actions: { executions: string[] } }).actions.executions;
    expect(s.details).toEqual({ actions: { executions: [expect.stringMatching(/^[0-9a-f-]{36}$/)] } });
    expect(JSON.stringify(s)).not.toContain('roles for');

    const execution = await api<Record<string, unknown>>(`/actions/executions/${executions[0]}`);
    expect(execution.status).toBe(200);
    expect(execution.body).toMatchObject({
      id: executions[0],
      trigger_id: 'post-login',
      status: 'final',
      results: [{ action_name: 'flex-logs', started_at: expect.any(String), ended_at: expect.any(String) }],
    });
    expect(JSON.stringify(execution.body)).not.toContain('roles for');
    expect((await api('/actions/executions/not-an-execution')).status).toBe(404);

    const realtime = await fetch(`${idp.realtimeLogsUrl}?user_name=${encodeURIComponent(EMAIL)}&execution_id=${executions[0]}`);
    const body = (await realtime.json()) as {
      persisted_console_chars: number;
      entries: { action_id: string; execution_id: string; console: { level: string; message: string }[]; console_chars: number; truncated: boolean }[];
    };
    expect(body.persisted_console_chars).toBe(256);
    expect(body.entries).toHaveLength(1);
    const [entry] = body.entries;
    const first = `roles for ${EMAIL}`;
    // 256 characters in all, lines joined by a newline: the first line, the newline, then what fits of the second.
    expect(entry?.console).toEqual([
      { level: 'log', message: first, at: expect.any(String) },
      { level: 'warn', message: 'x'.repeat(256 - first.length - 1), at: expect.any(String) },
    ]);
    expect(entry).toMatchObject({ action_id: actionId, execution_id: executions[0], console_chars: first.length + 1 + 300, truncated: true });
  });
});

describe('a login the Action stops', () => {
  test('a throw: actions_execution_failed (action, binding, version, execution, error_class) then f with details.error', async () => {
    const actionId = bind(
      'flex-throws',
      `exports.onExecutePostLogin = async () => { console.log('about to fail'); throw new Error('flex metadata missing'); };`,
    );
    const before = idp.tenant.state.logs.length;
    await httpLogin(idp);
    const events = lastLoginEvents(before);
    expect(events.map((e) => e.type)).toEqual(['actions_execution_failed', 'f']);
    const [failed, f] = events as [LogEvent, LogEvent];
    const action = idp.tenant.getAction(actionId)!;
    const binding = idp.tenant.getBindings('post-login')[0]!;
    expect(failed.details).toEqual({
      action_id: actionId,
      action_name: 'flex-throws',
      binding_id: binding.id,
      version_id: action.deployed_version!.id,
      execution_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      trigger_id: 'post-login',
      error_class: 'action_error',
      action_error: { name: 'Error', message: expect.stringContaining('flex metadata missing'), code: 'throw', stack: '' },
    });
    expect(f).toMatchObject({
      type: 'f',
      user_name: EMAIL,
      details: { error: { message: expect.stringContaining('flex metadata missing'), oauthError: 'access_denied' } },
    });
    expect(JSON.stringify(events)).not.toContain('about to fail');
    const entry = idp.realtimeLogs({ executionId: (failed.details as { execution_id: string }).execution_id })[0];
    expect(entry).toMatchObject({
      console: [{ level: 'log', message: 'about to fail' }],
      error: { name: 'Error', message: expect.stringContaining('flex metadata missing') },
    });
  });

  test('a deny: f only, no actions_execution_failed (the Action ran to its end)', async () => {
    bind('flex-denies', `exports.onExecutePostLogin = async (event, api) => { api.access.deny('No Flex role assigned'); };`);
    const before = idp.tenant.state.logs.length;
    await httpLogin(idp);
    const events = lastLoginEvents(before);
    expect(events.map((e) => [e.type, e.description])).toEqual([['f', 'No Flex role assigned']]);
    expect(events[0]?.details).toEqual({ error: { message: 'No Flex role assigned', oauthError: 'access_denied' } });
  });
});

describe('failed credentials', () => {
  test('fp and fu carry details.error.message (logs-schema.json)', async () => {
    idp.tenant.setBindings('post-login', []);
    const before = idp.tenant.state.logs.length;
    await httpLogin(idp, { password: 'wrong-password-1' });
    await httpLogin(idp, { email: 'nobody@example.com' });
    expect(lastLoginEvents(before).map((e) => [e.type, e.details])).toEqual([
      ['fp', { error: { message: 'Wrong email or password.' } }],
      ['fu', { error: { message: 'Wrong email or password.' } }],
    ]);
  });
});

describe('the real-time logs view', () => {
  test('the page shows console output escaped, control characters visible, newest first', async () => {
    bind('flex-html', `exports.onExecutePostLogin = async () => { console.log('<script>alert(1)</script>\\u0007bell'); };`);
    await httpLogin(idp);
    const res = await fetch(`${idp.realtimeLogsUrl}/page?user_name=${encodeURIComponent(EMAIL)}`);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;\\x07bell');
    expect(html).not.toContain('<script>');
    expect(html.indexOf('flex-html')).toBeLessThan(html.indexOf('flex-logs'));
  });

  test('a bad filter is a 400 with the fix, not a crash', async () => {
    const since = await fetch(`${idp.realtimeLogsUrl}?since=yesterday`);
    expect(since.status).toBe(400);
    expect(await since.json()).toMatchObject({ message: expect.stringContaining('since "yesterday" is not a date') });
    expect((await fetch(`${idp.realtimeLogsUrl}?limit=0`)).status).toBe(400);
    expect((await fetch(`${idp.realtimeLogsUrl}?user=x`)).status).toBe(400);
  });
});
