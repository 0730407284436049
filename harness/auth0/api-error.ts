// Management API failures as CliErrors: what was attempted, the HTTP status and Auth0's message,
// and the fix for the usual causes. Everything passes through the redactor (tokens, secrets).
import { CliError, EXIT } from '../cli/errors.ts';
import type { Redactor } from '../secrets/redact.ts';

interface ErrorLike {
  statusCode?: unknown;
  body?: unknown;
  message?: unknown;
  cause?: unknown;
  code?: unknown;
}

function describeBody(body: unknown): string {
  if (typeof body === 'string') return body.slice(0, 300);
  if (body && typeof body === 'object') {
    const b = body as Record<string, unknown>;
    const parts = [b.error_description, b.message, b.error].filter((x): x is string => typeof x === 'string');
    return parts[0] ?? JSON.stringify(body).slice(0, 300);
  }
  return '';
}

function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as ErrorLike).code;
    if (typeof code === 'string') return code;
    current = (current as ErrorLike).cause;
  }
  return undefined;
}

export function hintFor(status: number | undefined, code: string | undefined, domain: string): string {
  if (status === 401)
    return 'Check AUTH0_MGMT_CLIENT_ID / AUTH0_MGMT_CLIENT_SECRET: the machine-to-machine application must be authorized for the Management API of this tenant.';
  if (status === 403)
    return 'Grant the machine-to-machine application the scopes it needs (read:users update:users create:users delete:users read:clients read:actions create:actions update:actions read:logs; for the MFA and bot-detection checks of doctor also read:mfa_policies read:guardian_factors read:attack_protection) in Auth0 → Applications → APIs → Auth0 Management API → Machine to Machine Applications.';
  if (status === 404) return 'Check the id (AUTH0_SAML_CLIENT_ID for the SAML app) and that AUTH0_DOMAIN names the right tenant.';
  if (status === 429) return 'The tenant rate limit was still exhausted after the retries: run again later or lower the parallelism.';
  if (code && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code))
    return `The TLS certificate of ${domain} is not trusted: for the emulator set NODE_EXTRA_CA_CERTS to the caFile that \`flex-sso serve idp --json\` prints.`;
  if (code === 'ENOTFOUND' || code === 'ECONNREFUSED' || code === 'EAI_AGAIN') return `Cannot reach ${domain}: check AUTH0_DOMAIN (host[:port], no https://).`;
  return 'Re-run; if it persists, check the tenant status and the Management API logs.';
}

export function apiError(error: unknown, operation: string, redactor: Redactor, domain: string): CliError {
  if (error instanceof CliError) return error;
  const e = (error ?? {}) as ErrorLike;
  const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  const code = causeCode(error);
  const detail = describeBody(e.body) || (typeof e.message === 'string' ? e.message : String(error));
  const message = `Auth0 Management API: ${operation} failed${status ? ` (HTTP ${status})` : ''}${code ? ` [${code}]` : ''}: ${detail}`;
  return new CliError('AUTH0_API', redactor.redact(message), redactor.redact(hintFor(status, code, domain)), EXIT.usage);
}

/** Runs one API operation, converting any failure into a redacted CliError. */
export function wrapApiErrors(redactor: Redactor, domain: string) {
  return async <T>(operation: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (error) {
      throw apiError(error, operation, redactor, domain);
    }
  };
}
