// Runs one scenario against a real tenant (or the emulator standing in for one): no seeding — the
// user was provisioned by `flex-sso run`, the Action and the SAML app are the tenant's own. Logs in
// on the tenant's Universal Login, reads the fake SP's capture, asserts, and on failure fetches the
// user's tenant log events for the attempt.
import type { Page } from 'playwright';
import type { TenantLogEvent } from '../auth0/tenant-logs.ts';
import { fetchCapture } from '../driver/capture.ts';
import { driveLogin } from '../driver/login.ts';
import { idpInitiatedUrl, spInitiatedUrl, uniqueRelayState } from '../driver/start-url.ts';
import { assertScenario } from '../run/assert.ts';
import type { Observation, ScenarioRunResult } from '../run/observation.ts';
import type { Scenario } from '../scenarios/schema.ts';
import { installIntercept, leakedRequests, type InterceptLedger } from './intercept.ts';
import type { RealTenantPlan } from './plan-file.ts';

export interface RealScenarioRun {
  result: ScenarioRunResult;
  postedSamlResponse?: string;
  /** intercept mode: what the interceptor saw. */
  ledger?: InterceptLedger;
  leaked?: string[];
  /** The login's time window, for the tenant log query. */
  window: { from: Date; to: Date };
}

export interface RealScenarioOptions {
  /** The scenario's provisioned user's password. */
  password: string;
  timeoutMs?: number;
  clock?: () => Date;
}

/** Never throws: driver failures become a failed result that says what happened. */
export async function runRealTenantScenario(page: Page, plan: RealTenantPlan, scenario: Scenario, options: RealScenarioOptions): Promise<RealScenarioRun> {
  const clock = options.clock ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? 20_000;
  const relayState = uniqueRelayState(scenario.id);
  const base: ScenarioRunResult = {
    id: scenario.id, title: scenario.title, action: scenario.action, file: scenario.file, tags: scenario.tags,
    flow: scenario.flow, profile: scenario.profile, loginPage: scenario.loginPage,
    expectedOutcome: scenario.expect.outcome, outcome: 'no-response', passed: false, relayState,
    attributes: {}, checks: [], fields: [], hints: [], loginMs: 0,
  };
  const ledger = plan.mode === 'intercept'
    ? await installIntercept(page, { flexAcsUrl: plan.tenantAcsUrl, spUrl: plan.sp.url, spAcsUrl: plan.sp.acsUrl })
    : undefined;
  const typed = scenario.expect.outcome === 'wrong-password' ? (scenario.expect.password ?? `${options.password}-wrong`) : options.password;
  const startUrl = scenario.flow === 'sp-initiated'
    ? spInitiatedUrl(plan.sp.loginUrl, scenario.profile, relayState)
    : idpInitiatedUrl(plan.samlUrl, relayState);
  // The SAML POST goes to the fake SP (staging) or to the Flex ACS origin, where it is intercepted.
  const postOrigin = new URL(plan.tenantAcsUrl).origin;
  const from = clock();
  const started = performance.now();
  const login = await driveLogin(page, { startUrl, spOrigin: postOrigin, email: scenario.user.email, password: typed, timeoutMs });
  const observation: Observation = { relayState };
  if (login.passwordError !== undefined) observation.passwordError = login.passwordError;
  if (login.idpErrorPage) observation.idpErrorPage = login.idpErrorPage;
  if (login.error) observation.driverError = login.error.message;
  if (login.acsPost) {
    try {
      const capture = await fetchCapture(plan.sp.url, relayState);
      if (capture) observation.capture = capture;
      else observation.driverError = `the fake SP recorded no login for RelayState ${relayState} (the browser posted to ${login.acsPost.url})`;
    } catch (error) {
      observation.driverError = `reading the fake SP capture failed: ${(error as Error).message}`;
    }
  }
  const loginMs = Math.round(performance.now() - started);
  const leaked = ledger ? leakedRequests(ledger, plan.tenantAcsUrl) : undefined;
  if (ledger && (leaked?.length || ledger.errors.length)) {
    observation.driverError = [observation.driverError, ...(leaked ?? []).map((u) => `request to Flex not intercepted: ${u}`), ...ledger.errors].filter(Boolean).join('; ');
  }
  const assertion = assertScenario(scenario.expect, observation);
  const verdict = observation.capture?.verdict;
  const posted = login.acsPost?.samlResponse;
  const xml = posted ? Buffer.from(posted, 'base64').toString('utf8') : verdict?.xml;
  const result: ScenarioRunResult = {
    ...base,
    outcome: assertion.outcome,
    // A leak fails the scenario even when the login itself looked right.
    passed: assertion.passed && !leaked?.length && !ledger?.errors.length,
    attributes: verdict?.attributes ?? {},
    checks: verdict?.checks.map((c) => ({ id: c.id, ok: c.ok, status: c.status, detail: c.detail, ...(c.hint ? { hint: c.hint } : {}) })) ?? [],
    fields: assertion.fields,
    hints: assertion.hints,
    loginMs,
    ...(observation.capture ? { loginId: observation.capture.id } : {}),
    ...(xml ? { xml } : {}),
    ...(observation.driverError ? { error: observation.driverError } : {}),
  };
  return {
    result, window: { from, to: clock() },
    ...(posted ? { postedSamlResponse: posted } : {}),
    ...(ledger ? { ledger, leaked: leaked ?? [] } : {}),
  };
}

/** Auth0 indexes log events a few seconds after the login: poll until one shows up or the wait ends. */
export async function waitForTenantLogs(fetchLogs: () => Promise<TenantLogEvent[]>, waitMs: number, intervalMs = 1_000): Promise<TenantLogEvent[]> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const events = await fetchLogs();
    if (events.length > 0 || Date.now() >= deadline) return events;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
