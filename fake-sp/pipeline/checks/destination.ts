// destination: Response@Destination, when present, must be the ACS URL the response was posted to.
// A signed Response must carry one (SAML Bindings §3.5.5.2: "If the message is signed, the
// Destination XML attribute in the root SAML element of the protocol message MUST contain the URL to
// which the sender has instructed the user agent to deliver the message"); that holds whether or
// not an ACS URL is configured to compare it with.
import type { Check } from '../context.ts';
import { failed, passed, show, skipped } from '../result.ts';
import { attr } from '../xml.ts';

export const ACS_HINT =
  'Auth0 addresses the response to the Application Callback URL (or the addon\'s "destination"/"recipient"): it must be exactly Flex\'s ACS URL — Enhanced SSO `https://login.flex.us1.twilio.com/login/callback?connection=JQ…`, Legacy `https://iam.twilio.com/v1/Accounts/AC…/saml2` — and be listed in Allowed Callback URLs.';

export const destination: Check = (state, exp) => {
  const t = state.trusted!;
  const value = attr(t.response, 'Destination');
  if (value === undefined && t.responseSigned) {
    return {
      result: failed('destination', 'DEST_MISSING', {
        expected: exp.acsUrl ?? 'a Destination attribute on the signed Response',
        actual: '(no Destination)',
        detail: 'The Response is signed but does not say where it is addressed (SAML Bindings 3.5.5.2 requires Destination on a signed message).',
        hint: 'Auth0 always writes Destination (the callback URL, or the addon\'s "destination"); a signed Response without it was built by something else. Strict SPs refuse it.',
      }),
    };
  }
  if (exp.acsUrl === undefined)
    return { result: skipped('destination', 'DEST_NOT_CONFIGURED', `No ACS URL configured; the response says Destination ${show(value)}.`) };
  if (value === undefined) return { result: passed('destination', 'No Destination attribute (allowed: the bearer Recipient is checked instead).') };
  if (value !== exp.acsUrl) {
    return {
      result: failed('destination', 'DEST_MISMATCH', {
        expected: exp.acsUrl,
        actual: value,
        detail: 'The Response is addressed to another endpoint.',
        hint: ACS_HINT,
      }),
    };
  }
  const warnings = t.responseSigned ? [] : ['Destination is on the unsigned Response envelope (only the Assertion is signed).'];
  return { result: passed('destination', `Destination ${show(value)}.`, warnings) };
};
