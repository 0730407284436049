// Flex roles as data, and how Flex reads the `roles` attribute (Twilio Flex SSO docs; the seeds).

export const FLEX_ROLES = [
  'admin', 'supervisor', 'agent',
  'wfo.full_access', 'wfo.team_leader', 'wfo.data_analyst', 'wfo.data_auditor',
  'wfo.quality_manager', 'wfo.quality_process_manager', 'wfo.dashboard_viewer',
] as const;

export type FlexRole = (typeof FLEX_ROLES)[number];

export function isFlexRole(role: string): role is FlexRole {
  return (FLEX_ROLES as readonly string[]).includes(role);
}

/** Roles as Flex reads them: every value split on commas, trimmed, empties dropped. */
export function splitRoles(values: readonly string[]): string[] {
  return values.flatMap((v) => v.split(',')).map((r) => r.trim()).filter((r) => r.length > 0);
}

/** The same roles, whatever their order, repetition or comma-splitting. */
export function sameRoles(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(splitRoles(a));
  const right = new Set(splitRoles(b));
  return left.size === right.size && [...left].every((r) => right.has(r));
}
