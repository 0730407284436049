// How `flex-sso login` prints its result: a check table for people (values through terminalSafe: they
// quote the SAML response), one JSON object for machines (exact).
import { failureLines } from '../reports/failure.ts';
import { terminalSafe as t } from '../text/terminal-safe.ts';
import type { ManualLoginResult } from './types.ts';

const MARK: Record<string, string> = { ok: '✓', failed: '✗', skipped: '–' };

/** The login against its scenario's expectation, in `flex-sso run`'s words (reports/failure.ts). */
function expectationLines(result: ManualLoginResult): string[] {
  const e = result.expectation;
  if (!e) return [];
  if (e.result.passed) return [`✓ as scenario ${t(e.scenarioId)} expects (${t(e.result.outcome)})`];
  return [`✗ not what scenario ${t(e.scenarioId)} expects:`, ...failureLines({ fields: e.result.fields }, { esc: t, indent: '  ', dedupeHints: true })];
}

export function formatLoginHuman(result: ManualLoginResult): string {
  const lines: string[] = [];
  const verdict = result.verdict;
  if (!verdict) {
    lines.push(`✗ ${result.outcome}: ${t(result.message ?? 'no verdict')}`);
    if (result.hint) lines.push(`  fix: ${t(result.hint)}`);
    lines.push(...expectationLines(result));
    return `${lines.join('\n')}\n`;
  }
  lines.push(`${verdict.valid ? '✓ valid: Flex would accept' : '✗ invalid: Flex would reject'} the login of ${t(result.user)}`);
  const width = Math.max(...verdict.checks.map((c) => c.id.length));
  for (const check of verdict.checks) {
    lines.push(`  ${MARK[check.status] ?? '?'} ${check.id.padEnd(width)}  ${check.code ? `${check.code}: ` : ''}${t(check.detail)}`);
    if (check.status === 'failed' && check.hint) lines.push(`    ${' '.repeat(width)}fix: ${t(check.hint)}`);
  }
  const roles = verdict.flex.roles.join(', ');
  lines.push(`  email ${t(verdict.flex.email ?? '(none)')} · full_name ${t(verdict.flex.full_name ?? '(none)')} · roles ${t(roles || '(none)')}`);
  lines.push(...expectationLines(result));
  if (result.detailUrl) lines.push(`details: ${t(result.detailUrl)}`);
  return `${lines.join('\n')}\n`;
}

export function loginJson(result: ManualLoginResult, extra: { mode: string; dashboardUrl?: string; createdFrom?: string }): Record<string, unknown> {
  const v = result.verdict;
  return {
    outcome: result.outcome,
    valid: v?.valid ?? false,
    user: result.user,
    mode: extra.mode,
    relayState: result.relayState,
    ...(result.loginId ? { loginId: result.loginId } : {}),
    ...(result.detailUrl ? { detailUrl: result.detailUrl } : {}),
    ...(extra.dashboardUrl ? { dashboardUrl: extra.dashboardUrl } : {}),
    ...(extra.createdFrom ? { createdFromScenario: extra.createdFrom } : {}),
    ...(result.message ? { message: result.message } : {}),
    ...(result.hint ? { hint: result.hint } : {}),
    ...(v ? { checks: v.checks, attributes: v.attributes } : {}),
    ...(result.expectation
      ? { scenario: { id: result.expectation.scenarioId, passed: result.expectation.result.passed, fields: result.expectation.result.fields } }
      : {}),
  };
}
