// The tenant log events a finished login leaves, shaped by Auth0's logs schema (auth0/docs-v2
// main/docs/oas/tenant-logs/logs-schema.json):
// - `s`: details.actions.executions holds the ids of the trigger's executions, nothing else of them;
// - `actions_execution_failed` when an Action threw or timed out: details name the Action, its
//   binding, version, execution and `error_class` (action_error | action_timeout);
// - `f` for a login the Actions stopped (deny or error): details.error { message, oauthError }.
// Console output is never written here: it goes to the real-time logs view (executions.ts).
import type { ActionsErrorClass } from './log-types.ts';
import type { ActionChainRun, ExecutionStore } from './executions.ts';
import type { NewLogEvent } from './logs.ts';
import type { LogEvent, TenantState } from './types.ts';

/** The fields every event of one login shares (who, from where, through which app and connection). */
export interface LoginLogBase {
  client_id: string;
  client_name: string;
  connection: string;
  user_id: string;
  user_name: string;
  ip: string;
  user_agent?: string;
}

export interface LoginOutcomeInput {
  base: LoginLogBase;
  /** The bound post-login Actions, in order (empty: none bound, no execution). */
  actions: { id: string; name: string }[];
  run: ActionChainRun;
  startedAt: Date;
  /** The SAML response: ok, or the failure message it carries. */
  response: { ok: boolean; message: string };
  /** Emulator fault kinds applied to this login (not an Auth0 field: only present when faults ran). */
  faults: string[];
}

function errorClass(kind: string): ActionsErrorClass {
  return kind === 'timeout' ? 'action_timeout' : 'action_error';
}

/** Ids Auth0's actions_execution_failed details carry, read from the tenant's bindings and versions. */
function actionRefs(state: TenantState, actionId: string): { binding_id: string; version_id: string } {
  const binding = state.bindings['post-login'].find((b) => b.action.id === actionId);
  const action = state.actions.find((a) => a.id === actionId);
  return { binding_id: binding?.id ?? '', version_id: action?.deployed_version?.id ?? '' };
}

/**
 * Writes the login's events and records its execution; returns the execution id (undefined when no
 * Action is bound). `log` appends one event (Tenant.log).
 */
export function logLoginOutcome(state: TenantState, store: ExecutionStore, log: (e: NewLogEvent) => LogEvent, input: LoginOutcomeInput): string | undefined {
  const executionId =
    input.actions.length === 0
      ? undefined
      : store.record({
          actions: input.actions,
          run: input.run,
          startedAt: input.startedAt,
          who: { user_id: input.base.user_id, user_name: input.base.user_name, client_id: input.base.client_id, client_name: input.base.client_name },
        });
  const faults = input.faults.length > 0 ? { faults: input.faults } : {};
  const failure = input.run.error;
  if (failure && executionId !== undefined) {
    const action = input.actions.find((a) => a.name === failure.action);
    log({
      ...input.base,
      type: 'actions_execution_failed',
      description: failure.message,
      details: {
        action_id: action?.id ?? '',
        action_name: failure.action,
        ...actionRefs(state, action?.id ?? ''),
        execution_id: executionId,
        trigger_id: 'post-login',
        error_class: errorClass(failure.kind),
        action_error: { name: failure.kind === 'timeout' ? 'TimeoutError' : 'Error', message: failure.message, code: failure.kind, stack: '' },
      },
    });
  }
  if (input.response.ok) {
    log({
      ...input.base,
      type: 's',
      description: 'Success Login',
      details: { ...(executionId === undefined ? {} : { actions: { executions: [executionId] } }), ...faults },
    });
  } else {
    log({
      ...input.base,
      type: 'f',
      description: input.response.message,
      details: { error: { message: input.response.message, oauthError: 'access_denied' }, ...faults },
    });
  }
  return executionId;
}
