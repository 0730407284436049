// A small pool of worker threads that run the validation pipeline, so judging a SAMLResponse never
// blocks the event loop of the server that received it, and a deadline bounds each verdict
// (./slot.ts): a single hostile POST used to hold the fake SP's only thread for minutes. For an ACS
// POST the worker also reads the form and encodes the large values (./acs-job.ts): the raw body is
// moved to it, not copied.
//
// Same shape as the emulator's Action pool (fake-idp/actions/worker-slot.ts). Once warmed, the pool
// keeps a worker started: one stopped at the deadline is replaced at once, not when the next
// response arrives, so that response does not wait for a worker to load.
import { availableParallelism } from 'node:os';
import { acsFields, readAcsForm } from './acs-form.ts';
import type { AcsFields, AcsRequest, JudgeRequest } from './protocol.ts';
import type { Judged } from './settle.ts';
import { Slot, unjudged, type Job, type JudgedPost } from './slot.ts';
import { judgeFailedVerdict } from './verdicts.ts';
import { judgeWorkerUrl } from './worker-source.ts';

export { JUDGE_HEAP_MB, type JudgedPost } from './slot.ts';

/** Wall-clock budget of one verdict. The costliest input the caps allow takes well under it (BENCHMARKS.md). */
export const DEFAULT_JUDGE_DEADLINE_MS = 2000;

export type JudgeInput = Omit<JudgeRequest, 'id'>;
export type AcsInput = Omit<AcsRequest, 'id'>;

export interface JudgePoolOptions {
  /** Where workers start from (default: ./worker-source.ts, the in-memory bundle or the tsx entry). */
  workerUrl?: () => Promise<URL>;
}

export class JudgePool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  private readonly workerUrl: () => Promise<URL>;
  private closed = false;
  private warmed = false;

  /**
   * `size` worker threads at most. Default: one core less than the machine has (at least 1, at most
   * 2), so the server's own thread keeps a core to answer other requests while responses are judged.
   */
  constructor(
    readonly size = Math.max(1, Math.min(2, availableParallelism() - 1)),
    options: JudgePoolOptions = {},
  ) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`JudgePool size must be a positive integer, received ${size}`);
    this.workerUrl = options.workerUrl ?? judgeWorkerUrl;
  }

  /** Judges one response on a worker; resolves with its verdict and lookups, or an unjudged verdict. Never rejects. */
  judge(request: JudgeInput, deadlineMs = DEFAULT_JUDGE_DEADLINE_MS): Promise<Judged> {
    return this.enqueue(request, [], deadlineMs);
  }

  /**
   * Reads and judges one ACS form body on a worker. `request.form.body` is moved to the worker (it is
   * unusable here afterwards) when it owns its whole ArrayBuffer, else copied. Never rejects.
   */
  judgePost(request: AcsInput, deadlineMs = DEFAULT_JUDGE_DEADLINE_MS): Promise<JudgedPost> {
    const { body } = request.form;
    const owned = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength && body.buffer instanceof ArrayBuffer ? body : new Uint8Array(body);
    return this.enqueue({ ...request, form: { ...request.form, body: owned } }, [owned.buffer as ArrayBuffer], deadlineMs);
  }

  /**
   * Starts one worker ahead of the first response, and from then on keeps one started (a worker
   * loads the pipeline before it can judge); an idle started worker never keeps the process alive.
   */
  warm(): void {
    if (this.closed) return;
    this.warmed = true;
    if (this.slots.size === 0) this.startSlot(false);
  }

  /** Workers started and not stopped: loading, ready (idle or busy), busy with a response; responses waiting for one. */
  get workers(): { starting: number; ready: number; busy: number; queued: number } {
    const live = [...this.slots].filter((s) => !s.dead);
    const ready = live.filter((s) => s.ready);
    return { starting: live.length - ready.length, ready: ready.length, busy: ready.filter((s) => !s.idle).length, queued: this.queue.length };
  }

  /** Terminates every worker; responses still waiting get a DECODE_JUDGE_FAILED verdict. */
  async close(): Promise<void> {
    this.closed = true;
    this.failQueued('the validation worker pool was closed');
    await Promise.all([...this.slots].map((slot) => slot.kill()));
    this.slots.clear();
  }

  private enqueue(message: Job['message'], transfer: ArrayBuffer[], deadlineMs: number): Promise<JudgedPost> {
    if (this.closed) return Promise.resolve(unjudged(judgeFailedVerdict('the validation worker pool was closed'), formOnThisThread(message)));
    return new Promise((resolve) => {
      this.queue.push({ message, transfer, deadlineMs, resolve });
      this.dispatch();
    });
  }

  private startSlot(keepAlive: boolean): void {
    const slot = new Slot(
      this.workerUrl(),
      () => this.dispatch(),
      (s, startupError) => this.onDead(s, startupError),
    );
    slot.keepAlive(keepAlive);
    this.slots.add(slot);
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.idle) slot.run(this.queue.shift() as Job);
    }
    if (this.queue.length === 0) return;
    const starting = [...this.slots].filter((s) => !s.ready && !s.dead);
    for (const slot of starting) slot.keepAlive(true); // a warming worker now has a response waiting for it
    let wanted = this.queue.length - starting.length;
    while (wanted > 0 && this.slots.size < this.size) {
      this.startSlot(true);
      wanted -= 1;
    }
  }

  private onDead(slot: Slot, startupError?: string): void {
    this.slots.delete(slot);
    if (startupError !== undefined && this.slots.size === 0) {
      // Workers cannot start (a broken installation): answer every waiting response now instead of
      // respawning forever; the next response tries again.
      this.failQueued(`the validation worker could not start: ${startupError}`);
      return;
    }
    if (this.closed) return;
    this.dispatch();
    // Replace a worker stopped at the deadline now, while nothing waits for it.
    if (this.warmed && this.slots.size === 0) this.startSlot(false);
  }

  private failQueued(message: string): void {
    for (const job of this.queue.splice(0)) job.resolve(unjudged(judgeFailedVerdict(message), formOnThisThread(job.message)));
  }
}

/**
 * What an ACS POST carried, read on this thread: only when no worker will read it (the pool is
 * closed or workers cannot start), so the recorded login still holds the posted SAMLResponse.
 */
function formOnThisThread(message: Job['message']): AcsFields | undefined {
  return 'form' in message ? acsFields(readAcsForm(message.form.body, message.form.charset)) : undefined;
}

let shared: JudgePool | undefined;

/** The process-wide pool the fake SP and the decode CLI share (every fake SP of a test process, too). */
export function sharedJudgePool(): JudgePool {
  shared ??= new JudgePool();
  return shared;
}
