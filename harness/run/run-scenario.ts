// Runs one scenario against the emulator: seed, log in through the browser, read the capture, assert.
import type { Page } from 'playwright';
import type { Verdict } from '../../fake-sp/pipeline/types.ts';
import { fetchCapture } from '../driver/capture.ts';
import { driveLogin } from '../driver/login.ts';
import { idpInitiatedUrl, spInitiatedUrl, uniqueRelayState } from '../driver/start-url.ts';
import type { Scenario } from '../scenarios/schema.ts';
import { assertScenario } from './assert.ts';
import type { Observation, ScenarioRunResult } from './observation.ts';
import { seedScenario, type ActionCache, type SeedableTenant } from './seed.ts';

/** The running emulator and fake SP as the harness uses them (fake-idp/server.ts, fake-sp/server/start.ts). */
export interface EmulatorEnv {
  idp: { tenant: SeedableTenant; defaultClientId: string; samlUrl(clientId?: string): string };
  sp: { url: string; loginUrl: string; acsUrls: { enhanced?: string; legacy?: string }; audiences: { enhanced?: string; legacy?: string } };
}

function decodeXml(samlResponse: string | undefined): string | undefined {
  if (!samlResponse) return undefined;
  try {
    return Buffer.from(samlResponse, 'base64').toString('utf8');
  } catch {
    return undefined;
  }
}

function baseResult(scenario: Scenario, relayState: string): ScenarioRunResult {
  return {
    id: scenario.id, title: scenario.title, action: scenario.action, file: scenario.file, tags: scenario.tags,
    flow: scenario.flow, profile: scenario.profile, loginPage: scenario.loginPage,
    expectedOutcome: scenario.expect.outcome, outcome: 'no-response', passed: false, relayState,
    attributes: {}, checks: [], fields: [], hints: [], loginMs: 0,
  };
}

/** A run's result plus its evidence: the SAMLResponse the browser posted and the SP's verdict. */
export interface ScenarioRun {
  result: ScenarioRunResult;
  postedSamlResponse?: string;
  verdict?: Verdict;
}

/** Never throws: a seeding or driver failure becomes a failed result that says what happened. */
export async function runEmulatorScenario(page: Page, env: EmulatorEnv, scenario: Scenario, cache: ActionCache, timeoutMs = 10_000): Promise<ScenarioRun> {
  const relayState = uniqueRelayState(scenario.id);
  const result = baseResult(scenario, relayState);
  const acsUrl = env.sp.acsUrls[scenario.profile];
  const audience = env.sp.audiences[scenario.profile];
  if (!acsUrl || !audience) {
    return { result: { ...result, error: `the fake SP has no ${scenario.profile} profile`, hints: [`start the fake SP with a ${scenario.profile} profile`] } };
  }
  let password: string;
  try {
    const callbacks = scenario.profile === 'legacy' ? [acsUrl, audience] : [acsUrl];
    ({ password } = seedScenario(env.idp.tenant, scenario, { clientId: env.idp.defaultClientId, acsUrl, audience, callbacks }, cache));
  } catch (error) {
    const message = `seeding the emulator failed: ${(error as Error).message}`;
    return { result: { ...result, error: message, hints: ['check the scenario\'s user and Action file'] } };
  }
  const typed = scenario.expect.outcome === 'wrong-password' ? (scenario.expect.password ?? `${password}-wrong`) : password;
  const startUrl = scenario.flow === 'sp-initiated'
    ? spInitiatedUrl(env.sp.loginUrl, scenario.profile, relayState)
    : idpInitiatedUrl(env.idp.samlUrl(env.idp.defaultClientId), relayState);

  const started = performance.now();
  const login = await driveLogin(page, { startUrl, spOrigin: new URL(env.sp.url).origin, email: scenario.user.email, password: typed, timeoutMs });
  const observation: Observation = { relayState };
  if (login.passwordError !== undefined) observation.passwordError = login.passwordError;
  if (login.idpErrorPage) observation.idpErrorPage = login.idpErrorPage;
  if (login.error) observation.driverError = login.error.message;
  if (login.acsPost) {
    try {
      // The SP stores a login before it answers the POST, whose answer the driver awaited: one read.
      const capture = await fetchCapture(env.sp.url, relayState, 0);
      if (capture) observation.capture = capture;
      else observation.driverError = `the fake SP recorded no login for RelayState ${relayState} (the browser posted to ${login.acsPost.url})`;
    } catch (error) {
      observation.driverError = `reading the fake SP capture failed: ${(error as Error).message}`;
    }
  }
  const loginMs = Math.round(performance.now() - started);
  const assertion = assertScenario(scenario.expect, observation);
  const verdict = observation.capture?.verdict;
  // The bytes the browser posted are the evidence; the SP's decoding is the fallback.
  const posted = login.acsPost?.samlResponse;
  const xml = decodeXml(posted) ?? verdict?.xml;
  const run: ScenarioRunResult = {
    ...result,
    outcome: assertion.outcome,
    passed: assertion.passed,
    attributes: verdict?.attributes ?? {},
    checks: verdict?.checks.map((c) => ({ id: c.id, ok: c.ok, status: c.status, detail: c.detail, ...(c.hint ? { hint: c.hint } : {}) })) ?? [],
    fields: assertion.fields,
    hints: assertion.hints,
    loginMs,
    ...(observation.capture ? { loginId: observation.capture.id } : {}),
    ...(xml ? { xml } : {}),
    ...(observation.driverError ? { error: observation.driverError } : {}),
  };
  return { result: run, ...(posted ? { postedSamlResponse: posted } : {}), ...(verdict ? { verdict } : {}) };
}
