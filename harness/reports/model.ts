// The data every report is written from: each scenario's run result plus its test duration.
import { isAbsolute, relative } from 'node:path';
import type { TenantLogLookup } from '../auth0/tenant-logs.ts';
import type { ScenarioRunResult } from '../run/observation.ts';

/** A failed staging/intercept scenario's Auth0 log events for the attempt (and how long the search waited), or why they could not be read. */
export type TenantLogs = TenantLogLookup | { error: string };

/** A file Playwright kept for a test (its trace, screenshots): name as Playwright gives it, absolute path. */
export interface FileAttachment { name: string; path: string; contentType: string }

export interface ReportedScenario extends ScenarioRunResult {
  /** Wall time of the whole test (seed + login + assert), milliseconds. */
  durationMs: number;
  /** Files of the test's result (the trace of a failed test: `trace: 'retain-on-failure'` in playwright.config.ts). */
  attachments?: FileAttachment[];
  tenantLogs?: TenantLogs;
  intercept?: InterceptSummary;
}

/** intercept mode: requests to the Flex origin served by the fake SP, and any that were not (must be none). */
export interface InterceptSummary { acsPosts: string[]; forwarded: string[]; leaked: string[] }

/** A scenario that could not run in this mode, and why (never silently dropped). */
export interface SkippedScenario { id: string; title: string; reason: string; file?: string; line?: number }

/** Where and with what a run ran: the report.html header. The tenant is already redacted. */
export interface RunMeta {
  mode: string;
  /** AUTH0_DOMAIN with its tenant name masked (real-tenant modes), or `embedded emulator`. */
  tenant: string;
  /** `git rev-parse --short HEAD` of the working directory, or `unknown` outside a checkout. */
  commit: string;
  versions: { flexSso: string; node: string; playwright: string };
}

export interface RunReport {
  scenarios: ReportedScenario[];
  durationMs: number;
  skipped?: SkippedScenario[];
  meta?: RunMeta;
}

/** Playwright's name for a test's trace attachment. */
export const TRACE_ATTACHMENT = 'trace';

export function tracePath(scenario: ReportedScenario): string | undefined {
  return scenario.attachments?.find((a) => a.name === TRACE_ATTACHMENT)?.path;
}

/** The command that opens a trace, with the path as the user can type it from `cwd`. */
export function showTraceCommand(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  const shown = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
  return `npx playwright show-trace ${/^[\w./@+-]+$/.test(shown) ? shown : `'${shown.replace(/'/g, "'\\''")}'`}`;
}

/**
 * What a scenario that passed by being rejected was rejected by, as the matrix prints it after its
 * row: `(sp-rejected by \`flex\`, as expected)`. Empty for a scenario that logged in or failed.
 */
export function expectedRejectionNote(scenario: ReportedScenario): string {
  if (!scenario.passed || scenario.outcome === 'login') return '';
  const failed = scenario.checks.filter((c) => c.status === 'failed').map((c) => `\`${c.id}\``);
  return `(${scenario.outcome}${scenario.outcome === 'sp-rejected' && failed.length > 0 ? ` by ${failed.join(', ')}` : ''}, as expected)`;
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
