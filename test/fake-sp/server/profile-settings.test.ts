// Issue 18 item 2: the Flex profile settings allowIdpInitiated and requireRelayState, with their
// documented defaults (fake-sp/server/profile-settings.ts), over real HTTP, and on the dashboard.
import { DOMParser } from '@xmldom/xmldom';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSp } from '../../../fake-sp/server/start.ts';
import { buildSignedResponse, makeKey, type TestKey } from './support/auth0-response.ts';
import { ACCOUNT_SID, CONNECTION_ID, JSON_ACCEPT, NOW, postForm, removeDir, startSp, tempDir } from './support/sp-fixture.ts';

let key: TestKey;
let dir: string;
let sp: RunningSp;
beforeAll(async () => {
  key = await makeKey();
  dir = await tempDir();
  sp = await startSp(key, dir);
});
afterAll(async () => {
  await sp?.close();
  await removeDir(dir);
});

type Body = { checks: { id: string; status: string; code?: string }[] };

async function requestId(target: RunningSp, profile: 'enhanced' | 'legacy'): Promise<string> {
  const res = await fetch(`${target.loginUrl}?profile=${profile}&relayState=rs-1`, { redirect: 'manual' });
  const samlRequest = new URL(res.headers.get('location') as string).searchParams.get('SAMLRequest') as string;
  const xml = inflateRawSync(Buffer.from(samlRequest, 'base64')).toString('utf8');
  return new DOMParser().parseFromString(xml, 'text/xml').documentElement?.getAttribute('ID') as string;
}

const answer = (target: RunningSp, inResponseTo?: string) =>
  buildSignedResponse({
    key,
    acsUrl: target.acsUrls.enhanced as string,
    audience: target.audiences.enhanced as string,
    now: NOW,
    ...(inResponseTo ? { inResponseTo } : {}),
  }).base64;

describe('requireRelayState (default true)', () => {
  it('refuses an SP-initiated answer posted without RelayState (IRT_RELAYSTATE_MISSING)', async () => {
    const res = await postForm(sp.acsUrls.enhanced as string, { SAMLResponse: answer(sp, await requestId(sp, 'enhanced')) }, JSON_ACCEPT);
    expect(res.status).toBe(403);
    expect(((await res.json()) as Body).checks.find((c) => c.id === 'inResponseTo')).toMatchObject({ status: 'failed', code: 'IRT_RELAYSTATE_MISSING' });
  });

  it('accepts it with its RelayState, and an IdP-initiated response without one', async () => {
    expect((await postForm(sp.acsUrls.enhanced as string, { SAMLResponse: answer(sp, await requestId(sp, 'enhanced')), RelayState: 'rs-1' })).status).toBe(302);
    expect((await postForm(sp.acsUrls.enhanced as string, { SAMLResponse: answer(sp) })).status).toBe(302);
  });

  it('requireRelayState: false accepts the SP-initiated answer without RelayState', async () => {
    const other = await tempDir();
    const lax = await startSp(key, other, { profiles: [{ kind: 'enhanced', connectionId: CONNECTION_ID, requireRelayState: false }] });
    try {
      expect((await postForm(lax.acsUrls.enhanced as string, { SAMLResponse: answer(lax, await requestId(lax, 'enhanced')) })).status).toBe(302);
    } finally {
      await lax.close();
      await removeDir(other);
    }
  });
});

describe('allowIdpInitiated (default true)', () => {
  it('false refuses an IdP-initiated response (IRT_UNSOLICITED) and still accepts an SP-initiated one', async () => {
    const other = await tempDir();
    const strict = await startSp(key, other, {
      profiles: [
        { kind: 'enhanced', connectionId: CONNECTION_ID, allowIdpInitiated: false },
        { kind: 'legacy', accountSid: ACCOUNT_SID },
      ],
    });
    try {
      const res = await postForm(strict.acsUrls.enhanced as string, { SAMLResponse: answer(strict) }, JSON_ACCEPT);
      expect(res.status).toBe(403);
      expect(((await res.json()) as Body).checks.find((c) => c.id === 'inResponseTo')).toMatchObject({ status: 'failed', code: 'IRT_UNSOLICITED' });
      expect(
        (await postForm(strict.acsUrls.enhanced as string, { SAMLResponse: answer(strict, await requestId(strict, 'enhanced')), RelayState: 'rs-1' })).status,
      ).toBe(302);
      const dashboard = await fetch(strict.dashboardUrl).then((r) => r.text());
      expect(dashboard).toContain('enhanced ACS');
      expect(dashboard).toMatch(/data-profile="enhanced">.*allowIdpInitiated <code>false<\/code> · requireRelayState <code>true<\/code>/);
      expect(dashboard).toMatch(/data-profile="legacy">.*allowIdpInitiated <code>true<\/code> · requireRelayState <code>true<\/code>/);
    } finally {
      await strict.close();
      await removeDir(other);
    }
  });
});

describe('profile settings validation', () => {
  it('refuses a non-boolean setting with SP_BAD_PROFILE_SETTING', async () => {
    const other = await tempDir();
    await expect(
      startSp(key, other, { profiles: [{ kind: 'enhanced', connectionId: CONNECTION_ID, requireRelayState: 'yes' as unknown as boolean }] }),
    ).rejects.toMatchObject({ code: 'SP_BAD_PROFILE_SETTING' });
    await removeDir(other);
  });
});
