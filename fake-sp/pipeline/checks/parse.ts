// parse: the pipeline's one XML parser (xml-parser.ts: XML 1.0 line ends and characters, every
// well-formedness error fatal, DTDs refused before the parser sees them — entities are the XXE /
// billion-laughs vector), bound the depth, and name documents that are SAML but not a login
// response (logout, AuthnRequest, WS-Fed, bare Assertion, metadata).
import type { CheckCode } from '../codes.ts';
import type { Element } from '@xmldom/xmldom';
import type { Check } from '../context.ts';
import { DEFAULTS } from '../context.ts';
import { failed, passed } from '../result.ts';
import { findDeclaration, parseXml } from '../xml-parser.ts';
import { NS, descendants } from '../xml.ts';
import { overBudget } from './parse-budget.ts';

interface NotALogin {
  code: CheckCode;
  what: string;
  hint: string;
}

const NOT_A_LOGIN: Record<string, NotALogin> = {
  LogoutResponse: {
    code: 'PARSE_LOGOUT_RESPONSE',
    what: 'a SAML LogoutResponse (single logout), not a login Response',
    hint: 'This was posted to the SLO endpoint flow; a Flex login needs the Response Auth0 posts to the ACS after sign-in.',
  },
  LogoutRequest: {
    code: 'PARSE_LOGOUT_REQUEST',
    what: 'a SAML LogoutRequest, not a login Response',
    hint: 'Post the SAMLResponse from the login flow, not a logout message.',
  },
  AuthnRequest: {
    code: 'PARSE_AUTHN_REQUEST',
    what: "a SAML AuthnRequest (what the SP sends), not the IdP's Response",
    hint: 'Capture the SAMLResponse that Auth0 posts back to the ACS, not the SAMLRequest Flex sends.',
  },
  RequestSecurityTokenResponse: {
    code: 'PARSE_WSFED_TOKEN',
    what: 'a WS-Federation RequestSecurityTokenResponse, not a SAML 2.0 Response',
    hint: 'The Auth0 application uses WS-Fed; Flex needs the SAML2 Web App addon with binding HTTP-POST.',
  },
  RequestSecurityTokenResponseCollection: {
    code: 'PARSE_WSFED_TOKEN',
    what: 'a WS-Federation RequestSecurityTokenResponseCollection, not a SAML 2.0 Response',
    hint: 'The Auth0 application uses WS-Fed; Flex needs the SAML2 Web App addon with binding HTTP-POST.',
  },
  Assertion: {
    code: 'PARSE_BARE_ASSERTION',
    what: 'a bare SAML Assertion without the enclosing samlp:Response',
    hint: 'Flex receives a samlp:Response wrapping the Assertion; post the whole SAMLResponse form value.',
  },
  EntityDescriptor: {
    code: 'PARSE_METADATA',
    what: 'SAML metadata, not a login Response',
    hint: 'Metadata configures the SP (certificate, issuer, SSO URL); validate the SAMLResponse from a login instead.',
  },
  EntitiesDescriptor: {
    code: 'PARSE_METADATA',
    what: 'SAML metadata, not a login Response',
    hint: 'Metadata configures the SP; validate the SAMLResponse from a login instead.',
  },
};

export const parse: Check = (state, exp) => {
  const xml = state.xml ?? '';
  const maxDepth = exp.maxDepth ?? DEFAULTS.maxDepth;
  // A DTD is named as such even when it would also break a markup cap (billion laughs); then the
  // caps run before the parser and any signature work (markup-limits.ts).
  const declaration = findDeclaration(xml);
  const tooCostly = declaration === undefined ? overBudget(xml, exp) : undefined;
  if (tooCostly !== undefined) return { result: tooCostly };
  const parsed = parseXml(xml);
  if (!parsed.ok && parsed.code === 'PARSE_DOCTYPE') {
    return {
      result: failed('parse', 'PARSE_DOCTYPE', {
        expected: 'no DOCTYPE or ENTITY declaration',
        actual: parsed.message,
        detail: 'The document carries a DTD; DTDs and entities are refused (XXE, entity expansion).',
        hint: 'No IdP sends a DTD in a SAML response: treat this as an attack, or fix whatever rewrote the response.',
      }),
    };
  }
  if (!parsed.ok && parsed.code === 'PARSE_ILLEGAL_CHAR') {
    return {
      result: failed('parse', 'PARSE_ILLEGAL_CHAR', {
        expected: 'only characters XML 1.0 allows (no control characters other than tab, LF, CR)',
        actual: parsed.message,
        detail: 'The document contains a character that XML 1.0 forbids, so it is not well-formed XML.',
        hint: 'No XML signer emits a control character, literally or as a character reference (&#0;, &#27;): the response was altered, or built to smuggle terminal escape sequences or truncate values.',
      }),
    };
  }
  if (!parsed.ok) {
    return {
      result: failed('parse', 'PARSE_MALFORMED', {
        expected: 'well-formed XML',
        actual: parsed.message,
        detail: 'The document is not well-formed XML.',
        hint: 'The response was truncated or altered in transit; capture it again (the HAR or the form POST body).',
      }),
    };
  }
  const { doc, root, warnings } = parsed;
  let tooDeep = 0;
  descendants(root, (_el, depth) => {
    if (depth > tooDeep) tooDeep = depth;
  });
  if (tooDeep > maxDepth) {
    return {
      result: failed('parse', 'PARSE_DEPTH', {
        expected: `element depth ≤ ${maxDepth}`,
        actual: `depth ${tooDeep}`,
        detail: 'The document nests elements deeper than the limit.',
        hint: 'A SAML response is about 8 levels deep; this one is built to exhaust the parser.',
      }),
    };
  }
  const rootName = root.localName ?? root.tagName;
  const known = Object.hasOwn(NOT_A_LOGIN, rootName) ? NOT_A_LOGIN[rootName] : undefined;
  if (known !== undefined) {
    return {
      result: failed('parse', known.code, {
        expected: 'samlp:Response',
        actual: `${root.tagName} (${root.namespaceURI ?? 'no namespace'})`,
        detail: `The document is ${known.what}.`,
        hint: known.hint,
      }),
    };
  }
  if (root.localName !== 'Response' || root.namespaceURI !== NS.samlp) {
    const saml11 = root.localName === 'Response' && root.namespaceURI === 'urn:oasis:names:tc:SAML:1.0:protocol';
    return {
      result: failed('parse', saml11 ? 'PARSE_SAML11' : 'PARSE_NOT_A_RESPONSE', {
        expected: `Response in ${NS.samlp}`,
        actual: `${root.tagName} (${root.namespaceURI ?? 'no namespace'})`,
        detail: saml11 ? 'The document is a SAML 1.1 Response; Flex speaks SAML 2.0.' : 'The root element is not a SAML 2.0 Response.',
        hint: saml11 ? 'Use the Auth0 SAML2 Web App addon (SAML 2.0), not WS-Fed / SAML 1.1.' : 'Validate the SAMLResponse from the login POST to the ACS.',
      }),
    };
  }
  const rootEl: Element = root;
  return { doc, root: rootEl, result: passed('parse', `samlp:Response ${rootEl.getAttribute('ID') ?? ''}, depth ${tooDeep}.`, warnings) };
};
