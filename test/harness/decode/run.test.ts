import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { DecodeError, decodeInput, parseNow, prepare, readStream } from '../../../harness/decode/run.ts';
import { signedResponseBase64, signedResponseXml, TEST_TENANT, testKey, toBase64 } from '../../helpers/saml-signer.ts';

const dir = mkdtempSync(join(tmpdir(), 'flex-sso-decode-run-'));
const certFile = join(dir, 'idp.pem');
writeFileSync(certFile, testKey('idp').cert);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function decodeError(run: () => unknown): DecodeError {
  try {
    run();
  } catch (error) {
    if (error instanceof DecodeError) return error;
    throw error;
  }
  throw new Error('expected a DecodeError');
}

describe('prepare', () => {
  it('pins the certificates and passes the optional expectations through, skew in seconds', () => {
    const { expectations, now } = prepare({
      certFiles: [certFile],
      audience: 'urn:flex:JQ1',
      acsUrl: 'https://acs',
      issuer: 'urn:t',
      skew: '30',
      now: '2026-01-15T10:00:00Z',
    });
    expect(expectations).toMatchObject({ audience: 'urn:flex:JQ1', acsUrl: 'https://acs', issuer: 'urn:t', skewSeconds: 30 });
    expect(expectations.certificates).toHaveLength(1);
    expect(now.toISOString()).toBe('2026-01-15T10:00:00.000Z');
  });

  it('leaves omitted expectations undefined so their checks are skipped', () => {
    const { expectations } = prepare({ certFiles: [certFile] });
    expect(expectations.audience).toBeUndefined();
    expect(expectations.acsUrl).toBeUndefined();
    expect(expectations.issuer).toBeUndefined();
  });

  it('turns every option problem into a usage error with a fix', () => {
    const cases: [Parameters<typeof prepare>[0], string][] = [
      [{ certFiles: [] }, 'CERT_MISSING'],
      [{ certFiles: [certFile], metadataFile: certFile }, 'CERT_BOTH'],
      [{ certFiles: [join(dir, 'missing.pem')] }, 'CERT_UNREADABLE'],
      [{ certFiles: [certFile], skew: '-5' }, 'SKEW_INVALID'],
      [{ certFiles: [certFile], skew: 'soon' }, 'SKEW_INVALID'],
      [{ certFiles: [certFile], now: 'tomorrow' }, 'NOW_INVALID'],
      [{ certFiles: [certFile], now: '2026-02-30T25:00:00Z' }, 'NOW_INVALID'],
      [{ certFiles: [], metadataFile: certFile }, 'METADATA_INVALID'],
    ];
    for (const [options, code] of cases) {
      const error = decodeError(() => prepare(options));
      expect({ code: error.code, kind: error.kind }).toEqual({ code, kind: 'usage' });
      expect(error.hint.length).toBeGreaterThan(10);
    }
  });
});

describe('parseNow', () => {
  it('defaults to the injected clock', () => {
    expect(parseNow(undefined, () => new Date(0)).getTime()).toBe(0);
  });

  it("reads a zone-less --now as UTC, with the pipeline's xs:dateTime parser", () => {
    expect(parseNow('2026-01-15T10:30:00').toISOString()).toBe('2026-01-15T10:30:00.000Z');
    expect(parseNow('2026-01-15T19:30:00+09:00').toISOString()).toBe('2026-01-15T10:30:00.000Z');
    expect(parseNow('2026-01-15').toISOString()).toBe('2026-01-15T00:00:00.000Z');
  });

  it('refuses what is not a date-time (NOW_INVALID)', () => {
    for (const bad of ['yesterday', '2026-02-30T00:00:00Z', '2026-01-15 10:00']) {
      expect(() => parseNow(bad)).toThrow(DecodeError);
    }
  });
});

describe('decodeInput', () => {
  it('validates each extracted response with the pinned certificates', async () => {
    const { expectations, now } = prepare({ certFiles: [certFile], now: TEST_TENANT.now.toISOString() });
    const run = await decodeInput(signedResponseBase64(), expectations, now);
    expect(run.format).toBe('base64');
    expect(run.results).toHaveLength(1);
    expect(run.results[0]?.verdict.valid).toBe(true);
    expect(run.results[0]?.omitted).toEqual(['issuer', 'destination', 'recipient', 'audience']);
  });

  it('reports unrecognisable input as an input error (exit 1), not a usage error', async () => {
    const { expectations, now } = prepare({ certFiles: [certFile] });
    await expect(decodeInput('not saml!', expectations, now)).rejects.toMatchObject({ code: 'INPUT_UNRECOGNISED', kind: 'input' });
  });

  it('is bounded like the ACS: past the deadline a response gets DECODE_TOO_EXPENSIVE instead of a hang', async () => {
    const { expectations, now } = prepare({ certFiles: [certFile], now: TEST_TENANT.now.toISOString() });
    // 3,000 namespace declarations × 25,000 elements, caps raised: canonicalization is quadratic
    // (over a second of CPU on any machine), so the 300 ms deadline is always the thing that stops it.
    const costly = toBase64(
      signedResponseXml()
        .replace('<samlp:Response ', `<samlp:Response${Array.from({ length: 3000 }, (_, i) => ` xmlns:n${i}="urn:x:${i}"`).join('')} `)
        .replace('<samlp:Status>', `${'<n1:a/>'.repeat(25_000)}<samlp:Status>`),
    );
    const markupLimits = { namespaceDeclarations: 1_000_000, elements: 1_000_000, attributes: 1_000_000, attributesPerElement: 1_000_000 };
    const run = await decodeInput(costly, { ...expectations, markupLimits }, now, { deadlineMs: 300 });
    expect(run.results[0]?.verdict.checks[0]).toMatchObject({ id: 'decode', status: 'failed', code: 'DECODE_TOO_EXPENSIVE' });
    expect(run.results[0]?.verdict.valid).toBe(false);
  });
});

describe('readStream', () => {
  it('reads a stream whole', async () => {
    expect((await readStream(Readable.from([Buffer.from('ab'), Buffer.from('cd')]))).toString()).toBe('abcd');
  });

  it('stops at the size limit with an input error', async () => {
    await expect(readStream(Readable.from([Buffer.alloc(6), Buffer.alloc(6)]), 10)).rejects.toMatchObject({ code: 'INPUT_TOO_LARGE', kind: 'input' });
  });
});
