// destination: Response@Destination, when present, must be the ACS URL the response was posted to.
import type { Check } from '../context.ts';
import { failed, passed, show, skipped } from '../result.ts';
import { attr } from '../xml.ts';

export const ACS_HINT = 'Auth0 addresses the response to the Application Callback URL (or the addon\'s "destination"/"recipient"): it must be exactly Flex\'s ACS URL — Enhanced SSO `https://login.flex.us1.twilio.com/login/callback?connection=JQ…`, Legacy `https://iam.twilio.com/v1/Accounts/AC…/saml2` — and be listed in Allowed Callback URLs.';

export const destination: Check = (state, exp) => {
  const t = state.trusted!;
  const value = attr(t.response, 'Destination');
  if (exp.acsUrl === undefined) return { result: skipped('destination', 'DEST_NOT_CONFIGURED', `No ACS URL configured; the response says Destination ${show(value)}.`) };
  if (value === undefined) return { result: passed('destination', 'No Destination attribute (allowed: the bearer Recipient is checked instead).') };
  if (value !== exp.acsUrl) {
    return { result: failed('destination', 'DEST_MISMATCH', { expected: exp.acsUrl, actual: value, detail: 'The Response is addressed to another endpoint.', hint: ACS_HINT }) };
  }
  const warnings = t.responseSigned ? [] : ['Destination is on the unsigned Response envelope (only the Assertion is signed).'];
  return { result: passed('destination', `Destination ${show(value)}.`, warnings) };
};
