// `flex-sso login`: one real browser login through the configured tenant (the emulator or a staging
// Auth0 tenant) into the fake SP; prints the verdict and the URL of its dashboard page.
// Exit 0 on outcome `login` (Flex would accept), 1 on any other outcome (sp-rejected, wrong-password, no-response, …), 2 usage or configuration.
import type { Command } from 'commander';
import { loadConfig } from '../../config/load.ts';
import { formatLoginHuman, loginJson } from '../../login/format.ts';
import type { PreparedLogin } from '../../login/types.ts';
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

async function login(options: LoginOptions): Promise<void> {
  const email = options.user.trim();
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw usageError('LOGIN_BAD_USER', `--user: expected an email address, received "${options.user}"`, 'e.g. --user pa-admin@example.com');
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(options.passwordEnv)) {
    throw usageError('LOGIN_BAD_PASSWORD_ENV', `--password-env: expected the NAME of an environment variable, received "${options.passwordEnv}"`, 'the password itself is never a command-line argument; e.g. --password-env FLEX_SSO_PASSWORD');
  }
  const loaded = loadConfig({ file: options.config });
  const mode = (options.mode ?? loaded.config.mode) as LoginMode;
  if (!(MODES as readonly string[]).includes(mode)) {
    throw usageError('LOGIN_BAD_MODE', `--mode: expected emulator or staging, received "${mode}"`, 'use --mode emulator (no tenant needed) or --mode staging (AUTH0_DOMAIN, AUTH0_SAML_CLIENT_ID)');
  }
  const timeoutMs = parsePositiveInt(options.timeout, '--timeout');
  const password = process.env[options.passwordEnv] || undefined;
  const redactor = redactorFromEnv();
  const secrets = new Redactor([password]);
  const say = (text: string): void => { process.stdout.write(secrets.redact(redactor.redact(text))); };

  let prepared: PreparedLogin;
  if (mode === 'emulator') {
    const { prepareEmulatorLogin } = await import('../../login/prepare-emulator.ts');
    prepared = await prepareEmulatorLogin({
      email, password, passwordEnv: options.passwordEnv, statePath: options.state, storeDir: options.store ?? loaded.config.sp.storeDir,
      spPort: options.port === undefined ? loaded.config.sp.port : parsePort(options.port, '--port'), action: options.action,
      scenarios: options.scenarios, profile: loaded.config.flex?.profile ?? 'enhanced',
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
    const dashboardUrl = options.keep ? prepared.dashboardUrl : undefined;
    if (options.json) say(`${JSON.stringify(loginJson(result, { mode, dashboardUrl, createdFrom: prepared.createdFrom }))}\n`);
    else {
      if (prepared.createdFrom) {
        say(`user ${email} created in the emulator (state ${options.state}) from scenario ${prepared.createdFrom}`
          + `${password === undefined ? `; ${options.passwordEnv} was not set, so its password came from the scenario or was generated` : ''}\n`);
      }
      say(formatLoginHuman(result));
      if (!options.keep && result.detailUrl) say('(the servers stop now: pass --keep to open the details page)\n');
    }
    if (result.outcome !== 'login') process.exitCode = EXIT.failed;
    if (options.keep) {
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
    .description('One browser login through the configured tenant into the fake Flex SP; prints the verdict and its dashboard URL')
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
    .option('--scenarios <glob>', 'emulator: scenario files to create a missing user from (default: all in scenarios/)')
    .option('--timeout <ms>', 'per browser step', '15000')
    .addHelpText('after', `
Examples:
  flex-sso login --user pa-admin@example.com                      emulator: user from its scenario
  FLEX_SSO_PASSWORD=… flex-sso login --user ana@corp.test --mode staging --headed
  flex-sso login --user pa-supervisor@example.com --keep          then open the printed dashboard`)
    .action(async (options: LoginOptions) => { await login(options); });
}
