// replay: an Assertion ID may be consumed once. The caller records the ID after a valid verdict.
import type { Check } from '../context.ts';
import { failed, passed, show, skipped } from '../result.ts';
import { attr } from '../xml.ts';

export const replay: Check = (state, exp) => {
  const id = attr(state.trusted!.assertion, 'ID');
  if (id === undefined || id === '') {
    return { result: failed('replay', 'REPLAY_NO_ID', { expected: 'an Assertion ID', actual: '(none)', detail: 'The Assertion has no ID, so replays cannot be detected.', hint: 'Auth0 always sets one; this response was not produced by Auth0 unaltered.' }) };
  }
  if (exp.seenAssertionIds === undefined) return { result: skipped('replay', 'REPLAY_NOT_CONFIGURED', `No assertion-ID cache configured; Assertion ${show(id)} not checked for replay.`) };
  if (exp.seenAssertionIds.has(id)) {
    return { result: failed('replay', 'REPLAY', { expected: 'an Assertion ID not seen before', actual: id, detail: 'This Assertion was already consumed.', hint: 'The same SAMLResponse was posted twice (browser back/refresh, a test re-posting a capture, or an attacker). Log in again to get a fresh response.' }) };
  }
  return { result: passed('replay', `Assertion ${show(id)} not seen before.`) };
};
