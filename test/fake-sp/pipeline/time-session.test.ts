import { describe, expect, it } from 'vitest';
import { validateXmlString } from '../../../fake-sp/pipeline/index.ts';
import { parseXsDateTime } from '../../../fake-sp/pipeline/xs-datetime.ts';
import { replay } from '../../../fake-sp/pipeline/checks/replay.ts';
import { DOMParser } from '@xmldom/xmldom';
import { TEST_TENANT, signedResponseXml } from '../../helpers/saml-signer.ts';
import { NOW, check, expectFailure, expectOk, expectations } from './support.ts';

const at = (iso: string) => new Date(iso);
const validate = (xml: string, now = NOW, over = {}) => validateXmlString(xml, expectations(over), now);

describe('time check', () => {
  const xml = signedResponseXml(); // NotBefore 10:00:00, NotOnOrAfter 11:00:00 (Auth0: 3600 s)
  it('accepts a response inside its window, and within the skew on both edges', () => {
    expectOk(validate(xml), 'time');
    expectOk(validate(xml, at('2026-01-15T09:58:30Z')), 'time'); // 90 s early, skew 120 s
    expectOk(validate(xml, at('2026-01-15T11:01:59Z')), 'time');
  });
  it('rejects an expired response (TIME_EXPIRED) with the clock-skew hint', () => {
    const c = expectFailure(validate(xml, at('2026-01-15T11:02:00Z')), 'time', 'TIME_EXPIRED');
    expect(c.hint).toContain('NTP');
  });
  it('rejects a response not yet valid (TIME_NOT_YET_VALID)', () => {
    expectFailure(validate(xml, at('2026-01-15T09:57:59Z')), 'time', 'TIME_NOT_YET_VALID');
  });
  it('honours a configured skew', () => {
    expectOk(validate(xml, at('2026-01-15T11:04:00Z'), { skewSeconds: 300 }), 'time');
    expectFailure(validate(xml, at('2026-01-15T11:00:00Z'), { skewSeconds: 0 }), 'time', 'TIME_EXPIRED');
  });
  it('checks the bearer confirmation and the session lifetime too', () => {
    expectFailure(validate(signedResponseXml({ subjectNotOnOrAfter: '2026-01-15T10:05:00Z' }), at('2026-01-15T10:30:00Z')), 'time', 'TIME_EXPIRED');
    const session = validate(signedResponseXml({ sessionNotOnOrAfter: '2026-01-15T10:10:00Z' }), at('2026-01-15T10:30:00Z'));
    expect(expectFailure(session, 'time', 'TIME_EXPIRED').actual).toContain('SessionNotOnOrAfter');
  });
  it('rejects an unparsable date instead of passing it (TIME_UNPARSABLE)', () => {
    const c = expectFailure(validate(signedResponseXml({ notOnOrAfter: 'tomorrow' })), 'time', 'TIME_UNPARSABLE');
    expect(c.actual).toContain('Conditions@NotOnOrAfter="tomorrow"');
    expectFailure(validate(signedResponseXml({ notBefore: '2026-02-30T10:00:00Z' })), 'time', 'TIME_UNPARSABLE');
    expectFailure(validate(xml, new Date(Number.NaN)), 'time', 'TIME_UNPARSABLE');
  });
});

describe('parseXsDateTime', () => {
  it('parses UTC, offsets, fractions and no zone (as UTC)', () => {
    expect(parseXsDateTime('2026-01-15T10:00:00Z')).toBe(Date.UTC(2026, 0, 15, 10));
    expect(parseXsDateTime('2026-01-15T10:00:00.123Z')).toBe(Date.UTC(2026, 0, 15, 10, 0, 0, 123));
    expect(parseXsDateTime('2026-01-15T12:00:00+02:00')).toBe(Date.UTC(2026, 0, 15, 10));
    expect(parseXsDateTime('2026-01-15T10:00:00')).toBe(Date.UTC(2026, 0, 15, 10));
  });
  it('refuses impossible or malformed dates', () => {
    for (const bad of ['', 'tomorrow', '2026-13-01T00:00:00Z', '2026-02-29T00:00:00Z', '2026-01-15 10:00:00Z', '2026-01-15T10:60:00Z', '1768471200']) {
      expect(parseXsDateTime(bad), bad).toBeUndefined();
    }
  });
});

describe('inResponseTo check', () => {
  it('accepts an answer to an outstanding request', () => {
    expectOk(validate(signedResponseXml()), 'inResponseTo');
  });
  it('rejects an answer to a request this SP did not issue (IRT_UNKNOWN)', () => {
    expect(expectFailure(validate(signedResponseXml({ inResponseTo: '_not-ours' })), 'inResponseTo', 'IRT_UNKNOWN').actual).toBe('_not-ours');
  });
  it('accepts an IdP-initiated response by default and says so', () => {
    expect(expectOk(validate(signedResponseXml({ inResponseTo: null })), 'inResponseTo').detail).toContain('IdP-initiated');
  });
  it('rejects an IdP-initiated response when only SP-initiated logins are allowed (IRT_UNSOLICITED)', () => {
    expectFailure(validate(signedResponseXml({ inResponseTo: null }), NOW, { allowIdpInitiated: false }), 'inResponseTo', 'IRT_UNSOLICITED');
  });
  it('rejects a Response and an Assertion answering different requests (IRT_MISMATCH)', () => {
    const xml = signedResponseXml({ edit: (x) => x.replace(`InResponseTo="${TEST_TENANT.requestId}"`, 'InResponseTo="_other"') });
    expectFailure(validate(xml), 'inResponseTo', 'IRT_MISMATCH');
  });
  it('is skipped without an outstanding-request list', () => {
    expect(check(validateXmlString(signedResponseXml(), { ...expectations(), outstandingRequestIds: undefined }, NOW), 'inResponseTo').code).toBe(
      'IRT_NOT_CONFIGURED',
    );
  });
});

describe('replay check', () => {
  it('accepts a new Assertion ID and rejects it once seen (REPLAY)', () => {
    const xml = signedResponseXml({ assertionId: '_ReplayReplayReplayReplayReplay00' });
    const seen = new Set<string>();
    expectOk(validate(xml, NOW, { seenAssertionIds: seen }), 'replay');
    seen.add('_ReplayReplayReplayReplayReplay00');
    expect(expectFailure(validate(xml, NOW, { seenAssertionIds: seen }), 'replay', 'REPLAY').actual).toBe('_ReplayReplayReplayReplayReplay00');
  });
  it('rejects an Assertion without an ID (REPLAY_NO_ID), as a pure check', () => {
    const el = (xml: string) => new DOMParser().parseFromString(xml, 'text/xml').documentElement!;
    const assertion = el('<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"/>');
    const out = replay({ input: '', trusted: { response: el('<r/>'), responseSigned: true, assertion } }, expectations(), NOW);
    expect(out.result).toMatchObject({ status: 'failed', code: 'REPLAY_NO_ID' });
  });
  it('is skipped without an assertion-ID cache', () => {
    expect(check(validateXmlString(signedResponseXml(), { ...expectations(), seenAssertionIds: undefined }, NOW), 'replay').code).toBe('REPLAY_NOT_CONFIGURED');
  });
});

describe('replay deadline (facts.replayUntil)', () => {
  it('is the latest NotOnOrAfter of the Conditions and the bearer confirmation, as UTC', () => {
    const later = validate(signedResponseXml({ notOnOrAfter: '2026-01-15T10:20:00Z', subjectNotOnOrAfter: '2026-01-15T11:00:00Z' }));
    expect(later.facts.replayUntil).toBe('2026-01-15T11:00:00.000Z');
    const earlier = validate(signedResponseXml({ notOnOrAfter: '2026-01-15T11:00:00Z', subjectNotOnOrAfter: '2026-01-15T10:20:00Z' }));
    expect(earlier.facts.replayUntil).toBe('2026-01-15T11:00:00.000Z');
  });

  it('reads zone-less and offset stamps with the one xs:dateTime parser (zone-less = UTC)', () => {
    const v = validate(signedResponseXml({ notOnOrAfter: '2026-01-15T11:00:00', subjectNotOnOrAfter: '2026-01-15T12:30:00+02:00' }));
    expect(v.valid).toBe(true);
    expect(v.facts.replayUntil).toBe('2026-01-15T11:00:00.000Z');
  });
});
