// The database connection's password strength policy, checked when a password is set (create user,
// change password), as Auth0 does: with Auth0's own library, password-sheriff (github
// auth0/password-sheriff index.js: the five levels), and the connection's min_length, which
// supersedes the level's length (docs: authenticate/database-connections/password-strength).
import { format } from 'node:util';
import sheriff, { type RuleReport, type RuleSet } from 'password-sheriff';
import { TenantError, type Auth0ErrorBody } from './errors.ts';
import type { DatabaseConnection, PasswordPolicyLevel } from './types.ts';

const { lowerCase, upperCase, numbers, specialCharacters } = sheriff.charsets;
const FOUR_TYPES = [lowerCase, upperCase, numbers, specialCharacters];

/** password-sheriff's named policies, written out so that min_length can replace their length. */
const LEVEL_RULES: Record<PasswordPolicyLevel, RuleSet> = {
  none: { length: { minLength: 1 } },
  low: { length: { minLength: 6 } },
  fair: { length: { minLength: 8 }, contains: { expressions: [lowerCase, upperCase, numbers] } },
  good: { length: { minLength: 8 }, containsAtLeast: { atLeast: 3, expressions: FOUR_TYPES } },
  excellent: { length: { minLength: 10 }, containsAtLeast: { atLeast: 3, expressions: FOUR_TYPES }, identicalChars: { max: 2 } },
};

export const PASSWORD_POLICY_LEVELS = Object.keys(LEVEL_RULES) as PasswordPolicyLevel[];

/**
 * Auth0's refusal of a weak password on POST/PATCH /api/v2/users: HTTP 400 with
 * `{"statusCode":400,"error":"Bad Request","message":"PasswordStrengthError: Password is too weak"}`
 * and no errorCode (the body third-party clients match verbatim; docs/emulator-fidelity.md).
 */
export class PasswordStrengthError extends TenantError {
  constructor(hint: string) {
    super(400, 'PasswordStrengthError', 'PasswordStrengthError: Password is too weak', hint);
  }

  override toBody(): Auth0ErrorBody {
    const { errorCode: _none, ...body } = super.toBody();
    return body as Auth0ErrorBody;
  }
}

export function effectiveLevel(connection: DatabaseConnection): PasswordPolicyLevel {
  return connection.options.passwordPolicy ?? 'none';
}

function rulesFor(connection: DatabaseConnection): RuleSet {
  const rules = { ...LEVEL_RULES[effectiveLevel(connection)] };
  const minLength = connection.options.password_complexity_options?.min_length;
  if (minLength !== undefined) rules.length = { minLength };
  return rules;
}

function describe(report: RuleReport): string {
  const text = format(report.message.replace(/:$/, ''), ...(report.format ?? []));
  const items = (report.items ?? []).filter((item) => !item.verified).map((item) => item.message);
  return items.length > 0 ? `${text}: missing ${items.join(', ')}` : text;
}

/** Throws PasswordStrengthError when `password` does not meet the connection's policy. */
export function checkPasswordStrength(connection: DatabaseConnection, password: string): void {
  const policy = new sheriff.PasswordPolicy(rulesFor(connection));
  if (policy.check(password)) return;
  const failed = policy
    .missing(password)
    .rules.filter((rule) => !rule.verified)
    .map(describe);
  throw new PasswordStrengthError(
    `The connection ${connection.name} has password policy "${effectiveLevel(connection)}"; the password fails: ${failed.join('; ')}. ` +
      'Use a stronger password (the harness generates compliant ones when a scenario names none).',
  );
}
