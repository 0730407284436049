import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpsEmulator, type HttpsEmulator } from '../auth0/emulator.ts';

// Integration: the real CLI (child process) → real auth0 SDK + /pem + IdP metadata → emulator over HTTPS.
const JQ = `JQ${'0123456789abcdef'.repeat(2)}`;
const ACS = `https://login.flex.us1.twilio.com/login/callback?connection=${JQ}`;
const PATTERN_A = readFileSync(fileURLToPath(new URL('../../../scenarios/actions/pattern-a.js', import.meta.url)), 'utf8');
let emu: HttpsEmulator;

interface DoctorJson {
  findings: { id: string; severity: string; what: string; fix?: string }[];
}
const problems = (json: DoctorJson) => json.findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => `${f.id}:${f.severity}`);

function configureCorrectly(): void {
  const { tenant, defaultClientId } = emu.idp;
  tenant.updateApplication(defaultClientId, {
    callbacks: [ACS],
    addons: {
      samlp: {
        audience: `urn:flex:${JQ}`,
        binding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST',
        signResponse: true,
        signatureAlgorithm: 'rsa-sha256',
        digestAlgorithm: 'sha256',
      },
    },
  });
  const action = tenant.createAction({ name: 'Add Flex Roles to SAML', code: PATTERN_A });
  tenant.deployAction(action.id);
  tenant.setBindings('post-login', [{ ref: { type: 'action_id', value: action.id } }]);
}

beforeAll(async () => {
  emu = await startHttpsEmulator();
  const { tenant, defaultClientId, domain, issuer } = emu.idp;
  emu.writeFile('flex-console.pem', tenant.state.signing.certPem);
  emu.writeFile(
    'flex-sso.config.yaml',
    [
      'mode: staging',
      'flex:',
      '  profile: enhanced',
      `  connectionId: ${JQ}`,
      `  idpIssuer: "${issuer}"`,
      '  certificateFile: flex-console.pem',
      `  ssoUrl: "https://${domain}/samlp/${defaultClientId}?connection=Username-Password-Authentication"`,
      '',
    ].join('\n'),
  );
}, 60_000);
afterAll(async () => {
  await emu?.close();
});

describe('flex-sso doctor (emulator over HTTPS, real SDK)', () => {
  it('reports every misconfiguration of a fresh app with its fix, exit 1', async () => {
    const result = await emu.cli(['doctor', '--json']);
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout) as DoctorJson;
    expect(problems(json)).toEqual(['signResponse:error', 'algorithm:warning', 'audience:error', 'callback:error', 'action:error']);
    expect(json.findings.find((f) => f.id === 'algorithm')?.what).toContain("SHA-1, Auth0's default");
    expect(json.findings.find((f) => f.id === 'audience')?.fix).toContain(`"audience": "urn:flex:${JQ}"`);
    expect(json.findings.find((f) => f.id === 'action')?.fix).toContain('flex-sso deploy-action');
    expect(`${result.stdout}${result.stderr}`).not.toContain(emu.secret);
  }, 60_000);

  it('passes a correctly configured app: addon, Action, certificate and Flex console values', async () => {
    configureCorrectly();
    const result = await emu.cli(['doctor']);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(/ERROR|WARNING/);
    for (const id of [
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
    ]) {
      expect(result.stdout).toMatch(new RegExp(`^  ok +${id} `, 'm'));
    }
    expect(result.stdout).toContain('15 ok, 0 error(s), 0 warning(s), 2 note(s).');
  }, 60_000);

  it('warns 10 days before the signing certificate expires (frozen clock)', async () => {
    const expiry = new Date(new X509Certificate(emu.idp.tenant.state.signing.certPem).validTo);
    const now = new Date(expiry.getTime() - 10 * 86_400_000).toISOString();
    const result = await emu.cli(['doctor', '--json', '--now', now]);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as DoctorJson;
    expect(problems(json)).toEqual(['certificate:warning']);
    expect(json.findings.find((f) => f.id === 'certificate')?.what).toMatch(/expires in (9|10) day\(s\)/);
  }, 60_000);

  it('needs AUTH0_SAML_CLIENT_ID (exit 2)', async () => {
    const result = await emu.cli(['doctor'], { AUTH0_SAML_CLIENT_ID: '' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('AUTH0_SAML_CLIENT_ID');
  }, 60_000);
});
