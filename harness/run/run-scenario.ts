// Runs one scenario against the emulator: seed, log in through the browser, read the login record, assert.
import type { Page } from 'playwright';
import type { Verdict } from '../../fake-sp/pipeline/types.ts';
import { idpInitiatedUrl, spInitiatedUrl, uniqueRelayState } from '../driver/start-url.ts';
import type { Scenario } from '../scenarios/schema.ts';
import { driveAndObserve } from './drive.ts';
import { baseResult, toRunResult, typedPassword } from './login-outcome.ts';
import { emulatorActionLogs, type RealtimeLogSource } from './action-logs.ts';
import type { ScenarioRunResult } from './observation.ts';
import type { PasswordPool } from './password-pool.ts';
import { scenarioPassword, seedScenario, type ActionCache, type SeedableTenant } from './seed.ts';
import { registrationOf } from './register.ts';

/** The running emulator and fake SP as the harness uses them (fake-idp/server.ts, fake-sp/server/start.ts). */
export interface EmulatorEnv {
  idp: { tenant: SeedableTenant; defaultClientId: string; samlUrl(clientId?: string): string } & Partial<RealtimeLogSource>;
  sp: {
    url: string;
    loginUrl: string;
    acsUrls: { enhanced?: string; legacy?: string };
    audiences: { enhanced?: string; legacy?: string };
    pinCertificates?(certificates: string[]): () => void;
  };
  /** Generated passwords hashed ahead for this emulator; without it each is hashed when its scenario starts. */
  passwords?: PasswordPool;
}

/** A run's result plus its evidence: the SAMLResponse the browser posted and the SP's verdict. */
export interface ScenarioRun {
  result: ScenarioRunResult;
  postedSamlResponse?: string;
  verdict?: Verdict;
}

/**
 * Never throws: a seeding, tab-reset or driver failure becomes a failed result that says what
 * happened. `page` may still be being reset (a promise): the user is seeded meanwhile (its password's
 * hash usually ready already, from `env.passwords`).
 */
export async function runEmulatorScenario(
  page: Page | Promise<Page>,
  env: EmulatorEnv,
  scenario: Scenario,
  cache: ActionCache,
  timeoutMs = 10_000,
): Promise<ScenarioRun> {
  const relayState = uniqueRelayState(scenario.id);
  const result = baseResult(scenario, relayState);
  const acsUrl = env.sp.acsUrls[scenario.profile];
  const audience = env.sp.audiences[scenario.profile];
  if (!acsUrl || !audience) {
    return { result: { ...result, error: `the fake SP has no ${scenario.profile} profile`, hints: [`start the fake SP with a ${scenario.profile} profile`] } };
  }
  const pooled = scenario.user.password === undefined ? env.passwords?.take() : undefined;
  const password = pooled?.password ?? scenarioPassword(scenario);
  try {
    await (pooled ? pooled.ready : env.idp.tenant.preparePassword?.(password));
    const callbacks = scenario.profile === 'legacy' ? [acsUrl, audience] : [acsUrl];
    seedScenario(env.idp.tenant, scenario, { clientId: env.idp.defaultClientId, acsUrl, audience, callbacks }, cache, password);
  } catch (error) {
    const message = `seeding the emulator failed: ${(error as Error).message}`;
    return { result: { ...result, error: message, hints: ["check the scenario's user and Action file"] } };
  }
  let tab: Page;
  try {
    tab = await page;
  } catch (error) {
    return {
      result: {
        ...result,
        error: `the browser tab could not be reset for this login: ${(error as Error).message}`,
        hints: ['run the scenario again; a new tab is opened after a failed reset'],
      },
    };
  }
  const typed = typedPassword(scenario, password);
  const startUrl =
    scenario.flow === 'sp-initiated'
      ? spInitiatedUrl(env.sp.loginUrl, scenario.profile, relayState)
      : idpInitiatedUrl(env.idp.samlUrl(env.idp.defaultClientId), relayState);

  // A key-rotated fault pins the certificates its scenario names for this login only.
  const unpin = pinForFault(env, scenario);
  let driven: Awaited<ReturnType<typeof driveAndObserve>>;
  try {
    driven = await driveAndObserve(tab, {
      startUrl,
      postOrigin: new URL(env.sp.url).origin,
      spUrl: env.sp.url,
      email: scenario.user.email,
      password: typed,
      relayState,
      timeoutMs,
      scenario: registrationOf(scenario),
    });
  } finally {
    unpin?.();
  }
  const { login, observation, loginMs, window } = driven;
  const asserted = toRunResult(result, scenario, observation, login, loginMs);
  const actionLogs =
    env.idp.realtimeLogs && env.idp.realtimeLogsUrl !== undefined
      ? emulatorActionLogs({ realtimeLogs: env.idp.realtimeLogs, realtimeLogsUrl: env.idp.realtimeLogsUrl }, scenario.user.email, window.from)
      : undefined;
  const run = actionLogs ? { ...asserted, actionLogs } : asserted;
  const verdict = observation.record?.verdict;
  const posted = login.acsPost?.samlResponse;
  return { result: run, ...(posted ? { postedSamlResponse: posted } : {}), ...(verdict ? { verdict } : {}) };
}

/**
 * `fault: { kind: key-rotated, spPins: current-and-next }`: Flex holds the tenant's current and next
 * certificates for this login (the next one read before the rotation), so the rotation must not
 * break it. Returns the function that restores the SP's pins.
 */
function pinForFault(env: EmulatorEnv, scenario: Scenario): (() => void) | undefined {
  const fault = scenario.fault;
  if (fault?.kind !== 'key-rotated' || fault.spPins !== 'current-and-next') return undefined;
  const current = env.idp.tenant.state.signing?.certPem;
  const next = env.idp.tenant.nextSigningKey?.().certPem;
  if (current === undefined || next === undefined || env.sp.pinCertificates === undefined) return undefined;
  return env.sp.pinCertificates([current, next]);
}
