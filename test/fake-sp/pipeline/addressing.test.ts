import { describe, expect, it } from 'vitest';
import { validateXmlString } from '../../../fake-sp/pipeline/index.ts';
import { TEST_TENANT, signedResponseXml } from '../../helpers/saml-signer.ts';
import { NOW, check, expectFailure, expectOk, expectations } from './support.ts';

const validate = (xml: string, over = {}) => validateXmlString(xml, expectations(over), NOW);

describe('issuer check', () => {
  it('accepts the configured issuer on Response and Assertion', () => {
    expectOk(validate(signedResponseXml()), 'issuer');
  });
  it("rejects another tenant's Assertion Issuer (ISSUER_MISMATCH) with the addon hint", () => {
    const c = expectFailure(validate(signedResponseXml({ issuer: 'urn:other-tenant.auth0.com' })), 'issuer', 'ISSUER_MISMATCH');
    expect(c.expected).toBe(TEST_TENANT.issuer);
    expect(c.actual).toContain('urn:other-tenant.auth0.com');
    expect(c.hint).toContain('urn:<tenant domain>');
  });
  it('rejects a wrong Response Issuer even when the Assertion Issuer is right', () => {
    expect(expectFailure(validate(signedResponseXml({ responseIssuer: 'urn:evil' })), 'issuer', 'ISSUER_MISMATCH').actual).toContain('Response Issuer');
  });
  it('is skipped, not passed, without an expected issuer', () => {
    expect(check(validateXmlString(signedResponseXml(), { ...expectations(), issuer: undefined }, NOW), 'issuer')).toMatchObject({
      status: 'skipped',
      code: 'ISSUER_NOT_CONFIGURED',
      ok: false,
    });
  });
});

describe('destination check', () => {
  it('accepts Destination = ACS URL', () => {
    expectOk(validate(signedResponseXml()), 'destination');
  });
  it('rejects another endpoint (DEST_MISMATCH) with the callback-URL hint', () => {
    const c = expectFailure(validate(signedResponseXml({ destination: 'https://iam.twilio.com/v1/Accounts/AC0/saml2' })), 'destination', 'DEST_MISMATCH');
    expect(c.hint).toContain('Allowed Callback URLs');
  });
  it('accepts an absent Destination when only the Assertion is signed, and says so', () => {
    expect(expectOk(validate(signedResponseXml({ destination: null, sign: 'assertion' })), 'destination').detail).toContain('No Destination');
  });
  it('is skipped without an ACS URL', () => {
    expect(check(validateXmlString(signedResponseXml(), { ...expectations(), acsUrl: undefined }, NOW), 'destination').code).toBe('DEST_NOT_CONFIGURED');
  });
});

describe('recipient check', () => {
  it('accepts the bearer Recipient = ACS URL', () => {
    expectOk(validate(signedResponseXml()), 'recipient');
  });
  it('rejects another Recipient (RCPT_MISMATCH)', () => {
    expectFailure(validate(signedResponseXml({ recipient: 'https://evil.example/acs' })), 'recipient', 'RCPT_MISMATCH');
  });
  it('rejects a missing Recipient (RCPT_MISSING)', () => {
    expectFailure(validate(signedResponseXml({ recipient: null })), 'recipient', 'RCPT_MISSING');
  });
  it('rejects an Assertion without a bearer confirmation (RCPT_NO_BEARER)', () => {
    const xml = signedResponseXml({ edit: (x) => x.replace('cm:bearer', 'cm:holder-of-key') });
    expectFailure(validate(xml), 'recipient', 'RCPT_NO_BEARER');
  });
});

describe('audience check', () => {
  it('accepts the Flex SP entity ID', () => {
    expectOk(validate(signedResponseXml()), 'audience');
  });
  it('rejects the Auth0 default audience when Flex expects urn:flex:JQ… (AUD_MISMATCH)', () => {
    const c = expectFailure(validate(signedResponseXml({ audience: 'urn:flex-sso-test.eu.auth0.com' })), 'audience', 'AUD_MISMATCH');
    expect(c.expected).toBe(TEST_TENANT.audience);
    expect(c.hint).toContain('"audience"');
  });
  it('rejects an Assertion without AudienceRestriction (AUD_MISSING) with the addon "audience" to set', () => {
    const xml = signedResponseXml({ edit: (x) => x.replace(/<saml:AudienceRestriction>[\s\S]*?<\/saml:AudienceRestriction>/, '') });
    const c = expectFailure(validate(xml), 'audience', 'AUD_MISSING');
    expect(c.actual).toBe('(no AudienceRestriction)');
    expect(c.hint).toContain(`Set "audience": "${TEST_TENANT.audience}" in the Auth0 SAML addon`);
    expect(c.hint).toContain('IdP-initiated');
  });
  it('requires the audience in every AudienceRestriction', () => {
    const extra = '<saml:AudienceRestriction><saml:Audience>urn:someone-else</saml:Audience></saml:AudienceRestriction>';
    const xml = signedResponseXml({ edit: (x) => x.replace('</saml:Conditions>', `${extra}</saml:Conditions>`) });
    expectFailure(validate(xml), 'audience', 'AUD_MISMATCH');
  });
  it('is skipped without an expected audience', () => {
    expect(check(validateXmlString(signedResponseXml(), { ...expectations(), audience: undefined }, NOW), 'audience').code).toBe('AUD_NOT_CONFIGURED');
  });
});
