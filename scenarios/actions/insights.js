/**
 * Flex SSO post-login Action with Flex Insights attributes (scenarios only).
 *
 * What it is for: the Pattern B attributes (email, full_name, roles) plus the Insights attributes
 * found in app_metadata.flex — team_id, team_name, department_id, department_name — each sent only
 * when set, so a scenario can show what Flex does when one of a pair is missing (Insights displays
 * team_name only with team_id, department_name only with department_id).
 */
exports.onExecutePostLogin = async (event, api) => {
  const user = event.user;
  const flex = (user.app_metadata || {}).flex || {};
  api.samlResponse.setAttribute('email', user.email);
  api.samlResponse.setAttribute('full_name', user.name || user.email.split('@')[0]);
  api.samlResponse.setAttribute('roles', (flex.roles || ['agent']).join(','));
  for (const name of ['team_id', 'team_name', 'department_id', 'department_name']) {
    if (flex[name]) api.samlResponse.setAttribute(name, flex[name]);
  }
};
