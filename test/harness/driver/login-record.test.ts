// Reading a login's capture from a real fake SP, by RelayState and by the X-Login-Id the ACS answers with.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSp } from '../../../fake-sp/server/start.ts';
import { fetchLoginRecord } from '../../../harness/driver/login-record.ts';
import { buildSignedResponse, makeKey, type TestKey } from '../../fake-sp/server/support/auth0-response.ts';
import { NOW, postForm, removeDir, startSp, tempDir } from '../../fake-sp/server/support/sp-fixture.ts';

let key: TestKey;
let dir: string;
let sp: RunningSp;

async function login(relayState: string, email: string): Promise<string> {
  const { base64 } = buildSignedResponse({ key, acsUrl: sp.acsUrls.enhanced as string, audience: sp.audiences.enhanced as string, now: NOW, email });
  const res = await postForm(sp.acsUrls.enhanced as string, { SAMLResponse: base64, RelayState: relayState });
  expect(res.status).toBe(302);
  return res.headers.get('x-login-id') as string;
}

beforeAll(async () => {
  key = await makeKey();
  dir = await tempDir();
  sp = await startSp(key, dir);
});
afterAll(async () => {
  await sp?.close();
  await removeDir(dir);
});

describe('fetchLoginRecord', () => {
  it('finds the login of a RelayState among others, with its verdict', async () => {
    await login('rs-other', 'other@example.com');
    const id = await login('rs-mine', 'mine@example.com');
    const capture = await fetchLoginRecord(sp.url, 'rs-mine', 0);
    expect(capture).toMatchObject({ id, relayState: 'rs-mine', profile: 'enhanced', httpStatus: 302 });
    expect(capture?.verdict.valid).toBe(true);
    expect(capture?.verdict.attributes.email).toEqual(['mine@example.com']);
  });

  it('reads the login named by its id when it carries the RelayState', async () => {
    const id = await login('rs-by-id', 'byid@example.com');
    expect((await fetchLoginRecord(sp.url, 'rs-by-id', 0, id))?.id).toBe(id);
  });

  it("never returns another RelayState's login, whatever id it is given", async () => {
    const foreign = await login('rs-foreign', 'foreign@example.com');
    const mine = await login('rs-right', 'right@example.com');
    expect((await fetchLoginRecord(sp.url, 'rs-right', 0, foreign))?.id).toBe(mine);
    expect((await fetchLoginRecord(sp.url, 'rs-right', 0, 'lg_unknown'))?.id).toBe(mine);
  });

  it('gives up after the wait when no login has the RelayState', async () => {
    expect(await fetchLoginRecord(sp.url, 'rs-never-posted', 60)).toBeUndefined();
  });
});
