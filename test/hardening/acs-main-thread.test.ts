// The ACS's own thread does little per POST (issue 17 item 1: concurrent GETs keep their latency):
// it receives the body's bytes and moves them to a judge worker, which reads the form, judges, and
// encodes the large values; the record keeps the SAMLResponse once. Tests assert ordering and
// content, never timing. Bad bodies keep their 400 with a stable code.
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { sharedJudgePool } from '../../fake-sp/judge/pool.ts';
import type { RunningSp } from '../../fake-sp/server/start.ts';
import { toBase64 } from '../helpers/saml-signer.ts';
import { failedCode, formBody, post, removeDir, startTestSp, tempDir, validBase64, validXml } from './support.ts';

const dirs: string[] = [];
const sps: RunningSp[] = [];
async function sp(overrides: Parameters<typeof startTestSp>[1] = {}): Promise<{ running: RunningSp; dir: string }> {
  const dir = await tempDir();
  dirs.push(dir);
  const running = await startTestSp(dir, overrides);
  sps.push(running);
  return { running, dir };
}
afterAll(async () => {
  await Promise.all(sps.map((s) => s.close()));
  await Promise.all(dirs.map(removeDir));
});

/** A POST with a body and headers of the test's choosing; resolves with the status, whether it was recorded, and the failed check's code. */
function rawPost(url: string, headers: http.OutgoingHttpHeaders, chunks: Buffer[]): Promise<{ status: number; recorded: boolean; code?: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { accept: 'application/json', ...headers } }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () => {
        const recorded = /^lg_/.test(String(res.headers['x-login-id']));
        if (res.statusCode === 302) return resolve({ status: 302, recorded }); // accepted: a redirect to the landing page
        const body = JSON.parse(Buffer.concat(parts).toString('utf8')) as { checks?: Array<{ status: string; code?: string }> };
        resolve({ status: res.statusCode ?? 0, recorded, code: body.checks?.find((c) => c.status === 'failed')?.code });
      });
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe("the form is read on a judge worker, not on the server's thread", () => {
  let running: RunningSp;
  // Caps raised so that a response with 3,000 namespace declarations over 25,000 elements reaches
  // canonicalization: over a second of CPU on the worker (docs/benchmarks-history.md "Hostile inputs").
  const raised = { namespaceDeclarations: 1_000_000, elements: 1_000_000, attributes: 1_000_000, attributesPerElement: 1_000_000 };
  beforeAll(async () => {
    ({ running } = await sp({ judgeDeadlineMs: 5000, markupLimits: raised }));
  });

  test('with every worker busy, a GET is answered at once, and a form without SAMLResponse waits for a worker to read it', async () => {
    const pool = sharedJudgePool();
    const declarations = Array.from({ length: 3000 }, (_, i) => ` xmlns:n${i}="urn:x:${i}"`).join('');
    const costly = toBase64(
      validXml(running)
        .replace('<samlp:Response ', `<samlp:Response${declarations} `)
        .replace('<samlp:Status>', `${'<n1:a/>'.repeat(25_000)}<samlp:Status>`),
    );
    const order: string[] = [];
    const busy = Array.from({ length: pool.size }, () =>
      post(running.acsUrls.enhanced ?? '', formBody({ SAMLResponse: costly })).then((res) => {
        order.push('costly POST');
        return res;
      }),
    );
    await vi.waitFor(() => expect(pool.workers.busy).toBe(pool.size), { timeout: 10_000, interval: 5 });
    const noSaml = post(running.acsUrls.enhanced ?? '', formBody({ RelayState: 'no-saml' })).then((res) => {
      order.push('form without SAMLResponse');
      return res;
    });
    const list = await fetch(`${running.url}/api/logins`);
    order.push('GET /api/logins');
    expect(list.status).toBe(200);
    const [res] = await Promise.all([noSaml, ...busy]);
    expect(order).toEqual(['GET /api/logins', ...Array<string>(pool.size).fill('costly POST'), 'form without SAMLResponse']);
    expect(res.status).toBe(400);
    expect(await failedCode(res)).toBe('ACS_NO_SAML_RESPONSE');
  }, 30_000);
});

describe('what the ACS records and answers', () => {
  let running: RunningSp;
  let dir: string;
  beforeAll(async () => {
    ({ running, dir } = await sp({ maxBodyBytes: 64 * 1024 }));
  });

  test('the record holds the SAMLResponse once; the JSON answer and GET /api/logins/:id carry the decoded XML', async () => {
    const xml = validXml(running, { destination: 'https://elsewhere.example/acs' });
    const res = await post(running.acsUrls.enhanced ?? '', formBody({ SAMLResponse: toBase64(xml), RelayState: 'once' }));
    expect(res.status).toBe(403);
    const id = res.headers.get('x-login-id') ?? '';
    const answer = (await res.json()) as { loginId: string; xml?: string; checks: Array<{ status: string; code?: string }> };
    expect(answer.loginId).toBe(id);
    expect(answer.xml).toBe(xml);
    const lines = (await readFile(join(dir, 'logins.jsonl'), 'utf8')).trim().split('\n');
    const line = lines.find((l) => l.includes(id)) ?? '';
    expect(JSON.parse(line)).toMatchObject({ id, samlResponse: toBase64(xml), relayState: 'once' });
    expect((JSON.parse(line) as { verdict: object }).verdict).not.toHaveProperty('xml');
    const stored = (await (await fetch(`${running.url}/api/logins/${id}`)).json()) as { samlResponse: string; verdict: { xml?: string; checks: unknown[] } };
    expect(stored.verdict.xml).toBe(xml);
    expect(stored.verdict.checks).toEqual(answer.checks);
  });

  test('a valid response is recorded whole (valid, RelayState, SAMLResponse) and answered 302', async () => {
    const samlResponse = validBase64(running);
    const res = await post(running.acsUrls.enhanced ?? '', formBody({ SAMLResponse: samlResponse, RelayState: 'whole' }));
    expect(res.status).toBe(302);
    const stored = (await (await fetch(`${running.url}/api/logins/${res.headers.get('x-login-id') ?? ''}`)).json()) as {
      samlResponse: string;
      relayState: string;
      verdict: { valid: boolean; xml: string };
    };
    expect(stored).toMatchObject({ samlResponse, relayState: 'whole', verdict: { valid: true, xml: Buffer.from(samlResponse, 'base64').toString('utf8') } });
  });

  test.each([
    [
      'a charset other than UTF-8 or ISO-8859-1',
      'ACS_BAD_ENCODING',
      { 'content-type': 'application/x-www-form-urlencoded; charset=utf-16' },
      [Buffer.from('SAMLResponse=x')],
    ],
    [
      'an unknown Content-Encoding',
      'ACS_BAD_ENCODING',
      { 'content-type': 'application/x-www-form-urlencoded', 'content-encoding': 'compress' },
      [Buffer.from('SAMLResponse=x')],
    ],
    ['a JSON body', 'ACS_NOT_FORM', { 'content-type': 'application/json' }, [Buffer.from('{"SAMLResponse":"x"}')]],
    ['no body at all', 'ACS_NOT_FORM', {}, []],
    [
      '33 form fields',
      'ACS_TOO_MANY_FIELDS',
      { 'content-type': 'application/x-www-form-urlencoded' },
      [Buffer.from(Array.from({ length: 33 }, (_, i) => `f${i}=${i}`).join('&'))],
    ],
    ['a repeated SAMLResponse', 'ACS_DUPLICATE_FIELD', { 'content-type': 'application/x-www-form-urlencoded' }, [Buffer.from('SAMLResponse=a&SAMLResponse=b')]],
    [
      'a chunked body past the limit (no Content-Length)',
      'ACS_BODY_TOO_LARGE',
      { 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked' },
      Array.from({ length: 20 }, () => Buffer.alloc(8 * 1024, 'A')),
    ],
    [
      'a declared Content-Length past the limit',
      'ACS_BODY_TOO_LARGE',
      { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(64 * 1024 + 1) },
      [Buffer.alloc(64 * 1024 + 1, 'A')],
    ],
    [
      'a gzip body that inflates past the limit',
      'ACS_BODY_TOO_LARGE',
      { 'content-type': 'application/x-www-form-urlencoded', 'content-encoding': 'gzip' },
      [gzipSync(Buffer.alloc(1024 * 1024, 'A'))],
    ],
  ])('%s → 400 %s, recorded, never a 500', async (_name, code, headers, chunks) => {
    const res = await rawPost(running.acsUrls.enhanced ?? '', headers, chunks);
    expect(res).toEqual({ status: 400, recorded: true, code });
  });

  test.each([
    [
      'an ISO-8859-1 form',
      { 'content-type': 'application/x-www-form-urlencoded; charset=iso-8859-1' },
      (b: string) => Buffer.from(formBody({ SAMLResponse: b, RelayState: 'café' }), 'latin1'),
    ],
    [
      'a gzip-encoded form',
      { 'content-type': 'application/x-www-form-urlencoded', 'content-encoding': 'gzip' },
      (b: string) => gzipSync(formBody({ SAMLResponse: b })),
    ],
    [
      'a form sent in small chunks',
      { 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked' },
      (b: string) => Buffer.from(formBody({ SAMLResponse: b })),
    ],
  ])('%s is read and judged valid', async (_name, headers, body) => {
    const bytes = body(validBase64(running));
    const chunks = Array.from({ length: Math.ceil(bytes.length / 1000) }, (_, i) => bytes.subarray(i * 1000, (i + 1) * 1000));
    expect(await rawPost(running.acsUrls.enhanced ?? '', headers, chunks)).toEqual({ status: 302, recorded: true });
  });
});

describe('a large answer', () => {
  test('a rejected 200 KiB response gets its whole verdict and XML as one valid JSON answer (written in slices)', async () => {
    const { running } = await sp();
    const xml = validXml(running, {
      destination: 'https://elsewhere.example/acs',
      attributes: { email: 'ana@example.com', roles: 'agent', note: 'n'.repeat(200 * 1024) },
    });
    const res = await post(running.acsUrls.enhanced ?? '', formBody({ SAMLResponse: toBase64(xml) }));
    expect(res.status).toBe(403);
    const answer = (await res.json()) as { xml?: string; checks: Array<{ status: string; code?: string }> };
    expect(answer.xml).toBe(xml);
    expect(answer.checks.find((c) => c.status === 'failed')?.code).toBe('DEST_MISMATCH');
  });
});

describe('a POST stopped at the deadline', () => {
  test('is recorded with the SAMLResponse and RelayState it carried (the worker reports the form before judging)', async () => {
    const { running } = await sp({
      judgeDeadlineMs: 300,
      markupLimits: { namespaceDeclarations: 1_000_000, elements: 1_000_000, attributes: 1_000_000, attributesPerElement: 1_000_000 },
    });
    const declarations = Array.from({ length: 3000 }, (_, i) => ` xmlns:n${i}="urn:x:${i}"`).join('');
    const costly = toBase64(
      validXml(running)
        .replace('<samlp:Response ', `<samlp:Response${declarations} `)
        .replace('<samlp:Status>', `${'<n1:a/>'.repeat(25_000)}<samlp:Status>`),
    );
    const res = await post(running.acsUrls.enhanced ?? '', formBody({ SAMLResponse: costly, RelayState: 'stopped' }));
    expect(res.status).toBe(400);
    expect(await failedCode(res)).toBe('DECODE_TOO_EXPENSIVE');
    const stored = (await (await fetch(`${running.url}/api/logins/${res.headers.get('x-login-id') ?? ''}`)).json()) as {
      samlResponse: string;
      relayState: string;
    };
    expect(stored).toMatchObject({ samlResponse: costly, relayState: 'stopped' });
  }, 30_000);
});
