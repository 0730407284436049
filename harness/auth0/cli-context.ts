// What every Auth0 admin command starts from: the config, the Auth0 settings from the environment,
// a redactor for every line that leaves the process, and the Management API port.
import { usageError } from '../cli/errors.ts';
import { terminalSafe } from '../text/terminal-safe.ts';
import { loadConfig, requireAuth0, type Auth0Env, type LoadedConfig } from '../config/load.ts';
import { redactorFromEnv, type Redactor } from '../secrets/redact.ts';
import type { Auth0Admin } from './types.ts';

export interface AdminContext {
  loaded: LoadedConfig;
  domain: string;
  redactor: Redactor;
  admin: Auth0Admin;
  /** Writes a redacted line to stdout. */
  out: (line: string) => void;
  /** Writes a redacted progress line to stderr. */
  progress: (line: string) => void;
  /** Writes a value as redacted JSON to stdout, unescaped (JSON output stays exact). */
  json: (value: unknown) => void;
}

export async function openAdminContext(options: { config?: string; needs?: (keyof Auth0Env)[] }, env: NodeJS.ProcessEnv = process.env): Promise<AdminContext> {
  const loaded = loadConfig({ ...(options.config !== undefined ? { file: options.config } : {}), env });
  const redactor = redactorFromEnv(env);
  const auth0 = requireAuth0(loaded.env, ['domain', 'mgmtClientId', 'mgmtClientSecret', ...(options.needs ?? [])]);
  redactor.add(auth0.mgmtClientSecret);
  if (!/^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/.test(auth0.domain)) {
    throw usageError(
      'AUTH0_DOMAIN_INVALID',
      `AUTH0_DOMAIN: expected a host name such as tenant.us.auth0.com (optionally :port), received "${redactor.redact(auth0.domain)}".`,
      'Give the bare domain: no https://, no path, no trailing slash.',
    );
  }
  // Lines quote tenant data (user names, e-mails, Action names): control and bidi characters are
  // escaped; the line breaks of a table the command built are kept. JSON goes through `json`, exact.
  const out = (line: string) => {
    process.stdout.write(`${terminalSafe(redactor.redact(line), { multiline: true })}\n`);
  };
  const progress = (line: string) => {
    process.stderr.write(`${terminalSafe(redactor.redact(line), { multiline: true })}\n`);
  };
  const json = (value: unknown) => {
    process.stdout.write(`${redactor.redact(JSON.stringify(value, null, 2))}\n`);
  };
  // The auth0 SDK takes about a second to load: only commands that talk to a tenant pay for it.
  const { createAuth0Admin } = await import('./management.ts');
  const admin = createAuth0Admin({
    domain: auth0.domain,
    clientId: auth0.mgmtClientId,
    clientSecret: auth0.mgmtClientSecret,
    redactor,
    onProgress: progress,
  });
  return { loaded, domain: auth0.domain, redactor, admin, out, progress, json };
}
