import { describe, expect, it } from 'vitest';
import { validateResponse } from '../../../fake-sp/pipeline/validate.ts';
import { COLOR, formatHuman, PLAIN, toDecodeJson, useColor, type DecodeResult } from '../../../harness/decode/format.ts';
import { signedResponseBase64, TEST_TENANT, testKey } from '../../helpers/saml-signer.ts';

const certificates = [testKey('idp').cert];

function result(options: { audience?: boolean; key?: 'idp' | 'other-idp' } = {}): DecodeResult {
  const verdict = validateResponse(
    signedResponseBase64({
      key: testKey(options.key ?? 'idp'),
      attributes: { email: 'ana@example.com', full_name: 'Ana Agent', roles: ['agent', 'supervisor'], team: 'RAMP', program: 'P1' },
    }),
    { certificates, issuer: TEST_TENANT.issuer, acsUrl: TEST_TENANT.acsUrl, ...(options.audience === false ? {} : { audience: TEST_TENANT.audience }) },
    TEST_TENANT.now,
  );
  return { verdict, notes: [], omitted: options.audience === false ? ['audience'] : [] };
}

describe('formatHuman', () => {
  it('prints the verdict, a ✓ line per passed check, the attributes and the Flex view', () => {
    const text = formatHuman(result(), PLAIN);
    expect(text).toContain('Verdict: VALID');
    expect(text).toMatch(/✓ signature +Response signed/);
    expect(text).toContain('roles: "agent", "supervisor"');
    expect(text).toMatch(/full_name: +Ana Agent/);
    expect(text).toMatch(/roles: +agent, supervisor/);
    expect(text).toMatch(/program: +P1/);
    expect(text).not.toContain('\u001b[');
  });

  it('says which option turns on a skipped check', () => {
    const text = formatHuman(result({ audience: false }), PLAIN);
    expect(text).toMatch(/– audience +skipped: pass --audience to check/);
  });

  it('prints ✗, the expected/received values and the hint of a failed check, and no trusted attributes', () => {
    const text = formatHuman(result({ key: 'other-idp' }), PLAIN);
    expect(text).toContain('Verdict: INVALID — 1 failure: signature');
    expect(text).toMatch(/✗ signature .*\[SIG_INVALID\]/);
    expect(text).toMatch(/hint: .*pem/);
    expect(text).toContain('Attributes: none trusted');
  });

  it('colours only with the colour palette', () => {
    expect(formatHuman(result(), COLOR)).toContain('\u001b[32m✓\u001b[39m');
  });
});

describe('useColor', () => {
  it('is on for a TTY without NO_COLOR, off otherwise', () => {
    expect(useColor({ isTTY: true }, {})).toBe(true);
    expect(useColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(useColor({ isTTY: false }, {})).toBe(false);
    expect(useColor({}, {})).toBe(false);
  });
});

describe('toDecodeJson', () => {
  it('has the documented shape: valid, checks with id/ok/status/code/detail/hint, attributes, flex, warnings', () => {
    const json = toDecodeJson({ ...result({ audience: false }), url: 'https://acs.example/cb', relayState: 'r' });
    expect(Object.keys(json).sort()).toEqual(['attributes', 'checks', 'flex', 'relayState', 'url', 'valid', 'warnings']);
    expect(json.valid).toBe(true);
    expect(json.checks.find((c) => c.id === 'audience')).toMatchObject({ ok: false, status: 'skipped', code: 'AUD_NOT_CONFIGURED', hint: null });
    for (const check of json.checks) expect(Object.keys(check).sort()).toEqual(['code', 'detail', 'expected', 'hint', 'id', 'ok', 'received', 'status']);
    expect(json.attributes['roles']).toEqual(['agent', 'supervisor']);
    expect(json.flex).toMatchObject({ email: 'ana@example.com', roles: ['agent', 'supervisor'], team: 'RAMP', program: 'P1' });
    expect(json.warnings.some((w) => w.includes('team_name'))).toBe(true);
  });
});
