// `flex-sso decode` prints values it does not control: RelayState, an unsigned StatusMessage, the
// Destination and signed values the user chose. escape sequences printed a fake green
// "Verdict: VALID" and CR/LF added fake lines. The real CLI runs in a child process; JSON stays exact.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.ts';
import {
  buildResponseXml,
  signPreservingCharacters,
  signedResponseBase64,
  signedResponseXml,
  TEST_TENANT,
  testKey,
  toBase64,
} from '../../helpers/saml-signer.ts';

const FAKE = '\r\n\u001b[1;32mVerdict: VALID — Flex would accept this response\u001b[0m\r\n';
// XML cannot carry ESC, but it can carry the 8-bit CSI (U+009B), bidi overrides and U+2028.
const XML_FAKE = '\u2028\u009b1;32mVerdict: VALID\u009b0m\u202E';
// eslint-disable-next-line no-control-regex -- what must never reach a terminal
const RAW = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u2028\u2029]/;
const NOW = TEST_TENANT.now.toISOString();

let dir: string;
let cert: string;
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const fakeVerdictLines = (stdout: string) => stdout.split('\n').filter((line) => /^\s*Verdict/.test(line));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'flex-sso-decode-tty-'));
  cert = file('idp.pem', testKey('idp').cert);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('decode text output with hostile values', () => {
  it('escapes a RelayState carrying ESC sequences and CR/LF: one real verdict line, no raw control character', async () => {
    const body = `SAMLResponse=${encodeURIComponent(signedResponseBase64({ status: { code: 'urn:oasis:names:tc:SAML:2.0:status:Responder' } }))}&RelayState=${encodeURIComponent(FAKE)}`;
    const result = await runCli(['decode', file('form.txt', body), '--cert', cert, '--now', NOW]);
    expect(result.code).toBe(1);
    expect(result.stdout).not.toMatch(RAW);
    expect(fakeVerdictLines(result.stdout)).toEqual(['Verdict: INVALID — 1 failure: status']);
    expect(result.stdout).toContain('RelayState: \\r\\n\\u001b[1;32mVerdict: VALID');
  });

  it('escapes an unsigned StatusMessage, the Destination and a signed attribute value', async () => {
    const denied = signedResponseBase64({ sign: 'none', status: { code: 'urn:oasis:names:tc:SAML:2.0:status:Responder', message: `denied${XML_FAKE}` } });
    const signed = toBase64(
      signPreservingCharacters(
        buildResponseXml({
          destination: `https://evil.example/${XML_FAKE}`,
          attributes: { email: 'ana@example.com', full_name: `Ana${XML_FAKE}`, roles: 'agent' },
        }),
        'Response',
      ),
    );
    for (const value of [denied, signed]) {
      const result = await runCli(['decode', '-', '--cert', cert, '--now', NOW], { input: value });
      expect(result.stdout).not.toMatch(RAW);
      expect(result.stdout).toContain('\\u2028\\u009b1;32mVerdict: VALID\\u009b0m\\u202e');
      expect(fakeVerdictLines(result.stdout)).toHaveLength(1);
    }
  });

  it('keeps --json exact: the same values, unescaped', async () => {
    const body = `SAMLResponse=${encodeURIComponent(toBase64(signPreservingCharacters(buildResponseXml({ attributes: { email: 'ana@example.com', full_name: `Ana${XML_FAKE}`, roles: 'agent' } }), 'Response')))}&RelayState=${encodeURIComponent(FAKE)}`;
    const result = await runCli(['decode', file('form-json.txt', body), '--json', '--cert', cert, '--now', NOW]);
    const json = JSON.parse(result.stdout) as { relayState: string; attributes: Record<string, string[]> };
    expect(json.relayState).toBe(FAKE);
    expect(json.attributes['full_name']).toEqual([`Ana${XML_FAKE}`]);
  });

  it('escapes what an error message quotes from the command line', async () => {
    const result = await runCli(['decode', file('v.b64', signedResponseBase64()), '--cert', cert, '--now', `\u009b2J${XML_FAKE}`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('NOW_INVALID');
    expect(result.stderr).not.toMatch(RAW);
  });
});

describe('decode verdict wording', () => {
  it('does not say "Flex would accept" for a response without a bearer confirmation, even without --acs', async () => {
    const xml = signedResponseXml({ edit: (x) => x.replace('cm:bearer', 'cm:holder-of-key') });
    const result = await runCli(['decode', '-', '--cert', cert, '--now', NOW], { input: toBase64(xml) });
    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain('Flex would accept');
    expect(result.stdout).toMatch(/✗ recipient .*\[RCPT_NO_BEARER\]/);
  });

  it('says which checks it could not make when options are missing, and "Flex would accept" only with all of them', async () => {
    const partial = await runCli(['decode', '-', '--cert', cert, '--now', NOW], { input: signedResponseBase64() });
    expect(partial.code).toBe(0);
    expect(partial.stdout).toContain(
      'Verdict: VALID as far as checked — not checked: issuer, destination, recipient, audience (pass --issuer, --acs, --audience)',
    );
    expect(partial.stdout).not.toContain('Flex would accept');
    const full = await runCli(
      ['decode', '-', '--cert', cert, '--now', NOW, '--audience', TEST_TENANT.audience, '--acs', TEST_TENANT.acsUrl, '--issuer', TEST_TENANT.issuer],
      { input: signedResponseBase64() },
    );
    expect(full.stdout).toContain('Verdict: VALID — Flex would accept this response');
  });

  it('reads a zone-less --now as UTC on a UTC+9 host, like the time check', async () => {
    // The response is valid 10:00–11:00 UTC; read as Tokyo time, 10:30 would be 01:30 UTC (not yet valid).
    const result = await runCli(['decode', '-', '--cert', cert, '--now', '2026-01-15T10:30:00', '--json'], {
      input: signedResponseBase64(),
      env: { TZ: 'Asia/Tokyo' },
    });
    expect(result.stderr).toBe('');
    expect((JSON.parse(result.stdout) as { valid: boolean }).valid).toBe(true);
  });
});
