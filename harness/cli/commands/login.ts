// `flex-sso login`: one real browser login through the configured tenant (the emulator or a staging
// Auth0 tenant) into the fake SP; prints the verdict and the URL of its dashboard page.
// Exit 0 on outcome `login` (Flex would accept), 1 on any other outcome (sp-rejected, wrong-password, no-response, …), 2 usage or configuration.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config/load.ts';
import { formatLoginHuman, loginJson } from '../../login/format.ts';
import type { PreparedLogin } from '../../login/types.ts';
import type { ScenarioSource } from '../../scenarios/load.ts';
import { Redactor, redactorFromEnv } from '../../secrets/redact.ts';
import { EXIT, usageError } from '../errors.ts';
import { parsePort, parsePositiveInt } from '../options.ts';

interface LoginOptions {
  user: string;
  passwordEnv: string;
  headed?: boolean;
  mode?: string;
  json?: boolean;
  keep?: boolean;
  config?: string;
  state: string;
  store?: string;
  port?: string;
  action: string;
  scenarios?: string;
  timeout: string;
  sp?: string;
  idp?: string;
}

const MODES = ['emulator', 'staging'] as const;
type LoginMode = (typeof MODES)[number];

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/** Without --scenarios (or with ids): the config's `scenarios:`, else the shipped scenarios. */
async function scenarioSourceOf(options: LoginOptions): Promise<ScenarioSource | undefined> {
  const { scenarioSourceFor } = await import('../../scenarios/default-source.ts');
  return scenarioSourceFor(options.scenarios, options.config === undefined ? {} : { config: options.config });
}

async function login(options: LoginOptions): Promise<void> {
  const email = options.user.trim();
  if (!/^[^\s@]+@[^\s@]+$/.test(email))
    throw usageError(
      'LOGIN_BAD_USER',
      `--user: expected an email address, received "${options.user}"`,
      'e.g. --user pa-admin@flex-sso.test (a shipped scenario user)',
    );
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(options.passwordEnv)) {
    throw usageError(
      'LOGIN_BAD_PASSWORD_ENV',
      `--password-env: expected the NAME of an environment variable, received "${options.passwordEnv}"`,
      'the password itself is never a command-line argument; e.g. --password-env FLEX_SSO_PASSWORD',
    );
  }
  const loaded = loadConfig({ file: options.config });
  const mode = (options.mode ?? loaded.config.mode) as LoginMode;
  if (!(MODES as readonly string[]).includes(mode)) {
    throw usageError(
      'LOGIN_BAD_MODE',
      `--mode: expected emulator or staging, received "${mode}"`,
      'use --mode emulator (no tenant needed) or --mode staging (AUTH0_DOMAIN, AUTH0_SAML_CLIENT_ID)',
    );
  }
  const timeoutMs = parsePositiveInt(options.timeout, '--timeout');
  const password = process.env[options.passwordEnv] || undefined;
  const redactor = redactorFromEnv();
  const secrets = new Redactor([password]);
  const say = (text: string): void => {
    process.stdout.write(secrets.redact(redactor.redact(text)));
  };

  let prepared: PreparedLogin;
  const { readLiveOwner } = await import('../../serve/state-owner.ts');
  const owner = mode === 'emulator' && options.sp === undefined && options.idp === undefined ? readLiveOwner(options.state) : undefined;
  if (options.sp !== undefined || options.idp !== undefined) {
    if (options.sp === undefined || options.idp === undefined)
      throw usageError('LOGIN_SERVERS_INCOMPLETE', 'give both --sp URL and --idp URL, or neither', 'copy both from what `flex-sso serve all` prints');
    const { prepareExternalLogin } = await import('../../login/prepare-running.ts');
    prepared = prepareExternalLogin({
      sp: options.sp,
      idp: options.idp,
      ...(password === undefined ? {} : { password }),
      passwordEnv: options.passwordEnv,
      email,
    });
  } else if (owner) {
    const { prepareOwnedLogin } = await import('../../login/prepare-running.ts');
    const scenarios = options.scenarios === undefined ? undefined : /\/|\.ya?ml$/.test(options.scenarios) ? resolve(options.scenarios) : options.scenarios;
    // Resolved here: the serve process runs in its own directory, with its own config.
    const scenarioSource = await scenarioSourceOf(options);
    prepared = await prepareOwnedLogin(owner, {
      email,
      passwordEnv: options.passwordEnv,
      profile: loaded.config.flex?.profile ?? 'enhanced',
      ...(password === undefined ? {} : { password }),
      ...(scenarios === undefined ? {} : { scenarios }),
      ...(scenarioSource === undefined ? {} : { scenarioSource }),
    });
  } else if (mode === 'emulator') {
    const { prepareEmulatorLogin } = await import('../../login/prepare-emulator.ts');
    const scenarioSource = await scenarioSourceOf(options);
    prepared = await prepareEmulatorLogin({
      email,
      password,
      passwordEnv: options.passwordEnv,
      statePath: options.state,
      storeDir: options.store ?? loaded.config.sp.storeDir,
      spPort: options.port === undefined ? loaded.config.sp.port : parsePort(options.port, '--port'),
      action: options.action,
      scenarios: options.scenarios,
      ...(scenarioSource === undefined ? {} : { scenarioSource }),
      profile: loaded.config.flex?.profile ?? 'enhanced',
    });
  } else {
    const { prepareStagingLogin } = await import('../../login/prepare-staging.ts');
    prepared = await prepareStagingLogin({ password, passwordEnv: options.passwordEnv, loaded, spInitiated: false });
  }
  secrets.add(prepared.password);
  try {
    const { performLogin } = await import('../../login/perform.ts');
    const result = await performLogin(prepared, { email, headed: options.headed === true, timeoutMs });
    // The dashboard is only reachable while the servers run (--keep); the store keeps the login either way.
    const dashboardUrl = options.keep || prepared.external ? prepared.dashboardUrl : undefined;
    if (options.json) say(`${JSON.stringify(loginJson(result, { mode, dashboardUrl, createdFrom: prepared.createdFrom }))}\n`);
    else {
      if (prepared.createdFrom) {
        const from =
          prepared.passwordFrom === 'environment'
            ? options.passwordEnv
            : prepared.passwordFrom === 'scenario'
              ? "the scenario's user.password"
              : 'a new one generated for this login';
        say(`user ${email} set up in the emulator from scenario ${prepared.createdFrom} (its Action, addon and login page); password: ${from}\n`);
      }
      if (prepared.servedBy !== undefined)
        say(`through the running \`flex-sso serve all\` (pid ${prepared.servedBy}): this login is in its dashboard ${prepared.dashboardUrl}\n`);
      say(formatLoginHuman(result));
      if (!options.keep && !prepared.external && result.detailUrl)
        say('(the servers stop now: pass --keep to open the details page, or run `flex-sso serve all` and log in through it)\n');
    }
    if (result.outcome !== 'login') process.exitCode = EXIT.failed;
    if (options.keep && !prepared.external) {
      if (!options.json) say(`dashboard: ${prepared.dashboardUrl}  (Ctrl+C to stop)\n`);
      await waitForSignal();
    }
  } finally {
    await prepared.close();
  }
}

export function register(program: Command): void {
  program
    .command('login')
    .description(
      "One browser login through the configured tenant into the fake Flex SP; prints the verdict, its dashboard URL and, for a scenario's user, how the login compares with the scenario's expect",
    )
    .requiredOption('--user <email>', 'the user to log in as')
    .option('--password-env <VAR>', 'environment variable holding the password (never pass it as an argument)', 'FLEX_SSO_PASSWORD')
    .option('--headed', 'show the browser window')
    .option('--mode <mode>', 'emulator | staging (default: `mode` in flex-sso.config.yaml, else emulator)')
    .option('--json', 'print one JSON object')
    .option('--keep', 'keep the servers running after the login (dashboard) until Ctrl+C')
    .option('--config <file>', 'configuration file (default flex-sso.config.yaml if present)')
    .option('--state <file>', 'emulator: tenant state (users); created and saved if absent', '.flex-sso/tenant.json')
    .option('--store <dir>', 'fake SP run store (default: sp.storeDir from the configuration)')
    .option('--port <n>', 'emulator: fake SP port (default: sp.port from the configuration; 0 = free port)')
    .option('--action <name|file>', 'emulator: post-login Action bound for a user already in the state', 'pattern-a')
    .option(
      '--scenarios <glob>',
      'emulator: scenario files (or ids) to create a missing user from (default: the files `scenarios:` in the config names, else the shipped scenarios)',
    )
    .option('--timeout <ms>', 'per browser step', '15000')
    .option('--sp <url>', 'log in through a running fake SP (with --idp); default: the `flex-sso serve all` that owns --state, if one runs')
    .option('--idp <url>', "the running IdP's SAML login URL (…/samlp/<client id>), with --sp; the user must exist there")
    .addHelpText(
      'after',
      `
Examples:
  flex-sso login --user pa-admin@flex-sso.test                    emulator: user from its scenario (scenarios/pattern-a.yaml)
  flex-sso login --user pa-supervisor@flex-sso.test --keep        then open the printed dashboard
  flex-sso login --user pa-agent@flex-sso.test                    through a running \`flex-sso serve all\` (its dashboard)
  FLEX_SSO_PASSWORD=… flex-sso login --user ana@corp.test --mode staging --headed`,
    )
    .action(async (options: LoginOptions) => {
      await login(options);
    });
}
