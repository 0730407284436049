// Issue 18 item 2: an Action that calls api.samlResponse.setEncryptionCert makes the emulator encrypt
// the Assertion as Auth0 does (auth0/node-saml lib/xml/encrypt.js: xml-encryption, aes256-gcm,
// rsa-oaep-mgf1p, <saml:EncryptedAssertion>; node-samlp signs the Response around it), and the fake
// SP refuses it (Flex treats an encrypted response as invalid).
import xmlenc from 'xml-encryption';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningIdp } from '../../../fake-idp/server.ts';
import { validateResponse } from '../../../fake-sp/pipeline/validate.ts';
import { testKey } from '../../helpers/saml-signer.ts';
import { ACS_URL, httpLogin, SP_ENTITY_ID, startIdpFixture } from '../login/fixture.ts';

let idp: RunningIdp;
const flexKey = testKey('other-idp');
const ACTION = (encrypt: boolean) => `exports.onExecutePostLogin = async (event, api) => {
  api.samlResponse.setAttribute('email', event.user.email);
  api.samlResponse.setAttribute('full_name', event.user.name);
  api.samlResponse.setAttribute('roles', 'agent');
  ${encrypt ? `api.samlResponse.setEncryptionCert(${JSON.stringify(flexKey.cert)});` : ''}
};`;

function bind(code: string): void {
  const action = idp.tenant.createAction({ name: `a-${Math.random().toString(36).slice(2)}`, code });
  idp.tenant.deployAction(action.id);
  idp.tenant.setBindings('post-login', [{ ref: { type: 'action_id', value: action.id } }]);
}

beforeAll(async () => {
  idp = await startIdpFixture({ addon: { audience: SP_ENTITY_ID, signResponse: true } });
});
afterAll(async () => {
  await idp?.close();
});

const decrypt = (xml: string) =>
  new Promise<string>((resolve, reject) => {
    (xmlenc as unknown as { decrypt(x: string, o: { key: string }, cb: (e: Error | null, r: string) => void): void }).decrypt(
      xml,
      { key: flexKey.privateKey },
      (e, r) => (e ? reject(e) : resolve(r)),
    );
  });

describe('assertion encryption (api.samlResponse.setEncryptionCert)', () => {
  it('sends a signed Response with an EncryptedAssertion (aes256-gcm, rsa-oaep-mgf1p) that decrypts to the Assertion', async () => {
    bind(ACTION(true));
    const { form } = await httpLogin(idp);
    const xml = Buffer.from(form?.fields.SAMLResponse ?? '', 'base64').toString('utf8');
    expect(xml).not.toContain('<saml:Assertion ');
    expect(xml).toMatch(/<saml:EncryptedAssertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"><xenc:EncryptedData/);
    expect(xml).toContain('Algorithm="http://www.w3.org/2009/xmlenc11#aes256-gcm"');
    expect(xml).toContain('Algorithm="http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p"');
    const encryptedData = xml.slice(xml.indexOf('<xenc:EncryptedData'), xml.indexOf('</saml:EncryptedAssertion>'));
    const assertion = await decrypt(encryptedData);
    expect(assertion).toMatch(/^<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"/);
    expect(assertion).toContain('>agent</saml:AttributeValue>');
  });

  it('the fake SP verifies the Response signature and refuses the EncryptedAssertion (WRAP_ENCRYPTED_ASSERTION)', async () => {
    bind(ACTION(true));
    const { form } = await httpLogin(idp);
    const verdict = validateResponse(
      form?.fields.SAMLResponse ?? '',
      { certificates: [idp.tenant.state.signing.certPem], issuer: idp.issuer, audience: SP_ENTITY_ID, acsUrl: ACS_URL },
      idp.tenant.now(),
    );
    expect(verdict.checks.find((c) => c.id === 'signature')?.status).toBe('ok');
    const wrapping = verdict.checks.find((c) => c.id === 'wrapping');
    expect(wrapping).toMatchObject({ status: 'failed', code: 'WRAP_ENCRYPTED_ASSERTION' });
    expect(wrapping?.hint).toContain('setEncryptionCert');
    expect(verdict.valid).toBe(false);
  });

  it('without the call the same Action sends a plain Assertion that the SP accepts', async () => {
    bind(ACTION(false));
    const { form } = await httpLogin(idp);
    const verdict = validateResponse(
      form?.fields.SAMLResponse ?? '',
      { certificates: [idp.tenant.state.signing.certPem], issuer: idp.issuer, audience: SP_ENTITY_ID, acsUrl: ACS_URL },
      idp.tenant.now(),
    );
    expect(verdict.valid).toBe(true);
  });
});
