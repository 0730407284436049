// What the fidelity normaliser hides before two SAML responses are compared structurally: the values
// that differ on every login (IDs, instants, signature bytes, the signing certificate) and the user's
// data (NameID and attribute values). Everything else — element and attribute names, their order,
// configuration values (Issuer, Audience, Destination, Recipient, algorithms, formats, xsi:type) — is
// structure and is compared as is. Data, not code: one table per kind of value.

/** An attribute that carries a generated identifier; its value becomes `{role shape}`. */
export interface IdRule {
  element: string;
  attribute: string;
  role: string;
}

export const ID_RULES: readonly IdRule[] = [
  { element: 'Response', attribute: 'ID', role: 'response-id' },
  { element: 'LogoutResponse', attribute: 'ID', role: 'response-id' },
  { element: 'Assertion', attribute: 'ID', role: 'assertion-id' },
  { element: 'AuthnStatement', attribute: 'SessionIndex', role: 'session-index' },
];

/** Attributes that carry the SP's request ID; they differ per login but their presence is structure. */
export const REQUEST_ID_ATTRIBUTES: ReadonlySet<string> = new Set(['InResponseTo']);

/** xs:dateTime attributes, shown as an offset from the Assertion's IssueInstant (the Response's without one). */
export const INSTANT_ATTRIBUTES: ReadonlySet<string> = new Set(['IssueInstant', 'NotBefore', 'NotOnOrAfter', 'AuthnInstant']);

/** Elements whose text is masked, by local name: what replaces it. */
export const MASKED_TEXT: Readonly<Record<string, string>> = {
  DigestValue: '{digest}',
  SignatureValue: '{signature}',
  X509Certificate: '{certificate}',
  NameID: '{user data}',
  AttributeValue: '{user data}',
};

/** Elements keyed by an attribute when children are matched (an Attribute is known by its Name). */
export const KEY_ATTRIBUTES: Readonly<Record<string, string>> = {
  Attribute: 'Name',
};

/** Short names for well-known attribute namespaces, so `xsi:type` reads as such whatever the prefix. */
export const NAMESPACE_ALIASES: Readonly<Record<string, string>> = {
  'http://www.w3.org/2001/XMLSchema-instance': 'xsi',
  'http://www.w3.org/XML/1998/namespace': 'xml',
};

/**
 * A value the normaliser wrote (`{response-id _hex20}`, `{instant+0s}`). Normalising a normalised
 * document leaves these as they are, so a recording (harness/fidelity/recording) read back compares
 * exactly as the response it was made from.
 */
export function isPlaceholder(value: string): boolean {
  return /^\{[^{}]*\}$/.test(value);
}

/** The shape of a generated identifier, kept so a different ID format still shows: `_hex20`, `_alnum32`. */
export function idShape(value: string): string {
  if (/^_[0-9a-f]+$/.test(value)) return `_hex${value.length - 1}`;
  if (/^_[A-Za-z0-9]+$/.test(value)) return `_alnum${value.length - 1}`;
  return `other${value.length}`;
}

const XS_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?Z$/;

/** `{instant+3600s}`; `, whole seconds` when the value has no fraction (an older Auth0 template). */
export function instantPlaceholder(value: string, base: number | undefined): string {
  const match = XS_DATETIME.exec(value);
  const time = match ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) return '{instant: not a UTC xs:dateTime}';
  const precision = match?.[7] === undefined ? ', whole seconds' : '';
  if (base === undefined) return `{instant${precision}}`;
  const seconds = Math.round((time - base) / 1000);
  return `{instant${seconds < 0 ? '' : '+'}${seconds}s${precision}}`;
}

/** The base instant of a document: parsed, or undefined when absent or unreadable. */
export function parseInstant(value: string | undefined): number | undefined {
  if (value === undefined || !XS_DATETIME.test(value)) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

/** Prefixes a normalised response is written with (serialise.ts); other namespaces get ns1, ns2, … */
export const SERIALISE_PREFIXES: Readonly<Record<string, string>> = {
  'urn:oasis:names:tc:SAML:2.0:protocol': 'samlp',
  'urn:oasis:names:tc:SAML:2.0:assertion': 'saml',
  'http://www.w3.org/2000/09/xmldsig#': 'ds',
  'http://www.w3.org/2001/04/xmlenc#': 'xenc',
  'http://www.w3.org/2001/XMLSchema': 'xs',
  'http://www.w3.org/2001/XMLSchema-instance': 'xsi',
};
