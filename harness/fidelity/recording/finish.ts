// `flex-sso run`'s half of `--record DIR`, once every login is done: for each attempt its workers
// wrote (capture.ts), fetch the user's tenant log events for the attempt (waiting for Auth0 to index
// them, as the failure reports do), normalise and redact them into `tenant-logs.json`, and write
// `scenario.json`. It runs after the logins, so it slows none of them; a tenant that cannot be read
// gives a `tenant-logs.json` that says so, never another verdict or exit code.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fetchRawTenantLogs, waitForTenantLogs, type LogsSource } from '../../auth0/tenant-logs.ts';
import type { Scenario } from '../../scenarios/schema.ts';
import { normaliseLogEvents } from '../log-normalise.ts';
import { splitAddon } from './addon.ts';
import { scenarioDir, type RecordSettings } from './capture.ts';
import { actionCodeSha256, scenarioDefinitionHash, sha256 } from './definition.ts';
import { attemptFile, FILES, harnessVersion, RECORDING_FORMAT, stableJson, type RecordedScenario, type TenantLogsFile } from './format.ts';
import type { RecordingRedaction } from './redaction.ts';

export interface RecordingContext {
  settings: RecordSettings;
  mode: 'staging' | 'intercept';
  recordedAt: Date;
  sp: { acsUrl: string; entityId: string };
  /** client.addons.samlp as the Management API returned it. */
  addon: Record<string, unknown> | undefined;
  /** The deployed code of each post-login binding, in flow order (normalised as applicability.ts does). */
  bound: readonly { name: string; code: string }[];
  logs: LogsSource;
  redaction: RecordingRedaction;
  /** How long to wait for Auth0 to index an attempt's events (FLEX_SSO_TENANT_LOG_WAIT_MS). */
  waitMs: number;
}

export interface FinishResult { recorded: string[]; problems: string[] }

/** The tenant's clock and this machine's are not the same clock: a few seconds either side. */
const CLOCK_MARGIN_MS = 5_000;

async function tenantLogs(ctx: RecordingContext, userId: string, from: Date, to: Date): Promise<TenantLogsFile> {
  try {
    const query = { userId, from: new Date(from.getTime() - CLOCK_MARGIN_MS), to: new Date(to.getTime() + CLOCK_MARGIN_MS), limit: 100 };
    const lookup = await waitForTenantLogs(() => fetchRawTenantLogs(ctx.logs, query), { waitMs: ctx.waitMs });
    return { format: RECORDING_FORMAT, events: normaliseLogEvents(lookup.events) };
  } catch (error) {
    return { format: RECORDING_FORMAT, error: (error as Error).message };
  }
}

function scenarioRecord(ctx: RecordingContext, scenario: Scenario, attempt: { outcome: string; passed: boolean; response: boolean }): RecordedScenario {
  const { addon, notModelled } = splitAddon(ctx.addon);
  const own = actionCodeSha256(readFileSync(scenario.actionFile, 'utf8'));
  return {
    format: RECORDING_FORMAT, harnessVersion: harnessVersion(), recordedAt: ctx.recordedAt.toISOString(), mode: ctx.mode, tenantDomain: 'redacted',
    scenario: {
      id: scenario.id, file: scenario.file, definitionHash: scenarioDefinitionHash(scenario), action: scenario.action, flow: scenario.flow, profile: scenario.profile,
    },
    sp: ctx.sp, addon, addonNotModelled: notModelled,
    boundActions: ctx.bound.map((b) => ({ name: b.name, codeSha256: sha256(b.code), scenarioAction: sha256(b.code) === own })),
    attempt,
  };
}

export async function finishRecording(ctx: RecordingContext, scenarios: readonly Scenario[], progress: (line: string) => void): Promise<FinishResult> {
  const result: FinishResult = { recorded: [], problems: [] };
  for (const scenario of scenarios) {
    const dir = scenarioDir(ctx.settings.dir, scenario.id);
    const attemptPath = join(dir, FILES.attempt);
    if (!existsSync(attemptPath)) continue; // not run here (skipped, or another shard's)
    try {
      const attempt = attemptFile.parse(JSON.parse(readFileSync(attemptPath, 'utf8')));
      if (attempt.runId !== ctx.settings.runId) continue; // a concurrent run's attempt: not ours to complete
      const logs = await tenantLogs(ctx, attempt.userId, new Date(attempt.from), new Date(attempt.to));
      writeFileSync(join(dir, FILES.logs), ctx.redaction.apply(stableJson(logs)));
      const record = scenarioRecord(ctx, scenario, { outcome: attempt.outcome, passed: attempt.passed, response: attempt.response });
      writeFileSync(join(dir, FILES.scenario), ctx.redaction.apply(stableJson(record)));
      rmSync(attemptPath, { force: true });
      result.recorded.push(scenario.id);
      const events = 'events' in logs ? `${logs.events.length} tenant log event(s)` : `tenant logs unreadable: ${logs.error}`;
      progress(`record    ${scenario.id}: ${attempt.response ? 'response.xml, ' : 'no SAML response, '}${events}`);
      if ('error' in logs) result.problems.push(`${scenario.id}: ${ctx.redaction.apply(logs.error)}`);
    } catch (error) {
      result.problems.push(`${scenario.id}: ${ctx.redaction.apply((error as Error).message)}`);
    }
  }
  return result;
}
