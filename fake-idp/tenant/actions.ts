// Post-login Actions: drafts, deployed versions and the ordered bindings of the post-login trigger.
// Like Auth0, a login runs the *deployed* version of each bound Action, in binding order; editing
// an Action changes only its draft until it is deployed again.
import { badRequest, conflict, notFound } from './errors.ts';
import { newUuid } from './ids.ts';
import type { Action, ActionError, ActionSecret, ActionVersion, Binding, TenantState } from './types.ts';

export type SyntaxChecker = (code: string) => { line: number; column: number; message: string } | undefined;

export interface CreateActionInput {
  name: string;
  code: string;
  runtime?: string;
  secrets?: ActionSecret[];
  supported_triggers?: Action['supported_triggers'];
  dependencies?: Action['dependencies'];
}
export type ActionPatch = Partial<CreateActionInput>;
export interface BindingRef {
  ref: { type: 'action_id' | 'action_name'; value: string };
  display_name?: string;
}
export interface BoundAction {
  id: string;
  name: string;
  code: string;
  secrets: Record<string, string>;
  dependencies: { name: string; version: string }[];
}

const DEFAULT_RUNTIME = 'node22';
const DEFAULT_TRIGGERS: Action['supported_triggers'] = [{ id: 'post-login', version: 'v3' }];

function buildErrors(code: string, check: SyntaxChecker): ActionError[] {
  const problem = check(code);
  return problem
    ? [{ id: 'syntax_error', msg: `${problem.message} (line ${problem.line}, column ${problem.column})`, line: problem.line, column: problem.column }]
    : [];
}

export function getAction(state: TenantState, id: string): Action | undefined {
  return state.actions.find((a) => a.id === id);
}

function requireAction(state: TenantState, id: string): Action {
  const action = getAction(state, id);
  if (!action) throw notFound('not_found', `Action ${id} not found.`, 'List actions to find the id');
  return action;
}

function checkName(state: TenantState, name: string, self?: Action): void {
  if (typeof name !== 'string' || name.trim() === '')
    throw badRequest('invalid_body', "Payload validation error: 'Missing required property: name'.", 'Give the Action a name');
  const other = state.actions.find((a) => a.name === name);
  if (other && other !== self)
    throw conflict('already_exists', `An action with name "${name}" already exists.`, 'Use another name or update the existing Action');
}

export function createAction(state: TenantState, input: CreateActionInput, now: Date, check: SyntaxChecker): Action {
  checkName(state, input.name, undefined);
  if (typeof input.code !== 'string')
    throw badRequest('invalid_body', "Payload validation error: 'Missing required property: code'.", 'Give the Action its code');
  const errors = buildErrors(input.code, check);
  const at = now.toISOString();
  const action: Action = {
    id: newUuid(),
    name: input.name,
    code: input.code,
    runtime: input.runtime ?? DEFAULT_RUNTIME,
    status: errors.length ? 'failed' : 'built',
    supported_triggers: input.supported_triggers ?? DEFAULT_TRIGGERS,
    secrets: input.secrets ?? [],
    dependencies: input.dependencies ?? [],
    all_changes_deployed: false,
    versions: [],
    errors,
    created_at: at,
    updated_at: at,
  };
  state.actions.push(action);
  return action;
}

export function updateAction(state: TenantState, id: string, patch: ActionPatch, now: Date, check: SyntaxChecker): Action {
  const action = requireAction(state, id);
  if (patch.name !== undefined) checkName(state, patch.name, action);
  if (patch.name !== undefined) action.name = patch.name;
  if (patch.code !== undefined) {
    action.code = patch.code;
    action.errors = buildErrors(patch.code, check);
    action.status = action.errors.length ? 'failed' : 'built';
  }
  if (patch.runtime !== undefined) action.runtime = patch.runtime;
  if (patch.secrets !== undefined) action.secrets = patch.secrets;
  if (patch.supported_triggers !== undefined) action.supported_triggers = patch.supported_triggers;
  if (patch.dependencies !== undefined) action.dependencies = patch.dependencies;
  if (patch.code !== undefined || patch.secrets !== undefined || patch.dependencies !== undefined) action.all_changes_deployed = false;
  action.updated_at = now.toISOString();
  // Bindings show the Action's name: keep them in step.
  for (const b of state.bindings['post-login']) if (b.action.id === id) b.action.name = action.name;
  return action;
}

export function listActions(state: TenantState, opts: { actionName?: string; deployed?: boolean } = {}): Action[] {
  return state.actions.filter(
    (a) =>
      (opts.actionName === undefined || a.name === opts.actionName) && (opts.deployed === undefined || (a.deployed_version !== undefined) === opts.deployed),
  );
}

/** Deletes an Action. A bound Action is refused unless `force` (Auth0's `?force=true`), which
 * also removes its bindings. */
export function deleteAction(state: TenantState, id: string, force = false): boolean {
  const index = state.actions.findIndex((a) => a.id === id);
  if (index < 0) return false;
  const bound = state.bindings['post-login'].some((b) => b.action.id === id);
  if (bound && !force)
    throw badRequest('invalid_request', `Action ${id} is bound to the post-login trigger.`, 'Remove it from the bindings first, or delete with force=true');
  state.bindings['post-login'] = state.bindings['post-login'].filter((b) => b.action.id !== id);
  state.actions.splice(index, 1);
  return true;
}

/** Snapshots the draft into a new version. A version that fails to build is kept (status
 * `failed`, with its errors) but is not deployed: the previously deployed version stays live. */
export function deployAction(state: TenantState, id: string, now: Date, check: SyntaxChecker): ActionVersion {
  const action = requireAction(state, id);
  const errors = buildErrors(action.code, check);
  const version: ActionVersion = {
    id: newUuid(),
    number: action.versions.length + 1,
    code: action.code,
    deployed: errors.length === 0,
    status: errors.length ? 'failed' : 'built',
    created_at: now.toISOString(),
    secrets: action.secrets.map((s) => ({ ...s })),
    dependencies: action.dependencies.map((d) => ({ ...d })),
    ...(errors.length ? { errors } : {}),
  };
  if (version.deployed) {
    for (const v of action.versions) v.deployed = false;
    action.deployed_version = { ...version };
    action.all_changes_deployed = true;
  }
  action.versions.push(version);
  action.errors = errors;
  action.status = version.status;
  action.updated_at = version.created_at;
  return version;
}

export function getBindings(state: TenantState): Binding[] {
  return state.bindings['post-login'];
}

/** Replaces the trigger's bindings (Auth0 PATCH semantics: the list given is the new order). */
export function setBindings(state: TenantState, refs: BindingRef[], now: Date): Binding[] {
  const at = now.toISOString();
  const previous = state.bindings['post-login'];
  const next = refs.map((item, index): Binding => {
    const { type, value } = item.ref ?? {};
    const action = type === 'action_id' ? getAction(state, value) : type === 'action_name' ? state.actions.find((a) => a.name === value) : undefined;
    if (type !== 'action_id' && type !== 'action_name') {
      throw badRequest(
        'invalid_body',
        `Payload validation error: bindings[${index}].ref.type must be action_id or action_name, received ${String(type)}.`,
        'Reference the Action by id or name',
      );
    }
    if (!action) throw badRequest('invalid_body', `bindings[${index}]: no Action with ${type} "${value}".`, 'Create the Action first, or fix the reference');
    if (!action.deployed_version)
      throw badRequest('invalid_body', `bindings[${index}]: Action "${action.name}" has no deployed version.`, 'Deploy the Action before binding it');
    const kept = previous.find((b) => b.action.id === action.id);
    return {
      id: kept?.id ?? newUuid(),
      trigger_id: 'post-login',
      display_name: item.display_name ?? action.name,
      action: { id: action.id, name: action.name },
      created_at: kept?.created_at ?? at,
      updated_at: at,
    };
  });
  state.bindings['post-login'] = next;
  return next;
}

export function boundPostLoginActions(state: TenantState): BoundAction[] {
  return state.bindings['post-login'].flatMap((binding) => {
    const action = getAction(state, binding.action.id);
    const version = action?.deployed_version;
    if (!action || !version) return [];
    const secrets = Object.fromEntries((version.secrets ?? action.secrets).map((s) => [s.name, s.value]));
    const dependencies = (version.dependencies ?? action.dependencies).map((d) => ({ ...d }));
    return [{ id: action.id, name: action.name, code: version.code, secrets, dependencies }];
  });
}
