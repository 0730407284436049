// One judge worker thread and the job it runs (./pool.ts keeps the slots). A job has a deadline: a
// worker still busy at it is terminated (V8 stops it even inside a tight loop) and the job gets a
// DECODE_TOO_EXPENSIVE verdict. An idle worker never keeps the process alive; a starting or busy one
// does, so a caller awaiting a verdict (the decode CLI) is never cut short by an empty event loop.
import { Worker } from 'node:worker_threads';
import type { Verdict } from '../pipeline/types.ts';
import type { AcsFields, AcsRequest, JudgeReply, JudgeRequest, WorkerRequest } from './protocol.ts';
import type { Judged } from './settle.ts';
import { judgeFailedVerdict, tooExpensiveVerdict } from './verdicts.ts';

/** A worker's heap: far above what a 256 KiB response under the markup caps needs. */
export const JUDGE_HEAP_MB = 128;

/** A verdict, and for an ACS POST what the worker read from its form and the decoded XML as JSON text. */
export interface JudgedPost extends Judged {
  /** Absent when the worker never read the form (it could not start, or the pool was closed). */
  fields?: AcsFields;
  xmlJson?: Uint8Array;
}

export interface Job {
  message: Omit<JudgeRequest, 'id'> | Omit<AcsRequest, 'id'>;
  /** ArrayBuffers handed to the worker with the message (moved, not copied). */
  transfer: ArrayBuffer[];
  deadlineMs: number;
  resolve: (judged: JudgedPost) => void;
}

export const unjudged = (verdict: Verdict, fields?: AcsFields): JudgedPost => ({ verdict, questions: {}, ...(fields === undefined ? {} : { fields }) });

export class Slot {
  ready = false;
  dead = false;
  private worker: Worker | undefined;
  private referenced = true;
  private running: { id: number; job: Job; timer: NodeJS.Timeout; fields?: AcsFields } | undefined;
  private nextId = 1;

  /** Starts a worker from `url` once it is known; `onDead` gets a startup error when the worker never became ready. */
  constructor(
    url: Promise<URL>,
    private readonly onIdle: (slot: Slot) => void,
    private readonly onDead: (slot: Slot, startupError?: string) => void,
  ) {
    url.then(
      (resolved) => this.start(resolved),
      (error: unknown) => this.die(error instanceof Error ? error : new Error(String(error))),
    );
  }

  get idle(): boolean {
    return this.ready && !this.dead && this.running === undefined;
  }

  /** Whether the slot keeps the process alive (a job waits for it), or not (idle or warming up). */
  keepAlive(on: boolean): void {
    this.referenced = on;
    if (on) this.worker?.ref();
    else this.worker?.unref();
  }

  run(job: Job): void {
    const id = this.nextId++;
    this.keepAlive(true);
    const timer = setTimeout(() => this.finish(unjudged(tooExpensiveVerdict(job.deadlineMs, 'deadline'), this.running?.fields), true), job.deadlineMs);
    this.running = { id, job, timer };
    this.worker?.postMessage({ ...job.message, id } as WorkerRequest, job.transfer);
  }

  kill(): Promise<number> {
    this.dead = true;
    return this.worker?.terminate() ?? Promise.resolve(0);
  }

  private start(url: URL): void {
    if (this.dead) return;
    const worker = new Worker(url, { resourceLimits: { maxOldGenerationSizeMb: JUDGE_HEAP_MB, maxYoungGenerationSizeMb: 32 }, execArgv: [] });
    this.worker = worker;
    if (!this.referenced) worker.unref();
    worker.on('message', (reply: JudgeReply) => this.onMessage(reply));
    worker.on('error', (error: Error) => this.die(error));
    worker.on('exit', (code) => this.die(new Error(`the validation worker exited (code ${code})`)));
  }

  private onMessage(reply: JudgeReply): void {
    if (reply.kind === 'ready') {
      this.ready = true;
      this.keepAlive(false);
      this.onIdle(this);
      return;
    }
    const running = this.running;
    if (running === undefined || reply.id !== running.id) return;
    if (reply.kind === 'form') {
      running.fields = reply.fields;
      return;
    }
    this.finish(
      reply.kind === 'verdict'
        ? {
            verdict: reply.verdict,
            questions: reply.questions,
            ...(running.fields === undefined ? {} : { fields: running.fields }),
            ...(reply.xmlJson === undefined ? {} : { xmlJson: reply.xmlJson }),
          }
        : unjudged(judgeFailedVerdict(reply.message), running.fields),
      false,
    );
  }

  private finish(judged: JudgedPost, terminate: boolean): void {
    const running = this.running;
    if (running === undefined) return;
    this.running = undefined;
    clearTimeout(running.timer);
    if (terminate) {
      void this.kill();
      this.onDead(this);
    } else {
      this.keepAlive(false);
      this.onIdle(this);
    }
    running.job.resolve(judged);
  }

  private die(error: Error): void {
    if (this.running !== undefined) {
      const outOfMemory = (error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY';
      const { job, fields } = this.running;
      this.finish(unjudged(outOfMemory ? tooExpensiveVerdict(job.deadlineMs, 'memory') : judgeFailedVerdict(error.message), fields), true);
      return;
    }
    if (this.dead) return;
    this.dead = true;
    this.onDead(this, this.ready ? undefined : error.message);
  }
}
