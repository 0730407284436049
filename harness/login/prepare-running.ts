// `flex-sso login` through servers that are already running, so its login lands in the dashboard
// already open: the `flex-sso serve all` that owns the state file (found through
// <state>.serve.json, harness/serve/state-owner.ts), which prepares the user itself; or the servers
// named by --sp URL --idp URL, for a user that exists there with its password in the environment.
import { usageError } from '../cli/errors.ts';
import { idpInitiatedUrl, uniqueRelayState } from '../driver/start-url.ts';
import { CONTROL_LOGIN_PATH, type ControlLoginRequest } from '../serve/control.ts';
import type { StateOwner } from '../serve/state-owner.ts';
import { z } from 'zod';
import { expectation } from '../scenarios/schema.ts';
import type { LoginScenario, PreparedLogin } from './types.ts';

const noClose = async (): Promise<void> => undefined;

// The owning scenario as the running serve sends it (./prepare-emulator.ts seedForLogin); its
// `expect` is read with the scenario schema's own rules.
const loginScenario = z.object({ id: z.string().min(1).max(200), pattern: z.enum(['A', 'B']).optional(), expect: expectation });

function scenarioOf(value: unknown): LoginScenario | undefined {
  if (value === undefined) return undefined;
  const parsed = loginScenario.safeParse(value);
  if (!parsed.success)
    throw usageError(
      'SERVE_REFUSED',
      'the running serve sent a scenario expectation this version cannot read',
      'update both processes to the same flex-sso version',
    );
  const { id, pattern, expect } = parsed.data;
  return { id, expect, ...(pattern ? { pattern } : {}) };
}

export async function prepareOwnedLogin(owner: StateOwner, request: ControlLoginRequest): Promise<PreparedLogin> {
  if (!owner.control || !owner.sp) {
    throw usageError(
      'STATE_IN_USE',
      `the emulator state is served by \`flex-sso serve ${owner.target}\` (pid ${owner.pid}) without a fake SP, so \`login\` cannot use it, and a second emulator on it would overwrite its users.`,
      'run `flex-sso serve all` instead, stop that process, or pass --state with another file',
    );
  }
  let response: Response;
  try {
    response = await fetch(new URL(CONTROL_LOGIN_PATH, owner.control.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${owner.control.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(request),
    });
  } catch (error) {
    throw usageError(
      'SERVE_UNREACHABLE',
      `the running \`flex-sso serve all\` (pid ${owner.pid}) does not answer at ${owner.control.url}: ${(error as Error).message}`,
      'stop it and start it again, or pass --state with another file',
    );
  }
  const body = (await response.json().catch(() => ({}))) as Partial<Omit<PreparedLogin, 'scenario'>> & {
    scenario?: unknown;
    code?: string;
    message?: string;
    hint?: string;
  };
  if (!response.ok) throw usageError(body.code ?? 'SERVE_REFUSED', body.message ?? `the running serve answered HTTP ${response.status}`, body.hint);
  const { spUrl, dashboardUrl, startUrl, relayState, password } = body;
  if (!spUrl || !dashboardUrl || !startUrl || !relayState || !password)
    throw usageError('SERVE_REFUSED', 'the running serve gave an incomplete answer', 'update both processes to the same flex-sso version');
  const scenario = scenarioOf(body.scenario);
  return {
    spUrl,
    dashboardUrl,
    startUrl,
    relayState,
    password,
    external: true,
    servedBy: owner.pid,
    ...(body.createdFrom ? { createdFrom: body.createdFrom } : {}),
    ...(body.passwordFrom ? { passwordFrom: body.passwordFrom } : {}),
    ...(scenario ? { scenario } : {}),
    close: noClose,
  };
}

function httpUrl(value: string, option: string, example: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw usageError(
      'LOGIN_BAD_URL',
      `${option}: expected an http(s) URL, received "${value}"`,
      `e.g. ${option} ${example} (\`flex-sso serve all\` prints it)`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw usageError('LOGIN_BAD_URL', `${option}: expected an http(s) URL, received "${value}"`, `e.g. ${option} ${example}`);
  return url;
}

/** --sp URL (the fake SP) --idp URL (the IdP-initiated SAML login URL, `…/samlp/<client id>`). */
export function prepareExternalLogin(options: { sp: string; idp: string; password?: string; passwordEnv: string; email: string }): PreparedLogin {
  const sp = httpUrl(options.sp, '--sp', 'http://127.0.0.1:3000');
  const idp = httpUrl(options.idp, '--idp', 'http://127.0.0.1:4000/samlp/<client id>');
  if (options.password === undefined) {
    throw usageError(
      'LOGIN_NO_PASSWORD',
      `${options.passwordEnv} is not set: with --sp/--idp the user ${options.email} must exist there, with its password in the environment.`,
      `export ${options.passwordEnv}=… and run again; or log in through the \`flex-sso serve all\` that owns the state (drop --sp/--idp), which sets a scenario user's password itself`,
    );
  }
  const relayState = uniqueRelayState('login');
  const spUrl = sp.toString().replace(/\/$/, '');
  return {
    spUrl,
    dashboardUrl: `${spUrl}/`,
    startUrl: idpInitiatedUrl(idp.toString(), relayState),
    relayState,
    password: options.password,
    external: true,
    close: noClose,
  };
}
