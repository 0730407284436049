// `flex-sso run`'s half of `--record DIR`, once every login is done: for the attempts its workers
// wrote (capture.ts), fetch the users' tenant log events (one search per batch of users, waiting
// until Auth0 has indexed an event of each, as the failure reports wait), normalise and redact each
// attempt's events into `tenant-logs.json`, and write `scenario.json`. It runs after the logins, so
// it slows none of them; a tenant that cannot be read gives a `tenant-logs.json` that says so, never
// another verdict or exit code.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fetchRawTenantLogsForUsers, type LogsSource } from '../../auth0/tenant-logs.ts';
import type { Scenario } from '../../scenarios/schema.ts';
import { normaliseLogEvents } from '../log-normalise.ts';
import { SETUP_EVENT_TYPES } from '../log-rules.ts';
import { splitAddon } from './addon.ts';
import { scenarioDir, type RecordSettings } from './capture.ts';
import { actionCodeSha256, scenarioDefinitionHash, sha256 } from './definition.ts';
import { attemptFile, FILES, harnessVersion, RECORDING_FORMAT, stableJson, type AttemptFile, type RecordedScenario, type TenantLogsFile } from './format.ts';
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
  /** Injected in tests. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export interface FinishResult {
  recorded: string[];
  problems: string[];
}

/** The tenant's clock and this machine's are not the same clock: a few seconds either side. */
const CLOCK_MARGIN_MS = 5_000;
/** Users per log search: a short query, whose few events per user fit a page or two. */
const BATCH = 10;
const POLL_MS = 1_000;

interface Pending {
  scenario: Scenario;
  dir: string;
  attemptPath: string;
  attempt: AttemptFile;
}

const msOf = (iso: string): number => new Date(iso).getTime();

/** Each attempt's events: searched once per batch, until each user has one or the wait is over. */
async function batchLogs(ctx: RecordingContext, batch: readonly Pending[]): Promise<TenantLogsFile[]> {
  const userIds = [...new Set(batch.map((p) => p.attempt.userId))];
  const from = new Date(Math.min(...batch.map((p) => msOf(p.attempt.from))) - CLOCK_MARGIN_MS);
  const to = new Date(Math.max(...batch.map((p) => msOf(p.attempt.to))) + CLOCK_MARGIN_MS);
  const now = ctx.now ?? (() => Date.now());
  const sleep = ctx.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let events: Record<string, unknown>[];
  try {
    const started = now();
    for (;;) {
      events = await fetchRawTenantLogsForUsers(ctx.logs, { userIds, from, to });
      // The harness's own setup events (a signup by provisioning) are not the login's: wait for the login's.
      const seen = new Set(events.filter((e) => typeof e.type === 'string' && !SETUP_EVENT_TYPES.has(e.type)).map((e) => e.user_id));
      const waited = now() - started;
      if (userIds.every((id) => seen.has(id)) || waited >= ctx.waitMs) break;
      await sleep(Math.min(POLL_MS, ctx.waitMs - waited));
    }
  } catch (error) {
    return batch.map(() => ({ format: RECORDING_FORMAT, error: (error as Error).message }));
  }
  return batch.map(({ attempt }) => {
    const [start, end] = [msOf(attempt.from) - CLOCK_MARGIN_MS, msOf(attempt.to) + CLOCK_MARGIN_MS];
    const own = events.filter((e) => e.user_id === attempt.userId && typeof e.date === 'string' && msOf(e.date) >= start && msOf(e.date) <= end);
    return { format: RECORDING_FORMAT, events: normaliseLogEvents(own) };
  });
}

function scenarioRecord(ctx: RecordingContext, scenario: Scenario, attempt: { outcome: string; passed: boolean; response: boolean }): RecordedScenario {
  const { addon, notModelled } = splitAddon(ctx.addon);
  const own = actionCodeSha256(readFileSync(scenario.actionFile, 'utf8'));
  return {
    format: RECORDING_FORMAT,
    harnessVersion: harnessVersion(),
    recordedAt: ctx.recordedAt.toISOString(),
    mode: ctx.mode,
    tenantDomain: 'redacted',
    scenario: {
      id: scenario.id,
      file: scenario.file,
      definitionHash: scenarioDefinitionHash(scenario),
      action: scenario.action,
      flow: scenario.flow,
      profile: scenario.profile,
    },
    sp: ctx.sp,
    addon,
    addonNotModelled: notModelled,
    boundActions: ctx.bound.map((b) => ({ name: b.name, codeSha256: sha256(b.code), scenarioAction: sha256(b.code) === own })),
    attempt,
  };
}

/** This run's attempts (others are a skipped scenario's, another shard's or another run's). */
function pendingAttempts(ctx: RecordingContext, scenarios: readonly Scenario[], problems: string[]): Pending[] {
  const pending: Pending[] = [];
  for (const scenario of scenarios) {
    const dir = scenarioDir(ctx.settings.dir, scenario.id);
    const attemptPath = join(dir, FILES.attempt);
    if (!existsSync(attemptPath)) continue;
    try {
      const attempt = attemptFile.parse(JSON.parse(readFileSync(attemptPath, 'utf8')));
      if (attempt.runId === ctx.settings.runId) pending.push({ scenario, dir, attemptPath, attempt });
    } catch (error) {
      problems.push(`${scenario.id}: ${ctx.redaction.apply((error as Error).message)}`);
    }
  }
  return pending;
}

export async function finishRecording(ctx: RecordingContext, scenarios: readonly Scenario[], progress: (line: string) => void): Promise<FinishResult> {
  const result: FinishResult = { recorded: [], problems: [] };
  const pending = pendingAttempts(ctx, scenarios, result.problems);
  for (let i = 0; i < pending.length; i += BATCH) {
    const batch = pending.slice(i, i + BATCH);
    const logs = await batchLogs(ctx, batch);
    for (const [j, { scenario, dir, attemptPath, attempt }] of batch.entries()) {
      const file = logs[j] as TenantLogsFile;
      try {
        writeFileSync(join(dir, FILES.logs), ctx.redaction.apply(stableJson(file)));
        const record = scenarioRecord(ctx, scenario, { outcome: attempt.outcome, passed: attempt.passed, response: attempt.response });
        writeFileSync(join(dir, FILES.scenario), ctx.redaction.apply(stableJson(record)));
        rmSync(attemptPath, { force: true });
        result.recorded.push(scenario.id);
        const events = 'events' in file ? `${file.events.length} tenant log event(s)` : `tenant logs unreadable: ${file.error}`;
        progress(`record    ${scenario.id}: ${attempt.response ? 'response.xml, ' : 'no SAML response, '}${events}`);
        if ('error' in file) result.problems.push(`${scenario.id}: ${ctx.redaction.apply(file.error)}`);
      } catch (error) {
        result.problems.push(`${scenario.id}: ${ctx.redaction.apply((error as Error).message)}`);
      }
    }
  }
  return result;
}
