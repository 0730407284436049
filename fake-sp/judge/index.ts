// Judging SAMLResponses off the main thread, with a deadline (./pool.ts), and settling the lookups
// of main-thread state afterwards (./settle.ts).
import type { SpPolicy, Verdict } from '../pipeline/types.ts';
import { DEFAULT_JUDGE_DEADLINE_MS, type JudgePool } from './pool.ts';
import { settle, splitSpPolicy } from './settle.ts';

export {
  DEFAULT_JUDGE_DEADLINE_MS,
  JudgePool,
  JUDGE_HEAP_MB,
  sharedJudgePool,
  type AcsInput,
  type JudgedPost,
  type JudgeInput,
  type JudgePoolOptions,
} from './pool.ts';
export { settle, splitSpPolicy, type Judged, type StateLookups } from './settle.ts';
export { judgeFailedVerdict, tooExpensiveVerdict } from './verdicts.ts';

/** What `validateResponse` gives, judged on a worker: the same verdict, or DECODE_TOO_EXPENSIVE at the deadline. */
export async function judgeResponse(
  pool: JudgePool,
  samlResponse: string,
  expectations: SpPolicy,
  now: Date,
  deadlineMs = DEFAULT_JUDGE_DEADLINE_MS,
): Promise<Verdict> {
  const { plain, lookups } = splitSpPolicy(expectations);
  const judged = await pool.judge(
    {
      input: typeof samlResponse === 'string' ? samlResponse : '',
      expectations: plain,
      now: now.getTime(),
      probe: { assertionIds: lookups.seenAssertionIds !== undefined, requestIds: lookups.outstandingRequestIds !== undefined },
    },
    deadlineMs,
  );
  return settle(judged, lookups);
}
