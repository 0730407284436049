// The auth0 SDK v7 ManagementClient behind the narrow Auth0Admin port. The SDK's own retries are
// off: every request goes through rateLimitedFetch, which honours 429/x-ratelimit-reset and reports.
import { ManagementClient } from 'auth0';
import { rateLimitedFetch, type RetryPolicy } from './rate-limit.ts';
import { wrapApiErrors } from './api-error.ts';
import type { ActionDependency } from '../../fake-idp/actions/dependencies.ts';
import type {
  ActionInfo,
  Auth0Admin,
  BindingInfo,
  BuildStatus,
  DeployedVersion,
  JsonObject,
  LoginProtectionsInfo,
  Readable,
  SamlClientInfo,
  TenantUser,
} from './types.ts';
import type { Redactor } from '../secrets/redact.ts';

export interface ManagementOptions {
  domain: string;
  clientId: string;
  clientSecret: string;
  redactor: Redactor;
  /** Progress lines (rate-limit waits). */
  onProgress?: (line: string) => void;
  retryPolicy?: RetryPolicy;
  fetch?: typeof fetch;
}

const POST_LOGIN = 'post-login';

const obj = (v: unknown): JsonObject => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as JsonObject) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function toTenantUser(raw: unknown): TenantUser {
  const u = obj(raw);
  const name = str(u.name),
    given = str(u.given_name),
    family = str(u.family_name);
  return {
    user_id: str(u.user_id) ?? '',
    email: str(u.email) ?? '',
    email_verified: u.email_verified === true,
    ...(name !== undefined ? { name } : {}),
    ...(given !== undefined ? { given_name: given } : {}),
    ...(family !== undefined ? { family_name: family } : {}),
    app_metadata: obj(u.app_metadata),
    user_metadata: obj(u.user_metadata),
  };
}

const errorsOf = (v: unknown) =>
  Array.isArray(v) ? v.map((e) => ({ ...(str(obj(e).id) ? { id: str(obj(e).id) as string } : {}), msg: str(obj(e).msg) ?? JSON.stringify(e) })) : [];

function dependenciesOf(raw: unknown): ActionDependency[] {
  return Array.isArray(raw)
    ? raw.flatMap((d) => {
        const o = obj(d);
        const name = str(o.name),
          version = str(o.version);
        return name && version ? [{ name, version }] : [];
      })
    : [];
}

export function toActionInfo(raw: unknown): ActionInfo {
  const a = obj(raw);
  const deployed = a.deployed_version === undefined ? undefined : obj(a.deployed_version);
  return {
    id: str(a.id) ?? '',
    name: str(a.name) ?? '',
    code: str(a.code) ?? '',
    ...(str(a.status) ? { status: a.status as BuildStatus } : {}),
    errors: errorsOf(a.errors),
    dependencies: dependenciesOf(a.dependencies),
    ...(deployed
      ? {
          deployedVersion: {
            id: str(deployed.id) ?? '',
            code: str(deployed.code) ?? '',
            dependencies: dependenciesOf(deployed.dependencies),
            ...(typeof deployed.number === 'number' ? { number: deployed.number } : {}),
            ...(str(deployed.status) ? { status: deployed.status as BuildStatus } : {}),
          },
        }
      : {}),
  };
}

function toDeployedVersion(raw: unknown): DeployedVersion {
  const v = obj(raw);
  return {
    id: str(v.id) ?? '',
    ...(typeof v.number === 'number' ? { number: v.number } : {}),
    ...(str(v.status) ? { status: v.status as BuildStatus } : {}),
    deployed: v.deployed === true,
    errors: errorsOf(v.errors),
  };
}

function toBinding(raw: unknown): BindingInfo {
  const b = obj(raw);
  const action = toActionInfo(b.action);
  return { ...(str(b.id) ? { id: str(b.id) as string } : {}), displayName: str(b.display_name) ?? action.name, action };
}

function toSamlClient(raw: unknown): SamlClientInfo {
  const c = obj(raw);
  const samlp = obj(c.addons).samlp;
  return {
    client_id: str(c.client_id) ?? '',
    name: str(c.name) ?? '',
    callbacks: Array.isArray(c.callbacks) ? c.callbacks.filter((x): x is string => typeof x === 'string') : [],
    ...(samlp !== undefined && samlp !== null ? { samlp: obj(samlp) } : {}),
  };
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** Reads one setting; a failure (403 for a missing scope, most often) is kept as its reason. */
async function readable<T>(redactor: ManagementOptions['redactor'], what: string, scope: string, read: () => Promise<T>): Promise<Readable<T>> {
  try {
    return { ok: true, value: await read() };
  } catch (error) {
    const status = (error as { statusCode?: unknown }).statusCode;
    const reason =
      status === 403
        ? `HTTP 403: the management client lacks the scope ${scope}`
        : `${typeof status === 'number' ? `HTTP ${status}: ` : ''}${(error as Error).message}`;
    return { ok: false, error: redactor.redact(`${what}: ${reason}`) };
  }
}

async function readLoginProtections(client: ManagementClient, redactor: ManagementOptions['redactor']): Promise<LoginProtectionsInfo> {
  return {
    mfaPolicies: await readable(redactor, 'GET /guardian/policies', 'read:mfa_policies', async () => strings(await client.guardian.policies.list())),
    enabledFactors: await readable(redactor, 'GET /guardian/factors', 'read:guardian_factors', async () =>
      (await client.guardian.factors.list()).filter((f) => f.enabled === true).map((f) => String(f.name ?? '')),
    ),
    botDetection: await readable(redactor, 'GET /attack-protection/bot-detection', 'read:attack_protection', async () => {
      const b = obj(await client.attackProtection.botDetection.get());
      return {
        challengePasswordPolicy: str(b.challenge_password_policy) ?? 'never',
        allowlist: strings(b.allowlist),
        monitoringMode: b.monitoring_mode_enabled === true,
      };
    }),
    bruteForce: await readable(redactor, 'GET /attack-protection/brute-force-protection', 'read:attack_protection', async () => {
      const b = obj(await client.attackProtection.bruteForceProtection.get());
      return {
        enabled: b.enabled === true,
        blocks: strings(b.shields).includes('block'),
        maxAttempts: typeof b.max_attempts === 'number' ? b.max_attempts : 10,
        allowlist: strings(b.allowlist),
      };
    }),
  };
}

export function createManagementClient(options: ManagementOptions): ManagementClient {
  const fetchWithRetry = rateLimitedFetch(options.fetch ?? globalThis.fetch, {
    ...(options.retryPolicy ? { policy: options.retryPolicy } : {}),
    onWait: (message) => options.onProgress?.(message),
  });
  return new ManagementClient({
    domain: options.domain,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    maxRetries: 0,
    timeoutInSeconds: 30,
    telemetry: false,
    fetch: fetchWithRetry,
  });
}

/** The Auth0Admin port over a real (or emulated) tenant. Every failure becomes a redacted CliError. */
export function createAuth0Admin(options: ManagementOptions): Auth0Admin {
  const client = createManagementClient(options);
  const call = wrapApiErrors(options.redactor, options.domain);
  return {
    listUsersPage: (page, perPage) =>
      call('list users', async () => {
        const result = await client.users.list({ page, per_page: perPage, include_totals: true });
        const total = obj(result.response).total;
        return { users: result.data.map(toTenantUser), ...(typeof total === 'number' ? { total } : {}) };
      }),
    createUser: (user) => call(`create user ${user.email}`, async () => toTenantUser(await client.users.create(user))),
    updateUser: (userId, patch) => call(`update user ${userId}`, async () => toTenantUser(await client.users.update(userId, patch))),
    deleteUser: (userId) =>
      call(`delete user ${userId}`, async () => {
        await client.users.delete(userId);
      }),
    getClient: (clientId) => call(`read application ${clientId}`, async () => toSamlClient(await client.clients.get(clientId))),
    findActionsByName: (name) =>
      call(`list actions named ${name}`, async () => {
        const page = await client.actions.list({ actionName: name, per_page: 100 });
        return page.data.map(toActionInfo).filter((a) => a.name === name);
      }),
    getAction: (id) => call(`read action ${id}`, async () => toActionInfo(await client.actions.get(id))),
    createAction: (input) =>
      call(`create action ${input.name}`, async () =>
        toActionInfo(
          await client.actions.create({
            name: input.name,
            code: input.code,
            runtime: input.runtime,
            dependencies: input.dependencies,
            supported_triggers: [{ id: POST_LOGIN, version: 'v3' }],
          }),
        ),
      ),
    updateAction: (id, input) => call(`update action ${id}`, async () => toActionInfo(await client.actions.update(id, input))),
    deployAction: (id) => call(`deploy action ${id}`, async () => toDeployedVersion(await client.actions.deploy(id))),
    listPostLoginBindings: () =>
      call('list post-login bindings', async () => {
        const out: BindingInfo[] = [];
        let page = await client.actions.triggers.bindings.list(POST_LOGIN, { per_page: 50 });
        out.push(...page.data.map(toBinding));
        while (page.hasNextPage() && out.length < 1000) {
          page = await page.getNextPage();
          out.push(...page.data.map(toBinding));
        }
        return out;
      }),
    setPostLoginBindings: (bindings) =>
      call('update post-login bindings', async () => {
        const result = await client.actions.triggers.bindings.updateMany(POST_LOGIN, { bindings });
        return (result.bindings ?? []).map(toBinding);
      }),
    unblockUser: (userId) =>
      call(`unblock user ${userId}`, async () => {
        await client.userBlocks.delete(userId);
      }),
    readLoginProtections: () => readLoginProtections(client, options.redactor),
    listSigningKeys: () =>
      readable(options.redactor, 'GET /keys/signing', 'read:signing_keys', async () => {
        const raw = (await client.keys.signing.list()) as unknown;
        return (Array.isArray(raw) ? raw : []).map((k) => {
          const key = obj(k);
          return {
            kid: str(key.kid) ?? '',
            cert: str(key.cert) ?? '',
            fingerprint: str(key.fingerprint) ?? '',
            current: key.current === true,
            next: key.next === true,
            previous: key.previous === true,
          };
        });
      }),
  };
}
