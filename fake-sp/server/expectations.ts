// What the harness tells the fake SP before a scenario's login: which scenario a RelayState belongs
// to, its expectation and the Flex pattern it is judged against. The ACS stores them on the login
// record, so the dashboard shows the scenario's expectation beside what Flex would read. Bounded: the
// oldest registration goes first once the map is full (a run registers one per scenario).
import { isFlexPattern, type FlexPattern } from '../../flex/patterns.ts';
import type { ScenarioExpectation } from '../store/login-store.ts';

export interface Registration {
  scenarioId: string;
  expectation: ScenarioExpectation;
  pattern?: FlexPattern;
}

export const MAX_REGISTRATIONS = 10_000;
const MAX_TEXT = 2048;

export class ScenarioRegistrations {
  private readonly byRelayState = new Map<string, Registration>();

  set(relayState: string, registration: Registration): void {
    this.byRelayState.delete(relayState);
    this.byRelayState.set(relayState, registration);
    if (this.byRelayState.size > MAX_REGISTRATIONS) this.byRelayState.delete(this.byRelayState.keys().next().value as string);
  }

  get(relayState: string | undefined): Registration | undefined {
    return relayState === undefined ? undefined : this.byRelayState.get(relayState);
  }
}

const text = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= MAX_TEXT;

/** The POST /api/expectations body, checked field by field; a string naming the first problem otherwise. */
export function parseRegistration(body: unknown): { relayState: string; registration: Registration } | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'expected a JSON object';
  const b = body as Record<string, unknown>;
  if (!text(b.relayState)) return '"relayState": expected a non-empty string';
  if (!text(b.scenarioId)) return '"scenarioId": expected a non-empty string';
  if (b.pattern !== undefined && !isFlexPattern(b.pattern)) return '"pattern": expected "A" or "B"';
  const e = b.expectation;
  if (typeof e !== 'object' || e === null || Array.isArray(e)) return '"expectation": expected an object';
  const x = e as Record<string, unknown>;
  if (x.outcome !== undefined && !text(x.outcome)) return '"expectation.outcome": expected a string';
  const attributes: Record<string, string | string[]> = {};
  if (x.attributes !== undefined) {
    if (typeof x.attributes !== 'object' || x.attributes === null || Array.isArray(x.attributes)) return '"expectation.attributes": expected an object';
    for (const [name, value] of Object.entries(x.attributes)) {
      if (typeof value === 'string' && value.length <= MAX_TEXT) attributes[name] = value;
      else if (Array.isArray(value) && value.every((v) => typeof v === 'string' && v.length <= MAX_TEXT)) attributes[name] = value as string[];
      else return `"expectation.attributes.${name}": expected a string or a list of strings`;
    }
  }
  const checks = Array.isArray(x.checks) && x.checks.every(text) ? (x.checks as string[]) : undefined;
  const expectation: ScenarioExpectation = { attributes, ...(typeof x.outcome === 'string' ? { outcome: x.outcome } : {}), ...(checks ? { checks } : {}) };
  return { relayState: b.relayState, registration: { scenarioId: b.scenarioId, expectation, ...(isFlexPattern(b.pattern) ? { pattern: b.pattern } : {}) } };
}
