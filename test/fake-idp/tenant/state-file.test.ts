import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Tenant, TenantStateFileError } from '../../../fake-idp/tenant/tenant.ts';
import { newTenant, sharedSigningKey, VALID_ACTION } from './fixtures.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tenant-state-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('tenant state file', () => {
  it('round-trips users, actions, bindings, logs and faults through save/load', async () => {
    const { tenant } = newTenant();
    const user = tenant.createUser({ email: 'r@example.com', password: 'Str0ng-pw', app_metadata: { flex: { roles: ['agent'] } } });
    const action = tenant.createAction({ name: 'A', code: VALID_ACTION });
    tenant.deployAction(action.id);
    tenant.setBindings('post-login', [{ ref: { type: 'action_id', value: action.id } }]);
    tenant.log({ type: 's', description: 'Success Login', user_id: user.user_id });
    tenant.addFault({ kind: 'unsigned', remaining: 1 });
    const path = join(dir, 'nested', 'tenant.json');
    await tenant.save(path);

    const loaded = await Tenant.load(path, { signing: sharedSigningKey() });
    expect(loaded.state).toEqual(tenant.state);
    expect(loaded.verifyPassword('r@example.com', 'Str0ng-pw')?.user_id).toBe(user.user_id);
    expect(loaded.boundPostLoginActions().map((a) => a.name)).toEqual(['A']);
    expect((await readdir(join(dir, 'nested'))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    loaded.createUser({ email: 's@example.com', password: 'Str0ng-x' });
    await loaded.save();
    expect(JSON.parse(await readFile(path, 'utf8')).users).toHaveLength(2);
  });

  it('creates and saves a fresh tenant when the file is missing', async () => {
    const path = join(dir, 'new.json');
    const tenant = await Tenant.load(path, { domain: 'fresh.test', signing: sharedSigningKey() });
    expect(tenant.domain).toBe('fresh.test');
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(JSON.parse(JSON.stringify(tenant.state)));
  });

  it('rejects invalid JSON with an error naming the path and the fix', async () => {
    const path = join(dir, 'corrupt.json');
    await writeFile(path, '{"version": 1, "domain": ');
    const err = await Tenant.load(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TenantStateFileError);
    expect(err).toMatchObject({ code: 'TENANT_STATE_INVALID', path });
    expect((err as Error).message).toContain(path);
    expect((err as TenantStateFileError).hint).toMatch(/delete .*corrupt\.json/);
    expect(await readFile(path, 'utf8')).toBe('{"version": 1, "domain": ');
  });

  it('rejects well-formed JSON of the wrong shape, naming the field', async () => {
    const path = join(dir, 'shape.json');
    const { tenant } = newTenant();
    await writeFile(path, JSON.stringify({ ...tenant.state, users: {} }));
    await expect(Tenant.load(path)).rejects.toThrow(/users must be an array/);
  });
});
