// audience: every Conditions/AudienceRestriction must list the Flex SP entity ID.
import type { Check } from '../context.ts';
import { failed, passed, show, skipped } from '../result.ts';
import { NS, child, children, text } from '../xml.ts';

const HINT =
  'Set the Auth0 SAML addon\'s "audience" to Flex\'s SP entity ID — Enhanced SSO `urn:flex:JQ…`, Legacy `https://iam.twilio.com/v1/Accounts/AC…/saml2/metadata` (without "audience", Auth0 uses the AuthnRequest issuer, or the callback URL for IdP-initiated logins).';

export const audience: Check = (state, exp) => {
  const conditions = child(state.trusted!.assertion, 'Conditions', NS.saml);
  const restrictions = conditions === undefined ? [] : children(conditions, 'AudienceRestriction', NS.saml);
  const lists = restrictions.map((r) => children(r, 'Audience', NS.saml).map((a) => (text(a) ?? '').trim()));
  const all = lists.flat();
  if (exp.audience === undefined)
    return {
      result: skipped(
        'audience',
        'AUD_NOT_CONFIGURED',
        `No expected audience configured; the response says ${all.map((a) => show(a)).join(', ') || '(no Audience)'}.`,
      ),
    };
  if (lists.length === 0) {
    // SAML profiles 4.1.4.2: a bearer assertion MUST carry an AudienceRestriction naming the SP.
    // Auth0 writes none for an IdP-initiated login when the addon sets no "audience" (node-saml
    // lib/saml20.js adds one only `if (options.audiences)`; there is no AuthnRequest issuer to default to).
    return {
      result: failed('audience', 'AUD_MISSING', {
        expected: exp.audience,
        actual: '(no AudienceRestriction)',
        detail: 'The Assertion is not restricted to an audience.',
        hint: `Set "audience": ${JSON.stringify(exp.audience)} in the Auth0 SAML addon (Applications → your app → Addons → SAML2 Web App → Settings): without it Auth0 sends IdP-initiated logins (Flex's default redirect) with no AudienceRestriction at all.`,
      }),
    };
  }
  const expected = exp.audience;
  if (lists.every((l) => l.includes(expected))) return { result: passed('audience', `Audience ${show(expected)}.`) };
  return {
    result: failed('audience', 'AUD_MISMATCH', {
      expected,
      actual: all.join(', ') || '(empty Audience)',
      detail: 'The Assertion is meant for another service provider.',
      hint: HINT,
    }),
  };
};
