// Creating a user through the Management API is a signup for the tenant logs: `ss` when it works,
// `fs` (Failed Signup, with Auth0's error message as description) when the tenant refuses it —
// a duplicate e-mail, a weak password. Types from auth0/docs-v2 log-event-type-codes.mdx and the
// `fs` schema of oas/tenant-logs/logs-schema.json; that a Management API create writes them is the
// emulator's reading (docs/emulator-fidelity.md: unconfirmed). The `sapi` of the write is separate.
import type { Request, Response } from 'express';
import { TenantError } from '../tenant/errors.ts';
import type { Tenant } from '../tenant/tenant.ts';
import type { User } from '../tenant/types.ts';
import { DATABASE_CONNECTION } from '../tenant/users.ts';
import { callerClaims } from './context.ts';

export function createUserLogged(tenant: Tenant, req: Request, res: Response, input: { email: string; connection?: string }, create: () => User): User {
  const claims = callerClaims(res);
  const client = tenant.state.managementClients.find((c) => c.client_id === claims?.azp);
  const userAgent = req.get('user-agent');
  const base = {
    connection: input.connection ?? DATABASE_CONNECTION,
    user_name: input.email,
    ...(client ? { client_id: client.client_id, client_name: client.name } : {}),
    ...(req.ip ? { ip: req.ip } : {}),
    ...(userAgent ? { user_agent: userAgent } : {}),
  };
  try {
    const user = create();
    tenant.log({ ...base, type: 'ss', description: '', user_id: user.user_id, user_name: user.email });
    return user;
  } catch (error) {
    if (error instanceof TenantError) tenant.log({ ...base, type: 'fs', description: error.message, details: { error: { message: error.message } } });
    throw error;
  }
}
