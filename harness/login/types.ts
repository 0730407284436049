// One manual login (`flex-sso login`): where it starts, where its SAML POST lands, and what came of it.
import type { Verdict } from '../../fake-sp/pipeline/types.ts';
import type { AssertionResult } from '../run/assert.ts';
import type { ActualOutcome } from '../run/observation.ts';
import type { Scenario } from '../scenarios/schema.ts';

/**
 * The scenario that owns the login's user: its expectation goes to the fake SP with the login (the
 * dashboard shows it beside what Flex would read) and is compared with the login afterwards.
 */
export interface LoginScenario {
  id: string;
  /** The Flex pattern its Action implements, when known (run/register.ts). */
  pattern?: 'A' | 'B' | undefined;
  expect: Scenario['expect'];
}

/** Servers up and the user ready: everything the browser step needs. */
export interface PreparedLogin {
  /** The fake SP receiving the SAML POST. */
  spUrl: string;
  dashboardUrl: string;
  startUrl: string;
  relayState: string;
  password: string;
  /** Scenario id the user was created from (emulator, user not in the saved state). */
  createdFrom?: string;
  /** Emulator: where the password came from (a scenario user gets a working one on every login). */
  passwordFrom?: 'environment' | 'scenario' | 'generated';
  /** The servers were already running (`serve all`, --sp/--idp): nothing to keep, the dashboard stays up. */
  external?: boolean;
  /** The pid of the `flex-sso serve` that prepared the user. */
  servedBy?: number;
  scenario?: LoginScenario;
  /** Stops whatever was started for this login. */
  close(): Promise<void>;
}

/** The scenarios' outcome vocabulary (run/observation.ts): `login` is a login Flex would accept. */
export type LoginOutcome = ActualOutcome;

export interface ManualLoginResult {
  outcome: LoginOutcome;
  user: string;
  relayState: string;
  loginId?: string;
  detailUrl?: string;
  verdict?: Verdict;
  /** What went wrong when there is no verdict. */
  message?: string;
  /** How to let the test user through (an Auth0 protection stopped the login). */
  hint?: string;
  /** The login against the expectation of the scenario that owns the user (run/assert.ts, as `flex-sso run` compares). */
  expectation?: { scenarioId: string; result: AssertionResult };
}
