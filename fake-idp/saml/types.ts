// Inputs of the pure SAML response builder. Everything the XML contains is decided before building,
// so the builder is a pure `(input, now) → xml` function.

/** One attribute value as it came from the profile or an Action (typed by the builder). */
export type AttributeScalar = string | number | boolean | Date | Record<string, unknown>;

export interface SamlAttribute {
  name: string;
  values: AttributeScalar[];
}

export type SignatureAlgorithm = 'rsa-sha256' | 'rsa-sha1';
export type DigestAlgorithm = 'sha256' | 'sha1';

/** Addon settings after defaults and Action overrides (see settings.ts). */
export interface EffectiveSamlSettings {
  issuer: string;
  audience: string;
  recipient: string;
  destination: string;
  lifetimeInSeconds: number;
  signResponse: boolean;
  signatureAlgorithm: SignatureAlgorithm;
  digestAlgorithm: DigestAlgorithm;
  nameIdentifierFormat: string;
  nameIdentifierProbes: string[];
  authnContextClassRef: string;
  typedAttributes: boolean;
  includeAttributeNameFormat: boolean;
  mappings: Record<string, string>;
  createUpnClaim: boolean;
  passthroughClaimsWithNoMapping: boolean;
  mapUnknownClaimsAsIs: boolean;
  mapIdentities: boolean;
}

export interface SamlResponseInput {
  issuer: string;
  destination: string;
  recipient: string;
  audience: string;
  /** AuthnRequest ID when SP-initiated. */
  inResponseTo?: string;
  nameId: { value: string; format: string };
  attributes: SamlAttribute[];
  lifetimeInSeconds: number;
  authnContextClassRef: string;
  typedAttributes: boolean;
  includeAttributeNameFormat: boolean;
  /** Fixed identifiers for reproducible output (tests); random otherwise. */
  ids?: { response?: string; assertion?: string; sessionIndex?: string };
  /** Shifts NotBefore (only) by this many seconds; used by the not-yet-valid fault. */
  notBeforeOffsetSeconds?: number;
}

export interface SamlErrorInput {
  issuer: string;
  destination: string;
  inResponseTo?: string;
  /** StatusCode under Responder; Auth0 uses the top-level Responder code. */
  statusCode?: string;
  message: string;
  ids?: { response?: string };
}

export const STATUS_SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';
export const STATUS_RESPONDER = 'urn:oasis:names:tc:SAML:2.0:status:Responder';
export const NS_PROTOCOL = 'urn:oasis:names:tc:SAML:2.0:protocol';
export const NS_ASSERTION = 'urn:oasis:names:tc:SAML:2.0:assertion';
export const NS_METADATA = 'urn:oasis:names:tc:SAML:2.0:metadata';
export const NS_DSIG = 'http://www.w3.org/2000/09/xmldsig#';
export const NAMEID_UNSPECIFIED = 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified';
export const AUTHN_CONTEXT_UNSPECIFIED = 'urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified';
export const ATTRNAME_FORMAT_URI = 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri';
export const ATTRNAME_FORMAT_BASIC = 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic';
export const BINDING_REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
export const BINDING_POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';
