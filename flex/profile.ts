// A Flex SSO profile and what it implies: the ACS path and URL, and the SP entity ID (the Audience
// the IdP must write). Enhanced SSO: ACS `https://login.flex.us1.twilio.com/login/callback?connection=JQ…`,
// audience `urn:flex:JQ…`. Legacy SSO: ACS `https://iam.twilio.com/v1/Accounts/AC…/saml2`, audience
// that URL + `/metadata`. Source: Twilio Flex SSO docs (docs/emulator-fidelity.md, fake SP section).

export type FlexProfileKind = 'enhanced' | 'legacy';

export type FlexProfileIds = { kind: 'enhanced'; connectionId: string } | { kind: 'legacy'; accountSid: string };

/** Where Flex's own ACS endpoints live. */
export const FLEX_ORIGINS = { enhanced: 'https://login.flex.us1.twilio.com', legacy: 'https://iam.twilio.com' } as const;

export const ENHANCED_ACS_PATH = '/login/callback';

export function legacyAcsPath(accountSid: string): string {
  return `/v1/Accounts/${accountSid}/saml2`;
}

/** The ACS path (with the Enhanced `connection` query): the same on Flex and on the fake SP. */
export function flexAcsPath(profile: FlexProfileIds): string {
  return profile.kind === 'enhanced' ? `${ENHANCED_ACS_PATH}?connection=${profile.connectionId}` : legacyAcsPath(profile.accountSid);
}

/** Flex's own ACS URL for the profile. */
export function flexAcsUrl(profile: FlexProfileIds): string {
  return FLEX_ORIGINS[profile.kind] + flexAcsPath(profile);
}

/** Flex's SP entity ID for the profile: what the IdP's Audience (the addon's `audience`) must be. */
export function flexAudience(profile: FlexProfileIds): string {
  return profile.kind === 'enhanced' ? `urn:flex:${profile.connectionId}` : `${FLEX_ORIGINS.legacy}${flexAcsPath(profile)}/metadata`;
}

/** The profile's id: the Enhanced connection id (JQ…) or the Legacy account SID (AC…). */
export function profileSid(profile: FlexProfileIds): string {
  return profile.kind === 'enhanced' ? profile.connectionId : profile.accountSid;
}
