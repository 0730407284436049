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

  test('Action attributes are added verbatim: arrays multi-valued, null and [] remove, later wins', () => {
    const base = [{ name: `${CLAIMS}name`, values: ['Ada'] }, { name: 'keep', values: ['k'] }];
    const out = applyActionAttributes(base, { roles: ['admin', 'supervisor'], [`${CLAIMS}name`]: null, email: 'a@b.c', team: [], keep: 'override' });
    expect(out).toEqual([{ name: 'keep', values: ['override'] }, { name: 'roles', values: ['admin', 'supervisor'] }, { name: 'email', values: ['a@b.c'] }]);
  });

  test('attributeValues ignores unusable values', () => {
    expect(attributeValues(undefined)).toEqual([]);
    expect(attributeValues(Number.NaN)).toEqual([]);
    expect(attributeValues(['a', null, 1])).toEqual(['a', 1]);
  });
});

describe('NameID probes', () => {
  test('the first probe with a value wins', () => {
    const attrs = [{ name: `${CLAIMS}emailaddress`, values: ['e@x'] }, { name: `${CLAIMS}name`, values: ['N'] }];
    expect(probeNameIdentifier(attrs, [...DEFAULT_NAME_IDENTIFIER_PROBES])).toEqual({ value: 'e@x' });
  });

  test('no probe attribute → Auth0 error text listing the probes', () => {
    const r = probeNameIdentifier([{ name: 'email', values: ['e@x'] }], ['urn:a', 'urn:b']);
    expect(r).toEqual({ code: 'nameid_not_found', message: 'No attribute was found to generate the nameIdentifier. We tried with: urn:a, urn:b' });
  });
});

describe('settings resolution', () => {
  const ctx = { tenantIssuer: 'urn:tenant', acsUrl: 'https://sp/acs', authnRequestIssuer: 'urn:sp' };
  test('defaults: issuer urn:<domain>, audience = AuthnRequest issuer, recipient/destination = ACS, sha256, 3600 s', () => {
    expect(resolveSamlSettings(undefined, undefined, ctx)).toMatchObject({
      issuer: 'urn:tenant', audience: 'urn:sp', recipient: 'https://sp/acs', destination: 'https://sp/acs',
      signatureAlgorithm: 'rsa-sha256', digestAlgorithm: 'sha256', lifetimeInSeconds: 3600, signResponse: false,
      typedAttributes: true, includeAttributeNameFormat: true,
    });
  });

  test('Action overrides win over the addon; invalid lifetimes fall back to the default', () => {
    const s = resolveSamlSettings({ audience: 'urn:addon', signResponse: false, lifetimeInSeconds: -5 }, { audience: 'urn:action', signResponse: true, signatureAlgorithm: 'rsa-sha1' }, ctx);
    expect(s).toMatchObject({ audience: 'urn:action', signResponse: true, signatureAlgorithm: 'rsa-sha1', lifetimeInSeconds: 3600 });
  });
});
