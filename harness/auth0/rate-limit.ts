// Auth0 Management API rate limiting: on 429, wait until `x-ratelimit-reset` (epoch seconds) or
// `retry-after`, else back off exponentially; bounded retries, and say so on the progress stream.

export interface RetryPolicy {
  /** Retries after the first attempt (429 or 503). */
  maxRetries: number;
  /** Back-off when the response names no reset time: base × 2^attempt, capped. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 8, baseDelayMs: 500, maxDelayMs: 30_000 };

interface HeaderSource {
  get(name: string): string | null;
}

/** How long to wait before retrying attempt `attempt` (0-based), from the response headers. */
export function retryDelayMs(headers: HeaderSource, attempt: number, now: Date, policy: RetryPolicy = DEFAULT_RETRY_POLICY): number {
  const backoff = Math.min(policy.baseDelayMs * 2 ** attempt, policy.maxDelayMs);
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null && /^\d+$/.test(retryAfter.trim())) {
    return Math.min(Math.max(Number(retryAfter) * 1000, policy.baseDelayMs), policy.maxDelayMs);
  }
  const reset = headers.get('x-ratelimit-reset');
  if (reset !== null && /^\d+$/.test(reset.trim())) {
    const untilReset = Number(reset) * 1000 - now.getTime();
    // The reset is a whole second; a little slack avoids landing just before the window turns.
    if (untilReset > 0) return Math.min(untilReset + 100, policy.maxDelayMs);
    return Math.min(100 * (attempt + 1), policy.maxDelayMs);
  }
  return backoff;
}

export interface RateLimitedFetchOptions {
  policy?: RetryPolicy;
  /** Progress lines such as "rate limited, waiting 1s". */
  onWait?: (message: string) => void;
  sleep?: (ms: number) => Promise<void>;
  clock?: () => Date;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function isRetryable(status: number): boolean {
  return status === 429 || status === 503;
}

/**
 * A fetch that retries 429/503 answers as the rate-limit headers say. Request bodies the auth0
 * SDK sends are strings or URLSearchParams, so resending the same init is safe.
 */
export function rateLimitedFetch(inner: typeof fetch, options: RateLimitedFetchOptions = {}): typeof fetch {
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const sleep = options.sleep ?? defaultSleep;
  const clock = options.clock ?? (() => new Date());
  return async (input, init) => {
    let response = await inner(input, init);
    for (let attempt = 0; attempt < policy.maxRetries && isRetryable(response.status); attempt++) {
      const delay = retryDelayMs(response.headers, attempt, clock(), policy);
      const what = response.status === 429 ? 'rate limited' : 'service unavailable';
      options.onWait?.(`${what}, waiting ${Math.max(1, Math.ceil(delay / 1000))}s (retry ${attempt + 1}/${policy.maxRetries})`);
      await response.body?.cancel().catch(() => undefined);
      await sleep(delay);
      response = await inner(input, init);
    }
    return response;
  };
}
