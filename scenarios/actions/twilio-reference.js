/**
 * Flex SSO post-login Action: Twilio's reference Action ("Configure Auth0 IdP with Twilio Flex").
 *
 * What it is for: the minimal Action from Twilio's guide, kept as a baseline to compare the
 * patterns against. It sends email, full_name (Auth0's `name`), image_url (the profile picture) and
 * roles as an ARRAY, so Flex receives one AttributeValue per role.
 *
 * Where it must be deployed: Auth0 → Actions → Flows → Login → + Actions → Build from scratch,
 * Deploy, then drag it into the Login flow and Apply.
 *
 * Behaviour kept on purpose: it does not guard app_metadata.flex. A user without `flex` in
 * app_metadata makes it throw (TypeError reading 'roles'), so the login fails — Twilio's guide warns
 * that users without roles cannot log in. Empty email, name or picture are sent as null, which
 * removes the attribute.
 */
exports.onExecutePostLogin = async (event, api) => {
  api.samlResponse.setAttribute('email', event.user.email || null);
  api.samlResponse.setAttribute('full_name', event.user.name || null);
  api.samlResponse.setAttribute('image_url', event.user.picture || null);
  api.samlResponse.setAttribute('roles', event.user.app_metadata.flex.roles);
};
