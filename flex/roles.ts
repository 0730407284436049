// Flex roles as data, and how Flex reads the `roles` attribute (Twilio Flex SSO docs; the seeds).

// Valid role values. `flex.readteams` and `flex.readonlyadmin` are what Flex assigns a Twilio Console
// "Support" user (support.twilio.com article 43413131018395, "Flex Insights Roles Based on SSO and
// Console Configuration"); the wfo.* roles are the Flex Insights roles (twilio.com/docs/flex/
// admin-guide/setup/sso-configuration/insights-user-roles).
export const FLEX_ROLES = [
  'admin',
  'supervisor',
  'agent',
  'flex.readteams',
  'flex.readonlyadmin',
  'wfo.full_access',
  'wfo.team_leader',
  'wfo.data_analyst',
  'wfo.data_auditor',
  'wfo.quality_manager',
  'wfo.quality_process_manager',
  'wfo.dashboard_viewer',
] as const;

export type FlexRole = (typeof FLEX_ROLES)[number];

export function isFlexRole(role: string): role is FlexRole {
  return (FLEX_ROLES as readonly string[]).includes(role);
}

/**
 * Roles that let a user into Flex: `roles` must hold at least one (twilio.com/docs/api/errors/45050:
 * "Make sure roles includes at least one valid Flex role"; the Console-derived pair logs a Console
 * Support user in, article 43413131018395). A user with only wfo.* roles is refused with 45050.
 */
export const FLEX_LOGIN_ROLES = ['agent', 'supervisor', 'admin', 'flex.readteams', 'flex.readonlyadmin'] as const;

/**
 * Flex Insights opens only for `supervisor` or `admin` ("Flex Insights cannot be accessed by users
 * with the agent role", insights-user-roles page): a wfo.* role on any other user grants nothing.
 */
export const INSIGHTS_ROLE_PREFIX = 'wfo.';
export const INSIGHTS_OPENING_ROLES = ['supervisor', 'admin'] as const;

/** Roles as Flex reads them: every value split on commas, trimmed, empties dropped. */
export function splitRoles(values: readonly string[]): string[] {
  // One pass without intermediate arrays: every login of an impact run reads its roles this way.
  const roles: string[] = [];
  for (const value of values) {
    for (const part of value.split(',')) {
      const role = part.trim();
      if (role.length > 0) roles.push(role);
    }
  }
  return roles;
}

/** The same roles, whatever their order, repetition or comma-splitting. */
export function sameRoles(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(splitRoles(a));
  const right = new Set(splitRoles(b));
  return left.size === right.size && [...left].every((r) => right.has(r));
}
