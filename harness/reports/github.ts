// The `github` reporter: the matrix as Markdown for the job summary ($GITHUB_STEP_SUMMARY) and one
// `::error` workflow command per failed scenario, which GitHub shows as an annotation on the
// scenario's line in its YAML file. Escaping follows GitHub's workflow-command rules (actions/toolkit,
// packages/core/src/command.ts: escapeData, escapeProperty); the Markdown side escapes HTML and
// Markdown punctuation, because every value comes from a scenario file or a SAML response.
import { appendFileSync } from 'node:fs';
import { terminalSafe } from '../text/terminal-safe.ts';
import { cellState, MATRIX_FIELDS, summarize, type ReportedScenario, type RunReport } from './model.ts';

/** The environment variable GitHub Actions sets to the job summary file of the current step. */
export const STEP_SUMMARY_ENV = 'GITHUB_STEP_SUMMARY';

/** A workflow command's message: `%`, CR and LF are escaped (actions/toolkit escapeData). */
export function escapeCommandData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value: as the message, plus `:` and `,` (actions/toolkit escapeProperty). */
export function escapeCommandProperty(value: string): string {
  return escapeCommandData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * A value made inert in GitHub-flavoured Markdown, inside a table cell: control characters become
 * visible escapes, HTML special characters entities, Markdown punctuation (`|` included, which would
 * end the cell) is backslash-escaped.
 */
export function markdownSafe(value: string): string {
  return terminalSafe(value)
    .replace(/[&<>"']/g, (ch) => HTML[ch] ?? ch)
    .replace(/[\\`*_{}[\]()#+\-.!|~]/g, (ch) => `\\${ch}`);
}

const MARK = { pass: '✅', fail: '❌', none: '·' } as const;

/** The job summary: a heading, the counts, the matrix, then each failure's mismatched fields. */
export function markdownSummary(report: RunReport): string {
  const summary = summarize(report);
  const lines = [
    '## flex-sso scenario matrix', '',
    `${summary.passed}/${summary.total} scenarios passed, ${summary.failed} failed` +
      (report.skipped?.length ? `, ${report.skipped.length} skipped` : '') + ` in ${(summary.durationMs / 1000).toFixed(1)} s`, '',
    `| scenario | ${MATRIX_FIELDS.join(' | ')} |`,
    `| --- | ${MATRIX_FIELDS.map(() => ':---:').join(' | ')} |`,
    ...report.scenarios.map((s) => `| ${markdownSafe(s.id)} | ${MATRIX_FIELDS.map((f) => MARK[cellState(s, f)]).join(' | ')} |`),
  ];
  const failures = report.scenarios.filter((s) => !s.passed);
  if (failures.length > 0) {
    lines.push('', '### Failures', '');
    for (const s of failures) {
      lines.push(`- **${markdownSafe(s.id)}** — ${markdownSafe(s.title)} (${markdownSafe(location(s))})`);
      for (const f of s.fields.filter((x) => !x.ok)) {
        lines.push(`  - ${markdownSafe(f.field)}: expected ${markdownSafe(f.expected)}, received ${markdownSafe(f.actual)}` +
          (f.hint ? ` — hint: ${markdownSafe(f.hint)}` : ''));
      }
      if (s.error) lines.push(`  - error: ${markdownSafe(s.error)}`);
    }
  }
  if (report.skipped?.length) {
    lines.push('', `### Skipped (${report.skipped.length})`, '');
    for (const s of report.skipped) lines.push(`- ${markdownSafe(s.id)}: ${markdownSafe(s.reason)}`);
  }
  lines.push('', '· = not asserted by the scenario.', '');
  return lines.join('\n');
}

function location(s: ReportedScenario): string {
  return s.line ? `${s.file}:${s.line}` : s.file;
}

/**
 * `::error file=…,line=…,title=…::message` for one failed scenario. The file is the scenario's YAML
 * path as the loader displays it (relative to the working directory, the checkout in a workflow).
 * Values are escaped for the terminal first (a CR or LF in a value must not start a new line of the
 * message), then the message's own lines are joined and the whole escaped as GitHub requires.
 */
export function errorAnnotation(s: ReportedScenario): string {
  const props = [`file=${escapeCommandProperty(s.file)}`];
  if (s.line) props.push(`line=${s.line}`);
  props.push(`title=${escapeCommandProperty(`flex-sso: ${terminalSafe(s.id)} failed`)}`);
  const t = terminalSafe;
  const lines = [t(s.title)];
  for (const f of s.fields.filter((x) => !x.ok)) {
    lines.push(`${t(f.field)}: expected ${t(f.expected)}, received ${t(f.actual)}${f.hint ? ` (hint: ${t(f.hint)})` : ''}`);
  }
  if (s.error) lines.push(`error: ${t(s.error)}`);
  return `::error ${props.join(',')}::${escapeCommandData(lines.join('\n'))}`;
}

/** The annotations of a run, one line each. */
export function errorAnnotations(report: RunReport): string[] {
  return report.scenarios.filter((s) => !s.passed).map(errorAnnotation);
}

/**
 * Appends the summary to $GITHUB_STEP_SUMMARY (GitHub concatenates what every step appends) and
 * returns the annotation lines to print. Without the variable (not in GitHub Actions) only the
 * annotations are returned, with a note saying why no summary was written.
 */
export function githubReport(report: RunReport, env: NodeJS.ProcessEnv = process.env): { lines: string[]; summaryFile?: string; note?: string } {
  const lines = errorAnnotations(report);
  const file = env[STEP_SUMMARY_ENV];
  if (!file) return { lines, note: `${STEP_SUMMARY_ENV} is not set (not in a GitHub Actions step): no job summary written` };
  appendFileSync(file, markdownSummary(report));
  return { lines, summaryFile: file };
}
