// Issue 18: doctor against the emulator over HTTPS, like a tenant (real CLI, real auth0 SDK): the
// current certificate's days to expiry, a pending next signing key (GET /api/v2/keys/signing), an
// Action that encrypts the assertion (an error: Flex treats an encrypted response as invalid), and a
// Legacy SSO config (past Twilio's migration deadline: a warning with the steps).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpsEmulator, type HttpsEmulator } from '../auth0/emulator.ts';

const JQ = `JQ${'0123456789abcdef'.repeat(2)}`;
const ACS = `https://login.flex.us1.twilio.com/login/callback?connection=${JQ}`;
const PATTERN_B = readFileSync(fileURLToPath(new URL('../../../scenarios/actions/pattern-b.js', import.meta.url)), 'utf8');
let emu: HttpsEmulator;

interface Finding {
  id: string;
  severity: string;
  what: string;
  why?: string;
  fix?: string;
}
const run = async (args: string[] = []) => {
  const result = await emu.cli(['doctor', '--json', ...args]);
  return { code: result.code, findings: (JSON.parse(result.stdout) as { findings: Finding[] }).findings };
};

function bind(code: string): void {
  const { tenant } = emu.idp;
  const action = tenant.createAction({ name: `Flex ${Math.random().toString(36).slice(2, 8)}`, code });
  tenant.deployAction(action.id);
  tenant.setBindings('post-login', [{ ref: { type: 'action_id', value: action.id }, display_name: 'Flex attributes' }]);
}

beforeAll(async () => {
  emu = await startHttpsEmulator();
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
  emu.writeFile('flex-sso.config.yaml', ['mode: staging', 'flex:', '  profile: enhanced', `  connectionId: ${JQ}`, ''].join('\n'));
}, 60_000);
afterAll(async () => {
  await emu?.close();
});

describe('doctor: signing keys and encryption (emulator over HTTPS)', () => {
  it("reports the current certificate's days to expiry and the pending next key with its fingerprint and the Flex console field", async () => {
    bind(PATTERN_B);
    const { code, findings } = await run();
    expect(code).toBe(0);
    const [current, next] = emu.idp.tenant.listSigningKeys();
    const currentFinding = findings.find((f) => f.id === 'signing-key-current');
    expect(currentFinding?.what).toContain(`SHA-1 ${current?.fingerprint}`);
    expect(currentFinding?.what).toMatch(/\(365[0-3] days\)/);
    const nextFinding = findings.find((f) => f.id === 'signing-key-next');
    expect(nextFinding).toMatchObject({ severity: 'info' });
    expect(nextFinding?.what).toContain(`next signing key ${next?.kid} (SHA-1 ${next?.fingerprint}) is pending`);
    expect(nextFinding?.fix).toContain('Twilio Console → Flex → Manage → Single sign-on (SSO) → X.509 certificate');
    expect(findings.find((f) => f.id === 'encryption')).toMatchObject({ severity: 'ok' });
  }, 60_000);

  it('after POST /api/v2/keys/signing/rotate the new next key is the one reported', async () => {
    emu.idp.tenant.rotateSigningKey();
    const { findings } = await run();
    expect(findings.find((f) => f.id === 'signing-key-next')?.what).toContain(emu.idp.tenant.listSigningKeys()[1]?.fingerprint);
  }, 60_000);

  it('errors on a bound Action that calls api.samlResponse.setEncryptionCert, exit 1', async () => {
    bind(
      PATTERN_B.replace(
        "api.samlResponse.setAttribute('email', user.email);",
        "api.samlResponse.setAttribute('email', user.email);\n  api.samlResponse.setEncryptionCert(event.secrets.FLEX_CERT);",
      ),
    );
    const { code, findings } = await run();
    expect(code).toBe(1);
    const encryption = findings.find((f) => f.id === 'encryption');
    expect(encryption).toMatchObject({ severity: 'error' });
    expect(encryption?.what).toContain('api.samlResponse.setEncryptionCert');
    expect(encryption?.why).toContain('encrypted response as invalid');
  }, 60_000);

  it("warns on a Legacy SSO config that it is past Twilio's migration deadline, with the steps", async () => {
    const AC = `AC${'0123456789abcdef'.repeat(2)}`;
    const config = emu.writeFile('legacy.yaml', ['mode: staging', 'flex:', '  profile: legacy', `  accountSid: ${AC}`, ''].join('\n'));
    const { findings } = await run(['--config', config]);
    const legacy = findings.find((f) => f.id === 'legacy-sso');
    expect(legacy).toMatchObject({ severity: 'warning' });
    expect(legacy?.what).toContain("past Twilio's migration deadline (2026-03-31)");
    expect(legacy?.fix).toContain('Start setup');
  }, 60_000);
});
