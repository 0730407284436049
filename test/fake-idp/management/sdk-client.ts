// Drives the emulator with the real, unmodified auth0 SDK v7 ManagementClient. Run in a child
// process by sdk.test.ts so NODE_EXTRA_CA_CERTS (read only at process start) makes Node trust the
// emulator's local CA. Prints one JSON line with what it observed; exits 1 on any failure.
import { ManagementClient } from 'auth0';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`missing env ${name}`);
  return value;
};

const management = new ManagementClient({ domain: env('SDK_DOMAIN'), clientId: env('SDK_CLIENT_ID'), clientSecret: env('SDK_CLIENT_SECRET') });
const samlClientId = env('SDK_SAML_CLIENT_ID');
const CONNECTION = 'Username-Password-Authentication';
const ACTION_CODE = "exports.onExecutePostLogin = async (event, api) => {\n  api.samlResponse.setAttribute('email', event.user.email);\n};";

async function statusOf(promise: Promise<unknown>): Promise<number | undefined> {
  try {
    await promise;
    return 200;
  } catch (err) {
    return (err as { statusCode?: number }).statusCode;
  }
}

async function main() {
  const created = await management.users.create({
    connection: CONNECTION,
    email: 'SDK.User@Example.com',
    password: 'Sdk-pass-1',
    app_metadata: { flex: { roles: ['agent'], team: 'Blue' }, program: 'P1' },
  });
  const userId = created.user_id ?? '';
  const fetched = await management.users.get(userId);
  const updated = await management.users.update(userId, { app_metadata: { flex: { roles: ['supervisor'] }, program: null } });
  const search = await management.users.list({ q: 'email:"sdk.user@example.com"', per_page: 10 });
  const allEmails: string[] = [];
  for await (const user of await management.users.list({ per_page: 2 })) allEmails.push(user.email ?? '');
  const byEmail = await management.users.listUsersByEmail({ email: 'sdk.user@example.com' });
  const duplicateStatus = await statusOf(management.users.create({ connection: CONNECTION, email: 'sdk.user@example.com', password: 'Str0ng-x' }));

  const clientNames: string[] = [];
  for await (const client of await management.clients.list()) clientNames.push(client.name ?? '');
  await management.clients.update(samlClientId, {
    callbacks: ['https://127.0.0.1/acs'],
    addons: { samlp: { audience: 'urn:flex:JQsdk', signResponse: true, mappings: { email: 'email' } } },
  });
  const samlClient = await management.clients.get(samlClientId);

  const action = await management.actions.create({ name: 'SDK action', code: ACTION_CODE, supported_triggers: [{ id: 'post-login', version: 'v3' }] });
  const version = await management.actions.deploy(action.id ?? '');
  await management.actions.triggers.bindings.updateMany('post-login', {
    bindings: [{ ref: { type: 'action_id', value: action.id ?? '' }, display_name: 'SDK binding' }],
  });
  const bindings = (await management.actions.triggers.bindings.list('post-login')).data;
  const actions = (await management.actions.list({ actionName: 'SDK action' })).data;

  // The SDK names the search parameter `search`; the API takes `q` (and refuses `search`: auth0/auth0-java#842).
  const searchParamStatus = await statusOf(management.logs.list({ search: 'type:sapi', per_page: 50 }));
  const logs = (await management.logs.list({ per_page: 50 }, { queryParams: { q: 'type:sapi' } })).data;

  await management.users.delete(userId);
  const afterDeleteStatus = await statusOf(management.users.get(userId));

  process.stdout.write(
    `${JSON.stringify({
      created: { user_id: userId, email: created.email, nickname: created.nickname },
      fetchedEmail: fetched.email,
      updatedAppMetadata: updated.app_metadata,
      searchEmails: search.data.map((u) => u.email),
      allEmails,
      byEmailCount: byEmail.length,
      duplicateStatus,
      clientNames,
      samlClient: { callbacks: samlClient.callbacks, samlp: samlClient.addons?.samlp },
      action: { id: action.id, status: action.status },
      version: { number: version.number, deployed: version.deployed, status: version.status },
      bindings: bindings.map((b) => ({ actionId: b.action?.id, display_name: b.display_name })),
      actionNames: actions.map((a) => a.name),
      sapiDescriptions: logs.map((l) => l.description),
      sapiTypes: [...new Set(logs.map((l) => l.type))],
      searchParamStatus,
      afterDeleteStatus,
    })}\n`,
  );
}

main().catch((err: unknown) => {
  const e = err as { message?: string; statusCode?: number; body?: unknown; cause?: unknown };
  process.stderr.write(`sdk-client failed: ${e.message} ${e.statusCode ?? ''} ${JSON.stringify(e.body ?? '')} ${String(e.cause ?? '')}\n`);
  process.exit(1);
});
