// Auth0-style rate limiting of the Management API: a fixed one-second window (the free tier allows
// 2 requests/s). Every response carries x-ratelimit-limit/remaining/reset (reset in epoch seconds,
// which the auth0 SDK reads to time its retry); past the limit the answer is 429.
import type { RequestHandler } from 'express';

export interface RateLimitOptions {
  /** Current limit per second, read on every request; undefined = unlimited (no headers). */
  limit: () => number | undefined;
  clock: () => Date;
}

export function rateLimiter(opts: RateLimitOptions): RequestHandler {
  let windowStart = -1;
  let used = 0;
  return (_req, res, next) => {
    const limit = opts.limit();
    if (limit === undefined) return next();
    const nowSeconds = Math.floor(opts.clock().getTime() / 1000);
    if (nowSeconds !== windowStart) {
      windowStart = nowSeconds;
      used = 0;
    }
    used += 1;
    res.setHeader('x-ratelimit-limit', String(limit));
    res.setHeader('x-ratelimit-remaining', String(Math.max(0, limit - used)));
    res.setHeader('x-ratelimit-reset', String(windowStart + 1));
    if (used > limit) {
      res.status(429).json({
        statusCode: 429,
        error: 'Too Many Requests',
        message: 'Global limit has been reached',
        errorCode: 'too_many_requests',
      });
      return;
    }
    next();
  };
}
