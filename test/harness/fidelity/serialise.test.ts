// A recording's response.xml is the normalised tree written as XML; normalising it again must give
// back the same tree (so `flex-sso fidelity` compares a recording exactly as the response it was made
// from), and the same structure must always be the same bytes (diff-friendly recordings).
import { describe, expect, test } from 'vitest';
import { normaliseSamlXml, serialiseNormalised, type NormalElement } from '../../../harness/fidelity/index.ts';
import { loadManifest, readVerified, xmlOf } from '../../fake-sp/corpus/corpus-files.ts';

function normal(xml: string): NormalElement {
  const r = normaliseSamlXml(xml);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.detail}`);
  return r.root;
}

const logins = loadManifest().entries.filter((e) => e.kind === 'login' && e.path.startsWith('real/'));

describe('serialiseNormalised', () => {
  test('the corpus has real login responses to check against', () => {
    expect(logins.length).toBeGreaterThanOrEqual(5);
  });

  test.each(logins.map((e) => e.path))('%s: normalise → write → normalise gives the same tree', (path) => {
    const once = normal(xmlOf(readVerified(path)));
    const text = serialiseNormalised(once);
    expect(normal(text)).toEqual(once);
    // Idempotent bytes too: writing the read-back tree again changes nothing.
    expect(serialiseNormalised(normal(text))).toBe(text);
  });

  test('one element per line, namespaces declared once on the root with fixed prefixes, placeholders kept', () => {
    const xml = `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_0123456789abcdef0123" Version="2.0" IssueInstant="2026-03-01T12:00:00.008Z">
      <Issuer xmlns="urn:oasis:names:tc:SAML:2.0:assertion">urn:a&amp;b</Issuer><x:Ext xmlns:x="urn:example:ext" x:flag="1"/></samlp:Response>`;
    expect(serialiseNormalised(normal(xml)).split('\n').slice(2)).toEqual([
      '<samlp:Response xmlns:ns1="urn:example:ext" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="{response-id _hex20}" Version="2.0" IssueInstant="{instant+0s}">',
      '  <saml:Issuer>urn:a&amp;b</saml:Issuer>',
      '  <ns1:Ext ns1:flag="1"/>',
      '</samlp:Response>',
      '',
    ]);
  });

  test('attribute values with quotes, tabs and line breaks survive the round trip', () => {
    const xml = '<Response xmlns="urn:oasis:names:tc:SAML:2.0:protocol" Consent="a&quot;b&#9;c&#10;d&lt;"/>';
    const once = normal(xml);
    expect(normal(serialiseNormalised(once))).toEqual(once);
    expect(once.attributes.Consent).toBe('a"b\tc\nd<');
  });
});
