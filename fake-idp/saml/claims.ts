// Auth0 SAML addon claim mapping: user profile → SAML attributes (mappings, passthrough, identities,
// UPN), then the Action's api.samlResponse.setAttribute values verbatim, then the NameID probe.
import type { User } from '../tenant/types.ts';
import type { AttributeScalar, EffectiveSamlSettings, SamlAttribute } from './types.ts';

const AUTH0_CLAIM_NS = 'http://schemas.auth0.com/';
/** Profile fields that never become attributes by passthrough (objects handled separately or secret). */
const NOT_PASSED_THROUGH = new Set(['identities', 'app_metadata', 'user_metadata', 'password_hash', 'logins_count', 'last_login', 'blocked', 'upn']);

/** The profile Auth0 feeds the SAML addon (timestamps as Date objects, clientID added). */
export function auth0Profile(user: User, clientId: string): Record<string, unknown> {
  const profile: Record<string, unknown> = {
    user_id: user.user_id,
    email: user.email,
    name: user.name,
    given_name: user.given_name,
    family_name: user.family_name,
    clientID: clientId,
    created_at: new Date(user.created_at),
    email_verified: user.email_verified,
    nickname: user.nickname,
    picture: user.picture,
    updated_at: new Date(user.updated_at),
    identities: user.identities,
    app_metadata: user.app_metadata,
    user_metadata: user.user_metadata,
  };
  for (const key of Object.keys(profile)) if (profile[key] === undefined) delete profile[key];
  return profile;
}

function isScalar(v: unknown): v is AttributeScalar {
  return typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)) ||
    (v instanceof Date && !Number.isNaN(v.getTime())) || (typeof v === 'object' && v !== null && !Array.isArray(v));
}

/** Arrays give one AttributeValue each; null/undefined and empty arrays give none (Auth0 drops them). */
export function attributeValues(value: unknown): AttributeScalar[] {
  if (Array.isArray(value)) return value.filter(isScalar);
  return isScalar(value) ? [value] : [];
}

/** Dotted claim paths (`app_metadata.flex.team`) resolve into nested profile objects. */
function lookup(profile: Record<string, unknown>, claim: string): unknown {
  if (claim in profile) return profile[claim];
  let current: unknown = profile;
  for (const part of claim.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

class AttributeList {
  private readonly byName = new Map<string, AttributeScalar[]>();
  set(name: string, values: AttributeScalar[]): void {
    if (values.length === 0) this.byName.delete(name);
    else this.byName.set(name, values);
  }
  delete(name: string): void { this.byName.delete(name); }
  has(name: string): boolean { return this.byName.has(name); }
  toArray(): SamlAttribute[] { return [...this.byName].map(([name, values]) => ({ name, values })); }
}

type MappingSettings = Pick<EffectiveSamlSettings, 'mappings' | 'createUpnClaim' | 'passthroughClaimsWithNoMapping' | 'mapUnknownClaimsAsIs' | 'mapIdentities'>;

/** Applies the addon's mapping rules to a profile. */
export function mapProfileToAttributes(profile: Record<string, unknown>, settings: MappingSettings): SamlAttribute[] {
  const list = new AttributeList();
  const source: Record<string, unknown> = { ...profile };
  if (settings.createUpnClaim && source.upn === undefined && typeof source.email === 'string') source.upn = source.email;
  for (const [claim, attributeName] of Object.entries(settings.mappings)) {
    if (!settings.createUpnClaim && claim === 'upn' && profile.upn === undefined) continue;
    list.set(attributeName, attributeValues(lookup(source, claim)));
  }
  if (settings.mapIdentities && Array.isArray(profile.identities)) {
    const first = profile.identities[0] as Record<string, unknown> | undefined;
    for (const field of ['user_id', 'provider', 'connection', 'isSocial']) {
      if (first?.[field] !== undefined) list.set(`${AUTH0_CLAIM_NS}identities/default/${field}`, attributeValues(first[field]));
    }
  }
  if (settings.passthroughClaimsWithNoMapping) {
    for (const [claim, value] of Object.entries(profile)) {
      if (claim in settings.mappings || NOT_PASSED_THROUGH.has(claim)) continue;
      const name = settings.mapUnknownClaimsAsIs ? claim : `${AUTH0_CLAIM_NS}${claim}`;
      if (!list.has(name)) list.set(name, attributeValues(value));
    }
  }
  return list.toArray();
}

/** Adds the attributes an Action set: names verbatim, arrays multi-valued, null removes. */
export function applyActionAttributes(attributes: SamlAttribute[], fromAction: Record<string, unknown>): SamlAttribute[] {
  const list = new AttributeList();
  for (const a of attributes) list.set(a.name, a.values);
  for (const [name, value] of Object.entries(fromAction)) {
    if (value === null || value === undefined) list.delete(name);
    else list.set(name, attributeValues(value));
  }
  return list.toArray();
}

export interface NameIdProbeFailure { code: 'nameid_not_found'; message: string }

/** Picks the NameID value from the first probe attribute that has a value. */
export function probeNameIdentifier(attributes: SamlAttribute[], probes: string[]): { value: string } | NameIdProbeFailure {
  for (const probe of probes) {
    const first = attributes.find((a) => a.name === probe)?.values[0];
    if (first !== undefined && String(first) !== '') return { value: first instanceof Date ? first.toISOString() : String(first) };
  }
  return {
    code: 'nameid_not_found',
    message: `No attribute was found to generate the nameIdentifier. We tried with: ${probes.join(', ')}`,
  };
}
