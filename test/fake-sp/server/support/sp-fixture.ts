// Starts a real fake SP on 127.0.0.1:0 with a frozen clock and a temporary store directory.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeSp } from '../../../../fake-sp/server/start.ts';
import type { FakeSpOptions, RunningSp } from '../../../../fake-sp/server/start.ts';
import type { TestKey } from './auth0-response.ts';
import { TEST_ISSUER } from './auth0-response.ts';

export const NOW = new Date('2026-03-02T10:00:00.000Z');
export const CONNECTION_ID = `JQ${'a1'.repeat(16)}`;
export const ACCOUNT_SID = `AC${'b2'.repeat(16)}`;

export async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'fake-sp-test-'));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

export function startSp(key: TestKey, storeDir: string, overrides: Partial<FakeSpOptions> = {}): Promise<RunningSp> {
  return startFakeSp({
    profiles: [
      { kind: 'enhanced', connectionId: CONNECTION_ID },
      { kind: 'legacy', accountSid: ACCOUNT_SID },
    ],
    idp: { certificates: [key.cert], issuer: TEST_ISSUER, ssoUrl: 'https://test.auth0.com/samlp/client123?connection=Username-Password-Authentication' },
    storeDir,
    clock: () => NOW,
    ...overrides,
  });
}

export function postForm(url: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

export const JSON_ACCEPT = { accept: 'application/json' };
