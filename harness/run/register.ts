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
  return registrationFor(scenario.id, scenario.expect, patternOfAction(scenario.action));
}

/** The registration of a scenario known by its id, `expect` and pattern (`flex-sso login` gets these from a running serve). */
export function registrationFor(scenarioId: string, expect: Scenario['expect'], pattern: 'A' | 'B' | undefined): ScenarioRegistration {
  return {
    scenarioId,
    expectation: {
      outcome: expect.outcome,
      attributes: expect.attributes,
      ...(expect.checks ? { checks: [...expect.checks] } : {}),
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
