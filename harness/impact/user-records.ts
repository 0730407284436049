// Auth0 user objects streamed from bytes: a JSON array (`[{…},{…}]`, any layout) or JSON lines (one
// object per line: the NDJSON of Auth0's users-export job, docs-v2 "Bulk User Exports": "Auth0's
// export files use the NDJSON format"), gzipped or not (the job's file is `<tenant>.json.gz`). One
// element is held at a time, so 100,000 users take the memory of one; each record keeps the line it
// starts on, so a bad record is reported as FILE:LINE.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';

export interface UserRecord {
  line: number;
  data: unknown;
}

export class UsersInputError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'UsersInputError';
  }
}

/** No Auth0 user comes near this; a larger element is a wrong file, not a user. */
export const MAX_RECORD_CHARS = 1024 * 1024;
const HINT =
  'Give a JSON array of Auth0 user objects or JSON lines (one user object per line), e.g. the NDJSON file of an Auth0 users export (gzipped or not).';

type Mode = 'start' | 'lines' | 'array' | 'done';

/** The records of a plain (already decompressed) byte stream. */
export async function* readUserRecords(input: AsyncIterable<Buffer | string>, source: string): AsyncGenerator<UserRecord> {
  const decoder = new StringDecoder('utf8');
  const scanner = new Scanner(source);
  let first = true;
  for await (const raw of input) {
    let chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
    if (first && chunk.length > 0) {
      first = false;
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
    }
    yield* scanner.feed(decoder.write(chunk));
  }
  yield* scanner.feed(decoder.end());
  yield* scanner.end();
}

/** A users file as a plain byte stream: gunzipped when it starts with gzip's magic bytes. */
export async function openUsersFile(path: string): Promise<{ stream: Readable; size: number; bytesRead: () => number }> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw new UsersInputError(
      'USERS_FILE_UNREADABLE',
      `Cannot read the users file ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)}).`,
      "Check the path, or use --users tenant to read the tenant's users.",
    );
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile())
      throw new UsersInputError('USERS_FILE_UNREADABLE', `The users file ${path} is not a regular file.`, 'Give the path of a .json, .jsonl or .json.gz file.');
    const head = Buffer.alloc(2);
    await handle.read(head, 0, 2, 0);
    const raw = createReadStream(path, { highWaterMark: 256 * 1024 });
    const stream = head[0] === 0x1f && head[1] === 0x8b ? raw.pipe(createGunzip()) : raw;
    return { stream, size: stat.size, bytesRead: () => raw.bytesRead };
  } finally {
    await handle.close();
  }
}

class Scanner {
  private mode: Mode = 'start';
  private line = 1;
  /** The record being read and the line it starts on. */
  private text = '';
  private startLine = 0;
  // Array mode: nesting depth inside the current element, string and escape state.
  private depth = 0;
  private inString = false;
  private escaped = false;
  private expectValue = true;
  private count = 0;

  constructor(private readonly source: string) {}

  *feed(chunk: string): Generator<UserRecord> {
    let i = 0;
    while (i < chunk.length) {
      if (this.mode === 'start') {
        const c = chunk[i] as string;
        if (c === '\n') this.line += 1;
        if (/\s/.test(c)) {
          i++;
          continue;
        }
        if (c === '[') {
          this.mode = 'array';
          i++;
          continue;
        }
        if (c === '{') {
          this.mode = 'lines';
          continue;
        }
        throw this.error('USERS_FILE_FORMAT', `${this.source}:${this.line}: expected a JSON array or JSON lines of user objects, found ${JSON.stringify(c)}.`);
      }
      if (this.mode === 'lines') i = this.lines(chunk, i);
      else if (this.mode === 'array') i = this.array(chunk, i);
      else if (this.mode === 'done') {
        const c = chunk[i] as string;
        if (c === '\n') this.line += 1;
        if (!/\s/.test(c))
          throw this.error('USERS_FILE_FORMAT', `${this.source}:${this.line}: unexpected ${JSON.stringify(c)} after the closing ] of the array.`);
        i++;
      }
      yield* this.drain();
    }
  }

  private ready: UserRecord[] = [];
  private *drain(): Generator<UserRecord> {
    while (this.ready.length) yield this.ready.shift() as UserRecord;
  }

  *end(): Generator<UserRecord> {
    if (this.mode === 'lines' && this.text.trim() !== '') this.emit(this.text, this.startLine);
    if (this.mode === 'array') throw this.error('USERS_FILE_TRUNCATED', `${this.source}:${this.line}: the JSON array is not closed (the file ends inside it).`);
    yield* this.drain();
  }

  private lines(chunk: string, from: number): number {
    const nl = chunk.indexOf('\n', from);
    const piece = nl < 0 ? chunk.slice(from) : chunk.slice(from, nl);
    if (this.text === '' && piece.trim() !== '') this.startLine = this.line;
    this.text += piece;
    if (this.text.length > MAX_RECORD_CHARS)
      throw this.error('USERS_FILE_RECORD_TOO_LARGE', `${this.source}:${this.startLine}: a line longer than ${MAX_RECORD_CHARS} characters.`);
    if (nl < 0) return chunk.length;
    if (this.text.trim() !== '') this.emit(this.text, this.startLine);
    this.text = '';
    this.line += 1;
    return nl + 1;
  }

  private array(chunk: string, from: number): number {
    let i = from;
    // An element cut by the chunk boundary goes on from the first character of this chunk.
    let start = this.depth > 0 || this.inString || this.text !== '' ? from : -1;
    const flush = (end: number) => {
      if (start >= 0) {
        this.text += chunk.slice(start, end);
        start = -1;
      }
    };
    for (; i < chunk.length; i++) {
      const c = chunk[i] as string;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === '\\') this.escaped = true;
        else if (c === '"') this.inString = false;
        else if (c === '\n') this.line += 1;
        continue;
      }
      if (c === '\n') this.line += 1;
      if (this.depth === 0) {
        if (/\s/.test(c)) {
          flush(i);
          continue;
        }
        if (c === ',' || c === ']') {
          flush(i);
          if (this.text.trim() !== '') {
            this.emit(this.text, this.startLine);
            this.text = '';
            this.expectValue = c === ',';
          } else if (c === ',' || (c === ']' && this.count > 0 && this.expectValue))
            throw this.error('USERS_FILE_FORMAT', `${this.source}:${this.line}: a missing element before ${JSON.stringify(c)} in the array.`);
          if (c === ']') {
            this.mode = 'done';
            return i + 1;
          }
          continue;
        }
        if (this.text === '' && start < 0) this.startLine = this.line;
      }
      if (start < 0) start = i;
      if (c === '"') this.inString = true;
      else if (c === '{' || c === '[') this.depth += 1;
      else if (c === '}' || c === ']') this.depth -= 1;
    }
    flush(i);
    if (this.text.length > MAX_RECORD_CHARS)
      throw this.error('USERS_FILE_RECORD_TOO_LARGE', `${this.source}:${this.startLine}: an array element longer than ${MAX_RECORD_CHARS} characters.`);
    return i;
  }

  private emit(text: string, line: number): void {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw this.error('USERS_FILE_JSON', `${this.source}:${line}: not valid JSON (${(error as Error).message}).`);
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      throw this.error(
        'USERS_FILE_RECORD',
        `${this.source}:${line}: expected a user object, found ${Array.isArray(data) ? 'an array' : data === null ? 'null' : `a ${typeof data}`}.`,
      );
    }
    this.count += 1;
    this.ready.push({ line, data });
  }

  private error(code: string, message: string): UsersInputError {
    return new UsersInputError(code, message, HINT);
  }
}
