// Single logout: parse a LogoutRequest, build Auth0's LogoutResponse.
import { DOMParser } from '@xmldom/xmldom';
import { NS_ASSERTION, NS_PROTOCOL, STATUS_SUCCESS } from './types.ts';
import { MAX_REQUEST_XML_BYTES } from './authn-request.ts';
import { escapeXml, newResponseId } from './xml-text.ts';

export interface ParsedLogoutRequest {
  id: string;
  issuer?: string;
  nameId?: string;
  sessionIndex?: string;
}

export function parseLogoutRequest(xml: string): { ok: true; request: ParsedLogoutRequest } | { ok: false; message: string } {
  if (Buffer.byteLength(xml) > MAX_REQUEST_XML_BYTES) return { ok: false, message: 'LogoutRequest is too large.' };
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) return { ok: false, message: 'LogoutRequest contains a DOCTYPE or ENTITY declaration, which is not allowed.' };
  let root: Element | null;
  try {
    const doc = new DOMParser({
      onError: (level, msg) => {
        if (level !== 'warning') throw new Error(msg);
      },
    }).parseFromString(xml, 'text/xml');
    root = doc.documentElement as unknown as Element | null;
  } catch (err) {
    return { ok: false, message: `LogoutRequest is not well-formed XML: ${(err as Error).message}` };
  }
  if (!root || root.localName !== 'LogoutRequest' || root.namespaceURI !== NS_PROTOCOL)
    return { ok: false, message: 'Expected a samlp:LogoutRequest root element.' };
  const id = root.getAttribute('ID');
  if (!id) return { ok: false, message: 'LogoutRequest has no ID attribute.' };
  const request: ParsedLogoutRequest = { id };
  for (let n = root.firstChild; n; n = n.nextSibling) {
    const el = n as Element;
    if (el.nodeType !== 1) continue;
    const text = (el.textContent ?? '').trim();
    if (el.localName === 'Issuer' && el.namespaceURI === NS_ASSERTION) request.issuer = text;
    if (el.localName === 'NameID' && el.namespaceURI === NS_ASSERTION) request.nameId = text;
    if (el.localName === 'SessionIndex' && el.namespaceURI === NS_PROTOCOL) request.sessionIndex = text;
  }
  return { ok: true, request };
}

export function buildLogoutResponseXml(input: { issuer: string; destination: string; inResponseTo?: string }, now: Date): string {
  const irt = input.inResponseTo === undefined ? '' : ` InResponseTo="${escapeXml(input.inResponseTo)}"`;
  return (
    `<samlp:LogoutResponse xmlns:samlp="${NS_PROTOCOL}" ID="${newResponseId()}"${irt} Version="2.0" IssueInstant="${now.toISOString()}" Destination="${escapeXml(input.destination)}">` +
    `<saml:Issuer xmlns:saml="${NS_ASSERTION}">${escapeXml(input.issuer)}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="${STATUS_SUCCESS}"/></samlp:Status></samlp:LogoutResponse>`
  );
}
