// Shared fixtures for the Action runner tests: a frozen clock, an event, and an Action from a body.
import { buildPostLoginEvent, type PostLoginEvent, type UserLike } from '../../../fake-idp/actions/event.ts';
import type { ActionToRun } from '../../../fake-idp/actions/runner.ts';

export const NOW = new Date('2026-03-01T12:00:00.000Z');

export function eventFor(user: Partial<UserLike> = {}): PostLoginEvent {
  return buildPostLoginEvent({
    user: { email: 'jane@example.com', app_metadata: { flex: { roles: ['agent'] } }, ...user },
    client: { client_id: 'client123', name: 'Twilio Flex' },
    request: { ip: '127.0.0.1', hostname: 'tenant.local' },
    tenantId: 'tenant',
    now: NOW,
  });
}

/** An Action whose handler body is `body` (it sees `event` and `api`). */
export function action(name: string, body: string, secrets: Record<string, string> = {}): ActionToRun {
  return { id: `act_${name}`, name, code: `exports.onExecutePostLogin = async (event, api) => {\n${body}\n};\n`, secrets };
}

export function rawAction(name: string, code: string): ActionToRun {
  return { id: `act_${name}`, name, code, secrets: {} };
}
