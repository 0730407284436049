// What `decode` shows of a response it could not or was told not to verify: for display only, never
// for a verdict (the pipeline reads values from the signed node alone). The XML here already passed
// the pipeline's parse check (no DTD, size and depth limits) before it is read again.
import { DOMParser, type Element } from '@xmldom/xmldom';
import type { Verdict } from '../../fake-sp/pipeline/types.ts';

const SAML = 'urn:oasis:names:tc:SAML:2.0:assertion';
const SAMLP = 'urn:oasis:names:tc:SAML:2.0:protocol';

/** The decoded XML, only when the pipeline's parse check accepted it (so it is bounded and has no DTD). */
export function readableXml(verdict: Pick<Verdict, 'xml' | 'checks'>): string | undefined {
  return verdict.checks.some((c) => c.id === 'parse' && c.ok) ? verdict.xml : undefined;
}

function parse(xml: string | undefined): Element | undefined {
  if (xml === undefined) return undefined;
  try {
    return new DOMParser({ onError: () => undefined }).parseFromString(xml, 'text/xml').documentElement ?? undefined;
  } catch {
    return undefined;
  }
}

/** Every saml:Attribute's values, in document order, as the XML states them (unverified). */
export function unverifiedAttributes(xml: string | undefined): Record<string, string[]> {
  const root = parse(xml);
  const out: Record<string, string[]> = {};
  if (!root) return out;
  for (const attribute of Array.from(root.getElementsByTagNameNS(SAML, 'Attribute'))) {
    const name = attribute.getAttribute('Name') ?? '';
    const values = Array.from(attribute.getElementsByTagNameNS(SAML, 'AttributeValue')).map((v) => v.textContent ?? '');
    out[name] = [...(out[name] ?? []), ...values];
  }
  return out;
}

/** The Response's IssueInstant (else the Assertion's): the `--now` that judges a capture when it was issued. */
export function issueInstantOf(xml: string | undefined): string | undefined {
  const root = parse(xml);
  if (!root) return undefined;
  const fromResponse = root.namespaceURI === SAMLP ? root.getAttribute('IssueInstant') : null;
  const assertion = root.getElementsByTagNameNS(SAML, 'Assertion')[0];
  return fromResponse || assertion?.getAttribute('IssueInstant') || undefined;
}
