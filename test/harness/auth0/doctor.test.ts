import { beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKey } from '../../../fake-idp/tenant/signing-key.ts';
import { buildIdpMetadataXml } from '../../../fake-idp/saml/metadata.ts';
import { doctorFindings, setsAttribute, type DoctorConfig, type DoctorFinding } from '../../../harness/auth0/doctor.ts';
import { parseIdpMetadata, type DoctorInputs } from '../../../harness/auth0/doctor-inputs.ts';
import { HTTP_POST_BINDING } from '../../../harness/auth0/flex-target.ts';
import type { BindingInfo } from '../../../harness/auth0/types.ts';

const DOMAIN = 'tenant.example.auth0.com';
const CLIENT = 'abcdefghijklmnopqrstuvwxyz012345';
const JQ = `JQ${'a'.repeat(32)}`;
const AC = `AC${'b'.repeat(32)}`;
const ISSUED = new Date('2026-01-01T00:00:00Z');
const NOW = new Date('2026-06-01T00:00:00Z'); // the certificate is valid 2026-01-01 … 2036-01-01
const GOOD_ACTION =
  "exports.onExecutePostLogin = async (event, api) => { api.samlResponse.setAttribute('email', event.user.email); api.samlResponse.setAttribute(\"full_name\", 'x'); api.samlResponse.setAttribute(`roles`, 'agent'); };";

let certPem = '';
let otherCertPem = '';

beforeAll(() => {
  certPem = generateSigningKey(DOMAIN, ISSUED).certPem;
  otherCertPem = generateSigningKey(DOMAIN, ISSUED).certPem;
});

function binding(name: string, code: string, deployed = true): BindingInfo {
  return {
    displayName: name,
    action: { id: `id-${name}`, name, code, errors: [], ...(deployed ? { deployedVersion: { id: `v-${name}`, code, status: 'built' } } : {}) },
  };
}

function goodInputs(): DoctorInputs {
  const ssoUrl = `https://${DOMAIN}/samlp/${CLIENT}`;
  return {
    domain: DOMAIN,
    clientId: CLIENT,
    client: {
      client_id: CLIENT,
      name: 'Twilio Flex',
      callbacks: [`https://login.flex.us1.twilio.com/login/callback?connection=${JQ}`],
      samlp: { audience: `urn:flex:${JQ}`, binding: HTTP_POST_BINDING, signResponse: true, signatureAlgorithm: 'rsa-sha256', digestAlgorithm: 'sha256' },
    },
    bindings: [binding('other', 'exports.onExecutePostLogin = async () => {};'), binding('flex', GOOD_ACTION)],
    signingCertPem: { ok: true, value: certPem },
    metadata: { ok: true, value: parseIdpMetadata(buildIdpMetadataXml({ issuer: `urn:${DOMAIN}`, certPem, ssoUrl, sloUrl: `${ssoUrl}/logout` })) },
  };
}

function goodConfig(): DoctorConfig {
  return {
    connection: 'Username-Password-Authentication',
    flex: {
      profile: 'enhanced',
      connectionId: JQ,
      idpIssuer: `urn:${DOMAIN}`,
      ssoUrl: `https://${DOMAIN}/samlp/${CLIENT}?connection=Username-Password-Authentication`,
    },
    flexCertificatePem: certPem,
  };
}

const problems = (findings: DoctorFinding[]) => findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => `${f.id}:${f.severity}`);

describe('doctorFindings', () => {
  it('finds no error or warning on a correctly configured Enhanced app', () => {
    const findings = doctorFindings(goodInputs(), goodConfig(), NOW);
    expect(problems(findings)).toEqual([]);
    expect(findings.filter((f) => f.severity === 'ok').map((f) => f.id)).toEqual([
      'addon',
      'binding',
      'signResponse',
      'algorithm',
      'audience',
      'callback',
      'action',
      'certificate',
      'flex-issuer',
      'flex-certificate',
      'flex-sso-url',
      'encryption',
    ]);
    expect(findings.at(-1)).toMatchObject({ id: 'automation', severity: 'info' });
  });

  it("accepts a correct Legacy app, and warns that Legacy SSO is a migration past Twilio's deadline (migration guide), with the steps", () => {
    const inputs = goodInputs();
    const base = `https://iam.twilio.com/v1/Accounts/${AC}/saml2`;
    inputs.client = { ...inputs.client, callbacks: [base], samlp: { ...inputs.client.samlp, audience: `${base}/metadata` } };
    const findings = doctorFindings(
      inputs,
      { ...goodConfig(), flex: { ...goodConfig().flex, profile: 'legacy', accountSid: AC } },
      new Date('2026-12-01T00:00:00Z'),
    );
    expect(problems(findings)).toEqual(['legacy-sso:warning']);
    const legacy = findings.find((f) => f.id === 'legacy-sso');
    expect(legacy?.what).toContain("is past Twilio's migration deadline (2026-03-31)");
    expect(legacy?.why).toContain('https://www.twilio.com/docs/flex/admin-guide/setup/sso-configuration/migration-guide');
    expect(legacy?.fix).toContain('1. In Twilio Console open Flex → Manage → Single sign-on');
    expect(legacy?.fix).toContain('5. Validate the connection in Flex');
    expect(doctorFindings(goodInputs(), goodConfig(), NOW).find((f) => f.id === 'legacy-sso')).toBeUndefined();
  });

  it('reports every addon misconfiguration with its fix', () => {
    const inputs = goodInputs();
    inputs.client = {
      ...inputs.client,
      callbacks: ['https://localhost:3000/callback'],
      samlp: {
        audience: 'urn:wrong',
        binding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect',
        signResponse: false,
        signatureAlgorithm: 'rsa-sha1',
        recipient: 'https://elsewhere/acs',
      },
    };
    const findings = doctorFindings(inputs, goodConfig(), NOW);
    expect(problems(findings)).toEqual(['binding:error', 'signResponse:error', 'algorithm:warning', 'audience:error', 'callback:error', 'recipient:error']);
    expect(findings.find((f) => f.id === 'audience')?.fix).toContain(`"audience": "urn:flex:${JQ}"`);
    expect(findings.find((f) => f.id === 'callback')?.fix).toContain(`https://login.flex.us1.twilio.com/login/callback?connection=${JQ}`);
  });

  it('reports the effective algorithm of an addon that sets none as a warning: "SHA-1, Auth0\'s default", with the exact JSON to add', () => {
    const inputs = goodInputs();
    const { signatureAlgorithm: _s, digestAlgorithm: _d, ...samlp } = inputs.client.samlp ?? {};
    inputs.client = { ...inputs.client, samlp };
    const findings = doctorFindings(inputs, goodConfig(), NOW);
    expect(problems(findings)).toEqual(['algorithm:warning']);
    const finding = findings.find((f) => f.id === 'algorithm');
    expect(finding?.what).toBe("signature rsa-sha1 (not set: Auth0's default), digest sha1 (not set: Auth0's default) — SHA-1, Auth0's default");
    expect(finding?.why).toContain('Flex accepts it');
    expect(finding?.fix).toContain('{"signatureAlgorithm":"rsa-sha256","digestAlgorithm":"sha256"}');
  });

  it("warns on custom addon mappings (they replace the defaults; the emulator's verdict on them is less reliable); none for an empty object", () => {
    const inputs = goodInputs();
    inputs.client = {
      ...inputs.client,
      samlp: {
        ...inputs.client.samlp,
        mappings: { email: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress', 'app_metadata.team': ['team', 'team_name'] },
      },
    };
    const findings = doctorFindings(inputs, goodConfig(), NOW);
    expect(problems(findings)).toEqual(['mappings:warning']);
    const finding = findings.find((f) => f.id === 'mappings');
    expect(finding?.what).toContain('(2: email, app_metadata.team)');
    expect(finding?.why).toContain('less reliable');
    expect(finding?.fix).toContain('api.samlResponse.setAttribute');
    inputs.client = { ...inputs.client, samlp: { ...inputs.client.samlp, mappings: {} } };
    expect(problems(doctorFindings(inputs, goodConfig(), NOW))).toEqual([]);
  });

  it('explains that an addon without audience gets no AudienceRestriction on IdP-initiated logins', () => {
    const inputs = goodInputs();
    const { audience: _a, ...samlp } = inputs.client.samlp ?? {};
    inputs.client = { ...inputs.client, samlp };
    const finding = doctorFindings(inputs, goodConfig(), NOW).find((f) => f.id === 'audience');
    expect(finding).toMatchObject({ severity: 'error' });
    expect(finding?.why).toContain('no AudienceRestriction');
  });

  it('reports a missing SAML addon', () => {
    const inputs = goodInputs();
    const { samlp: _gone, ...client } = inputs.client;
    inputs.client = client;
    expect(problems(doctorFindings(inputs, goodConfig(), NOW))).toEqual(['addon:error']);
  });

  it('warns when the Flex ACS is not the first callback', () => {
    const inputs = goodInputs();
    inputs.client = { ...inputs.client, callbacks: ['http://localhost:1/acs', ...inputs.client.callbacks] };
    expect(problems(doctorFindings(inputs, goodConfig(), NOW))).toEqual(['callback:warning']);
  });

  it('errors when no Action is bound, or the bound ones do not set the required attributes', () => {
    expect(problems(doctorFindings({ ...goodInputs(), bindings: [] }, goodConfig(), NOW))).toEqual(['action:error']);
    const partial = binding('partial', "api.samlResponse.setAttribute('email', e); api.samlResponse.setAttribute('team', t);");
    const findings = doctorFindings({ ...goodInputs(), bindings: [partial] }, goodConfig(), NOW);
    expect(findings.find((f) => f.id === 'action')?.what).toBe('no deployed, bound Action sets full_name, roles');
  });

  it('errors on a bound Action that was never deployed, warns on undeployed changes', () => {
    expect(problems(doctorFindings({ ...goodInputs(), bindings: [binding('flex', GOOD_ACTION, false)] }, goodConfig(), NOW))).toEqual([
      'action-deployed:error',
      'action:error',
    ]);
    const drafted = binding('flex', GOOD_ACTION);
    drafted.action.code = `${GOOD_ACTION}\n// edited`;
    expect(problems(doctorFindings({ ...goodInputs(), bindings: [drafted] }, goodConfig(), NOW))).toEqual(['action-draft:warning']);
  });

  it('warns under 30 days before the certificate expires, errors after', () => {
    expect(problems(doctorFindings(goodInputs(), goodConfig(), new Date('2035-12-20T00:00:00Z')))).toEqual(['certificate:warning']);
    expect(problems(doctorFindings(goodInputs(), goodConfig(), new Date('2036-02-01T00:00:00Z')))).toEqual(['certificate:error']);
    expect(problems(doctorFindings(goodInputs(), goodConfig(), new Date('2025-12-01T00:00:00Z')))).toEqual(['certificate:error']);
  });

  it('errors when the certificate cannot be fetched or parsed', () => {
    expect(problems(doctorFindings({ ...goodInputs(), signingCertPem: { ok: false, error: 'HTTP 404' } }, goodConfig(), NOW))).toEqual(['certificate:error']);
    expect(problems(doctorFindings({ ...goodInputs(), signingCertPem: { ok: true, value: 'not a cert' } }, goodConfig(), NOW))).toEqual(['certificate:error']);
  });

  it('compares the Flex console values with the IdP metadata', () => {
    const config = goodConfig();
    const findings = doctorFindings(
      goodInputs(),
      {
        ...config,
        flexCertificatePem: otherCertPem,
        flex: { ...config.flex, profile: 'enhanced', idpIssuer: 'urn:old-tenant.auth0.com', ssoUrl: `https://other.auth0.com/samlp/${CLIENT}?connection=x` },
      },
      NOW,
    );
    expect(problems(findings)).toEqual(['flex-issuer:error', 'flex-certificate:error', 'flex-sso-url:error']);
    const noConnection = doctorFindings(
      goodInputs(),
      { ...config, flex: { ...config.flex, profile: 'enhanced', ssoUrl: `https://${DOMAIN}/samlp/${CLIENT}` } },
      NOW,
    );
    expect(problems(noConnection)).toEqual(['flex-sso-url:warning']);
  });

  it('notes what it could not compare when the config lacks the Flex values', () => {
    const findings = doctorFindings(goodInputs(), { connection: 'Username-Password-Authentication' }, NOW);
    expect(problems(findings)).toEqual(['audience:warning']);
    expect(findings.filter((f) => f.severity === 'info').map((f) => f.id)).toEqual(['flex-issuer', 'flex-certificate', 'flex-sso-url', 'automation']);
  });

  it('errors when the metadata cannot be read', () => {
    expect(problems(doctorFindings({ ...goodInputs(), metadata: { ok: false, error: 'HTTP 404' } }, goodConfig(), NOW))).toEqual(['metadata:error']);
  });
});

describe('setsAttribute', () => {
  it('matches setAttribute calls with any quote, not other names', () => {
    expect(setsAttribute(GOOD_ACTION, 'roles')).toBe(true);
    expect(setsAttribute("api.samlResponse.setAttribute( 'full_name', n)", 'full_name')).toBe(true);
    expect(setsAttribute("api.samlResponse.setAttribute('roles_x', r)", 'roles')).toBe(false);
    expect(setsAttribute("api.samlResponse.setAttribute('http://schemas/roles', r)", 'roles')).toBe(false);
  });
});

describe('parseIdpMetadata', () => {
  it('reads issuer, certificate and SSO URLs, and refuses a DOCTYPE', () => {
    const xml = buildIdpMetadataXml({ issuer: 'urn:t', certPem, ssoUrl: 'https://t/samlp/c', sloUrl: 'https://t/samlp/c/logout' });
    expect(parseIdpMetadata(xml)).toMatchObject({ issuer: 'urn:t', ssoUrls: ['https://t/samlp/c'] });
    expect(() => parseIdpMetadata(`<!DOCTYPE x [<!ENTITY e "x">]>${xml}`)).toThrow(/DOCTYPE/);
  });
});

describe('doctorFindings: the placeholders `flex-sso init` writes', () => {
  it.each([
    ['enhanced', { profile: 'enhanced' as const, connectionId: `JQ${'0'.repeat(32)}` }, 'flex.connectionId'],
    ['legacy', { profile: 'legacy' as const, accountSid: `AC${'0'.repeat(32)}` }, 'flex.accountSid'],
  ])('%s: warns about the all-zero value and never advises setting the addon to it', (_label, flex, field) => {
    const config = { ...goodConfig(), flex: { ...goodConfig().flex, ...flex } } as DoctorConfig;
    const findings = doctorFindings(goodInputs(), config, NOW);
    const audience = findings.find((f) => f.id === 'audience');
    expect(audience).toMatchObject({ severity: 'warning' });
    expect(audience?.what).toContain(`${field} is still the placeholder`);
    expect(JSON.stringify(findings.filter((f) => f.severity !== 'ok').map((f) => f.fix))).not.toMatch(/(JQ|AC)0{32}"|set "audience": "urn:flex:JQ0{32}/);
    expect(findings.some((f) => f.id === 'callback')).toBe(false);
  });

  it('a real connection id is checked as before', () => {
    expect(doctorFindings(goodInputs(), goodConfig(), NOW).find((f) => f.id === 'audience')).toMatchObject({ severity: 'ok' });
  });
});
