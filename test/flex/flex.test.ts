// The Flex domain module: profiles, roles, attribute matching, HTML escaping. Expected values are
// Twilio's published forms (Flex SSO docs), written out here.
import { describe, expect, it } from 'vitest';
import { ABSENT, attributeMatches, isAbsent } from '../../flex/attribute-match.ts';
import { didYouMean, levenshtein } from '../../flex/did-you-mean.ts';
import { escapeHtml } from '../../flex/html.ts';
import { flexAcsPath, flexAcsUrl, flexAudience, profileSid } from '../../flex/profile.ts';
import { FLEX_ROLES, isFlexRole, sameRoles, splitRoles } from '../../flex/roles.ts';
import { compareAttributes } from '../../fake-sp/server/dashboard/expectation.ts';

const JQ = 'JQ0123456789abcdef0123456789abcdef';
const AC = 'AC0123456789abcdef0123456789abcdef';

describe('flex/profile', () => {
  it('derives the Enhanced ACS and audience from the connection id', () => {
    const p = { kind: 'enhanced', connectionId: JQ } as const;
    expect(flexAcsPath(p)).toBe(`/login/callback?connection=${JQ}`);
    expect(flexAcsUrl(p)).toBe(`https://login.flex.us1.twilio.com/login/callback?connection=${JQ}`);
    expect(flexAudience(p)).toBe(`urn:flex:${JQ}`);
    expect(profileSid(p)).toBe(JQ);
  });

  it('derives the Legacy ACS and audience from the account SID', () => {
    const p = { kind: 'legacy', accountSid: AC } as const;
    expect(flexAcsPath(p)).toBe(`/v1/Accounts/${AC}/saml2`);
    expect(flexAcsUrl(p)).toBe(`https://iam.twilio.com/v1/Accounts/${AC}/saml2`);
    expect(flexAudience(p)).toBe(`https://iam.twilio.com/v1/Accounts/${AC}/saml2/metadata`);
    expect(profileSid(p)).toBe(AC);
  });
});

describe('flex/roles', () => {
  it('splits on commas, trims and drops empties; compares as sets', () => {
    expect(splitRoles(['agent, supervisor', ' ', 'admin,'])).toEqual(['agent', 'supervisor', 'admin']);
    expect(sameRoles(['supervisor,agent'], ['agent', 'supervisor', 'agent'])).toBe(true);
    expect(sameRoles(['agent'], ['agent', 'admin'])).toBe(false);
  });

  it('knows the Flex roles', () => {
    expect(FLEX_ROLES).toContain('supervisor');
    expect(isFlexRole('wfo.team_leader')).toBe(true);
    expect(isFlexRole('superviser')).toBe(false);
  });
});

describe('flex/attribute-match: one meaning of absent', () => {
  it('an attribute with no value is absent, whether it is not sent or sent without a value', () => {
    expect(isAbsent(undefined)).toBe(true);
    expect(isAbsent([])).toBe(true);
    expect(isAbsent([''])).toBe(false);
    expect(attributeMatches('team', [], ABSENT)).toBe(true);
    expect(attributeMatches('team', ['x'], ABSENT)).toBe(false);
    expect(attributeMatches('team', [], 'x')).toBe(false);
  });

  it('roles compare as Flex reads them; other attributes value by value, in order', () => {
    expect(attributeMatches('roles', ['admin,agent'], ['agent', 'admin'])).toBe(true);
    expect(attributeMatches('email', ['a@x'], 'a@x')).toBe(true);
    expect(attributeMatches('team_member', ['b', 'a'], ['a', 'b'])).toBe(false);
  });

  it('the fake SP dashboard uses the same meaning (an empty attribute matches `absent`)', () => {
    expect(compareAttributes({ team: [] }, { attributes: { team: ABSENT } })).toEqual([{ name: 'team', actual: [], expected: ABSENT, match: true }]);
  });
});

describe('flex/html', () => {
  it('escapes markup and quotes; null and undefined are empty', () => {
    expect(escapeHtml('<a href="x">O\'Neil & co</a>')).toBe('&lt;a href=&quot;x&quot;&gt;O&#39;Neil &amp; co&lt;/a&gt;');
    expect(escapeHtml(undefined)).toBe('');
    expect(escapeHtml(42)).toBe('42');
  });
});

describe('flex/did-you-mean', () => {
  const URI = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress';
  it('suggests the closest name within the distance, case-insensitively; the first of equals wins', () => {
    expect(didYouMean('superviser', FLEX_ROLES)).toBe('supervisor');
    expect(didYouMean('Agent', FLEX_ROLES)).toBe('agent');
    expect(didYouMean('roles', [URI, 'rolse', 'Roles'], 2)).toBe('Roles');
    expect(didYouMean('abc', ['abd', 'abe'], 1)).toBe('abd');
    expect(didYouMean('xyz', FLEX_ROLES)).toBeUndefined();
    expect(didYouMean('roles', [URI], 2)).toBeUndefined();
  });

  it('a length difference equal to the distance still counts (skipping longer names is exact)', () => {
    expect(didYouMean('ab', ['abcd'], 2)).toBe('abcd');
    expect(didYouMean('ab', ['abcde'], 2)).toBeUndefined();
    // Lower-casing can change a length ("İ" becomes "i" + a combining dot): lengths are compared lower-cased.
    expect(didYouMean('\u0069\u0307x', ['\u0130x'], 0)).toBe('\u0130x');
    expect(levenshtein('kitten', 'sitting')).toBe(3);
  });
});
