// A small pool of worker threads that run the validation pipeline, so judging a SAMLResponse never
// blocks the event loop of the server that received it, and a deadline bounds each verdict: a worker
// still busy at the deadline is terminated (V8 stops it even inside a tight loop) and the response
// gets a DECODE_TOO_EXPENSIVE verdict instead of a stall. A single hostile POST used to
// hold the fake SP's only thread for minutes.
//
// Same shape as the emulator's Action pool (fake-idp/actions/worker-slot.ts): an idle worker never
// keeps the process alive; a worker that is starting or busy does, so a caller awaiting a verdict
// (the decode CLI) is never cut short by an empty event loop.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Verdict } from '../pipeline/types.ts';
import type { JudgeReply, JudgeRequest } from './protocol.ts';
import type { Judged } from './settle.ts';
import { judgeFailedVerdict, tooExpensiveVerdict } from './verdicts.ts';

/** Wall-clock budget of one verdict. The costliest input the caps allow takes well under it (BENCHMARKS.md). */
export const DEFAULT_JUDGE_DEADLINE_MS = 2000;
/** A worker's heap: far above what a 256 KiB response under the markup caps needs. */
export const JUDGE_HEAP_MB = 128;

const WORKER_URL = new URL('./worker.js', import.meta.url);

export type JudgeInput = Omit<JudgeRequest, 'id'>;

interface Job { request: JudgeInput; deadlineMs: number; resolve: (judged: Judged) => void }

const unjudged = (verdict: Verdict): Judged => ({ verdict, questions: {} });

class Slot {
  readonly worker: Worker;
  ready = false;
  dead = false;
  private running: { id: number; job: Job; timer: NodeJS.Timeout } | undefined;
  private nextId = 1;

  constructor(private readonly onIdle: (slot: Slot) => void, private readonly onDead: (slot: Slot, startupError?: string) => void) {
    this.worker = new Worker(WORKER_URL, { resourceLimits: { maxOldGenerationSizeMb: JUDGE_HEAP_MB, maxYoungGenerationSizeMb: 32 }, execArgv: [] });
    this.worker.on('message', (reply: JudgeReply) => this.onMessage(reply));
    this.worker.on('error', (error: Error) => this.die(error));
    this.worker.on('exit', (code) => this.die(new Error(`the validation worker exited (code ${code})`)));
  }

  get idle(): boolean {
    return this.ready && !this.dead && this.running === undefined;
  }

  run(job: Job): void {
    const id = this.nextId++;
    this.worker.ref();
    const timer = setTimeout(() => this.finish(unjudged(tooExpensiveVerdict(job.deadlineMs, 'deadline')), true), job.deadlineMs);
    this.running = { id, job, timer };
    this.worker.postMessage({ ...job.request, id } satisfies JudgeRequest);
  }

  kill(): Promise<number> {
    this.dead = true;
    return this.worker.terminate();
  }

  private onMessage(reply: JudgeReply): void {
    if (reply.kind === 'ready') {
      this.ready = true;
      this.worker.unref();
      this.onIdle(this);
      return;
    }
    if (this.running === undefined || reply.id !== this.running.id) return;
    this.finish(reply.kind === 'verdict' ? { verdict: reply.verdict, questions: reply.questions } : unjudged(judgeFailedVerdict(reply.message)), false);
  }

  private finish(judged: Judged, terminate: boolean): void {
    const running = this.running;
    if (running === undefined) return;
    this.running = undefined;
    clearTimeout(running.timer);
    if (terminate) {
      void this.kill();
      this.onDead(this);
    } else {
      this.worker.unref();
      this.onIdle(this);
    }
    running.job.resolve(judged);
  }

  private die(error: Error): void {
    if (this.running !== undefined) {
      const outOfMemory = (error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.finish(unjudged(outOfMemory ? tooExpensiveVerdict(this.running.job.deadlineMs, 'memory') : judgeFailedVerdict(error.message)), true);
      return;
    }
    if (this.dead) return;
    this.dead = true;
    this.onDead(this, this.ready ? undefined : error.message);
  }
}

export class JudgePool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  private closed = false;

  /**
   * `size` worker threads at most. Default: one core less than the machine has (at least 1, at most
   * 2), so the server's own thread keeps a core to answer other requests while responses are judged.
   */
  constructor(readonly size = Math.max(1, Math.min(2, availableParallelism() - 1))) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`JudgePool size must be a positive integer, received ${size}`);
  }

  /** Judges one response on a worker; resolves with its verdict and lookups, or an unjudged verdict. Never rejects. */
  judge(request: JudgeInput, deadlineMs = DEFAULT_JUDGE_DEADLINE_MS): Promise<Judged> {
    if (this.closed) return Promise.resolve(unjudged(judgeFailedVerdict('the validation worker pool was closed')));
    return new Promise((resolve) => {
      this.queue.push({ request, deadlineMs, resolve });
      this.dispatch();
    });
  }

  /**
   * Starts one worker ahead of the first response (a worker loads the pipeline through tsx, which
   * takes about a second on a busy machine); an idle started worker never keeps the process alive.
   */
  warm(): void {
    if (this.closed || this.slots.size > 0) return;
    const slot = new Slot(() => this.dispatch(), (s, startupError) => this.onDead(s, startupError));
    slot.worker.unref();
    this.slots.add(slot);
  }

  /** Terminates every worker; responses still waiting get a DECODE_JUDGE_FAILED verdict. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.resolve(unjudged(judgeFailedVerdict('the validation worker pool was closed')));
    await Promise.all([...this.slots].map((slot) => slot.kill()));
    this.slots.clear();
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.idle) slot.run(this.queue.shift() as Job);
    }
    if (this.queue.length === 0) return;
    const starting = [...this.slots].filter((s) => !s.ready && !s.dead);
    for (const slot of starting) slot.worker.ref(); // a warmed worker now has a response waiting for it
    let wanted = this.queue.length - starting.length;
    while (wanted > 0 && this.slots.size < this.size) {
      this.slots.add(new Slot(() => this.dispatch(), (s, startupError) => this.onDead(s, startupError)));
      wanted -= 1;
    }
  }

  private onDead(slot: Slot, startupError?: string): void {
    this.slots.delete(slot);
    if (startupError !== undefined && this.slots.size === 0) {
      // Workers cannot start (a broken installation): answer every waiting response now instead of
      // respawning forever; the next response tries again.
      for (const job of this.queue.splice(0)) job.resolve(unjudged(judgeFailedVerdict(`the validation worker could not start: ${startupError}`)));
      return;
    }
    if (!this.closed) this.dispatch();
  }
}

let shared: JudgePool | undefined;

/** The process-wide pool the fake SP and the decode CLI share (every fake SP of a test process, too). */
export function sharedJudgePool(): JudgePool {
  shared ??= new JudgePool();
  return shared;
}
