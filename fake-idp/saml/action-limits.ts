// Auth0's limits on what post-login Actions may do to a SAML response (docs "Actions Limitations",
// section "SAML attributes"): at most 100 attributes changed or added, names ≤ 1 kB, values ≤ 2 kB,
// "the total SAML assertions" ≤ 10 kB. The documentation does not say how a breach fails; the
// emulator fails the login the way a failing Action does (a Responder status Response, tenant log
// `f`), the closest documented behaviour. Both readings below are unconfirmed (docs/emulator-fidelity.md).
import { actionAttributeValues } from './claims.ts';
import { attributeValueText } from './response-builder.ts';

export const ACTION_SAML_LIMITS = {
  /** Distinct attribute names the login's Actions set (a removal counts: it changes the attribute). */
  attributes: 100,
  nameBytes: 1024,
  /** Per AttributeValue, as written. */
  valueBytes: 2048,
  /**
   * The names and value texts the Actions set, together. Read as the data the Actions add, not the
   * Assertion's XML: 100 one-character attributes already make ~15 kB of XML, so an XML reading
   * would make the documented 100-attribute limit unreachable.
   */
  totalBytes: 10 * 1024,
} as const;

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');
const excerpt = (name: string): string => (name.length > 60 ? `${name.slice(0, 60)}…` : name);

/** The first limit the Actions' attributes break, as the login's error message; undefined when none. */
export function actionAttributeLimitError(fromAction: Record<string, unknown>): string | undefined {
  const names = Object.keys(fromAction);
  if (names.length > ACTION_SAML_LIMITS.attributes) {
    return `SAML attribute limit exceeded: the Actions set ${names.length} attributes; Auth0 allows ${ACTION_SAML_LIMITS.attributes} changed or added attributes per login`;
  }
  let total = 0;
  for (const name of names) {
    const nameSize = bytes(name);
    if (nameSize > ACTION_SAML_LIMITS.nameBytes) {
      return `SAML attribute name too long: "${excerpt(name)}" is ${nameSize} bytes; Auth0 allows ${ACTION_SAML_LIMITS.nameBytes}`;
    }
    total += nameSize;
    for (const value of actionAttributeValues(fromAction[name])) {
      const size = bytes(attributeValueText(value));
      if (size > ACTION_SAML_LIMITS.valueBytes) {
        return `SAML attribute value too long: a value of "${excerpt(name)}" is ${size} bytes; Auth0 allows ${ACTION_SAML_LIMITS.valueBytes}`;
      }
      total += size;
    }
  }
  if (total > ACTION_SAML_LIMITS.totalBytes) {
    return `SAML attributes too large: the Actions' attribute names and values total ${total} bytes; Auth0 allows ${ACTION_SAML_LIMITS.totalBytes} for the assertion`;
  }
  return undefined;
}
