// Issue 18 item 3: `serve sp` pins several certificates — `--cert` repeated, or every signing
// KeyDescriptor of IdP metadata (current and next key across a rotation) — and accepts a response
// signed by either.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServeProcess } from '../../helpers/serve-process.ts';
import { signedResponseBase64, testKey } from '../../helpers/saml-signer.ts';

const body = (pem: string) => pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
const metadata = (issuer: string, pems: string[]) =>
  `<EntityDescriptor entityID="${issuer}" xmlns="urn:oasis:names:tc:SAML:2.0:metadata"><IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${pems
    .map(
      (p) =>
        `<KeyDescriptor use="signing"><KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><X509Data><X509Certificate>${body(p)}</X509Certificate></X509Data></KeyInfo></KeyDescriptor>`,
    )
    .join('')}</IDPSSODescriptor></EntityDescriptor>`;

async function signatureStatuses(args: string[]): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'flex-sso-pins-'));
  const served = await startServeProcess(['sp', '--store', join(dir, 'sp'), ...args.map((a) => a.replace('$DIR', dir))]);
  try {
    const sp = served.ready.sp as { acsUrl: string };
    const statuses: string[] = [];
    for (const name of ['idp', 'other-idp'] as const) {
      const res = await fetch(sp.acsUrl, {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ SAMLResponse: signedResponseBase64({ key: testKey(name), sign: 'response' }) }),
      });
      const verdict = (await res.json()) as { checks: { id: string; status: string }[] };
      statuses.push(verdict.checks.find((c) => c.id === 'signature')?.status ?? 'none');
    }
    return statuses;
  } finally {
    expect(await served.stop()).toBe(0);
  }
}

describe('flex-sso serve sp pins several certificates', () => {
  it('--cert given twice: a response signed by either key verifies; with one --cert only that key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flex-sso-certs-'));
    writeFileSync(join(dir, 'current.pem'), testKey('idp').cert);
    writeFileSync(join(dir, 'next.pem'), testKey('other-idp').cert);
    expect(await signatureStatuses(['--cert', join(dir, 'current.pem'), '--cert', join(dir, 'next.pem')])).toEqual(['ok', 'ok']);
    expect(await signatureStatuses(['--cert', join(dir, 'current.pem')])).toEqual(['ok', 'failed']);
  });

  it('--metadata with the current and the next KeyDescriptor pins both', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flex-sso-md-'));
    writeFileSync(join(dir, 'md.xml'), metadata('urn:flex-sso-test.eu.auth0.com', [testKey('idp').cert, testKey('other-idp').cert]));
    expect(await signatureStatuses(['--metadata', join(dir, 'md.xml')])).toEqual(['ok', 'ok']);
  });
});
