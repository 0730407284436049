// startFakeIdp: URLs, mounted routers, 404/error handling, state persistence, HTTPS, clock.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startFakeIdp, type RunningIdp } from '../../fake-idp/server.ts';
import { decodeSamlResponse, EMAIL, httpLogin, PASSWORD, startIdpFixture } from './login/fixture.ts';
import { elements, first, parseXml } from './saml/xml-helpers.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fake-idp-server-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('HTTP emulator', () => {
  const frozen = new Date('2026-04-05T06:07:08.000Z');
  let idp: RunningIdp;
  beforeAll(async () => {
    idp = await startIdpFixture({ clock: () => frozen });
  });
  afterAll(async () => {
    await idp?.close();
  });

  test('exposes URLs on 127.0.0.1 with the domain and issuer derived from the port', () => {
    expect(idp.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(idp.domain).toBe(idp.url.replace('http://', ''));
    expect(idp.issuer).toBe(`urn:${idp.domain}`);
    expect(idp.defaultClientId).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(idp.samlUrl()).toBe(`${idp.url}/samlp/${idp.defaultClientId}`);
    expect(idp.metadataUrl('x')).toBe(`${idp.url}/samlp/metadata/x`);
    expect(idp.managementUrl).toBe(`${idp.url}/api/v2`);
    expect(idp.caFile).toBeUndefined();
  });

  test('metadata, /pem and /cer publish the tenant certificate and SSO endpoints', async () => {
    const metadata = parseXml(await (await fetch(idp.metadataUrl())).text());
    expect((metadata.documentElement as unknown as Element).getAttribute('entityID')).toBe(idp.issuer);
    expect(elements(metadata, 'SingleSignOnService').map((e) => e.getAttribute('Location'))).toEqual([idp.samlUrl(), idp.samlUrl()]);
    expect(first(metadata, 'KeyDescriptor').getAttribute('use')).toBe('signing');
    const pem = await (await fetch(idp.pemUrl)).text();
    expect(pem).toBe(idp.tenant.state.signing.certPem);
    const cer = Buffer.from(await (await fetch(`${idp.url}/cer`)).arrayBuffer());
    expect(cer.toString('base64')).toBe(first(metadata, 'X509Certificate').textContent);
    expect((await fetch(`${idp.url}/samlp/metadata/unknown`)).status).toBe(404);
  });

  test('management API and /oauth/token are mounted', async () => {
    const token = await fetch(idp.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: idp.managementClientId,
        client_secret: idp.managementClientSecret,
        audience: `https://${idp.domain}/api/v2/`,
      }),
    });
    expect(token.status).toBe(200);
    const { access_token } = (await token.json()) as { access_token: string };
    const users = await fetch(`${idp.managementUrl}/users-by-email?email=${encodeURIComponent(EMAIL)}`, {
      headers: { authorization: `Bearer ${access_token}` },
    });
    expect(users.status).toBe(200);
    expect(await users.json()).toMatchObject([{ email: EMAIL }]);
    expect((await fetch(`${idp.managementUrl}/users`)).status).toBe(401);
  });

  test('unknown routes get a JSON 404; oversized browser posts get an HTML error without internals', async () => {
    const missing = await fetch(`${idp.url}/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ statusCode: 404, error: 'Not Found' });
    const big = await fetch(idp.samlUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `SAMLRequest=${'A'.repeat(400_000)}`,
    });
    expect(big.status).toBe(413);
    const html = await big.text();
    expect(html).toContain('Oops!, something went wrong');
    expect(html).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });

  test('the injected clock stamps the response', async () => {
    const doc = parseXml(decodeSamlResponse((await httpLogin(idp)).form));
    expect((doc.documentElement as unknown as Element).getAttribute('IssueInstant')).toBe(frozen.toISOString());
    expect(first(doc, 'Conditions').getAttribute('NotOnOrAfter')).toBe('2026-04-05T07:07:08.000Z');
  });
});

describe('state file', () => {
  test('close() saves the tenant; a restart with the same statePath loads it', async () => {
    const statePath = join(dir, 'tenant.json');
    const first = await startFakeIdp({ statePath });
    first.tenant.createUser({ email: 'persisted@example.com', password: PASSWORD });
    await first.close();
    await first.close(); // idempotent
    expect(JSON.parse(await readFile(statePath, 'utf8'))).toMatchObject({ version: 1 });
    const second = await startFakeIdp({ statePath });
    try {
      expect(second.tenant.findUserByEmail('persisted@example.com')).toBeDefined();
      expect(second.defaultClientId).toBe(first.defaultClientId);
    } finally {
      await second.close();
    }
  });
});

describe('start-up and save errors, as values with a code and a fix', () => {
  test('a port in use is IDP_LISTEN_FAILED', async () => {
    const holder = await startFakeIdp();
    try {
      const port = Number(new URL(holder.url).port);
      const error = await startFakeIdp({ port }).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'FakeIdpConfigError', code: 'IDP_LISTEN_FAILED', hint: expect.stringContaining('another port') });
      expect((error as Error).message).toContain(`127.0.0.1:${port}`);
    } finally {
      await holder.close();
    }
  });

  test('rate-limit figures and a log delay it cannot honour are IDP_RATE_LIMIT and IDP_LOG_DELAY, before anything listens', async () => {
    expect(await startFakeIdp({ rateLimit: { burst: 0, perSecond: 2 } }).catch((e: unknown) => e)).toMatchObject({
      name: 'FakeIdpConfigError',
      code: 'IDP_RATE_LIMIT',
      hint: expect.stringContaining('burst 2, 2/s'),
    });
    expect(await startFakeIdp({ rateLimit: { burst: 2, perSecond: Number.NaN } }).catch((e: unknown) => e)).toMatchObject({ code: 'IDP_RATE_LIMIT' });
    expect(await startFakeIdp({ logDelayMs: -1 }).catch((e: unknown) => e)).toMatchObject({ name: 'FakeIdpConfigError', code: 'IDP_LOG_DELAY' });
    const fine = await startFakeIdp({ rateLimit: { burst: 1, perSecond: 0.5 }, logDelayMs: 0 });
    await fine.close();
  });

  test('a CA directory that is a file is IDP_CA_UNUSABLE, and the file is left alone', async () => {
    const caDir = join(dir, 'ca-is-a-file');
    await writeFile(caDir, 'keep me');
    const error = await startFakeIdp({ https: true, caDir }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'FakeIdpConfigError', code: 'IDP_CA_UNUSABLE' });
    expect((error as Error).message).toContain(caDir);
    expect(await readFile(caDir, 'utf8')).toBe('keep me');
  });

  test('a state file that cannot be written is TENANT_STATE_UNWRITABLE, at start for a new one', async () => {
    // /proc exists but takes no new file: the write itself fails (not the directory).
    const error = await startFakeIdp({ statePath: '/proc/flex-sso-tenant.json' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'TenantStateFileError', code: 'TENANT_STATE_UNWRITABLE', path: '/proc/flex-sso-tenant.json' });
    expect((error as Error).message).toMatch(/^Cannot write tenant state \/proc\/flex-sso-tenant\.json: /);
  });

  test('a state path it cannot read is TENANT_STATE_UNREADABLE, with the reason', async () => {
    const file = join(dir, 'not-a-directory');
    await writeFile(file, '');
    const error = await startFakeIdp({ statePath: join(file, 'tenant.json') }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'TenantStateFileError', code: 'TENANT_STATE_UNREADABLE', hint: 'Check the path and its permissions' });
    expect((error as Error).message).toContain('ENOTDIR: not a directory');
  });

  test('a state file it can write starts a tenant (the valid case)', async () => {
    const statePath = join(dir, 'writable', 'tenant.json');
    const idp = await startFakeIdp({ statePath });
    await idp.close();
    expect(JSON.parse(await readFile(statePath, 'utf8'))).toMatchObject({ version: 1 });
  });
});

describe('HTTPS mode', () => {
  test('serves TLS with a certificate from the local CA; domain is 127.0.0.1:<port>', async () => {
    const idp = await startFakeIdp({ https: true, caDir: join(dir, 'ca') });
    try {
      expect(idp.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(idp.domain).toBe(idp.url.replace('https://', ''));
      expect(idp.caFile).toBeDefined();
      const ca = await readFile(idp.caFile ?? '', 'utf8');
      const body = await new Promise<string>((resolve, reject) => {
        const req = httpsRequest(idp.pemUrl, { ca }, (res) => {
          let text = '';
          res.on('data', (c: Buffer) => {
            text += c.toString();
          });
          res.on('end', () => resolve(text));
        });
        req.on('error', reject);
        req.end();
      });
      expect(body).toBe(idp.tenant.state.signing.certPem);
      const untrusted = new Promise((resolve, reject) => {
        const req = httpsRequest(idp.pemUrl, {}, resolve);
        req.on('error', reject);
        req.end();
      });
      await expect(untrusted).rejects.toThrow(/certificate/i);
    } finally {
      await idp.close();
    }
  });
});
