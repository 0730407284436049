// The data every report is written from: each scenario's run result plus its test duration.
import type { TenantLogLookup } from '../auth0/tenant-logs.ts';
import type { ScenarioRunResult } from '../run/observation.ts';

/** A failed staging/intercept scenario's Auth0 log events for the attempt (and how long the search waited), or why they could not be read. */
export type TenantLogs = TenantLogLookup | { error: string };

export interface ReportedScenario extends ScenarioRunResult {
  /** Wall time of the whole test (seed + login + assert), milliseconds. */
  durationMs: number;
  tenantLogs?: TenantLogs;
  intercept?: InterceptSummary;
}

/** intercept mode: requests to the Flex origin served by the fake SP, and any that were not (must be none). */
export interface InterceptSummary { acsPosts: string[]; forwarded: string[]; leaked: string[] }

/** A scenario that could not run in this mode, and why (never silently dropped). */
export interface SkippedScenario { id: string; title: string; reason: string }

export interface RunReport {
  scenarios: ReportedScenario[];
  durationMs: number;
  skipped?: SkippedScenario[];
}

/** The columns of the matrix: the outcome and the attributes Flex reads (and the seeds emit). */
export const MATRIX_FIELDS = ['outcome', 'email', 'full_name', 'roles', 'team', 'program'] as const;

export type CellState = 'pass' | 'fail' | 'none';

export function cellState(scenario: ReportedScenario, field: string): CellState {
  const result = scenario.fields.find((f) => f.field === field);
  if (!result) return field === 'outcome' ? (scenario.passed ? 'pass' : 'fail') : 'none';
  return result.ok ? 'pass' : 'fail';
}

export function summarize(report: RunReport): { total: number; passed: number; failed: number; durationMs: number } {
  const passed = report.scenarios.filter((s) => s.passed).length;
  return { total: report.scenarios.length, passed, failed: report.scenarios.length - passed, durationMs: Math.round(report.durationMs) };
}

/** p-quantile of login times (nearest rank), undefined when there is none. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}
