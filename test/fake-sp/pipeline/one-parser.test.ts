// One parser (the CVE-2025-25291/25292 class): the signature is verified on, and every value
// read from, bytes parsed by one parser under XML 1.0 rules. Responses are signed for real with
// xml-crypto and the test key; each "genuine" one was also verified with xmlsec1 1.2.x when the test
// was written (`xmlsec1 --verify --pubkey-cert-pem idp.pem --id-attr:ID …:Assertion --id-attr:ID
// …:Response`, and `--node-xpath` for the Assertion signature of a both-signed response): OK.
import { describe, expect, it } from 'vitest';
import { validateXmlString } from '../../../fake-sp/pipeline/index.ts';
import { buildResponseXml, signElement, signPreservingCharacters, testKey } from '../../helpers/saml-signer.ts';
import { NOW, expectAllOk, expectations } from './support.ts';

const LS = '\u2028';
const PS = '\u2029';
const NEL = '\u0085';

/** A genuine response whose signed attribute values carry characters xml-crypto's own parser would change. */
function signedWithLiteral(element: 'Response' | 'Assertion', values: Record<string, string>): string {
  return signPreservingCharacters(buildResponseXml({ attributes: { email: 'ana.agent@example.com', roles: 'agent', ...values } }), element);
}

describe('one parser for verifying and reading (XML 1.0 line ends)', () => {
  it('reads a signed U+2029 as U+2029, not as a newline', () => {
    const xml = signedWithLiteral('Response', { full_name: `Ana${PS}Agent` });
    expect(xml).toContain(PS);
    const v = validateXmlString(xml, expectations(), NOW);
    expectAllOk(v);
    expect(v.attributes['full_name']).toEqual([`Ana${PS}Agent`]);
  });

  for (const element of ['Response', 'Assertion'] as const) {
    it(`verifies a genuine ${element}-signed response carrying U+0085 and U+2028 and reads them as signed`, () => {
      const xml = signedWithLiteral(element, { full_name: `Ana${LS}Agent`, note: `a${NEL}b` });
      expect(xml).toContain(LS);
      expect(xml).toContain(NEL);
      const v = validateXmlString(xml, expectations(), NOW);
      expectAllOk(v);
      expect(v.attributes['full_name']).toEqual([`Ana${LS}Agent`]);
      expect(v.attributes['note']).toEqual([`a${NEL}b`]);
    });
  }

  it('still treats CR LF as a line end (XML 1.0 §2.11): a signed value is read with LF', () => {
    const xml = signElement(
      buildResponseXml({ attributes: { email: 'ana.agent@example.com', full_name: 'Ana Agent', roles: 'agent', note: 'LINE1' } }).replace(
        'LINE1',
        'line1\nline2',
      ),
      'Response',
    );
    const v = validateXmlString(xml.replace('line1\nline2', 'line1\r\nline2'), expectations(), NOW);
    expectAllOk(v);
    expect(v.attributes['note']).toEqual(['line1\nline2']);
  });

  it('rejects a value changed to U+2028 after signing (the digest covers the character, not a newline)', () => {
    const xml = signElement(
      buildResponseXml({ attributes: { email: 'ana.agent@example.com', full_name: 'Ana Agent', roles: 'agent', note: 'LINE1' } }).replace(
        'LINE1',
        'line1\nline2',
      ),
      'Response',
    );
    const v = validateXmlString(xml.replace('line1\nline2', `line1${LS}line2`), expectations(), NOW);
    expect(v.checks.find((c) => c.id === 'signature')).toMatchObject({ status: 'failed', code: 'SIG_DIGEST_MISMATCH' });
  });
});

describe('inclusive c14n with both the Response and the Assertion signed', () => {
  const bothInclusive = () =>
    signElement(
      signElement(buildResponseXml(), 'Assertion', testKey(), 'sha256', undefined, 'inclusive'),
      'Response',
      testKey(),
      'sha256',
      undefined,
      'inclusive',
    );

  it('is valid: each SignedInfo is canonicalized with its own namespace context', () => {
    const v = validateXmlString(bothInclusive(), expectations(), NOW);
    expectAllOk(v);
    expect(v.facts.signedElement).toBe('both');
  });

  it('still rejects the both-signed inclusive response when the Assertion is edited', () => {
    const v = validateXmlString(bothInclusive().replace('>ana.agent@example.com<', '>admin@example.com<'), expectations(), NOW);
    expect(v.checks.find((c) => c.id === 'signature')).toMatchObject({ status: 'failed', code: 'SIG_DIGEST_MISMATCH' });
    expect(v.valid).toBe(false);
  });
});
