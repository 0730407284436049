// CPU exhaustion at the live ACS: a hostile POST is refused cheaply (markup caps, transform chain)
// and, whatever it costs, is judged off the event loop with a deadline, so the SP keeps answering
// other requests and the hostile one gets a recorded 400 DECODE_TOO_EXPENSIVE instead of a stall.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FakeSpConfigError, startFakeSp, type FakeSpOptions, type RunningSp } from '../../fake-sp/server/start.ts';
import { testKey, toBase64 } from '../helpers/saml-signer.ts';
import { CONNECTION_ID, failedCode, formBody, post, removeDir, startTestSp, tempDir, validBase64, validXml } from './support.ts';

const dirs: string[] = [];
const sps: RunningSp[] = [];
async function sp(overrides: Partial<FakeSpOptions> = {}): Promise<RunningSp> {
  const dir = await tempDir();
  dirs.push(dir);
  const running = await startTestSp(dir, overrides);
  sps.push(running);
  return running;
}
afterAll(async () => {
  await Promise.all(sps.map((s) => s.close()));
  await Promise.all(dirs.map(removeDir));
});

/** A valid response for `running` with `content` added to the signed Response after signing. */
const withAdded = (running: RunningSp, content: string): string => toBase64(validXml(running).replace('<samlp:Status>', `${content}<samlp:Status>`));

describe('default caps at the ACS', () => {
  let running: RunningSp;
  beforeAll(async () => {
    running = await sp();
  });

  test('24,000 comments (≈ 11 s of one core) → 400 PARSE_TOO_MANY_COMMENTS, recorded', async () => {
    const res = await post(running.acsUrls.enhanced ?? '', formBody({ SAMLResponse: withAdded(running, '<!---->'.repeat(24_000)) }));
    expect(res.status).toBe(400);
    expect(res.headers.get('x-login-id')).toMatch(/^lg_/);
    expect(await failedCode(res)).toBe('PARSE_TOO_MANY_COMMENTS');
  });

  test('3,500 Transforms (≈ 139 s) → 400, refused before any signature work', async () => {
    const flood = toBase64(
      validXml(running).replace('<Transforms>', `<Transforms>${'<Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>'.repeat(3500)}`),
    );
    const res = await post(running.acsUrls.enhanced ?? '', formBody({ SAMLResponse: flood }));
    expect(res.status).toBe(400);
    expect(await failedCode(res)).toBe('PARSE_TOO_MANY_ELEMENTS');
  });

  test('a valid response is still accepted', async () => {
    expect((await post(running.acsUrls.enhanced ?? '', formBody({ SAMLResponse: validBase64(running) }))).status).toBe(302);
  });
});

describe('a response that costs more than the deadline (caps raised to let it reach canonicalization)', () => {
  let running: RunningSp;
  const raised = { namespaceDeclarations: 1_000_000, elements: 1_000_000, attributes: 1_000_000, attributesPerElement: 1_000_000 };
  beforeAll(async () => {
    running = await sp({ judgeDeadlineMs: 400, markupLimits: raised });
  });

  test('GET /api/logins is answered while it is judged; it then gets a recorded 400 DECODE_TOO_EXPENSIVE', async () => {
    const order: string[] = [];
    // 3,000 namespace declarations over 25,000 elements: over a second of one core in canonicalization
    // (quadratic), during which an event loop judging it could answer nothing; here the worker is stopped at 0.4 s.
    const declarations = Array.from({ length: 3000 }, (_, i) => ` xmlns:n${i}="urn:x:${i}"`).join('');
    const xml = validXml(running)
      .replace('<samlp:Response ', `<samlp:Response${declarations} `)
      .replace('<samlp:Status>', `${'<n1:a/>'.repeat(25_000)}<samlp:Status>`);
    const hostile = post(running.acsUrls.enhanced ?? '', formBody({ SAMLResponse: toBase64(xml) })).then((res) => {
      order.push('hostile POST');
      return res;
    });
    await new Promise((resolve) => setTimeout(resolve, 100)); // the POST is being judged now
    const list = await fetch(`${running.url}/api/logins`);
    order.push('GET /api/logins');
    expect(list.status).toBe(200);
    const res = await hostile;
    expect(order).toEqual(['GET /api/logins', 'hostile POST']);
    expect(res.status).toBe(400);
    expect(res.headers.get('x-login-id')).toMatch(/^lg_/);
    const body = (await res.json()) as { checks: Array<{ status: string; code?: string; expected?: string; actual?: string; hint?: string }> };
    expect(body.checks[0]).toMatchObject({ status: 'failed', code: 'DECODE_TOO_EXPENSIVE', expected: 'a verdict within 400 ms' });
    expect(body.checks[0]?.hint).not.toBe('');
  });

  test('the next valid response is accepted (the stopped worker was replaced)', async () => {
    expect((await post(running.acsUrls.enhanced ?? '', formBody({ SAMLResponse: validBase64(running) }))).status).toBe(302);
  });
});

describe('options', () => {
  test.each([
    ['judgeDeadlineMs 0', { judgeDeadlineMs: 0 }],
    ['an unknown markup cap', { markupLimits: { nodes: 10 } as unknown as FakeSpOptions['markupLimits'] }],
    ['a markup cap that is not a positive integer', { markupLimits: { comments: -1 } }],
  ])('%s → SP_BAD_LIMIT', async (_what, override) => {
    const dir = await tempDir();
    dirs.push(dir);
    const error = await startFakeSp({
      profiles: [{ kind: 'enhanced', connectionId: CONNECTION_ID }],
      idp: { certificates: [testKey().cert] },
      storeDir: dir,
      ...override,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FakeSpConfigError);
    expect(error).toMatchObject({ code: 'SP_BAD_LIMIT' });
  });
});
