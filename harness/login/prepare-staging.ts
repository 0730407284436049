// `flex-sso login --mode staging`: a real Auth0 tenant (AUTH0_DOMAIN, AUTH0_SAML_CLIENT_ID) posting to
// the local fake SP. The tenant's SAML app callback must be this SP's ACS (fixed `sp.port` in
// flex-sso.config.yaml), and the SP pins the certificate the tenant publishes at /pem.
// Cannot be exercised without a tenant: the emulator path covers the shared browser/verdict steps.
import { startFakeSp } from '../../fake-sp/server/start.ts';
import { usageError } from '../cli/errors.ts';
import type { LoadedConfig } from '../config/load.ts';
import { requireAuth0 } from '../config/load.ts';
import { idpInitiatedUrl, spInitiatedUrl, uniqueRelayState } from '../driver/start-url.ts';
import { defaultProfiles } from '../serve/profiles.ts';
import { serverError } from '../serve/server-errors.ts';
import type { PreparedLogin } from './types.ts';

export interface StagingLoginOptions {
  password?: string;
  passwordEnv: string;
  loaded: LoadedConfig;
  /** SP-initiated (AuthnRequest from the fake SP) instead of IdP-initiated. */
  spInitiated: boolean;
}

async function tenantCertificate(domain: string): Promise<string> {
  const url = `https://${domain}/pem`;
  let pem: string;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    pem = await response.text();
  } catch (error) {
    throw usageError(
      'LOGIN_PEM_UNREACHABLE',
      `cannot download the tenant signing certificate from ${url}: ${(error as Error).message}`,
      'check AUTH0_DOMAIN and the network',
    );
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----'))
    throw usageError('LOGIN_PEM_INVALID', `${url} returned no PEM certificate`, 'check AUTH0_DOMAIN (the tenant domain, e.g. example.eu.auth0.com)');
  return pem;
}

export async function prepareStagingLogin(options: StagingLoginOptions): Promise<PreparedLogin> {
  const { domain, samlClientId } = requireAuth0(options.loaded.env, ['domain', 'samlClientId']);
  if (options.password === undefined) {
    throw usageError(
      'LOGIN_NO_PASSWORD',
      `${options.passwordEnv} is not set: the password is read from the environment, never from the command line.`,
      `export ${options.passwordEnv}=… and run again`,
    );
  }
  const { config } = options.loaded;
  if (config.sp.port === 0) {
    throw usageError(
      'LOGIN_SP_PORT',
      "staging login: sp.port is 0 in the configuration, but the tenant's SAML app needs a fixed ACS URL.",
      "set sp.port (e.g. 3000) in flex-sso.config.yaml and the tenant's callback to that ACS URL",
    );
  }
  const samlUrl = `https://${domain}/samlp/${samlClientId}`;
  const profile = config.flex?.profile ?? 'enhanced';
  const sp = await startFakeSp({
    port: config.sp.port,
    storeDir: config.sp.storeDir,
    skewSeconds: config.sp.skewSeconds,
    profiles: defaultProfiles(config.flex?.connectionId, config.flex?.accountSid).filter((p) => p.kind === profile),
    idp: {
      certificates: [await tenantCertificate(domain)],
      issuer: `urn:${domain}`,
      ssoUrl: `${samlUrl}?connection=${encodeURIComponent(config.auth0.connection)}`,
    },
  }).catch((error: unknown) => {
    throw serverError(error);
  });
  const relayState = uniqueRelayState('login');
  return {
    spUrl: sp.url,
    dashboardUrl: sp.dashboardUrl,
    relayState,
    password: options.password,
    startUrl: options.spInitiated ? spInitiatedUrl(sp.loginUrl, profile, relayState) : idpInitiatedUrl(samlUrl, relayState),
    close: () => sp.close(),
  };
}
