// Golden tests: for every real Auth0 login response in the corpus, configure the emulator as the
// capture's provenance describes, build the response for an equivalent user with the emulator's own
// builder, normalise both (harness/fidelity) and compare them element by element and attribute by
// attribute. Any structural difference fails with a readable diff, except the ones declared below,
// each with the reason the emulator does not (and should not) reproduce it.
//
// Which capture is authoritative: auth0-svc-tester-2020 (a hosted tenant in 2020, today's template:
// NameFormat, typed values, Signature after Issuer, SessionIndex). auth0-scaleft-gosaml2 (2016) and
// the auth0-samlp-lib-wsfed library fixtures (2014/2016) predate it: where they differ from it, the
// emulator follows svc-tester-2020 and node-samlp's current templates, and the older shape is
// declared here as such.
import { describe, expect, test } from 'vitest';
import { compareSamlXml, formatDifferences, type FidelityDifference } from '../../../harness/fidelity/index.ts';
import { buildLoginResponse } from '../../../fake-idp/saml/login-response.ts';
import type { SamlpAddon, User } from '../../../fake-idp/tenant/types.ts';
import { readVerified, xmlOf } from '../../fake-sp/corpus/corpus-files.ts';
import { testKey, testUser } from './fixtures.ts';

const CLAIMS = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/';
const AUTH0 = 'http://schemas.auth0.com/';

interface Declared {
  path: string;
  kind: FidelityDifference['kind'];
  attribute?: string;
  why: string;
}

interface GoldenCase {
  capture: string;
  what: string;
  tenantIssuer: string;
  acsUrl: string;
  clientId: string;
  inResponseTo?: string;
  authnRequestIssuer?: string;
  addon: SamlpAddon;
  user: User;
  /** The capture's Assertion IssueInstant: the emulator's clock. */
  now: string;
  declared: Declared[];
}

const TEMPLATE_2016 = 'older Auth0/samlp template (predates auth0-svc-tester-2020, the authoritative current shape)';
const LIBRARY_TEST = 'node-samlp library test fixture: options a hosted tenant always sets were left out';

function user(fields: Partial<User>): User {
  return testUser({ app_metadata: {}, user_metadata: {}, ...fields });
}

const CASES: GoldenCase[] = [
  {
    capture: 'real/auth0-svc-tester-2020/samlresponse.b64',
    what: 'hosted tenant svc.auth0.com, 2020, addon { audience, mappings: { email } } (its PROVENANCE and source README), algorithms unset',
    tenantIssuer: 'urn:svc.auth0.com',
    acsUrl: 'https://manage.auth0.com/tester/samlp',
    clientId: '0x3e4zVFCnvHwF7UGT2GZYUHgA0Y6tJo',
    addon: {
      audience: 'urn:amazon:cognito:sp:us-east-1_QUSNXWsxL',
      mappings: { email: `${CLAIMS}emailaddress` },
      // The capture's NameID is persistent although the published addon config does not set it.
      nameIdentifierFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
    },
    user: user({
      user_id: 'auth0|5f329b4f73edc1003d5f5d73',
      email: 'user01@example.com',
      name: 'user01@example.com',
      nickname: 'user01',
      given_name: undefined,
      family_name: undefined,
      created_at: '2020-08-11T13:21:19.000Z',
      identities: [{ user_id: '5f329b4f73edc1003d5f5d73', provider: 'auth0', connection: 'Username-Password-Authentication', isSocial: false }],
    }),
    now: '2020-08-12T17:56:57.600Z',
    declared: [
      {
        path: `/Response/Assertion/AttributeStatement/Attribute[@Name="${AUTH0}identifier"]`,
        kind: 'element-missing',
        why: 'an extra copy of user_id after the profile claims; no Auth0 source explains it (probably tied to the persistent NameID of the dashboard tester) — not modelled, listed in docs/emulator-fidelity.md',
      },
    ],
  },
  {
    capture: 'real/auth0-scaleft-gosaml2/auth0_response.xml',
    what: 'hosted tenant scaleft-test.auth0.com, 2016, Google login, signResponse, SP-initiated (gosaml2 provider test)',
    tenantIssuer: 'urn:scaleft-test.auth0.com',
    acsUrl: 'http://localhost:8080/v1/_saml_callback',
    clientId: 'rlXOZ4kOUTQaTV8icSXrfZUd1qtD1NhK',
    inResponseTo: '_e3ce5e05-4e53-44ff-9229-c649f2b859a0',
    // gosaml2's AudienceURI: the SP's entity ID, which Auth0 takes from the AuthnRequest Issuer.
    authnRequestIssuer: 'urn:scaleft-test.auth0.com',
    // 2016 Auth0 wrote every value xs:anyType and no NameFormat: today that is typedAttributes/includeAttributeNameFormat false.
    addon: { signResponse: true, typedAttributes: false, includeAttributeNameFormat: false },
    user: user({
      user_id: 'google-oauth2|117637692321743777825',
      email: 'russell.haering@scaleft.com',
      name: 'Russell Haering',
      given_name: 'Russell',
      family_name: 'Haering',
      nickname: 'russell.haering',
      created_at: '2016-07-25T17:51:26.000Z',
      identities: [{ user_id: '117637692321743777825', provider: 'google-oauth2', connection: 'google-oauth2', isSocial: true }],
    }),
    now: '2016-07-25T18:29:17.523Z',
    declared: [
      { path: '/Response', kind: 'attribute-value', attribute: 'IssueInstant', why: `${TEMPLATE_2016}: the Response IssueInstant had whole seconds` },
      {
        path: '/Response',
        kind: 'element-order',
        why: `${TEMPLATE_2016}: the Response Signature was the last child; current node-samlp puts it after Issuer (its test "should have signature after issuer")`,
      },
      {
        path: '/Response/Assertion',
        kind: 'element-order',
        why: `${TEMPLATE_2016}: AttributeStatement came before AuthnStatement; node-saml's current template appends it after`,
      },
      { path: '/Response/Assertion/AttributeStatement', kind: 'element-order', why: `${TEMPLATE_2016}: profile claims were not in alphabetical order` },
      {
        path: `/Response/Assertion/AttributeStatement/Attribute[@Name="${AUTH0}identities"]`,
        kind: 'element-missing',
        why: `${TEMPLATE_2016}: identities passed through as "[object Object]"; svc-tester-2020 has none`,
      },
      {
        path: `/Response/Assertion/AttributeStatement/Attribute[@Name="${AUTH0}locale"]`,
        kind: 'element-missing',
        why: "a Google profile field; the emulator's users are database users without locale",
      },
      {
        path: `/Response/Assertion/AttributeStatement/Attribute[@Name="${AUTH0}identities/default/user_id"]`,
        kind: 'element-extra',
        why: `${TEMPLATE_2016}: no identities/default/user_id then; svc-tester-2020 has it`,
      },
    ],
  },
  {
    capture: 'real/auth0-samlp-lib-wsfed/samlp_response_inline.xml',
    what: 'Auth0 samlp library output (passport-wsfed-saml2 tests, 2014): Response signed RSA-SHA256, passport profile claims',
    tenantIssuer: 'urn:fixture-test',
    acsUrl: 'https://auth0-dev-ed.my.salesforce.com',
    clientId: 'client',
    inResponseTo:
      '_2N5GGp2nmITCFbcyGSKjaQ3ai6Kx9cAwDhBGX1gAJyvCrlJvoEQdjEgTsfajgM9m7j.w.I9Fz1ddVjZ9lKZChcsptp9kxkCuqcwbeNe.lJyVQpB8iSa4awFYsj9A5r7REb5JpHH72B6feguHFFPE8Mak3u4hSEKl9_8moiXLdA57WVhzwa8XYxn4mDshSp3Xb0PEZKODHMtxlVXaycGYuMgC20GpfCA',
    addon: {
      audience: 'https://auth0-dev-ed.my.salesforce.com',
      signResponse: true,
      signatureAlgorithm: 'rsa-sha256',
      digestAlgorithm: 'sha256',
      typedAttributes: false,
      includeAttributeNameFormat: false,
      createUpnClaim: false,
      passthroughClaimsWithNoMapping: false,
      mapIdentities: false,
      // node-samlp's PassportProfileMapper claims.
      mappings: {
        user_id: `${CLAIMS}nameidentifier`,
        email: `${CLAIMS}emailaddress`,
        name: `${CLAIMS}name`,
        given_name: `${CLAIMS}givenname`,
        family_name: `${CLAIMS}surname`,
      },
    },
    user: user({ user_id: '12345678', email: 'jfoo@gmail.com', name: 'John Foo', given_name: 'John', family_name: 'Foo' }),
    now: '2014-02-25T15:20:20.535Z',
    declared: [
      { path: '/Response', kind: 'attribute-value', attribute: 'IssueInstant', why: `${TEMPLATE_2016}: whole seconds` },
      { path: '/Response', kind: 'element-order', why: `${TEMPLATE_2016}: Signature last` },
      { path: '/Response/Assertion', kind: 'element-order', why: `${TEMPLATE_2016}: AttributeStatement before AuthnStatement` },
      {
        path: '/Response/Assertion/Subject/SubjectConfirmation/SubjectConfirmationData',
        kind: 'attribute-extra',
        attribute: 'Recipient',
        why: `${LIBRARY_TEST} (no recipient); a hosted tenant always writes one (svc-tester-2020, scaleft)`,
      },
      {
        path: '/Response/Assertion/AuthnStatement',
        kind: 'attribute-extra',
        attribute: 'SessionIndex',
        why: `${LIBRARY_TEST} (no sessionIndex); a hosted tenant always writes one`,
      },
    ],
  },
  {
    capture: 'real/auth0-samlp-lib-wsfed/samlresponse_signedassertion_dsprefix.txt',
    what: 'Auth0 samlp library output (2016): Assertion signed with a ds: prefix (a library option; hosted tenants use none), RSA-SHA256',
    tenantIssuer: 'urn:fixture-test',
    acsUrl: 'https://auth0-dev-ed.my.salesforce.com',
    clientId: 'client',
    inResponseTo:
      '_2N5GGp2nmITCFbcyGSKjaQ3ai6Kx9cAwDhBGX1gAJyvCrlJvoEQdjEgTsfajgM9m7j.w.I9Fz1ddVjZ9lKZChcsptp9kxkCuqcwbeNe.lJyVQpB8iSa4awFYsj9A5r7REb5JpHH72B6feguHFFPE8Mak3u4hSEKl9_8moiXLdA57WVhzwa8XYxn4mDshSp3Xb0PEZKODHMtxlVXaycGYuMgC20GpfCA',
    addon: {
      audience: 'https://auth0-dev-ed.my.salesforce.com',
      signatureAlgorithm: 'rsa-sha256',
      digestAlgorithm: 'sha256',
      typedAttributes: false,
      includeAttributeNameFormat: false,
      createUpnClaim: false,
      passthroughClaimsWithNoMapping: false,
      mapIdentities: false,
      mappings: {
        user_id: `${CLAIMS}nameidentifier`,
        email: `${CLAIMS}emailaddress`,
        name: `${CLAIMS}name`,
        given_name: `${CLAIMS}givenname`,
        family_name: `${CLAIMS}surname`,
      },
    },
    user: user({ user_id: '12345678', email: 'jfoo@gmail.com', name: 'John Foo', given_name: 'John', family_name: 'Foo' }),
    now: '2016-02-01T22:24:52.439Z',
    declared: [
      { path: '/Response', kind: 'attribute-value', attribute: 'IssueInstant', why: `${TEMPLATE_2016}: whole seconds` },
      { path: '/Response/Assertion', kind: 'element-order', why: `${TEMPLATE_2016}: AttributeStatement before AuthnStatement` },
      {
        path: '/Response/Assertion/Subject/SubjectConfirmation/SubjectConfirmationData',
        kind: 'attribute-extra',
        attribute: 'Recipient',
        why: `${LIBRARY_TEST} (no recipient)`,
      },
      { path: '/Response/Assertion/AuthnStatement', kind: 'attribute-extra', attribute: 'SessionIndex', why: `${LIBRARY_TEST} (no sessionIndex)` },
    ],
  },
];

const sameDifference = (d: FidelityDifference, k: Declared) => d.path === k.path && d.kind === k.kind && d.attribute === k.attribute;

async function emulatorXml(c: GoldenCase): Promise<string> {
  const r = await buildLoginResponse({
    user: c.user,
    client: { client_id: c.clientId, addons: { samlp: c.addon } },
    tenantIssuer: c.tenantIssuer,
    acsUrl: c.acsUrl,
    ...(c.inResponseTo === undefined ? {} : { inResponseTo: c.inResponseTo }),
    ...(c.authnRequestIssuer === undefined ? {} : { authnRequestIssuer: c.authnRequestIssuer }),
    action: { attributes: {}, overrides: {} },
    signingKey: testKey(),
    now: new Date(c.now),
  });
  if (!r.ok) throw new Error(`the emulator refused the login: ${r.message}`);
  return r.xml;
}

describe("golden: the emulator's response has the structure of each real Auth0 login capture", () => {
  test.each(CASES.map((c) => [c.capture, c] as const))('%s', async (_name, c) => {
    const result = compareSamlXml(xmlOf(readVerified(c.capture)), await emulatorXml(c));
    if (!result.ok) throw new Error(`${result.side}: ${result.error.code} ${result.error.detail}`);
    const unexpected = result.differences.filter((d) => !c.declared.some((k) => sameDifference(d, k)));
    const stale = c.declared.filter((k) => !result.differences.some((d) => sameDifference(d, k)));
    expect(formatDifferences(unexpected, { expected: 'capture', actual: 'emulator' }), `undeclared differences from ${c.what}`).toBe('');
    expect(
      stale.map((k) => `${k.kind} ${k.path}${k.attribute ? ` @${k.attribute}` : ''}`),
      'declared differences that no longer occur: remove them',
    ).toEqual([]);
  });

  test('the authoritative capture differs only where no Auth0 source explains it', () => {
    const authoritative = CASES.find((c) => c.capture.includes('svc-tester-2020'));
    expect(authoritative?.declared.map((d) => d.kind)).toEqual(['element-missing']);
  });
});
