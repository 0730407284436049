// `flex-sso login --mode emulator`: starts the Auth0 emulator and the fake SP wired together, and makes
// sure the user exists: from the saved tenant state, or created from the scenario with that email.
import { usageError } from '../cli/errors.ts';
import { idpInitiatedUrl, spInitiatedUrl, uniqueRelayState } from '../driver/start-url.ts';
import { seedScenario } from '../run/seed.ts';
import { formatScenarioError, loadScenarios } from '../scenarios/load.ts';
import type { Scenario } from '../scenarios/schema.ts';
import { startServers } from '../serve/start-servers.ts';
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
  /** Scenario files to find the user in when the state lacks it (default: all in scenarios/). */
  scenarios?: string;
  profile: 'enhanced' | 'legacy';
}

function scenarioFor(email: string, selection: string | undefined): Scenario {
  const loaded = loadScenarios(selection);
  if (loaded.errors.length > 0) {
    throw usageError('SCENARIO_INVALID', `invalid scenarios:\n${loaded.errors.map((e) => `  ${formatScenarioError(e)}`).join('\n')}`, 'fix the scenario files listed above');
  }
  const match = loaded.scenarios.find((s) => s.user.email.toLowerCase() === email.toLowerCase());
  if (match) return match;
  const known = [...new Set(loaded.scenarios.map((s) => s.user.email))].sort();
  throw usageError('LOGIN_UNKNOWN_USER',
    `--user: "${email}" is not in the emulator state and no scenario has user.email "${email}"; known emails: ${known.length > 0 ? known.join(', ') : '(no scenarios found)'}.`,
    'pass one of the known emails, add a scenario with this user, or create the user in the emulator (flex-sso serve idp + the Management API)');
}

export async function prepareEmulatorLogin(options: EmulatorLoginOptions): Promise<PreparedLogin> {
  const servers = await startServers({
    target: 'all', spPort: options.spPort, idpPort: 0, statePath: options.statePath, storeDir: options.storeDir,
    https: false, certificates: [], action: options.action,
  });
  try {
    const idp = servers.idp;
    const sp = servers.sp;
    if (!idp || !sp) throw new Error('startServers("all") returned without the emulator or the fake SP');
    let password = options.password;
    let profile = options.profile;
    let flow: Scenario['flow'] = 'idp-initiated';
    let createdFrom: string | undefined;
    if (!idp.tenant.findUserByEmail(options.email.toLowerCase())) {
      const scenario = scenarioFor(options.email, options.scenarios);
      profile = scenario.profile;
      flow = scenario.flow;
      const acsUrl = sp.acsUrls[profile];
      const audience = sp.audiences[profile];
      if (!acsUrl || !audience) throw new Error(`the fake SP has no ${profile} profile`);
      // The scenario's user, Action, addon and login page; never its fault (this is a manual login).
      const seeded = seedScenario(idp.tenant, { ...scenario, fault: undefined, user: { ...scenario.user, password: password ?? scenario.user.password } },
        { clientId: idp.defaultClientId, acsUrl, audience, callbacks: profile === 'legacy' ? [acsUrl, audience] : [acsUrl] }, new Map());
      password = seeded.password;
      createdFrom = scenario.id;
    }
    if (password === undefined) {
      throw usageError('LOGIN_NO_PASSWORD', `${options.passwordEnv} is not set: the password of ${options.email} is read from the environment, never from the command line.`,
        `export ${options.passwordEnv}=… (or pass --password-env NAME of another variable) and run again`);
    }
    const relayState = uniqueRelayState('login');
    const startUrl = flow === 'sp-initiated' ? spInitiatedUrl(sp.loginUrl, profile, relayState) : idpInitiatedUrl(idp.samlUrl(idp.defaultClientId), relayState);
    return {
      spUrl: sp.url, dashboardUrl: sp.dashboardUrl, startUrl, relayState, password,
      ...(createdFrom ? { createdFrom } : {}),
      close: () => servers.close(),
    };
  } catch (error) {
    await servers.close().catch(() => undefined);
    throw error;
  }
}
