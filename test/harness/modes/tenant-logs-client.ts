// Child process for tenant-logs.test.ts: fetchTenantLogs through the real auth0 SDK over HTTPS,
// trusting the emulator's CA through NODE_EXTRA_CA_CERTS exactly as a user's run does.
// Input: argv[2] = JSON TenantLogQuery (dates as ISO strings), plus waitMs/intervalMs to wait for
// the first event as a failed scenario does. Output: one JSON line.
import { createLogsSource, fetchTenantLogs, waitForTenantLogs } from '../../../harness/auth0/tenant-logs.ts';
import { Redactor } from '../../../harness/secrets/redact.ts';

const env = (name: string): string => process.env[name] ?? '';
const input = JSON.parse(process.argv[2] ?? '{}') as {
  userId?: string;
  email?: string;
  from: string;
  to: string;
  limit?: number;
  waitMs?: number;
  intervalMs?: number;
};
const source = createLogsSource({
  domain: env('AUTH0_DOMAIN'),
  clientId: env('AUTH0_MGMT_CLIENT_ID'),
  clientSecret: env('AUTH0_MGMT_CLIENT_SECRET'),
  redactor: new Redactor([env('AUTH0_MGMT_CLIENT_SECRET')]),
});
try {
  const { waitMs, intervalMs, ...rest } = input;
  const query = { ...rest, from: new Date(input.from), to: new Date(input.to) };
  if (waitMs === undefined) {
    process.stdout.write(`${JSON.stringify({ events: await fetchTenantLogs(source, query) })}\n`);
  } else {
    const lookup = await waitForTenantLogs(() => fetchTenantLogs(source, query), { waitMs, ...(intervalMs === undefined ? {} : { intervalMs }) });
    process.stdout.write(`${JSON.stringify(lookup)}\n`);
  }
} catch (error) {
  process.stdout.write(`${JSON.stringify({ error: (error as Error).message, code: (error as { code?: string }).code })}\n`);
}
