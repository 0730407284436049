// Tells the fake SP which scenario the next login's RelayState belongs to (POST /api/expectations),
// so its record carries the scenario id, its expectation and its pattern, and the dashboard shows the
// expectation beside what Flex would read. A refusal is an error: the SP is the harness's own.
import { patternOfAction } from '../../flex/patterns.ts';
import type { Scenario } from '../scenarios/schema.ts';

export interface ScenarioRegistration {
  scenarioId: string;
  expectation: { outcome: string; attributes: Record<string, string | string[]>; checks?: string[] };
  pattern?: 'A' | 'B';
}

export function registrationOf(scenario: Scenario): ScenarioRegistration {
  const pattern = patternOfAction(scenario.action);
  return {
    scenarioId: scenario.id,
    expectation: {
      outcome: scenario.expect.outcome,
      attributes: scenario.expect.attributes,
      ...(scenario.expect.checks ? { checks: [...scenario.expect.checks] } : {}),
    },
    ...(pattern ? { pattern } : {}),
  };
}

export async function registerScenario(spUrl: string, relayState: string, registration: ScenarioRegistration): Promise<void> {
  const res = await fetch(`${spUrl.replace(/\/$/, '')}/api/expectations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ relayState, ...registration }),
  });
  if (res.status !== 204) throw new Error(`the fake SP refused the scenario's expectation (HTTP ${res.status}): ${(await res.text()).slice(0, 300)}`);
}
