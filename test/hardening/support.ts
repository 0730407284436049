// Shared by the hardening tests: a fake SP on 127.0.0.1:0 whose profile matches the test signer's
// tenant (frozen clock = TEST_TENANT.now), and valid responses addressed to it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeSp, type FakeSpOptions, type RunningSp } from '../../fake-sp/server/start.ts';
import { signedResponseXml, testKey, TEST_TENANT, toBase64, type ResponseOptions } from '../helpers/saml-signer.ts';

export const CONNECTION_ID = 'JQ00000000000000000000000000000000';

export async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'flex-sso-hardening-'));
}

export const removeDir = (dir: string): Promise<void> => rm(dir, { recursive: true, force: true });

export function startTestSp(storeDir: string, overrides: Partial<FakeSpOptions> = {}): Promise<RunningSp> {
  return startFakeSp({
    profiles: [{ kind: 'enhanced', connectionId: CONNECTION_ID }],
    idp: { certificates: [testKey().cert], issuer: TEST_TENANT.issuer },
    storeDir,
    clock: () => TEST_TENANT.now,
    ...overrides,
  });
}

/** A valid IdP-initiated response for this SP's Enhanced ACS (a fresh assertion ID each call). */
export function validXml(sp: { acsUrls: { enhanced?: string }; audiences: { enhanced?: string } }, o: ResponseOptions = {}): string {
  return signedResponseXml({ acsUrl: sp.acsUrls.enhanced, audience: sp.audiences.enhanced, inResponseTo: null, ...o });
}

export const validBase64 = (sp: Parameters<typeof validXml>[0], o: ResponseOptions = {}): string => toBase64(validXml(sp, o));

export function post(url: string, body: string): Promise<Response> {
  return fetch(url, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body });
}

export const formBody = (fields: Record<string, string>): string => new URLSearchParams(fields).toString();

/** The stable code of the failed check in a JSON verdict answer. */
export async function failedCode(res: Response): Promise<string | undefined> {
  const body = (await res.json()) as { checks?: Array<{ status: string; code?: string }> };
  return body.checks?.find((c) => c.status === 'failed')?.code;
}
