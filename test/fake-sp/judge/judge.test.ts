// The pipeline runs on a worker thread with a deadline (fake-sp/judge). The verdict
// must be the one the pipeline gives in-thread for every corpus response, replay and InResponseTo
// included (their state stays on the main thread); a response that costs more than the deadline gets
// DECODE_TOO_EXPENSIVE, and the main thread keeps running while a response is judged.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { judgeResponse, JudgePool, settle } from '../../../fake-sp/judge/index.ts';
import type { AcsInput, JudgedPost } from '../../../fake-sp/judge/index.ts';
import { judgeWorkerUrl, TSX_WORKER_URL } from '../../../fake-sp/judge/worker-source.ts';
import { validateResponse } from '../../../fake-sp/pipeline/validate.ts';
import type { SpPolicy } from '../../../fake-sp/pipeline/types.ts';
import { signedResponseBase64, signedResponseXml, toBase64, testKey, TEST_TENANT } from '../../helpers/saml-signer.ts';
import { expectationsFor, loadManifest, readVerified, samlResponseOf } from '../corpus/corpus-files.ts';

const pool = new JudgePool(1);
afterAll(() => pool.close());

const expectations = (over: Partial<SpPolicy> = {}): SpPolicy => ({
  certificates: [testKey().cert],
  issuer: TEST_TENANT.issuer,
  audience: TEST_TENANT.audience,
  acsUrl: TEST_TENANT.acsUrl,
  outstandingRequestIds: new Set([TEST_TENANT.requestId]),
  seenAssertionIds: new Set<string>(),
  ...over,
});

/**
 * 3,000 namespace declarations on the Response and 25,000 elements under it: far past both caps,
 * which the test raises, so canonicalization renders every declaration for every element
 * (quadratic: over a second of CPU, docs/benchmarks-history.md "Hostile inputs").
 */
const costly = toBase64(
  signedResponseXml()
    .replace('<samlp:Response ', `<samlp:Response${Array.from({ length: 3000 }, (_, i) => ` xmlns:n${i}="urn:x:${i}"`).join('')} `)
    .replace('<samlp:Status>', `${'<n1:a/>'.repeat(25_000)}<samlp:Status>`),
);
const uncapped = (over: Partial<SpPolicy> = {}) =>
  expectations({ markupLimits: { namespaceDeclarations: 1_000_000, elements: 1_000_000, attributes: 1_000_000, attributesPerElement: 1_000_000 }, ...over });

describe('verdicts judged on a worker equal the in-thread pipeline', () => {
  const entries = loadManifest().entries;

  it('for every corpus response, with an empty replay cache, then (accepted ones) with its assertion already seen', async () => {
    expect(entries.length).toBeGreaterThan(150);
    const runs = entries.map((entry) => {
      const input = samlResponseOf(readVerified(entry.path));
      const now = new Date(entry.now);
      const fresh: SpPolicy = { ...expectationsFor(entry), seenAssertionIds: new Set<string>() };
      return { entry, input, now, fresh, judged: judgeResponse(pool, input, fresh, now) }; // queued: the worker judges while this thread compares
    });
    for (const { entry, input, now, fresh, judged } of runs) {
      const direct = validateResponse(input, fresh, now);
      expect(await judged, entry.path).toEqual(direct);
      if (!direct.valid || direct.facts.assertionId === undefined) continue;
      const seen: SpPolicy = { ...fresh, seenAssertionIds: new Set([direct.facts.assertionId]) };
      const replayed = validateResponse(input, seen, now);
      expect(replayed.valid).toBe(false);
      expect(await judgeResponse(pool, input, seen, now), `${entry.path} (replayed)`).toEqual(replayed);
    }
  }, 120_000);

  it("answers replay and InResponseTo from the caller's state: a replay and an unknown request fail as in-thread", async () => {
    const input = signedResponseBase64();
    const first = await judgeResponse(pool, input, expectations(), TEST_TENANT.now);
    expect(first.valid).toBe(true);
    const replayed = expectations({ seenAssertionIds: new Set([first.facts.assertionId ?? '']) });
    const again = await judgeResponse(pool, input, replayed, TEST_TENANT.now);
    expect(again.checks.find((c) => c.id === 'replay')).toMatchObject({ status: 'failed', code: 'REPLAY' });
    expect(again).toEqual(validateResponse(input, replayed, TEST_TENANT.now));
    const unknown = expectations({ outstandingRequestIds: new Set(['_another']) });
    const answered = await judgeResponse(pool, input, unknown, TEST_TENANT.now);
    expect(answered.checks.find((c) => c.id === 'inResponseTo')).toMatchObject({ status: 'failed', code: 'IRT_UNKNOWN' });
    expect(answered.valid).toBe(false);
  });

  it('without state, both checks are skipped as not configured, as in-thread', async () => {
    const input = signedResponseBase64();
    const none = expectations({ outstandingRequestIds: undefined, seenAssertionIds: undefined });
    const verdict = await judgeResponse(pool, input, none, TEST_TENANT.now);
    expect(verdict.checks.filter((c) => c.code?.endsWith('_NOT_CONFIGURED')).map((c) => c.id)).toEqual(['inResponseTo', 'replay']);
    expect(verdict).toEqual(validateResponse(input, none, TEST_TENANT.now));
  });
});

/** An ACS form body as the server receives it (a Buffer, as Express's raw reader gives it). */
const form = (fields: Record<string, string>): Buffer => Buffer.from(new URLSearchParams(fields).toString());
const postInput = (body: Buffer, e: SpPolicy): AcsInput => {
  const { seenAssertionIds, outstandingRequestIds, ...plain } = e;
  return {
    form: { body, charset: 'utf-8' },
    expectations: plain,
    now: TEST_TENANT.now.getTime(),
    probe: { assertionIds: seenAssertionIds !== undefined, requestIds: outstandingRequestIds !== undefined },
  };
};
/** The verdict of a judged post with its XML put back from the worker's JSON text. */
const withXml = (judged: JudgedPost, e: SpPolicy) => {
  const verdict = settle(judged, e);
  return judged.xmlJson === undefined ? verdict : { ...verdict, xml: JSON.parse(Buffer.from(judged.xmlJson).toString('utf8')) as string };
};

describe('ACS posts: the worker reads the form, judges, and encodes the large values', () => {
  it("for every corpus response posted as a form, the verdict (XML as JSON text) equals the in-thread pipeline's", async () => {
    const runs = loadManifest().entries.map((entry) => {
      const input = samlResponseOf(readVerified(entry.path));
      const e: SpPolicy = { ...expectationsFor(entry), seenAssertionIds: new Set<string>() };
      const { seenAssertionIds, outstandingRequestIds, ...plain } = e;
      const request: AcsInput = {
        form: { body: form({ SAMLResponse: input, RelayState: entry.path }), charset: 'utf-8' },
        expectations: plain,
        now: new Date(entry.now).getTime(),
        probe: { assertionIds: seenAssertionIds !== undefined, requestIds: outstandingRequestIds !== undefined },
      };
      return { entry, input, e, judged: pool.judgePost(request) };
    });
    for (const { entry, input, e, judged } of runs) {
      const post = await judged;
      expect(withXml(post, e), entry.path).toEqual(validateResponse(input, e, new Date(entry.now)));
      expect(post.fields).toMatchObject({ samlResponse: input, relayState: entry.path });
      expect(JSON.parse(Buffer.from(post.fields?.json.samlResponse ?? []).toString('utf8'))).toBe(input);
      expect(JSON.parse(Buffer.from(post.fields?.json.relayState ?? []).toString('utf8'))).toBe(entry.path);
    }
  }, 120_000);

  it('moves a body that owns its memory to the worker (not copied), and copies one cut from a shared pool', async () => {
    const input = signedResponseBase64();
    const large = form({ SAMLResponse: input });
    expect(large.byteLength).toBeGreaterThan(4096); // Buffer.from gives it an ArrayBuffer of its own
    const judged = pool.judgePost(postInput(large, expectations()));
    expect(large.byteLength).toBe(0); // detached: the bytes are the worker's now
    expect(withXml(await judged, expectations())).toEqual(validateResponse(input, expectations(), TEST_TENANT.now));
    const small = Buffer.from('RelayState=r'); // a slice of Buffer's shared 8 KiB pool
    const neighbour = Buffer.from('still here');
    const refused = await pool.judgePost(postInput(small, expectations()));
    expect(refused.verdict.checks[0]).toMatchObject({ code: 'ACS_NO_SAML_RESPONSE' });
    expect([small.toString(), neighbour.toString()]).toEqual(['RelayState=r', 'still here']);
  });

  it('a form the ACS refuses gets its code from the worker, with the fields it carried', async () => {
    const twice = await pool.judgePost(postInput(Buffer.from('SAMLResponse=a&SAMLResponse=b&RelayState=r'), expectations()));
    expect(twice.verdict.checks[0]).toMatchObject({ id: 'decode', status: 'failed', code: 'ACS_DUPLICATE_FIELD' });
    expect(twice.fields).toMatchObject({ samlResponse: 'a', relayState: 'r' });
    expect(twice.xmlJson).toBeUndefined();
  });

  it('a post stopped at the deadline keeps the fields the worker read before judging', async () => {
    const judged = await pool.judgePost(postInput(form({ SAMLResponse: costly, RelayState: 'slow' }), uncapped()), 300);
    expect(judged.verdict.checks[0]).toMatchObject({ code: 'DECODE_TOO_EXPENSIVE' });
    expect(judged.fields).toMatchObject({ samlResponse: costly, relayState: 'slow' });
  });

  it("a closed pool still returns the fields of a post (read on the caller's thread) with DECODE_JUDGE_FAILED", async () => {
    const closed = new JudgePool(1);
    await closed.close();
    const judged = await closed.judgePost(postInput(form({ SAMLResponse: 'PHg+', RelayState: 'r' }), expectations()));
    expect(judged.verdict.checks[0]).toMatchObject({ code: 'DECODE_JUDGE_FAILED' });
    expect(judged.fields).toMatchObject({ samlResponse: 'PHg+', relayState: 'r' });
  });
});

describe('worker start', () => {
  it('workers start from an in-memory bundle (data: URL), not through tsx', async () => {
    expect((await judgeWorkerUrl()).protocol).toBe('data:');
  });

  it('a pool whose workers load through tsx (the fallback when bundling fails) gives the same verdicts', async () => {
    const tsxPool = new JudgePool(1, { workerUrl: () => Promise.resolve(TSX_WORKER_URL) });
    try {
      const input = signedResponseBase64();
      expect(await judgeResponse(tsxPool, input, expectations(), TEST_TENANT.now)).toEqual(validateResponse(input, expectations(), TEST_TENANT.now));
    } finally {
      await tsxPool.close();
    }
  });

  it('a warmed pool replaces a worker stopped at the deadline at once, before the next response arrives', async () => {
    const warmed = new JudgePool(1);
    try {
      warmed.warm();
      await vi.waitFor(() => expect(warmed.workers).toMatchObject({ ready: 1 }), { timeout: 20_000, interval: 10 });
      const stopped = await judgeResponse(warmed, costly, uncapped(), TEST_TENANT.now, 200);
      expect(stopped.checks[0]).toMatchObject({ code: 'DECODE_TOO_EXPENSIVE' });
      // Nothing is queued, yet a new worker is loading or ready.
      expect(warmed.workers.queued).toBe(0);
      expect(warmed.workers.starting + warmed.workers.ready).toBe(1);
      await vi.waitFor(() => expect(warmed.workers).toMatchObject({ ready: 1, busy: 0 }), { timeout: 20_000, interval: 10 });
    } finally {
      await warmed.close();
    }
  });

  it('a pool whose workers cannot start answers DECODE_JUDGE_FAILED instead of retrying forever', async () => {
    const broken = new JudgePool(1, { workerUrl: () => Promise.resolve(new URL('data:text/javascript,throw new Error("cannot load")')) });
    try {
      const verdict = await judgeResponse(broken, signedResponseBase64(), expectations(), TEST_TENANT.now);
      expect(verdict.checks[0]).toMatchObject({ code: 'DECODE_JUDGE_FAILED', actual: expect.stringContaining('could not start') });
    } finally {
      await broken.close();
    }
  });
});

describe('deadline', () => {
  it('a response still being judged at the deadline gets DECODE_TOO_EXPENSIVE (expected, actual, hint), and the pool goes on', async () => {
    const verdict = await judgeResponse(pool, costly, uncapped(), TEST_TENANT.now, 300);
    expect(verdict.valid).toBe(false);
    expect(verdict.checks[0]).toMatchObject({
      id: 'decode',
      status: 'failed',
      code: 'DECODE_TOO_EXPENSIVE',
      expected: 'a verdict within 300 ms',
      actual: 'still validating after 300 ms: stopped',
    });
    expect(verdict.checks[0]?.hint).toContain('docs/bounds.md');
    expect(verdict.checks.slice(1).every((c) => c.status === 'skipped' && c.code === 'SKIPPED_PREREQUISITE')).toBe(true);
    expect((await judgeResponse(pool, signedResponseBase64(), expectations(), TEST_TENANT.now)).valid).toBe(true);
  });

  it('the main thread keeps running while a costly response is judged (ordering, not timing)', async () => {
    const order: string[] = [];
    const judged = judgeResponse(pool, costly, uncapped(), TEST_TENANT.now, 1500).then(() => order.push('verdict'));
    await new Promise((resolve) => setTimeout(resolve, 50)); // a timer on this thread: it fires only if the thread is free
    order.push('main thread');
    await judged;
    expect(order).toEqual(['main thread', 'verdict']);
  });

  it('a closed pool answers with DECODE_JUDGE_FAILED instead of hanging', async () => {
    const closed = new JudgePool(1);
    await closed.close();
    const verdict = await judgeResponse(closed, signedResponseBase64(), expectations(), TEST_TENANT.now);
    expect(verdict.checks[0]).toMatchObject({ status: 'failed', code: 'DECODE_JUDGE_FAILED' });
  });
});
