// Append-only run store of every POST the fake SP's ACS received: one JSON object per line in
// `<dir>/logins.jsonl`. `append` resolves only after the line is written AND fsync'ed, so a login the
// server acknowledged over HTTP is on disk. Appends are group-committed (one write + one fsync for
// every record queued meanwhile) so 100 concurrent logins do not cost 100 sequential fsyncs.
// On open the file is reloaded; a torn last line (a write interrupted by a crash, never acknowledged)
// or any unparsable line is skipped and reported in `warnings`, never fatal.
// Rotation bounds the disk and memory a long-running SP uses: once the current file would pass
// `rotateBytes`, it is renamed `logins.1.jsonl` (older ones shift to .2 … .keepFiles, the oldest is
// deleted) and a fresh `logins.jsonl` is started. Records of the kept files stay readable.
// A record keeps the SAMLResponse once: the verdict's decoded XML is not stored (on disk or in
// memory), since it is derived from the SAMLResponse when read (./decoded-xml.ts). Records written
// before that still carry it. Writes go through fs/promises (libuv's threadpool), as Buffers: the
// large members may come already encoded as JSON by a judge worker (`append`'s `encoded`), so the
// server's thread never stringifies or transcodes them.
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Verdict } from '../pipeline/types.ts';
import { recordLine, withoutXml, writeAll, type EncodedMembers } from './record-line.ts';
import type { FlexPattern } from '../../flex/patterns.ts';

export type { EncodedMembers } from './record-line.ts';

export type FlexProfileKind = 'enhanced' | 'legacy';

export interface LoginRecord {
  id: string;
  /** ISO-8601 time the POST was received (SP clock). */
  receivedAt: string;
  profile: FlexProfileKind;
  acsUrl: string;
  relayState?: string;
  /** The raw base64 SAMLResponse as posted ('' when the POST carried none or was unreadable). */
  samlResponse: string;
  /** Without `xml` (./decoded-xml.ts derives it), except in records written before that. */
  verdict: Verdict;
  /** HTTP status the ACS answered with. */
  httpStatus: number;
  email?: string;
  roles: string[];
  nameId?: string;
  scenarioId?: string;
  /** The scenario's expectation, as the harness registered it for this RelayState (POST /api/expectations). */
  expectation?: ScenarioExpectation;
  /** The Flex pattern the SP judged this login against (`serve --pattern`): the dashboard lists what it lacks. */
  pattern?: FlexPattern;
}

/** A scenario's `expect`, as far as the dashboard shows it: attribute name → exact value(s) or `absent`. */
export interface ScenarioExpectation {
  outcome?: string;
  attributes: Record<string, string | string[]>;
  checks?: string[];
}

/** What `append` takes: the store fills `id` and `receivedAt` when absent. */
export type NewLoginRecord = Omit<LoginRecord, 'id' | 'receivedAt'> & { id?: string; receivedAt?: string };

export interface LoginFilter {
  relayState?: string;
  email?: string;
  /** ISO-8601; records received at or after it. */
  since?: string;
  limit?: number;
}

export interface LoginStoreOptions {
  /** File name inside the store directory (default `logins.jsonl`). */
  fileName?: string;
  /** Clock for `receivedAt` when the caller gives none (default: system clock). */
  clock?: () => Date;
  /** fsync after each group commit (default true; only benchmarks should turn it off). */
  fsync?: boolean;
  /** Rotate the current file before it would pass this size (default 64 MiB). */
  rotateBytes?: number;
  /** Rotated files kept besides the current one (default 4); records of older files are dropped. */
  keepFiles?: number;
}

export const LOGIN_STORE_FILE = 'logins.jsonl';
export const DEFAULT_ROTATE_BYTES = 64 * 1024 * 1024;
export const DEFAULT_KEEP_FILES = 4;

/** `logins.jsonl` → `logins.<n>.jsonl` (n ≥ 1: rotated files, 1 = newest). */
export function rotatedPath(path: string, n: number): string {
  const dot = path.lastIndexOf('.');
  return dot > path.lastIndexOf('/') ? `${path.slice(0, dot)}.${n}${path.slice(dot)}` : `${path}.${n}`;
}

interface PendingLine {
  parts: Uint8Array[];
  resolve: () => void;
  reject: (error: Error) => void;
}

export class LoginStore {
  readonly path: string;
  readonly warnings: string[] = [];
  private readonly records: LoginRecord[] = [];
  private readonly byId = new Map<string, LoginRecord>();
  /** Ids of appends still waiting for the disk (not yet visible to readers). */
  private readonly reservedIds = new Set<string>();
  private pending: PendingLine[] = [];
  private flushing: Promise<void> | undefined;
  private closed = false;
  /** Bytes in the current file. */
  private bytes = 0;
  /** Records loaded or written per file, oldest file first; the last entry is the current file. */
  private readonly fileCounts: number[] = [];
  private readonly rotateBytes: number;
  private readonly keepFiles: number;
  private readonly listeners = new Set<(record: LoginRecord) => void>();

  private constructor(
    path: string,
    private handle: FileHandle,
    private readonly clock: () => Date,
    private readonly fsync: boolean,
    opts: LoginStoreOptions,
  ) {
    this.path = path;
    this.rotateBytes = opts.rotateBytes ?? DEFAULT_ROTATE_BYTES;
    this.keepFiles = Math.max(0, opts.keepFiles ?? DEFAULT_KEEP_FILES);
  }

  static async open(dir: string, opts: LoginStoreOptions = {}): Promise<LoginStore> {
    await mkdir(dir, { recursive: true });
    const path = join(dir, opts.fileName ?? LOGIN_STORE_FILE);
    const handle = await open(path, 'a');
    const store = new LoginStore(path, handle, opts.clock ?? (() => new Date()), opts.fsync ?? true, opts);
    for (let n = store.keepFiles; n >= 1; n -= 1) {
      const rotated = await readIfExists(rotatedPath(path, n));
      if (rotated !== undefined) store.load(rotated, rotatedPath(path, n));
    }
    const text = (await readIfExists(path)) ?? '';
    store.load(text, path);
    store.bytes = Buffer.byteLength(text);
    if (text.length > 0 && !text.endsWith('\n')) {
      // Terminate the torn fragment so the next record starts on its own line; the fragment stays in
      // the file (append-only: nothing is ever rewritten) and is reported on every load.
      await handle.write('\n');
      if (store.fsync) await handle.sync();
      store.bytes += 1;
    }
    return store;
  }

  /** Records in append order (oldest first). */
  all(): readonly LoginRecord[] {
    return this.records;
  }

  get size(): number {
    return this.records.length;
  }

  get(id: string): LoginRecord | undefined {
    return this.byId.get(id);
  }

  /** Newest first, filtered. */
  list(filter: LoginFilter = {}): LoginRecord[] {
    const sinceMs = filter.since === undefined ? undefined : Date.parse(filter.since);
    if (sinceMs !== undefined && Number.isNaN(sinceMs)) throw new RangeError(`since: expected an ISO-8601 date, received ${JSON.stringify(filter.since)}`);
    const limit = filter.limit ?? Number.POSITIVE_INFINITY;
    const out: LoginRecord[] = [];
    for (let i = this.records.length - 1; i >= 0 && out.length < limit; i -= 1) {
      const record = this.records[i] as LoginRecord;
      if (filter.relayState !== undefined && record.relayState !== filter.relayState) continue;
      if (filter.email !== undefined && record.email?.toLowerCase() !== filter.email.toLowerCase()) continue;
      if (sinceMs !== undefined && !(Date.parse(record.receivedAt) >= sinceMs)) continue;
      out.push(record);
    }
    return out;
  }

  /**
   * Resolves once the record is durably on disk; the record is visible to readers only then. The
   * verdict's `xml` is dropped (derived from the SAMLResponse when read). `encoded`: the large
   * members as JSON text, written instead of stringifying them here.
   */
  async append(input: NewLoginRecord, encoded?: EncodedMembers): Promise<LoginRecord> {
    if (this.closed) throw new Error(`login store ${this.path} is closed`);
    const id = input.id ?? this.newId();
    if (this.byId.has(id) || this.reservedIds.has(id)) throw new Error(`login store: duplicate record id ${id}`);
    const record: LoginRecord = { ...input, id, receivedAt: input.receivedAt ?? this.clock().toISOString(), verdict: withoutXml(input.verdict) };
    // Reserve the id at once so concurrent appends never collide while waiting for the disk.
    this.reservedIds.add(id);
    try {
      await this.enqueue(recordLine(record, encoded));
      this.records.push(record);
      this.byId.set(id, record);
    } finally {
      this.reservedIds.delete(id);
    }
    // A listener's failure never fails the append: the record is on disk already.
    for (const listener of this.listeners) {
      try {
        listener(record);
      } catch {
        // ignored: see above
      }
    }
    return record;
  }

  /**
   * Calls `listener` with each record once it is durable and visible to readers (the dashboard's
   * live updates). Returns the unsubscribe function.
   */
  subscribe(listener: (record: LoginRecord) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Waits for queued appends, then closes the file. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    while (this.flushing) await this.flushing;
    await this.handle.close();
  }

  private newId(): string {
    // Time-ordered prefix (readable, sortable) + 48 random bits; uniqueness is also enforced by byId.
    for (;;) {
      const id = `lg_${this.clock().getTime().toString(36)}_${randomBytes(6).toString('hex')}`;
      if (!this.byId.has(id) && !this.reservedIds.has(id)) return id;
    }
  }

  private enqueue(parts: Uint8Array[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ parts, resolve, reject });
      if (!this.flushing) this.flushing = this.flushLoop();
    });
  }

  private async flushLoop(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      try {
        const chunk = batch.flatMap((p) => p.parts);
        const size = chunk.reduce((sum, part) => sum + part.byteLength, 0);
        if (this.bytes > 0 && this.bytes + size > this.rotateBytes) await this.rotate();
        await writeAll(this.handle, chunk);
        if (this.fsync) await this.handle.sync();
        this.bytes += size;
        this.fileCounts[this.fileCounts.length - 1] = (this.fileCounts.at(-1) ?? 0) + batch.length;
        for (const p of batch) p.resolve();
      } catch (error) {
        const failure = error instanceof Error ? error : new Error(String(error));
        for (const p of batch) p.reject(failure);
      }
    }
    this.flushing = undefined;
  }

  /** Current file → `.1`, `.n` → `.n+1`, the one past `keepFiles` deleted (with its records in memory). */
  private async rotate(): Promise<void> {
    await this.handle.close();
    try {
      if (this.keepFiles === 0) {
        await rm(this.path, { force: true });
      } else {
        await rm(rotatedPath(this.path, this.keepFiles), { force: true });
        for (let n = this.keepFiles - 1; n >= 1; n -= 1) await rename(rotatedPath(this.path, n), rotatedPath(this.path, n + 1)).catch(ignoreMissing);
        await rename(this.path, rotatedPath(this.path, 1));
      }
    } finally {
      // Even when a rename failed (the batch then fails with 503), keep a usable current file.
      this.handle = await open(this.path, 'a');
    }
    this.bytes = 0;
    this.fileCounts.push(0);
    while (this.fileCounts.length > this.keepFiles + 1) {
      const dropped = this.records.splice(0, this.fileCounts.shift() ?? 0);
      for (const r of dropped) this.byId.delete(r.id);
    }
  }

  private load(text: string, path: string): void {
    const lines = text.split('\n');
    const tornTail = lines.pop() ?? '';
    let count = 0;
    lines.forEach((line, index) => {
      if (line.trim() === '') return;
      const record = parseRecord(line);
      if (typeof record === 'string') {
        this.warnings.push(`${path} line ${index + 1}: ${record}; line skipped`);
      } else if (this.byId.has(record.id)) {
        this.warnings.push(`${path} line ${index + 1}: duplicate record id ${record.id}; later copy skipped`);
      } else {
        this.records.push(record);
        this.byId.set(record.id, record);
        count += 1;
      }
    });
    this.fileCounts.push(count);
    if (tornTail.trim() !== '') {
      this.warnings.push(
        `${path} line ${lines.length + 1}: torn last line (${tornTail.length} bytes without a newline, ` +
          'a write interrupted before it was acknowledged); line skipped',
      );
    }
  }
}

async function readIfExists(path: string): Promise<string | undefined> {
  return readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
}

function ignoreMissing(error: NodeJS.ErrnoException): void {
  if (error.code !== 'ENOENT') throw error;
}

/** A record, or a string saying why the line is not one. */
function parseRecord(line: string): LoginRecord | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return 'not valid JSON (torn or corrupted write)';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const r = value as Record<string, unknown>;
  if (typeof r.id !== 'string' || r.id === '') return 'missing string field "id"';
  if (typeof r.receivedAt !== 'string') return 'missing string field "receivedAt"';
  if (r.profile !== 'enhanced' && r.profile !== 'legacy') return `field "profile": expected "enhanced" or "legacy", received ${JSON.stringify(r.profile)}`;
  if (typeof r.samlResponse !== 'string') return 'missing string field "samlResponse"';
  if (typeof r.httpStatus !== 'number') return 'missing number field "httpStatus"';
  if (!Array.isArray(r.roles)) return 'missing array field "roles"';
  const verdict = r.verdict as Record<string, unknown> | null | undefined;
  if (typeof verdict !== 'object' || verdict === null || typeof verdict.valid !== 'boolean' || !Array.isArray(verdict.checks)) {
    return 'field "verdict": expected an object with "valid" and "checks"';
  }
  return value as LoginRecord;
}
