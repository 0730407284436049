// JUnit XML: one testcase per scenario, failures carrying expected vs received and the hints. CI
// pages and terminals show this text: values pass through terminalSafe (t) before XML escaping, so a
// control or bidi character shows as an escape instead of being dropped or acting.
import { terminalSafe as t } from '../text/terminal-safe.ts';
import { failureLines, failureSummary } from './failure.ts';
import { summarize, type RunReport } from './model.ts';

export function escapeXml(text: string): string {
  // Characters XML 1.0 forbids are dropped; markup characters are escaped.
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export function buildJunitXml(report: RunReport): string {
  const summary = summarize(report);
  const cases = report.scenarios.map((s) => {
    const attrs = `classname="${escapeXml(t(`scenarios.${s.action}`))}" name="${escapeXml(t(`${s.id}: ${s.title}`))}" time="${(s.durationMs / 1000).toFixed(3)}"`;
    if (s.passed) return `    <testcase ${attrs}/>`;
    const message = failureSummary(s, t);
    const body = failureLines(s, { esc: t }).join('\n');
    return `    <testcase ${attrs}>\n      <failure message="${escapeXml(message)}" type="${escapeXml(t(s.outcome))}">${escapeXml(body)}</failure>\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="flex-sso scenarios" tests="${summary.total}" failures="${summary.failed}" time="${(summary.durationMs / 1000).toFixed(3)}">`,
    `  <testsuite name="scenarios" tests="${summary.total}" failures="${summary.failed}" errors="0" skipped="0" time="${(summary.durationMs / 1000).toFixed(3)}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
