// A record keeps the SAMLResponse once; the decoded XML is derived from it when read
// (fake-sp/store/decoded-xml.ts). The derivation must give exactly the `xml` of the verdict the
// pipeline gave, for every corpus response and for the encodings the pipeline refuses.
import { describe, expect, it } from 'vitest';
import { validateResponse } from '../../../fake-sp/pipeline/validate.ts';
import { decodedXml, withDecodedXml } from '../../../fake-sp/store/decoded-xml.ts';
import type { LoginRecord } from '../../../fake-sp/store/login-store.ts';
import { signedResponseBase64, signedResponseXml, testKey, TEST_TENANT } from '../../helpers/saml-signer.ts';
import { expectationsFor, loadManifest, readVerified, samlResponseOf } from '../corpus/corpus-files.ts';

const expectations = { certificates: [testKey().cert], issuer: TEST_TENANT.issuer, audience: TEST_TENANT.audience, acsUrl: TEST_TENANT.acsUrl };

describe('decodedXml', () => {
  it("is the verdict's xml for every corpus response (undefined where decode failed)", () => {
    const entries = loadManifest().entries;
    expect(entries.length).toBeGreaterThan(150);
    let derived = 0;
    for (const entry of entries) {
      const samlResponse = samlResponseOf(readVerified(entry.path));
      const { xml, ...verdict } = validateResponse(samlResponse, expectationsFor(entry), new Date(entry.now));
      expect(decodedXml({ samlResponse, verdict }), entry.path).toBe(xml);
      if (xml !== undefined) derived += 1;
    }
    expect(derived).toBeGreaterThan(150);
  });

  it.each([
    ['base64 wrapped at 76 columns', signedResponseBase64().replace(/.{76}/g, '$&\r\n')],
    ['a UTF-8 BOM before the XML', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(signedResponseXml())]).toString('base64')],
    ['UTF-16 (refused by decode)', Buffer.from(`\ufeff${signedResponseXml()}`, 'utf16le').toString('base64')],
    ['Latin-1 bytes (refused by decode)', Buffer.from(signedResponseXml().replace('agent', 'agént'), 'latin1').toString('base64')],
    ['not base64', '%%%'],
  ])("is the verdict's xml for %s", (_name, samlResponse) => {
    const { xml, ...verdict } = validateResponse(samlResponse, expectations, TEST_TENANT.now);
    expect(decodedXml({ samlResponse, verdict })).toBe(xml);
  });

  it('keeps the xml of a record stored with one (written before it was derived)', () => {
    const verdict = validateResponse(signedResponseBase64(), expectations, TEST_TENANT.now);
    expect(decodedXml({ samlResponse: '', verdict: { ...verdict, xml: '<stored/>' } })).toBe('<stored/>');
  });

  it('withDecodedXml puts it back into the verdict and changes nothing else', () => {
    const samlResponse = signedResponseBase64();
    const { xml, ...verdict } = validateResponse(samlResponse, expectations, TEST_TENANT.now);
    const record: LoginRecord = {
      id: 'lg_1',
      receivedAt: TEST_TENANT.now.toISOString(),
      profile: 'enhanced',
      acsUrl: TEST_TENANT.acsUrl,
      samlResponse,
      verdict,
      httpStatus: 302,
      roles: [],
    };
    expect(withDecodedXml(record)).toEqual({ ...record, verdict: { ...verdict, xml } });
    expect(record.verdict.xml).toBeUndefined();
  });
});
