// ReplayCache: TTL = NotOnOrAfter + skew (fallback TTL without one), bounded size.
import { describe, expect, it } from 'vitest';
import { ReplayCache } from '../../../fake-sp/store/replay-cache.ts';

const T0 = new Date('2026-03-02T10:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

describe('ReplayCache', () => {
  it('remembers an assertion until NotOnOrAfter + skew, then forgets it', () => {
    const cache = new ReplayCache({ skewSeconds: 60 });
    cache.add('_a', at(3600).toISOString(), T0);
    expect(cache.has('_a', T0)).toBe(true);
    expect(cache.has('_b', T0)).toBe(false);
    expect(cache.has('_a', at(3600 + 59))).toBe(true);
    expect(cache.has('_a', at(3600 + 60))).toBe(false);
    expect(cache.size).toBe(0);
  });

  it('uses the fallback TTL when NotOnOrAfter is absent or unparsable (never NaN-forever or NaN-never)', () => {
    const cache = new ReplayCache({ fallbackTtlMs: 10_000 });
    cache.add('_none', undefined, T0);
    cache.add('_bad', 'not-a-date', T0);
    expect(cache.has('_none', at(9))).toBe(true);
    expect(cache.has('_bad', at(9))).toBe(true);
    expect(cache.has('_none', at(10))).toBe(false);
    expect(cache.has('_bad', at(10))).toBe(false);
  });

  it('ignores an assertion already expired when added', () => {
    const cache = new ReplayCache({ skewSeconds: 0 });
    cache.add('_old', at(-1).toISOString(), T0);
    expect(cache.size).toBe(0);
  });

  it('stays within maxEntries: purges expired entries first, then evicts the oldest with a warning', () => {
    const cache = new ReplayCache({ skewSeconds: 0, maxEntries: 2 });
    cache.add('_short', at(1).toISOString(), T0);
    cache.add('_long1', at(100).toISOString(), T0);
    cache.add('_long2', at(100).toISOString(), at(2));
    expect(cache.size).toBe(2);
    expect(cache.warnings).toEqual([]);
    expect(cache.has('_long1', at(2))).toBe(true);
    cache.add('_long3', at(100).toISOString(), at(2));
    expect(cache.size).toBe(2);
    expect(cache.has('_long1', at(2))).toBe(false);
    expect(cache.has('_long3', at(2))).toBe(true);
    expect(cache.warnings).toEqual([expect.stringMatching(/evicted unexpired assertion _long1/)]);
  });

  it('gives the pipeline a has() view at a given instant', () => {
    const cache = new ReplayCache({ skewSeconds: 0 });
    cache.add('_a', at(10).toISOString(), T0);
    expect(cache.viewAt(at(5)).has('_a')).toBe(true);
    expect(cache.viewAt(at(10)).has('_a')).toBe(false);
  });
});

describe('ReplayCache date parsing', () => {
  it('reads a zone-less bound as UTC, like the time check, whatever the host time zone', () => {
    const cache = new ReplayCache({ skewSeconds: 0 });
    cache.add('_zoneless', '2026-03-02T11:00:00', T0);
    expect(cache.has('_zoneless', at(3599))).toBe(true);
    expect(cache.has('_zoneless', at(3600))).toBe(false);
  });

  it('reads an offset bound as the instant it names', () => {
    const cache = new ReplayCache({ skewSeconds: 0 });
    cache.add('_offset', '2026-03-02T20:00:00+09:00', T0);
    expect(cache.has('_offset', at(3599))).toBe(true);
    expect(cache.has('_offset', at(3600))).toBe(false);
  });
});
