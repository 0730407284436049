// Sets up `--record DIR` for a staging/intercept run, from what `flex-sso run` already read of the
// tenant: the SAML app's addon, the bound Actions, where the tenant posts. The Management API
// credentials read the attempts' tenant logs after the logins (finish.ts).
import { randomUUID } from 'node:crypto';
import { createLogsSource } from '../../auth0/tenant-logs.ts';
import type { Redactor } from '../../secrets/redact.ts';
import type { RecordingContext } from './finish.ts';
import { RecordingRedaction } from './redaction.ts';

export interface RecordingInput {
  dir: string;
  mode: 'staging' | 'intercept';
  domain: string;
  samlClientId: string;
  management: { clientId: string; clientSecret: string };
  /** The run's redactor: the passwords provisioned later are added to it, and so redacted here too. */
  redactor: Redactor;
  sp: { acsUrl: string; entityId: string };
  addon: Record<string, unknown> | undefined;
  bound: readonly { name: string; code: string }[];
  progress: (line: string) => void;
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
}

/** FLEX_SSO_TENANT_LOG_WAIT_MS, as the failure reports read it (harness/matrix/real-tenant.spec.ts). */
function logWaitMs(env: NodeJS.ProcessEnv): number {
  const value = Number(env.FLEX_SSO_TENANT_LOG_WAIT_MS ?? 10_000);
  return Number.isFinite(value) && value >= 0 ? value : 10_000;
}

export function createRecordingContext(input: RecordingInput): RecordingContext {
  const ids = { domain: input.domain, samlClientId: input.samlClientId, managementClientId: input.management.clientId };
  return {
    settings: { dir: input.dir, runId: randomUUID(), ids },
    mode: input.mode,
    recordedAt: (input.now ?? (() => new Date()))(),
    sp: input.sp,
    addon: input.addon,
    bound: input.bound,
    logs: createLogsSource({
      domain: input.domain,
      clientId: input.management.clientId,
      clientSecret: input.management.clientSecret,
      redactor: input.redactor,
      onProgress: input.progress,
    }),
    redaction: new RecordingRedaction(ids, input.redactor),
    waitMs: logWaitMs(input.env ?? process.env),
  };
}
