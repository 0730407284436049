// Effective SAML settings for one login: Auth0's addon defaults, then the app's addons.samlp,
// then the post-login Actions' api.samlResponse.set* overrides (which win, as in Auth0).
import type { SamlpAddon } from '../tenant/types.ts';
import {
  AUTHN_CONTEXT_UNSPECIFIED,
  NAMEID_UNSPECIFIED,
  type ClaimMappings,
  type DigestAlgorithm,
  type EffectiveSamlSettings,
  type SignatureAlgorithm,
} from './types.ts';

/**
 * With no `signatureAlgorithm`/`digestAlgorithm` Auth0 signs RSA-SHA1 / SHA-1: the addon settings
 * table (docs customize-saml-assertions: "Default is rsa-sha1", "Default is sha1") and every real
 * capture (test/fixtures/corpus/real/auth0-svc-tester-2020, whose addon sets no algorithm;
 * auth0-scaleft-gosaml2; the auth0-devtenant-jackson-slo LogoutResponse). node-samlp's own library
 * default (rsa-sha256, lib/samlp.js `auth`) is not what hosted tenants use.
 */
export const DEFAULT_SIGNATURE_ALGORITHM: SignatureAlgorithm = 'rsa-sha1';
export const DEFAULT_DIGEST_ALGORITHM: DigestAlgorithm = 'sha1';

/** Auth0's default addon mappings (docs customize-saml-assertions; capture auth0-scaleft-gosaml2). */
export const DEFAULT_MAPPINGS: Readonly<Record<string, string>> = {
  user_id: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier',
  email: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress',
  name: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name',
  given_name: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname',
  family_name: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname',
  upn: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn',
  groups: 'http://schemas.xmlsoap.org/claims/Group',
};

export const DEFAULT_NAME_IDENTIFIER_PROBES: readonly string[] = [
  'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier',
  'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress',
  'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name',
];

export const DEFAULT_LIFETIME_SECONDS = 3600;

/** The subset of Action overrides that change the response (api.samlResponse.set*). */
export interface SamlSettingsOverrides {
  audience?: string;
  recipient?: string;
  destination?: string;
  issuer?: string;
  lifetimeInSeconds?: number;
  signResponse?: boolean;
  nameIdentifierFormat?: string;
  nameIdentifierProbes?: string[];
  createUpnClaim?: boolean;
  passthroughClaimsWithNoMapping?: boolean;
  mapUnknownClaimsAsIs?: boolean;
  mapIdentities?: boolean;
  signatureAlgorithm?: string;
  digestAlgorithm?: string;
  typedAttributes?: boolean;
  includeAttributeNameFormat?: boolean;
  authnContextClassRef?: string;
  /** api.samlResponse.setCert / setKey: sign with this pair instead of the tenant's (post-login API docs). */
  cert?: string;
  key?: string;
  /** api.samlResponse.setEncryptionCert / setEncryptionPublicKey / setEncryptionAlgorithm: encrypt the Assertion (encrypt-assertion.ts). */
  encryptionCert?: string;
  encryptionPublicKey?: string;
  encryptionAlgorithm?: string;
}

export interface SettingsContext {
  /** urn:<tenant domain> */
  tenantIssuer: string;
  /** Where the response is posted (validated callback). */
  acsUrl: string;
  /** Issuer of the AuthnRequest, when SP-initiated. */
  authnRequestIssuer?: string;
}

function pick<T>(...values: (T | undefined)[]): T | undefined {
  return values.find((v) => v !== undefined);
}

function signatureAlgorithm(value: string | undefined): SignatureAlgorithm {
  return value === 'rsa-sha256' || value === 'rsa-sha1' ? value : DEFAULT_SIGNATURE_ALGORITHM;
}

function digestAlgorithm(value: string | undefined): DigestAlgorithm {
  return value === 'sha256' || value === 'sha1' ? value : DEFAULT_DIGEST_ALGORITHM;
}

/**
 * Addon `mappings` REPLACE the default mappings, they are not merged into them: capture
 * auth0-svc-tester-2020 was made with `mappings: { email: … }` only and carries no `…/claims/name`
 * or `…/nameidentifier`; its `name` and `user_id` arrive as `http://schemas.auth0.com/name` and
 * `…/user_id` by passthrough. An absent or empty object means the defaults (the docs' "an empty
 * mappings object generates by default"; without them no NameID probe would ever find a value).
 */
export function effectiveMappings(mappings: ClaimMappings | undefined): ClaimMappings {
  return mappings !== undefined && Object.keys(mappings).length > 0 ? { ...mappings } : { ...DEFAULT_MAPPINGS };
}

function lifetime(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? Math.floor(value) : DEFAULT_LIFETIME_SECONDS;
}

/** True when the addon sets its own `mappings` (they replace Auth0's defaults, see effectiveMappings). */
export function hasCustomMappings(addon: Pick<SamlpAddon, 'mappings'> | undefined): boolean {
  return addon?.mappings !== undefined && Object.keys(addon.mappings).length > 0;
}

export function resolveSamlSettings(addon: SamlpAddon | undefined, overrides: SamlSettingsOverrides | undefined, ctx: SettingsContext): EffectiveSamlSettings {
  const a = addon ?? {};
  const o = overrides ?? {};
  return {
    issuer: pick(o.issuer, a.issuer) ?? ctx.tenantIssuer,
    // Auth0's default audience is the AuthnRequest's issuer (docs customize-saml-assertions). An
    // IdP-initiated login with no addon audience has none: node-samlp passes `audiences: undefined`
    // and node-saml (lib/saml20.js) then writes no AudienceRestriction at all.
    audience: pick(o.audience, a.audience, ctx.authnRequestIssuer),
    recipient: pick(o.recipient, a.recipient) ?? ctx.acsUrl,
    destination: pick(o.destination, a.destination) ?? ctx.acsUrl,
    lifetimeInSeconds: lifetime(pick(o.lifetimeInSeconds, a.lifetimeInSeconds)),
    signResponse: pick(o.signResponse, a.signResponse) ?? false,
    signatureAlgorithm: signatureAlgorithm(pick(o.signatureAlgorithm, a.signatureAlgorithm)),
    digestAlgorithm: digestAlgorithm(pick(o.digestAlgorithm, a.digestAlgorithm)),
    nameIdentifierFormat: pick(o.nameIdentifierFormat, a.nameIdentifierFormat) ?? NAMEID_UNSPECIFIED,
    nameIdentifierProbes: [...(pick(o.nameIdentifierProbes, a.nameIdentifierProbes) ?? DEFAULT_NAME_IDENTIFIER_PROBES)],
    authnContextClassRef: pick(o.authnContextClassRef, a.authnContextClassRef) ?? AUTHN_CONTEXT_UNSPECIFIED,
    typedAttributes: pick(o.typedAttributes, a.typedAttributes) ?? true,
    includeAttributeNameFormat: pick(o.includeAttributeNameFormat, a.includeAttributeNameFormat) ?? true,
    mappings: effectiveMappings(a.mappings),
    createUpnClaim: pick(o.createUpnClaim, a.createUpnClaim) ?? true,
    passthroughClaimsWithNoMapping: pick(o.passthroughClaimsWithNoMapping, a.passthroughClaimsWithNoMapping) ?? true,
    mapUnknownClaimsAsIs: pick(o.mapUnknownClaimsAsIs, a.mapUnknownClaimsAsIs) ?? false,
    mapIdentities: pick(o.mapIdentities, a.mapIdentities) ?? true,
  };
}
