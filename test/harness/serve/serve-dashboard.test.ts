// `flex-sso serve sp --json`: the ready line's "sp" object names url, acsUrl and dashboardUrl, and a
// login posted to that ACS shows up on that dashboard (real CLI process, real signed response).
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signedResponseBase64, TEST_TENANT } from '../../helpers/saml-signer.ts';
import { startServeProcess } from '../../helpers/serve-process.ts';
import type { ServeProcess } from '../../helpers/serve-process.ts';

const CERT = fileURLToPath(new URL('../../fixtures/signing/test-only-idp.cert.pem', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'flex-sso-serve-dashboard-'));
let serve: ServeProcess | undefined;

beforeAll(async () => {
  serve = await startServeProcess(['sp', '--cert', CERT, '--issuer', TEST_TENANT.issuer, '--store', join(dir, 'sp'), '--port', '0']);
}, 90_000);
afterAll(async () => {
  await serve?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('flex-sso serve sp --json', () => {
  it('prints sp.url, sp.acsUrl and sp.dashboardUrl; a login posted to the ACS is listed on the dashboard', async () => {
    const sp = serve?.ready.sp as { url: string; acsUrl: string; dashboardUrl: string; audiences: { enhanced: string } };
    expect(sp.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sp.acsUrl).toBe(`${sp.url}/login/callback?connection=JQ00000000000000000000000000000000`);
    expect(sp.dashboardUrl).toBe(`${sp.url}/`);
    const base64 = signedResponseBase64({
      inResponseTo: null,
      acsUrl: sp.acsUrl,
      audience: sp.audiences.enhanced,
      now: new Date(),
      attributes: { email: 'served@example.com', full_name: 'Served', roles: 'agent' },
    });
    const res = await fetch(sp.acsUrl, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ SAMLResponse: base64 }),
    });
    expect(res.status).toBe(302);
    const id = res.headers.get('x-login-id') as string;
    const dashboard = await (await fetch(sp.dashboardUrl)).text();
    expect(dashboard).toContain(`data-login-id="${id}" data-valid="true"`);
    expect(dashboard).toContain('served@example.com');
    expect((await fetch(`${sp.url}/logins/${id}`)).status).toBe(200);
  });
});
