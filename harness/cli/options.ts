// Parsers for option values shared by several commands; each names the option in its error.
import { usageError } from './errors.ts';

export function parsePort(value: string, option: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    throw usageError('OPTION_PORT', `${option}: expected a port number 0-65535, received "${value}".`, `Pass ${option} 0 to pick a free port.`);
  }
  return port;
}

export function parsePositiveInt(value: string, option: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1) {
    throw usageError('OPTION_INT', `${option}: expected a positive integer, received "${value}".`);
  }
  return n;
}

export function parseIsoDate(value: string, option: string): Date {
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) {
    throw usageError('OPTION_DATE', `${option}: expected an ISO 8601 date-time such as 2026-01-31T12:00:00Z, received "${value}".`);
  }
  return date;
}

/** `--log-delay MS`: a whole number of milliseconds, 0 to 600000. */
export function parseLogDelay(value: string, option: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 600_000) {
    throw usageError(
      'OPTION_LOG_DELAY',
      `${option}: expected milliseconds from 0 to 600000, received "${value}".`,
      `Pass e.g. ${option} 3000 to make tenant log events searchable 3 s after they happen.`,
    );
  }
  return n;
}

/** `--rate-limit BURST/PER_SECOND` (token bucket) or `off`. */
export function parseRateLimit(value: string, option: string): { burst: number; perSecond: number } | false {
  if (value === 'off') return false;
  const m = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(value);
  const burst = Number(m?.[1]);
  const perSecond = Number(m?.[2]);
  if (!m || burst < 1 || !(perSecond > 0)) {
    throw usageError(
      'OPTION_RATE_LIMIT',
      `${option}: expected BURST/PER_SECOND (e.g. 2/2) or off, received "${value}".`,
      `Auth0's Free plan allows the Management API a burst of 2 at 2 requests/s: ${option} 2/2 (the default).`,
    );
  }
  return { burst, perSecond };
}
