// Flex's role rule (twilio.com/docs/api/errors/45050): `roles` must include at least one role that
// lets a user into Flex — agent, supervisor, admin, or the Console-derived flex.readteams /
// flex.readonlyadmin (support article 43413131018395). Insights roles (wfo.*) alone are refused.
import { FLEX_LOGIN_ROLES } from '../../../flex/roles.ts';
import { FLEX_ERROR_45050_URL } from '../flex-attributes.ts';

export interface RoleProblem {
  code: string;
  expected: string;
  actual: string;
  detail: string;
  hint: string;
}

const isLoginRole = (role: string): boolean => (FLEX_LOGIN_ROLES as readonly string[]).includes(role);

/** undefined when no roles were read (FLEX_MISSING_REQUIRED covers that) or one of them is a Flex role. */
export function noFlexRole(roles: readonly string[]): RoleProblem | undefined {
  if (roles.length === 0 || roles.some(isLoginRole)) return undefined;
  const list = FLEX_LOGIN_ROLES.join(', ');
  return {
    code: 'FLEX_NO_FLEX_ROLE',
    expected: `at least one of: ${list}`,
    actual: roles.join(', '),
    detail: `roles [${roles.join(', ')}] holds no Flex role (Flex would answer with Twilio error 45050, ${FLEX_ERROR_45050_URL}).`,
    hint: `Insights roles (wfo.*) only add permissions inside Flex Insights: add a Flex role (${list}) to the user's app_metadata.flex.roles, e.g. ["supervisor", "${roles[0] ?? 'wfo.full_access'}"]; the user must log in again after the change.`,
  };
}
