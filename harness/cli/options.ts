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
