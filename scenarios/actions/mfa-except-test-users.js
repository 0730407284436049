/**
 * Flex SSO post-login Action: Pattern B attributes, and MFA for every user except the test users
 * flex-sso provisions. The shape a tenant that requires MFA needs so that automated SSO tests run.
 *
 * Why: Auth0 asks for MFA when an Action calls api.multifactor.enable (or the tenant's MFA policy is
 * "Always"), and a Playwright login cannot answer that prompt. flex-sso tags every user it
 * provisions with app_metadata.flex_sso_harness; for them the Action calls
 * api.multifactor.enable('none'), which skips MFA for this login even under an "Always" policy
 * (Auth0 docs, post-login trigger: "skip MFA"). Everyone else gets api.multifactor.enable('any').
 *
 * Where it must be deployed: Auth0 → Actions → Library → Build Custom (trigger Post Login), Deploy,
 * then Actions → Flows → Login. `flex-sso action-test` runs it offline.
 */
exports.onExecutePostLogin = async (event, api) => {
  const user = event.user;
  const appMetadata = user.app_metadata || {};
  if (appMetadata.flex_sso_harness) api.multifactor.enable('none');
  else api.multifactor.enable('any');

  const roles = (appMetadata.flex || {}).roles || ['agent'];
  api.samlResponse.setAttribute('email', user.email);
  api.samlResponse.setAttribute('full_name', user.name || user.email.split('@')[0]);
  api.samlResponse.setAttribute('roles', roles.join(','));
};
