// Application signing keys (Management API "Get all Application Signing Keys", "Rotate the
// Application Signing Key"; docs-v2 tenant-settings/signing-keys/rotate-signing-keys): the current
// and the next key are listed, a rotation makes next current and current previous.
import { createHash, X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTenant } from '../tenant/fixtures.ts';
import { apiClient } from './api-client.ts';
import { fetchToken, startApi, type RunningApi } from './api-server.ts';

const { tenant } = newTenant({ domain: 'keys.test' });
let api: RunningApi;
let call: ReturnType<typeof apiClient>;
beforeAll(async () => {
  api = await startApi(tenant, { rateLimit: false });
  call = apiClient(api.origin, await fetchToken(api.origin, tenant));
});
afterAll(async () => {
  await api.close();
});

interface Key {
  kid: string;
  cert: string;
  fingerprint: string;
  thumbprint: string;
  current: boolean;
  next: boolean;
  previous: boolean;
  revoked: boolean;
  current_since?: string;
  current_until?: string;
}

/** SHA-1 of the DER certificate, as openssl x509 -fingerprint -sha1 prints it (Auth0's `fingerprint`). */
const sha1 = (pem: string) => createHash('sha1').update(new X509Certificate(pem).raw).digest('hex').toUpperCase().match(/../g)?.join(':');

describe('/api/v2/keys/signing', () => {
  it("lists the current key (the one that signs, served at /pem) and the next key, with Auth0's fields", async () => {
    const listed = await call<Key[]>('GET', '/keys/signing');
    expect(listed.status).toBe(200);
    const [current, next, ...rest] = listed.body;
    expect(rest).toEqual([]);
    expect(current).toMatchObject({ current: true, next: false, previous: false, revoked: false, cert: tenant.state.signing.certPem });
    expect(next).toMatchObject({ current: false, next: true, previous: false, revoked: false });
    expect(next?.cert).not.toBe(current?.cert);
    for (const key of [current, next]) {
      expect(key?.kid).toMatch(/^[A-Za-z0-9_-]{21}$/);
      expect(key?.fingerprint).toBe(sha1(key?.cert ?? ''));
      expect(key?.thumbprint).toBe(key?.fingerprint.replace(/:/g, ''));
    }
    expect((await call<Key>('GET', `/keys/signing/${next?.kid}`)).body).toEqual(next);
    expect(await call('GET', '/keys/signing/nope')).toMatchObject({ status: 404, body: { errorCode: 'inexistent_key' } });
  });

  it('rotates: answers the new next key { cert, kid }; next became current, current became previous', async () => {
    const before = (await call<Key[]>('GET', '/keys/signing')).body;
    const rotated = await call<{ cert: string; kid: string }>('POST', '/keys/signing/rotate');
    expect(rotated.status).toBe(201);
    expect(Object.keys(rotated.body).sort()).toEqual(['cert', 'kid']);
    const after = (await call<Key[]>('GET', '/keys/signing')).body;
    const role = (keys: Key[], r: 'current' | 'next' | 'previous') => keys.find((k) => k[r]);
    expect(role(after, 'current')?.kid).toBe(role(before, 'next')?.kid);
    expect(role(after, 'previous')?.kid).toBe(role(before, 'current')?.kid);
    expect(role(after, 'next')).toMatchObject({ kid: rotated.body.kid, cert: rotated.body.cert });
    expect(role(after, 'previous')?.current_until).toBe(role(after, 'current')?.current_since);
    expect(tenant.state.signing.certPem).toBe(role(before, 'next')?.cert);
  });
});
