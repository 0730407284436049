// Auth0 tenant log event types the emulator writes or the harness reads, with Auth0's names for
// them. Source: auth0/docs-v2 main/docs/deploy-monitor/logs/log-event-type-codes.mdx (the "Event"
// column) and main/docs/oas/tenant-logs/logs-schema.json (one schema per type). Data only.
import { DATABASE_CONNECTION } from './users.ts';

export const LOG_EVENT_TYPES = {
  s: 'Success Login',
  f: 'Failed Login',
  fp: 'Failed Login (Incorrect Password)',
  fu: 'Failed Login (Invalid Email/Username)',
  ss: 'Success Signup',
  fs: 'Failed Signup',
  w: 'Warning During Login',
  sapi: 'Success API Operation',
  fapi: 'Failed API Operation',
  mgmt_api_read: 'Management API read Operation',
  seccft: 'Success Exchange (Client Credentials)',
  feccft: 'Failed Exchange (Client Credentials)',
  actions_execution_failed: 'Actions Execution Failed',
  api_limit: 'Rate Limit on the Authentication or Management APIs',
  limit_wc: 'Blocked Account',
  limit_mu: 'Blocked IP Address',
  fcoa: 'Failed cross-origin authentication',
  depnote: 'Deprecation Notice',
} as const;

export type LogEventType = keyof typeof LOG_EVENT_TYPES;

/** Auth0's name for a type code; an unknown code is named as such, never guessed. */
export function logEventTypeName(type: string): string {
  return Object.hasOwn(LOG_EVENT_TYPES, type) ? LOG_EVENT_TYPES[type as LogEventType] : `Auth0 log type "${type}"`;
}

/**
 * logs-schema.json `actions_execution_failed.details.error_class`: why the execution failed.
 * `rate_limited` and `platform_error` never happen in the emulator.
 */
export type ActionsErrorClass = 'platform_error' | 'action_timeout' | 'action_error' | 'rate_limited';

/** The `strategy` / `strategy_type` a login event carries for its connection (logs-schema.json `s.strategy`). */
export function connectionStrategy(connection: string | undefined): { strategy: string; strategy_type: string } {
  // The emulator has one connection, a database connection: Auth0's strategy for those is "auth0".
  if (connection === DATABASE_CONNECTION) return { strategy: 'auth0', strategy_type: 'database' };
  return { strategy: '', strategy_type: '' };
}

/** `$event_schema.version` of the events the emulator writes (logs-schema.json; the value is the emulator's). */
export const EVENT_SCHEMA_VERSION = '1.0.0';
/** `environment_name` (logs-schema.json examples: "prod-us-1"); the emulator names itself. */
export const EMULATOR_ENVIRONMENT = 'flex-sso-emulator';
