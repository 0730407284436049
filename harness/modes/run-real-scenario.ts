// Runs one scenario against a real tenant (or the emulator standing in for one): no seeding — the
// user was provisioned by `flex-sso run`, the Action and the SAML app are the tenant's own. Logs in
// on the tenant's Universal Login, reads the fake SP's capture, asserts, and on failure fetches the
// user's tenant log events for the attempt.
import type { Page } from 'playwright';
import { idpInitiatedUrl, spInitiatedUrl, uniqueRelayState } from '../driver/start-url.ts';
import { driveAndObserve } from '../run/drive.ts';
import { baseResult, toRunResult, typedPassword } from '../run/login-outcome.ts';
import type { ScenarioRunResult } from '../run/observation.ts';
import type { Scenario } from '../scenarios/schema.ts';
import { installIntercept, leakedRequests, type InterceptLedger } from './intercept.ts';
import type { RealTenantPlan } from './plan-file.ts';
import { registrationOf } from '../run/register.ts';

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
  const base = baseResult(scenario, relayState);
  const ledger =
    plan.mode === 'intercept' ? await installIntercept(page, { flexAcsUrl: plan.tenantAcsUrl, spUrl: plan.sp.url, spAcsUrl: plan.sp.acsUrl }) : undefined;
  const typed = typedPassword(scenario, options.password);
  const startUrl =
    scenario.flow === 'sp-initiated' ? spInitiatedUrl(plan.sp.loginUrl, scenario.profile, relayState) : idpInitiatedUrl(plan.samlUrl, relayState);
  // The SAML POST goes to the fake SP (staging) or to the Flex ACS origin, where it is intercepted.
  const postOrigin = new URL(plan.tenantAcsUrl).origin;
  const { login, observation, loginMs, window } = await driveAndObserve(page, {
    startUrl,
    postOrigin,
    spUrl: plan.sp.url,
    email: scenario.user.email,
    password: typed,
    relayState,
    timeoutMs,
    recordWaitMs: 2_000,
    clock,
    scenario: registrationOf(scenario),
  });
  const leaked = ledger ? leakedRequests(ledger, plan.tenantAcsUrl) : undefined;
  if (ledger && (leaked?.length || ledger.errors.length)) {
    observation.driverError = [observation.driverError, ...(leaked ?? []).map((u) => `request to Flex not intercepted: ${u}`), ...ledger.errors]
      .filter(Boolean)
      .join('; ');
  }
  const posted = login.acsPost?.samlResponse;
  const asserted = toRunResult(base, scenario, observation, login, loginMs);
  // A leak fails the scenario even when the login itself looked right.
  const result: ScenarioRunResult = { ...asserted, passed: asserted.passed && !leaked?.length && !ledger?.errors.length };
  return {
    result,
    window,
    ...(posted ? { postedSamlResponse: posted } : {}),
    ...(ledger ? { ledger, leaked: leaked ?? [] } : {}),
  };
}

export { waitForTenantLogs } from '../auth0/tenant-logs.ts';
