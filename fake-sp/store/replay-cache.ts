// Assertion IDs of accepted responses, so a replayed assertion is rejected by the `replay` check.
// An entry lives until the verdict's `replayUntil` (the latest NotOnOrAfter of the Conditions and the
// bearer confirmation) + skew: after that the `time` check rejects the assertion anyway. Dates are
// read with the pipeline's xs:dateTime parser, never Date.parse (which reads a zone-less stamp as
// local time: on a UTC+9 host the entry expired 9 h early and the same response was accepted
// twice). An assertion without a parsable bound is kept for `fallbackTtlMs`.
import { parseXsDateTime } from '../pipeline/xs-datetime.ts';
// Size is bounded: expired entries are purged first, then the oldest entries are evicted (and a
// warning recorded, because an evicted ID could be replayed).
export interface ReplayCacheOptions {
  skewSeconds?: number;
  /** TTL when the assertion has no parsable NotOnOrAfter (default 24 h). */
  fallbackTtlMs?: number;
  /** Maximum entries (default 100 000). */
  maxEntries?: number;
}

export class ReplayCache {
  readonly warnings: string[] = [];
  /** assertion ID → expiry (epoch ms). Map order = insertion order = eviction order. */
  private readonly entries = new Map<string, number>();
  private readonly skewMs: number;
  private readonly fallbackTtlMs: number;
  private readonly maxEntries: number;

  constructor(opts: ReplayCacheOptions = {}) {
    this.skewMs = (opts.skewSeconds ?? 120) * 1000;
    this.fallbackTtlMs = opts.fallbackTtlMs ?? 24 * 3600 * 1000;
    this.maxEntries = Math.max(1, opts.maxEntries ?? 100_000);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Has this assertion been accepted and not yet expired at `now`? */
  has(assertionId: string, now: Date): boolean {
    const expiry = this.entries.get(assertionId);
    if (expiry === undefined) return false;
    if (expiry <= now.getTime()) {
      this.entries.delete(assertionId);
      return false;
    }
    return true;
  }

  /** Remember an accepted assertion until `until` (xs:dateTime: the verdict's `replayUntil`) + skew. */
  add(assertionId: string, until: string | undefined, now: Date): void {
    const parsed = until === undefined ? undefined : parseXsDateTime(until);
    const expiry = parsed === undefined ? now.getTime() + this.fallbackTtlMs : parsed + this.skewMs;
    if (expiry <= now.getTime()) return;
    this.entries.delete(assertionId);
    if (this.entries.size >= this.maxEntries) this.purge(now);
    while (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
      if (this.warnings.length < 100)
        this.warnings.push(`replay cache full (${this.maxEntries} entries): evicted unexpired assertion ${oldest}, which could now be replayed`);
    }
    this.entries.set(assertionId, expiry);
  }

  delete(assertionId: string): void {
    this.entries.delete(assertionId);
  }

  /** Drop every entry expired at `now`. */
  purge(now: Date): void {
    const t = now.getTime();
    for (const [id, expiry] of this.entries) if (expiry <= t) this.entries.delete(id);
  }

  /** The `seenAssertionIds` view the pipeline takes, evaluated at `now`. */
  viewAt(now: Date): { has(id: string): boolean } {
    return { has: (id: string) => this.has(id, now) };
  }
}
