// `flex-sso decode` inflated a DEFLATE-compressed value (and normalised base64url) and
// called it valid while the ACS refused the same bytes. Both now judge the value as received: the
// same input through decode and through a real fake SP's ACS gives the same verdict and first failure.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSp, type RunningSp } from '../../../fake-sp/server/start.ts';
import { decodeInput, prepare } from '../../../harness/decode/run.ts';
import { TEST_TENANT, signedResponseXml, testKey } from '../../helpers/saml-signer.ts';

const CONNECTION = TEST_TENANT.acsUrl.split('connection=')[1] as string;
let dir: string;
let sp: RunningSp;
let certFile: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'decode-acs-'));
  certFile = join(dir, 'idp.pem');
  await writeFile(certFile, testKey().cert);
  sp = await startFakeSp({
    profiles: [{ kind: 'enhanced', connectionId: CONNECTION }],
    idp: { certificates: [testKey().cert], issuer: TEST_TENANT.issuer, ssoUrl: 'https://test.auth0.com/samlp/c?connection=Username-Password-Authentication' },
    publicUrl: 'https://login.flex.us1.twilio.com',
    storeDir: join(dir, 'store'),
    clock: () => TEST_TENANT.now,
  });
});

afterAll(async () => {
  await sp?.close();
  await rm(dir, { recursive: true, force: true });
});

async function viaAcs(value: string): Promise<{ valid: boolean; firstFailure?: string }> {
  const res = await fetch(`${sp.url}/login/callback?connection=${CONNECTION}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ SAMLResponse: value }).toString(),
  });
  if (res.status === 302) return { valid: true };
  const body = (await res.json()) as { checks: { id: string; status: string; code?: string }[] };
  const first = body.checks.find((c) => c.status === 'failed');
  return { valid: false, firstFailure: `${first?.id}:${first?.code}` };
}

async function viaDecode(value: string): Promise<{ valid: boolean; firstFailure?: string }> {
  const { expectations, now } = prepare({
    certFiles: [certFile],
    audience: TEST_TENANT.audience,
    acsUrl: TEST_TENANT.acsUrl,
    issuer: TEST_TENANT.issuer,
    now: TEST_TENANT.now.toISOString(),
  });
  const verdict = (await decodeInput(value, expectations, now)).results[0]?.verdict;
  const first = verdict?.checks.find((c) => c.status === 'failed');
  return verdict?.valid ? { valid: true } : { valid: false, firstFailure: `${first?.id}:${first?.code}` };
}

describe('decode and the ACS agree on the same SAMLResponse value', () => {
  const xml = () => Buffer.from(signedResponseXml({ inResponseTo: null }), 'utf8');
  const cases: Array<[string, () => string, string | undefined]> = [
    ['base64 of the XML (HTTP-POST)', () => xml().toString('base64'), undefined],
    ['DEFLATE-compressed (HTTP-Redirect encoding)', () => deflateRawSync(xml()).toString('base64'), 'decode:DECODE_DEFLATED'],
    ['base64url', () => xml().toString('base64url'), 'decode:DECODE_BASE64'],
    [
      'UTF-16 XML',
      () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml().toString('utf8'), 'utf16le')]).toString('base64'),
      'decode:DECODE_ENCODING',
    ],
  ];
  for (const [name, make, failure] of cases) {
    it(`${name}: ${failure ?? 'valid'} in both`, async () => {
      const value = make();
      const decoded = await viaDecode(value);
      expect(decoded).toEqual(failure === undefined ? { valid: true } : { valid: false, firstFailure: failure });
      expect(await viaAcs(value)).toEqual(decoded);
    });
  }
});
