// Small measurement helpers for `npm run bench`: wall time, percentiles, throughput, peak RSS.
import { scryptSync } from 'node:crypto';
import { performance } from 'node:perf_hooks';

export interface Sample {
  durations: number[];
  count: number;
  totalMs: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export function summarize(durations: number[], totalMs: number): Sample {
  const sorted = [...durations].sort((a, b) => a - b);
  return {
    durations,
    count: durations.length,
    totalMs,
    perSecond: durations.length / (totalMs / 1000),
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
  };
}

/** Runs `fn` `count` times sequentially, timing each call. */
export async function measure(count: number, fn: (i: number) => unknown): Promise<Sample> {
  const durations: number[] = [];
  const start = performance.now();
  for (let i = 0; i < count; i += 1) {
    const t = performance.now();
    await fn(i);
    durations.push(performance.now() - t);
  }
  return summarize(durations, performance.now() - start);
}

/** Peak resident set size of this process so far, in MiB. */
export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

export const ms = (n: number): string => `${n.toFixed(n < 10 ? 2 : 0)} ms`;

/** One sample from several rounds of the same measurement. */
export function merge(samples: readonly Sample[]): Sample {
  return summarize(
    samples.flatMap((s) => s.durations),
    samples.reduce((sum, s) => sum + s.totalMs, 0),
  );
}

/**
 * The machine's single-core speed right now, as the median time of a fixed scrypt (9.6 ms on a quiet
 * day here; the same box has shown 16 ms hours later): printed with figures so runs can be compared.
 */
export function cpuReferenceMs(): number {
  const times: number[] = [];
  for (let i = 0; i < 9; i += 1) {
    const t = performance.now();
    scryptSync('flex-sso-reference', `salt-${i}`, 32, { N: 4096, r: 8, p: 1 });
    times.push(performance.now() - t);
  }
  return percentile(
    times.sort((a, b) => a - b),
    50,
  );
}
