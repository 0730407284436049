// Child-process half of replay-timezone.test.ts: runs under the TZ the test sets (process.env.TZ is
// read when the process starts). Starts a real fake SP with a frozen clock, posts the same signed
// response twice, prints what happened as one JSON line.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeSp } from '../../../../fake-sp/server/start.ts';
import { TEST_TENANT, signedResponseBase64, testKey } from '../../../helpers/saml-signer.ts';

const [clock, notOnOrAfter, subjectNotOnOrAfter] = process.argv.slice(2) as [string, string, string];
const dir = await mkdtemp(join(tmpdir(), 'fake-sp-tz-'));
const sp = await startFakeSp({
  profiles: [{ kind: 'enhanced', connectionId: TEST_TENANT.acsUrl.split('connection=')[1] as string }],
  idp: { certificates: [testKey().cert], issuer: TEST_TENANT.issuer, ssoUrl: 'https://test.auth0.com/samlp/c?connection=Username-Password-Authentication' },
  publicUrl: 'https://login.flex.us1.twilio.com',
  storeDir: dir,
  clock: () => new Date(clock),
});
try {
  // Zone-less stamps, as some IdPs write them (SAML Core 1.3.3 asks for UTC).
  const saml = signedResponseBase64({ inResponseTo: null, notBefore: '2026-01-15T10:00:00', notOnOrAfter, subjectNotOnOrAfter });
  const acs = `${sp.url}/login/callback?connection=${TEST_TENANT.acsUrl.split('connection=')[1] as string}`;
  const post = () =>
    fetch(acs, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ SAMLResponse: saml }).toString(),
    });
  const first = await post();
  const second = await post();
  const body = second.status === 403 ? ((await second.json()) as { checks: { id: string; status: string }[] }) : { checks: [] };
  process.stdout.write(
    `${JSON.stringify({
      offsetMinutes: new Date('2026-01-15T00:00:00Z').getTimezoneOffset(),
      statuses: [first.status, second.status],
      secondFailed: body.checks.filter((c) => c.status === 'failed').map((c) => c.id),
    })}\n`,
  );
} finally {
  await sp.close();
  await rm(dir, { recursive: true, force: true });
}
