// A fresh tenant: what a new Auth0 tenant set up for Flex looks like before any scenario runs.
import { newClientId, newClientSecret } from './ids.ts';
import { defaultConnection, defaultProtections } from './login-state.ts';
import type { SigningKey } from './signing-key.ts';
import type { TenantState, UniversalLoginVariant } from './types.ts';

export const DEFAULT_DOMAIN = 'flex-sso-harness.local.auth0.test';
export const SAML_APP_NAME = 'Twilio Flex';
export const MANAGEMENT_CLIENT_NAME = 'flex-sso-harness (Management API)';

export function freshState(domain: string, universalLogin: UniversalLoginVariant, signing: SigningKey): TenantState {
  const samlClientId = newClientId();
  return {
    version: 1,
    domain,
    settings: { universalLogin, friendlyName: 'Flex SSO harness (emulated Auth0)' },
    signing,
    applications: [
      {
        client_id: samlClientId,
        client_secret: newClientSecret(),
        name: SAML_APP_NAME,
        app_type: 'regular_web',
        callbacks: [],
        addons: { samlp: {} },
        grant_types: ['authorization_code', 'implicit', 'refresh_token', 'client_credentials'],
      },
    ],
    managementClients: [{ client_id: newClientId(), client_secret: newClientSecret(), name: MANAGEMENT_CLIENT_NAME }],
    users: [],
    actions: [],
    bindings: { 'post-login': [] },
    logs: [],
    faults: [],
    connection: defaultConnection([samlClientId]),
    protections: defaultProtections(),
    bruteForce: { failures: [], blocks: [] },
  };
}
