// What the Management API returns for stored objects: Auth0's response shapes, without secrets
// that Auth0 never returns (Action secret values). Users: see publicUser in tenant/users.ts.
import type { Action, ActionVersion, Application, Binding, ManagementClient } from '../tenant/types.ts';

const secretNames = (secrets: { name: string }[], updatedAt: string) => secrets.map((s) => ({ name: s.name, updated_at: updatedAt }));

export function versionBody(action: Action, version: ActionVersion) {
  return {
    id: version.id,
    action_id: action.id,
    code: version.code,
    dependencies: version.dependencies ?? action.dependencies,
    deployed: version.deployed,
    runtime: action.runtime,
    secrets: secretNames(version.secrets ?? [], version.created_at),
    status: version.status,
    number: version.number,
    errors: version.errors ?? [],
    action: {
      id: action.id,
      name: action.name,
      supported_triggers: action.supported_triggers,
      all_changes_deployed: action.all_changes_deployed,
      created_at: action.created_at,
      updated_at: action.updated_at,
    },
    built_at: version.created_at,
    created_at: version.created_at,
    updated_at: version.created_at,
    supported_triggers: action.supported_triggers,
  };
}

export function actionBody(action: Action) {
  const deployed = action.versions.find((v) => v.deployed) ?? action.deployed_version;
  return {
    id: action.id,
    name: action.name,
    supported_triggers: action.supported_triggers,
    all_changes_deployed: action.all_changes_deployed,
    created_at: action.created_at,
    updated_at: action.updated_at,
    code: action.code,
    dependencies: action.dependencies,
    runtime: action.runtime,
    secrets: secretNames(action.secrets, action.updated_at),
    ...(deployed ? { deployed_version: versionBody(action, deployed) } : {}),
    status: action.status,
    errors: action.errors ?? [],
    built_at: action.updated_at,
    deploy: false,
  };
}

export function bindingBody(binding: Binding, action: Action | undefined) {
  return { ...binding, action: action ? actionBody(action) : binding.action };
}

export function clientBody(app: Application) {
  return { ...app, is_first_party: true, oidc_conformant: true };
}

/** Management (M2M) clients shown as Auth0 lists them among the applications. */
export function managementClientBody(client: ManagementClient) {
  return {
    client_id: client.client_id,
    client_secret: client.client_secret,
    name: client.name,
    app_type: 'non_interactive' as const,
    callbacks: [],
    addons: {},
    grant_types: ['client_credentials'],
    is_first_party: true,
    oidc_conformant: true,
  };
}
