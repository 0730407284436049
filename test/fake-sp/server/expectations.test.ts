// Issue 19: the harness tells the fake SP which scenario a RelayState belongs to; the ACS stores the
// scenario id, its expectation and its pattern on the login record (the dashboard's expectation column).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerScenario, registrationOf } from '../../../harness/run/register.ts';
import { loadScenariosOrThrow } from '../../../harness/scenarios/load.ts';
import { startDashboardSp, type DashboardSp } from './dashboard/dashboard-sp.ts';

let env: DashboardSp;
beforeAll(async () => {
  env = await startDashboardSp();
});
afterAll(async () => {
  await env?.close();
});

const api = (path: string, init?: RequestInit) => fetch(`${env.sp.url}${path}`, init);
const postJson = (body: unknown) => api('/api/expectations', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('POST /api/expectations', () => {
  it("a registered RelayState's login record carries the scenario id, expectation and pattern", async () => {
    const scenario = loadScenariosOrThrow().find((s) => s.action === 'pattern-a' && s.expect.outcome === 'login');
    if (!scenario) throw new Error('no shipped Pattern A login scenario');
    await registerScenario(env.sp.url, 'rs-registered', registrationOf(scenario));
    const id = await env.post({ relayState: 'rs-registered' });
    const record = (await (await api(`/api/logins/${id}`)).json()) as Record<string, unknown>;
    expect(record.scenarioId).toBe(scenario.id);
    expect(record.pattern).toBe('A');
    expect(record.expectation).toEqual({ outcome: 'login', attributes: scenario.expect.attributes });
  });

  it('a login with a RelayState nobody registered carries none of them', async () => {
    const id = await env.post({ relayState: 'rs-unregistered' });
    const record = (await (await api(`/api/logins/${id}`)).json()) as Record<string, unknown>;
    expect([record.scenarioId, record.expectation, record.pattern]).toEqual([undefined, undefined, undefined]);
  });

  it('refuses a malformed registration with 400 and a stable code', async () => {
    for (const body of [
      [],
      { relayState: '', scenarioId: 's', expectation: {} },
      { relayState: 'r', scenarioId: 's', expectation: { attributes: { a: 3 } } },
      { relayState: 'r', scenarioId: 's', expectation: {}, pattern: 'C' },
    ]) {
      const res = await postJson(body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('API_BAD_EXPECTATION');
    }
    const notJson = await api('/api/expectations', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(notJson.status).toBe(400);
  });
});
