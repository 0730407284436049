// What crosses between the main thread and a judge worker. Everything here is structured-cloneable:
// the state that is not (the replay cache, the outstanding AuthnRequests) stays on the main thread,
// and the worker reports which IDs the pipeline asked about instead (./settle.ts answers them).
import type { SpPolicy, Verdict } from '../pipeline/types.ts';

/** The SP policy without the main thread's state: plain data. */
export type PlainSpPolicy = Omit<SpPolicy, 'seenAssertionIds' | 'outstandingRequestIds'>;

interface Judging {
  id: number;
  expectations: PlainSpPolicy;
  /** Epoch ms (a Date survives cloning too; a number makes the contract obvious). */
  now: number;
  /** Which lookups the caller can answer: only those are asked (else the check is skipped as not configured). */
  probe: { assertionIds: boolean; requestIds: boolean };
}

/** One SAMLResponse value (the decode CLI, tests): the reply's verdict carries the decoded XML. */
export interface JudgeRequest extends Judging {
  input: string;
}

/** Charsets an ACS form may declare (body-parser's urlencoded accepts exactly these two). */
export type FormCharset = 'utf-8' | 'iso-8859-1';

/**
 * One ACS POST as received: the raw form body, transferred (not copied) to the worker, which reads
 * the form, judges the SAMLResponse and encodes the large values as JSON, so the server's thread
 * neither parses nor serialises them (docs/benchmarks-history.md "Hostile inputs").
 */
export interface AcsRequest extends Judging {
  form: { body: Uint8Array; charset: FormCharset };
}

export type WorkerRequest = JudgeRequest | AcsRequest;

/** The IDs the `replay` and `inResponseTo` checks looked up, if they got that far. */
export interface StateQuestions {
  assertionId?: string;
  requestId?: string;
}

/** The form fields of an ACS POST, and the same values as UTF-8 JSON text (for the run store). */
export interface AcsFields {
  samlResponse: string;
  relayState?: string;
  json: { samlResponse: Uint8Array; relayState?: Uint8Array };
}

export type JudgeReply =
  | { kind: 'ready' }
  /** An ACS form was read (sent before judging, so a POST stopped at the deadline still records what it carried). */
  | { kind: 'form'; id: number; fields: AcsFields }
  /** For an AcsRequest the verdict has no `xml`: `xmlJson` holds it as UTF-8 JSON text (a JSON string). */
  | { kind: 'verdict'; id: number; verdict: Verdict; questions: StateQuestions; xmlJson?: Uint8Array }
  | { kind: 'error'; id: number; message: string };
