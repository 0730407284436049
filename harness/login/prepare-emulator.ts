// `flex-sso login --mode emulator`: starts the Auth0 emulator and the fake SP wired together, and makes
// sure the user exists: from the saved tenant state, or created from the scenario with that email.
import { usageError } from '../cli/errors.ts';
import { idpInitiatedUrl, spInitiatedUrl, uniqueRelayState } from '../driver/start-url.ts';
import type { RunningIdp } from '../../fake-idp/server.ts';
import type { RunningSp } from '../../fake-sp/server/start.ts';
import { patternOfAction } from '../../flex/patterns.ts';
import { seedScenario } from '../run/seed.ts';
import { formatScenarioError, loadScenarios, nothingMatched, type ScenarioSource } from '../scenarios/load.ts';
import type { Scenario } from '../scenarios/schema.ts';
import { startServers } from '../serve/start-servers.ts';
import { claimState } from '../serve/state-owner.ts';
import type { PreparedLogin } from './types.ts';

export interface EmulatorLoginOptions {
  email: string;
  /** The password from the environment; undefined when the variable is not set. */
  password?: string;
  passwordEnv: string;
  statePath: string;
  storeDir: string;
  spPort: number;
  action: string;
  /** Scenario files (or ids) to find the user in when the state lacks it (default: every scenario of the source). */
  scenarios?: string;
  /** Where the scenarios come from without --scenarios: the config's `scenarios:` (default-source.ts); default the shipped ones. */
  scenarioSource?: ScenarioSource;
  profile: 'enhanced' | 'legacy';
}

function loadForLogin(selection: string | undefined, source: ScenarioSource | undefined): Scenario[] {
  const loaded = loadScenarios(selection, { source });
  const none = nothingMatched(loaded.errors);
  if (none) throw usageError('NO_SCENARIOS', `no scenarios to find the user in: ${formatScenarioError(none)}`, none.hint);
  if (loaded.errors.length > 0) {
    throw usageError(
      'SCENARIO_INVALID',
      `invalid scenarios:\n${loaded.errors.map((e) => `  ${formatScenarioError(e)}`).join('\n')}`,
      'fix the scenario files listed above',
    );
  }
  return loaded.scenarios;
}

function unknownUser(email: string, scenarios: Scenario[]): never {
  const known = [...new Set(scenarios.map((s) => s.user.email))].sort();
  throw usageError(
    'LOGIN_UNKNOWN_USER',
    `--user: "${email}" is not in the emulator state and no scenario has user.email "${email}"; known emails: ${known.length > 0 ? known.join(', ') : '(no scenarios found)'}.`,
    'pass one of the known emails, add a scenario with this user, or create the user in the emulator (flex-sso serve idp + the Management API)',
  );
}

/** What a login needs from a running emulator and fake SP (in this process, or the `serve` that owns the state). */
export interface LoginTarget {
  idp: Pick<RunningIdp, 'tenant' | 'defaultClientId' | 'samlUrl'>;
  sp: Pick<RunningSp, 'url' | 'dashboardUrl' | 'loginUrl' | 'acsUrls' | 'audiences'>;
}

export type SeededLogin = Omit<PreparedLogin, 'close'> & { passwordFrom: 'environment' | 'scenario' | 'generated' };

/**
 * Makes the user ready on running servers. A user a scenario owns is (re)created from it on every
 * login — its user, Action, addon and login page, with the password from the environment, the
 * scenario's, or a new one — so a second `login --user` works without a password variable; a user
 * no scenario owns must exist in the state and take its password from the environment.
 */
export function seedForLogin(
  target: LoginTarget,
  options: Pick<EmulatorLoginOptions, 'email' | 'password' | 'passwordEnv' | 'scenarios' | 'scenarioSource' | 'profile'>,
): SeededLogin {
  const { idp, sp } = target;
  const exists = idp.tenant.findUserByEmail(options.email.toLowerCase()) !== undefined;
  const scenarios = exists && options.password !== undefined ? [] : loadForLogin(options.scenarios, options.scenarioSource);
  const scenario = scenarios.find((s) => s.user.email.toLowerCase() === options.email.toLowerCase());
  let password = options.password;
  let profile = options.profile;
  let flow: Scenario['flow'] = 'idp-initiated';
  let createdFrom: string | undefined;
  if (!exists && !scenario) unknownUser(options.email, scenarios);
  if (scenario) {
    profile = scenario.profile;
    flow = scenario.flow;
    const acsUrl = sp.acsUrls[profile];
    const audience = sp.audiences[profile];
    if (!acsUrl || !audience) throw new Error(`the fake SP has no ${profile} profile`);
    // The scenario's user, Action, addon and login page; never its fault (this is a manual login).
    const seeded = seedScenario(
      idp.tenant,
      { ...scenario, fault: undefined, user: { ...scenario.user, password: password ?? scenario.user.password } },
      { clientId: idp.defaultClientId, acsUrl, audience, callbacks: profile === 'legacy' ? [acsUrl, audience] : [acsUrl] },
      new Map(),
    );
    password = seeded.password;
    createdFrom = scenario.id;
  }
  if (password === undefined) {
    throw usageError(
      'LOGIN_NO_PASSWORD',
      `${options.passwordEnv} is not set: the password of ${options.email} is read from the environment, never from the command line (no scenario owns this user, so none is set for it).`,
      `export ${options.passwordEnv}=… (or pass --password-env NAME of another variable) and run again`,
    );
  }
  const passwordFrom = options.password !== undefined ? 'environment' : scenario?.user.password !== undefined ? 'scenario' : 'generated';
  const relayState = uniqueRelayState('login');
  const startUrl = flow === 'sp-initiated' ? spInitiatedUrl(sp.loginUrl, profile, relayState) : idpInitiatedUrl(idp.samlUrl(idp.defaultClientId), relayState);
  return {
    spUrl: sp.url,
    dashboardUrl: sp.dashboardUrl,
    startUrl,
    relayState,
    password,
    passwordFrom,
    ...(createdFrom ? { createdFrom } : {}),
    // Compared only when this login is the scenario's own: a manual login injects no fault and types the real password.
    ...(scenario && scenario.fault === undefined && scenario.expect.outcome !== 'wrong-password'
      ? { scenario: { id: scenario.id, expect: scenario.expect, pattern: patternOfAction(scenario.action) } }
      : {}),
  };
}

export async function prepareEmulatorLogin(options: EmulatorLoginOptions): Promise<PreparedLogin> {
  const servers = await startServers({
    target: 'all',
    spPort: options.spPort,
    idpPort: 0,
    statePath: options.statePath,
    storeDir: options.storeDir,
    https: false,
    certificates: [],
    action: options.action,
  });
  try {
    const idp = servers.idp;
    const sp = servers.sp;
    if (!idp || !sp) throw new Error('startServers("all") returned without the emulator or the fake SP');
    // This login's emulator owns the state while it runs (harness/serve/state-owner.ts).
    const claim = claimState(options.statePath, { target: 'idp', idp: { url: idp.url, samlUrl: idp.samlUrl() } });
    try {
      return {
        ...seedForLogin({ idp, sp }, options),
        close: async () => {
          claim.release();
          await servers.close();
        },
      };
    } catch (error) {
      claim.release();
      throw error;
    }
  } catch (error) {
    await servers.close().catch(() => undefined);
    throw error;
  }
}
