// Flex Legacy SSO is a migration, not a configuration: Twilio's "Flex SSO URL Migration Guide"
// (twilio.com/docs/flex/admin-guide/setup/sso-configuration/migration-guide) requires every Legacy
// SSO customer to move to Enhanced SSO "prior to March 31, 2026" (earlier versions of the page said
// June 2025). The deadline and the steps, as data, for `doctor` and `init --legacy`.

export const LEGACY_MIGRATION_GUIDE = 'https://www.twilio.com/docs/flex/admin-guide/setup/sso-configuration/migration-guide';
export const LEGACY_DEADLINE = '2026-03-31';

export const LEGACY_MIGRATION_STEPS = [
  'In Twilio Console open Flex → Manage → Single sign-on; with Flex UI 2.7.x or later it shows "New SSO Solution Available": click Start setup.',
  'Choose a setup type: modify the existing Auth0 SAML app (no new app; logins fail until it is right) or create a new one (the Legacy connection stays as a fallback).',
  'Update Auth0: in the SAML2 Web App addon set "audience" to the Entity ID Flex shows (urn:flex:JQ…) and make the ACS URL it shows (https://login.flex.us1.twilio.com/login/callback?connection=JQ…) the first Allowed Callback URL.',
  'Enter the IdP data in Flex (a new connection only): issuer urn:<tenant domain>, SSO URL https://<tenant domain>/samlp/<client id>, the certificate from https://<tenant domain>/pem.',
  'Validate the connection in Flex, then test it here: `flex-sso init --enhanced` with the JQ… connection id, and `flex-sso run --mode staging`.',
] as const;

/** Whether the deadline has passed at `now`. */
export function legacyPastDeadline(now: Date): boolean {
  return now.getTime() >= Date.parse(`${LEGACY_DEADLINE}T00:00:00Z`);
}

export function legacyNotice(now: Date): string {
  const when = legacyPastDeadline(now) ? `is past its migration deadline (${LEGACY_DEADLINE})` : `must be migrated before ${LEGACY_DEADLINE}`;
  return `Flex Legacy SSO (iam.twilio.com …/saml2) ${when}: Twilio requires every Legacy SSO customer to move to Enhanced SSO (${LEGACY_MIGRATION_GUIDE}). The Legacy profile stays here to test the migration. Steps:\n${LEGACY_MIGRATION_STEPS.map((s, i) => `  ${i + 1}. ${s}`).join('\n')}`;
}
