// recipient: a bearer SubjectConfirmation whose SubjectConfirmationData@Recipient is the ACS URL.
// Without any bearer confirmation the assertion cannot be used for Web SSO at all (SAML Profiles
// §4.1.4.2), so that fails even when no ACS URL is configured to compare the Recipient with.
import type { Element } from '@xmldom/xmldom';
import type { Check } from '../context.ts';
import { failed, passed, show, skipped } from '../result.ts';
import { NS, attr, child, children } from '../xml.ts';
import { ACS_HINT } from './destination.ts';

export const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';

/** SubjectConfirmationData of every bearer SubjectConfirmation in the Assertion's Subject. */
export function bearerData(assertion: Element): Element[] {
  const subject = child(assertion, 'Subject', NS.saml);
  if (subject === undefined) return [];
  return children(subject, 'SubjectConfirmation', NS.saml)
    .filter((sc) => attr(sc, 'Method') === BEARER)
    .map((sc) => child(sc, 'SubjectConfirmationData', NS.saml))
    .filter((d): d is Element => d !== undefined);
}

export const recipient: Check = (state, exp) => {
  const data = bearerData(state.trusted!.assertion);
  const recipients = data.map((d) => attr(d, 'Recipient'));
  if (data.length === 0) {
    return {
      result: failed('recipient', 'RCPT_NO_BEARER', {
        expected: 'a bearer SubjectConfirmation with SubjectConfirmationData (SAML Profiles 4.1.4.2)',
        actual: 'none',
        detail: 'The Assertion has no bearer subject confirmation, so it cannot be used for a browser login; Flex refuses it.',
        hint: 'Auth0 always emits one (Method urn:oasis:names:tc:SAML:2.0:cm:bearer, with Recipient and NotOnOrAfter); a response without it was not produced by Auth0 unaltered.',
      }),
    };
  }
  if (exp.acsUrl === undefined)
    return {
      result: skipped(
        'recipient',
        'RCPT_NOT_CONFIGURED',
        `No ACS URL configured; the response says Recipient ${recipients.map((r) => show(r)).join(', ') || '(none)'}.`,
      ),
    };
  if (recipients.includes(exp.acsUrl)) return { result: passed('recipient', `Recipient ${show(exp.acsUrl)}.`) };
  const present = recipients.filter((r): r is string => r !== undefined);
  return {
    result: failed('recipient', present.length === 0 ? 'RCPT_MISSING' : 'RCPT_MISMATCH', {
      expected: exp.acsUrl,
      actual: present.length === 0 ? '(no Recipient)' : present.join(', '),
      detail: 'The bearer confirmation is meant for another endpoint.',
      hint: ACS_HINT,
    }),
  };
};
