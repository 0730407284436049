// Effective SAML settings for one login: Auth0's addon defaults, then the app's addons.samlp,
// then the post-login Actions' api.samlResponse.set* overrides (which win, as in Auth0).
import type { SamlpAddon } from '../tenant/types.ts';
import { AUTHN_CONTEXT_UNSPECIFIED, NAMEID_UNSPECIFIED, type DigestAlgorithm, type EffectiveSamlSettings, type SignatureAlgorithm } from './types.ts';

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
  audience?: string; recipient?: string; destination?: string; issuer?: string;
  lifetimeInSeconds?: number; signResponse?: boolean; nameIdentifierFormat?: string;
  nameIdentifierProbes?: string[]; createUpnClaim?: boolean; passthroughClaimsWithNoMapping?: boolean;
  mapUnknownClaimsAsIs?: boolean; mapIdentities?: boolean; signatureAlgorithm?: string;
  digestAlgorithm?: string; typedAttributes?: boolean; includeAttributeNameFormat?: boolean;
  authnContextClassRef?: string;
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
  return value === 'rsa-sha1' ? 'rsa-sha1' : 'rsa-sha256';
}

function digestAlgorithm(value: string | undefined): DigestAlgorithm {
  return value === 'sha1' ? 'sha1' : 'sha256';
}

function lifetime(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? Math.floor(value) : DEFAULT_LIFETIME_SECONDS;
}

export function resolveSamlSettings(addon: SamlpAddon | undefined, overrides: SamlSettingsOverrides | undefined, ctx: SettingsContext): EffectiveSamlSettings {
  const a = addon ?? {};
  const o = overrides ?? {};
  return {
    issuer: pick(o.issuer, a.issuer) ?? ctx.tenantIssuer,
    // Auth0's default audience is the AuthnRequest's issuer; IdP-initiated falls back to the callback.
    audience: pick(o.audience, a.audience, ctx.authnRequestIssuer) ?? ctx.acsUrl,
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
    // Addon mappings extend/override the defaults key by key, as in the Auth0 dashboard.
    mappings: { ...DEFAULT_MAPPINGS, ...(a.mappings ?? {}) },
    createUpnClaim: pick(o.createUpnClaim, a.createUpnClaim) ?? true,
    passthroughClaimsWithNoMapping: pick(o.passthroughClaimsWithNoMapping, a.passthroughClaimsWithNoMapping) ?? true,
    mapUnknownClaimsAsIs: pick(o.mapUnknownClaimsAsIs, a.mapUnknownClaimsAsIs) ?? false,
    mapIdentities: pick(o.mapIdentities, a.mapIdentities) ?? true,
  };
}
