// The one drive-and-observe path of every browser login: the matrix on the emulator
// (run-scenario.ts), the matrix on a real tenant (modes/run-real-scenario.ts) and `flex-sso login`
// (login/perform.ts). It drives the login page, reads the fake SP's record of the POST, and names
// the outcome in the scenarios' vocabulary (scenarios/schema.ts OUTCOMES plus `no-response`).
import type { Page } from 'playwright';
import { driveLogin, type LoginResult } from '../driver/login.ts';
import { actualOutcome } from './assert.ts';
import { observeLogin } from './login-outcome.ts';
import type { ActualOutcome, Observation } from './observation.ts';
import { registerScenario, type ScenarioRegistration } from './register.ts';

export interface DriveTarget {
  startUrl: string;
  /** Where the browser's SAML POST goes: the fake SP, or the Flex ACS origin an interceptor answers. */
  postOrigin: string;
  /** The fake SP whose API holds the stored POST. */
  spUrl: string;
  email: string;
  /** The password the browser types. */
  password: string;
  relayState: string;
  timeoutMs: number;
  /** How long to wait for the fake SP's record once the POST was seen (0: it is stored before the SP answers). */
  recordWaitMs?: number;
  clock?: () => Date;
  /** The scenario this login runs, registered with the fake SP for its RelayState before the login. */
  scenario?: ScenarioRegistration;
}

export interface DrivenLogin {
  login: LoginResult;
  observation: Observation;
  outcome: ActualOutcome;
  /** Start of the login to the fake SP's record, milliseconds. */
  loginMs: number;
  /** The login's time window (tenant log queries, Action logs). */
  window: { from: Date; to: Date };
}

/** Never throws for a failed login: driver failures are in `login.error` and `observation.driverError`. */
export async function driveAndObserve(page: Page, target: DriveTarget): Promise<DrivenLogin> {
  const clock = target.clock ?? (() => new Date());
  const from = clock();
  const started = performance.now();
  if (target.scenario) {
    try {
      await registerScenario(target.spUrl, target.relayState, target.scenario);
    } catch (error) {
      const message = (error as Error).message;
      const login: LoginResult = { error: error as Error };
      return { login, observation: { relayState: target.relayState, driverError: message }, outcome: 'no-response', loginMs: 0, window: { from, to: clock() } };
    }
  }
  const login = await driveLogin(page, {
    startUrl: target.startUrl,
    spOrigin: target.postOrigin,
    email: target.email,
    password: target.password,
    timeoutMs: target.timeoutMs,
  });
  const observation = await observeLogin(login, target.spUrl, target.relayState, target.recordWaitMs ?? 0);
  const loginMs = Math.round(performance.now() - started);
  return { login, observation, outcome: actualOutcome(observation), loginMs, window: { from, to: clock() } };
}
