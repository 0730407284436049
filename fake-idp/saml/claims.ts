// Auth0 SAML addon claim mapping: user profile → SAML attributes (mappings, UPN, identities,
// passthrough), then the Action's api.samlResponse.setAttribute values, then the NameID probe.
// Evidence for the order and the names: capture test/fixtures/corpus/real/auth0-svc-tester-2020
// (current Auth0 shape, addon `mappings: { email }`), docs customize-saml-assertions and
// saml-attribute-mapping-examples; value conversion follows node-saml lib/saml20.js createAssertion.
import type { User } from '../tenant/types.ts';
import type { AttributeScalar, EffectiveSamlSettings, SamlAttribute, TypedText } from './types.ts';

const AUTH0_CLAIM_NS = 'http://schemas.auth0.com/';
export const UPN_CLAIM = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn';
/** Profile fields that never become attributes by passthrough (objects handled separately or secret). */
const NOT_PASSED_THROUGH = new Set(['identities', 'app_metadata', 'user_metadata', 'password_hash', 'logins_count', 'last_login', 'blocked', 'upn']);

/**
 * The profile Auth0 feeds the SAML addon: timestamps as Date objects, clientID added, keys in
 * alphabetical order (the passthrough claims of capture auth0-svc-tester-2020 come out as clientID,
 * created_at, email_verified, name, nickname, picture, updated_at, user_id). `updated_at` is the
 * login time: the login updates the user first (both Auth0 login captures show updated_at equal to
 * the assertion's IssueInstant, to the second).
 */
export function auth0Profile(user: ProfileSource, clientId: string, loginTime?: Date): Record<string, unknown> {
  const fields: Record<string, unknown> = {
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
    updated_at: loginTime ?? new Date(user.updated_at),
    identities: user.identities,
    app_metadata: user.app_metadata,
    user_metadata: user.user_metadata,
  };
  const profile: Record<string, unknown> = {};
  profileKeys ??= Object.keys(fields).sort();
  for (const key of profileKeys) if (fields[key] !== undefined) profile[key] = fields[key];
  return profile;
}

/** The stored user's fields the profile reads (never the password hash or the login count). */
export type ProfileSource = Pick<
  User,
  | 'user_id'
  | 'email'
  | 'name'
  | 'given_name'
  | 'family_name'
  | 'created_at'
  | 'email_verified'
  | 'nickname'
  | 'picture'
  | 'updated_at'
  | 'identities'
  | 'app_metadata'
  | 'user_metadata'
>;

/** auth0Profile's keys in alphabetical order: `fields` is one object literal, its keys never vary. */
let profileKeys: string[] | undefined;

function isTypedText(v: unknown): v is TypedText {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const r = v as Record<string, unknown>;
  return (r.$saml === 'xs:anyType' || r.$saml === 'xs:double') && typeof r.text === 'string' && Object.keys(r).length === 2;
}

/** JavaScript's string conversion, as xmldom's `textContent = value` does it in node-saml. */
function jsText(v: unknown): string {
  try {
    return String(v);
  } catch {
    return '[object Object]';
  }
}

function scalar(v: unknown, fromAction: boolean): AttributeScalar | undefined {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : { $saml: 'xs:double', text: String(v) };
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? { $saml: 'xs:anyType', text: 'Invalid Date' } : v;
  // Only the Action sandbox produces TypedText; a profile object of that shape is just an object.
  if (fromAction && isTypedText(v)) return { $saml: v.$saml, text: v.text };
  if (typeof v === 'object' || typeof v === 'bigint' || typeof v === 'function') return { $saml: 'xs:anyType', text: jsText(v) };
  return undefined;
}

/**
 * node-saml (lib/saml20.js): an array gives one AttributeValue per element and skips `undefined`
 * elements ("Ignore undefined values in Array"); a `null` element is written as the text `null`
 * (measured with node-saml 4.0.0 and its xmldom); an attribute left without values is dropped
 * ("saml:Attribute must have at least one saml:AttributeValue"). A top-level null/undefined gives
 * no values: Auth0 removes such a claim (post-login API docs for setAttribute).
 */
function values(value: unknown, fromAction: boolean): AttributeScalar[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  const out: AttributeScalar[] = [];
  for (const element of list) {
    if (element === undefined) continue;
    const converted = scalar(element, fromAction);
    if (converted !== undefined) out.push(converted);
  }
  return out;
}

/** The AttributeValues a profile value gives. */
export function attributeValues(value: unknown): AttributeScalar[] {
  return values(value, false);
}

/** The AttributeValues a value set by an Action gives (it may carry TypedText from the sandbox). */
export function actionAttributeValues(value: unknown): AttributeScalar[] {
  return values(value, true);
}

/** Dotted claim paths (`app_metadata.flex.team`) resolve into nested profile objects. */
function lookup(profile: Record<string, unknown>, claim: string): unknown {
  if (Object.hasOwn(profile, claim)) return profile[claim];
  let current: unknown = profile;
  for (const part of claim.split('.')) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, part)) return undefined;
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
  delete(name: string): void {
    this.byName.delete(name);
  }
  has(name: string): boolean {
    return this.byName.has(name);
  }
  toArray(): SamlAttribute[] {
    return [...this.byName].map(([name, values]) => ({ name, values }));
  }
}

type MappingSettings = Pick<EffectiveSamlSettings, 'mappings' | 'createUpnClaim' | 'passthroughClaimsWithNoMapping' | 'mapUnknownClaimsAsIs' | 'mapIdentities'>;

/**
 * Applies the addon's mapping rules to a profile, in Auth0's order: the mappings (a value may list
 * several attribute names), the UPN claim, the first identity, then every other profile field.
 */
export function mapProfileToAttributes(profile: Record<string, unknown>, settings: MappingSettings): SamlAttribute[] {
  const list = new AttributeList();
  const upn = settings.createUpnClaim ? (profile.upn ?? profile.email) : profile.upn;
  const source: Record<string, unknown> = { ...profile, ...(upn === undefined ? {} : { upn }) };
  for (const [claim, names] of Object.entries(settings.mappings)) {
    for (const name of Array.isArray(names) ? names : [names]) list.set(name, attributeValues(lookup(source, claim)));
  }
  // createUpnClaim emits …/claims/upn even when `mappings` do not name upn (auth0-svc-tester-2020).
  if (settings.createUpnClaim && !list.has(UPN_CLAIM)) list.set(UPN_CLAIM, attributeValues(upn));
  if (settings.mapIdentities && Array.isArray(profile.identities)) {
    const first = profile.identities[0] as Record<string, unknown> | undefined;
    for (const field of ['user_id', 'provider', 'connection', 'isSocial']) {
      if (first?.[field] !== undefined) list.set(`${AUTH0_CLAIM_NS}identities/default/${field}`, attributeValues(first[field]));
    }
  }
  if (settings.passthroughClaimsWithNoMapping) {
    for (const [claim, value] of Object.entries(profile)) {
      if (Object.hasOwn(settings.mappings, claim) || NOT_PASSED_THROUGH.has(claim)) continue;
      const name = settings.mapUnknownClaimsAsIs ? claim : `${AUTH0_CLAIM_NS}${claim}`;
      if (!list.has(name)) list.set(name, attributeValues(value));
    }
  }
  return list.toArray();
}

/** Adds the attributes the Actions set: names verbatim, arrays multi-valued, null (or undefined) removes. */
export function applyActionAttributes(attributes: SamlAttribute[], fromAction: Record<string, unknown>): SamlAttribute[] {
  const list = new AttributeList();
  for (const a of attributes) list.set(a.name, a.values);
  for (const [name, value] of Object.entries(fromAction)) {
    if (value === null || value === undefined) list.delete(name);
    else list.set(name, actionAttributeValues(value));
  }
  return list.toArray();
}

export interface NameIdProbeFailure {
  code: 'nameid_not_found';
  message: string;
}

/** Picks the NameID value from the first probe attribute that has a value. */
export function probeNameIdentifier(attributes: SamlAttribute[], probes: string[]): { value: string } | NameIdProbeFailure {
  for (const probe of probes) {
    const first = attributes.find((a) => a.name === probe)?.values[0];
    if (first === undefined || first === null) continue;
    const text = first instanceof Date ? first.toISOString() : typeof first === 'object' ? first.text : String(first);
    if (text !== '') return { value: text };
  }
  return {
    code: 'nameid_not_found',
    message: `No attribute was found to generate the nameIdentifier. We tried with: ${probes.join(', ')}`,
  };
}
