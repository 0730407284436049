// `api.cache` of the post-login trigger, held by the runner (one per tenant) so that every Action of
// a login, and later logins, see what an Action stored — as the docs describe Auth0's:
// post-login API object: "Values stored in this cache are scoped to the Trigger in which they are
// set", a lifetime of up to `ttl` or `expires_at`, 15 minutes when neither is given; docs "Actions
// limitations" (Cached data): at most 24 hours, 20 entries per trigger, keys ≤ 64 bytes, values ≤
// 4 kB, keys and values together ≤ 8 kB, "available for all Actions in the same trigger for a single
// execution reliably", not guaranteed for later executions. The sandbox answers get/set/delete from
// a snapshot taken before each Action and reports its writes; the runner applies them here.

/** The documented limits, as data: the sandbox receives them with each snapshot (it cannot import). */
export const CACHE_LIMITS = {
  maxEntries: 20,
  maxKeyBytes: 64,
  maxValueBytes: 4096,
  maxTotalBytes: 8192,
  defaultTtlMs: 15 * 60_000,
  maxTtlMs: 24 * 60 * 60_000,
} as const;

/** One write an Action made: a value with its absolute expiry, or null = deleted. */
export type CacheWrite = [key: string, value: string | null, expiresAt: number];

interface Entry {
  value: string;
  expiresAt: number;
}

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

export class ActionCache {
  private readonly entries = new Map<string, Entry>();

  /** What an Action's `api.cache` starts from: the live entries, the clock and the limits. */
  snapshotJson(nowMs: number): string {
    this.prune(nowMs);
    return JSON.stringify({ now: nowMs, limits: CACHE_LIMITS, entries: [...this.entries].map(([key, e]) => [key, e.value, e.expiresAt]) });
  }

  /**
   * Applies an Action's writes in order. The sandbox already refused writes over the limits; a
   * concurrent login may have filled the cache meanwhile, and then the entries closest to expiry go
   * first (Auth0: cached items "may be evicted earlier").
   */
  apply(writes: readonly CacheWrite[], nowMs: number): void {
    for (const [key, value, expiresAt] of writes) {
      this.entries.delete(key);
      if (value !== null && expiresAt > nowMs) this.entries.set(key, { value, expiresAt: Math.min(expiresAt, nowMs + CACHE_LIMITS.maxTtlMs) });
    }
    this.prune(nowMs);
    while (this.entries.size > CACHE_LIMITS.maxEntries || this.totalBytes() > CACHE_LIMITS.maxTotalBytes) {
      let soonest: string | undefined;
      for (const [key, e] of this.entries) if (soonest === undefined || e.expiresAt < (this.entries.get(soonest) as Entry).expiresAt) soonest = key;
      if (soonest === undefined) break;
      this.entries.delete(soonest);
    }
  }

  /** The value stored under `key` now (tests and the emulator's own reads). */
  get(key: string, nowMs: number): string | undefined {
    const entry = this.entries.get(key);
    return entry && entry.expiresAt > nowMs ? entry.value : undefined;
  }

  private prune(nowMs: number): void {
    for (const [key, e] of this.entries) if (e.expiresAt <= nowMs) this.entries.delete(key);
  }

  private totalBytes(): number {
    let total = 0;
    for (const [key, e] of this.entries) total += bytes(key) + bytes(e.value);
    return total;
  }
}

/** The writes of a result re-checked on the host (the sandbox could have tampered with its own code's built-ins). */
export function readCacheWrites(value: unknown): CacheWrite[] | undefined {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > 1000) return undefined;
  const out: CacheWrite[] = [];
  for (const w of value) {
    if (!Array.isArray(w) || w.length !== 3) return undefined;
    const [key, v, expiresAt] = w as unknown[];
    if (typeof key !== 'string' || bytes(key) > CACHE_LIMITS.maxKeyBytes) return undefined;
    if (v !== null && (typeof v !== 'string' || bytes(v) > CACHE_LIMITS.maxValueBytes)) return undefined;
    if (typeof expiresAt !== 'number' || !Number.isFinite(expiresAt)) return undefined;
    out.push([key, v, expiresAt]);
  }
  return out;
}
