/**
 * Flex SSO post-login Action: Pattern A (multi-program organisation).
 *
 * What it is for: Auth0 runs it after every login on the Flex SAML application and adds the
 * attributes Twilio Flex reads, un-namespaced: email, full_name, roles (comma-separated), plus team
 * and program when the user's app_metadata has them. Behaviour follows the Pattern A Action in the
 * seed "Auth0 Configuration Reference" (app_metadata = { flex: { roles: [...], team }, program }).
 *
 * Where it must be deployed: Auth0 → Actions → Library → Build Custom (trigger Post Login), Deploy,
 * then drag it into Actions → Flows → Login between Start and Complete. `flex-sso deploy-action`
 * does the same through the Management API; `flex-sso action-test` runs it offline.
 *
 * Notes kept from the seed's behaviour (do not "fix" here without changing the scenarios):
 * - Users without flex.roles get the role 'agent'.
 * - full_name is event.user.name first. Auth0 sets `name` to the email address when a database user
 *   is created without one, so such users get their email as full_name; the given/family name and
 *   email local-part fallbacks only apply when `name` is empty.
 * - Flex's Teams View filters on `team_name`; `team` and `program` are stored as worker attributes.
 */
exports.onExecutePostLogin = async (event, api) => {
  const user = event.user;
  const appMetadata = user.app_metadata || {};
  const flex = appMetadata.flex || {};
  const roles = flex.roles || ['agent'];

  api.samlResponse.setAttribute('email', user.email);
  api.samlResponse.setAttribute('full_name', displayName(user));
  api.samlResponse.setAttribute('roles', roles.join(','));

  // Only set when present: an empty attribute would put an empty team on the Flex worker.
  if (flex.team) api.samlResponse.setAttribute('team', flex.team);
  if (appMetadata.program) api.samlResponse.setAttribute('program', appMetadata.program);
};

function displayName(user) {
  if (user.name) return user.name;
  const fromParts = [user.given_name, user.family_name].filter((part) => Boolean(part)).join(' ');
  if (fromParts) return fromParts;
  return user.email.split('@')[0];
}
