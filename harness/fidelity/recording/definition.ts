// The hash of a scenario's definition, recorded so that `flex-sso fidelity` refuses to replay a
// scenario that changed since it was recorded (its replay would not be the same login). Only what
// shapes the login counts: the Action's code (compared as `flex-sso run` compares it with the
// deployed code) and npm dependencies, the user, the flow, the Flex profile, the addon overrides,
// the emulator-only blocks. A new title, tags or expectation changes no response: not hashed. The
// login page is the tenant's own in a recording, and a single-page form in the replay: not hashed.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { normalizeActionCode } from '../../modes/applicability.ts';
import type { Scenario } from '../../scenarios/schema.ts';
import { stableJson } from './format.ts';

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** sha256 of an Action's code as `flex-sso run` compares it (line endings, trailing blanks). */
export function actionCodeSha256(code: string): string {
  return sha256(normalizeActionCode(code));
}

export function scenarioDefinitionHash(scenario: Scenario, readFile: (path: string) => string = (p) => readFileSync(p, 'utf8')): string {
  const definition = {
    actionCode: actionCodeSha256(readFile(scenario.actionFile)),
    dependencies: scenario.dependencies,
    fetch: scenario.fetch,
    user: scenario.user,
    flow: scenario.flow,
    profile: scenario.profile,
    addon: scenario.addon,
    fault: scenario.fault ?? null,
    protections: scenario.protections ?? null,
  };
  return `sha256:${sha256(stableJson(definition))}`;
}
