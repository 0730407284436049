// Drives the emulator's RBAC endpoints and Action dependencies with the real, unmodified auth0 SDK
// v7 ManagementClient (run in a child process by sdk-roles.test.ts, like sdk-client.ts). Prints one
// JSON line with what it observed; exits 1 on any failure.
import { ManagementClient } from 'auth0';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`missing env ${name}`);
  return value;
};

const management = new ManagementClient({ domain: env('SDK_DOMAIN'), clientId: env('SDK_CLIENT_ID'), clientSecret: env('SDK_CLIENT_SECRET') });
const userId = env('SDK_USER_ID');

async function main() {
  const supervisor = await management.roles.create({ name: 'Flex Supervisor', description: 'Teams View' });
  const agent = await management.roles.create({ name: 'Flex Agent' });
  const fetched = await management.roles.get(supervisor.id ?? '');
  await management.roles.update(agent.id ?? '', { description: 'Answers tasks' });
  const roleNames: string[] = [];
  for await (const role of await management.roles.list({ per_page: 1 })) roleNames.push(role.name ?? '');
  await management.users.roles.assign(userId, { roles: [supervisor.id ?? '', agent.id ?? ''] });
  const userRoles: string[] = [];
  for await (const role of await management.users.roles.list(userId)) userRoles.push(role.name ?? '');
  await management.users.roles.delete(userId, { roles: [agent.id ?? ''] });
  const afterRemoval: string[] = [];
  for await (const role of await management.users.roles.list(userId)) afterRemoval.push(role.name ?? '');
  const action = await management.actions.create({
    name: 'SDK deps',
    code: 'exports.onExecutePostLogin = async () => {};',
    supported_triggers: [{ id: 'post-login', version: 'v3' }],
    dependencies: [{ name: 'lodash', version: '4.17.21' }],
  });
  await management.roles.delete(agent.id ?? '');
  process.stdout.write(
    `${JSON.stringify({
      fetched: { name: fetched.name, description: fetched.description },
      roleNames,
      userRoles,
      afterRemoval,
      actionDependencies: action.dependencies,
    })}\n`,
  );
}

main().catch((err: unknown) => {
  const e = err as { message?: string; statusCode?: number; body?: unknown };
  process.stderr.write(`sdk-roles-client failed: ${e.message} ${e.statusCode ?? ''} ${JSON.stringify(e.body ?? '')}\n`);
  process.exit(1);
});
