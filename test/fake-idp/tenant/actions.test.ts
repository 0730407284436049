import { describe, expect, it } from 'vitest';
import { newTenant, VALID_ACTION } from './fixtures.ts';

const BROKEN = "exports.onExecutePostLogin = async (event, api) => {\n  api.samlResponse.setAttribute('x', );;\n  if (\n};";

describe('actions', () => {
  it('creates a built draft that is not deployed until deployAction', () => {
    const { tenant } = newTenant();
    const action = tenant.createAction({ name: 'Flex attributes', code: VALID_ACTION, secrets: [{ name: 'KEY', value: 's3cret' }] });
    expect(action).toMatchObject({ status: 'built', runtime: 'node22', all_changes_deployed: false, errors: [] });
    expect(action.supported_triggers).toEqual([{ id: 'post-login', version: 'v3' }]);
    expect(tenant.listActions({ deployed: false })).toEqual([action]);
    expect(tenant.listActions({ deployed: true })).toEqual([]);
    const version = tenant.deployAction(action.id);
    expect(version).toMatchObject({ number: 1, deployed: true, status: 'built', code: VALID_ACTION });
    expect(tenant.getAction(action.id)).toMatchObject({ all_changes_deployed: true, deployed_version: { id: version.id } });
    expect(tenant.listActions({ actionName: 'Flex attributes', deployed: true })).toHaveLength(1);
  });

  it('reports a syntax error with line and column on create, update and deploy, keeping the last good version live', () => {
    const { tenant } = newTenant();
    const broken = tenant.createAction({ name: 'Broken', code: BROKEN });
    expect(broken.status).toBe('failed');
    expect(broken.errors?.[0]).toMatchObject({ id: 'syntax_error', line: expect.any(Number), column: expect.any(Number) });
    expect(broken.errors?.[0]?.line).toBeGreaterThan(1);

    const good = tenant.createAction({ name: 'Good', code: VALID_ACTION });
    const v1 = tenant.deployAction(good.id);
    tenant.setBindings('post-login', [{ ref: { type: 'action_id', value: good.id } }]);
    const updated = tenant.updateAction(good.id, { code: BROKEN });
    expect(updated).toMatchObject({ status: 'failed', all_changes_deployed: false });
    const v2 = tenant.deployAction(good.id);
    expect(v2).toMatchObject({ number: 2, status: 'failed', deployed: false });
    expect(v2.errors?.[0]?.line).toEqual(broken.errors?.[0]?.line);
    expect(tenant.getAction(good.id)!.deployed_version?.id).toBe(v1.id);
    expect(tenant.boundPostLoginActions()[0]?.code).toBe(VALID_ACTION);
  });

  it('refuses a duplicate Action name with 409', () => {
    const { tenant } = newTenant();
    tenant.createAction({ name: 'Same', code: VALID_ACTION });
    expect(() => tenant.createAction({ name: 'Same', code: VALID_ACTION })).toThrow(expect.objectContaining({ statusCode: 409 }));
  });

  it('binds deployed Actions in the given order, by id or name, and runs deployed code and secrets', () => {
    const { tenant } = newTenant();
    const a = tenant.createAction({ name: 'A', code: VALID_ACTION, secrets: [{ name: 'S', value: 'one' }] });
    const b = tenant.createAction({ name: 'B', code: `${VALID_ACTION}\n// b` });
    tenant.deployAction(a.id);
    tenant.deployAction(b.id);
    const bindings = tenant.setBindings('post-login', [
      { ref: { type: 'action_name', value: 'B' }, display_name: 'Second first' },
      { ref: { type: 'action_id', value: a.id } },
    ]);
    expect(bindings.map((x) => x.action.name)).toEqual(['B', 'A']);
    expect(bindings[0]!.display_name).toBe('Second first');
    expect(tenant.boundPostLoginActions()).toEqual([
      { id: b.id, name: 'B', code: `${VALID_ACTION}\n// b`, secrets: {}, dependencies: [] },
      { id: a.id, name: 'A', code: VALID_ACTION, secrets: { S: 'one' }, dependencies: [] },
    ]);
    // Draft edits do not change what runs until the next deploy.
    tenant.updateAction(a.id, { code: `${VALID_ACTION}\n// draft`, secrets: [{ name: 'S', value: 'two' }] });
    expect(tenant.boundPostLoginActions()[1]).toMatchObject({ code: VALID_ACTION, secrets: { S: 'one' } });
    tenant.deployAction(a.id);
    expect(tenant.boundPostLoginActions()[1]).toMatchObject({ code: `${VALID_ACTION}\n// draft`, secrets: { S: 'two' } });
    // Re-binding keeps a binding's id for the same Action.
    const again = tenant.setBindings('post-login', [{ ref: { type: 'action_id', value: a.id } }]);
    expect(again[0]!.id).toBe(bindings[1]!.id);
  });

  it('rejects binding an unknown or undeployed Action and leaves the bindings unchanged', () => {
    const { tenant } = newTenant();
    const draft = tenant.createAction({ name: 'Draft', code: VALID_ACTION });
    expect(() => tenant.setBindings('post-login', [{ ref: { type: 'action_id', value: draft.id } }])).toThrow(/no deployed version/);
    expect(() => tenant.setBindings('post-login', [{ ref: { type: 'action_name', value: 'Missing' } }])).toThrow(/no Action/);
    expect(tenant.getBindings('post-login')).toEqual([]);
  });

  it('refuses to delete a bound Action unless forced, which also unbinds it', () => {
    const { tenant } = newTenant();
    const a = tenant.createAction({ name: 'A', code: VALID_ACTION });
    tenant.deployAction(a.id);
    tenant.setBindings('post-login', [{ ref: { type: 'action_id', value: a.id } }]);
    expect(() => tenant.deleteAction(a.id)).toThrow(expect.objectContaining({ statusCode: 400 }));
    expect(tenant.deleteAction(a.id, { force: true })).toBe(true);
    expect(tenant.getBindings('post-login')).toEqual([]);
    expect(tenant.deleteAction(a.id)).toBe(false);
  });
});
