// `flex-sso decode` end to end: the real CLI in a child process, real signatures, corpus samples.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.ts';
import { signedResponseBase64, TEST_TENANT, testKey } from '../../helpers/saml-signer.ts';

const corpus = (path: string) => fileURLToPath(new URL(`../../fixtures/corpus/${path}`, import.meta.url));
const AUTH0 = corpus('real/auth0-scaleft-gosaml2/auth0_response.xml');
const AUTH0_CERT = corpus('real/auth0-scaleft-gosaml2/auth0_cert.pem');
const AUTH0_OPTS = [
  '--cert',
  AUTH0_CERT,
  '--now',
  '2016-07-25T18:30:00Z',
  '--audience',
  'urn:scaleft-test.auth0.com',
  '--acs',
  'http://localhost:8080/v1/_saml_callback',
  '--issuer',
  'urn:scaleft-test.auth0.com',
];
const NOW = TEST_TENANT.now.toISOString();

let dir: string;
let cert: string;
let valid: string;
let tenantOpts: string[];
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'flex-sso-decode-'));
  cert = file('idp.pem', testKey('idp').cert);
  valid = signedResponseBase64({ attributes: { email: 'ana@example.com', full_name: 'Ana Agent', roles: 'agent,supervisor', team: 'RAMP', program: 'P1' } });
  tenantOpts = ['--cert', cert, '--now', NOW, '--audience', TEST_TENANT.audience, '--acs', TEST_TENANT.acsUrl, '--issuer', TEST_TENANT.issuer];
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('flex-sso decode', () => {
  it('exits 0 on a valid Auth0-shaped response and prints the checks, attributes and Flex view', async () => {
    const result = await runCli(['decode', file('valid.b64', valid), ...tenantOpts]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Verdict: VALID');
    expect(result.stdout).toMatch(/✓ signature/);
    expect(result.stdout).toContain('email: "ana@example.com"');
    expect(result.stdout).toMatch(/roles: +agent, supervisor/);
    expect(result.stdout).not.toContain('\u001b[');
  });

  it('verifies the real Auth0 corpus response and prints its attributes; exits 1 because Flex would answer 45050', async () => {
    const result = await runCli(['decode', AUTH0, ...AUTH0_OPTS]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/✓ signature +Response signed/);
    expect(result.stdout).toMatch(/✓ audience/);
    expect(result.stdout).toContain('http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress: "russell.haering@scaleft.com"');
    expect(result.stdout).toMatch(/✗ flex .*FLEX_MISSING_REQUIRED/);
  });

  it('exits 1 on a tampered Auth0 response, at the signature check', async () => {
    const tampered = readFileSync(AUTH0, 'utf8').replace('russell.haering@scaleft.com', 'attacker@evil.example');
    const result = await runCli(['decode', '-', ...AUTH0_OPTS], { input: tampered });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Verdict: INVALID — 1 failure: signature');
    expect(result.stdout).not.toContain('attacker@evil.example');
  });

  it('marks the audience check skipped, never passed, when --audience is omitted', async () => {
    const result = await runCli(['decode', file('skip.b64', valid), '--cert', cert, '--now', NOW]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/– audience +skipped: pass --audience to check/);
    expect(result.stdout).toMatch(/– destination +skipped: pass --acs to check/);
    expect(result.stdout).toMatch(/– issuer +skipped: pass --issuer to check/);
  });

  it('prints the documented JSON with --json', async () => {
    const result = await runCli(['decode', '--json', ...tenantOpts], { input: valid });
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(json).toMatchObject({
      valid: true,
      attributes: { roles: ['agent,supervisor'] },
      flex: { email: 'ana@example.com', roles: ['agent', 'supervisor'] },
    });
    expect(Array.isArray(json['warnings'])).toBe(true);
    const checks = json['checks'] as Record<string, unknown>[];
    expect(checks.map((c) => c['id'])).toContain('signature');
    for (const check of checks) expect(Object.keys(check).sort()).toEqual(['code', 'detail', 'expected', 'hint', 'id', 'ok', 'received', 'status']);
  });

  it('reads a URL-encoded form body', async () => {
    const body = `SAMLResponse=${encodeURIComponent(valid)}&RelayState=${encodeURIComponent('/agent-desktop')}`;
    const result = await runCli(['decode', file('form.txt', body), '--json', ...tenantOpts]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ valid: true, relayState: '/agent-desktop' });
  });

  it('gives one verdict per SAMLResponse POST of a HAR, with its URL, as a JSON array', async () => {
    const forged = signedResponseBase64({ key: testKey('other-idp') });
    const post = (url: string, value: string) => ({
      request: { method: 'POST', url, postData: { mimeType: 'application/x-www-form-urlencoded', text: `SAMLResponse=${encodeURIComponent(value)}` } },
    });
    const har = {
      log: {
        version: '1.2',
        entries: [post(TEST_TENANT.acsUrl, valid), { request: { method: 'GET', url: 'https://x.example/' } }, post('https://evil.example/acs', forged)],
      },
    };
    const result = await runCli(['decode', file('login.har', JSON.stringify(har)), '--json', ...tenantOpts]);
    expect(result.code).toBe(1);
    const verdicts = JSON.parse(result.stdout) as { valid: boolean; url: string }[];
    expect(verdicts.map((v) => [v.url, v.valid])).toEqual([
      [TEST_TENANT.acsUrl, true],
      ['https://evil.example/acs', false],
    ]);
  });

  it('accepts IdP metadata instead of a PEM and names a LogoutResponse for what it is', async () => {
    const result = await runCli([
      'decode',
      corpus('real/auth0-devtenant-jackson-slo/logout_response.xml'),
      '--metadata',
      corpus('real/auth0-devtenant-jackson-slo/auth0-idp-metadata-example.xml'),
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/✗ parse .*LogoutResponse/);
  });

  it('exits 1 with a clear message on input it cannot recognise', async () => {
    const result = await runCli(['decode', '-', '--cert', cert], { input: 'definitely not saml!' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('INPUT_UNRECOGNISED');
    expect(result.stderr).toContain('fix:');
  });

  it('exits 2 and says how to get a certificate when neither --cert nor --metadata is given', async () => {
    const result = await runCli(['decode', file('nocert.b64', valid)]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('CERT_MISSING');
    expect(result.stderr).toMatch(/fix: Pass --cert .*--metadata/);
  });

  it('exits 2 on an unreadable or invalid certificate file', async () => {
    const [missing, invalid] = await Promise.all([
      runCli(['decode', file('a.b64', valid), '--cert', join(dir, 'nope.pem')]),
      runCli(['decode', file('b.b64', valid), '--cert', file('bad.pem', 'not a certificate')]),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('CERT_UNREADABLE');
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('CERT_INVALID');
  });

  it('exits 2 on an unparsable --now, and on --cert together with --metadata', async () => {
    const [now, both] = await Promise.all([
      runCli(['decode', file('c.b64', valid), '--cert', cert, '--now', 'yesterday']),
      runCli(['decode', file('d.b64', valid), '--cert', cert, '--metadata', cert]),
    ]);
    expect(now.code).toBe(2);
    expect(now.stderr).toContain('NOW_INVALID');
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('CERT_BOTH');
  });
});
