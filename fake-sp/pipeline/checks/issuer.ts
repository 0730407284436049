// issuer: the Response Issuer (when present) and the Assertion Issuer must both equal the IdP
// entity ID configured in Flex ("Identity Provider Issuer").
import type { Check } from '../context.ts';
import { failed, passed, show, skipped } from '../result.ts';
import { NS, child, text } from '../xml.ts';

const HINT =
  'Flex\'s "Identity Provider Issuer" must equal the Auth0 addon\'s issuer (default `urn:<tenant domain>`, or the addon\'s "issuer" setting): copy it from Auth0 → Applications → your app → Addons → SAML2 Web App → Usage → Issuer.';

export const issuer: Check = (state, exp) => {
  const t = state.trusted!;
  const responseIssuer = text(child(t.response, 'Issuer', NS.saml))?.trim();
  const assertionIssuer = text(child(t.assertion, 'Issuer', NS.saml))?.trim();
  const seen = `Response ${show(responseIssuer)}, Assertion ${show(assertionIssuer)}`;
  if (exp.issuer === undefined) return { result: skipped('issuer', 'ISSUER_NOT_CONFIGURED', `No expected issuer configured; the response says ${seen}.`) };
  if (assertionIssuer === undefined || assertionIssuer === '') {
    return {
      result: failed('issuer', 'ISSUER_MISSING', { expected: exp.issuer, actual: '(no Assertion Issuer)', detail: 'The Assertion has no Issuer.', hint: HINT }),
    };
  }
  const wrong = [
    ...(responseIssuer !== undefined && responseIssuer !== exp.issuer ? [`Response Issuer ${show(responseIssuer)}`] : []),
    ...(assertionIssuer !== exp.issuer ? [`Assertion Issuer ${show(assertionIssuer)}`] : []),
  ];
  if (wrong.length > 0) {
    return {
      result: failed('issuer', 'ISSUER_MISMATCH', {
        expected: exp.issuer,
        actual: wrong.join(', '),
        detail: `The issuer is not the configured IdP.`,
        hint: HINT,
      }),
    };
  }
  const warnings =
    t.responseSigned || responseIssuer === undefined ? [] : ['The Response Issuer is outside the signed Assertion (not covered by a signature).'];
  return { result: passed('issuer', `Issuer ${show(exp.issuer)} (${responseIssuer === undefined ? 'Assertion' : 'Response and Assertion'}).`, warnings) };
};
