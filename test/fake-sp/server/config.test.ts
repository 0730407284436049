// startFakeSp option validation and the store-failure answer.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSpConfigError, startFakeSp } from '../../../fake-sp/server/start.ts';
import type { FakeSpOptions } from '../../../fake-sp/server/start.ts';
import { buildSignedResponse, makeKey } from './support/auth0-response.ts';
import type { TestKey } from './support/auth0-response.ts';
import { CONNECTION_ID, JSON_ACCEPT, NOW, postForm, removeDir, startSp, tempDir } from './support/sp-fixture.ts';

let key: TestKey;
let dir: string;
beforeAll(async () => {
  key = await makeKey();
  dir = await tempDir();
});
afterAll(async () => {
  await removeDir(dir);
});

const base = (): FakeSpOptions => ({ profiles: [{ kind: 'enhanced', connectionId: CONNECTION_ID }], idp: { certificates: [key.cert] }, storeDir: dir });

describe('startFakeSp options', () => {
  it.each([
    ['SP_NO_PROFILE', { profiles: [] }],
    ['SP_BAD_CONNECTION_ID', { profiles: [{ kind: 'enhanced', connectionId: 'JQ123' }] }],
    ['SP_BAD_ACCOUNT_SID', { profiles: [{ kind: 'legacy', accountSid: `JQ${'a'.repeat(32)}` }] }],
    [
      'SP_DUPLICATE_PROFILE',
      {
        profiles: [
          { kind: 'enhanced', connectionId: CONNECTION_ID },
          { kind: 'enhanced', connectionId: CONNECTION_ID },
        ],
      },
    ],
    ['SP_BAD_PORT', { port: 70000 }],
    ['SP_BAD_LIMIT', { maxBodyBytes: 0 }],
    ['SP_BAD_SKEW', { skewSeconds: Number.NaN }],
    ['SP_BAD_SSO_URL', { idp: { certificates: [], ssoUrl: 'not a url' } }],
  ] as const)('rejects %s with a FakeSpConfigError carrying a hint', async (code, override) => {
    const error = await startFakeSp({ ...base(), ...override } as FakeSpOptions).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FakeSpConfigError);
    expect(error).toMatchObject({ code });
    expect((error as FakeSpConfigError).hint).not.toBe('');
  });

  it('accepts a valid single-profile configuration and closes cleanly (twice)', async () => {
    const sp = await startFakeSp(base());
    expect(sp.acsUrls).toEqual({ enhanced: `${sp.url}/login/callback?connection=${CONNECTION_ID}`, legacy: undefined });
    const res = await fetch(`${sp.url}/metadata`);
    expect(res.status).toBe(200);
    await sp.close();
    await sp.close();
  });

  it('reports a port already in use as SP_LISTEN_FAILED', async () => {
    const sp = await startFakeSp(base());
    try {
      const port = Number(new URL(sp.url).port);
      const otherDir = await tempDir();
      const error = await startFakeSp({ ...base(), storeDir: otherDir, port }).catch((e: unknown) => e);
      await removeDir(otherDir);
      expect(error).toMatchObject({ code: 'SP_LISTEN_FAILED' });
    } finally {
      await sp.close();
    }
  });
});

describe('store directory', () => {
  it('reports a store path that is a file as SP_STORE_UNUSABLE and leaves the file alone', async () => {
    const parent = await tempDir();
    const file = join(parent, 'logins-is-a-file');
    writeFileSync(file, 'keep me');
    try {
      const error = await startFakeSp({ ...base(), storeDir: file }).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'FakeSpConfigError', code: 'SP_STORE_UNUSABLE', hint: expect.stringContaining('directory you can write to') });
      expect((error as Error).message).toContain(file);
      expect(readFileSync(file, 'utf8')).toBe('keep me');
    } finally {
      await removeDir(parent);
    }
  });
});

describe('store failure', () => {
  it('a valid login that cannot be recorded is answered 503 and not acknowledged', async () => {
    const storeDir = await tempDir();
    const sp = await startSp(key, storeDir);
    try {
      await sp.store.close();
      const { base64 } = buildSignedResponse({ key, acsUrl: sp.acsUrls.enhanced as string, audience: sp.audiences.enhanced as string, now: NOW });
      const res = await postForm(sp.acsUrls.enhanced as string, { SAMLResponse: base64 }, JSON_ACCEPT);
      expect(res.status).toBe(503);
      expect(res.headers.get('location')).toBeNull();
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('ACS_STORE_FAILED');
    } finally {
      await sp.close();
      await removeDir(storeDir);
    }
  });
});
