// The main-thread half of a verdict judged on a worker: the `replay` and `inResponseTo` checks need
// state that lives here (the replay cache, the outstanding AuthnRequests). The worker ran every
// check and recorded which IDs those two looked up; this answers them with the same functions the
// checks use, so the verdict equals the one the pipeline gives when it runs with the state itself.
// Call it in the same synchronous step as recording the accepted ID, so two concurrent posts of one
// assertion can never both pass.
import { outstandingResult } from '../pipeline/checks/inResponseTo.ts';
import { replayResult } from '../pipeline/checks/replay.ts';
import type { CheckResult, SpPolicy, Verdict } from '../pipeline/types.ts';
import { isVerdictValid } from '../pipeline/validate.ts';
import type { PlainSpPolicy, StateQuestions } from './protocol.ts';

export interface Judged {
  verdict: Verdict;
  questions: StateQuestions;
}

export type StateLookups = Pick<SpPolicy, 'seenAssertionIds' | 'outstandingRequestIds'>;

/** Splits expectations into what a worker can receive and what stays here. */
export function splitSpPolicy(expectations: SpPolicy): { plain: PlainSpPolicy; lookups: StateLookups } {
  const { seenAssertionIds, outstandingRequestIds, ...plain } = expectations;
  return { plain, lookups: { seenAssertionIds, outstandingRequestIds } };
}

/** The final verdict: the recorded lookups answered from `lookups`. */
export function settle(judged: Judged, lookups: StateLookups): Verdict {
  const { verdict, questions } = judged;
  const { assertionId, requestId } = questions;
  const answer = (check: CheckResult): CheckResult => {
    if (check.id === 'replay' && assertionId !== undefined && lookups.seenAssertionIds !== undefined)
      return replayResult(assertionId, lookups.seenAssertionIds);
    if (check.id === 'inResponseTo' && requestId !== undefined && lookups.outstandingRequestIds !== undefined)
      return outstandingResult(requestId, lookups.outstandingRequestIds);
    return check;
  };
  if (assertionId === undefined && requestId === undefined) return verdict;
  const checks = verdict.checks.map(answer);
  return { ...verdict, checks, valid: isVerdictValid(checks), warnings: checks.flatMap((c) => c.warnings ?? []) };
}
