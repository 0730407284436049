// An emulator run's report gets the login's Action console output from the emulator's Actions
// real-time logs (a real login over HTTP), labelled with the page that shows it live.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningIdp } from '../../../fake-idp/server.ts';
import { emulatorActionLogs } from '../../../harness/run/action-logs.ts';
import { EMAIL, httpLogin, startIdpFixture } from '../../fake-idp/login/fixture.ts';

let idp: RunningIdp;
beforeAll(async () => {
  idp = await startIdpFixture();
  const action = idp.tenant.createAction({
    name: 'chatty',
    code: `exports.onExecutePostLogin = async (event) => { console.log('team is', event.user.app_metadata.flex.team ?? 'unset'); console.error('${'y'.repeat(300)}'); };`,
  });
  idp.tenant.deployAction(action.id);
  idp.tenant.setBindings('post-login', [{ ref: { type: 'action_id', value: action.id } }]);
});
afterAll(async () => {
  await idp?.close();
});

describe('emulatorActionLogs', () => {
  it("returns this user's Action runs since the login started, with the 256-character excerpt and the live page", async () => {
    const started = new Date();
    await httpLogin(idp);
    const logs = emulatorActionLogs(idp, EMAIL.toUpperCase(), started);
    expect(logs.pageUrl).toBe(`${idp.realtimeLogsUrl}/page?user_name=${encodeURIComponent(EMAIL)}`);
    expect(logs.entries).toEqual([
      {
        action: 'chatty',
        executionId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        console: [
          { level: 'log', message: 'team is unset' },
          { level: 'error', message: 'y'.repeat(256 - 'team is unset'.length - 1) },
        ],
        consoleChars: 'team is unset'.length + 1 + 300,
        truncated: true,
      },
    ]);
    // The execution id is the one the tenant log's `s` event carries.
    expect(idp.tenant.listLogs({ q: 'type:s' })[0]?.details).toEqual({ actions: { executions: [logs.entries[0]!.executionId] } });
    expect(emulatorActionLogs(idp, 'someone.else@example.com', started).entries).toEqual([]);
  });
});
