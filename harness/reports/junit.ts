// JUnit XML: one testcase per scenario, failures carrying expected vs received and the hints. CI
// pages and terminals show this text: values pass through terminalSafe (t) before XML escaping, so a
// control or bidi character shows as an escape instead of being dropped or acting.
import { terminalSafe as t } from '../text/terminal-safe.ts';
import { failureLines, failureSummary } from './failure.ts';
import { summarize, type ReportedScenario, type RunReport } from './model.ts';

export function escapeXml(text: string): string {
  // Characters XML 1.0 forbids are dropped; markup characters are escaped.
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/**
 * A testcase's identity: `classname` is the scenario's YAML file (CI pages group by it) and `file`
 * and `line` point at the scenario in it (the attributes Jenkins, GitLab and dorny/test-reporter read).
 */
function identity(s: { id: string; title: string; file?: string; line?: number }): string {
  const file = s.file ?? 'scenarios';
  return `classname="${escapeXml(t(file))}" name="${escapeXml(t(`${s.id}: ${s.title}`))}"${s.file ? ` file="${escapeXml(t(s.file))}"` : ''}${s.line ? ` line="${s.line}"` : ''}`;
}

/** Every check's stable code and status as testcase properties (`check.<id>` = `status code`). */
function checkProperties(s: ReportedScenario): string {
  if (s.checks.length === 0) return '';
  const props = s.checks.map((c) => `        <property name="${escapeXml(`check.${c.id}`)}" value="${escapeXml(t(`${c.status}${c.code ? ` ${c.code}` : ''}`))}"/>`);
  return `      <properties>\n${props.join('\n')}\n      </properties>\n`;
}

/** Files kept for the test (its trace), in the `[[ATTACHMENT|path]]` form the JUnit Attachments plugin and GitLab read. */
function attachmentsOut(s: ReportedScenario): string {
  if (!s.attachments?.length) return '';
  return `      <system-out>${s.attachments.map((a) => escapeXml(`[[ATTACHMENT|${a.path}]]`)).join('\n')}</system-out>\n`;
}

export function buildJunitXml(report: RunReport): string {
  const summary = summarize(report);
  const skipped = report.skipped ?? [];
  const cases = report.scenarios.map((s) => {
    const attrs = `${identity(s)} time="${(s.durationMs / 1000).toFixed(3)}"`;
    const failure = s.passed ? '' : `      <failure message="${escapeXml(failureSummary(s, t))}" type="${escapeXml(t(s.outcome))}">${escapeXml(failureLines(s, { esc: t }).join('\n'))}</failure>\n`;
    const inner = `${checkProperties(s)}${failure}${attachmentsOut(s)}`;
    return inner ? `    <testcase ${attrs}>\n${inner}    </testcase>` : `    <testcase ${attrs}/>`;
  });
  const skippedCases = skipped.map((s) => `    <testcase ${identity(s)} time="0.000">\n      <skipped message="${escapeXml(t(s.reason))}"/>\n    </testcase>`);
  const tests = summary.total + skipped.length;
  const time = (summary.durationMs / 1000).toFixed(3);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="flex-sso scenarios" tests="${tests}" failures="${summary.failed}" skipped="${skipped.length}" time="${time}">`,
    `  <testsuite name="scenarios" tests="${tests}" failures="${summary.failed}" errors="0" skipped="${skipped.length}" time="${time}">`,
    ...cases,
    ...skippedCases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
