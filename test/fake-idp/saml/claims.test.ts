import { describe, expect, test } from 'vitest';
import { applyActionAttributes, attributeValues, auth0Profile, mapProfileToAttributes, probeNameIdentifier } from '../../../fake-idp/saml/claims.ts';
import { DEFAULT_NAME_IDENTIFIER_PROBES, resolveSamlSettings } from '../../../fake-idp/saml/settings.ts';
import type { SamlpAddon } from '../../../fake-idp/tenant/types.ts';
import { testUser } from './fixtures.ts';

const CLAIMS = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/';
const AUTH0 = 'http://schemas.auth0.com/';

function mapped(addon: SamlpAddon = {}, user = testUser()) {
  const settings = resolveSamlSettings(addon, {}, { tenantIssuer: 'urn:t', acsUrl: 'https://sp/acs' });
  return Object.fromEntries(mapProfileToAttributes(auth0Profile(user, 'CLIENT'), settings).map((a) => [a.name, a.values]));
}

describe('Auth0 addon claim mapping', () => {
  test('default mappings, UPN, identities and passthrough claims', () => {
    const attrs = mapped();
    expect(attrs[`${CLAIMS}nameidentifier`]).toEqual(['auth0|65f0a1b2c3d4e5f6a7b8c9d0']);
    expect(attrs[`${CLAIMS}emailaddress`]).toEqual(['ada@example.com']);
    expect(attrs[`${CLAIMS}name`]).toEqual(['Ada Lovelace']);
    expect(attrs[`${CLAIMS}givenname`]).toEqual(['Ada']);
    expect(attrs[`${CLAIMS}surname`]).toEqual(['Lovelace']);
    expect(attrs[`${CLAIMS}upn`]).toEqual(['ada@example.com']);
    expect(attrs[`${AUTH0}identities/default/provider`]).toEqual(['auth0']);
    expect(attrs[`${AUTH0}identities/default/connection`]).toEqual(['Username-Password-Authentication']);
    expect(attrs[`${AUTH0}identities/default/isSocial`]).toEqual([false]);
    expect(attrs[`${AUTH0}clientID`]).toEqual(['CLIENT']);
    expect(attrs[`${AUTH0}nickname`]).toEqual(['ada']);
    expect(attrs[`${AUTH0}email_verified`]).toEqual([true]);
    // Mapped claims are not repeated under the Auth0 namespace; secrets and metadata never leak.
    expect(attrs[`${AUTH0}email`]).toBeUndefined();
    expect(Object.keys(attrs).some((k) => /password|app_metadata|user_metadata/.test(k))).toBe(false);
  });

  test('addon mappings override a default and add dotted-path claims', () => {
    const attrs = mapped({ mappings: { email: 'mail', 'app_metadata.flex.roles': 'flexRoles' } });
    expect(attrs.mail).toEqual(['ada@example.com']);
    expect(attrs[`${CLAIMS}emailaddress`]).toBeUndefined();
    expect(attrs.flexRoles).toEqual(['admin']);
  });

  test('addon mappings REPLACE the defaults (capture auth0-svc-tester-2020, mappings {email}): no …/claims/name, name and user_id pass through', () => {
    const settings = resolveSamlSettings({ mappings: { email: `${CLAIMS}emailaddress` } }, {}, { tenantIssuer: 'urn:t', acsUrl: 'https://sp/acs' });
    const names = mapProfileToAttributes(
      auth0Profile(testUser({ given_name: undefined, family_name: undefined }), 'CLIENT', new Date('2026-03-01T12:00:00Z')),
      settings,
    ).map((a) => a.name);
    // The capture's attribute order: the mapping, upn, the first identity, then the profile in alphabetical order.
    expect(names).toEqual([
      `${CLAIMS}emailaddress`,
      `${CLAIMS}upn`,
      `${AUTH0}identities/default/user_id`,
      `${AUTH0}identities/default/provider`,
      `${AUTH0}identities/default/connection`,
      `${AUTH0}identities/default/isSocial`,
      `${AUTH0}clientID`,
      `${AUTH0}created_at`,
      `${AUTH0}email_verified`,
      `${AUTH0}name`,
      `${AUTH0}nickname`,
      `${AUTH0}picture`,
      `${AUTH0}updated_at`,
      `${AUTH0}user_id`,
    ]);
  });

  test('no mappings or an empty mappings object → the default mappings', () => {
    for (const addon of [{}, { mappings: {} }]) {
      const attrs = mapped(addon);
      expect(attrs[`${CLAIMS}nameidentifier`]).toEqual(['auth0|65f0a1b2c3d4e5f6a7b8c9d0']);
      expect(attrs[`${CLAIMS}name`]).toEqual(['Ada Lovelace']);
      expect(attrs[`${AUTH0}name`]).toBeUndefined();
    }
  });

  test('a mapping value may be an array: one profile field → several attributes (docs saml-attribute-mapping-examples)', () => {
    const attrs = mapped({ mappings: { email: ['email', 'mail', `${CLAIMS}emailaddress`] } });
    expect(attrs.email).toEqual(['ada@example.com']);
    expect(attrs.mail).toEqual(['ada@example.com']);
    expect(attrs[`${CLAIMS}emailaddress`]).toEqual(['ada@example.com']);
    expect(attrs[`${AUTH0}email`]).toBeUndefined();
  });

  test('the profile Auth0 maps: keys in alphabetical order, updated_at = the login time (both login captures)', () => {
    const login = new Date('2026-03-01T12:00:00.000Z');
    const profile = auth0Profile(testUser(), 'CLIENT', login);
    expect(Object.keys(profile)).toEqual([...Object.keys(profile)].sort());
    expect(Object.keys(profile)[0]).toBe('app_metadata');
    expect(profile.updated_at).toEqual(login);
    expect(profile.created_at).toEqual(new Date('2026-01-02T03:04:05.000Z'));
  });

  test('passthroughClaimsWithNoMapping false drops unmapped claims; mapUnknownClaimsAsIs keeps bare names', () => {
    const off = mapped({ passthroughClaimsWithNoMapping: false });
    expect(off[`${AUTH0}nickname`]).toBeUndefined();
    expect(off[`${CLAIMS}emailaddress`]).toBeDefined();
    const asIs = mapped({ mapUnknownClaimsAsIs: true });
    expect(asIs.nickname).toEqual(['ada']);
    expect(asIs[`${AUTH0}nickname`]).toBeUndefined();
  });

  test('mapIdentities false and createUpnClaim false remove those attributes', () => {
    const attrs = mapped({ mapIdentities: false, createUpnClaim: false });
    expect(Object.keys(attrs).filter((k) => k.includes('identities'))).toEqual([]);
    expect(attrs[`${CLAIMS}upn`]).toBeUndefined();
  });

  test('Action values as node-saml writes them: undefined elements skipped, null elements kept, typed text from the sandbox kept', () => {
    const out = applyActionAttributes([], {
      roles: ['a', undefined, null, 'b'],
      onlyUndefined: [undefined],
      gone: undefined,
      obj: { $saml: 'xs:anyType', text: '[object Object]' },
    });
    expect(out).toEqual([
      { name: 'roles', values: ['a', null, 'b'] },
      { name: 'obj', values: [{ $saml: 'xs:anyType', text: '[object Object]' }] },
    ]);
  });

  test('Action attributes are added verbatim: arrays multi-valued, null and [] remove, later wins', () => {
    const base = [
      { name: `${CLAIMS}name`, values: ['Ada'] },
      { name: 'keep', values: ['k'] },
    ];
    const out = applyActionAttributes(base, { roles: ['admin', 'supervisor'], [`${CLAIMS}name`]: null, email: 'a@b.c', team: [], keep: 'override' });
    expect(out).toEqual([
      { name: 'keep', values: ['override'] },
      { name: 'roles', values: ['admin', 'supervisor'] },
      { name: 'email', values: ['a@b.c'] },
    ]);
  });

  test('profile values as node-saml writes them: undefined elements skipped, null kept (text "null"), objects and NaN keep their string form', () => {
    expect(attributeValues(undefined)).toEqual([]);
    expect(attributeValues(null)).toEqual([]);
    expect(attributeValues(['a', undefined, null, 1])).toEqual(['a', null, 1]);
    expect(attributeValues(Number.NaN)).toEqual([{ $saml: 'xs:double', text: 'NaN' }]);
    expect(attributeValues({ a: 1 })).toEqual([{ $saml: 'xs:anyType', text: '[object Object]' }]);
    expect(attributeValues([['a', 'b']])).toEqual([{ $saml: 'xs:anyType', text: 'a,b' }]);
    // A profile object shaped like the sandbox's typed text is still just an object.
    expect(attributeValues({ $saml: 'xs:double', text: '1' })).toEqual([{ $saml: 'xs:anyType', text: '[object Object]' }]);
  });
});

describe('NameID probes', () => {
  test('the first probe with a value wins', () => {
    const attrs = [
      { name: `${CLAIMS}emailaddress`, values: ['e@x'] },
      { name: `${CLAIMS}name`, values: ['N'] },
    ];
    expect(probeNameIdentifier(attrs, [...DEFAULT_NAME_IDENTIFIER_PROBES])).toEqual({ value: 'e@x' });
  });

  test('no probe attribute → Auth0 error text listing the probes', () => {
    const r = probeNameIdentifier([{ name: 'email', values: ['e@x'] }], ['urn:a', 'urn:b']);
    expect(r).toEqual({ code: 'nameid_not_found', message: 'No attribute was found to generate the nameIdentifier. We tried with: urn:a, urn:b' });
  });
});

describe('settings resolution', () => {
  const ctx = { tenantIssuer: 'urn:tenant', acsUrl: 'https://sp/acs', authnRequestIssuer: 'urn:sp' };
  test('defaults (docs customize-saml-assertions): issuer urn:<domain>, audience = AuthnRequest issuer, recipient/destination = ACS, rsa-sha1/sha1, 3600 s', () => {
    expect(resolveSamlSettings(undefined, undefined, ctx)).toMatchObject({
      issuer: 'urn:tenant',
      audience: 'urn:sp',
      recipient: 'https://sp/acs',
      destination: 'https://sp/acs',
      signatureAlgorithm: 'rsa-sha1',
      digestAlgorithm: 'sha1',
      lifetimeInSeconds: 3600,
      signResponse: false,
      typedAttributes: true,
      includeAttributeNameFormat: true,
    });
  });

  test('IdP-initiated with no addon audience: no audience at all (node-saml writes no AudienceRestriction), not the callback', () => {
    const s = resolveSamlSettings({}, {}, { tenantIssuer: 'urn:tenant', acsUrl: 'https://sp/acs' });
    expect(s.audience).toBeUndefined();
    expect(s.destination).toBe('https://sp/acs');
  });

  test('Action overrides win over the addon; invalid lifetimes fall back to the default', () => {
    const s = resolveSamlSettings(
      { audience: 'urn:addon', signResponse: false, lifetimeInSeconds: -5 },
      { audience: 'urn:action', signResponse: true, signatureAlgorithm: 'rsa-sha1' },
      ctx,
    );
    expect(s).toMatchObject({ audience: 'urn:action', signResponse: true, signatureAlgorithm: 'rsa-sha1', lifetimeInSeconds: 3600 });
  });
});
