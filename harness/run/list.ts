// `flex-sso run --list`: the scenarios a run would select, one line each, without running them.
import type { Scenario } from '../scenarios/schema.ts';
import { terminalSafe as t } from '../text/terminal-safe.ts';

export function listScenarios(scenarios: readonly Scenario[], shard?: { index: number; total: number }): string {
  const width = Math.max(8, ...scenarios.map((s) => t(s.id).length));
  const outcomeWidth = Math.max(7, ...scenarios.map((s) => s.expect.outcome.length));
  const lines = scenarios.map((s) => `${t(s.id).padEnd(width)}  ${s.expect.outcome.padEnd(outcomeWidth)}  ${t(s.title)}  (${t(s.file)}:${s.line})`);
  lines.push('', `${scenarios.length} scenario(s) selected${shard ? `; --shard ${shard.index}/${shard.total} runs its share of them` : ''}.`);
  return `${lines.join('\n')}\n`;
}
