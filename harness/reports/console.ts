// Console output: a progress line per finished scenario, then the matrix and the failures. Every
// value from a scenario or a response passes through terminalSafe (t).
import { terminalSafe as t } from '../text/terminal-safe.ts';
import { failureLines } from './failure.ts';
import { cellState, expectedRejectionNote, MATRIX_FIELDS, percentile, showTraceCommand, summarize, tracePath, type ReportedScenario, type RunReport } from './model.ts';

const MARK = { pass: '✓', fail: '✗', none: '·' } as const;

export function progressLine(scenario: ReportedScenario, done: number, total: number): string {
  return `  ${scenario.passed ? MARK.pass : MARK.fail} [${done}/${total}] ${t(scenario.id)} (${Math.round(scenario.durationMs)} ms)`;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - [...text].length));
}

/** `cwd`: trace paths are printed relative to it, as the user types them. */
export function formatMatrix(report: RunReport, cwd: string = process.cwd()): string {
  const idWidth = Math.max(8, ...report.scenarios.map((s) => t(s.id).length));
  const widths = MATRIX_FIELDS.map((f) => Math.max(f.length, 1));
  const header = `${pad('scenario', idWidth)}  ${MATRIX_FIELDS.map((f, i) => pad(f, widths[i] ?? 1)).join('  ')}`;
  const rows = report.scenarios.map((s) => {
    const cells = MATRIX_FIELDS.map((f, i) => pad(MARK[cellState(s, f)], widths[i] ?? 1)).join('  ');
    const note = expectedRejectionNote(s);
    return `${pad(t(s.id), idWidth)}  ${note ? `${cells}${t(note)}` : cells.trimEnd()}`;
  });
  const lines = [header, '-'.repeat(header.length), ...rows];
  const failures = report.scenarios.filter((s) => !s.passed);
  if (failures.length > 0) {
    lines.push('', 'Failures:');
    for (const s of failures) {
      lines.push(`  ${t(s.id)} — ${t(s.title)} (${t(s.file)})`);
      lines.push(...failureLines(s, { esc: t, indent: '    ', dedupeHints: true }));
      const trace = tracePath(s);
      if (trace) lines.push(`    trace: ${t(showTraceCommand(trace, cwd))}`);
    }
  }
  if (report.skipped?.length) {
    lines.push('', `Skipped (${report.skipped.length}):`);
    for (const s of report.skipped) lines.push(`  ${t(s.id)}: ${t(s.reason)}`);
  }
  const summary = summarize(report);
  const p50 = percentile(report.scenarios.filter((s) => s.loginMs > 0).map((s) => s.loginMs), 0.5);
  lines.push('', `${summary.passed}/${summary.total} scenarios passed, ${summary.failed} failed in ${(summary.durationMs / 1000).toFixed(1)} s` +
    (p50 !== undefined ? ` (login p50 ${p50} ms)` : ''));
  lines.push('· = not asserted by the scenario. team/program drive no Flex feature (Teams View filters on team_name): they are asserted because the seeds\' Actions emit them.');
  return lines.join('\n');
}
