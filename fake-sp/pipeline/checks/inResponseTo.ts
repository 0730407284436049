// inResponseTo: SP-initiated responses answer a request this SP issued and still waits for; the
// Response and the bearer confirmation must agree. No InResponseTo = IdP-initiated (allowed by default).
import type { Check } from '../context.ts';
import { failed, passed, show, skipped } from '../result.ts';
import type { CheckResult } from '../types.ts';
import { attr } from '../xml.ts';
import { bearerData } from './recipient.ts';

export const inResponseTo: Check = (state, exp) => {
  const t = state.trusted!;
  const fromResponse = attr(t.response, 'InResponseTo');
  const fromConfirmation = bearerData(t.assertion)
    .map((d) => attr(d, 'InResponseTo'))
    .find((v) => v !== undefined);
  if (fromResponse !== undefined && fromConfirmation !== undefined && fromResponse !== fromConfirmation) {
    return {
      result: failed('inResponseTo', 'IRT_MISMATCH', {
        expected: `SubjectConfirmationData@InResponseTo = Response@InResponseTo (${fromResponse})`,
        actual: fromConfirmation,
        detail: 'The Response and the Assertion answer different requests.',
        hint: 'The Assertion was taken from another login and placed in this Response: treat it as an attack.',
      }),
    };
  }
  const id = fromConfirmation ?? fromResponse;
  if (id === undefined) {
    if (exp.allowIdpInitiated ?? true) return { result: passed('inResponseTo', 'IdP-initiated (no InResponseTo).') };
    return {
      result: failed('inResponseTo', 'IRT_UNSOLICITED', {
        expected: 'InResponseTo of an outstanding AuthnRequest',
        actual: '(none: IdP-initiated)',
        detail: 'An unsolicited (IdP-initiated) response, and IdP-initiated logins are not allowed.',
        hint: 'Start the login from Flex (SP-initiated), or allow IdP-initiated logins (Flex: set a default redirect URL).',
      }),
    };
  }
  if (exp.outstandingRequestIds === undefined)
    return { result: skipped('inResponseTo', 'IRT_NOT_CONFIGURED', `InResponseTo ${show(id)} not checked: no outstanding request list configured.`) };
  return { result: outstandingResult(id, exp.outstandingRequestIds) };
};

/**
 * The verdict on one InResponseTo against the outstanding requests. Separate from the check so a
 * caller that keeps them on another thread than the pipeline (fake-sp/judge/settle.ts) reaches the same result.
 */
export function outstandingResult(id: string, outstanding: { has(id: string): boolean }): CheckResult {
  if (!outstanding.has(id)) {
    return failed('inResponseTo', 'IRT_UNKNOWN', {
      expected: 'an outstanding AuthnRequest ID',
      actual: id,
      detail: 'The response answers a request this SP did not issue or no longer waits for.',
      hint: 'The login started at another SP instance, the SP restarted, or the response is replayed from an earlier login: start the login again from the SP.',
    });
  }
  return passed('inResponseTo', `Answers outstanding request ${show(id)}.`);
}
