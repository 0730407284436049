// What Flex does with each SAML attribute name, as data (Twilio Flex SSO docs + the seeds). Flex reads
// un-namespaced names verbatim; anything not listed here is stored as a worker attribute only.

export type FlexAttributeKind = 'core' | 'insights' | 'teams' | 'harness';

export interface FlexAttributeSpec {
  flexMeaning: string;
  required: boolean;
  multiValued: boolean;
  kind: FlexAttributeKind;
}

export const FLEX_ATTRIBUTES = {
  email: { flexMeaning: 'worker email and identity', required: true, multiValued: false, kind: 'core' },
  full_name: { flexMeaning: 'worker display name', required: true, multiValued: false, kind: 'core' },
  roles: { flexMeaning: 'Flex roles (permissions); several values or one comma-separated value', required: true, multiValued: true, kind: 'core' },
  image_url: { flexMeaning: 'worker avatar URL', required: false, multiValued: false, kind: 'core' },
  team_id: { flexMeaning: 'Flex Insights team ID', required: false, multiValued: false, kind: 'insights' },
  team_name: {
    flexMeaning: 'Flex Insights team name (displayed only when team_id is also sent); Teams View filters on it',
    required: false,
    multiValued: false,
    kind: 'insights',
  },
  team_name_in_hierarchy: { flexMeaning: 'Flex Insights team hierarchy path', required: false, multiValued: false, kind: 'insights' },
  department: { flexMeaning: 'Flex Insights department', required: false, multiValued: false, kind: 'insights' },
  department_id: { flexMeaning: 'Flex Insights department ID; department_name displays only with it', required: false, multiValued: false, kind: 'insights' },
  department_name: {
    flexMeaning: 'Flex Insights department name; displayed only when department_id is also sent',
    required: false,
    multiValued: false,
    kind: 'insights',
  },
  location: { flexMeaning: 'Flex Insights location', required: false, multiValued: false, kind: 'insights' },
  manager: { flexMeaning: 'Flex Insights manager', required: false, multiValued: false, kind: 'insights' },
  phone: { flexMeaning: 'Flex Insights phone', required: false, multiValued: false, kind: 'insights' },
  team_member: { flexMeaning: 'Flex Teams: teams the worker belongs to', required: false, multiValued: true, kind: 'teams' },
  team_owner: { flexMeaning: 'Flex Teams: teams the worker owns', required: false, multiValued: true, kind: 'teams' },
  team: {
    flexMeaning: 'seed Pattern A team: stored as a worker attribute, drives no Flex feature (Teams View reads team_name)',
    required: false,
    multiValued: false,
    kind: 'harness',
  },
  program: {
    flexMeaning: 'seed Pattern A program: stored as a worker attribute, drives no Flex feature',
    required: false,
    multiValued: false,
    kind: 'harness',
  },
} as const satisfies Record<string, FlexAttributeSpec>;

export type FlexAttributeName = keyof typeof FLEX_ATTRIBUTES;

export function flexAttribute(name: string): FlexAttributeSpec | undefined {
  return Object.hasOwn(FLEX_ATTRIBUTES, name) ? FLEX_ATTRIBUTES[name as FlexAttributeName] : undefined;
}

export const REQUIRED_FLEX_ATTRIBUTES = (Object.keys(FLEX_ATTRIBUTES) as FlexAttributeName[]).filter((n) => FLEX_ATTRIBUTES[n].required);

// The roles Flex knows and how it splits the roles attribute: flex/roles.ts.

/** The Twilio error page a role or attribute refusal cites. */
export const FLEX_ERROR_45050_URL = 'https://www.twilio.com/docs/api/errors/45050';

/**
 * Insights attribute pairs: the name attribute displays only when its ID is sent too (Twilio's SSO
 * configuration page, attribute table; issue 18).
 */
export const INSIGHTS_PAIRS = [
  { attribute: 'team_name', needs: 'team_id' },
  { attribute: 'department_name', needs: 'department_id' },
] as const;

/** Typed custom attributes: `name.<suffix>`; each value must read as that type. */
export const TYPED_SUFFIXES: Record<string, { describe: string; valid: (value: string) => boolean; multiValued: boolean }> = {
  int: { describe: 'an integer', valid: (v) => /^[+-]?\d+$/.test(v.trim()), multiValued: false },
  float: { describe: 'a number', valid: (v) => v.trim() !== '' && Number.isFinite(Number(v)), multiValued: false },
  boolean: { describe: '`true` or `false`', valid: (v) => v.trim() === 'true' || v.trim() === 'false', multiValued: false },
  string: { describe: 'a string', valid: () => true, multiValued: false },
  stringarray: { describe: 'strings', valid: () => true, multiValued: true },
  intarray: { describe: 'integers', valid: (v) => /^[+-]?\d+$/.test(v.trim()), multiValued: true },
};

/** Namespaced claim URIs Auth0 emits by default, by the Flex name they would have to become. */
export const NAMESPACED_EQUIVALENTS: Record<string, string[]> = {
  email: ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress', 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn'],
  full_name: ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name', 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname'],
  roles: ['http://schemas.microsoft.com/ws/2008/06/identity/claims/role', 'http://schemas.xmlsoap.org/claims/Group'],
  image_url: ['http://schemas.auth0.com/picture'],
};
