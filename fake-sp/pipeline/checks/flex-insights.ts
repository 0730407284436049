// Flex Insights findings that do not stop a login, so they are warnings, not failures: a name
// attribute without its ID (Insights does not display it) and wfo.* roles on a user who cannot open
// Insights (twilio.com/docs/flex/admin-guide/setup/sso-configuration/insights-user-roles: "Flex
// Insights cannot be accessed by users with the agent role").
import { FLEX_LOGIN_ROLES, INSIGHTS_OPENING_ROLES, INSIGHTS_ROLE_PREFIX } from '../../../flex/roles.ts';
import { INSIGHTS_PAIRS } from '../flex-attributes.ts';

const present = (attributes: Readonly<Record<string, string[]>>, name: string): boolean =>
  Object.hasOwn(attributes, name) && (attributes[name] ?? []).some((v) => v.trim() !== '');

export function insightsWarnings(attributes: Readonly<Record<string, string[]>>, roles: readonly string[]): string[] {
  const warnings: string[] = [];
  for (const { attribute, needs } of INSIGHTS_PAIRS) {
    if (present(attributes, attribute) && !present(attributes, needs)) {
      warnings.push(
        `\`${attribute}\` is sent without \`${needs}\`: Flex Insights displays ${attribute} only together with ${needs}; the login is accepted, but set ${needs} in the Action too.`,
      );
    }
  }
  const insightsRoles = roles.filter((r) => r.startsWith(INSIGHTS_ROLE_PREFIX));
  // Only for a user Flex lets in (a user with no Flex role at all is refused: FLEX_NO_FLEX_ROLE says so).
  const logsIn = roles.some((r) => (FLEX_LOGIN_ROLES as readonly string[]).includes(r));
  if (insightsRoles.length > 0 && logsIn && !roles.some((r) => (INSIGHTS_OPENING_ROLES as readonly string[]).includes(r))) {
    warnings.push(
      `Insights role(s) ${insightsRoles.join(', ')} on a user without supervisor or admin: Flex Insights cannot be opened with the agent role, so they grant nothing; add supervisor or admin, or drop them.`,
    );
  }
  return warnings;
}
