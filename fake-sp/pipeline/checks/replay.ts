// replay: an Assertion ID may be consumed once. The caller records the ID after a valid verdict.
import type { Check } from '../context.ts';
import { failed, passed, show, skipped } from '../result.ts';
import type { CheckResult } from '../types.ts';
import { attr } from '../xml.ts';

export const replay: Check = (state, exp) => {
  const id = attr(state.trusted!.assertion, 'ID');
  if (id === undefined || id === '') {
    return {
      result: failed('replay', 'REPLAY_NO_ID', {
        expected: 'an Assertion ID',
        actual: '(none)',
        detail: 'The Assertion has no ID, so replays cannot be detected.',
        hint: 'Auth0 always sets one; this response was not produced by Auth0 unaltered.',
      }),
    };
  }
  if (exp.seenAssertionIds === undefined)
    return { result: skipped('replay', 'REPLAY_NOT_CONFIGURED', `No assertion-ID cache configured; Assertion ${show(id)} not checked for replay.`) };
  return { result: replayResult(id, exp.seenAssertionIds) };
};

/**
 * The verdict on one Assertion ID against the cache. Separate from the check so a caller that keeps
 * the cache on another thread than the pipeline (fake-sp/judge/settle.ts) reaches the same result.
 */
export function replayResult(id: string, seen: { has(id: string): boolean }): CheckResult {
  if (seen.has(id)) {
    return failed('replay', 'REPLAY', {
      expected: 'an Assertion ID not seen before',
      actual: id,
      detail: 'This Assertion was already consumed.',
      hint: 'The same SAMLResponse was posted twice (browser back/refresh, a test re-posting a capture, or an attacker). Log in again to get a fresh response.',
    });
  }
  return passed('replay', `Assertion ${show(id)} not seen before.`);
}
