// Issue 19, `decode` carries its evidence: every failure, --xml, --no-verify, expected/received in
// JSON, readable durations, the --now a time failure needs, raw XML not called base64. The real CLI
// in a child process on the real Auth0 corpus capture (test/fixtures/corpus/MANIFEST.md).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.ts';

const corpus = (path: string) => fileURLToPath(new URL(`../../fixtures/corpus/${path}`, import.meta.url));
const AUTH0 = corpus('real/auth0-scaleft-gosaml2/auth0_response.xml');
const AUTH0_CERT = corpus('real/auth0-scaleft-gosaml2/auth0_cert.pem');
const ACS = ['--audience', 'urn:scaleft-test.auth0.com', '--acs', 'http://localhost:8080/v1/_saml_callback'];
// A fixed clock ten years after the capture was issued (IssueInstant 2016-07-25T18:29:17Z).
const LATE = ['--now', '2026-12-03T00:00:00Z'];

describe('flex-sso decode: failures with their evidence', () => {
  it('lists every failed check in the verdict, not only the first', async () => {
    const result = await runCli(['decode', AUTH0, '--cert', AUTH0_CERT, ...ACS, ...LATE, '--issuer', 'urn:other.auth0.com']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Verdict: INVALID — 3 failures: issuer, time, flex');
  });

  it('reads a time failure as "10 years ago" and suggests --now <IssueInstant>', async () => {
    const result = await runCli(['decode', AUTH0, '--cert', AUTH0_CERT, ...ACS, ...LATE]);
    expect(result.stdout).toContain('The Assertion expired at 2016-07-25T19:29:17.523Z (10 years ago). [TIME_EXPIRED]');
    expect(result.stdout).toContain("try: --now 2016-07-25T18:29:17Z (the response's IssueInstant)");
    const atIssue = await runCli(['decode', AUTH0, '--cert', AUTH0_CERT, ...ACS, '--now', '2016-07-25T18:29:17Z']);
    expect(atIssue.stdout).toMatch(/✓ time/);
    expect(atIssue.stdout).not.toContain('try: --now');
  });

  it('does not call raw XML input base64; a base64 input still is', async () => {
    const xml = await runCli(['decode', AUTH0, '--cert', AUTH0_CERT, ...ACS, ...LATE]);
    expect(xml.stdout).toMatch(/✓ decode +6819 bytes of UTF-8 read as raw XML/);
    expect(xml.stdout).not.toContain('decoded from base64');
    const b64 = await runCli(['decode', '-', '--cert', AUTH0_CERT, ...ACS, ...LATE], { input: readFileSync(AUTH0).toString('base64') });
    expect(b64.stdout).toMatch(/✓ decode +6819 bytes of UTF-8 decoded from base64\./);
  });

  it('--xml prints the decoded XML indented', async () => {
    const result = await runCli(['decode', AUTH0, '--cert', AUTH0_CERT, ...ACS, ...LATE, '--xml']);
    expect(result.stdout).toContain('\nXML:\n<samlp:Response ');
    expect(result.stdout).toContain('\n  <saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">urn:scaleft-test.auth0.com</saml:Issuer>\n');
    const plain = await runCli(['decode', AUTH0, '--cert', AUTH0_CERT, ...ACS, ...LATE]);
    expect(plain.stdout).not.toContain('<samlp:Response');
  });

  it('--json carries expected and received for each check, and the exact XML with --xml', async () => {
    const result = await runCli(['decode', AUTH0, '--cert', AUTH0_CERT, ...ACS, ...LATE, '--json', '--xml']);
    const json = JSON.parse(result.stdout) as { checks: { id: string; expected: string | null; received: string | null }[]; xml: string };
    expect(json.checks.find((c) => c.id === 'time')).toMatchObject({
      expected: 'now (2026-12-03T00:00:00.000Z) − 120 s < Conditions@NotOnOrAfter',
      received: 'Conditions@NotOnOrAfter=2016-07-25T19:29:17.523Z',
    });
    expect(json.checks.find((c) => c.id === 'audience')).toMatchObject({ expected: null, received: null });
    expect(json.xml).toBe(readFileSync(AUTH0, 'utf8'));
  });

  it('--no-verify shows a response without a certificate under an UNVERIFIED banner and exits 1', async () => {
    const result = await runCli(['decode', AUTH0, '--no-verify', ...LATE]);
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')[0]).toMatch(/^UNVERIFIED — --no-verify: no certificate pinned/);
    expect(result.stdout).toMatch(/✗ signature .*\[SIG_NO_CERT\]/);
    expect(result.stdout).toContain(
      'Attributes as the XML states them (UNVERIFIED):\n  http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier: "google-oauth2|117637692321743777825"',
    );
    const json = JSON.parse((await runCli(['decode', AUTH0, '--no-verify', '--json', ...LATE])).stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ valid: false, unverified: true, attributes: {} });
    expect((json['unverifiedAttributes'] as Record<string, string[]>)['http://schemas.auth0.com/nickname']).toEqual(['russell.haering']);
  });

  it('without a certificate and without --no-verify is still a usage error; --no-verify with --cert too', async () => {
    expect((await runCli(['decode', AUTH0])).code).toBe(2);
    const both = await runCli(['decode', AUTH0, '--no-verify', '--cert', AUTH0_CERT]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('NO_VERIFY_WITH_CERT');
  });
});
