// Crash safety of the fake SP's run store (SECURITY.md): the real `flex-sso serve sp` child process is
// SIGKILLed while POSTs are in flight and restarted on the same store directory. Every POST it had
// answered (X-Login-Id received) must be in the store after the restart; a torn last line (a write
// interrupted by the crash) is tolerated and reported in the startup output; accepted assertions stay
// consumed (the replay cache is rebuilt from the store).
import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import { signedResponseBase64, TEST_TENANT } from '../helpers/saml-signer.ts';
import { startServeProcess, type ServeProcess } from '../helpers/serve-process.ts';
import { formBody, post, removeDir, tempDir } from './support.ts';

const CERT = fileURLToPath(new URL('../fixtures/signing/test-only-idp.cert.pem', import.meta.url));
const children: ServeProcess[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const c of children) if (c.child.exitCode === null && c.child.signalCode === null) await c.stop();
  await Promise.all(dirs.map(removeDir));
});

async function serveSp(storeDir: string): Promise<{ proc: ServeProcess; acsUrl: string; audience: string; url: string; storeWarnings: string[] }> {
  const proc = await startServeProcess(['sp', '--cert', CERT, '--issuer', TEST_TENANT.issuer, '--store', storeDir]);
  children.push(proc);
  const sp = proc.ready.sp as { url: string; acsUrls: { enhanced: string }; audiences: { enhanced: string }; storeWarnings: string[] };
  return { proc, url: sp.url, acsUrl: sp.acsUrls.enhanced, audience: sp.audiences.enhanced, storeWarnings: sp.storeWarnings };
}

test('SIGKILL under load keeps every acknowledged record; a torn last line is tolerated and reported', async () => {
  const dir = await tempDir();
  dirs.push(dir);
  const first = await serveSp(dir);
  const now = new Date();
  // Valid responses (distinct assertion IDs) mixed with invalid ones (garbage, unsigned content edit).
  const bodies = Array.from({ length: 240 }, (_, i) => {
    if (i % 4 === 3) return formBody({ SAMLResponse: i % 8 === 3 ? 'bm90IHNhbWw=' : Buffer.from('<x/>').toString('base64'), RelayState: `crash-${i}` });
    return formBody({
      SAMLResponse: signedResponseBase64({ now, acsUrl: first.acsUrl, audience: first.audience, inResponseTo: null }),
      RelayState: `crash-${i}`,
    });
  });
  const acknowledged = new Map<string, { status: number; body: string }>();
  let next = 0;
  let killed = false;
  const worker = async (): Promise<void> => {
    while (!killed && next < bodies.length) {
      const body = bodies[next++] as string;
      try {
        const res = await post(first.acsUrl, body);
        const id = res.headers.get('x-login-id');
        await res.arrayBuffer();
        expect(res.status).toBeLessThan(500);
        if (id) acknowledged.set(id, { status: res.status, body });
      } catch (error) {
        if (!killed) throw error; // a connection reset is expected only once the process is killed
      }
    }
  };
  let stopped = false;
  const workers = Promise.all(Array.from({ length: 8 }, worker)).finally(() => {
    stopped = true;
  });
  // Kill once 60 POSTs were answered (or earlier if a worker failed: its error then fails the test).
  while (acknowledged.size < 60 && !stopped) await new Promise((r) => setTimeout(r, 5));
  killed = true;
  first.proc.child.kill('SIGKILL');
  await workers;
  await new Promise((r) => (first.proc.child.exitCode !== null || first.proc.child.signalCode !== null ? r(undefined) : first.proc.child.once('exit', r)));
  expect(first.proc.child.signalCode).toBe('SIGKILL');

  // A write interrupted by the crash leaves a partial line without a newline.
  const storeFile = join(dir, 'logins.jsonl');
  await appendFile(storeFile, '{"id":"lg_torn","receivedAt":"2026-');

  const second = await serveSp(dir);
  expect(second.storeWarnings.some((w) => /torn last line/.test(w))).toBe(true);
  const listed = (await (await fetch(`${second.url}/api/logins?limit=1000`)).json()) as {
    logins: Array<{ id: string; httpStatus: number; relayState: string }>;
  };
  const byId = new Map(listed.logins.map((l) => [l.id, l]));
  const missing = [...acknowledged.keys()].filter((id) => !byId.has(id));
  expect(missing).toEqual([]);
  for (const [id, ack] of acknowledged) expect(byId.get(id)?.httpStatus).toBe(ack.status);
  expect(byId.has('lg_torn')).toBe(false);

  // The store keeps working after the torn line: a new login is recorded on its own line.
  const fresh = await post(
    second.acsUrl,
    formBody({ SAMLResponse: signedResponseBase64({ now: new Date(), acsUrl: second.acsUrl, audience: second.audience, inResponseTo: null }) }),
  );
  expect(fresh.status).toBe(302);
  const lines = (await readFile(storeFile, 'utf8')).split('\n');
  expect(lines.at(-2)).toContain(fresh.headers.get('x-login-id'));

  // An assertion accepted before the crash is still consumed after the restart.
  const accepted = [...acknowledged.values()].find((a) => a.status === 302);
  expect(accepted).toBeDefined();
  expect((await post(second.acsUrl, accepted?.body ?? '')).status).toBe(403);
  expect(await second.proc.stop()).toBe(0);
}, 120_000);
