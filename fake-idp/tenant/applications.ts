// Applications (Auth0 "clients") of the tenant: the SAML app Flex logs in through, plus any the
// harness adds. Management (M2M) clients live in state.managementClients.
import { badRequest, notFound } from './errors.ts';
import { newClientId, newClientSecret } from './ids.ts';
import type { Application, SamlpAddon, TenantState } from './types.ts';

export interface CreateApplicationInput {
  name: string;
  app_type?: Application['app_type'];
  callbacks?: string[];
  addons?: { samlp?: SamlpAddon };
  grant_types?: string[];
  client_id?: string;
  client_secret?: string;
}

export interface ApplicationPatch {
  name?: string;
  app_type?: Application['app_type'];
  callbacks?: string[];
  /** Each addon given replaces the stored one (Auth0 PATCH); null removes it. */
  addons?: { samlp?: SamlpAddon | null };
  grant_types?: string[];
}

export function getApplication(state: TenantState, clientId: string): Application | undefined {
  return state.applications.find((a) => a.client_id === clientId);
}

export function createApplication(state: TenantState, input: CreateApplicationInput): Application {
  if (typeof input.name !== 'string' || input.name.trim() === '') {
    throw badRequest('invalid_body', "Payload validation error: 'Missing required property: name'.", 'Give the application a name');
  }
  const clientId = input.client_id ?? newClientId();
  if (getApplication(state, clientId) || state.managementClients.some((c) => c.client_id === clientId)) {
    throw badRequest('invalid_body', `client_id ${clientId} is already used.`, 'Omit client_id to get a fresh one');
  }
  const app: Application = {
    client_id: clientId,
    client_secret: input.client_secret ?? newClientSecret(),
    name: input.name,
    app_type: input.app_type ?? 'regular_web',
    callbacks: [...(input.callbacks ?? [])],
    addons: structuredClone(input.addons ?? {}),
    grant_types: [...(input.grant_types ?? ['authorization_code', 'implicit', 'refresh_token', 'client_credentials'])],
  };
  state.applications.push(app);
  // A new application starts with the tenant's database connection enabled (unconfirmed: what the
  // Dashboard does for a new application; docs/emulator-fidelity.md).
  state.connection.enabled_clients.push(clientId);
  return app;
}

export function updateApplication(state: TenantState, clientId: string, patch: ApplicationPatch): Application {
  const app = getApplication(state, clientId);
  if (!app) throw notFound('inexistent_client', 'The client does not exist', `No application with client_id ${clientId}`);
  if (patch.name !== undefined) app.name = patch.name;
  if (patch.app_type !== undefined) app.app_type = patch.app_type;
  if (patch.callbacks !== undefined) app.callbacks = [...patch.callbacks];
  if (patch.grant_types !== undefined) app.grant_types = [...patch.grant_types];
  if (patch.addons !== undefined) {
    if (patch.addons.samlp === null) delete app.addons.samlp;
    else if (patch.addons.samlp !== undefined) app.addons.samlp = structuredClone(patch.addons.samlp);
  }
  return app;
}

/** The SAML app logins use by default: the first application with the SAML addon enabled. */
export function defaultSamlClientId(state: TenantState): string {
  const app = state.applications.find((a) => a.addons.samlp !== undefined) ?? state.applications[0];
  if (!app) throw notFound('inexistent_client', 'The tenant has no application.', 'Create an application with addons.samlp');
  return app.client_id;
}
