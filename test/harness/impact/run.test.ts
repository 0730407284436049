// runImpact's loop: users are pulled only as earlier ones finish (a bounded window), a failure of the
// users source stops the run with that error, and an abort during a read that never ends returns at
// once. Real Action workers; the users source is a generator the test controls.
import { describe, expect, it } from 'vitest';
import type { ActionToRun } from '../../../fake-idp/actions/runner.ts';
import { runImpact, type ImpactRunOptions } from '../../../harness/impact/run.ts';
import type { UserRecord } from '../../../harness/impact/user-records.ts';
import { PATTERN_A } from './seed.ts';

const NOW = new Date('2026-12-01T00:00:00.000Z');
const chain: ActionToRun[] = [{ id: 'act_a', name: 'pattern-a', code: PATTERN_A, secrets: {} }];
const target = { clientId: 'cid', clientName: 'Flex', tenantIssuer: 'urn:t.test', tenantId: 't' };
const record = (i: number): UserRecord => ({
  line: i + 1,
  data: { user_id: `auth0|u${i}`, email: `u${i}@corp.test`, app_metadata: { flex: { roles: ['agent'] } } },
});
const options = (users: AsyncIterable<UserRecord>, extra: Partial<ImpactRunOptions> = {}): ImpactRunOptions => ({
  baseline: chain,
  candidate: chain,
  users,
  target,
  now: NOW,
  concurrency: 1,
  ...extra,
});

describe('runImpact', () => {
  it('keeps at most 4 users per worker in flight and checks every user once', async () => {
    let pulled = 0;
    let finished = 0;
    let widest = 0;
    async function* users(): AsyncGenerator<UserRecord> {
      for (let i = 0; i < 40; i++) {
        pulled += 1;
        widest = Math.max(widest, pulled - finished); // in flight once this one is handed over
        yield record(i);
      }
    }
    const run = await runImpact(options(users(), { onUser: (checked) => (finished = checked) }));
    expect(run.interrupted).toBe(false);
    expect(run.tally.usersChecked).toBe(40);
    expect(run.tally.summary).toEqual({ unchanged: 40, changed: 0, newlyRejected: 0, newlyAccepted: 0, errors: 0 });
    // concurrency 1 → a window of 4 users (run.ts): the fifth is read only once one has finished.
    expect(widest).toBe(4);
  });

  it('a users source that fails stops the run with its error', async () => {
    async function* users(): AsyncGenerator<UserRecord> {
      for (let i = 0; i < 6; i++) yield record(i);
      throw new Error('users file: bad line 7');
    }
    await expect(runImpact(options(users()))).rejects.toThrow('users file: bad line 7');
  });

  it('an abort while the next user is still being read returns at once, interrupted', async () => {
    const controller = new AbortController();
    async function* users(): AsyncGenerator<UserRecord> {
      yield record(0);
      controller.abort();
      await new Promise(() => undefined); // a tenant read that never answers
    }
    const run = await runImpact(options(users(), { signal: controller.signal }));
    expect(run.interrupted).toBe(true);
    expect(run.tally.usersChecked).toBeLessThanOrEqual(1);
  });
});
