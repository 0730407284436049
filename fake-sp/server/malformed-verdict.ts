// A verdict for a POST the pipeline never saw (unreadable body, no SAMLResponse, body too large):
// `decode` fails with a stable code; every later check is skipped. Same shape as a pipeline verdict,
// so the store, the API and the reports treat every ACS POST alike.
import type { CheckCode } from '../pipeline/codes.ts';
import { CHECK_IDS } from '../pipeline/types.ts';
import type { CheckResult, Verdict } from '../pipeline/types.ts';

export interface MalformedPost {
  /** Stable code, e.g. `ACS_BODY_TOO_LARGE`. */
  code: CheckCode;
  detail: string;
  hint: string;
  expected?: string;
  actual?: string;
}

export function malformedVerdict(problem: MalformedPost): Verdict {
  const checks: CheckResult[] = CHECK_IDS.map(
    (id): CheckResult =>
      id === 'decode'
        ? { id, ok: false, status: 'failed', ...problem }
        : { id, ok: false, status: 'skipped', code: 'NOT_RUN', detail: 'not run: the POST carried no SAMLResponse the pipeline could read' },
  );
  return { valid: false, checks, attributes: {}, flex: { roles: [], insights: {}, other: {} }, warnings: [], facts: {} };
}

/** True when the verdict failed on the input itself (decode/parse): the ACS answers 400, not 403. */
export function isMalformed(verdict: Verdict): boolean {
  return verdict.checks.some((c) => (c.id === 'decode' || c.id === 'parse') && c.status === 'failed');
}

/** Ids of the checks that failed (skipped checks are not failures). */
export function failedCheckIds(verdict: Verdict): string[] {
  return verdict.checks.filter((c) => c.status === 'failed').map((c) => c.id);
}
