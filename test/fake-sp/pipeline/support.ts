// Shared test support for the pipeline tests: expectations matching the signer's test tenant.
import { expect } from 'vitest';
import type { CheckId, CheckResult, SpPolicy, Verdict } from '../../../fake-sp/pipeline/index.ts';
import { TEST_TENANT, testKey } from '../../helpers/saml-signer.ts';

export const NOW = TEST_TENANT.now;

export function expectations(over: Partial<SpPolicy> = {}): SpPolicy {
  return {
    certificates: [testKey('idp').cert],
    issuer: TEST_TENANT.issuer,
    audience: TEST_TENANT.audience,
    acsUrl: TEST_TENANT.acsUrl,
    outstandingRequestIds: new Set([TEST_TENANT.requestId]),
    seenAssertionIds: new Set<string>(),
    ...over,
  };
}

export function check(verdict: Verdict, id: CheckId): CheckResult {
  const found = verdict.checks.find((c) => c.id === id);
  if (found === undefined) throw new Error(`no ${id} check in verdict`);
  return found;
}

/** Asserts that `id` failed with `code`, and that the verdict is invalid with a hint for the user. */
export function expectFailure(verdict: Verdict, id: CheckId, code: string): CheckResult {
  const c = check(verdict, id);
  expect({ id, status: c.status, code: c.code }).toEqual({ id, status: 'failed', code });
  expect(c.ok).toBe(false);
  expect(c.hint ?? '').not.toBe('');
  expect(c.detail).not.toBe('');
  expect(verdict.valid).toBe(false);
  return c;
}

export function expectOk(verdict: Verdict, id: CheckId): CheckResult {
  const c = check(verdict, id);
  expect({ id, status: c.status, code: c.code, detail: c.detail }).toMatchObject({ id, status: 'ok', code: undefined });
  expect(c.ok).toBe(true);
  return c;
}

export function expectAllOk(verdict: Verdict): void {
  const notOk = verdict.checks.filter((c) => c.status !== 'ok').map((c) => `${c.id}: ${c.status} ${c.code ?? ''} ${c.detail}`);
  expect(notOk).toEqual([]);
  expect(verdict.valid).toBe(true);
}
