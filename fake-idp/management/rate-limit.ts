// Auth0's Management API rate limit: a token bucket per tenant (auth0/docs-v2 main/docs/troubleshoot/
// customer-support/operational-policies/rate-limit-policy.mdx, "Rate limit algorithm": a bucket
// size, the burst limit, and a refill rate; per-second limits refill by the millisecond). Every
// answer carries x-ratelimit-limit (the bucket size), x-ratelimit-remaining (requests left) and
// x-ratelimit-reset (UNIX seconds when the next request is added) — rate-limit-use-cases.mdx,
// "Predict when requests to a tenant will be rated limited"; past the limit the answer is 429.
// Default figures: the Free plan's Management API, burst 2 and 2 requests/second
// (rate-limit-configurations/free-public.mdx). Tests and `serve --rate-limit` set their own.
import type { RequestHandler } from 'express';

export interface RateLimitFigures {
  /** Bucket size: requests allowed at once. */
  burst: number;
  /** Sustained rate: requests added per second. */
  perSecond: number;
}

/** rate-limit-configurations/free-public.mdx: Management API, burst 2, sustained 2/second. */
export const AUTH0_FREE_MANAGEMENT_LIMIT: RateLimitFigures = { burst: 2, perSecond: 2 };

/** What a configuration names: figures, or `false` for no limit (no headers either). */
export type RateLimitSetting = RateLimitFigures | false;

export interface RateLimitOptions {
  /** Current setting, read on every request so a test or the CLI can change it while serving. */
  setting: () => RateLimitSetting;
  clock: () => Date;
}

/** Auth0's 429 body for the Management API's global limit (unconfirmed wording, kept from the emulator's earlier model). */
export const TOO_MANY_REQUESTS_BODY = {
  statusCode: 429,
  error: 'Too Many Requests',
  message: 'Global limit has been reached',
  errorCode: 'too_many_requests',
} as const;

export class TokenBucket {
  private tokens: number;
  private updatedAt: number;
  constructor(
    readonly figures: RateLimitFigures,
    nowMs: number,
  ) {
    this.tokens = figures.burst;
    this.updatedAt = nowMs;
  }

  /** Takes one token if there is one; says what the headers report either way. */
  take(nowMs: number): { allowed: boolean; remaining: number; resetSeconds: number } {
    const elapsed = Math.max(0, nowMs - this.updatedAt);
    this.tokens = Math.min(this.figures.burst, this.tokens + (elapsed * this.figures.perSecond) / 1000);
    this.updatedAt = Math.max(this.updatedAt, nowMs);
    const allowed = this.tokens >= 1;
    if (allowed) this.tokens -= 1;
    // When the next whole request is added: the fraction still missing, at the refill rate.
    const missing = this.tokens >= this.figures.burst ? 0 : 1 - (this.tokens % 1);
    const nextMs = nowMs + (missing * 1000) / this.figures.perSecond;
    return { allowed, remaining: Math.floor(this.tokens), resetSeconds: Math.ceil(nextMs / 1000) };
  }
}

export function validRateLimit(figures: RateLimitFigures): boolean {
  return Number.isInteger(figures.burst) && figures.burst >= 1 && Number.isFinite(figures.perSecond) && figures.perSecond > 0;
}

export function rateLimiter(opts: RateLimitOptions): RequestHandler {
  let bucket: TokenBucket | undefined;
  return (_req, res, next) => {
    const setting = opts.setting();
    if (setting === false) return next();
    const nowMs = opts.clock().getTime();
    // New figures start a full bucket: a test that tightens the limit sees it at once.
    if (!bucket || bucket.figures.burst !== setting.burst || bucket.figures.perSecond !== setting.perSecond) bucket = new TokenBucket({ ...setting }, nowMs);
    const { allowed, remaining, resetSeconds } = bucket.take(nowMs);
    res.setHeader('x-ratelimit-limit', String(setting.burst));
    res.setHeader('x-ratelimit-remaining', String(remaining));
    res.setHeader('x-ratelimit-reset', String(resetSeconds));
    if (!allowed) {
      res.status(429).json(TOO_MANY_REQUESTS_BODY);
      return;
    }
    next();
  };
}
