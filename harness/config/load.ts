// Loads flex-sso.config.yaml (optional) and the environment (.env supported) into one settings object.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { usageError } from '../cli/errors.ts';
import { formatYamlIssue, LocatedYaml, parseValidatedYaml } from '../yaml/validated-yaml.ts';
import { configSchema, type FlexSsoConfig } from './schema.ts';

export const DEFAULT_CONFIG_FILE = 'flex-sso.config.yaml';

/** Secrets and tenant identifiers: from the environment only. */
export interface Auth0Env {
  domain?: string;
  samlClientId?: string;
  mgmtClientId?: string;
  mgmtClientSecret?: string;
}

export interface LoadedConfig {
  file?: string;
  config: FlexSsoConfig;
  env: Auth0Env;
}

/** Reads KEY=value lines from `.env` without overriding variables already set. */
export function loadDotEnv(dir: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const file = resolve(dir, '.env');
  if (!existsSync(file)) return undefined;
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match || line.trimStart().startsWith('#')) continue;
    const [, key, raw] = match as unknown as [string, string, string];
    const value = /^(['"])(.*)\1$/.exec(raw)?.[2] ?? raw;
    if (env[key] === undefined) env[key] = value;
  }
  return file;
}

export function auth0EnvFrom(env: NodeJS.ProcessEnv): Auth0Env {
  return {
    domain: env.AUTH0_DOMAIN || undefined,
    samlClientId: env.AUTH0_SAML_CLIENT_ID || undefined,
    mgmtClientId: env.AUTH0_MGMT_CLIENT_ID || undefined,
    mgmtClientSecret: env.AUTH0_MGMT_CLIENT_SECRET || undefined,
  };
}

export interface ConfigFile {
  /** The file read, absolute; undefined when there is none (then every setting is its default). */
  file?: string;
  config: FlexSsoConfig;
  /** Line of a field in the file (1 when it is absent or there is no file). */
  lineOf(path: readonly string[]): number;
}

/**
 * Reads and validates the config file — `file` (--config: must exist) or ./flex-sso.config.yaml (optional) —
 * without touching the environment. An invalid file is CONFIG_INVALID (exit 2), never a silent default.
 */
export function readConfigFile(options: { file?: string; cwd?: string } = {}): ConfigFile {
  const cwd = options.cwd ?? process.cwd();
  const explicit = options.file !== undefined;
  const file = resolve(cwd, options.file ?? DEFAULT_CONFIG_FILE);
  if (!existsSync(file)) {
    if (explicit) throw usageError('CONFIG_NOT_FOUND', `--config: no file at ${file}.`, 'Create one with `flex-sso init`.');
    return { config: configSchema.parse({}), lineOf: () => 1 };
  }
  const text = readFileSync(file, 'utf8');
  const { value, issues } = parseValidatedYaml(text, file, configSchema);
  if (!value) {
    throw usageError(
      'CONFIG_INVALID',
      `invalid configuration:\n${issues.map((i) => `  ${formatYamlIssue(i)}`).join('\n')}`,
      'Fix the fields above; `flex-sso init` writes a commented example.',
    );
  }
  return { file, config: value, lineOf: (path) => new LocatedYaml(text, file).lineOf(path) };
}

export function loadConfig(options: { file?: string; cwd?: string; env?: NodeJS.ProcessEnv } = {}): LoadedConfig {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  loadDotEnv(cwd, env);
  const { file, config } = readConfigFile({ cwd, ...(options.file === undefined ? {} : { file: options.file }) });
  const auth0 = auth0EnvFrom(env);
  if (file === undefined) return { config, env: auth0 };
  return { file, config, env: { ...auth0, domain: auth0.domain ?? config.auth0.domain, samlClientId: auth0.samlClientId ?? config.auth0.samlClientId } };
}

/** The Auth0 settings a command needs, or a usage error naming the missing variables. */
export function requireAuth0(env: Auth0Env, needs: readonly (keyof Auth0Env)[]): Required<Pick<Auth0Env, (typeof needs)[number]>> {
  const names: Record<keyof Auth0Env, string> = {
    domain: 'AUTH0_DOMAIN',
    samlClientId: 'AUTH0_SAML_CLIENT_ID',
    mgmtClientId: 'AUTH0_MGMT_CLIENT_ID',
    mgmtClientSecret: 'AUTH0_MGMT_CLIENT_SECRET',
  };
  const missing = needs.filter((k) => !env[k]).map((k) => names[k]);
  if (missing.length > 0) {
    throw usageError(
      'AUTH0_ENV_MISSING',
      `missing environment variable(s): ${missing.join(', ')}.`,
      'Set them in the environment or in a .env file beside flex-sso.config.yaml (never in the config file).',
    );
  }
  return env as Required<Pick<Auth0Env, (typeof needs)[number]>>;
}
