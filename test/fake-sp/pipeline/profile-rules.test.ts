// Auth0 never sends these shapes, strict SPs (OneLogin,
// pysaml2) refuse them. Each rejection has its accept twin; every response is signed for real.
import { describe, expect, it } from 'vitest';
import { validateXmlString } from '../../../fake-sp/pipeline/index.ts';
import { signedResponseXml, type ResponseOptions } from '../../helpers/saml-signer.ts';
import { NOW, check, expectAllOk, expectFailure, expectOk, expectations } from './support.ts';

const at = (iso: string) => new Date(iso);
const validate = (o: ResponseOptions, now = NOW, over = {}) => validateXmlString(signedResponseXml(o), expectations(over), now);
const edit =
  (from: RegExp | string, to: string): ResponseOptions['edit'] =>
  (xml) => {
    const out = xml.replace(from, to);
    if (out === xml) throw new Error(`edit did not apply: ${String(from)}`);
    return out;
  };

describe('AuthnStatement (SAML Profiles 4.1.4.2)', () => {
  it('rejects an Assertion without an AuthnStatement (AUTHN_STATEMENT_MISSING)', () => {
    for (const sign of ['response', 'assertion'] as const) {
      const v = validate({ sign, edit: edit(/<saml:AuthnStatement[\s\S]*<\/saml:AuthnStatement>/, '') });
      expect(expectFailure(v, 'nameId', 'AUTHN_STATEMENT_MISSING').expected).toContain('4.1.4.2');
    }
  });
  it('accepts the Auth0 shape, which has one', () => {
    expectOk(validate({}), 'nameId');
  });
});

describe('Destination on a signed Response (SAML Bindings 3.5.5.2)', () => {
  it('rejects a signed Response without Destination, with or without a configured ACS URL (DEST_MISSING)', () => {
    expectFailure(validate({ destination: null }), 'destination', 'DEST_MISSING');
    expectFailure(validate({ destination: null }, NOW, { acsUrl: undefined }), 'destination', 'DEST_MISSING');
    expectFailure(validate({ destination: null, sign: 'both' }), 'destination', 'DEST_MISSING');
  });
  it('accepts it when only the Assertion is signed (the rule is about signed messages)', () => {
    expectAllOk(validate({ destination: null, sign: 'assertion' }));
  });
});

describe('Conditions (SAML Core 2.5.1)', () => {
  it('rejects a Condition it does not understand: Indeterminate is not valid (COND_UNKNOWN)', () => {
    const custom = '<saml:Condition xmlns:x="urn:example:conditions" xsi:type="x:MustBeInOffice" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>';
    const c = expectFailure(validate({ edit: edit('</saml:AudienceRestriction>', `</saml:AudienceRestriction>${custom}`) }), 'time', 'COND_UNKNOWN');
    expect(c.actual).toContain('x:MustBeInOffice');
    expectFailure(
      validate({ edit: edit('</saml:AudienceRestriction>', '</saml:AudienceRestriction><x:Other xmlns:x="urn:example"/>') }),
      'time',
      'COND_UNKNOWN',
    );
  });
  it('accepts the conditions SAML defines: AudienceRestriction, OneTimeUse, ProxyRestriction', () => {
    expectAllOk(validate({ edit: edit('</saml:AudienceRestriction>', '</saml:AudienceRestriction><saml:OneTimeUse/><saml:ProxyRestriction Count="0"/>') }));
  });
});

describe('validity windows', () => {
  it('rejects NotBefore later than NotOnOrAfter even when the skew would cover the clock (TIME_WINDOW_INVERTED)', () => {
    // 10:00:30 is within 120 s of both bounds, so without this rule the window would pass.
    const inverted = validate(
      { notBefore: '2026-01-15T10:01:00.000Z', notOnOrAfter: '2026-01-15T10:00:00.000Z', subjectNotOnOrAfter: '2026-01-15T10:05:00.000Z' },
      at('2026-01-15T10:00:30Z'),
    );
    expect(expectFailure(inverted, 'time', 'TIME_WINDOW_INVERTED').actual).toContain('Conditions@NotBefore=2026-01-15T10:01:00.000Z');
    expectFailure(validate({ notBefore: '2026-01-15T10:00:00.000Z', notOnOrAfter: '2026-01-15T10:00:00.000Z' }), 'time', 'TIME_WINDOW_INVERTED');
    const bearer = validate({ edit: edit('<saml:SubjectConfirmationData ', '<saml:SubjectConfirmationData NotBefore="2026-01-15T12:00:00.000Z" ') });
    expect(expectFailure(bearer, 'time', 'TIME_WINDOW_INVERTED').actual).toContain('SubjectConfirmationData@NotBefore');
  });
  it('accepts a window that starts before it ends (Auth0: NotBefore = issue time)', () => {
    expectOk(validate({ notBefore: '2026-01-15T09:59:59.999Z' }), 'time');
  });

  it('rejects a bearer SubjectConfirmationData without NotOnOrAfter (TIME_NO_BEARER_EXPIRY)', () => {
    const v = validate({ edit: edit(/(<saml:SubjectConfirmationData) NotOnOrAfter="[^"]*"/, '$1') });
    expect(expectFailure(v, 'time', 'TIME_NO_BEARER_EXPIRY').expected).toContain('4.1.4.2');
    // Even when the Conditions still bound the assertion: the delivery window is the bearer's.
    expect(v.facts.replayUntil).toBe('2026-01-15T11:00:00.000Z');
  });
  it('accepts a bearer confirmation with NotOnOrAfter', () => {
    expectOk(validate({}), 'time');
  });
});

describe('bearer SubjectConfirmation (SAML Profiles 4.1.4.2)', () => {
  const noBearer = { edit: edit('Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"', 'Method="urn:oasis:names:tc:SAML:2.0:cm:holder-of-key"') };
  it('rejects an Assertion without a bearer confirmation even when no ACS URL is configured (RCPT_NO_BEARER)', () => {
    expectFailure(validate(noBearer, NOW, { acsUrl: undefined }), 'recipient', 'RCPT_NO_BEARER');
    expectFailure(validate(noBearer), 'recipient', 'RCPT_NO_BEARER');
  });
  it('skips only the Recipient comparison when a bearer confirmation is present and no ACS URL is configured', () => {
    const v = validate({}, NOW, { acsUrl: undefined });
    expect(check(v, 'recipient')).toMatchObject({ status: 'skipped', code: 'RCPT_NOT_CONFIGURED' });
    expect(v.valid).toBe(true);
  });
});
