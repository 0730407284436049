// What the fidelity normaliser keeps of a tenant log event (Auth0's logs schema, docs-v2
// main/docs/oas/tenant-logs/logs-schema.json) before a tenant's events are compared with the
// emulator's: every field path is structure; the value is kept only where both sides must agree
// (the event type, its wording, the connection, error codes). Ids, dates, IPs, user agents, the
// tenant's name and the user's identity differ on every login or between tenant and emulator and
// become the kind of value they hold. Data, not code.

/** Field paths (dotted, arrays as `[i]`) whose value is compared as is. */
export const LOG_VALUE_FIELDS: ReadonlySet<string> = new Set([
  'type',
  'description',
  'connection',
  'strategy',
  'strategy_type',
  'details.error.message',
  'details.error.oauthError',
  'details.error_class',
  'details.trigger_id',
  'details.action_error.name',
  'details.action_error.code',
  'details.action_error.message',
]);

/**
 * Fields the emulator documents as not modelled (docs/emulator-fidelity.md, "Not modelled"): a
 * difference there is still reported, marked as known. Prefixes of field paths.
 */
export const LOG_FIELDS_NOT_MODELLED: readonly string[] = [
  'connection_id',
  'organization_id',
  'organization_name',
  'organization',
  'location_info',
  'security_context',
  'is_mobile',
  'isMobile',
  'details.prompts',
  'details.session_id',
  'details.transaction_id',
  'details.stats',
];

/**
 * Event types a user gets from the harness's own Management API writes before the logins
 * (provisioning, password resets, unblocking: log-event-type-codes.mdx), not from the login: an
 * attempt's search window reaches a few seconds back for clock skew and may catch them, so they are
 * left out of a recorded attempt (on both sides).
 */
export const SETUP_EVENT_TYPES: ReadonlySet<string> = new Set([
  'ss',
  'fs',
  'sapi',
  'fapi',
  'mgmt_api_read',
  'seccft',
  'feccft',
  'scp',
  'fcp',
  'scpr',
  'fcpr',
  'sdu',
  'fdu',
  'du',
  'scu',
  'fcu',
  'sce',
  'fce',
  'ublkdu',
]);

/** Bounds for untrusted events: nesting depth, fields per event, characters per kept value, events per attempt. */
export const LOG_LIMITS = { maxDepth: 8, maxFields: 300, maxValueChars: 2048, maxEvents: 100 } as const;

export function knownNotModelled(field: string): boolean {
  return LOG_FIELDS_NOT_MODELLED.some((prefix) => field === prefix || field.startsWith(`${prefix}.`) || field.startsWith(`${prefix}[`));
}
