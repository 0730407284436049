// The Playwright worker's half of `flex-sso run --record DIR`: right after a scenario's login, the
// SAMLResponse the browser posted is normalised, redacted and written as `<DIR>/<id>/response.xml`,
// and `.attempt.json` says whose attempt it was and when, for `flex-sso run` to fetch the attempt's
// tenant log events once every login is done (finish.ts). Recording is a few milliseconds of local
// work per login and never throws: it cannot change a verdict or fail a scenario.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { redactorFromEnv } from '../../secrets/redact.ts';
import { normaliseSamlXml } from '../normalise.ts';
import { serialiseNormalised } from '../serialise.ts';
import { FILES, stableJson, type AttemptFile } from './format.ts';
import { RecordingRedaction, type Identifiers } from './redaction.ts';

/** What the plan file tells the workers when the run records (harness/modes/plan-file.ts). */
export interface RecordSettings {
  /** The recording directory, absolute. */
  dir: string;
  /** This run's id: `flex-sso run` completes only the attempts its own workers wrote. */
  runId: string;
  ids: Identifiers;
}

export interface AttemptInput {
  scenarioId: string;
  userId: string;
  /** The password the user had for this run (redacted wherever it appears). */
  password: string;
  window: { from: Date; to: Date };
  outcome: string;
  passed: boolean;
  /** The SAMLResponse form value the browser posted (base64), when one reached the ACS. */
  postedSamlResponse?: string;
}

/** The directory of one scenario's recording (scenario ids are slugs). */
export function scenarioDir(dir: string, scenarioId: string): string {
  return join(dir, scenarioId);
}

/** The normalised, redacted response.xml text, or undefined when the posted value is no SAML response. */
export function recordableResponse(posted: string, redaction: RecordingRedaction): string | undefined {
  const normal = normaliseSamlXml(Buffer.from(posted, 'base64').toString('utf8'));
  return normal.ok ? redaction.apply(serialiseNormalised(normal.root)) : undefined;
}

/** Writes the attempt; returns a problem to report instead of throwing. */
export function recordAttempt(settings: RecordSettings, input: AttemptInput, env: NodeJS.ProcessEnv = process.env): string | undefined {
  try {
    const redactor = redactorFromEnv(env);
    redactor.add(input.password);
    const redaction = new RecordingRedaction(settings.ids, redactor);
    const dir = scenarioDir(settings.dir, input.scenarioId);
    // A new attempt replaces whatever an earlier recording left for this scenario.
    for (const file of Object.values(FILES)) rmSync(join(dir, file), { force: true });
    mkdirSync(dir, { recursive: true });
    const response = input.postedSamlResponse === undefined ? undefined : recordableResponse(input.postedSamlResponse, redaction);
    if (response !== undefined) writeFileSync(join(dir, FILES.response), response);
    const attempt: AttemptFile = {
      runId: settings.runId,
      userId: input.userId,
      from: input.window.from.toISOString(),
      to: input.window.to.toISOString(),
      outcome: input.outcome,
      passed: input.passed,
      response: response !== undefined,
    };
    writeFileSync(join(dir, FILES.attempt), stableJson(attempt), { mode: 0o600 });
    return undefined;
  } catch (error) {
    return `recording ${input.scenarioId} failed: ${(error as Error).message}`;
  }
}
