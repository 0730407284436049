// Inputs of the pure SAML response builder. Everything the XML contains is decided before building,
// so the builder is a pure `(input, now) → xml` function.

/**
 * A value whose XML text and xsi:type were fixed where it was produced. node-saml (lib/saml20.js
 * createAssertion) writes `valueElement.textContent = value`, i.e. the value's string conversion,
 * typed by `typeof`: an object becomes `[object Object]` as xs:anyType, NaN stays `NaN` as xs:double.
 * The Action sandbox converts such values before they cross to the host as JSON (sandbox-prelude.js).
 */
export interface TypedText {
  $saml: 'xs:anyType' | 'xs:double';
  text: string;
}

/**
 * One attribute value as it came from the profile or an Action (typed by the builder). `null` is an
 * array element that was null: node-saml writes its string conversion, the text `null`.
 */
export type AttributeScalar = string | number | boolean | Date | null | TypedText;

export interface SamlAttribute {
  name: string;
  values: AttributeScalar[];
}

export type SignatureAlgorithm = 'rsa-sha256' | 'rsa-sha1';
export type DigestAlgorithm = 'sha256' | 'sha1';

/** Addon `mappings`: profile claim → one attribute name, or several (Auth0 docs, saml-attribute-mapping-examples). */
export type ClaimMappings = Record<string, string | string[]>;

/** Addon settings after defaults and Action overrides (see settings.ts). */
export interface EffectiveSamlSettings {
  issuer: string;
  /** Undefined when neither the addon, an Action nor an AuthnRequest names one: no AudienceRestriction. */
  audience?: string;
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
  mappings: ClaimMappings;
  createUpnClaim: boolean;
  passthroughClaimsWithNoMapping: boolean;
  mapUnknownClaimsAsIs: boolean;
  mapIdentities: boolean;
}

export interface SamlResponseInput {
  issuer: string;
  destination: string;
  recipient: string;
  /** Omitted → no AudienceRestriction (node-saml saml20.js writes one only `if (options.audiences)`). */
  audience?: string;
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
export const ATTRNAME_FORMAT_UNSPECIFIED = 'urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified';
export const BINDING_REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
export const BINDING_POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';
