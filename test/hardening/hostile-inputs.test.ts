// The hostile inputs of test/fuzz/hostile.ts (also `npm run fuzz` and `npm run bench -- --only hostile`):
// each gets the verdict it is built for. Floods are refused by a markup cap or the transform-chain
// rule; the documents at every cap at once, signed for real, are still judged in full (valid, or
// SIG_VALUE_INVALID when forged). How long they take is measured by the bench, never asserted here.
import { describe, expect, it } from 'vitest';
import { validateResponse } from '../../fake-sp/pipeline/validate.ts';
import type { SpPolicy } from '../../fake-sp/pipeline/types.ts';
import { hostileInputs, MAX_BYTES } from '../fuzz/hostile.ts';
import { testKey, TEST_TENANT, toBase64 } from '../helpers/saml-signer.ts';

const expectations: SpPolicy = {
  certificates: [testKey().cert],
  issuer: TEST_TENANT.issuer,
  audience: TEST_TENANT.audience,
  acsUrl: TEST_TENANT.acsUrl,
  outstandingRequestIds: new Set([TEST_TENANT.requestId]),
  seenAssertionIds: new Set<string>(),
};
const inputs = hostileInputs();

describe('hostile inputs', () => {
  it('cover the floods the issue names and the documents at every cap, each at most 256 KiB', () => {
    expect(inputs.map((i) => i.name)).toEqual(expect.arrayContaining(['comment-flood', 'transform-flood', 'at-caps-both', 'at-caps-forged']));
    for (const input of inputs) expect(Buffer.byteLength(input.xml), input.name).toBeLessThanOrEqual(MAX_BYTES);
  });

  it.each(inputs.map((i) => [i.name, i] as const))('%s gets its verdict', (_name, input) => {
    const verdict = validateResponse(toBase64(input.xml), expectations, TEST_TENANT.now);
    const failed = verdict.checks.find((c) => c.status === 'failed');
    expect(verdict.valid ? 'valid' : failed?.code, `${input.what}: ${failed?.detail ?? ''}`).toBe(input.expect);
  });
});
