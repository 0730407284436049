// A judge worker: runs the validation pipeline on one SAMLResponse at a time. For an ACS POST it also
// reads the form and encodes the large values as JSON (./acs-job.ts), so the server's thread does
// neither. The pool terminates it when a verdict takes longer than the deadline, so nothing here
// needs a timeout of its own.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { validateResponse } from '../pipeline/validate.ts';
import type { SpPolicy } from '../pipeline/types.ts';
import { judgeAcsPost } from './acs-job.ts';
import type { JudgeReply, StateQuestions, WorkerRequest } from './protocol.ts';

const port = parentPort;
if (port === null) throw new Error('fake-sp/judge/worker-main.ts runs only as a worker thread');
const reply = (message: JudgeReply, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);

port.on('message', (request: WorkerRequest) => {
  const questions: StateQuestions = {};
  const expectations: SpPolicy = { ...request.expectations };
  // The answers given here are placeholders: ./settle.ts replaces both checks' results with the
  // main thread's answer to the recorded question. Nothing else reads these lookups.
  if (request.probe.assertionIds)
    expectations.seenAssertionIds = {
      has: (id) => {
        questions.assertionId = id;
        return false;
      },
    };
  if (request.probe.requestIds)
    expectations.outstandingRequestIds = {
      has: (id) => {
        questions.requestId = id;
        return true;
      },
    };
  try {
    if ('form' in request) {
      judgeAcsPost(request, expectations, questions, reply);
    } else {
      reply({ kind: 'verdict', id: request.id, verdict: validateResponse(request.input, expectations, new Date(request.now)), questions });
    }
  } catch (error) {
    // validateResponse turns a crashing check into a failed check; this is only a last resort.
    reply({ kind: 'error', id: request.id, message: error instanceof Error ? error.message : String(error) });
  }
});

/**
 * Judging is background work next to the server's event loop: on Linux this thread lowers its own
 * scheduling priority (nice 10; setpriority takes a thread id there), so when the cores are busy the
 * event loop of the fake SP still answers other requests first. Elsewhere, or if refused, it does not.
 */
function yieldToTheEventLoop(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0 && tid !== process.pid) setPriority(tid, 10);
  } catch {
    // not Linux, or not allowed: the thread keeps the process's priority
  }
}

// xml-crypto's bundled xmldom reports every oddity of a hostile document (an unquoted attribute…)
// with console.warn/console.error; the verdict already says what matters, and a flood of them would
// cost the server's thread, which writes this thread's console output.
console.warn = () => undefined;
console.error = () => undefined;
yieldToTheEventLoop();
reply({ kind: 'ready' });
