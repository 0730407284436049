// Decodes and parses an incoming AuthnRequest (HTTP-Redirect: deflated base64; HTTP-POST: base64).
// Bounded sizes, no DTDs: the IdP parses attacker-supplied XML.
import { inflateRawSync } from 'node:zlib';
import { DOMParser } from '@xmldom/xmldom';
import { NS_ASSERTION, NS_PROTOCOL } from './types.ts';

export const MAX_ENCODED_REQUEST_BYTES = 64 * 1024;
export const MAX_REQUEST_XML_BYTES = 128 * 1024;

export interface ParsedAuthnRequest {
  id: string;
  issuer?: string;
  assertionConsumerServiceUrl?: string;
  destination?: string;
  protocolBinding?: string;
}

export type AuthnRequestResult = { ok: true; request: ParsedAuthnRequest } | { ok: false; code: string; message: string };

const fail = (code: string, message: string): AuthnRequestResult => ({ ok: false, code, message });

function decodeBase64(value: string): Buffer | undefined {
  const compact = value.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length === 0) return undefined;
  return Buffer.from(compact, 'base64');
}

/** Decodes the SAMLRequest parameter for the given binding into XML text. */
export function decodeSamlRequest(value: string, binding: 'redirect' | 'post'): { ok: true; xml: string } | { ok: false; code: string; message: string } {
  if (value.length > MAX_ENCODED_REQUEST_BYTES)
    return { ok: false, code: 'request_too_large', message: `SAMLRequest is ${value.length} bytes, the limit is ${MAX_ENCODED_REQUEST_BYTES}.` };
  const raw = decodeBase64(value);
  if (!raw) return { ok: false, code: 'invalid_encoding', message: 'SAMLRequest is not valid base64.' };
  if (binding === 'post') return { ok: true, xml: raw.toString('utf8') };
  try {
    return { ok: true, xml: inflateRawSync(raw, { maxOutputLength: MAX_REQUEST_XML_BYTES }).toString('utf8') };
  } catch (err) {
    return {
      ok: false,
      code: 'invalid_encoding',
      message: `SAMLRequest could not be inflated (HTTP-Redirect binding expects raw DEFLATE): ${(err as Error).message}`,
    };
  }
}

function attr(el: Element, name: string): string | undefined {
  return el.hasAttribute(name) ? (el.getAttribute(name) ?? undefined) : undefined;
}

/** Parses AuthnRequest XML; rejects DOCTYPEs, other roots and missing IDs. */
export function parseAuthnRequest(xml: string): AuthnRequestResult {
  if (Buffer.byteLength(xml) > MAX_REQUEST_XML_BYTES) return fail('request_too_large', `AuthnRequest XML exceeds ${MAX_REQUEST_XML_BYTES} bytes.`);
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) return fail('doctype_forbidden', 'AuthnRequest contains a DOCTYPE or ENTITY declaration, which is not allowed.');
  let doc: Document;
  try {
    doc = new DOMParser({
      onError: (level, msg) => {
        if (level !== 'warning') throw new Error(msg);
      },
    }).parseFromString(xml, 'text/xml') as unknown as Document;
  } catch (err) {
    return fail('invalid_xml', `AuthnRequest is not well-formed XML: ${(err as Error).message}`);
  }
  const root = doc.documentElement;
  if (!root || root.localName !== 'AuthnRequest' || root.namespaceURI !== NS_PROTOCOL) {
    return fail(
      'invalid_request',
      `Expected a samlp:AuthnRequest root element, received ${root ? `{${root.namespaceURI ?? ''}}${root.localName}` : 'nothing'}.`,
    );
  }
  const id = attr(root, 'ID');
  if (!id) return fail('invalid_request', 'AuthnRequest has no ID attribute.');
  let issuer: string | undefined;
  for (let n = root.firstChild; n; n = n.nextSibling) {
    const el = n as Element;
    if (el.nodeType === 1 && el.localName === 'Issuer' && el.namespaceURI === NS_ASSERTION) issuer = (el.textContent ?? '').trim();
  }
  const request: ParsedAuthnRequest = { id };
  if (issuer) request.issuer = issuer;
  const acs = attr(root, 'AssertionConsumerServiceURL');
  if (acs) request.assertionConsumerServiceUrl = acs;
  const destination = attr(root, 'Destination');
  if (destination) request.destination = destination;
  const binding = attr(root, 'ProtocolBinding');
  if (binding) request.protocolBinding = binding;
  return { ok: true, request };
}
