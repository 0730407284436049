// Fault key-rotated (issue 18 item 3): the login is signed with the tenant's next key, as after
// POST /api/v2/keys/signing/rotate (docs-v2 "Rotate Signing Keys"). A Flex that pins only the old
// certificate refuses it with a hint naming the new certificate's SHA-1 fingerprint and where Flex
// holds the certificate; a Flex that pinned the next certificate too accepts it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningIdp } from '../../../fake-idp/server.ts';
import { validateResponse } from '../../../fake-sp/pipeline/validate.ts';
import { ACS_URL, EMAIL, httpLogin, SP_ENTITY_ID, startIdpFixture } from '../login/fixture.ts';

let idp: RunningIdp;
beforeAll(async () => {
  idp = await startIdpFixture({ addon: { audience: SP_ENTITY_ID, signResponse: true } });
});
afterAll(async () => {
  await idp?.close();
});

async function rotatedLogin(): Promise<string> {
  idp.tenant.addFault({ kind: 'key-rotated', email: EMAIL, remaining: 1 });
  const { form } = await httpLogin(idp);
  const value = form?.fields.SAMLResponse;
  if (!value) throw new Error('no SAMLResponse');
  return value;
}

const judge = (samlResponse: string, certificates: string[]) =>
  validateResponse(samlResponse, { certificates, issuer: idp.issuer, audience: SP_ENTITY_ID, acsUrl: ACS_URL }, idp.tenant.now());

describe('fault key-rotated', () => {
  it("Flex pinning only the current certificate rejects it; the hint names the next key's fingerprint and the Flex console field", async () => {
    const [, next] = idp.tenant.listSigningKeys();
    const verdict = judge(await rotatedLogin(), [idp.tenant.state.signing.certPem]);
    const signature = verdict.checks.find((c) => c.id === 'signature');
    expect(signature).toMatchObject({ status: 'failed', code: 'SIG_INVALID' });
    expect(signature?.hint).toContain(`SHA-1 fingerprint ${next?.fingerprint}`);
    expect(signature?.hint).toContain('Twilio Console → Flex → Manage → Single sign-on (SSO) → X.509 certificate');
    expect(verdict.valid).toBe(false);
  });

  it('Flex pinning the current and the next certificate accepts it, and the tenant is not rotated', async () => {
    const current = idp.tenant.state.signing.certPem;
    const next = idp.tenant.nextSigningKey().certPem;
    const verdict = judge(await rotatedLogin(), [current, next]);
    // No Action is bound here, so only `flex` (no email/full_name/roles) fails: every SAML check passes.
    expect(verdict.checks.filter((c) => c.status === 'failed').map((c) => c.id)).toEqual(['flex']);
    expect(verdict.checks.find((c) => c.id === 'signature')?.status).toBe('ok');
    expect(idp.tenant.state.signing.certPem).toBe(current);
    // The next login, without the fault, is signed with the current key again.
    const { form } = await httpLogin(idp);
    expect(judge(form?.fields.SAMLResponse ?? '', [current]).checks.find((c) => c.id === 'signature')?.status).toBe('ok');
  });
});
