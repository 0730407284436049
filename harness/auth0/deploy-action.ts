// `deploy-action`: create or update a post-login Action, wait for its build, deploy it, wait for the
// deployed version, and bind it to post-login keeping the other bindings and their order.
import { formatDependency, type ActionDependency } from '../../fake-idp/actions/dependencies.ts';
import { CliError, EXIT } from '../cli/errors.ts';
import type { ActionError, ActionInfo, Auth0Admin, BindingInfo, BindingRef, BuildStatus } from './types.ts';

export const DEFAULT_RUNTIME = 'node22';
const IN_PROGRESS: readonly (BuildStatus | undefined)[] = ['pending', 'building', 'packaged', 'retrying'];

export interface BindingPlan {
  bindings: BindingRef[];
  change: 'append' | 'keep';
  position: number;
}

/** The new binding list: every current binding in order, this Action kept in place or appended. */
export function planBindings(current: readonly BindingInfo[], action: { id: string; name: string }): BindingPlan {
  const bindings: BindingRef[] = current.map((b) => ({ ref: { type: 'action_id', value: b.action.id }, display_name: b.displayName }));
  const index = current.findIndex((b) => b.action.id === action.id);
  if (index >= 0) return { bindings, change: 'keep', position: index + 1 };
  bindings.push({ ref: { type: 'action_id', value: action.id }, display_name: action.name });
  return { bindings, change: 'append', position: bindings.length };
}

export function formatActionErrors(errors: readonly ActionError[]): string {
  return errors.length ? errors.map((e) => `  ${e.id ? `${e.id}: ` : ''}${e.msg}`).join('\n') : '  (Auth0 gave no detail)';
}

export interface DeployOptions {
  name: string;
  code: string;
  /** npm dependencies (`--dependency name@version`); Auth0 installs them when it builds the Action. */
  dependencies?: ActionDependency[];
  runtime?: string;
  dryRun?: boolean;
  /** Bound on each wait (build, deployment). */
  timeoutMs?: number;
  pollMs?: number;
  sleep?: (ms: number) => Promise<void>;
  clock?: () => Date;
  progress: (line: string) => void;
}

export interface DeployResult {
  actionId?: string;
  created: boolean;
  deployed: boolean;
  version?: number;
  binding: 'append' | 'keep';
  position: number;
  dryRun: boolean;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function waitFor(admin: Auth0Admin, id: string, done: (a: ActionInfo) => boolean, what: string, opts: DeployOptions): Promise<ActionInfo> {
  const clock = opts.clock ?? (() => new Date());
  const sleep = opts.sleep ?? defaultSleep;
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const deadline = clock().getTime() + timeoutMs;
  for (;;) {
    const action = await admin.getAction(id);
    if (done(action)) return action;
    if (clock().getTime() >= deadline) {
      throw new CliError(
        'ACTION_TIMEOUT',
        `Action "${action.name}" (${id}): ${what} did not finish within ${Math.round(timeoutMs / 1000)}s (status ${action.status ?? 'unknown'}).`,
        'Check Auth0 → Actions → Library for the build status, then run deploy-action again.',
        EXIT.failed,
      );
    }
    await sleep(opts.pollMs ?? 1000);
  }
}

function buildFailed(name: string, errors: readonly ActionError[]): CliError {
  return new CliError(
    'ACTION_BUILD_FAILED',
    `Action "${name}" failed to build:\n${formatActionErrors(errors)}`,
    'Fix the code at the line and column above (run `flex-sso action-test FILE` to try it offline), then deploy again.',
    EXIT.failed,
  );
}

export async function deployActionCode(admin: Auth0Admin, opts: DeployOptions): Promise<DeployResult> {
  const runtime = opts.runtime ?? DEFAULT_RUNTIME;
  const matches = await admin.findActionsByName(opts.name);
  if (matches.length > 1) {
    throw new CliError(
      'ACTION_AMBIGUOUS',
      `${matches.length} Actions are named "${opts.name}" (${matches.map((a) => a.id).join(', ')}).`,
      'Rename or delete the duplicates in Auth0 → Actions → Library, or pass another --name.',
    );
  }
  const existing = matches[0];
  const bindingsNow = await admin.listPostLoginBindings();
  const dependencies = opts.dependencies ?? [];
  const sameDeps = (list: readonly ActionDependency[] | undefined): boolean =>
    (list ?? []).map(formatDependency).sort().join('\n') === dependencies.map(formatDependency).sort().join('\n');
  const upToDate =
    existing !== undefined &&
    existing.deployedVersion?.code === opts.code &&
    existing.code === opts.code &&
    sameDeps(existing.deployedVersion?.dependencies) &&
    sameDeps(existing.dependencies);
  const withDeps = dependencies.length ? ` with ${dependencies.map(formatDependency).join(', ')}` : '';

  if (opts.dryRun) {
    const plan = planBindings(bindingsNow, existing ?? { id: '(new)', name: opts.name });
    opts.progress(
      existing
        ? upToDate
          ? `Action "${opts.name}" (${existing.id}) already deployed with this code${withDeps}`
          : `would update Action "${opts.name}" (${existing.id})${withDeps} and deploy it`
        : `would create Action "${opts.name}" (runtime ${runtime})${withDeps} and deploy it`,
    );
    opts.progress(
      plan.change === 'keep'
        ? `already bound to post-login at position ${plan.position} of ${plan.bindings.length}`
        : `would bind it to post-login at position ${plan.position} (after ${bindingsNow.length} existing binding(s), kept in order)`,
    );
    return { ...(existing ? { actionId: existing.id } : {}), created: false, deployed: false, binding: plan.change, position: plan.position, dryRun: true };
  }

  let action: ActionInfo;
  let created = false;
  if (!existing) {
    opts.progress(`creating Action "${opts.name}" (runtime ${runtime})${withDeps}`);
    action = await admin.createAction({ name: opts.name, code: opts.code, runtime, dependencies });
    created = true;
  } else if (!upToDate) {
    opts.progress(`updating Action "${opts.name}" (${existing.id})${withDeps}`);
    action = await admin.updateAction(existing.id, { code: opts.code, runtime, dependencies });
  } else {
    opts.progress(`Action "${opts.name}" (${existing.id}) is already deployed with this code`);
    action = existing;
  }

  let version = action.deployedVersion?.number;
  if (!upToDate) {
    opts.progress('waiting for the build…');
    const built = await waitFor(admin, action.id, (a) => !IN_PROGRESS.includes(a.status), 'the build', opts);
    if (built.status === 'failed') throw buildFailed(opts.name, built.errors);
    opts.progress('deploying…');
    const deployed = await admin.deployAction(action.id);
    if (deployed.status === 'failed') throw buildFailed(opts.name, deployed.errors);
    const live = await waitFor(
      admin,
      action.id,
      (a) => a.deployedVersion?.id === deployed.id && !IN_PROGRESS.includes(a.deployedVersion.status),
      'the deployment',
      opts,
    );
    if (live.deployedVersion?.status === 'failed') throw buildFailed(opts.name, live.errors);
    version = deployed.number ?? live.deployedVersion?.number;
  }

  const plan = planBindings(bindingsNow, action);
  if (plan.change === 'append') {
    opts.progress(`binding to post-login at position ${plan.position}`);
    await admin.setPostLoginBindings(plan.bindings);
  }
  return {
    actionId: action.id,
    created,
    deployed: !upToDate,
    ...(version !== undefined ? { version } : {}),
    binding: plan.change,
    position: plan.position,
    dryRun: false,
  };
}
