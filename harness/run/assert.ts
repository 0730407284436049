// The assertion engine: a scenario's `expect` against the fake SP's login record. Pure.
import type { CheckResult, Verdict } from '../../fake-sp/pipeline/types.ts';
import { ABSENT, attributeMatches, isAbsent } from '../../flex/attribute-match.ts';
import { didYouMean } from '../../flex/did-you-mean.ts';
import { FLEX_ROLES, isFlexRole, splitRoles } from '../../flex/roles.ts';
import type { ExpectedAttribute, ScenarioSpec } from '../scenarios/schema.ts';
import { isWrongPasswordCode, pageErrorOutcome, PROTECTION_HINTS } from './login-outcomes.ts';
import type { ActualOutcome, FieldResult, Observation } from './observation.ts';

export interface AssertionResult {
  passed: boolean;
  outcome: ActualOutcome;
  fields: FieldResult[];
  /** Distinct hints of the failed fields, in order. */
  hints: string[];
}

const ATTRIBUTE_CHECKS = ['flex', 'attributes'] as const;

function failedChecks(verdict: Verdict): CheckResult[] {
  return verdict.checks.filter((c) => c.status === 'failed');
}

function checkAdvice(check: CheckResult): string {
  return check.hint ?? check.detail;
}

function isIdpStatusError(verdict: Verdict): boolean {
  return verdict.checks.some((c) => c.id === 'status' && c.status === 'failed');
}

export function actualOutcome(observation: Observation): ActualOutcome {
  if (observation.mfaChallenge) return 'mfa-required';
  // A code outside the known vocabulary still means the page refused the credentials.
  if (observation.passwordError) return pageErrorOutcome(observation.passwordError) ?? 'wrong-password';
  const record = observation.record;
  if (record) {
    if (record.verdict.valid) return 'login';
    return isIdpStatusError(record.verdict) ? 'idp-error' : 'sp-rejected';
  }
  if (observation.idpErrorPage) return 'idp-error';
  return 'no-response';
}

function describeActual(observation: Observation, outcome: ActualOutcome): string {
  const verdict = observation.record?.verdict;
  switch (outcome) {
    case 'sp-rejected':
      return `sp-rejected (failed: ${
        verdict
          ? failedChecks(verdict)
              .map((c) => c.id)
              .join(', ')
          : '?'
      })`;
    case 'idp-error': {
      if (observation.idpErrorPage) return `idp-error (error page HTTP ${observation.idpErrorPage.status} at ${observation.idpErrorPage.url})`;
      const facts = verdict?.facts;
      return `idp-error (${[facts?.statusCode, facts?.statusMessage].filter(Boolean).join(': ') || 'non-Success status'})`;
    }
    case 'wrong-password':
    case 'user-blocked':
    case 'captcha':
      return `${outcome} (${observation.passwordError})`;
    case 'mfa-required':
      return `mfa-required (MFA challenge at ${observation.mfaChallenge?.url ?? '?'})`;
    case 'no-response':
      return observation.driverError ? `no-response (${observation.driverError})` : 'no-response';
    default:
      return outcome;
  }
}

function outcomeHint(expected: string, outcome: ActualOutcome, observation: Observation): string | undefined {
  const verdict = observation.record?.verdict;
  if (outcome === 'sp-rejected' && verdict) {
    const failed = failedChecks(verdict);
    return failed.length === 1 ? checkAdvice(failed[0] as CheckResult) : failed.map((c) => `${c.id}: ${checkAdvice(c)}`).join(' | ');
  }
  if (outcome === 'idp-error') {
    const message = verdict?.facts.statusMessage;
    return (
      `Auth0 answered with an error${message ? ` ("${message}")` : ''}: the post-login Action threw or called api.access.deny — ` +
      "check its logs (Auth0 → Monitoring → Logs) and the user's app_metadata (the reference Action throws when app_metadata.flex is missing)"
    );
  }
  if (outcome === 'user-blocked' || outcome === 'mfa-required' || outcome === 'captcha') return PROTECTION_HINTS[outcome];
  if (expected === 'user-blocked' || expected === 'mfa-required' || expected === 'captcha') {
    return (
      `the login was not stopped by ${expected === 'user-blocked' ? 'brute-force protection' : expected === 'captcha' ? 'bot detection' : 'MFA'}: ` +
      "check the scenario's protections block (and, for MFA from an Action, that the Action calls api.multifactor.enable)"
    );
  }
  if (outcome === 'login' && expected === 'wrong-password') return "the typed password was accepted: the scenario's expect.password equals the user's password";
  if (outcome === 'wrong-password') return "Auth0 rejected the password: the user was not provisioned with the scenario's password";
  if (outcome === 'no-response')
    return `no SAML response reached the fake SP for RelayState ${observation.relayState}: check the app's callback URL and the driver error`;
  return undefined;
}

function show(values: readonly string[] | undefined): string {
  if (!values || values.length === 0) return ABSENT;
  return values.length === 1 ? JSON.stringify(values[0]) : JSON.stringify(values);
}

function checkHint(verdict: Verdict): string | undefined {
  return ATTRIBUTE_CHECKS.map((id) => verdict.checks.find((c) => c.id === id && c.status === 'failed')?.hint).find(Boolean);
}

function attributeHint(name: string, expected: ExpectedAttribute, actual: string[] | undefined, verdict: Verdict): string {
  if (name === 'team' && typeof expected === 'string' && actual?.length === 1 && actual[0]?.toLowerCase() === expected.toLowerCase()) {
    return `team case mismatch: expected "${expected}", received "${actual[0]}" — team names are case-sensitive; fix app_metadata.flex.team`;
  }
  if (name === 'roles') {
    // A role Flex does not know, close to one it does (the check's own did-you-mean, fake-sp/pipeline/checks/flex.ts).
    for (const role of splitRoles(actual ?? []).filter((r) => !isFlexRole(r))) {
      const near = didYouMean(role, FLEX_ROLES, 2);
      if (near) return `role typo "${role}": did you mean "${near}"? Fix app_metadata.flex.roles`;
    }
  }
  const fromVerdict = checkHint(verdict);
  if (fromVerdict) return fromVerdict;
  if (expected === ABSENT)
    return `the response carries ${name} although the scenario expects it absent: the Action sets it (Pattern B and the reference Action do not emit ${name})`;
  if (!actual || actual.length === 0) {
    return (
      `${name} is missing from the response: is the Action deployed and bound to the Login flow, and does it call ` +
      `api.samlResponse.setAttribute('${name}', …)? Check the user's app_metadata${name === 'roles' ? '.flex.roles' : ''}`
    );
  }
  return `${name} differs: check the user's profile/app_metadata and the Action that builds ${name}`;
}

function compareAttribute(name: string, expected: ExpectedAttribute, verdict: Verdict): FieldResult {
  const actual = verdict.attributes[name];
  const ok = attributeMatches(name, actual, expected);
  let expectedText: string;
  let actualText = show(actual);
  if (expected === ABSENT) {
    expectedText = ABSENT;
  } else if (name === 'roles') {
    expectedText = `{${[...new Set(splitRoles(typeof expected === 'string' ? [expected] : expected))].sort().join(', ')}}`;
    actualText = isAbsent(actual) ? ABSENT : `{${[...new Set(splitRoles(actual ?? []))].sort().join(', ')}}`;
  } else {
    expectedText = show(typeof expected === 'string' ? [expected] : expected);
  }
  return ok
    ? { field: name, ok, expected: expectedText, actual: actualText }
    : { field: name, ok, expected: expectedText, actual: actualText, hint: attributeHint(name, expected, actual, verdict) };
}

/** Compares a scenario's expectation with one observed login. */
export function assertScenario(expect: ScenarioSpec['expect'], observation: Observation): AssertionResult {
  const outcome = actualOutcome(observation);
  const fields: FieldResult[] = [];
  const outcomeOk = outcome === expect.outcome;
  fields.push({
    field: 'outcome',
    ok: outcomeOk,
    expected: expect.outcome,
    actual: describeActual(observation, outcome),
    ...(outcomeOk ? {} : { hint: outcomeHint(expect.outcome, outcome, observation) }),
  });
  const verdict = observation.record?.verdict;
  if (expect.outcome === 'sp-rejected') {
    for (const id of expect.checks ?? []) {
      const check = verdict?.checks.find((c) => c.id === id);
      const ok = check?.status === 'failed';
      fields.push({
        field: `check:${id}`,
        ok,
        expected: 'failed',
        actual: check ? `${check.status}${check.code ? ` ${check.code}` : ''}` : 'no verdict',
        ...(ok ? {} : { hint: `the ${id} check should reject this response: the fault or addon override did not take effect` }),
      });
    }
  }
  if (expect.outcome === 'wrong-password' && observation.passwordError !== undefined && outcome === 'wrong-password') {
    const ok = isWrongPasswordCode(observation.passwordError);
    fields.push({
      field: 'password-error',
      ok,
      expected: 'wrong-email-credentials (Lock: invalid_user_password)',
      actual: observation.passwordError,
      ...(ok ? {} : { hint: 'the login page showed a different error code than Auth0 does for a wrong password' }),
    });
  }
  for (const text of expect.warnings ?? []) {
    const found = verdict?.warnings.find((w) => w.includes(text));
    fields.push({
      field: 'warning',
      ok: found !== undefined,
      expected: `a warning containing ${JSON.stringify(text)}`,
      actual: found ?? (verdict ? `warnings: ${verdict.warnings.length === 0 ? 'none' : verdict.warnings.join(' | ')}` : 'no response'),
      ...(found !== undefined
        ? {}
        : { hint: 'the fake SP did not warn as the scenario expects: the attribute or role that causes the warning is not in the response' }),
    });
  }
  const attributeNames = Object.keys(expect.attributes);
  if (attributeNames.length > 0) {
    for (const name of attributeNames) {
      const expected = expect.attributes[name] as ExpectedAttribute;
      if (verdict) fields.push(compareAttribute(name, expected, verdict));
      else
        fields.push({
          field: name,
          ok: false,
          expected: show(typeof expected === 'string' ? [expected] : expected),
          actual: 'no response',
          hint: 'no SAML response reached the fake SP, so no attribute can be read',
        });
    }
  }
  // One hint per cause: a rejected response contributes each failed check's advice separately,
  // so an attribute hint that repeats a check's advice is listed once.
  const causes: string[] = [];
  for (const field of fields.filter((f) => !f.ok && f.hint)) {
    if (field.field === 'outcome' && outcome === 'sp-rejected' && verdict) causes.push(...failedChecks(verdict).map(checkAdvice));
    else causes.push(field.hint as string);
  }
  const hints = [...new Set(causes)];
  return { passed: fields.every((f) => f.ok), outcome, fields, hints };
}
