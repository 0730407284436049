// What `flex-sso fidelity` prints: per replayed scenario, the differences between the tenant's
// recorded output and the emulator's, as readable lines (`-` only in the tenant's, `+` only in the
// emulator's, `~` in both but different), or the same as exact JSON. Every value from a response, a
// log event or a scenario is escaped for the terminal (harness/text/terminal-safe.ts) or quoted.
import { terminalSafe } from '../text/terminal-safe.ts';
import { formatDifference, quote } from './format.ts';
import type { LogDifference } from './log-diff.ts';
import type { AddonSource } from './replay/emulator.ts';
import { differenceCount, type ScenarioFidelity } from './replay/compare.ts';

export const REPORT_FORMAT = 1;

export type ScenarioReport = Omit<ScenarioFidelity, 'emulator'> & { differences: number };

export interface FidelityReport {
  format: number;
  recording: string;
  addon: AddonSource;
  scenarios: ScenarioReport[];
  summary: { replayed: number; differing: number; differences: number };
}

export function buildReport(recording: string, addon: AddonSource, results: readonly ScenarioFidelity[]): FidelityReport {
  const scenarios = results.map(({ emulator: _emulator, ...rest }) => ({ ...rest, differences: differenceCount(rest as ScenarioFidelity) }));
  return {
    format: REPORT_FORMAT,
    recording,
    addon,
    scenarios,
    summary: {
      replayed: scenarios.length,
      differing: scenarios.filter((s) => s.differences > 0).length,
      differences: scenarios.reduce((n, s) => n + s.differences, 0),
    },
  };
}

const LABELS = { expected: 'tenant', actual: 'emulator' };

export function formatLogDifference(d: LogDifference): string {
  const event = terminalSafe(d.event);
  const field = d.field === undefined ? '' : ` ${terminalSafe(d.field)}`;
  const known = d.notModelled ? ' (not modelled: docs/emulator-fidelity.md)' : '';
  switch (d.kind) {
    case 'event-missing':
      return `- event ${event}: only in the tenant's logs`;
    case 'event-extra':
      return `+ event ${event}: only in the emulator's logs`;
    case 'event-order':
      return `~ events in another order\n    tenant: ${terminalSafe(d.expected ?? '')}\n    emulator: ${terminalSafe(d.actual ?? '')}`;
    case 'field-missing':
      return `- event ${event}${field}: only in the tenant's event (${quote(d.expected ?? '')})${known}`;
    case 'field-extra':
      return `+ event ${event}${field}: only in the emulator's event (${quote(d.actual ?? '')})${known}`;
    case 'field-value':
      return `~ event ${event}${field}: tenant ${quote(d.expected ?? '')}, emulator ${quote(d.actual ?? '')}${known}`;
  }
}

function indent(text: string, pad: string): string {
  return text
    .split('\n')
    .map((line) => `${pad}${line}`)
    .join('\n');
}

function scenarioLines(s: ScenarioReport): string[] {
  const lines = [`${terminalSafe(s.id)}: ${s.differences === 0 ? 'no difference' : `${s.differences} difference${s.differences === 1 ? '' : 's'}`}`];
  if (s.posted.tenant !== s.posted.emulator) {
    const page = s.emulatorPage
      ? ` (the emulator stopped on ${terminalSafe(s.emulatorPage.url)}, HTTP ${s.emulatorPage.status}${s.emulatorPage.errorCode ? `, ${quote(s.emulatorPage.errorCode)}` : ''})`
      : '';
    lines.push(
      `  ~ SAML response: the tenant ${s.posted.tenant ? 'posted one' : 'posted none'}, the emulator ${s.posted.emulator ? 'posted one' : 'posted none'}${page}`,
    );
  }
  if (s.response.length > 0) {
    lines.push('  response:');
    for (const d of s.response) lines.push(indent(formatDifference(d, LABELS), '    '));
  }
  if (s.logs !== null && s.logs.length > 0) {
    lines.push('  tenant logs:');
    for (const d of s.logs) lines.push(indent(formatLogDifference(d), '    '));
  }
  for (const note of s.notes) lines.push(`  note: ${terminalSafe(note)}`);
  return lines;
}

/** The human report: one block per scenario, then the summary line. */
export function formatReport(report: FidelityReport): string {
  const blocks = report.scenarios.map((s) => scenarioLines(s).join('\n'));
  const { replayed, differing, differences } = report.summary;
  const summary =
    differing === 0
      ? `fidelity: the emulator reproduced the tenant's output for all ${replayed} recorded scenario(s)`
      : `fidelity: ${differing} of ${replayed} recorded scenario(s) differ from the tenant (${differences} difference${differences === 1 ? '' : 's'})`;
  return `${[...blocks, summary].join('\n')}\n`;
}
