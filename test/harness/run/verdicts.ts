// Verdict values as the fake SP's pipeline produces them, for assertion-engine tests.
import { CHECK_IDS, type CheckId, type CheckResult, type Verdict } from '../../../fake-sp/pipeline/types.ts';
import type { LoginRecord } from '../../../harness/run/observation.ts';

export function verdict(
  attributes: Record<string, string[]>,
  failed: Partial<Record<CheckId, Partial<CheckResult>>> = {},
  facts: Verdict['facts'] = {},
): Verdict {
  const checks = CHECK_IDS.map((id): CheckResult => {
    const failure = failed[id];
    return failure ? { id, ok: false, status: 'failed', detail: `${id} failed`, ...failure } : { id, ok: true, status: 'ok', detail: `${id} ok` };
  });
  const roles = (attributes.roles ?? []).flatMap((r) => r.split(','));
  return {
    valid: checks.every((c) => c.ok),
    checks,
    attributes,
    warnings: [],
    facts,
    flex: { roles, insights: {}, other: {}, ...(attributes.email ? { email: attributes.email[0] } : {}) },
    xml: '<samlp:Response/>',
  };
}

export function record(v: Verdict): LoginRecord {
  return { id: 'login-1', profile: 'enhanced', relayState: 'rs', httpStatus: v.valid ? 302 : 403, samlResponse: 'PHNhbWxwOlJlc3BvbnNlLz4=', verdict: v };
}
