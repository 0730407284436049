// Interop: every addon-setting combination is accepted by an independent validator
// (@node-saml/node-saml 5.1), pinned to the certificate published in the emulator's metadata.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SAML, ValidateInResponseTo } from '@node-saml/node-saml';
import type { RunningIdp } from '../../../fake-idp/server.ts';
import type { SamlpAddon } from '../../../fake-idp/tenant/types.ts';
import { ACS_URL, EMAIL, httpLogin, SP_ENTITY_ID, startIdpFixture } from '../login/fixture.ts';
import { first, parseXml } from './xml-helpers.ts';

let idp: RunningIdp;
let metadataCertPem: string;

beforeAll(async () => {
  idp = await startIdpFixture();
  const res = await fetch(idp.metadataUrl());
  expect(res.status).toBe(200);
  const body = (first(parseXml(await res.text()), 'X509Certificate').textContent ?? '').trim();
  metadataCertPem = `-----BEGIN CERTIFICATE-----\n${body.match(/.{1,64}/g)?.join('\n')}\n-----END CERTIFICATE-----\n`;
});
afterAll(async () => {
  await idp?.close();
});

function validator(signResponse: boolean, extra: Partial<ConstructorParameters<typeof SAML>[0]> = {}): SAML {
  return new SAML({
    idpCert: metadataCertPem,
    issuer: SP_ENTITY_ID,
    callbackUrl: ACS_URL,
    audience: SP_ENTITY_ID,
    idpIssuer: idp.issuer,
    wantAssertionsSigned: !signResponse,
    wantAuthnResponseSigned: signResponse,
    validateInResponseTo: ValidateInResponseTo.never,
    ...extra,
  });
}

const combos: SamlpAddon[] = [];
for (const signResponse of [false, true]) {
  for (const alg of ['sha1', 'sha256'] as const) {
    for (const typedAttributes of [true, false]) {
      for (const includeAttributeNameFormat of [true, false]) {
        combos.push({
          audience: SP_ENTITY_ID,
          signResponse,
          typedAttributes,
          includeAttributeNameFormat,
          signatureAlgorithm: alg === 'sha1' ? 'rsa-sha1' : 'rsa-sha256',
          digestAlgorithm: alg,
        });
      }
    }
  }
}

describe('node-saml accepts emulator responses', () => {
  test.each(combos.map((c) => [JSON.stringify(c), c] as const))('IdP-initiated %s', async (_name, addon) => {
    idp.tenant.updateApplication(idp.defaultClientId, { addons: { samlp: addon } });
    const { form } = await httpLogin(idp);
    const { profile } = await validator(addon.signResponse ?? false).validatePostResponseAsync({ SAMLResponse: form?.fields.SAMLResponse ?? '' });
    expect(profile?.issuer).toBe(idp.issuer);
    expect(profile?.['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress']).toBe(EMAIL);
    expect(form?.fields.RelayState).toBe('rs-1');
  });

  test.each([false, true])("SP-initiated with node-saml's own AuthnRequest (signResponse %s) passes its InResponseTo check", async (signResponse) => {
    idp.tenant.updateApplication(idp.defaultClientId, { addons: { samlp: { signResponse } } });
    const sp = validator(signResponse, { entryPoint: idp.samlUrl(), validateInResponseTo: ValidateInResponseTo.always, audience: SP_ENTITY_ID });
    const authorizeUrl = await sp.getAuthorizeUrlAsync('relay-sp', undefined, {});
    const { form } = await httpLogin(idp, { startUrl: authorizeUrl });
    const { profile } = await sp.validatePostResponseAsync({ SAMLResponse: form?.fields.SAMLResponse ?? '' });
    expect(profile?.nameID).toMatch(/^auth0\|[0-9a-f]{24}$/);
    expect(form?.fields.RelayState).toBe('relay-sp');
  });

  test('node-saml rejects the same response against a certificate the emulator does not publish', async () => {
    idp.tenant.updateApplication(idp.defaultClientId, { addons: { samlp: { audience: SP_ENTITY_ID } } });
    const { form } = await httpLogin(idp);
    const { foreignSigningKey } = await import('../../../fake-idp/faults/plan.ts');
    const sp = new SAML({ ...validator(false).options, idpCert: foreignSigningKey(new Date()).certPem });
    await expect(sp.validatePostResponseAsync({ SAMLResponse: form?.fields.SAMLResponse ?? '' })).rejects.toThrow(/signature/i);
  });
});
