// How long a run waited on its users' source: the time spent inside the source's next(), never
// the time the consumer held a user. impact pulls a user only when a worker frees up, so the time
// until the last user arrives is mostly the Actions' time, not the tenant's (the emulator serves a
// whole export file long before the last user is pulled: BENCHMARKS.md, impact-tenant).

export interface SourceTiming {
  /** Milliseconds spent waiting for the source's next value (or its end). */
  waitedMs: number;
  /** Values the source gave. */
  count: number;
}

/** Passes `source` through, adding to `timing` as it goes (complete once the source ends). */
export async function* timedSource<T>(source: AsyncIterable<T>, timing: SourceTiming, now: () => number = () => performance.now()): AsyncGenerator<T> {
  let asked = now();
  for await (const value of source) {
    timing.waitedMs += now() - asked;
    timing.count += 1;
    yield value;
    asked = now();
  }
  timing.waitedMs += now() - asked;
}
