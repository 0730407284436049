// The run store survives a restart: records, the replay cache rebuilt from them, and a torn last line.
import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSignedResponse, makeKey } from './support/auth0-response.ts';
import type { TestKey } from './support/auth0-response.ts';
import { JSON_ACCEPT, NOW, postForm, removeDir, startSp, tempDir } from './support/sp-fixture.ts';

let key: TestKey;
let dir: string;

beforeAll(async () => {
  key = await makeKey();
  dir = await tempDir();
});
afterAll(async () => {
  await removeDir(dir);
});

describe('fake SP restart', () => {
  it('an acknowledged login is already on disk when the answer arrives', async () => {
    const sp = await startSp(key, dir);
    try {
      const { base64 } = buildSignedResponse({ key, acsUrl: sp.acsUrls.enhanced as string, audience: sp.audiences.enhanced as string, now: NOW });
      const res = await postForm(sp.acsUrls.enhanced as string, { SAMLResponse: base64 });
      expect(res.status).toBe(302);
      const onDisk = await readFile(join(dir, 'logins.jsonl'), 'utf8');
      expect(onDisk).toContain(`"id":"${res.headers.get('x-login-id')}"`);
    } finally {
      await sp.close();
    }
  });

  it('keeps every record and the replay cache across a restart', async () => {
    const first = await startSp(key, dir);
    const { base64: accepted } = buildSignedResponse({ key, acsUrl: first.acsUrls.enhanced as string, audience: first.audiences.enhanced as string, now: NOW });
    let acceptedId: string;
    let count: number;
    try {
      const ok = await postForm(first.acsUrls.enhanced as string, { SAMLResponse: accepted, RelayState: 'before-restart' });
      expect(ok.status).toBe(302);
      acceptedId = ok.headers.get('x-login-id') as string;
      expect((await postForm(first.acsUrls.enhanced as string, { SAMLResponse: 'bm90IHhtbA==' })).status).toBe(400);
      count = first.store.size;
    } finally {
      await first.close();
    }
    // Same store directory, same port-independent paths; the ACS URL carries the new port, so the
    // replayed response is re-signed for it with the SAME assertion ID.
    const second = await startSp(key, dir);
    try {
      expect(second.store.size).toBe(count);
      expect(second.store.get(acceptedId)).toMatchObject({ relayState: 'before-restart', httpStatus: 302 });
      expect(second.store.warnings).toEqual([]);
      const assertionId = second.store.get(acceptedId)?.verdict.facts.assertionId as string;
      const replayed = buildSignedResponse({
        key,
        acsUrl: second.acsUrls.enhanced as string,
        audience: second.audiences.enhanced as string,
        now: NOW,
        assertionId,
      });
      const res = await postForm(second.acsUrls.enhanced as string, { SAMLResponse: replayed.base64 }, JSON_ACCEPT);
      expect(res.status).toBe(403);
      const body = (await res.json()) as { checks: { id: string; status: string }[] };
      expect(body.checks.filter((c) => c.status === 'failed').map((c) => c.id)).toEqual(['replay']);
      const fresh = buildSignedResponse({ key, acsUrl: second.acsUrls.enhanced as string, audience: second.audiences.enhanced as string, now: NOW });
      expect((await postForm(second.acsUrls.enhanced as string, { SAMLResponse: fresh.base64 })).status).toBe(302);
      const api = (await (await fetch(`${second.url}/api/logins?relayState=before-restart`)).json()) as { logins: { id: string }[] };
      expect(api.logins.map((l) => l.id)).toEqual([acceptedId]);
    } finally {
      await second.close();
    }
  });

  it('tolerates a torn last line: reports it, keeps the other records, and appends cleanly after it', async () => {
    const path = join(dir, 'logins.jsonl');
    const before = (await readFile(path, 'utf8')).trim().split('\n').length;
    await appendFile(path, '{"id":"lg_torn","receivedAt":"2026-03-02T10:00:00.000Z","profile":"enh');
    const sp = await startSp(key, dir);
    let newId: string;
    try {
      expect(sp.store.size).toBe(before);
      expect(sp.store.warnings).toHaveLength(1);
      expect(sp.store.warnings[0]).toMatch(/torn last line/);
      const { base64 } = buildSignedResponse({ key, acsUrl: sp.acsUrls.legacy as string, audience: sp.audiences.legacy as string, now: NOW });
      const res = await postForm(sp.acsUrls.legacy as string, { SAMLResponse: base64 });
      expect(res.status).toBe(303);
      newId = res.headers.get('x-login-id') as string;
    } finally {
      await sp.close();
    }
    const again = await startSp(key, dir);
    try {
      expect(again.store.size).toBe(before + 1);
      expect(again.store.get(newId)?.profile).toBe('legacy');
      expect(again.store.get('lg_torn')).toBeUndefined();
      expect(again.store.warnings).toHaveLength(1);
      expect(again.store.warnings[0]).toMatch(/not valid JSON/);
    } finally {
      await again.close();
    }
  });
});
