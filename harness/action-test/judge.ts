// The offline judgement of one Action run: the fake SP's verdict on the dry login (dry-login.ts) and,
// for a scenario that runs this Action, its `expect` compared by the harness's own assertion engine
// (harness/run/assert.ts assertScenario, the code `flex-sso run` uses after a browser login).
import type { CheckResult, Verdict } from '../../fake-sp/pipeline/types.ts';
import { assertScenario, type AssertionResult } from '../run/assert.ts';
import type { Observation } from '../run/observation.ts';
import type { Outcome, Scenario } from '../scenarios/schema.ts';
import type { DryLogin } from './dry-login.ts';

/** Outcomes decided on the login page (password, protections, MFA): only a browser login shows them. */
const NEEDS_BROWSER: ReadonlySet<Outcome> = new Set(['wrong-password', 'user-blocked', 'mfa-required', 'captcha']);

export type ScenarioJudgement = { compared: true; assertion: AssertionResult } | { compared: false; reason: string };

/** The `flex` check of the verdict (Flex's required attributes and role rules), when it ran. */
export function flexCheck(verdict: Verdict): CheckResult | undefined {
  const check = verdict.checks.find((c) => c.id === 'flex');
  return check?.status === 'skipped' ? undefined : check;
}

/** Checks other than `flex` that failed: the response itself would be refused (a fault, an addon override). */
export function otherFailures(verdict: Verdict): CheckResult[] {
  return verdict.checks.filter((c) => c.status === 'failed' && c.id !== 'flex');
}

export function observationOf(dry: DryLogin, scenario: Pick<Scenario, 'id' | 'profile'>): Observation {
  const relayState = `action-test:${scenario.id}`;
  if (dry.kind === 'error-page') return { relayState, idpErrorPage: { url: '(dry login: emulator fault http-500)', status: dry.status } };
  return {
    relayState,
    record: {
      id: 'dry-login',
      profile: scenario.profile,
      relayState,
      httpStatus: dry.verdict.valid ? 302 : 403,
      samlResponse: dry.samlResponse,
      verdict: dry.verdict,
    },
  };
}

/** `actionFile` is the Action that ran (absolute path); a scenario of another Action is not compared. */
export function judgeScenario(scenario: Scenario, actionFile: string, dry: DryLogin): ScenarioJudgement {
  if (scenario.actionFile !== actionFile) {
    return { compared: false, reason: `the scenario runs ${scenario.action}, not this Action (omit the Action file to run each scenario with its own)` };
  }
  if (NEEDS_BROWSER.has(scenario.expect.outcome)) {
    return {
      compared: false,
      reason: `expect.outcome ${scenario.expect.outcome} is decided on the login page: only \`flex-sso run\` (a browser login) shows it`,
    };
  }
  return { compared: true, assertion: assertScenario(scenario.expect, observationOf(dry, scenario)) };
}
