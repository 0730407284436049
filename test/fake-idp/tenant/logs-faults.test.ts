import { describe, expect, it } from 'vitest';
import { MAX_LOG_EVENTS } from '../../../fake-idp/tenant/logs.ts';
import { newTenant } from './fixtures.ts';

describe('logs', () => {
  function seeded() {
    const { tenant, clock } = newTenant();
    clock.now = new Date('2026-03-01T10:00:00Z');
    tenant.log({ type: 's', description: 'Success Login', user_id: 'auth0|a', user_name: 'a@example.com' });
    clock.now = new Date('2026-03-02T10:00:00Z');
    tenant.log({ type: 'fp', description: 'Wrong email or password.', user_id: 'auth0|b', user_name: 'b@example.com' });
    clock.now = new Date('2026-03-03T10:00:00Z');
    tenant.log({ type: 's', description: 'Success Login', user_id: 'auth0|b', user_name: 'b@example.com' });
    return tenant;
  }

  it('lists newest first and filters by user_id, type and a date range', () => {
    const tenant = seeded();
    expect(tenant.listLogs().map((e) => e.date)).toEqual(['2026-03-03T10:00:00.000Z', '2026-03-02T10:00:00.000Z', '2026-03-01T10:00:00.000Z']);
    expect(tenant.listLogs({ q: 'user_id:"auth0|b"' })).toHaveLength(2);
    expect(tenant.listLogs({ q: 'type:s' })).toHaveLength(2);
    expect(tenant.listLogs({ q: 'type:s AND user_id:"auth0|b"' })).toHaveLength(1);
    expect(tenant.listLogs({ q: 'date:[2026-03-01T12:00:00Z TO 2026-03-02T23:00:00Z]' }).map((e) => e.type)).toEqual(['fp']);
    expect(tenant.listLogs({ q: 'date:[2026-03-02 TO *]' })).toHaveLength(2);
    expect(tenant.listLogs({ sort: 'date:1' })[0]!.date).toBe('2026-03-01T10:00:00.000Z');
  });

  it('pages with page/per_page and with from/take checkpoints', () => {
    const tenant = seeded();
    expect(tenant.listLogs({ page: 1, per_page: 2 }).map((e) => e.type)).toEqual(['s']);
    const first = tenant.listLogs({ take: 1 });
    expect(first.map((e) => e.date)).toEqual(['2026-03-01T10:00:00.000Z']);
    const rest = tenant.listLogs({ from: first[0]!.log_id, take: 10 });
    expect(rest.map((e) => e.type)).toEqual(['fp', 's']);
    expect(() => tenant.listLogs({ take: 0 })).toThrow(expect.objectContaining({ statusCode: 400 }));
  });

  it('rejects an unparsable date instead of storing NaN', () => {
    const { tenant } = newTenant();
    expect(() => tenant.log({ type: 's', description: 'x', date: 'yesterday' })).toThrow(expect.objectContaining({ statusCode: 400 }));
    expect(tenant.state.logs).toHaveLength(0);
  });

  it('keeps at most MAX_LOG_EVENTS, dropping the oldest', () => {
    const { tenant } = newTenant();
    for (let i = 0; i < MAX_LOG_EVENTS + 5; i++) tenant.log({ type: 'sapi', description: `op ${i}` });
    expect(tenant.state.logs).toHaveLength(MAX_LOG_EVENTS);
    expect(tenant.state.logs[0]!.description).toBe('op 5');
  });
});

describe('faults', () => {
  it('applies counted faults to matching logins, decrementing and removing exhausted ones', () => {
    const { tenant } = newTenant();
    const anyone = tenant.addFault({ kind: 'unsigned', remaining: 2 });
    const alice = tenant.addFault({ kind: 'wrong-audience', email: 'Alice@Example.com', remaining: 1 });
    const forever = tenant.addFault({ kind: 'delay', delayMs: 5 });

    expect(tenant.takeFaults('bob@example.com').map((f) => f.kind)).toEqual(['unsigned', 'delay']);
    expect(tenant.takeFaults('ALICE@example.com').map((f) => f.id)).toEqual([anyone.id, alice.id, forever.id]);
    expect(tenant.listFaults().map((f) => f.id)).toEqual([forever.id]);
    expect(tenant.takeFaults('alice@example.com').map((f) => f.id)).toEqual([forever.id]);
    tenant.clearFaults();
    expect(tenant.takeFaults('bob@example.com')).toEqual([]);
  });

  it('reports remaining as it was when taken', () => {
    const { tenant } = newTenant();
    tenant.addFault({ kind: 'expired', remaining: 3 });
    expect(tenant.takeFaults('x@example.com')[0]!.remaining).toBe(3);
    expect(tenant.listFaults()[0]!.remaining).toBe(2);
  });

  it('rejects faults missing their parameter', () => {
    const { tenant } = newTenant();
    expect(() => tenant.addFault({ kind: 'missing-attribute' })).toThrow(/attribute/);
    expect(() => tenant.addFault({ kind: 'delay' })).toThrow(/delayMs/);
    expect(() => tenant.addFault({ kind: 'unsigned', remaining: 0 })).toThrow(/positive/);
    expect(tenant.listFaults()).toEqual([]);
  });
});
