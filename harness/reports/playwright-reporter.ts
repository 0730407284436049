// Playwright reporter for `flex-sso run`: reads each scenario test's JSON attachment, prints
// progress and the matrix, and writes the report files. Settings come from the environment
// because Playwright's --reporter flag cannot carry options.
import { readFileSync, writeFileSync } from 'node:fs';
import type { FullResult, Reporter, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import type { ScenarioRunResult } from '../run/observation.ts';
import { ATTACHMENTS, SCENARIO_FILE_ANNOTATION } from './attachments.ts';
import { terminalSafe } from '../text/terminal-safe.ts';
import { formatMatrix, progressLine } from './console.ts';
import { colourEnabled, paint } from '../text/colour.ts';
import { runMeta } from './meta.ts';
import { summarize, type FileAttachment, type InterceptSummary, type ReportedScenario, type RunReport, type SkippedScenario, type TenantLogs } from './model.ts';
import { githubReport } from './github.ts';
import { DEFAULT_REPORTERS, REPORTERS, writeReports, type ReporterName } from './write.ts';

/** `cwd`: the directory flex-sso was started in (Playwright runs in the code root), for trace paths and the commit. */
export const ENV = { out: 'FLEX_SSO_OUT', reporters: 'FLEX_SSO_REPORTERS', summaryFile: 'FLEX_SSO_SUMMARY_FILE', cwd: 'FLEX_SSO_CWD', mode: 'FLEX_SSO_MODE' } as const;

/** Kept in step with harness/modes/worker-env.ts (not imported: the reporter stays free of the modes). */

function readAttachment<T>(result: TestResult, name: string): T | undefined {
  const attachment = result.attachments.find((a) => a.name === name);
  try {
    if (attachment?.body) return JSON.parse(attachment.body.toString('utf8')) as T;
    if (attachment?.path) return JSON.parse(readFileSync(attachment.path, 'utf8')) as T;
  } catch {
    return undefined;
  }
  return undefined;
}

/** The files Playwright kept for the test (its trace on failure), by path: the reports link them. */
function fileAttachments(result: TestResult): FileAttachment[] {
  return result.attachments.flatMap((a) => (a.path ? [{ name: a.name, path: a.path, contentType: a.contentType }] : []));
}

/** A test that ended without its attachment (crash, timeout) still appears, as a failure. */
function fromTestOnly(test: TestCase, result: TestResult): ScenarioRunResult {
  const id = test.annotations.find((a) => a.type === 'scenario')?.description ?? test.title;
  const error = result.errors.map((e) => (e.message ?? '').split('\n')[0]).join('; ') || `test ${result.status}`;
  return {
    id, title: test.title, action: '?', file: test.location.file, tags: [], flow: '?', profile: '?', loginPage: '?',
    expectedOutcome: 'login', outcome: 'no-response', passed: false, relayState: '', attributes: {}, checks: [],
    fields: [{ field: 'outcome', ok: false, expected: '?', actual: 'test did not finish', hint: error }],
    hints: [error], loginMs: 0, error,
  };
}

export default class FlexSsoReporter implements Reporter {
  private readonly results = new Map<string, ReportedScenario>();
  private readonly order: string[] = [];
  private readonly skipped = new Map<string, SkippedScenario>();
  private total = 0;
  private readonly reporters: ReporterName[];
  private readonly outDir: string;
  private readonly cwd = process.env[ENV.cwd] ?? process.cwd();

  constructor() {
    const names = (process.env[ENV.reporters] ?? DEFAULT_REPORTERS.join(',')).split(',').map((s) => s.trim());
    this.reporters = names.filter((n): n is ReporterName => (REPORTERS as readonly string[]).includes(n));
    this.outDir = process.env[ENV.out] ?? 'reports';
  }

  printsToStdio(): boolean {
    return true;
  }

  onBegin(_config: unknown, suite: Suite): void {
    this.total = suite.allTests().length;
    if (this.reporters.includes('list')) process.stdout.write(`Running ${this.total} scenario(s)\n`);
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status === 'skipped') {
      const id = test.annotations.find((a) => a.type === 'scenario')?.description ?? test.title;
      const reason = [...result.annotations, ...test.annotations].find((a) => a.type === 'skip')?.description || 'skipped';
      const at = test.annotations.find((a) => a.type === SCENARIO_FILE_ANNOTATION)?.description?.match(/^(.*):(\d+)$/);
      this.skipped.set(test.id, { id, title: test.title, reason, ...(at ? { file: at[1] as string, line: Number(at[2]) } : {}) });
      if (this.reporters.includes('list')) process.stdout.write(`  - skipped ${terminalSafe(id)}: ${terminalSafe(reason)}\n`);
      return;
    }
    const run = readAttachment<ScenarioRunResult>(result, ATTACHMENTS.result) ?? fromTestOnly(test, result);
    const tenantLogs = readAttachment<TenantLogs>(result, ATTACHMENTS.tenantLogs);
    const ledger = readAttachment<InterceptSummary>(result, ATTACHMENTS.intercept);
    const intercept = ledger ? { acsPosts: ledger.acsPosts ?? [], forwarded: ledger.forwarded ?? [], leaked: ledger.leaked ?? [] } : undefined;
    // A test that threw after attaching a passing result still failed.
    const passed = run.passed && (result.status === 'passed' || result.status === test.expectedStatus);
    if (!this.results.has(test.id)) this.order.push(test.id);
    const files = fileAttachments(result);
    const reported: ReportedScenario = { ...run, passed, durationMs: result.duration, ...(files.length > 0 ? { attachments: files } : {}), ...(tenantLogs ? { tenantLogs } : {}), ...(intercept ? { intercept } : {}) };
    this.results.set(test.id, reported);
    if (this.reporters.includes('list')) process.stdout.write(`${paint(progressLine(reported, this.results.size, this.total), colourEnabled(process.stdout))}\n`);
  }

  onError(error: { message?: string }): void {
    process.stderr.write(`flex-sso: ${terminalSafe(error.message ?? 'Playwright error', { multiline: true })}\n`);
  }

  onEnd(result: FullResult): void {
    const report: RunReport = {
      scenarios: this.order.map((id) => this.results.get(id) as ReportedScenario), durationMs: result.duration,
      ...(this.skipped.size > 0 ? { skipped: [...this.skipped.values()] } : {}),
      meta: runMeta(process.env[ENV.mode] ?? 'emulator', this.cwd),
    };
    if (this.reporters.includes('list')) process.stdout.write(`\n${paint(formatMatrix(report, this.cwd), colourEnabled(process.stdout))}\n`);
    const written = writeReports(report, this.outDir, this.reporters, new Date());
    if (written.length > 0) process.stdout.write(`Reports: ${written.join(', ')}\n`);
    if (this.reporters.includes('github')) {
      const github = githubReport(report);
      for (const line of github.lines) process.stdout.write(`${line}\n`);
      if (github.note) process.stderr.write(`flex-sso: ${github.note}\n`);
    }
    const summaryFile = process.env[ENV.summaryFile];
    if (summaryFile) writeFileSync(summaryFile, JSON.stringify({ ...summarize(report), skipped: this.skipped.size, status: result.status }));
  }
}
