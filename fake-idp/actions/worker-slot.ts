// One pooled worker thread that runs Actions (./worker.js). A slot runs one Action at a time; when
// the wall-clock deadline passes or the thread dies (out of memory…) the slot is dead and the pool
// replaces it. An Action's code is posted to a worker once; later runs send only its content hash,
// so a login's message carries just the event instead of the code cloned again every time.
import { Worker } from 'node:worker_threads';

const WORKER_URL = new URL('./worker.js', import.meta.url);
export const WORKER_HEAP_MB = 64;

export type SlotReply = { kind: 'done'; json: string } | { kind: 'timeout' } | { kind: 'crashed'; message: string };

export interface SlotLog {
  level: string;
  message: string;
}

/** An Action's module-wrapped code and a hash of it that names it between threads. */
export interface ActionCode {
  hash: string;
  wrapped: string;
}

/**
 * What one run may reach besides its event: its declared dependencies (installed where `dir` says),
 * the fetch stubs, and the trigger's `api.cache` as it is now (./action-cache.ts `snapshotJson`).
 */
export interface RunReach {
  dependencies: { name: string; version: string; dir: string }[];
  fetchStubs: unknown[];
  cacheJson: string;
}

interface Pending {
  runId: number;
  resolve: (reply: SlotReply) => void;
  onLog: (log: SlotLog) => void;
  timer: NodeJS.Timeout;
  code: ActionCode;
  eventJson: string;
  codeResent: boolean;
  reach: RunReach;
}

/** Code hashes remembered as sent; the worker keeps fewer and asks again for any it dropped. */
const SENT_CODE_LIMIT = 256;

export class WorkerSlot {
  private readonly worker: Worker;
  private pending: Pending | undefined;
  private nextRunId = 1;
  private readonly sentCode = new Set<string>();
  dead = false;

  constructor() {
    this.worker = new Worker(WORKER_URL, {
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: 16 },
      env: {}, // an escaped Action must not find the host's secrets in process.env
      execArgv: [],
      stdout: true, // the Action never writes there, but a stray host write must not reach our stdout
      stderr: true,
    });
    this.worker.on('message', (message: unknown) => this.onMessage(message));
    this.worker.on('error', (error: Error) => this.die({ kind: 'crashed', message: describeCrash(error) }));
    this.worker.on('exit', (code) => this.die({ kind: 'crashed', message: `the Action's worker exited (code ${code})` }));
    // An idle pool never keeps the process alive; the deadline timer does while busy. After the
    // listeners: a 'message' listener refs the worker's port again.
    this.worker.unref();
  }

  /** Runs one Action; resolves with the worker's JSON result, a timeout or a crash. Never rejects. */
  exec(code: ActionCode, eventJson: string, timeoutMs: number, onLog: (log: SlotLog) => void, reach: RunReach): Promise<SlotReply> {
    if (this.dead) return Promise.resolve({ kind: 'crashed', message: 'the Action worker is no longer running' });
    const runId = this.nextRunId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.die({ kind: 'timeout' });
      }, timeoutMs);
      const pending: Pending = { runId, resolve, onLog, timer, code, eventJson, codeResent: false, reach };
      this.pending = pending;
      this.post(pending, !this.sentCode.has(code.hash));
    });
  }

  private post(pending: Pending, withCode: boolean): void {
    if (withCode) {
      if (this.sentCode.size >= SENT_CODE_LIMIT) this.sentCode.clear();
      this.sentCode.add(pending.code.hash);
    }
    this.worker.postMessage({
      type: 'run',
      runId: pending.runId,
      codeHash: pending.code.hash,
      eventJson: pending.eventJson,
      cacheJson: pending.reach.cacheJson,
      dependencies: pending.reach.dependencies,
      fetchStubs: pending.reach.fetchStubs,
      wrappedCode: withCode ? pending.code.wrapped : undefined,
    });
  }

  async close(): Promise<void> {
    this.die({ kind: 'crashed', message: 'the Action runner was closed' });
    await this.worker.terminate();
  }

  private onMessage(message: unknown): void {
    const pending = this.pending;
    if (!pending || !message || typeof message !== 'object') return;
    const m = message as { type?: unknown; runId?: unknown; level?: unknown; message?: unknown; json?: unknown };
    if (m.runId !== pending.runId) return;
    if (m.type === 'log' && typeof m.message === 'string') {
      pending.onLog({ level: typeof m.level === 'string' ? m.level : 'log', message: m.message });
    } else if (m.type === 'done' && typeof m.json === 'string') {
      this.settle({ kind: 'done', json: m.json });
    } else if (m.type === 'need-code') {
      // The worker evicted this code from its cache: send it along once more.
      if (pending.codeResent) return this.settle({ kind: 'crashed', message: 'the Action worker did not accept the Action code' });
      pending.codeResent = true;
      this.post(pending, true);
    }
  }

  private settle(reply: SlotReply): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    clearTimeout(pending.timer);
    pending.resolve(reply);
  }

  private die(reply: SlotReply): void {
    if (!this.dead) {
      this.dead = true;
      void this.worker.terminate().catch(() => undefined);
    }
    this.settle(reply);
  }
}

function describeCrash(error: Error): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'ERR_WORKER_OUT_OF_MEMORY') return `the Action ran out of memory (limit ${WORKER_HEAP_MB} MB)`;
  return `the Action's worker crashed: ${error.message}`;
}
