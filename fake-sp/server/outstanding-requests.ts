// AuthnRequests the SP sent (SP-initiated login) and still waits for, so the `inResponseTo` check
// can tell a genuine answer from an unsolicited or stale one. In memory only: after a restart the
// SP no longer knows its old requests, exactly like Flex (the user starts the login again).
export interface OutstandingRequest {
  id: string;
  /** ACS URL of the profile that issued it (a response must come back to the same ACS). */
  acsUrl: string;
  relayState?: string;
  scenarioId?: string;
  /** Epoch ms. */
  expiresAt: number;
}

export class OutstandingRequests {
  private readonly requests = new Map<string, OutstandingRequest>();

  constructor(
    /** How long the SP waits for an answer (default 10 min). */
    readonly ttlMs = 10 * 60 * 1000,
    private readonly maxEntries = 10_000,
  ) {}

  add(request: OutstandingRequest, now: Date): void {
    this.purge(now);
    while (this.requests.size >= this.maxEntries) {
      const oldest = this.requests.keys().next().value as string;
      this.requests.delete(oldest);
    }
    this.requests.set(request.id, request);
  }

  /** IDs still outstanding at `now` for the given ACS. */
  idsFor(acsUrl: string, now: Date): Set<string> {
    this.purge(now);
    const ids = new Set<string>();
    for (const r of this.requests.values()) if (r.acsUrl === acsUrl) ids.add(r.id);
    return ids;
  }

  peek(id: string, now: Date): OutstandingRequest | undefined {
    const r = this.requests.get(id);
    return r !== undefined && r.expiresAt > now.getTime() ? r : undefined;
  }

  /** Consume: a request is answered once. */
  take(id: string, now: Date): OutstandingRequest | undefined {
    const r = this.peek(id, now);
    this.requests.delete(id);
    return r;
  }

  /** Put back a request taken by a login that could not be recorded. */
  restore(request: OutstandingRequest): void {
    this.requests.set(request.id, request);
  }

  private purge(now: Date): void {
    const t = now.getTime();
    for (const [id, r] of this.requests) if (r.expiresAt <= t) this.requests.delete(id);
  }
}
