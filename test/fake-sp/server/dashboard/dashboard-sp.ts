// A real fake SP on 127.0.0.1:0 pinned to the test IdP key, with a clock that advances one minute per
// posted login, and a helper that posts Auth0-shaped responses signed by test/helpers/saml-signer.ts.
// Shared by the dashboard's vitest tests and its Playwright spec.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeSp } from '../../../../fake-sp/server/start.ts';
import type { RunningSp } from '../../../../fake-sp/server/start.ts';
import type { FlexPattern } from '../../../../flex/patterns.ts';
import { signedResponseBase64, testKey, TEST_TENANT } from '../../../helpers/saml-signer.ts';
import type { ResponseOptions } from '../../../helpers/saml-signer.ts';

export const CONNECTION_ID = `JQ${'c3'.repeat(16)}`;
export const ACCOUNT_SID = `AC${'d4'.repeat(16)}`;
export const START = new Date('2026-01-15T10:00:00.000Z');

export interface DashboardSp {
  sp: RunningSp;
  /** Posts one signed response to the Enhanced (default) or Legacy ACS; resolves with the login id. */
  post(options?: ResponseOptions & { relayState?: string; profile?: 'enhanced' | 'legacy' }): Promise<string>;
  close(): Promise<void>;
}

export async function startDashboardSp(options: { pattern?: FlexPattern } = {}): Promise<DashboardSp> {
  const dir = await mkdtemp(join(tmpdir(), 'fake-sp-dashboard-'));
  let now = START;
  const sp = await startFakeSp({
    profiles: [
      { kind: 'enhanced', connectionId: CONNECTION_ID },
      { kind: 'legacy', accountSid: ACCOUNT_SID },
    ],
    idp: { certificates: [testKey('idp').cert], issuer: TEST_TENANT.issuer },
    storeDir: dir,
    clock: () => now,
    ...(options.pattern === undefined ? {} : { pattern: options.pattern }),
  });
  return {
    sp,
    async post(options = {}) {
      now = new Date(now.getTime() + 60_000);
      const profile = options.profile ?? 'enhanced';
      const acsUrl = sp.acsUrls[profile] as string;
      const base64 = signedResponseBase64({ inResponseTo: null, acsUrl, audience: sp.audiences[profile], now, ...options });
      const fields = new URLSearchParams({ SAMLResponse: base64, ...(options.relayState !== undefined ? { RelayState: options.relayState } : {}) });
      const res = await fetch(acsUrl, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: fields,
      });
      await res.arrayBuffer();
      const id = res.headers.get('x-login-id');
      if (id === null) throw new Error(`the ACS recorded nothing (HTTP ${res.status})`);
      return id;
    },
    async close() {
      await sp.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
