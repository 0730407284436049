// An emulator run's Action console output for the report: the login's entries of the emulator's
// Actions real-time logs (fake-idp/tenant/executions.ts), never the tenant logs, which hold only
// execution ids as on Auth0. Each Action keeps the 256 characters Auth0 persists.
import type { RealtimeLogEntry, RealtimeLogFilter } from '../../fake-idp/tenant/tenant.ts';
import type { ActionLogs } from './observation.ts';

/** What the emulator offers (fake-idp/server.ts RunningIdp). */
export interface RealtimeLogSource {
  realtimeLogsUrl: string;
  realtimeLogs(filter: RealtimeLogFilter): RealtimeLogEntry[];
}

/** The entries of `email`'s logins since `since` (each scenario has its own user, so they are this login's). */
export function emulatorActionLogs(source: RealtimeLogSource, email: string, since: Date): ActionLogs {
  const userName = email.toLowerCase();
  // A second of slack: the emulator stamps entries with its own clock.
  const entries = source.realtimeLogs({ userName, since: new Date(since.getTime() - 1_000) });
  return {
    pageUrl: `${source.realtimeLogsUrl}/page?user_name=${encodeURIComponent(userName)}`,
    entries: entries.map((e) => ({
      action: e.action_name,
      executionId: e.execution_id,
      console: e.console.map(({ level, message }) => ({ level, message })),
      consoleChars: e.console_chars,
      truncated: e.truncated,
      ...(e.error ? { error: `${e.error.name}: ${e.error.message}` } : {}),
    })),
  };
}
