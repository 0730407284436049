// Constructors for CheckResult values, so every check reports the same shape.
import type { CheckCode } from './codes.ts';
import type { CheckId, CheckResult } from './types.ts';

export interface FailureInfo {
  expected?: string;
  actual?: string;
  detail: string;
  hint: string;
  warnings?: string[];
}

export function passed(id: CheckId, detail: string, warnings?: string[]): CheckResult {
  return { id, ok: true, status: 'ok', detail, ...(warnings && warnings.length > 0 ? { warnings } : {}) };
}

export function failed(id: CheckId, code: CheckCode, info: FailureInfo): CheckResult {
  const { warnings, ...rest } = info;
  return { id, ok: false, status: 'failed', code, ...rest, ...(warnings && warnings.length > 0 ? { warnings } : {}) };
}

export function skipped(id: CheckId, code: CheckCode, detail: string): CheckResult {
  return { id, ok: false, status: 'skipped', code, detail };
}

/** Shortens a value for display in a detail line. */
export function show(value: string | undefined, max = 120): string {
  if (value === undefined) return '(absent)';
  const v = JSON.stringify(value);
  return v.length > max ? `${v.slice(0, max - 1)}…"` : v;
}
