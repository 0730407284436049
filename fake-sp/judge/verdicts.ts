// Verdicts for a response the pipeline did not finish judging: it ran past the deadline (or out of
// the worker's memory), or the worker failed. Same shape as a pipeline verdict: `decode` failed with
// a stable code, every later check skipped behind it, so stores, reports and the ACS's 400 treat it
// like any unreadable input.
import type { CheckCode } from '../pipeline/codes.ts';
import { CHECK_IDS } from '../pipeline/types.ts';
import type { CheckResult, Verdict } from '../pipeline/types.ts';

function unjudged(failure: Omit<CheckResult, 'id' | 'ok' | 'status'> & { code: CheckCode }): Verdict {
  const checks = CHECK_IDS.map(
    (id): CheckResult =>
      id === 'decode'
        ? { id, ok: false, status: 'failed', ...failure }
        : { id, ok: false, status: 'skipped', code: 'SKIPPED_PREREQUISITE', detail: `Not run: \`decode\` failed (${failure.code}).` },
  );
  return { valid: false, checks, attributes: {}, flex: { roles: [], insights: {}, other: {} }, warnings: [], facts: {} };
}

/** The pipeline did not finish within `deadlineMs` (or exhausted the worker's memory): refused, never a stall. */
export function tooExpensiveVerdict(deadlineMs: number, what: 'deadline' | 'memory'): Verdict {
  return unjudged({
    code: 'DECODE_TOO_EXPENSIVE',
    expected: what === 'deadline' ? `a verdict within ${deadlineMs} ms` : "a verdict within the validator's memory limit",
    actual: what === 'deadline' ? `still validating after ${deadlineMs} ms: stopped` : 'the validator ran out of memory: stopped',
    detail: 'Validating this response cost more than the limit, so it was stopped and refused unjudged.',
    hint: 'A login response from Auth0 is judged in a few milliseconds; one that is not was built to exhaust the validator (or the machine is badly overloaded: retry once). docs/bounds.md lists the limits.',
  });
}

/** The worker thread failed for another reason (it could not start, or it crashed). */
export function judgeFailedVerdict(message: string): Verdict {
  return unjudged({
    code: 'DECODE_JUDGE_FAILED',
    expected: 'a verdict from the validation worker',
    actual: message,
    detail: 'The validation worker thread failed before giving a verdict.',
    hint: 'This is a bug or a broken installation of the harness (the worker loads the pipeline through tsx): report it with the response that triggered it.',
  });
}
