// results.json: the machine-readable report, in the shape the README documents.
import type { CheckResult } from '../../fake-sp/pipeline/types.ts';
import type { ActionLogs } from '../run/observation.ts';
import { summarize, type FileAttachment, type InterceptSummary, type RunReport, type SkippedScenario, type TenantLogs } from './model.ts';

export interface ResultsJson {
  summary: { total: number; passed: number; failed: number; durationMs: number; skipped?: number };
  /** Scenarios this mode cannot run (staging/intercept), with the reason. */
  skipped?: SkippedScenario[];
  scenarios: {
    id: string;
    title: string;
    action: string;
    outcome: string;
    expectedOutcome: string;
    passed: boolean;
    attributes: Record<string, string[]>;
    /** The fake SP's check results, unchanged: id, ok, status, code, expected, actual, detail, hint, warnings
     *  (findings that do not reject the login, e.g. Insights team_name without team_id). */
    checks: CheckResult[];
    hints: string[];
    durationMs: number;
    /** staging/intercept, failed scenarios only: the user's Auth0 log events for the attempt (errors and execution ids, no console output), and how long the search waited. */
    tenantLogs?: TenantLogs;
    /** emulator: the login's Action console output from the emulator's Actions real-time logs (256 characters per Action). */
    actionLogs?: ActionLogs;
    /** Files Playwright kept for the test, by absolute path: `trace` (a failed test's, open with `npx playwright show-trace PATH`). */
    attachments?: FileAttachment[];
    /** intercept mode: what the browser sent to the Flex origin, all served by the fake SP (leaked: none). */
    intercept?: InterceptSummary;
  }[];
}

export function buildResultsJson(report: RunReport): ResultsJson {
  const skipped = report.skipped ?? [];
  return {
    summary: { ...summarize(report), ...(skipped.length > 0 ? { skipped: skipped.length } : {}) },
    ...(skipped.length > 0 ? { skipped } : {}),
    scenarios: report.scenarios.map((s) => ({
      id: s.id,
      title: s.title,
      action: s.action,
      outcome: s.outcome,
      expectedOutcome: s.expectedOutcome,
      passed: s.passed,
      attributes: s.attributes,
      checks: s.checks,
      hints: s.hints,
      durationMs: Math.round(s.durationMs),
      ...(s.tenantLogs ? { tenantLogs: s.tenantLogs } : {}),
      ...(s.actionLogs ? { actionLogs: s.actionLogs } : {}),
      ...(s.attachments?.length ? { attachments: s.attachments } : {}),
      ...(s.intercept ? { intercept: s.intercept } : {}),
    })),
  };
}
