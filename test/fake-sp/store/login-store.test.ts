// LoginStore: durable append, reload, filters, torn/corrupt lines, concurrent appends.
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHECK_IDS } from '../../../fake-sp/pipeline/types.ts';
import type { Verdict } from '../../../fake-sp/pipeline/types.ts';
import { LoginStore } from '../../../fake-sp/store/login-store.ts';
import type { NewLoginRecord } from '../../../fake-sp/store/login-store.ts';

const NOW = new Date('2026-03-02T10:00:00.000Z');
const verdict = (valid: boolean): Verdict => ({
  valid,
  checks: CHECK_IDS.map((id) => ({ id, ok: valid, status: valid ? 'ok' : 'failed', detail: 'x' })),
  attributes: {},
  flex: { roles: [], insights: {}, other: {} },
  warnings: [],
  facts: {},
});
const record = (over: Partial<NewLoginRecord> = {}): NewLoginRecord => ({
  profile: 'enhanced',
  acsUrl: 'http://127.0.0.1/acs',
  samlResponse: 'PHg+',
  verdict: verdict(true),
  httpStatus: 302,
  roles: ['agent'],
  ...over,
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'login-store-test-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('LoginStore', () => {
  it('tells subscribers of each record once it is readable; a failing subscriber fails nothing; unsubscribe stops it', async () => {
    const store = await LoginStore.open(dir, { clock: () => NOW });
    const seen: string[] = [];
    const unsubscribe = store.subscribe((r) => {
      seen.push(`${r.relayState}:${store.get(r.id) ? 'readable' : 'missing'}`);
    });
    store.subscribe(() => {
      throw new Error('listener bug');
    });
    await store.append(record({ relayState: 'one' }));
    unsubscribe();
    await store.append(record({ relayState: 'two' }));
    expect(seen).toEqual(['one:readable']);
    await store.close();
  });

  it('appends a record with an id and receivedAt, durably, and finds it', async () => {
    const store = await LoginStore.open(dir, { clock: () => NOW });
    const r = await store.append(record({ email: 'a@example.com', relayState: 'rs' }));
    expect(r.id).toMatch(/^lg_/);
    expect(r.receivedAt).toBe(NOW.toISOString());
    expect(store.get(r.id)).toEqual(r);
    const line = (await readFile(join(dir, 'logins.jsonl'), 'utf8')).trim();
    expect(JSON.parse(line)).toEqual(r);
    await store.close();
  });

  it('reloads every record on open, in order', async () => {
    const first = await LoginStore.open(dir);
    const a = await first.append(record({ relayState: 'a' }));
    const b = await first.append(record({ relayState: 'b' }));
    await first.close();
    const second = await LoginStore.open(dir);
    expect(second.all().map((r) => r.id)).toEqual([a.id, b.id]);
    expect(second.warnings).toEqual([]);
    await second.close();
  });

  it('lists newest first with relayState, email (case-insensitive), since and limit filters', async () => {
    let t = NOW.getTime();
    const store = await LoginStore.open(dir, { clock: () => new Date((t += 1000)) });
    const a = await store.append(record({ email: 'A@example.com', relayState: 'x' }));
    const b = await store.append(record({ email: 'b@example.com', relayState: 'y' }));
    const c = await store.append(record({ email: 'a@example.com', relayState: 'x' }));
    expect(store.list().map((r) => r.id)).toEqual([c.id, b.id, a.id]);
    expect(store.list({ relayState: 'x' }).map((r) => r.id)).toEqual([c.id, a.id]);
    expect(store.list({ email: 'a@EXAMPLE.com' }).map((r) => r.id)).toEqual([c.id, a.id]);
    expect(store.list({ since: b.receivedAt }).map((r) => r.id)).toEqual([c.id, b.id]);
    expect(store.list({ limit: 2 }).map((r) => r.id)).toEqual([c.id, b.id]);
    expect(() => store.list({ since: 'not a date' })).toThrow(/since/);
    await store.close();
  });

  it('skips and reports a torn last line, then appends on a fresh line', async () => {
    const first = await LoginStore.open(dir);
    const a = await first.append(record());
    await first.close();
    await appendFile(join(dir, 'logins.jsonl'), '{"id":"half');
    const second = await LoginStore.open(dir);
    expect(second.all().map((r) => r.id)).toEqual([a.id]);
    expect(second.warnings).toEqual([expect.stringMatching(/line 2: torn last line/)]);
    const b = await second.append(record());
    await second.close();
    const third = await LoginStore.open(dir);
    expect(third.all().map((r) => r.id)).toEqual([a.id, b.id]);
    expect(third.warnings).toEqual([expect.stringMatching(/line 2: not valid JSON/)]);
    await third.close();
  });

  it('skips and reports lines that are JSON but not records, and keeps valid ones', async () => {
    const good = JSON.stringify({ ...record(), id: 'lg_good', receivedAt: NOW.toISOString() });
    await writeFile(join(dir, 'logins.jsonl'), `${good}\n[1,2]\n{"id":"lg_x","receivedAt":"t","profile":"classic"}\n${good}\n`);
    const store = await LoginStore.open(dir);
    expect(store.all().map((r) => r.id)).toEqual(['lg_good']);
    expect(store.warnings).toEqual([
      expect.stringMatching(/line 2: not a JSON object/),
      expect.stringMatching(/line 3: field "profile"/),
      expect.stringMatching(/line 4: duplicate record id lg_good/),
    ]);
    await store.close();
  });

  it('100 concurrent appends give 100 records with distinct ids, all on disk', async () => {
    const store = await LoginStore.open(dir, { clock: () => NOW });
    const records = await Promise.all(Array.from({ length: 100 }, (_, i) => store.append(record({ relayState: `r${i}` }))));
    expect(new Set(records.map((r) => r.id)).size).toBe(100);
    await store.close();
    const lines = (await readFile(join(dir, 'logins.jsonl'), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(100);
    expect(new Set(lines.map((l) => (JSON.parse(l) as { relayState: string }).relayState)).size).toBe(100);
  });

  it("stores the SAMLResponse once: the verdict's decoded XML is dropped, on disk and in memory", async () => {
    const store = await LoginStore.open(dir, { clock: () => NOW });
    const r = await store.append(record({ samlResponse: Buffer.from('<x/>').toString('base64'), verdict: { ...verdict(true), xml: '<x/>' } }));
    expect(r.verdict.xml).toBeUndefined();
    expect(store.get(r.id)?.verdict).not.toHaveProperty('xml');
    await store.close();
    const line = (await readFile(join(dir, 'logins.jsonl'), 'utf8')).trim();
    expect(JSON.parse(line)).toEqual(r);
    expect(line).not.toContain('"xml"');
  });

  it("writes members encoded elsewhere (a judge worker's JSON text) as they are, and the line reads back as the record", async () => {
    const store = await LoginStore.open(dir, { clock: () => NOW });
    const samlResponse = 'PHg+"\u2028\n';
    // The same strings, escaped otherwise than JSON.stringify would: proof the bytes are spliced in, not re-encoded.
    const encoded = { samlResponse: Buffer.from('"\\u0050Hg+\\"\\u2028\\n"'), relayState: Buffer.from('"r\\u00e9"') };
    const r = await store.append(record({ samlResponse, relayState: 'ré', email: 'a@example.com' }), encoded);
    await store.close();
    const line = (await readFile(join(dir, 'logins.jsonl'), 'utf8')).trim();
    expect(line).toContain('"samlResponse":"\\u0050Hg+');
    expect(line).toContain('"relayState":"r\\u00e9"');
    expect(JSON.parse(line)).toEqual(r);
    expect(r).toMatchObject({ samlResponse, relayState: 'ré' });
    const reopened = await LoginStore.open(dir);
    expect(reopened.get(r.id)).toEqual(r);
    await reopened.close();
  });

  it('writes a group commit of more parts than one writev takes (IOV_MAX 1024) whole', async () => {
    const store = await LoginStore.open(dir, { clock: () => NOW });
    const records = await Promise.all(
      Array.from({ length: 600 }, (_, i) =>
        store.append(record({ relayState: `r${i}` }), { samlResponse: Buffer.from(JSON.stringify('PHg+')), relayState: Buffer.from(JSON.stringify(`r${i}`)) }),
      ),
    );
    await store.close();
    const lines = (await readFile(join(dir, 'logins.jsonl'), 'utf8')).trim().split('\n');
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual(records);
  });

  it('refuses a duplicate id and an append after close', async () => {
    const store = await LoginStore.open(dir);
    await store.append(record({ id: 'lg_same' }));
    await expect(store.append(record({ id: 'lg_same' }))).rejects.toThrow(/duplicate/);
    await store.close();
    await expect(store.append(record())).rejects.toThrow(/closed/);
  });
});
