// A judge worker: runs the validation pipeline on one SAMLResponse at a time. The pool terminates it
// when a verdict takes longer than the deadline, so nothing here needs a timeout of its own.
import { parentPort } from 'node:worker_threads';
import { validateResponse } from '../pipeline/validate.ts';
import type { Expectations } from '../pipeline/types.ts';
import type { JudgeReply, JudgeRequest, StateQuestions } from './protocol.ts';

const port = parentPort;
if (port === null) throw new Error('fake-sp/judge/worker-main.ts runs only as a worker thread');

port.on('message', (request: JudgeRequest) => {
  const questions: StateQuestions = {};
  const expectations: Expectations = { ...request.expectations };
  // The answers given here are placeholders: ./settle.ts replaces both checks' results with the
  // main thread's answer to the recorded question. Nothing else reads these lookups.
  if (request.probe.assertionIds) expectations.seenAssertionIds = { has: (id) => { questions.assertionId = id; return false; } };
  if (request.probe.requestIds) expectations.outstandingRequestIds = { has: (id) => { questions.requestId = id; return true; } };
  let reply: JudgeReply;
  try {
    reply = { kind: 'verdict', id: request.id, verdict: validateResponse(request.input, expectations, new Date(request.now)), questions };
  } catch (error) {
    // validateResponse turns a crashing check into a failed check; this is only a last resort.
    reply = { kind: 'error', id: request.id, message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});

const ready: JudgeReply = { kind: 'ready' };
port.postMessage(ready);
