// The users file reader: JSON arrays in any layout, JSON lines, gzip (Auth0's export file is
// gzipped NDJSON, docs-v2 "Bulk User Exports"), and a FILE:LINE error for a bad record.
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openUsersFile, readUserRecords, type UserRecord } from '../../../harness/impact/user-records.ts';

const dir = mkdtempSync(join(tmpdir(), 'impact-records-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function records(text: string | Buffer, chunkSize = 7): Promise<UserRecord[]> {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  const out: UserRecord[] = [];
  for await (const record of readUserRecords(Readable.from(chunks), 'users.json')) out.push(record);
  return out;
}

async function fileRecords(name: string, content: string | Buffer): Promise<UserRecord[]> {
  const path = join(dir, name);
  writeFileSync(path, content);
  const file = await openUsersFile(path);
  const out: UserRecord[] = [];
  for await (const record of readUserRecords(file.stream, name)) out.push(record);
  return out;
}

describe('readUserRecords', () => {
  it('reads JSON lines with the line each user is on, skipping blank lines, split across any chunk size', async () => {
    const text = '{"email":"a@x.test"}\n\n{"email":"b@x.test","app_metadata":{"note":"{[\\"]}"}}\r\n{"email":"c@x.test"}';
    for (const size of [1, 3, 1000]) {
      expect(await records(text, size)).toEqual([
        { line: 1, data: { email: 'a@x.test' } },
        { line: 3, data: { email: 'b@x.test', app_metadata: { note: '{["]}' } } },
        { line: 4, data: { email: 'c@x.test' } },
      ]);
    }
  });

  it('reads a pretty-printed JSON array with the line each element starts on (strings with brackets, commas and newlines escaped)', async () => {
    const text = '\uFEFF[\n  {\n    "email": "a@x.test",\n    "name": "x, ] } \\" y"\n  },\n  {"email": "b@x.test"}\n]\n';
    expect(await records(text, 2)).toEqual([
      { line: 2, data: { email: 'a@x.test', name: 'x, ] } " y' } },
      { line: 6, data: { email: 'b@x.test' } },
    ]);
    expect(await records('[]')).toEqual([]);
  });

  it('reports a bad JSON line with its line number', async () => {
    await expect(records('{"email":"a@x.test"}\n{"email":"b@x.test"}\n{"email": oops}\n')).rejects.toMatchObject({
      code: 'USERS_FILE_JSON',
      message: expect.stringMatching(/^users\.json:3: not valid JSON/),
    });
  });

  it('reports a record that is not an object, a trailing comma, an unclosed array and other content with their lines', async () => {
    await expect(records('{"email":"a@x.test"}\n[1,2]\n')).rejects.toMatchObject({
      code: 'USERS_FILE_RECORD',
      message: 'users.json:2: expected a user object, found an array.',
    });
    await expect(records('[\n{"email":"a@x.test"},\n]')).rejects.toMatchObject({
      code: 'USERS_FILE_FORMAT',
      message: expect.stringMatching(/^users\.json:3: a missing element/),
    });
    await expect(records('[\n{"email":"a@x.test"}\n')).rejects.toMatchObject({ code: 'USERS_FILE_TRUNCATED' });
    await expect(records('\n\nemail,name\n')).rejects.toMatchObject({
      code: 'USERS_FILE_FORMAT',
      message: expect.stringMatching(/^users\.json:3: expected a JSON array or JSON lines/),
    });
    await expect(records('[{"email":"a@x.test"}] x')).rejects.toMatchObject({ code: 'USERS_FILE_FORMAT' });
  });
});

describe('openUsersFile', () => {
  it('reads a gzipped NDJSON export (gzip detected by its magic bytes) the same as the plain file', async () => {
    const ndjson = '{"user_id":"auth0|1","email":"a@x.test"}\n{"user_id":"auth0|2","email":"b@x.test"}\n';
    const plain = await fileRecords('users.jsonl', ndjson);
    expect(plain.map((r) => r.line)).toEqual([1, 2]);
    expect(await fileRecords('tenant.json.gz', gzipSync(ndjson))).toEqual(plain);
  });

  it('says the file cannot be read, naming the path', async () => {
    await expect(openUsersFile(join(dir, 'missing.json'))).rejects.toMatchObject({
      code: 'USERS_FILE_UNREADABLE',
      message: expect.stringContaining('missing.json (ENOENT)'),
    });
    await expect(openUsersFile(dir)).rejects.toMatchObject({ code: 'USERS_FILE_UNREADABLE' });
  });
});
