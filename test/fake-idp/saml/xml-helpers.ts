// Test helpers: parse XML and look at elements by local name.
import { DOMParser } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';

export function parseXml(xml: string): Document {
  return new DOMParser().parseFromString(xml, 'text/xml') as unknown as Document;
}

export function elements(node: Document | Element, localName: string): Element[] {
  return Array.from(node.getElementsByTagNameNS('*', localName));
}

export function first(node: Document | Element, localName: string): Element {
  const el = elements(node, localName)[0];
  if (!el) throw new Error(`no <${localName}>`);
  return el;
}

export function childElements(el: Element): Element[] {
  return Array.from(el.childNodes).filter((n): n is Element => n.nodeType === 1);
}

/** Verifies every Signature in `xml` against `certPem` (pinned); returns the referenced URIs. */
export function verifiedReferences(xml: string, certPem: string): string[] {
  const doc = parseXml(xml);
  return elements(doc, 'Signature').map((signature) => {
    const sig = new SignedXml({ publicCert: certPem, getCertFromKeyInfo: () => null });
    sig.loadSignature(signature);
    if (!sig.checkSignature(xml)) throw new Error('signature invalid');
    return first(signature, 'Reference').getAttribute('URI') ?? '';
  });
}

export function attributeMap(xml: string): Record<string, { values: string[]; types: string[]; nameFormat: string | null }> {
  const out: Record<string, { values: string[]; types: string[]; nameFormat: string | null }> = {};
  for (const attr of elements(parseXml(xml), 'Attribute')) {
    const values = elements(attr, 'AttributeValue');
    out[attr.getAttribute('Name') ?? ''] = {
      values: values.map((v) => v.textContent ?? ''),
      types: values.map((v) => v.getAttributeNS('http://www.w3.org/2001/XMLSchema-instance', 'type') ?? ''),
      nameFormat: attr.hasAttribute('NameFormat') ? attr.getAttribute('NameFormat') : null,
    };
  }
  return out;
}
