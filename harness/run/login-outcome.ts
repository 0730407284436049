// From a driven login to a scenario result: read the fake SP's login record, assert, keep the evidence.
// Shared by the emulator runner and the real-tenant runner.
import { fetchLoginRecord } from '../driver/login-record.ts';
import type { LoginResult } from '../driver/login.ts';
import type { Scenario } from '../scenarios/schema.ts';
import { assertScenario } from './assert.ts';
import type { Observation, ScenarioRunResult } from './observation.ts';

/** A result that has not run yet: failed with `no-response` until something is observed. */
export function baseResult(scenario: Scenario, relayState: string): ScenarioRunResult {
  return {
    id: scenario.id,
    title: scenario.title,
    action: scenario.action,
    file: scenario.file,
    line: scenario.line,
    tags: scenario.tags,
    flow: scenario.flow,
    profile: scenario.profile,
    loginPage: scenario.loginPage,
    expectedOutcome: scenario.expect.outcome,
    outcome: 'no-response',
    passed: false,
    relayState,
    attributes: {},
    checks: [],
    fields: [],
    hints: [],
    loginMs: 0,
  };
}

/** The password the browser types: the real one, or a wrong one for `wrong-password` scenarios. */
export function typedPassword(scenario: Scenario, password: string): string {
  return scenario.expect.outcome === 'wrong-password' ? (scenario.expect.password ?? `${password}-wrong`) : password;
}

/** What the driver saw plus the SP's record of the login (one read: the SP stores before it answers). */
export async function observeLogin(login: LoginResult, spUrl: string, relayState: string, recordWaitMs = 0): Promise<Observation> {
  const observation: Observation = { relayState };
  if (login.passwordError !== undefined) observation.passwordError = login.passwordError;
  if (login.mfaChallenge) observation.mfaChallenge = login.mfaChallenge;
  if (login.idpErrorPage) observation.idpErrorPage = login.idpErrorPage;
  if (login.error) observation.driverError = login.error.message;
  if (login.acsPost) {
    try {
      const record = await fetchLoginRecord(spUrl, relayState, recordWaitMs, login.acsPost.loginId);
      if (record) observation.record = record;
      else observation.driverError = `the fake SP recorded no login for RelayState ${relayState} (the browser posted to ${login.acsPost.url})`;
    } catch (error) {
      observation.driverError = `reading the fake SP's login record failed: ${(error as Error).message}`;
    }
  }
  return observation;
}

function decodeXml(samlResponse: string | undefined): string | undefined {
  if (!samlResponse) return undefined;
  try {
    return Buffer.from(samlResponse, 'base64').toString('utf8');
  } catch {
    return undefined;
  }
}

/** Asserts the observation against the scenario and fills the result with the evidence. */
export function toRunResult(base: ScenarioRunResult, scenario: Scenario, observation: Observation, login: LoginResult, loginMs: number): ScenarioRunResult {
  const assertion = assertScenario(scenario.expect, observation);
  const verdict = observation.record?.verdict;
  // The bytes the browser posted are the evidence; the SP's decoding is the fallback.
  const xml = decodeXml(login.acsPost?.samlResponse) ?? verdict?.xml;
  return {
    ...base,
    outcome: assertion.outcome,
    passed: assertion.passed,
    attributes: verdict?.attributes ?? {},
    checks: verdict?.checks ?? [],
    fields: assertion.fields,
    hints: assertion.hints,
    loginMs,
    ...(observation.record ? { loginId: observation.record.id } : {}),
    ...(xml ? { xml } : {}),
    ...(observation.driverError ? { error: observation.driverError } : {}),
  };
}
