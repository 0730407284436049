// What crosses between the main thread and a judge worker. Everything here is structured-cloneable:
// the state that is not (the replay cache, the outstanding AuthnRequests) stays on the main thread,
// and the worker reports which IDs the pipeline asked about instead (./settle.ts answers them).
import type { Expectations, Verdict } from '../pipeline/types.ts';

/** Expectations without the main thread's state: plain data. */
export type PlainExpectations = Omit<Expectations, 'seenAssertionIds' | 'outstandingRequestIds'>;

export interface JudgeRequest {
  id: number;
  input: string;
  expectations: PlainExpectations;
  /** Epoch ms (a Date survives cloning too; a number makes the contract obvious). */
  now: number;
  /** Which lookups the caller can answer: only those are asked (else the check is skipped as not configured). */
  probe: { assertionIds: boolean; requestIds: boolean };
}

/** The IDs the `replay` and `inResponseTo` checks looked up, if they got that far. */
export interface StateQuestions { assertionId?: string; requestId?: string }

export type JudgeReply =
  | { kind: 'ready' }
  | { kind: 'verdict'; id: number; verdict: Verdict; questions: StateQuestions }
  | { kind: 'error'; id: number; message: string };
