// Tenant log events normalised and compared as the fidelity recorder does: field paths are structure,
// values only where tenant and emulator must agree (type, wording, connection, error codes).
import { describe, expect, test } from 'vitest';
import { diffLogEvents, normaliseLogEvent, normaliseLogEvents } from '../../../harness/fidelity/index.ts';

// Shaped like logs-schema.json `s` (docs-v2 main/docs/oas/tenant-logs/logs-schema.json).
const success = {
  date: '2026-03-01T12:00:01.000Z',
  type: 's',
  description: 'Success Login',
  connection: 'Username-Password-Authentication',
  client_id: 'abc',
  client_name: 'Twilio Flex',
  ip: '203.0.113.9',
  user_agent: 'Chrome 130',
  user_id: 'auth0|1',
  user_name: 'ada@flex-sso.test',
  strategy: 'auth0',
  strategy_type: 'database',
  hostname: 'tenant.eu.auth0.com',
  log_id: '900',
  isMobile: false,
  details: { actions: { executions: ['exec-1'] }, stats: { loginsCount: 3 } },
};
const wrongPassword = {
  date: '2026-03-01T12:00:00.000Z',
  type: 'fp',
  description: 'Wrong email or password.',
  user_id: 'auth0|1',
  log_id: '899',
  details: { error: { message: 'Wrong email or password.' } },
};

describe('normaliseLogEvent', () => {
  test('keeps the values both sides must agree on and the kind of every other value', () => {
    expect(normaliseLogEvent(success)).toEqual({
      type: 's',
      fields: {
        client_id: '{string}',
        client_name: '{string}',
        connection: 'Username-Password-Authentication',
        date: '{string}',
        description: 'Success Login',
        'details.actions.executions[0]': '{string}',
        'details.stats.loginsCount': '{number}',
        hostname: '{string}',
        ip: '{string}',
        isMobile: 'false',
        log_id: '{string}',
        strategy: 'auth0',
        strategy_type: 'database',
        type: 's',
        user_agent: '{string}',
        user_id: '{string}',
        user_name: '{string}',
      },
    });
  });

  test('refuses what is not an event; bounds depth and size', () => {
    expect(normaliseLogEvent('s')).toBeUndefined();
    expect(normaliseLogEvent({ description: 'no type' })).toBeUndefined();
    let deep: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 50; i++) deep = { d: deep };
    const fields = normaliseLogEvent({ type: 'x', details: deep })?.fields ?? {};
    expect(Object.keys(fields).some((f) => f.endsWith('{object}') || fields[f] === '{object}')).toBe(true);
    const wide = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, i]));
    expect(Object.keys(normaliseLogEvent({ type: 'x', ...wide })?.fields ?? {}).length).toBeLessThanOrEqual(300);
  });

  test('orders an attempt oldest first (Auth0 lists newest first)', () => {
    expect(normaliseLogEvents([success, wrongPassword]).map((e) => e.type)).toEqual(['fp', 's']);
  });

  test("leaves out what the harness's own provisioning wrote just before the login (the search window reaches back for clock skew)", () => {
    const signup = { type: 'ss', date: '2026-03-01T11:59:58.000Z', user_id: 'auth0|1', description: '' };
    const unblock = { type: 'ublkdu', date: '2026-03-01T11:59:59.000Z', user_id: 'auth0|1' };
    expect(normaliseLogEvents([success, unblock, wrongPassword, signup]).map((e) => e.type)).toEqual(['fp', 's']);
  });
});

describe('diffLogEvents', () => {
  const tenant = normaliseLogEvents([success, wrongPassword]);

  test('the same events with other ids, dates and users: no difference', () => {
    const emulator = normaliseLogEvents([
      {
        ...success,
        date: '2026-04-01T00:00:02Z',
        log_id: '1',
        user_id: 'auth0|other',
        ip: '127.0.0.1',
        details: { actions: { executions: ['e'] }, stats: { loginsCount: 1 } },
      },
      { ...wrongPassword, date: '2026-04-01T00:00:01Z', user_id: 'auth0|other' },
    ]);
    expect(diffLogEvents(tenant, emulator)).toEqual([]);
  });

  test('a missing event, another wording, a field only one side writes (known gaps marked)', () => {
    const { isMobile: _m, ...withoutIsMobile } = success;
    const emulator = normaliseLogEvents([{ ...withoutIsMobile, description: 'Successful login', details: { actions: { executions: ['e'] } }, audience: 'x' }]);
    expect(diffLogEvents(tenant, emulator)).toEqual([
      { event: 'fp', kind: 'event-missing' },
      { event: 's', kind: 'field-extra', field: 'audience', actual: '{string}' },
      { event: 's', kind: 'field-value', field: 'description', expected: 'Success Login', actual: 'Successful login' },
      { event: 's', kind: 'field-missing', field: 'details.stats.loginsCount', expected: '{number}', notModelled: true },
      { event: 's', kind: 'field-missing', field: 'isMobile', expected: 'false', notModelled: true },
    ]);
  });

  test('repeated types are matched by occurrence; another order is one difference', () => {
    const f = (date: string) => ({ type: 'f', date, description: 'denied' });
    const expected = normaliseLogEvents([
      f('2026-01-01T00:00:03Z'),
      { type: 'actions_execution_failed', date: '2026-01-01T00:00:02Z' },
      f('2026-01-01T00:00:01Z'),
    ]);
    const actual = normaliseLogEvents([
      { type: 'actions_execution_failed', date: '2026-01-01T00:00:03Z' },
      f('2026-01-01T00:00:02Z'),
      f('2026-01-01T00:00:01Z'),
    ]);
    expect(diffLogEvents(expected, actual)).toEqual([
      { event: '(all)', kind: 'event-order', expected: 'f[1], actions_execution_failed, f[2]', actual: 'f[1], f[2], actions_execution_failed' },
    ]);
  });
});
