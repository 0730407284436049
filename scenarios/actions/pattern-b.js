/**
 * Flex SSO post-login Action: Pattern B (isolated organisation, one Flex instance per org).
 *
 * What it is for: adds the attributes Twilio Flex requires, un-namespaced: email, full_name and
 * roles (comma-separated). No team or program: in Pattern B the whole organisation shares access,
 * so app_metadata.flex.team and app_metadata.program are ignored even when present. Behaviour
 * follows the Pattern B Action in the seed "Auth0 Configuration Reference".
 *
 * Where it must be deployed: Auth0 → Actions → Library → Build Custom (trigger Post Login), Deploy,
 * then add it to Actions → Flows → Login between Start and Complete, in the tenant that serves this
 * organisation's Flex SAML application. `flex-sso action-test` runs it offline.
 *
 * Same rules as Pattern A: missing flex.roles → 'agent'; full_name = name (which Auth0 defaults to
 * the email address), else given + family name, else the email's local part.
 */
exports.onExecutePostLogin = async (event, api) => {
  const user = event.user;
  const flex = (user.app_metadata || {}).flex || {};
  const roles = flex.roles || ['agent'];

  api.samlResponse.setAttribute('email', user.email);
  api.samlResponse.setAttribute('full_name', displayName(user));
  api.samlResponse.setAttribute('roles', roles.join(','));
};

function displayName(user) {
  if (user.name) return user.name;
  const fromParts = [user.given_name, user.family_name].filter((part) => Boolean(part)).join(' ');
  if (fromParts) return fromParts;
  return user.email.split('@')[0];
}
