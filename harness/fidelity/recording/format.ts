// The on-disk format of a recording (`flex-sso run --mode staging|intercept --record DIR`): one
// directory per scenario holding `response.xml` (the tenant's SAML response, normalised),
// `tenant-logs.json` (the attempt's tenant log events, normalised) and `scenario.json` (what was
// recorded, where, by which harness, and the scenario definition's hash). Every file is redacted and
// written with sorted keys, so recordings are stable and diff line by line. Data shapes only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { REPO_ROOT } from '../../repo-root.ts';

/** Bumped when a recording written by one harness could not be read the same way by another. */
export const RECORDING_FORMAT = 1;

export const FILES = {
  response: 'response.xml',
  logs: 'tenant-logs.json',
  scenario: 'scenario.json',
  /** Written by the Playwright worker, completed and removed by `flex-sso run` after the logins. */
  attempt: '.attempt.json',
} as const;

/** What the recording writes in place of the tenant's identifiers (they are also replaced on the replay's side). */
export const PLACEHOLDERS = {
  domain: '{tenant-domain}',
  samlClientId: '{saml-client-id}',
  managementClientId: '{management-client-id}',
} as const;

const normalLogEvent = z.strictObject({ type: z.string(), fields: z.record(z.string(), z.string()) });

export const tenantLogsFile = z.union([
  z.strictObject({ format: z.number().int(), events: z.array(normalLogEvent) }),
  z.strictObject({ format: z.number().int(), error: z.string() }),
]);
export type TenantLogsFile = z.infer<typeof tenantLogsFile>;

export const boundAction = z.strictObject({
  name: z.string(),
  /** sha256 of the deployed code (normalised as `flex-sso run` compares it with the scenario's file). */
  codeSha256: z.string(),
  /** This is the scenario's own Action (the replay runs it); the others are named, not replayed. */
  scenarioAction: z.boolean(),
});
export type BoundAction = z.infer<typeof boundAction>;

export const scenarioFile = z.strictObject({
  format: z.number().int(),
  harnessVersion: z.string(),
  recordedAt: z.string(),
  mode: z.enum(['staging', 'intercept']),
  /** The tenant's domain is never written: `{tenant-domain}` stands for it in every file. */
  tenantDomain: z.literal('redacted'),
  scenario: z.strictObject({
    id: z.string(),
    /** The YAML file, as `flex-sso run` was given it (relative to its working directory). */
    file: z.string(),
    definitionHash: z.string(),
    action: z.string(),
    flow: z.enum(['idp-initiated', 'sp-initiated']),
    profile: z.enum(['enhanced', 'legacy']),
  }),
  /** Where the tenant posted, and the SP entity ID an SP-initiated login named (the Flex audience). */
  sp: z.strictObject({ acsUrl: z.string(), entityId: z.string() }),
  /** The SAML app's addons.samlp as the Management API returned it, the fields the emulator models. */
  addon: z.record(z.string(), z.unknown()),
  /** Addon fields the tenant set that the emulator does not model (names only: values may be keys). */
  addonNotModelled: z.array(z.string()),
  /** The tenant's post-login Actions, in flow order, at record time. */
  boundActions: z.array(boundAction),
  attempt: z.strictObject({
    outcome: z.string(),
    passed: z.boolean(),
    /** A SAML response reached the ACS (response.xml holds it). */
    response: z.boolean(),
  }),
});
export type RecordedScenario = z.infer<typeof scenarioFile>;

/** Written by the worker for `flex-sso run` to complete; never kept in a finished recording. */
export const attemptFile = z.strictObject({
  runId: z.string(),
  userId: z.string(),
  from: z.string(),
  to: z.string(),
  outcome: z.string(),
  passed: z.boolean(),
  response: z.boolean(),
});
export type AttemptFile = z.infer<typeof attemptFile>;

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** JSON with sorted keys, two-space indent and a final newline: the same data is the same bytes. */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

let version: string | undefined;

/** The harness's version (package.json), recorded for the reader. */
export function harnessVersion(): string {
  if (version === undefined) {
    try {
      const parsed = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version?: unknown };
      version = typeof parsed.version === 'string' ? parsed.version : 'unknown';
    } catch {
      version = 'unknown';
    }
  }
  return version;
}
