import fc from 'fast-check';
import { SAML } from '@node-saml/node-saml';
import { describe, expect, it } from 'vitest';
import { CHECK_IDS, validateResponse, validateXmlString } from '../../../fake-sp/pipeline/index.ts';
import { TEST_TENANT, signedResponseBase64, signedResponseXml, testKey } from '../../helpers/saml-signer.ts';
import { NOW, check, expectAllOk, expectations } from './support.ts';

describe('validateResponse on Auth0-shaped responses signed with real keys', () => {
  for (const sign of ['response', 'assertion', 'both'] as const) {
    for (const algorithm of ['sha256', 'sha1'] as const) {
      it(`accepts signResponse=${sign} with ${algorithm} and reads exactly the attributes`, () => {
        const v = validateResponse(signedResponseBase64({ sign, algorithm }), expectations(), NOW);
        expectAllOk(v);
        expect(v.attributes).toEqual({ email: ['ana.agent@example.com'], full_name: ['Ana Agent'], roles: ['agent'], team: ['RAMP'], program: ['RAMP'] });
        expect(v.flex).toMatchObject({ email: 'ana.agent@example.com', full_name: 'Ana Agent', roles: ['agent'], team: 'RAMP', program: 'RAMP' });
        expect(v.facts.signedElement).toBe(sign === 'response' ? 'Response' : sign === 'assertion' ? 'Assertion' : 'both');
        expect(v.warnings.some((w) => w.includes('RSA-SHA1'))).toBe(algorithm === 'sha1');
        expect(v.warnings.some((w) => w.includes('signResponse'))).toBe(sign === 'assertion');
      });
    }
  }

  it('lists every check of CHECK_IDS in order, every time', () => {
    for (const input of [signedResponseBase64(), 'not base64!', '']) {
      expect(validateResponse(input, expectations(), NOW).checks.map((c) => c.id)).toEqual([...CHECK_IDS]);
    }
  });

  it('reads several AttributeValues and one comma-separated value as the same roles', () => {
    const multi = validateResponse(
      signedResponseBase64({ attributes: { email: 'a@x.com', full_name: 'A', roles: ['agent', 'supervisor'] } }),
      expectations(),
      NOW,
    );
    const csv = validateResponse(
      signedResponseBase64({ attributes: { email: 'a@x.com', full_name: 'A', roles: ' agent, supervisor ,' } }),
      expectations(),
      NOW,
    );
    expectAllOk(multi);
    expectAllOk(csv);
    expect(multi.flex.roles).toEqual(['agent', 'supervisor']);
    expect(csv.flex.roles).toEqual(['agent', 'supervisor']);
    expect(multi.attributes['roles']).toEqual(['agent', 'supervisor']);
    expect(csv.attributes['roles']).toEqual([' agent, supervisor ,']);
  });

  it('fills the facts from the signed node', () => {
    const xml = signedResponseXml({ responseId: '_0123456789abcdef0123', assertionId: '_ABCDEFGHIJKLMNOPQRSTUVWXYZ012345' });
    const v = validateXmlString(xml, expectations(), NOW);
    expect(v.facts).toMatchObject({
      responseId: '_0123456789abcdef0123',
      assertionId: '_ABCDEFGHIJKLMNOPQRSTUVWXYZ012345',
      issuer: TEST_TENANT.issuer,
      nameId: 'auth0|65a000000000000000000001',
      inResponseTo: TEST_TENANT.requestId,
      destination: TEST_TENANT.acsUrl,
      statusCode: 'urn:oasis:names:tc:SAML:2.0:status:Success',
      signedElement: 'Response',
      notOnOrAfter: '2026-01-15T11:00:00.000Z',
    });
    expect(v.xml).toBe(xml);
  });
});

describe('skips', () => {
  it('marks expectation-less checks skipped (never ok) and still calls the response valid', () => {
    const v = validateResponse(signedResponseBase64(), { certificates: [testKey().cert] }, NOW);
    const skippedChecks = v.checks.filter((c) => c.status === 'skipped').map((c) => [c.id, c.code, c.ok]);
    expect(skippedChecks).toEqual([
      ['issuer', 'ISSUER_NOT_CONFIGURED', false],
      ['destination', 'DEST_NOT_CONFIGURED', false],
      ['recipient', 'RCPT_NOT_CONFIGURED', false],
      ['audience', 'AUD_NOT_CONFIGURED', false],
      ['inResponseTo', 'IRT_NOT_CONFIGURED', false],
      ['replay', 'REPLAY_NOT_CONFIGURED', false],
    ]);
    expect(check(v, 'audience').detail).toContain(TEST_TENANT.audience);
    expect(v.valid).toBe(true);
  });

  it('names the failed check that prevented the later ones', () => {
    const v = validateResponse(signedResponseBase64({ sign: 'none' }), expectations(), NOW);
    expect(check(v, 'signature').code).toBe('SIG_UNSIGNED');
    for (const id of ['issuer', 'time', 'attributes', 'flex'] as const) {
      expect(check(v, id)).toMatchObject({ status: 'skipped', ok: false, code: 'SKIPPED_PREREQUISITE' });
      expect(check(v, id).detail).toContain('`signature` failed (SIG_UNSIGNED)');
    }
    expect(v.valid).toBe(false);
    expect(v.attributes).toEqual({});
    expect(v.flex.roles).toEqual([]);
  });
});

describe('robustness', () => {
  it('never throws and never accepts arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (s) => {
        for (const input of [s, Buffer.from(s).toString('base64')]) {
          const v = validateResponse(input, expectations(), NOW);
          expect(v.valid).toBe(false);
          expect(v.checks).toHaveLength(CHECK_IDS.length);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('validateXmlString gives the same verdict as validateResponse on the base64 form', () => {
    const xml = signedResponseXml();
    expect(validateXmlString(xml, expectations(), NOW).checks).toEqual(validateResponse(Buffer.from(xml).toString('base64'), expectations(), NOW).checks);
  });
});

describe('cross-check: an independent validator accepts what the test signer produces', () => {
  it('@node-saml/node-saml verifies the response-signed output', async () => {
    const saml = new SAML({
      idpCert: testKey().cert,
      issuer: 'sp',
      callbackUrl: TEST_TENANT.acsUrl,
      audience: TEST_TENANT.audience,
      wantAuthnResponseSigned: true,
      wantAssertionsSigned: false,
      acceptedClockSkewMs: -1,
    });
    const { profile } = await saml.validatePostResponseAsync({ SAMLResponse: signedResponseBase64({ inResponseTo: null }) });
    expect(profile?.['email']).toBe('ana.agent@example.com');
  });
});
