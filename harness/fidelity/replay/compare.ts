// Replays one recorded scenario on the embedded emulator and compares the emulator's output with the
// tenant's, normalised and redacted exactly as the recording was (recording/capture.ts,
// log-normalise.ts): whether a SAML response was posted at all, the response's structure
// element by element and attribute by attribute, and the attempt's tenant log events.
import { fetchRawTenantLogs, type LogsSource } from '../../auth0/tenant-logs.ts';
import { typedPassword } from '../../run/login-outcome.ts';
import type { ActionCache } from '../../run/seed.ts';
import type { Scenario } from '../../scenarios/schema.ts';
import { diffSaml, type FidelityDifference } from '../diff.ts';
import { diffLogEvents, type LogDifference } from '../log-diff.ts';
import { normaliseLogEvents, type NormalLogEvent } from '../log-normalise.ts';
import { normaliseSamlXml } from '../normalise.ts';
import { recordableResponse } from '../recording/capture.ts';
import type { RecordedEntry } from './read.ts';
import { seedReplay, type AddonSource, type ReplayEmulator } from './emulator.ts';
import { loginOverHttp } from './http-login.ts';

export interface ScenarioFidelity {
  id: string;
  /** Whether each side posted a SAML response; a mismatch is a difference of its own. */
  posted: { tenant: boolean; emulator: boolean };
  /** When the emulator posted none: the page it stopped on. */
  emulatorPage?: { status: number; url: string; errorCode?: string };
  response: FidelityDifference[];
  /** null: the recording has no tenant logs (the tenant could not be read at record time). */
  logs: LogDifference[] | null;
  /** What the replay cannot reproduce, said next to the differences it may explain. */
  notes: string[];
  /** The emulator's output, normalised and redacted like a recording (`--out`). */
  emulator: { responseXml?: string; logs: NormalLogEvent[] };
}

/** Differences that count (every one does: the `notModelled` mark on a log field is information). */
export function differenceCount(result: ScenarioFidelity): number {
  return (result.posted.tenant === result.posted.emulator ? 0 : 1) + result.response.length + (result.logs?.length ?? 0);
}

function notesFor(entry: RecordedEntry, addon: AddonSource): string[] {
  const notes: string[] = [];
  const others = entry.record.boundActions.filter((a) => !a.scenarioAction).map((a) => a.name);
  if (others.length > 0)
    notes.push(`the tenant's Login flow also ran ${others.map((n) => JSON.stringify(n)).join(', ')}; the replay runs only the scenario's Action`);
  if (addon === 'recorded' && entry.record.addonNotModelled.length > 0)
    notes.push(`the tenant's addon sets ${entry.record.addonNotModelled.join(', ')}, which the emulator does not model`);
  if (addon === 'emulator') notes.push("replayed with the addon emulator runs configure (--addon emulator), not the tenant's");
  if ('error' in entry.logs) notes.push(`the tenant's log events were not recorded: ${entry.logs.error}`);
  return notes;
}

function parseRoot(xml: string) {
  const normal = normaliseSamlXml(xml);
  if (!normal.ok) throw new Error(`${normal.error.code}: ${normal.error.detail}`);
  return normal.root;
}

export async function replayScenario(
  emulator: ReplayEmulator,
  entry: RecordedEntry,
  scenario: Scenario,
  addon: AddonSource,
  cache: ActionCache,
): Promise<ScenarioFidelity> {
  const { password, userId } = seedReplay(emulator, scenario, entry.record, addon, cache);
  const from = new Date();
  const login = await loginOverHttp({
    baseUrl: emulator.idp.url,
    samlUrl: emulator.idp.samlUrl(),
    flow: scenario.flow,
    email: scenario.user.email,
    password: typedPassword(scenario, password),
    relayState: `fidelity.${scenario.id}`,
    sp: entry.record.sp,
  });
  const to = new Date();
  const responseXml = login.kind === 'response' ? recordableResponse(login.samlResponse, emulator.redaction) : undefined;
  // The same search and normalisation as the recording, on the emulator's own log store (as JSON, as the API serves it).
  const source: LogsSource = { listLogs: async (request) => JSON.parse(JSON.stringify(emulator.idp.tenant.listLogs(request))) as unknown[] };
  const rawLogs = await fetchRawTenantLogs(source, { userId, from: new Date(from.getTime() - 1), to: new Date(to.getTime() + 1), limit: 100 });
  const logs = emulator.redaction.applyValue(normaliseLogEvents(rawLogs));
  const response = entry.responseXml !== undefined && responseXml !== undefined ? diffSaml(parseRoot(entry.responseXml), parseRoot(responseXml)) : [];
  return {
    id: scenario.id,
    posted: { tenant: entry.responseXml !== undefined, emulator: responseXml !== undefined },
    ...(login.kind === 'page' ? { emulatorPage: { status: login.status, url: login.url, ...(login.errorCode ? { errorCode: login.errorCode } : {}) } } : {}),
    response,
    logs: 'events' in entry.logs ? diffLogEvents(entry.logs.events, logs) : null,
    notes: notesFor(entry, addon),
    emulator: { ...(responseXml !== undefined ? { responseXml } : {}), logs },
  };
}
