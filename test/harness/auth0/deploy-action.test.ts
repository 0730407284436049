import { describe, expect, it } from 'vitest';
import { CliError } from '../../../harness/cli/errors.ts';
import { deployActionCode, formatActionErrors, planBindings } from '../../../harness/auth0/deploy-action.ts';
import type { ActionInfo, Auth0Admin, BindingInfo } from '../../../harness/auth0/types.ts';

const action = (id: string, name = id): ActionInfo => ({ id, name, code: '', errors: [] });
const bound = (id: string, display = id): BindingInfo => ({ displayName: display, action: action(id) });

describe('planBindings', () => {
  it('appends a new Action after the existing bindings, in their order', () => {
    const plan = planBindings([bound('a', 'First'), bound('b', 'Second')], { id: 'new', name: 'Flex' });
    expect(plan.change).toBe('append');
    expect(plan.position).toBe(3);
    expect(plan.bindings).toEqual([
      { ref: { type: 'action_id', value: 'a' }, display_name: 'First' },
      { ref: { type: 'action_id', value: 'b' }, display_name: 'Second' },
      { ref: { type: 'action_id', value: 'new' }, display_name: 'Flex' },
    ]);
  });

  it('keeps an already-bound Action where it is', () => {
    const plan = planBindings([bound('a'), bound('flex'), bound('c')], { id: 'flex', name: 'flex' });
    expect(plan.change).toBe('keep');
    expect(plan.position).toBe(2);
    expect(plan.bindings.map((b) => b.ref.value)).toEqual(['a', 'flex', 'c']);
  });

  it('binds into an empty flow at position 1', () => {
    expect(planBindings([], { id: 'x', name: 'x' })).toMatchObject({ change: 'append', position: 1 });
  });
});

describe('formatActionErrors', () => {
  it('lists each error with its id, or says there was no detail', () => {
    expect(formatActionErrors([{ id: 'syntax_error', msg: 'Unexpected token (line 3, column 7)' }])).toBe(
      '  syntax_error: Unexpected token (line 3, column 7)',
    );
    expect(formatActionErrors([])).toContain('no detail');
  });
});

/** Test double of the Management API port whose build never finishes (the emulator builds at once). */
function neverBuildingAdmin(): Auth0Admin {
  const stuck: ActionInfo = { ...action('stuck', 'flex'), status: 'building' };
  const unused = () => Promise.reject(new Error('not used by this test'));
  return {
    listUsersPage: unused,
    createUser: unused,
    updateUser: unused,
    deleteUser: unused,
    getClient: unused,
    updateAction: unused,
    deployAction: unused,
    setPostLoginBindings: unused,
    unblockUser: unused,
    readLoginProtections: unused,
    findActionsByName: async () => [],
    listPostLoginBindings: async () => [],
    createAction: async () => stuck,
    getAction: async () => stuck,
  };
}

describe('deployActionCode', () => {
  it('stops polling at the deadline with ACTION_TIMEOUT (exit 1)', async () => {
    let now = Date.parse('2026-03-01T00:00:00Z');
    const sleeps: number[] = [];
    const run = deployActionCode(neverBuildingAdmin(), {
      name: 'flex',
      code: 'exports.onExecutePostLogin = async () => {};',
      timeoutMs: 5000,
      pollMs: 1000,
      clock: () => new Date(now),
      sleep: async (ms) => {
        sleeps.push(ms);
        now += ms;
      },
      progress: () => undefined,
    });
    const error = await run.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).code).toBe('ACTION_TIMEOUT');
    expect((error as CliError).exitCode).toBe(1);
    expect((error as CliError).message).toContain('status building');
    expect(sleeps).toEqual([1000, 1000, 1000, 1000, 1000]);
  });
});
