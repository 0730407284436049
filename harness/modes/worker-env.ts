// Names shared by `flex-sso run`, the real-tenant spec and the reporter.

// The attachment names are in harness/reports/attachments.ts.

/**
 * FLEX_SSO_INSECURE_TLS=1 makes the browser accept any TLS certificate. Only for tests against the
 * emulator's local CA: a real tenant has a public certificate and must never need it.
 */
export const INSECURE_TLS_ENV = 'FLEX_SSO_INSECURE_TLS';

export function insecureTlsRequested(env: NodeJS.ProcessEnv): boolean {
  return env[INSECURE_TLS_ENV] === '1';
}
