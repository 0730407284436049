// `action-test --tenant-user EMAIL`: the user as the configured tenant stores it, read-only
// (GET /api/v2/users-by-email and GET /api/v2/users/{id}/roles through the auth0 SDK), so the Action
// runs on the real profile and RBAC roles ("why does Jane get no team?") without a login.
import { loadConfig, requireAuth0 } from '../config/load.ts';
import { usageError } from '../cli/errors.ts';
import { wrapApiErrors } from '../auth0/api-error.ts';
import { redactorFromEnv } from '../secrets/redact.ts';
import { userFromJson, type TestUser } from './users.ts';

/** Auth0 pages a user's roles; a user with more than this many has bigger problems than one Action. */
const ROLES_PER_PAGE = 100;

export async function userFromTenant(
  email: string,
  options: { config?: string; env?: NodeJS.ProcessEnv; progress?: (line: string) => void } = {},
): Promise<TestUser> {
  const env = options.env ?? process.env;
  const loaded = loadConfig({ ...(options.config !== undefined ? { file: options.config } : {}), env });
  const auth0 = requireAuth0(loaded.env, ['domain', 'mgmtClientId', 'mgmtClientSecret']);
  const redactor = redactorFromEnv(env);
  redactor.add(auth0.mgmtClientSecret);
  // The auth0 SDK takes about a second to load: only this option pays for it.
  const { createManagementClient } = await import('../auth0/management.ts');
  const client = createManagementClient({
    domain: auth0.domain,
    clientId: auth0.mgmtClientId,
    clientSecret: auth0.mgmtClientSecret,
    redactor,
    ...(options.progress ? { onProgress: options.progress } : {}),
  });
  const call = wrapApiErrors(redactor, auth0.domain);
  const found = await call(`read the user ${email}`, async () => (await client.users.listUsersByEmail({ email })).filter((u) => typeof u.user_id === 'string'));
  if (found.length === 0) {
    throw usageError(
      'TENANT_USER_NOT_FOUND',
      `No user with the e-mail ${email} in the tenant ${redactor.redact(auth0.domain)}.`,
      'Check the address (Auth0 → User Management → Users); e-mails are compared in lower case.',
    );
  }
  // Several connections may hold the same address: the database connection's user is the one Flex logins use.
  const raw = found.find((u) => (u.identities ?? []).some((i) => i.provider === 'auth0')) ?? found[0];
  const userId = String(raw?.user_id);
  const roles = await call(`read the roles of ${userId}`, async () =>
    (await client.users.roles.list(userId, { per_page: ROLES_PER_PAGE })).data.map((r) => String(r.name ?? '')),
  );
  // userFromJson takes the documented fields of a Management API user as they are.
  const user = userFromJson(JSON.stringify(raw), `tenant user ${email}`);
  return { ...user, source: `tenant ${redactor.redact(auth0.domain)}, ${userId}`, roles };
}
