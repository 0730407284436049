// Action executions and the Actions real-time logs of the emulator, kept apart from tenant logs as
// Auth0 keeps them apart. A login's tenant log event carries only the execution id
// (logs-schema.json `s.details.actions.executions`: "Executions can be retrieved with
// GET /api/v2/actions/executions/{id}"), and an execution holds each Action's name, timing and error
// — never console output. Console output and exceptions appear only in the real-time logs view
// (docs-v2 customize/actions/actions-real-time-logs.mdx), of which Auth0 persists at most 256
// characters per Action (customize/actions/limitations.mdx, "Logs"); execution logs are kept 10 days.
import { newUuid } from './ids.ts';

/** limitations.mdx: "A maximum of 256 characters may be persistently stored for console.log() outputs for each Action." */
export const PERSISTED_CONSOLE_CHARS = 256;
/** limitations.mdx: "Execution logs are retained for 10 days." */
export const EXECUTION_RETENTION_MS = 10 * 24 * 3600 * 1000;
/** Bounded memory for a long-running emulator. */
const MAX_EXECUTIONS = 2_000;

/** GET /api/v2/actions/executions/{id} (auth0 SDK v7 GetActionExecutionResponseContent). */
export interface Execution {
  id: string;
  trigger_id: 'post-login';
  status: 'final';
  results: { action_name: string; error?: { id: string; msg: string }; started_at: string; ended_at: string }[];
  created_at: string;
  updated_at: string;
}

export interface ConsoleLine {
  level: string;
  message: string;
  at: string;
}

/** One Action's run in the real-time logs view. */
export interface RealtimeLogEntry {
  execution_id: string;
  trigger_id: 'post-login';
  action_id: string;
  action_name: string;
  user_id?: string;
  user_name?: string;
  client_id?: string;
  client_name?: string;
  started_at: string;
  ended_at: string;
  /** Console output as persisted: at most PERSISTED_CONSOLE_CHARS characters in all. */
  console: ConsoleLine[];
  /** Characters the Action wrote to the console, before the cut. */
  console_chars: number;
  truncated: boolean;
  /** The exception that ended the Action, if one did. */
  error?: { name: string; message: string };
}

/** What a login's Action chain produced (fake-idp/actions/runner.ts PostLoginOutcome fits it). */
export interface ActionChainRun {
  denied?: { reason: string; action: string };
  error?: { kind: string; message: string; action: string };
  logs: { action: string; level: string; message: string; at: string }[];
  durationMs: number;
}

export interface RecordExecutionInput {
  actions: { id: string; name: string }[];
  run: ActionChainRun;
  startedAt: Date;
  who: { user_id?: string; user_name?: string; client_id?: string; client_name?: string };
}

export interface RealtimeLogFilter {
  userId?: string;
  userName?: string;
  executionId?: string;
  since?: Date;
  limit?: number;
}

/** The first PERSISTED_CONSOLE_CHARS characters of the output, lines joined by a newline as a console shows them. */
export function persistedExcerpt(lines: ConsoleLine[]): { console: ConsoleLine[]; chars: number; truncated: boolean } {
  const out: ConsoleLine[] = [];
  let used = 0;
  let chars = 0;
  for (const [i, line] of lines.entries()) {
    const separator = i === 0 ? 0 : 1;
    chars += separator + line.message.length;
    const room = PERSISTED_CONSOLE_CHARS - used - separator;
    if (room <= 0) continue;
    const kept = line.message.slice(0, room);
    out.push({ ...line, message: kept });
    used += separator + kept.length;
  }
  return { console: out, chars, truncated: chars > used };
}

const ERROR_NAMES: Record<string, string> = { syntax: 'SyntaxError', timeout: 'TimeoutError' };

export class ExecutionStore {
  private readonly executions = new Map<string, Execution>();
  private readonly entries: RealtimeLogEntry[] = [];

  /** Records one run of the post-login trigger; returns its execution id. */
  record(input: RecordExecutionInput): string {
    const id = newUuid();
    const started = input.startedAt.toISOString();
    const ended = new Date(input.startedAt.getTime() + Math.round(input.run.durationMs)).toISOString();
    // The chain stops at the Action that denied or failed; the ones after it never ran.
    const stop = input.run.error?.action ?? input.run.denied?.action;
    const stopAt = stop === undefined ? -1 : input.actions.findIndex((a) => a.name === stop);
    const ran = stopAt < 0 ? input.actions : input.actions.slice(0, stopAt + 1);
    const results: Execution['results'] = [];
    for (const action of ran) {
      const failed = input.run.error && input.run.error.action === action.name ? input.run.error : undefined;
      // The runner times the chain, not each Action: every Action is given the chain's window.
      results.push({ action_name: action.name, started_at: started, ended_at: ended, ...(failed ? { error: { id: failed.kind, msg: failed.message } } : {}) });
      const excerpt = persistedExcerpt(input.run.logs.filter((l) => l.action === action.name).map(({ level, message, at }) => ({ level, message, at })));
      this.entries.push({
        execution_id: id,
        trigger_id: 'post-login',
        action_id: action.id,
        action_name: action.name,
        ...input.who,
        started_at: started,
        ended_at: ended,
        console: excerpt.console,
        console_chars: excerpt.chars,
        truncated: excerpt.truncated,
        ...(failed ? { error: { name: ERROR_NAMES[failed.kind] ?? 'Error', message: failed.message } } : {}),
      });
    }
    this.executions.set(id, { id, trigger_id: 'post-login', status: 'final', results, created_at: started, updated_at: ended });
    this.prune(input.startedAt);
    return id;
  }

  get(id: string): Execution | undefined {
    return this.executions.get(id);
  }

  /** Real-time log entries, oldest first. */
  list(filter: RealtimeLogFilter = {}): RealtimeLogEntry[] {
    const since = filter.since?.getTime();
    const out = this.entries.filter(
      (e) =>
        (filter.userId === undefined || e.user_id === filter.userId) &&
        (filter.userName === undefined || e.user_name === filter.userName) &&
        (filter.executionId === undefined || e.execution_id === filter.executionId) &&
        (since === undefined || Date.parse(e.started_at) >= since),
    );
    return filter.limit === undefined ? out : out.slice(-filter.limit);
  }

  private prune(now: Date): void {
    const cutoff = now.getTime() - EXECUTION_RETENTION_MS;
    for (const [id, e] of this.executions) {
      if (this.executions.size > MAX_EXECUTIONS || Date.parse(e.created_at) < cutoff) this.executions.delete(id);
      else break;
    }
    const keep = this.entries.findIndex((e) => this.executions.has(e.execution_id));
    if (keep > 0) this.entries.splice(0, keep);
    else if (keep < 0) this.entries.length = 0;
  }
}
